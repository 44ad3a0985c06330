"""The Overstap page: default Voorschoten → Holland Rijnland, costs, route, variants, bad input."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.presentation.maps import HIGHLIGHT_COLOURS
from dashboard.ui.state import OVERSTAP_KEY
from tests.app.page_text import page_text, plain
from tests.app.pictures import chart_maps, fills, pictures
from tests.app.tables import shown
from tests.census import dutch_int

PAGE = str(Path(__file__).resolve().parents[2] / "pages" / "overstap.py")


@pytest.fixture
def at(cbs_dir) -> AppTest:
    app = AppTest.from_file(PAGE, default_timeout=90).run()
    assert not app.exception, app.exception
    return app


@pytest.fixture(scope="module")
def default_at(cbs_dir) -> AppTest:
    """The page as it first shows, run once for the tests that only read it."""
    app = AppTest.from_file(PAGE, default_timeout=90).run()
    assert not app.exception, app.exception
    return app


def metrics(at: AppTest) -> list[tuple[str, str]]:
    return [(m.label, m.value) for m in at.metric]


def test_default_voorschoten_to_holland_rijnland(default_at, census):
    text = page_text(default_at)
    assert "Voorschoten: van Zuid-Holland Centraal naar Holland Rijnland" in text
    assert [v for label, v in metrics(default_at) if label == "Gemeenten"] == ["5", "13"]
    assert [v for label, v in metrics(default_at) if label.startswith("Inwoners")] == [
        dutch_int(census.region("AM34", without=["GM0626"])),
        dutch_int(census.region("AM19", plus=["GM0626"])),
    ]
    assert "Nederland telt voor en na de overstap" in text
    assert "Tekstversie" in text and "Bron: CBS" in text
    assert not default_at.error


def test_no_budget_no_euros_but_percent_rise(default_at):
    m = dict(metrics(default_at))
    assert m["Extra voor de blijvers, samen"] == "vul een budget in"
    # a relative rise, said as one (a bare "7,2%" beside 17,1% → 18,4% read as points)
    assert m["Deel van elke blijvende gemeente"] == "7,2% groter dan nu"
    assert m["Frictiekosten (eigen invoer)"] == "niet ingevuld"
    assert "Over frictiekosten bij uittreding staat niets" in page_text(default_at)


def test_budget_gives_euros_and_is_kept_in_state(at, census):
    at.text_input(key="overstap_budget_AM34").input("100.000").run()
    assert not at.exception
    m = dict(metrics(at))
    # per inwoner: Voorschoten's share of the budget is spread over the gemeenten that stay
    before, after = census.region("AM34"), census.region("AM34", without=["GM0626"])
    voorschoten, zoetermeer = census.gemeente("GM0626"), census.gemeente("GM0637")
    assert m["Extra voor de blijvers, samen"] == f"€ {dutch_int(100_000 * voorschoten / before)}"
    assert at.session_state[OVERSTAP_KEY]["budgets"] == {"AM34": 100_000.0}
    element = next(d for d in at.dataframe if "Aandeel voor" in d.value.columns)
    i = element.value.index[element.value["Gemeente"] == "Zoetermeer"][0]
    # the value behind the cell is as precise as its text (whole euros), for screen readers
    assert element.value.loc[i, "Bedrag voor"] == round(100_000 * zoetermeer / before)
    row = shown(element).loc[i]
    assert row["Bedrag voor"] == f"€ {dutch_int(100_000 * zoetermeer / before)}"
    assert row["Bedrag na"] == f"€ {dutch_int(100_000 * zoetermeer / after)}"


def test_equal_shares(at):
    at.radio(key="overstap_sleutel").set_value("gelijk").run()
    assert dict(metrics(at))["Deel van elke blijvende gemeente"] == "20,0% groter dan nu"
    assert at.session_state[OVERSTAP_KEY]["key"] == "gelijk"


def test_frictiekosten_input(at):
    at.text_input(key="overstap_frictie").input("€ 50.000").run()
    assert dict(metrics(at))["Frictiekosten (eigen invoer)"] == "€ 50.000"


def test_route_in_seven_steps_with_sources(default_at):
    text = page_text(default_at)
    for n in range(1, 8):
        assert f"Stap {n}." in text
    assert "4 van de 7 bestuurders" in text
    assert "Zoetermeer en Leiden" in text
    assert "Besluit Werkgebieden UWV" in text
    assert "Notitie Voorschoten" in text  # citation under each step
    assert "Leiden in plaats van Zoetermeer" in text


def test_variant_link_default_is_an_assumption(at):
    table = next(d.value for d in at.dataframe if "Lijkt op" in d.value.columns)
    assert list(table["Lijkt op"]) == ["Variant 2", "Variant 2"]
    assert all(table["Herkomst"] == "aanname (bronbeschrijving)")
    assert "Aanname:" in page_text(at)
    at.selectbox(key="overstap_variant_AM19").set_value("V1").run()
    table = next(d.value for d in at.dataframe if "Lijkt op" in d.value.columns)
    assert list(table["Herkomst"]) == ["aanname (bronbeschrijving)", "uw keuze"]
    assert at.session_state[OVERSTAP_KEY]["variant_for_region"] == {"AM19": "V1"}


def map_caption(at: AppTest) -> str:
    captions = [plain(c.value) for c in at.caption]
    return next(c for c in captions if c.startswith("Tekstversie van de kaart"))


def test_map_before_and_after_is_a_server_drawn_picture(at):
    """After (default) and before the overstap: SVG pictures, Voorschoten outlined, no WebGL."""
    assert chart_maps(at) == 0
    [(alt, svg)] = pictures(at)
    assert "na de overstap" in alt and "Voorschoten is zwart omlijnd" in alt
    assert fills(svg)["Voorschoten"] == HIGHLIGHT_COLOURS[1]  # in Holland Rijnland's colour
    assert svg.count('aria-label="Voorschoten"') == 2  # the shape and its black outline
    assert ">Voorschoten</text>" in svg  # the outline's legend entry
    assert "Holland Rijnland (AM19): Alphen aan den Rijn" in map_caption(at)
    assert "Voorschoten" in map_caption(at).split("Holland Rijnland (AM19):")[1]

    at.radio(key="overstap_kaart").set_value("Voor de overstap").run()
    assert not at.exception
    [(alt, svg)] = pictures(at)
    assert "voor de overstap" in alt
    assert fills(svg)["Voorschoten"] == HIGHLIGHT_COLOURS[0]  # still Zuid-Holland Centraal
    assert "hoort hier bij Zuid-Holland Centraal (AM34)" in map_caption(at)
    assert "Voorschoten" not in map_caption(at).split("Holland Rijnland (AM19):")[1]


def test_move_into_own_region_is_refused_and_previous_choice_kept(at):
    at.selectbox(key="overstap_naar").set_value("AM34").run()
    assert not at.exception
    assert "hoort al bij Zuid-Holland Centraal" in plain(at.error[0].value)
    assert at.session_state[OVERSTAP_KEY]["naar"] == "AM19"
    assert "Voorschoten: van Zuid-Holland Centraal naar Holland Rijnland" in page_text(at)


def test_other_move(at):
    at.selectbox(key="overstap_gemeente").set_value("GM0629").run()  # Wassenaar
    assert not at.exception
    text = page_text(at)
    assert "Wassenaar: van Zuid-Holland Centraal naar Holland Rijnland" in text
    assert "alleen voor Voorschoten → Holland Rijnland" in text
    assert at.session_state[OVERSTAP_KEY]["gemeente"] == "GM0629"


def test_centrumgemeente_leaving_is_flagged(at):
    at.selectbox(key="overstap_gemeente").set_value("GM0637").run()  # Zoetermeer
    assert not at.exception
    assert "is de centrumgemeente" in at.warning[0].value


def test_bad_settings_from_a_share_link_fall_back(cbs_dir):
    app = AppTest.from_file(PAGE, default_timeout=90)
    app.session_state[OVERSTAP_KEY] = {
        "gemeente": "GM9999",
        "naar": "AM99",
        "budgets": {"AM34": "veel"},
        "key": "x",
        "frictiekosten": -5,
        "variant_for_region": {"AM34": "V9"},
    }
    app.run()
    assert not app.exception, app.exception
    assert "Voorschoten: van Zuid-Holland Centraal naar Holland Rijnland" in page_text(app)
    assert any("Onbekende gemeente" in i.value for i in app.info)


def test_arbeidsmarkt_before_and_after_for_both_regions(default_at):
    """Voorschoten has 340 persons with bijstand: ZHC 6.750 → 6.410, HR 8.690 → 9.030."""
    assert "Arbeidsmarkt, inkomen en bedrijven: voor en na" in page_text(default_at)
    element = next(d for d in default_at.dataframe if "Indicator" in d.value.columns)
    assert element.value.set_index("Indicator").loc["Personen met bijstand", "Nederland"] == 405770
    row = shown(element).set_index("Indicator").loc["Personen met bijstand"]
    assert row["Zuid-Holland Centraal: nu"] == "6.750"
    assert row["Zuid-Holland Centraal: na overstap"] == "6.410"
    assert row["Holland Rijnland: nu"] == "8.690"
    assert row["Holland Rijnland: na overstap"] == "9.030"
    assert row["Nederland"] == "405.770"


def test_what_the_sources_say_beside_costs_and_route(default_at):
    text = page_text(default_at)
    assert "Human Capital Agenda" in text
    assert "het convenant regelt geen bijdrage van de partners" in text
    assert "Bij welke subregio van Holland Rijnland?" in text
    assert "raadsinformatiebrief" in text


def test_a_budget_above_the_limit_is_named_not_dropped_in_silence(cbs_dir):
    """€ 50 miljard was accepted as a setting (limit 1 biljoen) and then dropped by the page's
    own check (limit 10 miljard) without a word; now one limit refuses it, with a notice."""
    app = AppTest.from_file(PAGE, default_timeout=90)
    app.session_state[OVERSTAP_KEY] = {"budgets": {"AM19": 50_000_000_000}}
    app.run()
    assert not app.exception, app.exception
    shown = " ".join(i.value for i in app.info) + " ".join(w.value for w in app.warning)
    assert "50.000.000.000 is groter dan" in shown.replace("\\", "")
    assert app.text_input(key="overstap_budget_AM19").value == ""


@pytest.mark.parametrize(
    ("typed", "shown", "error"),
    [
        ("-0", "€ 0", None),  # was turned into "€ -0", which the field then refused
        ("1,005", "1,005", "hele centen"),  # was rounded to € 1,01 without a word
        ("2,5", "€ 2,50", None),
    ],
)
def test_amounts_read_back_exactly_or_are_refused(at, typed, shown, error):
    at.text_input(key="overstap_budget_AM19").input(typed).run()
    assert not at.exception
    assert at.text_input(key="overstap_budget_AM19").value == shown
    errors = " ".join(e.value for e in at.error).replace("\\", "")
    assert (error in errors) if error else not errors


def test_an_implausibly_small_budget_is_questioned(at):
    at.text_input(key="overstap_budget_AM19").input("2,5").run()
    warnings = " ".join(w.value for w in at.warning).replace("\\", "")
    assert "€ 2,50 is erg weinig voor een budget per jaar" in warnings
    assert "€ 2.500.000" in warnings


def test_a_choice_the_browser_drops_keeps_the_move(at):
    """Streamlit's browser side sometimes sends an empty selectbox value when one rerun
    interrupts another (an expander opened, then a choice made before the page was redrawn).
    The move jumped to the boxes' first options, 's-Gravenhage to Groningen, without a word."""
    at.selectbox(key="overstap_gemeente").set_value(None)
    at.selectbox(key="overstap_naar").set_value(None)
    at.run()
    assert not at.exception, at.exception
    assert at.session_state[OVERSTAP_KEY]["gemeente"] == "GM0626"
    assert at.session_state[OVERSTAP_KEY]["naar"] == "AM19"
    assert at.selectbox(key="overstap_gemeente").value == "GM0626"
    assert "Wat verandert er voor Voorschoten" in page_text(at)
    assert not at.error, [e.value for e in at.error]
