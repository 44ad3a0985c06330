"""Names from a data folder are text on every page that shows them, never Markdown.

A mirror or a colleague's data folder decides the region and gemeente names. The folder here is
the real one with the default regions (Zuid-Holland Centraal, Holland Rijnland) and Voorschoten
renamed to carry an image, a link, a colour directive, a formula, bold, italics and HTML
(``tests/hostile_data.py``). Each page must show those names literally wherever Streamlit renders
Markdown: headers, captions, sentences, widget labels, radio options, ``st.table`` cells.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.page_text import markdown_texts, plain
from tests.hostile_data import (
    HOSTILE_GEMEENTE,
    HOSTILE_REGION,
    HOSTILE_TARGET,
    make_hostile_data,
)

PAGES = Path(__file__).resolve().parents[2] / "pages"
#: The parts of the names that would become markup if they reached Markdown unescaped.
LIVE = (
    "![x](",
    "[klik](",
    ":red[ROOD]",
    "$$x^2$$",
    "![y](",
    "**vet**",
    "<b>",
    "![g](",
    "<img",
    "_schuin_",
)


@pytest.fixture(scope="module")
def hostile_dir(cbs_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_hostile_data(cbs_dir, tmp_path_factory.mktemp("cbs-hostile"))


@pytest.fixture
def hostile(hostile_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(hostile_dir))
    return hostile_dir


def open_page(name: str) -> AppTest:
    at = AppTest.from_file(str(PAGES / name), default_timeout=120).run()
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    return at


def assert_literal(at: AppTest, *shown: str) -> None:
    """No hostile part is live Markdown anywhere; each of ``shown`` reads literally somewhere."""
    texts = markdown_texts(at)
    for text in texts:
        unescaped = re.sub(r"\\.", "", text)  # what Markdown could still act on
        for live in LIVE:
            assert live not in unescaped, f"{live!r} als opmaak in: {text[:300]}"
    seen = "\n".join(plain(t) for t in texts)
    for text in shown:
        assert text in seen, text


def test_kaart_shows_region_names_as_text(hostile: Path) -> None:
    at = open_page("kaart.py")
    assert_literal(at, f"{HOSTILE_REGION} (AM34)")
    assert plain(at.subheader[0].value) == f"{HOSTILE_REGION} (AM34)"
    alternative = next(plain(c.value) for c in at.caption if "Tekstversie van de kaart" in c.value)
    assert f"Uitgelicht: {HOSTILE_REGION} (" in alternative


def test_regios_shows_region_and_gemeente_names_as_text(hostile: Path) -> None:
    at = open_page("regios.py")
    assert_literal(
        at,
        f"{HOSTILE_REGION} (AM34)",
        f"{HOSTILE_TARGET} (AM19)",
        HOSTILE_GEMEENTE,  # in the map's text version
    )
    assert [plain(s.value) for s in at.subheader[:2]] == [
        f"{HOSTILE_REGION} (AM34)",
        f"{HOSTILE_TARGET} (AM19)",
    ]
    # the region choice is a selectbox: its options are plain text, shown as they are
    assert at.selectbox(key="regios_a").format_func("AM34") == f"{HOSTILE_REGION} (AM34)"


def test_overstap_shows_names_as_text_in_headers_and_labels(hostile: Path) -> None:
    at = open_page("overstap.py")
    assert_literal(
        at,
        f"{HOSTILE_GEMEENTE}: van {HOSTILE_REGION} naar {HOSTILE_TARGET}",
        f"Regiobudget {HOSTILE_REGION} (euro per jaar)",
        f"WSP van {HOSTILE_TARGET} lijkt het meest op",
        f"{HOSTILE_TARGET} (AM19)",
    )
    assert plain(at.header[0].value) == (
        f"{HOSTILE_GEMEENTE}: van {HOSTILE_REGION} naar {HOSTILE_TARGET}"
    )


def test_presentatie_shows_names_as_text_in_every_step(hostile: Path) -> None:
    at = open_page("presentatie.py")
    seen: list[str] = []
    for step in at.radio(key="presentatie_stap").options:
        at.radio(key="presentatie_stap").set_value(step).run()
        assert not at.exception and not at.error, step
        assert_literal(at)
        seen += [plain(t) for t in markdown_texts(at)]
    assert any(HOSTILE_REGION in t for t in seen)
    assert any(HOSTILE_GEMEENTE in t for t in seen)


def test_bronnen_shows_the_data_folder_name_as_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The folder in ``DASHBOARD_DATA_DIR`` is named on Bronnen en methode: as text."""
    folder = tmp_path / "cbs ![x](e.vil.example) :red[ROOD] $$x^2$$"
    folder.mkdir()
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(folder))
    at = open_page("bronnen.py")
    assert_literal(at, str(folder))
