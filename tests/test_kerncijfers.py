"""Aggregation per region: sums of counts, ratios from sums, missing stays missing."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from dashboard.data.kerncijfers import (
    aggregate,
    gemeente_figures,
    latest_year,
    load_kerncijfers,
    source_ids,
)
from dashboard.data.regions import load_region_index
from tests.census import Census


def synthetic() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "gemeente_code": ["GM0001", "GM0002", "GM0003"],
            "gemeente_naam": ["A", "B", "C"],
            "jaar": [2024, 2024, 2024],
            "inwoners": [1000.0, 3000.0, 500.0],
            "oppervlakte_land_km2": [10.0, 10.0, 5.0],
            "bevolkingsdichtheid_inw_per_km2_land": [100.0, 300.0, 100.0],
            "huishoudens": [400.0, np.nan, 200.0],
            "gemiddelde_huishoudensgrootte": [2.5, 2.0, 2.5],
            "pct_65_plus": [10.0, 30.0, 20.0],
            "bron": ["CBS 85984NED x"] * 3,
        }
    )


def test_worked_example() -> None:
    """Region R = A + B: inwoners 4000; land 20 km²; density 4000/20 = 200 (not the mean of
    100 and 300 weighted otherwise); 65+: (100 + 900) / 4000 = 25 %; huishoudens missing for B,
    so the region's households are missing too, never 400."""
    out = aggregate(synthetic(), {"GM0001": "R", "GM0002": "R", "GM0003": "S"}, 2024)
    r = out.loc["R"]
    assert r["n_gemeenten"] == 2
    assert r["inwoners"] == 4000
    assert r["oppervlakte_land_km2"] == 20
    assert r["bevolkingsdichtheid"] == pytest.approx(200.0)
    assert r["pct_65_plus"] == pytest.approx(25.0)
    assert math.isnan(r["huishoudens"])
    assert math.isnan(r["gemiddelde_huishoudensgrootte"])
    s = out.loc["S"]
    assert s["huishoudens"] == 200 and s["gemiddelde_huishoudensgrootte"] == pytest.approx(2.5)


def test_density_is_not_a_mean_of_densities() -> None:
    kc = synthetic()
    kc.loc[1, "oppervlakte_land_km2"] = 30.0  # B: 3000 inw on 30 km²
    out = aggregate(kc, {"GM0001": "R", "GM0002": "R"}, 2024)
    assert out.loc["R", "bevolkingsdichtheid"] == pytest.approx(4000 / 40)


def test_a_member_without_a_row_makes_counts_missing() -> None:
    out = aggregate(synthetic(), {"GM0001": "R", "GM9999": "R"}, 2024)
    assert math.isnan(out.loc["R", "inwoners"])


def test_real_data_national_totals(cbs_dir: Path, census: Census) -> None:
    kc = load_kerncijfers(cbs_dir)
    index = load_region_index(2025, cbs_dir)
    for year in (2024, 2023):
        out = aggregate(kc, index.membership(), year)
        assert len(out) == 35
        assert out["inwoners"].sum() == census.total(year)
        assert out["n_gemeenten"].sum() == 342
    assert latest_year(kc) == 2024
    assert source_ids(kc, 2024) == ("cbs_kerncijfers_2024",)
    assert source_ids(kc, 2023) == ("cbs_wijkbuurtkaart_2023",)


def test_region_equals_sum_of_members(cbs_dir: Path, census: Census) -> None:
    kc = load_kerncijfers(cbs_dir)
    index = load_region_index(2025, cbs_dir)
    out = aggregate(kc, index.membership(), 2024)
    gem = gemeente_figures(kc, 2024)
    members = [g.code for g in index.members("AM34")]
    assert out.loc["AM34", "inwoners"] == gem.loc[members, "inwoners"].sum()
    assert gem.loc["GM0626", "inwoners"] == census.gemeente("GM0626", 2024)


def test_every_indicator_has_a_known_group() -> None:
    from dashboard.data.indicators import GROUPS, INDICATORS, grouped

    assert all(ind.group in GROUPS for ind in INDICATORS.values())
    groups = grouped(INDICATORS)
    assert list(groups) == [g for g in GROUPS if g in groups]
    assert sum(len(v) for v in groups.values()) == len(INDICATORS)


def test_years_per_indicator_agrees_with_asking_per_year(cbs_dir: Path) -> None:
    from dashboard.data.indicators import INDICATORS
    from dashboard.data.kerncijfers import load_kerncijfers, years, years_per_indicator
    from tests.reference import available

    kc = load_kerncijfers(cbs_dir)
    table = years_per_indicator(kc)
    assert set(table) == set(INDICATORS)
    for indicator_id, found in table.items():
        assert found == tuple(y for y in years(kc) if available(kc, indicator_id, y))
    assert table["inwoners"]  # the population is there in every data folder


