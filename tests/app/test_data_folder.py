"""A damaged or oddly named data folder gives the Dutch help page, as plain text, on every page
that needs data; never a crash."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.core.config import SNAPSHOT_DIR
from tests.app.page_text import page_sources, page_text
from tests.app.test_all_pages import ROOT

PAYLOAD = "` ![x](http://e.vil.example/p.png) [klik](http://e.vil.example) :red[ROOD] `"


@pytest.mark.parametrize("page", ["pages/kaart.py", "pages/regios.py"])
def test_a_region_without_geometry_gives_the_help_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, page: str
) -> None:
    """Regression: a region without geometry crashed every page (AttributeError)."""
    folder = tmp_path / "data"
    shutil.copytree(SNAPSHOT_DIR, folder)
    path = folder / "arbeidsmarktregio_2025.geojson"
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["features"][3]["geometry"] = None
    path.write_text(json.dumps(doc), encoding="utf-8")
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(folder))
    monkeypatch.setenv("DASHBOARD_CACHE_DIR", str(tmp_path / "cache"))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90).run()
    if page != "pages/kaart.py":
        at.switch_page(page).run()
    assert not at.exception, at.exception
    shown = page_text(at)
    assert "Gegevens niet gevonden" in shown
    assert "zonder vlak" in shown and "onverwachts" not in shown


def test_markdown_in_the_data_folder_name_stays_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Regression: Markdown in DASHBOARD_DATA_DIR reached the "Gegevens niet gevonden" page
    (the path stood in a code span that a backtick in the path closed)."""
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(tmp_path / PAYLOAD))
    monkeypatch.setenv("DASHBOARD_CACHE_DIR", str(tmp_path / "cache"))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90).run()
    assert not at.exception, at.exception
    assert "Gegevens niet gevonden" in page_text(at)
    source = "\n".join(page_sources(at))  # the Markdown as Streamlit gets it
    assert "ROOD" in source and "klik" in source  # the path is shown ...
    for raw in ("![x](", "[klik](", ":red[", "` !"):  # ... but as text, never as Markdown
        assert raw not in source, raw
