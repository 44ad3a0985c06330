"""The Kaart's first look kept beside the data (``data/artefacts``): read only while it fits."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from dashboard.core.config import SNAPSHOT_DIR
from dashboard.data import artefacts
from dashboard.data.embedded import snapshot_info


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A copy of the embedded snapshot: data files, their contents list and the document."""
    return Path(shutil.copytree(SNAPSHOT_DIR, tmp_path / "data"))


def test_the_embedded_document_is_read_as_it_came() -> None:
    document = artefacts.read(SNAPSHOT_DIR)
    assert document is not None
    assert document["format"] == artefacts.FORMAT_VERSION
    assert document["choices"]["indicators"][0] == document["default_map"]["view"]["indicator_id"]
    assert 'data-code="AM34"' in document["default_map"]["svg"]


def test_a_changed_data_file_makes_the_document_unusable(folder: Path) -> None:
    assert artefacts.read(folder) is not None
    figures = folder / "gemeente_kerncijfers.csv"
    figures.write_bytes(figures.read_bytes() + b"\n")
    assert artefacts.read(folder) is None


def test_a_new_data_file_makes_it_unusable_a_note_does_not(folder: Path) -> None:
    (folder / "LEESMIJ.txt").write_text("van mij")
    assert artefacts.read(folder) is not None
    shutil.copy(folder / "kwb_2024_gemeente.csv", folder / "kwb_2025_gemeente.csv")
    assert artefacts.read(folder) is None


@pytest.mark.parametrize("content", ["{", "[]", '{"format": 0}'])
def test_a_damaged_or_older_document_is_not_read(folder: Path, content: str) -> None:
    (folder / artefacts.FILE_NAME).write_text(content)
    assert artefacts.read(folder) is None


def test_an_older_format_is_not_read(folder: Path) -> None:
    document = json.loads((folder / artefacts.FILE_NAME).read_text())
    document["format"] = artefacts.FORMAT_VERSION - 1
    (folder / artefacts.FILE_NAME).write_bytes(artefacts.encode(document))
    assert artefacts.read(folder) is None


def test_the_cache_key_follows_the_data_and_the_drawing_not_the_code_files() -> None:
    """A folder without a document is cached on its data's content and on the embedded
    document's sum: a code change that draws differently changes that sum (the snapshot test
    makes sure), a touched source file does not."""
    key = artefacts.content_key(SNAPSHOT_DIR)
    assert key[0] == artefacts.FORMAT_VERSION
    assert key[1] == artefacts.input_sums(SNAPSHOT_DIR)
    assert key[2] == snapshot_info()["files"][artefacts.FILE_NAME]
    assert not any(".py" in name for name in key[1])
