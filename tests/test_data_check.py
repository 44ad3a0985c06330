"""The one data-folder check: a configured folder is refused as a download would be, with one
Dutch sentence, before any page or command trips over it."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from dashboard.cli import main
from dashboard.core.config import SNAPSHOT_DIR
from dashboard.core.errors import DataMissingError
from dashboard.data.regions import load_region_index


def _folder(tmp_path: Path, edit: Callable[[dict], None], layer: str) -> Path:
    """A copy of the snapshot with one layer changed by ``edit``."""
    folder = tmp_path / "data"
    shutil.copytree(SNAPSHOT_DIR, folder)
    path = folder / f"{layer}_2025.geojson"
    doc = json.loads(path.read_text(encoding="utf-8"))
    edit(doc)
    path.write_text(json.dumps(doc), encoding="utf-8")
    return folder


def _no_geometry(doc: dict) -> None:
    doc["features"][3]["geometry"] = None


def _half(doc: dict) -> None:
    doc["features"] = doc["features"][::2]


def _a_point(doc: dict) -> None:
    doc["features"][0]["geometry"] = {"type": "Point", "coordinates": [4.4, 52.1]}


CASES = {
    "region without geometry": (_no_geometry, "arbeidsmarktregio", "zonder vlak"),
    "half the gemeenten": (_half, "gemeente", "171 gebieden in plaats van 342"),
    "a point for a region": (_a_point, "arbeidsmarktregio", "zonder vlak"),
}


@pytest.mark.parametrize("case", CASES)
def test_a_damaged_data_folder_is_refused_in_dutch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], case: str
) -> None:
    """Regression: a region without geometry crashed every page and command (AttributeError);
    a gemeente layer with half its features passed silently."""
    edit, layer, message = CASES[case]
    folder = _folder(tmp_path, edit, layer)
    monkeypatch.setenv("DASHBOARD_CACHE_DIR", str(tmp_path / "cache"))
    with pytest.raises(DataMissingError, match=message):
        load_region_index(2025, folder)
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(folder))
    assert main(["regions"]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and message in err
    assert "AttributeError" not in err


def test_the_shared_folder_and_the_snapshot_pass(cbs_dir: Path) -> None:
    from dashboard.data.data_check import check_folder

    assert dict(check_folder(cbs_dir, 2025).counts) == {"arbeidsmarktregio": 35, "gemeente": 342}
    assert len(check_folder(SNAPSHOT_DIR, 2025).membership) == 342


def test_a_gemeente_missing_from_the_figures_is_refused(tmp_path: Path) -> None:
    from dashboard.data.data_check import check_folder

    folder = tmp_path / "data"
    shutil.copytree(SNAPSHOT_DIR, folder)
    kwb = folder / "kwb_2024_gemeente.csv"
    lines = kwb.read_text(encoding="utf-8").splitlines(keepends=True)
    kwb.write_text("".join(line for line in lines if not line.startswith("GM0626")))
    with pytest.raises(DataMissingError, match="GM0626"):
        check_folder(folder, 2025)


@pytest.mark.parametrize(
    ("content", "hidden"),
    [
        (
            "gemeente_code,gemeente_naam,jaar,inwoners,bron\nGM0001,A,twintig,5,x\n",
            "invalid literal",
        ),
        (
            "gemeente_code,gemeente_naam,jaar,inwoners,bron\nGM0001,A,2024,veel,x\n",
            "Unable to parse",
        ),
    ],
)
def test_figures_that_are_not_numbers_are_named_without_pandas_words(
    tmp_path: Path, content: str, hidden: str
) -> None:
    """Regression: ``invalid literal for int()`` (and pandas' parser text) reached the user."""
    from dashboard.data.cbs import read_kerncijfers

    (tmp_path / "gemeente_kerncijfers.csv").write_text(content, encoding="utf-8")
    with pytest.raises(DataMissingError, match="regel 2") as info:
        read_kerncijfers(tmp_path)
    assert hidden not in str(info.value) and "int()" not in str(info.value)


def test_an_unreadable_layer_is_named_without_the_drivers_words(tmp_path: Path) -> None:
    """Regression: GDAL's own (English) text was part of the message."""
    from dashboard.data.cbs import read_layer

    (tmp_path / "gemeente_2025.geojson").write_text("{ dit is geen json", encoding="utf-8")
    with pytest.raises(DataMissingError, match="kan niet worden gelezen als kaartlaag") as info:
        read_layer("gemeente", 2025, tmp_path)
    assert "(" not in str(info.value).split("kaartlaag")[1].split("Zet")[0]
    assert "GDAL" not in str(info.value) and "recognized" not in str(info.value)