def _memberships(index) -> dict[str, dict[str, str]]:  # type: ignore[no-untyped-def]
    base = index.membership()
    moved = dict(base)
    moved["GM0626"] = "AM19"  # Voorschoten to Holland Rijnland
    own = {g: r for g, r in base.items() if r in {"AM34", "AM19"}}
    return {
        "indeling": base,
        "overstap": moved,
        "two regions": own,
        "one region": {g: r for g, r in base.items() if r == "AM34"},
        "with an unknown gemeente": {**own, "GM9999": "AM34"},
        "Nederland": dict.fromkeys(base, "NL"),
    }


MEMBERSHIPS = (
    "indeling",
    "overstap",
    "two regions",
    "one region",
    "with an unknown gemeente",
    "Nederland",
)


@pytest.mark.parametrize("name", MEMBERSHIPS)
def test_aggregate_equals_the_region_by_region_loop_on_real_data(cbs_dir: Path, name: str) -> None:
    """The vectorised aggregation gives exactly (bit for bit) what summing each region's members
    one indicator at a time gives, for every year of the real data."""
    from dashboard.data.kerncijfers import years
    from tests.reference import aggregate_loop

    kc = load_kerncijfers(cbs_dir)
    membership = _memberships(load_region_index(2025, cbs_dir))[name]
    for year in years(kc):
        expected = aggregate_loop(kc, membership, year)
        got = aggregate(kc, membership, year)
        pd.testing.assert_frame_equal(got, expected, check_exact=True)


def test_aggregate_equals_the_loop_on_edge_cases() -> None:
    """Zero denominators, missing weights and an empty membership, as the loop treats them."""
    from tests.reference import aggregate_loop

    kc = synthetic()
    kc.loc[2, ["inwoners", "oppervlakte_land_km2", "huishoudens"]] = 0.0
    kc.loc[0, "gemiddelde_huishoudensgrootte"] = np.nan
    for membership in (
        {"GM0001": "R", "GM0002": "R", "GM0003": "S"},
        {"GM0003": "S"},
        {"GM0002": "R", "GM0001": "R"},
    ):
        pd.testing.assert_frame_equal(
            aggregate(kc, membership, 2024),
            aggregate_loop(kc, membership, 2024),
            check_exact=True,
        )
    assert aggregate(kc, {}, 2024).empty


def test_gemeente_figures_are_derived_once_per_table_and_year(monkeypatch) -> None:
    """A report asks for one year's figures a score of times; the table is derived once, and
    every caller still gets a frame of its own."""
    import dashboard.data.kerncijfers as kc_mod

    derived: list[int] = []
    original = kc_mod.with_derived_columns

    def counting(rows: pd.DataFrame) -> pd.DataFrame:
        derived.append(len(rows))
        return original(rows)

    monkeypatch.setattr(kc_mod, "with_derived_columns", counting)
    kc = synthetic()
    first = gemeente_figures(kc, 2024)
    first.loc["GM0001", "inwoners"] = -1.0  # a caller's own frame
    second = gemeente_figures(kc, 2024)
    assert len(derived) == 1
    assert second.loc["GM0001", "inwoners"] == 1000.0
    assert aggregate(kc, {"GM0001": "AM01"}, 2024).loc["AM01", "inwoners"] == 1000.0
    assert len(derived) == 1
    other = synthetic()  # another table (a reloaded data folder) is derived anew
    assert gemeente_figures(other, 2024).loc["GM0001", "inwoners"] == 1000.0
    assert len(derived) == 2


def test_an_aggregate_is_worked_out_once_per_membership_and_year(monkeypatch) -> None:
    """A report asks for the indeling's, the overstap's and Nederland's figures several times:
    the second ask is answered from the table's derived store, as its own frame."""
    from dashboard.data import kerncijfers

    calls, summed = [], []
    worked_out, summands = kerncijfers._aggregate, kerncijfers._summands
    monkeypatch.setattr(kerncijfers, "_aggregate", lambda *a: calls.append(1) or worked_out(*a))
    monkeypatch.setattr(kerncijfers, "_summands", lambda f: summed.append(1) or summands(f))
    kc = synthetic()
    membership = {"GM0001": "R", "GM0002": "R", "GM0003": "S"}
    first = aggregate(kc, membership, 2024)
    first.loc["R", "inwoners"] = -1.0  # the caller's own frame: nobody else sees this
    again = aggregate(kc, dict(reversed(membership.items())), 2024)  # same membership
    assert len(calls) == 1
    assert again.loc["R", "inwoners"] == 4000
    other = aggregate(kc, {**membership, "GM0003": "R"}, 2024)
    assert len(calls) == 2 and other.loc["R", "inwoners"] == 4500
    # the gemeenten's summands are worked out once per table and year, for every membership
    assert len(summed) == 1
