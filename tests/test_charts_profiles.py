"""The region, overstap and pendel charts show names from data literally: plotly reads a little HTML
(``<b>``, ``<a href>``) in every text and ``%{…}`` in hover templates; a name is neither."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dashboard.charts import profiles as charts
from dashboard.markup import chart_text
from tests.hostile_data import make_hostile_data

LINK = "Holland Rijnland <a href='https://e.vil.example'>klik</a> <b>vet</b> %{x}"
GEMEENTE = "Voorschoten <img src=x> &amp; 100%"


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("Zoetermeer", "Zoetermeer"),
        ("’s-Hertogenbosch", "’s-Hertogenbosch"),
        ("<a href='https://e.vil'>x</a>", "&lt;a href='https://e.vil'&gt;x&lt;/a&gt;"),
        ("%{x} & 5%", "&#37;{x} &amp; 5&#37;"),
    ],
)
def test_chart_text_leaves_names_and_neutralises_markup(raw: str, shown: str) -> None:
    assert chart_text(raw) == shown


@pytest.fixture(scope="module")
def hostile(cbs_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_hostile_data(
        cbs_dir, tmp_path_factory.mktemp("cbs-charts"), {"AM19": LINK, "GM0626": GEMEENTE}
    )


def live_markup(figure) -> list[str]:  # type: ignore[no-untyped-def]
    text = json.dumps(figure.to_plotly_json(), ensure_ascii=False)
    return [part for part in ("<a ", "<b>vet", "<img", "%{x}</", "%{x} ") if part in text]


def test_overstap_and_region_charts_carry_no_markup_from_names(hostile: Path) -> None:
    from dashboard.facts import load_facts
    from dashboard.kerncijfers import load_kerncijfers
    from dashboard.labour import labour_comparison
    from dashboard.overstap import DistributionKey, cost_model, simulate
    from dashboard.profiles import build_profile
    from dashboard.regions import load_region_index

    index = load_region_index(folder=str(hostile))
    kc = load_kerncijfers(str(hostile))
    assert index.region("AM19").name == LINK
    result = simulate(index, kc, "GM0626", "AM19")
    model = cost_model(result, {"AM19": 1_000_000.0}, DistributionKey.PER_INWONER, None)
    profiles = [build_profile(c, index, kc, load_facts()) for c in ("AM34", "AM19")]
    comparison = labour_comparison(kc, index.membership(), [(p.code, p.name) for p in profiles])
    figures = {
        "voor en na": charts.before_after_figure(result),
        "kosten": charts.cost_figure(model, "AM19", LINK),
        "kosten van": charts.cost_figure(model, "AM34", "Zuid-Holland Centraal"),
        "totalen": charts.totals_figure(profiles),
        "gemeenten": charts.members_figure(profiles),
        "leeftijd": charts.age_figure(profiles),
        "uitkeringen": charts.labour_rates_figure(comparison),
    }
    for what, figure in figures.items():
        assert live_markup(figure) == [], what
    shown = json.dumps(figures["kosten"].to_plotly_json(), ensure_ascii=False)
    assert chart_text(LINK) in shown and chart_text(GEMEENTE) in shown


def test_pendel_charts_carry_no_markup_from_names(hostile: Path) -> None:
    from dashboard.charts import pendel as pendel_charts
    from dashboard.pendel import (
        gemeente_pendel,
        gemeente_trend,
        inside_shares,
        load_pendel,
    )
    from dashboard.regions import load_region_index

    index = load_region_index(2025, hostile)
    data = load_pendel()
    names = {r.code: r.name for r in index.regions}
    result = gemeente_pendel(data, index, "GM0626", candidate="AM19")
    figures = {
        "regio's": pendel_charts.regions_figure(result),
        "gemeenten": pendel_charts.destinations_figure(result, top=5),
        "verloop": pendel_charts.trend_figure(
            gemeente_trend(data, index, "GM0626", candidate="AM19"), names
        ),
        "binnen": pendel_charts.inside_figure(inside_shares(data, index), ["AM34", "AM19"]),
    }
    for what, figure in figures.items():
        assert live_markup(figure) == [], what
    assert chart_text(LINK) in json.dumps(figures["regio's"].to_plotly_json(), ensure_ascii=False)
