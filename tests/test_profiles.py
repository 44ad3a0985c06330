"""Region profiles: aggregates equal member sums, years and sources, qualitative table, charts."""

from __future__ import annotations

import pytest

from dashboard.data.facts import NIET_VASTGELEGD, load_facts
from dashboard.data.sources import load_sources
from dashboard.region.profiles import (
    AGE_INDICATORS,
    build_profile,
    profile_json,
    qualitative_table,
)
from tests.census import dutch_int


@pytest.fixture(scope="module")
def data(cbs_dir):
    from dashboard.data.kerncijfers import load_kerncijfers
    from dashboard.data.regions import load_region_index

    return load_region_index(folder=cbs_dir), load_kerncijfers(cbs_dir)


@pytest.fixture(scope="module")
def zhc_hr(data):
    index, kc = data
    return build_profile("AM34", index, kc), build_profile("AM19", index, kc)


@pytest.mark.parametrize("code", ["AM34", "AM19", "AM37", "AM01", "AM38"])
@pytest.mark.parametrize("indicator", ["inwoners", "oppervlakte_land_km2", "huishoudens"])
def test_aggregate_equals_sum_of_members(data, code, indicator):
    index, kc = data
    profile = build_profile(code, index, kc)
    assert profile.indicator(indicator).value == pytest.approx(
        profile.members[indicator].sum(), rel=1e-9
    )


def test_density_recomputed_from_sums(zhc_hr):
    for profile in zhc_hr:
        dens = profile.indicator("bevolkingsdichtheid").value
        assert dens == pytest.approx(
            profile.members["inwoners"].sum() / profile.members["oppervlakte_land_km2"].sum()
        )


def test_members_match_the_cbs_indeling(zhc_hr):
    zhc, hr = zhc_hr
    assert zhc.n_gemeenten == 6 and hr.n_gemeenten == 12
    assert "GM0626" in zhc.members.index


def test_every_value_has_a_year_and_known_sources(zhc_hr):
    known = set(load_sources())
    for profile in zhc_hr:
        for value in (*profile.indicators, *profile.age):
            assert value.year in (2023, 2024)
            assert value.source_ids and set(value.source_ids) <= known


def test_years_per_indicator(zhc_hr):
    """Inwoners 2024 (85984NED); huishoudens and age structure only 2023 (wijk- en buurtkaart)."""
    zhc, _ = zhc_hr
    assert zhc.indicator("inwoners").year == 2024
    assert zhc.indicator("inwoners").source_ids == ("cbs_kerncijfers_2024",)
    assert zhc.indicator("huishoudens").year == 2023
    for indicator in AGE_INDICATORS:
        assert zhc.indicator(indicator).source_ids == ("cbs_wijkbuurtkaart_2023",)
    total = sum(zhc.indicator(i).value for i in AGE_INDICATORS)
    assert total == pytest.approx(100, abs=3)  # CBS rounds the gemeente percentages


def test_centrumgemeente_in_profile(zhc_hr, data):
    zhc, hr = zhc_hr
    assert zhc.centrumgemeente == ("Zoetermeer", "seed_000")
    assert hr.centrumgemeente == ("Leiden", "seed_000")
    index, kc = data
    assert build_profile("AM01", index, kc).centrumgemeente == (None, None)


def test_qualitative_table_has_a_source_per_filled_cell(zhc_hr, data):
    index, kc = data
    other = build_profile("AM01", index, kc)
    table = qualitative_table([*zhc_hr, other])
    known = set(load_sources())
    topics = {row.topic for row in table}
    assert {"centrumgemeente", "subregios", "wsp", "werkcentrum", "bestuur", "uwv"} <= topics
    for row in table:
        for cell in row.cells.values():
            if cell.items:
                assert cell.citations and all(c.source in known for c in cell.citations)
                assert len(cell.citations) == len(cell.items)
            else:
                assert cell.text == NIET_VASTGELEGD and cell.source_text == "geen bron"
        assert row.cells["AM01"].text == NIET_VASTGELEGD
    werkcentrum = next(r for r in table if r.topic == "werkcentrum")
    assert "27 juni 2025" in werkcentrum.cells["AM34"].text
    assert "juli 2025" in werkcentrum.cells["AM19"].text


