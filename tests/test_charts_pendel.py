"""Pendel chart builders: pure plotly figures with their numbers on the marks."""

from __future__ import annotations

import pytest

from dashboard.charts import pendel as charts
from dashboard.pendel import (
    gemeente_pendel,
    gemeente_trend,
    inside_shares,
    load_pendel,
    overstap_pendel,
)
from dashboard.regions import load_region_index


@pytest.fixture(scope="module")
def setup(cbs_dir):
    index = load_region_index(2025, cbs_dir)
    data = load_pendel()
    return data, index, {r.code: r.name for r in index.regions}


def test_regions_figure_by_role(setup) -> None:
    data, index, _ = setup
    fig = charts.regions_figure(gemeente_pendel(data, index, "GM0626", candidate="AM19"))
    by_name = {t.name: t for t in fig.data}
    assert set(by_name) == {"eigen regio", "kandidaat", "overig"}
    assert list(by_name["kandidaat"].y) == ["Holland Rijnland"]
    assert by_name["kandidaat"].text[0].startswith("34,3%")
    assert "december 2014" in fig.layout.title.text


def test_destinations_and_trend_figures(setup) -> None:
    data, index, names = setup
    result = gemeente_pendel(data, index, "GM0626", candidate="AM19")
    fig = charts.destinations_figure(result, top=3)
    assert sorted(y for t in fig.data for y in t.y) == ["'s-Gravenhage", "Leiden", "Voorschoten"]
    trend = charts.trend_figure(gemeente_trend(data, index, "GM0626", candidate="AM19"), names)
    assert [len(t.x) for t in trend.data] == [9, 9, 9]
    assert "2006–2014" in trend.layout.title.text


def test_inside_figure_before_after(setup) -> None:
    data, index, _ = setup
    shares = inside_shares(data, index)
    fig = charts.inside_figure(shares, ["AM34", "AM19"])
    assert len(fig.data) == 1 and fig.data[0].text[0] == "42,0%"
    move = overstap_pendel(data, index, "GM0626", "AM19")
    after = inside_shares(data, index, membership=index.membership() | {"GM0626": "AM19"})
    fig = charts.inside_figure(shares, ["AM34", "AM19"], after=after)
    assert [t.name for t in fig.data] == ["Voor de overstap", "Na de overstap"]
    assert fig.data[1].text[0] == f"{100 * move.after['AM34'].share:.1f}%".replace(".", ",")
