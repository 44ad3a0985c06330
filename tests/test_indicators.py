"""Indicator definitions: one reference period per indicator, CBS's status and sector titles."""

from __future__ import annotations

import pytest

from dashboard.data.indicators import INDICATORS, SECTOR_PREFIX, SECTORS, indicator_period
from dashboard.data.labour import LABOUR_INDICATORS, SECTOR_INDICATORS
from dashboard.data.sources import load_sources

#: The periods of the 2024 edition of 85984NED, and how each is known (see data/SOURCES.yaml):
#: uitkeringen: CBS states "standcijfers op de laatste dag van verslagmaand december"; the year
#: follows from the national bijstand total (405.770, CBS: about 406.000 at the end of 2024);
#: arbeid: the values equal CBS 86258NED "Arbeidsdeelname; wijken en buurten, 2024";
#: inkomen: CBS states "het inkomen over het verslagjaar"; 2023 by the national armoede share;
#: bedrijfsvestigingen: CBS states "op 1 januari" of the verslagjaar 2024.
EXPECTED_2024 = {
    "bijstand": "31 december 2024, voorlopig",
    "ww": "31 december 2024, voorlopig",
    "ao": "31 december 2024, voorlopig",
    "werkzame_beroepsbevolking": "2024, voorlopig",
    "netto_arbeidsparticipatie": "2024, voorlopig",
    "pct_werknemers": "2024, voorlopig",
    "pct_zelfstandigen": "2024, voorlopig",
    "inkomen_per_inwoner": "inkomen over 2023, voorlopig",
    "pct_armoede": "inkomen over 2023, voorlopig",
    "bedrijfsvestigingen": "1 januari 2024, voorlopig",
    "bedrijfsvestigingen_per_1000": "1 januari 2024, voorlopig",
    **{sector: "1 januari 2024, voorlopig" for sector in SECTOR_INDICATORS},
    "inwoners": "1 januari 2024",
    "woningvoorraad": "1 januari 2024",
}


@pytest.mark.parametrize("indicator_id", sorted(EXPECTED_2024))
def test_each_indicator_has_its_period(indicator_id: str) -> None:
    assert indicator_period(indicator_id, 2024).text == EXPECTED_2024[indicator_id]


@pytest.mark.parametrize("indicator_id", list(INDICATORS))
def test_every_indicator_has_a_period_and_says_how_it_is_known(indicator_id: str) -> None:
    period = indicator_period(indicator_id, 2024)
    assert period.label and period.basis
    assert "niet bevestigd" not in period.text and "peildatum" not in period.text


def test_the_period_of_the_labour_figures_is_stated_or_its_inference_named() -> None:
    sources = load_sources()
    for indicator_id in (*LABOUR_INDICATORS, *SECTOR_INDICATORS):
        entry = sources[INDICATORS[indicator_id].source_id]
        assert entry.edition == 2024
        assert entry.period_label.removeprefix("inkomen over ") in entry.period
        assert "CBS" in entry.period  # what CBS says, quoted
        inferred = "afgeleid" in entry.period_basis
        assert inferred == ("afgeleid" in entry.period.lower()), indicator_id


def test_cbs_calls_the_labour_income_and_business_figures_provisional() -> None:
    """CBS: "Het betreft voorlopige cijfers" (uitkeringen, participatie, werknemers,
    zelfstandigen, inkomen); "De cijfers hebben een voorlopig karakter" (bedrijfsvestigingen)."""
    sources = load_sources()
    for indicator_id in (*LABOUR_INDICATORS, *SECTOR_INDICATORS):
        entry = sources[INDICATORS[indicator_id].source_id]
        assert entry.provisional and entry.status.startswith("voorlopig"), indicator_id
        assert "definitief" not in entry.status.lower()
        assert indicator_period(indicator_id, 2024).text.endswith(", voorlopig")


def test_another_edition_gets_no_borrowed_period() -> None:
    assert indicator_period("bijstand", 2025).text == "tabeljaar 2025, periode niet vastgesteld"
    assert indicator_period("inwoners", 2023).text == "1 januari 2023"


def test_benefit_rates_say_who_is_counted_when() -> None:
    """Benefits run to the AOW age (67 in 2024) and are counted on 31 December; the
    denominator is the population of 15 to 65 on 1 January."""
    text = indicator_period("bijstand_per_1000", 2024).text
    assert text == (
        "31 december 2024 (uitkeringen tot de AOW-leeftijd van 67; "
        "inwoners 15 tot 65 jaar: 1 januari 2024), voorlopig"
    )
    method = INDICATORS["bijstand_per_1000"].method
    assert "AOW-leeftijd (67" in method and "31 december" in method


def test_sector_labels_are_cbs_titles() -> None:
    """85984NED DataProperties, titles of the eight sector topics."""
    assert [label for _, label in SECTORS] == [
        "A Landbouw, bosbouw en visserij",
        "B-F Nijverheid en energie",
        "G+I Handel en horeca",
        "H+J Vervoer, informatie en communicatie",
        "K-L Financiële diensten, onroerend goed",
        "M-N Zakelijke dienstverlening",
        "O-Q Overheid, onderwijs en zorg",
        "R-U Cultuur, recreatie, overige diensten",
    ]
    for column, label in SECTORS:
        assert INDICATORS[column].label == SECTOR_PREFIX + label
        assert "–" not in INDICATORS[column].label


def test_armoede_is_weighted_by_the_people_it_is_a_share_of() -> None:
    """Not by the income population, which CBS suppresses for three small gemeenten."""
    assert INDICATORS["pct_armoede"].weight == "inwoners"
    assert INDICATORS["pct_werknemers"].weight == "werkzame_beroepsbevolking"
    assert INDICATORS["netto_arbeidsparticipatie"].weight == "bevolking_15_74_afgeleid"
