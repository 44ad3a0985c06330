"""Smoke tests: app.py and every page file run to their end without an error and show their own
content; missing data gives the Dutch help page on every page that needs data, never a traceback.

``run_guarded`` turns an unexpected exception into a Dutch ``st.error``, so ``at.exception`` alone
would let a broken page pass: these tests also require ``at.error`` to be empty and look for a
text the page shows only near its end.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.page_text import page_text

ROOT = Path(__file__).resolve().parents[2]
#: page -> (its title, a text the page shows only after rendering its main content)
PAGES = {
    "pages/kaart.py": ("Kaart van de arbeidsmarktregio's", "**Gemeenten:**"),
    "pages/regios.py": ("Regio's vergelijken", "Gemeenten met hun cijfers"),
    "pages/overstap.py": ("Overstap naar een andere arbeidsmarktregio", "De route: wie beslist"),
    "pages/varianten.py": ("Varianten voor de dienstverlening aan werkgevers", "De drie varianten"),
    "pages/robuustheid.py": ("Robuustheid", "Voor analisten"),
    "pages/scenarios.py": ("Scenario's", "Link naar deze weergave"),
    "pages/presentatie.py": ("Presentatie: arbeidsmarktregio", "De vraag"),
    "pages/bronnen.py": ("Bronnen en methode", "Gegevensmap"),
}
#: Pages that need the CBS files; the others work without them.
NEED_DATA = {"pages/kaart.py", "pages/regios.py", "pages/overstap.py"}


def titles(at: AppTest) -> list[str]:
    return [str(e.value) for e in at.title]


def open_page(page: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90).run()
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def test_app_opens_on_the_map(cbs_dir: Path) -> None:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    assert titles(at) == ["Kaart van de arbeidsmarktregio's"]
    assert PAGES["pages/kaart.py"][1] in page_text(at)


@pytest.mark.parametrize(("page", "title", "content"), [(p, *v) for p, v in PAGES.items()])
def test_every_page_via_the_app(cbs_dir: Path, page: str, title: str, content: str) -> None:
    at = open_page(page)
    assert not at.error, [e.value for e in at.error]
    assert len(titles(at)) == 1 and titles(at)[0].startswith(title), titles(at)
    assert content in page_text(at)


@pytest.mark.parametrize("page", PAGES)
def test_missing_data_gives_the_dutch_help_page(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, page: str
) -> None:
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(tmp_path / "ontbreekt"))
    at = open_page(page)
    shown = page_text(at)
    assert "Traceback" not in shown
    title, content = PAGES[page]
    assert titles(at)[0].startswith(title)
    if page in NEED_DATA:
        assert titles(at)[1:] == ["Gegevens niet gevonden"]
        assert "ontbreekt" in shown and "DASHBOARD_DATA_DIR" in shown
        assert "data download" in shown
    else:
        assert not at.error, [e.value for e in at.error]
        assert "Gegevens niet gevonden" not in shown
        assert content in shown


def test_corrupt_kerncijfers_gives_the_help_page(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, cbs_dir: Path
) -> None:
    for name in ("arbeidsmarktregio_2025.topojson", "gemeente_2025.topojson"):
        (tmp_path / name).write_bytes((cbs_dir / name).read_bytes())
    (tmp_path / "gemeente_kerncijfers.csv").write_text("kapot\n\x00\x01", encoding="utf-8")
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(tmp_path))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90).run()
    assert not at.exception, at.exception
    assert "Gegevens niet gevonden" in page_text(at)
    assert "gemeente_kerncijfers.csv" in page_text(at)


def _tabs_place(at: AppTest) -> int:
    """Where in the page's main column the block holding the tabs stands."""
    for index, node in at.main.children.items():
        if any(type(child).__name__ == "Tab" for child in getattr(node, "children", {}).values()):
            return index
    raise AssertionError("geen tabbladen op de pagina")


def test_a_notice_leaves_everything_below_it_in_its_place(cbs_dir: Path) -> None:
    """A notice (here: after saving) shows above the page and is gone on the next run. The page
    below must keep its place: the browser draws keyed tabs afresh, first tab open, when they
    come in at another place, so a file read in "Bestanden" was answered in a tab the user was
    no longer looking at."""
    at = open_page("pages/scenarios.py")
    without = _tabs_place(at)
    at.session_state["notices"] = ["Scenario ‘Eerst opgeslagen’ is opgeslagen."]
    at.run()
    assert any("is opgeslagen" in str(i.value) for i in at.info)
    assert _tabs_place(at) == without
