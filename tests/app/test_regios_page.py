"""The 'Regio's vergelijken' page: defaults, sources per cell, choosing regions, bad choice."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.presentation.maps import HIGHLIGHT_COLOURS
from dashboard.ui.state import COMPARE_KEY
from tests.app.page_text import page_text, plain, plain_table
from tests.app.pictures import chart_maps, fills, pictures
from tests.app.tables import shown
from tests.census import dutch_int

PAGE = str(Path(__file__).resolve().parents[2] / "pages" / "regios.py")


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


def centrum(at: AppTest) -> list[str]:
    prefix = "**Centrumgemeente:** "
    return [m.value.removeprefix(prefix) for m in at.markdown if m.value.startswith(prefix)]


def test_default_is_zhc_and_holland_rijnland(at):
    text = page_text(at)
    assert "Regio's vergelijken" in text
    assert "Zuid-Holland Centraal (AM34)" in text and "Holland Rijnland (AM19)" in text
    assert centrum(at) == ["Zoetermeer", "Leiden"]
    assert [m.value for m in at.metric if m.label == "Gemeenten"] == ["6", "12"]
    assert not at.error


def test_kerncijfers_table_has_year_and_source_per_row(default_at, census):
    table = default_at.dataframe[0].value
    assert list(table.columns) == [
        "Kerncijfer",
        "Zuid-Holland Centraal (AM34)",
        "Holland Rijnland (AM19)",
        "Peildatum",
        "Bron",
    ]
    row = table.index[table["Kerncijfer"] == "Inwoners"][0]
    inwoners = table.loc[row]
    assert inwoners["Zuid-Holland Centraal (AM34)"] == census.region("AM34")
    assert shown(default_at.dataframe[0]).loc[row, "Zuid-Holland Centraal (AM34)"] == dutch_int(
        census.region("AM34")
    )
    assert inwoners["Peildatum"] == "1 januari 2024" and "85984NED" in inwoners["Bron"]
    assert (table["Bron"].str.len() > 0).all()


def test_every_source_in_the_grid_is_read_whole(default_at):
    """The grid cut each row's source off after three lines of its column ("CBS, Wijk- en
    buurtkaart 2023 v1: huishou…"). A row now names its table; the topic and the date stand in
    the row's own columns and the full lines under the table."""
    from dashboard.ui.figures import ONE_LINE_CHARS, ROW_LINES

    table = default_at.dataframe[0].value
    widths = {
        k: v.get("width") for k, v in json.loads(default_at.dataframe[0].proto.columns).items()
    }
    room = ROW_LINES * ONE_LINE_CHARS * (2 if widths["Bron"] == "large" else 1)
    assert table["Bron"].str.len().max() <= room, table["Bron"].unique()
    assert set(table["Bron"]) == {
        "CBS, Kerncijfers wijken en buurten 2024 (85984NED)",
        "CBS, Wijk- en buurtkaart 2023 v1",
    }
    assert "bevolking, woningen en oppervlakte (1 januari 2024)" in page_text(default_at)


def test_qualitative_table_has_a_source_per_cell(default_at):
    table = plain_table(
        next(t.value for t in default_at.table if t.value.index.name == "Onderwerp")
    ).reset_index()
    for _, row in table.iterrows():
        for code in ("AM34", "AM19"):
            cell = row[next(c for c in table.columns if c.endswith(f"({code})"))]
            source = row[f"Bron {code}"]
            if cell == "niet vastgelegd in de bronnen":
                assert source == "geen bron"
            else:  # the document's title, never an internal reference like seed_000
                assert source and "seed_" not in source
    werkcentrum = table[table["Onderwerp"] == "Werkcentrum / Werkplein"].iloc[0]
    assert "27 juni 2025" in werkcentrum["Zuid-Holland Centraal (AM34)"]


def test_amounts_from_the_memo_are_shown_with_source(default_at):
    element = next(d for d in default_at.dataframe if "Bedrag" in d.value.columns)
    amounts = element.value
    assert 15_000 in list(amounts["Bedrag"])  # a number, shown as text:
    assert "ongeveer € 15.000" in list(shown(element)["Bedrag"])
    assert "€ 22.136" in list(shown(element)["Bedrag"])
    assert amounts["Bron"].str.contains("Notitie Voorschoten").all()
    assert not amounts["Bron"].str.contains("seed_").any()


def test_every_chart_has_a_text_alternative_and_source(default_at):
    text = page_text(default_at)
    assert text.count("Tekstversie") >= 4
    assert "Bron: CBS" in text


