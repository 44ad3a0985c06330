"""The Robuustheid page: verdict first, the weighting of the Varianten page, the sampling form."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from dashboard.mcda.criteria import load_matrix
from tests.app.page_text import page_text
from tests.session import set_weighting

PAGE = str(Path(__file__).resolve().parents[2] / "pages" / "robuustheid.py")
SMALL = {"samples": 2_000, "seed": 1, "mode": "all", "near_pct": 20.0, "group_ranking": []}


def run_page(config: dict | None = None, settings: dict | None = None) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=90)
    at.session_state["robustness_settings"] = dict(settings or SMALL)
    if config is not None:
        set_weighting(at, config)
    at.run()
    assert not at.exception, at.exception
    return at


def test_smoke_verdict_first_with_sources_and_assumption() -> None:
    at = run_page()
    shown = page_text(at)
    assert at.title[0].value == "Robuustheid"
    assert at.subheader[0].value == "Hoe stevig is de uitkomst?"
    assert "De uitkomst is stevig. Variant 1 scoort het hoogst in" in shown
    assert "van alle denkbare wegingen" in shown
    assert "dan blijft Variant 1 het hoogst, hoeveel gewicht werkgevers ook krijgen" in shown
    assert "Daarom scoort Variant 1 nooit lager dan Variant 2" in shown
    assert "Aanname: de handreiking geeft alleen tekens" in shown
    assert "Bron: Handreiking ontwikkelvarianten" in shown
    # the verdict comes before the analysts' part
    assert shown.index("Variant 1 scoort het hoogst in") < shown.index("Voor analisten")
    # a source line under every chart tab and the text alternatives
    assert sum("Bron:" in c.value for c in at.caption) >= 6
    assert "Over 2.000 willekeurige wegingen" in shown
    assert "Van de 24 gewichten die meetellen" in shown
    assert not at.error


def test_uses_the_weighting_of_the_varianten_page() -> None:
    at = run_page({"criteria": {"wz04": 10}})
    shown = page_text(at)
    assert (
        "dan blijft Variant 1 het hoogst zolang werkzoekenden tussen 0% en 53% van het gewicht "
        "krijgen (nu 33%)." in shown
    )
    assert "Variant 3 wint alleen als werkzoekenden meer dan 53% wegen." in shown


def test_rating_overrides_are_followed() -> None:
    """Local judgements of the Varianten page: V3 '++' everywhere makes V3 win every sample."""
    config = {"ratings": {c: {"V3": "++"} for c in load_matrix().criterion_ids}}
    at = run_page(config)
    shown = page_text(at)
    assert "Variant 3 scoort het hoogst in 100% van alle denkbare wegingen" in shown
    assert "Met 21 eigen oordelen die afwijken van de handreiking." in shown


def test_form_near_current_weights() -> None:
    at = run_page()
    at.radio[0].set_value("near")
    at.slider[0].set_value(10)
    at.button[0].click().run()
    assert not at.exception, at.exception
    shown = page_text(at)
    assert "van de wegingen rond de huidige (elk gewicht hoogstens 10% hoger of lager)" in shown
    assert at.session_state["robustness_settings"]["mode"] == "near"


def test_form_bad_group_order_keeps_previous_settings() -> None:
    at = run_page()
    at.radio[0].set_value("ranking")
    for box in at.selectbox[:3]:
        if box.key and box.key.startswith("robuustheid_volgorde_"):
            box.set_value("werkgevers")
    at.button[0].click().run()
    assert not at.exception, at.exception
    assert any("niet gebruikt" in e.value for e in at.error)
    assert at.session_state["robustness_settings"]["mode"] == "all"
    assert "van alle denkbare wegingen" in page_text(at)


def test_form_group_order() -> None:
    at = run_page()
    at.radio[0].set_value("ranking")
    boxes = [b for b in at.selectbox if b.key and b.key.startswith("robuustheid_volgorde_")]
    for box, group in zip(boxes, ["werkzoekenden", "werkgevers", "gemeenten_uwv"], strict=True):
        box.set_value(group)
    at.button[0].click().run()
    assert not at.exception, at.exception
    assert "met de volgorde werkzoekenden, werkgevers, gemeenten en UWV" in page_text(at)


def test_choosing_another_weight_for_the_score_lines() -> None:
    at = run_page({"groups": {"werkzoekenden": 8}})
    box = next(b for b in at.selectbox if b.label == "Welk gewicht?")
    options = list(box.options)
    box.set_value(
        options.index(next(o for o in options if o.startswith("Concurrerend aanbod")))
    ).run()
    assert not at.exception, at.exception
    assert (
        "Variant 3 wint alleen als concurrerend aanbod (bij inzet regelingen/voorzieningen) "
        "meer dan 47% weegt binnen werkzoekenden." in page_text(at)
    )


def test_invalid_stored_settings_are_reset_with_a_notice() -> None:
    at = run_page(settings={"samples": -5, "seed": 1, "mode": "ranking", "group_ranking": ["x"]})
    assert any("teruggezet" in n.value for n in at.info)
    assert at.session_state["robustness_settings"]["samples"] == 100_000
    assert "van alle denkbare wegingen" in page_text(at)
