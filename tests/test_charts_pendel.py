"""Pendel chart builders: Vega-Lite specifications with their numbers on the marks."""

from __future__ import annotations

import pytest

from dashboard.data.regions import load_region_index
from dashboard.presentation.charts import pendel as charts
from dashboard.presentation.charts.specs import title_of
from dashboard.region.pendel import (
    gemeente_pendel,
    gemeente_trend,
    inside_shares,
    load_pendel,
    overstap_pendel,
)


@pytest.fixture(scope="module")
def setup(cbs_dir):
    index = load_region_index(2025, cbs_dir)
    data = load_pendel()
    return data, index, {r.code: r.name for r in index.regions}


def _rows(spec: dict) -> list[dict]:
    return spec["data"]["values"]


def test_regions_spec_by_role(setup) -> None:
    data, index, _ = setup
    spec = charts.regions_spec(gemeente_pendel(data, index, "GM0626", candidate="AM19"))
    rows = _rows(spec)
    assert {r["reeks"] for r in rows} == {"eigen regio", "kandidaat", "overig"}
    candidate = [r for r in rows if r["reeks"] == "kandidaat"]
    assert [r["categorie"] for r in candidate] == ["Holland Rijnland"]
    assert candidate[0]["label"].startswith("34,3%")
    assert "december 2014" in title_of(spec)


def test_destinations_and_trend_specs(setup) -> None:
    data, index, names = setup
    result = gemeente_pendel(data, index, "GM0626", candidate="AM19")
    spec = charts.destinations_spec(result, top=3)
    assert sorted(r["categorie"] for r in _rows(spec)) == ["'s-Gravenhage", "Leiden", "Voorschoten"]
    trend = charts.trend_spec(gemeente_trend(data, index, "GM0626", candidate="AM19"), names)
    per_series: dict[str, int] = {}
    for r in _rows(trend):
        per_series[r["reeks"]] = per_series.get(r["reeks"], 0) + 1
    assert list(per_series.values()) == [9, 9, 9]
    assert "2006–2014" in title_of(trend)


def test_inside_spec_before_after(setup) -> None:
    data, index, _ = setup
    shares = inside_shares(data, index)
    spec = charts.inside_spec(shares, ["AM34", "AM19"])
    assert len(_rows(spec)) == 2 and _rows(spec)[0]["label"] == "42,0%"
    move = overstap_pendel(data, index, "GM0626", "AM19")
    after = inside_shares(data, index, membership=index.membership() | {"GM0626": "AM19"})
    spec = charts.inside_spec(shares, ["AM34", "AM19"], after=after)
    colour = spec["layer"][0]["encoding"]["color"]
    assert colour["scale"]["domain"] == ["Voor de overstap", "Na de overstap"]
    after_rows = [r for r in _rows(spec) if r["reeks"] == "Na de overstap"]
    assert after_rows[0]["label"] == f"{100 * move.after['AM34'].share:.1f}%".replace(".", ",")
    assert after_rows[0]["omlijnd"]  # told apart from "before" by its outline, not colour alone
