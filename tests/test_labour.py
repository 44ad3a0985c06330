"""Labour-market, income and business indicators from the KWB table (CBS 85984NED)."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

from dashboard.data.cbs import kwb_frame, read_kerncijfers
from dashboard.data.indicators import GROUPS, INDICATORS
from dashboard.data.kerncijfers import aggregate, load_kerncijfers, national
from dashboard.data.labour import LABOUR_INDICATORS, SECTOR_INDICATORS, labour_comparison
from dashboard.data.regions import load_region_index
from dashboard.data.sources import load_sources

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data" / "cbs"
needs_shared = pytest.mark.skipif(
    not (SHARED / "kwb_2024_gemeente.csv").is_file(), reason="../shared/data/cbs ontbreekt"
)


@needs_shared
def test_am34_hand_computed_from_the_csv() -> None:
    """Zuid-Holland Centraal (AM34), from the rows of kwb_2024_gemeente.csv:

    gemeente               bijstand  WW    15-25   25-45   45-65   werkzaam  particip.  vestig.
    Voorschoten (GM0626)     340     160   2860    5242    7091    12980     72         3455
    Wassenaar (GM0629)       370     170   3118    4693    8006    12110     65         3980
    Zoetermeer (GM0637)     2950    1040  14648   32399   33048    66800     70        14795
    Lansingerland (GM1621)   720     450   7892   15237   18421    36630     78         9785
    Leidschendam-V. (GM1916)1790     560   7590   19306   20593    39120     70         9820
    Pijnacker-N. (GM1926)    580     330   7725   13166   17169    33040     78         7400

    bijstand 6750, WW 2710; inwoners 15-65 = 238204; bijstand per 1.000 = 6750/238204*1000
    = 28.34; werkzame beroepsbevolking 200680; participation = 200680 / (12980/.72 +
    12110/.65 + 66800/.70 + 36630/.78 + 39120/.70 + 33040/.78) = 72.37 %; vestigingen 49235.
    """
    kc = load_kerncijfers(SHARED)
    index = load_region_index(2025, SHARED)
    row = aggregate(kc, index.membership(), 2024).loc["AM34"]
    assert row["bijstand"] == 6750
    assert row["ww"] == 2710
    assert row["bijstand_per_1000"] == pytest.approx(6750 / 238204 * 1000)
    assert row["werkzame_beroepsbevolking"] == 200680
    implied = 12980 / 0.72 + 12110 / 0.65 + 66800 / 0.70 + 36630 / 0.78 + 39120 / 0.70
    implied += 33040 / 0.78
    assert row["netto_arbeidsparticipatie"] == pytest.approx(200680 / implied * 100)
    assert row["bedrijfsvestigingen"] == 49235
    assert row["bedrijfsvestigingen_per_1000"] == pytest.approx(49235 / 382914 * 1000)


@needs_shared
def test_national_sums_match_provenance() -> None:
    """PROVENANCE.md §4: national sums bijstand 405,770, WW 158,520, AO 785,530."""
    nl = national(load_kerncijfers(SHARED), 2024)
    assert (nl["bijstand"], nl["ww"], nl["ao"]) == (405770, 158520, 785530)


def _kwb(rows: list[dict]) -> pd.DataFrame:
    raw = pd.DataFrame(rows).astype(str).replace({"None": ""})
    return kwb_frame(raw, 2024, "test")


def test_missing_member_value_makes_the_region_value_unavailable() -> None:
    """Income is missing for B: region R (A+B) has no income, S (C only) has one, and so does
    the count-based indicator of R; Nederland (all three) has no income either."""
    kwb = _kwb(
        [
            {"WijkenEnBuurten": "GM0001    ", "Gemeentenaam_1": "A   ",
             "AantalInkomensontvangers_76": "800",
             "GemiddeldInkomenPerInkomensontvanger_77": "40.0",
             "GemiddeldInkomenPerInwoner_78": "32.0", "PersonenPerSoortUitkeringBijstand_87": "10"},
            {"WijkenEnBuurten": "GM0002    ", "Gemeentenaam_1": "B",
             "AantalInkomensontvangers_76": "", "GemiddeldInkomenPerInkomensontvanger_77": "",
             "GemiddeldInkomenPerInwoner_78": "", "PersonenPerSoortUitkeringBijstand_87": "20"},
            {"WijkenEnBuurten": "GM0003", "Gemeentenaam_1": "C",
             "AantalInkomensontvangers_76": "400",
             "GemiddeldInkomenPerInkomensontvanger_77": "30.0",
             "GemiddeldInkomenPerInwoner_78": "20.0", "PersonenPerSoortUitkeringBijstand_87": "30"},
        ]
    )  # fmt: skip
    kwb["inwoners"] = [1000.0, 500.0, 600.0]
    kwb["bron"] = "CBS 85984NED test"
    out = aggregate(kwb, {"GM0001": "R", "GM0002": "R", "GM0003": "S"}, 2024)
    assert math.isnan(out.loc["R", "inkomen_per_inwoner"])
    assert out.loc["R", "bijstand"] == 30
    assert out.loc["S", "inkomen_per_inwoner"] == pytest.approx(20.0)
    assert math.isnan(national(kwb, 2024)["inkomen_per_inwoner"])
    both = aggregate(kwb, {"GM0001": "T", "GM0003": "T"}, 2024).loc["T", "inkomen_per_inwoner"]
    # total income 800*40 + 400*30 = 44000 over 1000 + 600 implied inwoners
    assert both == pytest.approx(44000 / (800 * 40 / 32 + 400 * 30 / 20))


def test_columns_are_matched_without_their_number_and_codes_are_stripped() -> None:
    """Another revision numbers bijstand ``_94``: it is read the same way."""
    kwb = _kwb(
        [
            {"WijkenEnBuurten": "GM0626    ", "Gemeentenaam_1": "Voorschoten    ",
             "PersonenPerSoortUitkeringBijstand_94": "340"},
            {"WijkenEnBuurten": "WK062600  ", "Gemeentenaam_1": "Voorschoten",
             "PersonenPerSoortUitkeringBijstand_94": "300"},
        ]
    )  # fmt: skip
    assert kwb["gemeente_code"].tolist() == ["GM0626"]
    assert kwb["gemeente_naam"].tolist() == ["Voorschoten"]
    assert kwb["bijstand"].tolist() == [340.0]


def test_every_labour_indicator_has_its_own_source_with_period() -> None:
    sources = load_sources()
    for indicator_id in (*LABOUR_INDICATORS, *SECTOR_INDICATORS):
        ind = INDICATORS[indicator_id]
        assert ind.group in GROUPS[1:]
        entry = sources[ind.source_id]
        assert entry.table_id == "85984NED"
        assert entry.column and entry.period and entry.unit and entry.rounding and entry.status
    benefit = sources["cbs_kwb_2024_bijstand"]
    assert "tientallen" in benefit.rounding and "voorlopig" in benefit.status


@needs_shared
def test_comparison_block_has_both_regions_and_nederland() -> None:
    kc = read_kerncijfers(SHARED)
    index = load_region_index(2025, SHARED)
    comp = labour_comparison(
        kc, index.membership(), [("AM34", "Zuid-Holland Centraal"), ("AM19", "Holland Rijnland")]
    )
    assert comp.year == 2024
    assert [name for _, name in comp.areas] == [
        "Zuid-Holland Centraal", "Holland Rijnland", "Nederland"
    ]  # fmt: skip
    assert comp.row("bijstand").text("AM34") == "6.750"
    assert comp.row("inkomen_per_inwoner").text("NL") == "niet beschikbaar"
    assert len(comp.member_table("AM19")) == 12
    assert comp.table().shape == (len(LABOUR_INDICATORS), 6)
    assert comp.row("pct_armoede").text("NL") != "niet beschikbaar"


@needs_shared
def test_rates_chart_has_a_bar_per_area_with_numbers_and_a_text_alternative() -> None:
    from dashboard.presentation.charts.profiles import labour_rates_spec
    from dashboard.presentation.narrative.regions import rates_text

    kc = read_kerncijfers(SHARED)
    index = load_region_index(2025, SHARED)
    comp = labour_comparison(
        kc, index.membership(), [("AM34", "Zuid-Holland Centraal"), ("AM19", "Holland Rijnland")]
    )
    spec = labour_rates_spec(comp)
    rows = spec["data"]["values"]
    names = spec["layer"][0]["encoding"]["color"]["scale"]["domain"]
    assert names == ["Zuid-Holland Centraal", "Holland Rijnland", "Nederland"]
    assert [r["label"] for r in rows if r["reeks"] == names[0]] == ["28,3", "11,4", "55,8"]
    # Nederland not told apart by colour alone: a dashed outline
    assert all(r["omlijnd"] == (r["reeks"] == "Nederland") for r in rows)
    text = rates_text(comp)
    assert "Zuid-Holland Centraal 28,3" in text and "Nederland 35,1" in text


@needs_shared
def test_overstap_moves_voorschoten_counts() -> None:
    from dashboard.data.labour import before_after_table
    from dashboard.region.overstap import labour_before_after

    kc = read_kerncijfers(SHARED)
    index = load_region_index(2025, SHARED)
    before, after = labour_before_after(index, kc, "GM0626", "AM19")
    assert before.row("bijstand").values["AM34"] - after.row("bijstand").values["AM34"] == 340
    assert after.row("bijstand").values["AM19"] - before.row("bijstand").values["AM19"] == 340
    table = before_after_table(before, after).set_index("Indicator")
    assert table.loc["Bedrijfsvestigingen", "Holland Rijnland: na overstap"] == "77.110"


def test_boundary_names_replace_slightly_different_cbs_names() -> None:
    kwb = _kwb(
        [
            {"WijkenEnBuurten": "GM0164    ", "Gemeentenaam_1": "Hengelo (O.)   ",
             "PersonenPerSoortUitkeringBijstand_87": "1000"},
        ]
    )  # fmt: skip
    kwb["inwoners"] = [80000.0]
    kwb["bron"] = "CBS 85984NED test"
    comp = labour_comparison(
        kwb, {"GM0164": "AM28"}, [("AM28", "Twente")], names={"GM0164": "Hengelo"}
    )
    assert comp.member_table("AM28")["Gemeente"].tolist() == ["Hengelo"]


@needs_shared
def test_armoede_hand_computed_and_available_for_nederland() -> None:
    """Armoede is a share of the people of a gemeente, so it is weighted by inwoners (1 January
    2024), from the rows of kwb_2024_gemeente.csv:

    gemeente               inwoners  % armoede
    Voorschoten (GM0626)     25625     2.1
    Wassenaar (GM0629)       27100     3.7
    Zoetermeer (GM0637)     128434     2.8
    Lansingerland (GM1621)   65594     1.7
    Leidschendam-V. (GM1916) 78229     3.3
    Pijnacker-N. (GM1926)    57932     1.7

    AM34 = (25625*2.1 + 27100*3.7 + 128434*2.8 + 65594*1.7 + 78229*3.3 + 57932*1.7) / 382914
         = 981 862.5 / 382 914 = 2.564 %.
    CBS does not publish income for Schiermonnikoog, Vlieland (AM02) and Rozendaal (AM07) but
    does publish their armoede (3.5, 4.8 and 2.4 %): their regions and Nederland have a value.
    """
    kc = load_kerncijfers(SHARED)
    index = load_region_index(2025, SHARED)
    regions = aggregate(kc, index.membership(), 2024)
    weighted = 25625 * 2.1 + 27100 * 3.7 + 128434 * 2.8 + 65594 * 1.7 + 78229 * 3.3
    weighted += 57932 * 1.7
    assert regions.loc["AM34", "pct_armoede"] == pytest.approx(weighted / 382914)
    assert regions.loc["AM34", "pct_armoede"] == pytest.approx(2.564, abs=5e-4)
    for code in ("AM02", "AM07"):
        assert not math.isnan(regions.loc[code, "pct_armoede"])
        assert math.isnan(regions.loc[code, "inkomen_per_inwoner"])  # a part is not published
    nl = national(kc, 2024)
    assert 3.0 < nl["pct_armoede"] < 3.3
    assert math.isnan(nl["inkomen_per_inwoner"])


def test_armoede_does_not_need_the_income_figures() -> None:
    """B has no published income but an armoede share: the region has armoede, not income."""
    kwb = _kwb(
        [
            {"WijkenEnBuurten": "GM0001", "Gemeentenaam_1": "A", "PersonenInArmoede_81": "2.0",
             "AantalInkomensontvangers_76": "800",
             "GemiddeldInkomenPerInkomensontvanger_77": "40.0",
             "GemiddeldInkomenPerInwoner_78": "32.0"},
            {"WijkenEnBuurten": "GM0002", "Gemeentenaam_1": "B", "PersonenInArmoede_81": "5.0",
             "AantalInkomensontvangers_76": "100", "GemiddeldInkomenPerInkomensontvanger_77": "",
             "GemiddeldInkomenPerInwoner_78": ""},
        ]
    )  # fmt: skip
    kwb["inwoners"] = [3000.0, 1000.0]
    kwb["bron"] = "CBS 85984NED test"
    row = aggregate(kwb, {"GM0001": "R", "GM0002": "R"}, 2024).loc["R"]
    assert row["pct_armoede"] == pytest.approx((3000 * 2.0 + 1000 * 5.0) / 4000)
    assert math.isnan(row["inkomen_per_inwoner"])


@needs_shared
def test_every_row_of_the_block_carries_its_period_and_cbs_sector_titles() -> None:
    kc = read_kerncijfers(SHARED)
    index = load_region_index(2025, SHARED)
    comp = labour_comparison(kc, index.membership(), [("AM34", "Zuid-Holland Centraal")])
    table = comp.table().set_index("Indicator")
    assert table.loc["Personen met bijstand", "Periode"] == "31 december 2024, voorlopig"
    assert table.loc["Gemiddeld inkomen per inwoner", "Periode"] == "inkomen over 2023, voorlopig"
    assert table.loc["Netto arbeidsparticipatie", "Periode"] == "2024, voorlopig"
    assert table.loc["Bedrijfsvestigingen", "Periode"] == "1 januari 2024, voorlopig"
    assert (
        "AOW-leeftijd van 67"
        in table.loc["Personen met bijstand per 1.000 inwoners van 15 tot 65 jaar", "Periode"]
    )
    assert (table["Periode"].str.len() > 0).all()
    sectors = comp.sector_table()
    assert "G+I Handel en horeca" in sectors["Sector"].tolist()
    assert "H+J Vervoer, informatie en communicatie" in sectors["Sector"].tolist()
    assert (sectors["Periode"] == "1 januari 2024, voorlopig").all()
    members = comp.member_table("AM34")
    assert "Personen met bijstand (31 december 2024, voorlopig)" in members.columns
    assert "Gemiddeld inkomen per inwoner (inkomen over 2023, voorlopig)" in members.columns


def test_method_note_says_which_denominators_are_used() -> None:
    from dashboard.presentation.narrative.regions import METHOD_NOTE

    assert "86258NED" in METHOD_NOTE  # CBS publishes the participation denominator there
    assert "werkzame beroepsbevolking ÷ participatie" in METHOD_NOTE  # ... this one is used
    assert "AOW-leeftijd (67 jaar" in METHOD_NOTE and "15 tot 65 jaar" in METHOD_NOTE
    assert "Armoede: het aantal inwoners" in METHOD_NOTE
    unit = INDICATORS["netto_arbeidsparticipatie"]
    assert "afgeleide noemer" in unit.unit and "86258NED" in unit.method