def test_map_is_a_server_drawn_picture_beside_its_text(default_at):
    """The map arrives as SVG in the text (no map drawn in the browser, no WebGL), named for
    screen readers."""
    assert chart_maps(default_at) == 0
    [(alt, svg)] = pictures(default_at)
    assert alt.startswith("Kaart van de gemeenten van Zuid-Holland Centraal (AM34) en Holland")
    colour = fills(svg)
    assert len(colour) == 6 + 12
    assert colour["Zoetermeer"] == HIGHLIGHT_COLOURS[0] and colour["Leiden"] == HIGHLIGHT_COLOURS[1]
    assert "Zuid-Holland Centraal (AM34)" in svg and "Holland Rijnland (AM19)" in svg  # legend
    captions = [c.value for c in default_at.caption]
    assert any(c.startswith("Tekstversie van de kaart") and "Zoeterwoude" in c for c in captions)


def test_map_follows_the_chosen_regions(at):
    at.selectbox(key="regios_b").set_value("AM37").run()
    [(alt, svg)] = pictures(at)
    assert "Zuid-Kennemerland en IJmond (AM37)" in alt
    assert "Leiden" not in fills(svg) and "Haarlem" in fills(svg)


def test_choosing_kennemerland_shows_the_2013_composition(at):
    at.selectbox(key="regios_b").set_value("AM37").run()
    assert not at.exception
    assert at.session_state[COMPARE_KEY] == ["AM34", "AM37"]
    text = page_text(at)
    assert "Zuid- en Midden-Kennemerland" in text
    comp = next(d.value for d in at.dataframe if "In de bron" in d.value.columns)
    uitgeest = comp[comp["Gemeente"] == "Uitgeest"].iloc[0]
    assert uitgeest["Regio in 2025 (CBS)"].endswith("(AM15)")
    assert len(comp) == 9


def test_same_region_twice_keeps_the_previous_comparison(at):
    at.selectbox(key="regios_b").set_value("AM34").run()
    assert not at.exception
    assert "twee verschillende regio's" in plain(at.error[0].value)
    assert at.session_state[COMPARE_KEY] == ["AM34", "AM19"]
    assert centrum(at) == ["Zoetermeer", "Leiden"]


def test_region_without_seed_facts_says_niet_vastgelegd(at):
    at.selectbox(key="regios_a").set_value("AM01").run()
    assert not at.exception
    assert centrum(at)[0] == "niet vastgelegd"


def test_arbeidsmarkt_block_shows_regions_nederland_and_method(default_at):
    text = page_text(default_at)
    assert "Arbeidsmarkt, inkomen en bedrijven" in text
    assert "Hoe de regiowaarden zijn berekend" in text
    assert "herberekend" in text  # the page says how participation/income are made
    tables = [d.value for d in default_at.dataframe]
    element = next(
        d
        for d in default_at.dataframe
        if "Indicator" in d.value.columns and "Nederland" in d.value.columns
    )
    row = element.value.set_index("Indicator").loc["Personen met bijstand"]
    assert row["Zuid-Holland Centraal"] == 6750
    text = shown(element).set_index("Indicator").loc["Personen met bijstand"]
    assert text["Zuid-Holland Centraal"] == "6.750"
    assert any(
        "Tekstversie: Personen met bijstand per 1.000" in plain(c.value) for c in default_at.caption
    )
    # the gemeenten behind it, each column with its period
    assert any("Personen met bijstand (31 december 2024, voorlopig)" in t.columns for t in tables)


def _after_centrumgemeente(app: AppTest) -> list[str]:
    """Each caption that follows a "**Centrumgemeente:**" line, in page order."""

    def walk(node):  # type: ignore[no-untyped-def]
        yield node
        for child in getattr(node, "children", {}).values():
            yield from walk(child)

    out, after = [], False
    for node in walk(app.main):
        if node.type == "markdown" and str(node.value).startswith("**Centrumgemeente:**"):
            after = True
        elif after and node.type == "caption":
            out.append(node.value)
            after = False
    return out


def test_the_centrumgemeente_source_reads_as_on_the_kaart(at, cbs_dir) -> None:
    """Under a region's centrumgemeente the Kaart said "Bron: …" and Regio's "Centrumgemeente:
    Bron: …"; for a region no document covers, each had its own sentence. Now both say the
    same (``narrative.regions.centrumgemeente_source``)."""
    kaart = AppTest.from_file(str(Path(PAGE).with_name("kaart.py")), default_timeout=90).run()
    for region, documented in (("AM34", True), ("AM01", False)):
        kaart.selectbox(key="kaart_regio").set_value(region).run()
        at.selectbox(key="regios_a").set_value(region).run()
        assert not kaart.exception and not at.exception
        (on_kaart,) = _after_centrumgemeente(kaart)
        assert _after_centrumgemeente(at)[0] == on_kaart
        assert on_kaart.startswith("Bron: ") == documented