def test_kennemerland_seed_composition_differs_from_2025(data):
    """seed 003 (2013): nine gemeenten; CBS 2025 AM37: seven (PROVENANCE.md § 2)."""
    index, kc = data
    profile = build_profile("AM37", index, kc)
    assert profile.n_gemeenten == 7
    assert profile.composition_differs()
    rows = {r.gemeente_naam: r for r in profile.composition}
    assert rows["Uitgeest"].in_seed and rows["Uitgeest"].region_2025 == "AM15"
    assert rows["Haarlemmerliede en Spaarnwoude"].region_2025 == ""
    assert sum(r.in_seed for r in profile.composition) == 9
    assert sum(r.region_2025 == "AM37" for r in profile.composition) == 7
    assert profile.name_in_source[0].startswith("Zuid- en Midden-Kennemerland")


def test_zhc_composition_equals_seed(zhc_hr):
    zhc, hr = zhc_hr
    assert not zhc.composition_differs() and not hr.composition_differs()


def test_profile_json(zhc_hr, census):
    doc = profile_json(zhc_hr[0])
    assert doc["code"] == "AM34"
    assert doc["centrumgemeente"] == {"name": "Zoetermeer", "source": "seed_000"}
    assert {g["code"] for g in doc["gemeenten"]} >= {"GM0626"}
    assert doc["indicators"]["inwoners"]["value"] == census.region("AM34")
    assert all(f["source"] for f in doc["facts"])
    amounts = {a["id"]: a for a in doc["amounts"]}
    assert amounts["pow_voorschoten"]["amount_eur"] == 22_136
    assert amounts["bijdrage_voorschoten_2020"]["approx"] is True
    assert all(a["source"] == "seed_000" for a in doc["amounts"])


def test_every_fact_shown_has_a_source_entry(zhc_hr):
    known = set(load_sources())
    fb = load_facts()
    for profile in zhc_hr:
        assert profile.facts
        for fact in profile.facts:
            assert fact.citation.source in known
            assert fact in fb.facts


# --- chart builders -------------------------------------------------------------------------
def test_chart_builders_and_text_alternatives(zhc_hr, data, census):
    from dashboard.presentation.charts import profiles as charts
    from dashboard.presentation.narrative import chart_texts
    from dashboard.region.overstap import cost_model, simulate

    def series(spec: dict) -> list[str]:
        return [r["reeks"] for r in spec["data"]["values"]]

    members = series(charts.members_spec(zhc_hr))
    assert members.count(members[0]) == 6 and len(members) == 18
    text = chart_texts.members_text(zhc_hr)
    assert f"Zoetermeer ({dutch_int(census.gemeente('GM0637'))})" in text
    assert len(series(charts.totals_spec(zhc_hr))) == 6
    assert dutch_int(census.region("AM34")) in chart_texts.totals_text(zhc_hr)
    assert len(set(series(charts.age_spec(zhc_hr)))) == 2
    assert "65 jaar en ouder" in chart_texts.age_text(zhc_hr)
    index, kc = data
    result = simulate(index, kc, "GM0626", "AM19")
    assert "van 6 naar 5 gemeenten" in chart_texts.before_after_text(result)
    assert len(set(series(charts.before_after_spec(result)))) == 2
    model = cost_model(result, {"AM34": 100_000})
    spec = charts.cost_spec(model, "AM34", "Zuid-Holland Centraal")
    assert len(spec["encoding"]["y"]["sort"]) == 6
    assert "€ 100.000" in chart_texts.cost_text(model, "AM34", "Zuid-Holland Centraal")
    assert "procent" in chart_texts.cost_text(model, "AM19", "Holland Rijnland")
