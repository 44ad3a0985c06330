"""The data files parse to the same values with libyaml as with PyYAML's own parser."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from dashboard.core import yamlfile
from dashboard.core.config import project_data_dir

DATA_FILES = sorted(project_data_dir().rglob("*.yaml"))


def test_there_are_data_files() -> None:
    assert len(DATA_FILES) >= 5


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: p.name)
def test_same_values_as_the_pure_python_loader(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    expected = yaml.safe_load(text)
    got = yamlfile.safe_load(text)
    assert got == expected
    assert repr(got) == repr(expected)  # same types too (dates, ints, floats)


def test_unsafe_tags_are_refused() -> None:
    with pytest.raises(yamlfile.YAMLError):
        yamlfile.safe_load("!!python/object/apply:os.system ['true']")
