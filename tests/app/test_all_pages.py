"""Smoke tests: app.py and every page file run without an exception and show their Dutch title;
missing data gives the Dutch help page on every page, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
PAGES = {
    "pages/kaart.py": "Kaart",
    "pages/regios.py": "egio",
    "pages/overstap.py": "Overstap",
    "pages/varianten.py": "arianten",
    "pages/robuustheid.py": "Robuust",
    "pages/scenarios.py": "Scenario",
    "pages/presentatie.py": "",
    "pages/bronnen.py": "Bronnen",
}


def texts(at: AppTest) -> str:
    parts = (
        [e.value for e in at.title] + [e.value for e in at.markdown] + [e.value for e in at.header]
    )
    parts += [e.value for e in at.subheader] + [e.value for e in at.caption]
    parts += [e.value for e in at.error] + [e.value for e in at.info]
    return "\n".join(str(p) for p in parts)


def test_app_opens_on_the_map(cbs_dir: Path) -> None:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert not at.exception, at.exception
    assert "Kaart van de arbeidsmarktregio's" in texts(at)
    assert not at.error


@pytest.mark.parametrize(("page", "title"), PAGES.items())
def test_every_page_via_the_app(cbs_dir: Path, page: str, title: str) -> None:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90).run()
    at.switch_page(page).run()
    assert not at.exception, at.exception
    assert title in texts(at)


@pytest.mark.parametrize("page", PAGES)
def test_missing_data_gives_the_dutch_help_page(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, page: str
) -> None:
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(tmp_path / "ontbreekt"))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90).run()
    at.switch_page(page).run()
    assert not at.exception, at.exception
    shown = texts(at)
    assert "Traceback" not in shown
    # Pages that need CBS data show the help page; pages that don't just work.
    if "Gegevens niet gevonden" in shown:
        assert "ontbreekt" in shown and "DASHBOARD_DATA_DIR" in shown
        assert "data download" in shown


def test_corrupt_kerncijfers_gives_the_help_page(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, cbs_dir: Path
) -> None:
    for name in ("arbeidsmarktregio_2025.topojson", "gemeente_2025.topojson"):
        (tmp_path / name).write_bytes((cbs_dir / name).read_bytes())
    (tmp_path / "gemeente_kerncijfers.csv").write_text("kapot\n\x00\x01", encoding="utf-8")
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(tmp_path))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90).run()
    assert not at.exception, at.exception
    assert "Gegevens niet gevonden" in texts(at)
    assert "gemeente_kerncijfers.csv" in texts(at)
