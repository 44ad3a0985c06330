"""Presentatie page: eight locked steps, previous/next, text alternatives, downloads.

AppTest does not draw charts or run the download callables; the PDF and the deck themselves
are tested in ``tests/test_reports.py``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.core.errors import ValidationError
from dashboard.core.markup import escape_markdown
from dashboard.presentation.reports.content import PRESENTATION_STEPS
from tests.app.page_text import plain
from tests.session import set_weighting

PAGE = str(Path(__file__).resolve().parents[2] / "pages" / "presentatie.py")
TITLES = [
    "De vraag",
    "Kaart van de arbeidsmarktregio's",
    "De twee regio's naast elkaar",
    "Arbeidsmarkt, inkomen en bedrijven",
    "Overstap: voor en na",
    "Ontwikkelvarianten van het WSP: scores",
    "Hoe stevig is de uitkomst?",
    "Conclusie",
]


def run_page(config: dict | None = None) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=120)
    if config is not None:
        set_weighting(at, config)
    at.run()
    assert not at.exception, at.exception
    return at


def snapshot(at: AppTest) -> dict:
    return {
        "headers": [plain(h.value) for h in at.header],  # headings are escaped text
        "captions": " ".join(c.value for c in at.caption),
        "captions_each": [c.value for c in at.caption],
        "expanders": [e.label for e in at.expander],
        "prev_disabled": at.button(key="presentatie_vorige").disabled,
        "next_disabled": at.button(key="presentatie_volgende").disabled,
        "widgets": {
            kind: len(getattr(at, kind))
            for kind in ("slider", "number_input", "text_input", "text_area", "selectbox")
        },
        "radio_options": list(at.radio(key="presentatie_stap").options),
    }


@pytest.fixture(scope="module")
def walk(cbs_dir) -> tuple[AppTest, list[dict]]:
    """The page at every step, reached with the Volgende button (AppTest is one mutable object,
    so each step is recorded as a snapshot)."""
    at = run_page()
    states = [snapshot(at)]
    for _ in PRESENTATION_STEPS[1:]:
        at.button(key="presentatie_volgende").click().run()
        assert not at.exception, at.exception
        states.append(snapshot(at))
    return at, states


def test_steps_in_order_and_no_editing_widgets(walk) -> None:
    first = walk[1][0]
    # short names in the selector (one line on a projector); the full title heads the step
    assert first["radio_options"] == [
        "1. Vraag",
        "2. Kaart",
        "3. Regio's",
        "4. Arbeidsmarkt",
        "5. Overstap",
        "6. Varianten",
        "7. Robuustheid",
        "8. Conclusie",
    ]
    assert first["headers"] == ["De vraag"]
    # Weights are locked: no sliders, number inputs, text inputs or selects on this page.
    assert set(first["widgets"].values()) == {0}
    assert first["prev_disabled"] and not first["next_disabled"]


def test_next_walks_through_every_step(walk) -> None:
    at, states = walk
    assert [s["headers"][0] for s in states] == TITLES
    assert states[-1]["next_disabled"]
    at.button(key="presentatie_vorige").click().run()
    assert plain(at.header[0].value) == "Hoe stevig is de uitkomst?"


def test_every_chart_step_has_a_text_version_and_source(walk) -> None:
    for state, key in zip(walk[1], PRESENTATION_STEPS, strict=True):
        assert escape_markdown("Bron:") in state["captions"], key
        if key in ("kaart", "overstap", "varianten", "robuustheid"):
            assert any(label.startswith("Tekstversie") for label in state["expanders"]), key


def test_a_step_names_its_sources_in_one_line(walk) -> None:
    # the opening step read "Bron: Notitie …. Bron: Handreiking …": two lines glued together
    for key, state in enumerate(walk[1]):
        for caption in state["captions_each"]:
            assert caption.count(escape_markdown("Bron:")) <= 1, (key, caption)


def test_scores_follow_the_session_weighting(cbs_dir) -> None:
    only_wz04 = {
        "groups": {"werkgevers": 0, "gemeenten_uwv": 0},
        "criteria": {"wz01": 0, "wz02": 0, "wz03": 0},
    }
    at = run_page(only_wz04)
    at.radio(key="presentatie_stap").set_value("varianten").run()
    lead = " ".join(m.value for m in at.markdown)
    # Only 'concurrerend aanbod' counts: V3 is rated + there, V1 and V2 -/- (seed 004, §8).
    assert "Variant 3 het hoogst" in lead


def test_an_invalid_weighting_never_reaches_the_session() -> None:
    # the session holds validated problems only: a bad mapping is refused where it comes in
    with pytest.raises(ValidationError, match="negatief"):
        set_weighting(AppTest.from_string(""), {"groups": {"werkgevers": -3}})


def test_export_buttons_present(walk) -> None:
    at = walk[0]
    labels = [b.label for b in at.button if b.key and b.key.endswith("_maken")]
    assert labels == ["PDF-rapport maken", "PowerPoint maken"]


def test_pdf_is_made_then_saved(cbs_dir) -> None:
    at = run_page()
    at.button(key="presentatie_pdf_maken").click().run()
    assert not at.exception and not at.error
    assert [el.proto.label for el in at.get("download_button")] == ["PDF-rapport opslaan"]
    _token, data = at.session_state["presentatie_pdf_bestand"]
    assert data.startswith(b"%PDF")


def test_an_export_that_fails_says_so_in_dutch(cbs_dir, monkeypatch) -> None:
    """A PDF that cannot be laid out gave no file and no word; now one Dutch line."""
    from dashboard.core.errors import DashboardError
    from dashboard.presentation.reports import pdf

    def broken(*args: object, **kwargs: object) -> bytes:
        raise DashboardError("het PDF-rapport kon niet worden opgemaakt")

    monkeypatch.setattr(pdf, "build_pdf", broken)
    at = run_page()
    at.button(key="presentatie_pdf_maken").click().run()
    assert not at.exception
    assert [e.value for e in at.error] == [
        "Dit lukt niet: " + escape_markdown("het PDF-rapport kon niet worden opgemaakt") + "."
    ]
    assert not at.get("download_button")


def test_user_text_is_never_markup(cbs_dir) -> None:
    at = run_page(
        {
            "ratings": {"gu08": {"V3": "+"}},
            "reasons": {"gu08": {"V3": "<script>alert(1)</script> **vet**"}},
        }
    )
    assert not at.exception
    assert all("<script>" not in m.value or "\\<script\\>" in m.value for m in at.markdown)


def test_report_follows_the_robuustheid_sampling(cbs_dir) -> None:
    """After a change on Robuustheid, the Presentatie (and its PDF and slides, built from the
    same content) uses that sampling, not the defaults."""
    at = AppTest.from_file(PAGE, default_timeout=120)
    at.session_state["robustness_settings"] = {
        "samples": 2_000,
        "seed": 7,
        "mode": "near",
        "near_pct": 10.0,
        "group_ranking": [],
    }
    at.run()
    at.radio(key="presentatie_stap").set_value("robuustheid").run()
    assert not at.exception, at.exception
    text = " ".join(m.value for m in at.markdown)
    assert escape_markdown("hoogstens 10% hoger of lager") in text


def test_a_page_that_shows_charts_leaves_the_exports_charts_as_they_were(cbs_dir: Path) -> None:
    """Regression: Streamlit's ``st.vega_lite_chart`` writes " " into a legend's null title, in
    the spec it is given; the chart builders shared one legend dict and the page handed Streamlit
    the spec itself, so after the Regio's page
    every later chart in the server (the Presentatie's PDF and slides too) had that title, and
    the exports fell back from their native drawing to the chart engine."""
    from dashboard.presentation.charts import native
    from dashboard.presentation.reports.content import ReportInput, build_report_content
    from tests.app.test_all_pages import open_page

    open_page("pages/regios.py")
    charts = build_report_content(ReportInput()).charts
    assert [c.key for c in charts if not native.accepts(c.spec)] == []
