"""The region, overstap and pendel charts show names from data literally: a name travels as a
value in the spec's data (Vega draws it as text and its tooltip escapes it), never inside one of
the spec's expressions, where it would be code."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dashboard.presentation.charts import profiles as charts
from dashboard.presentation.charts.specs import title_of
from tests.hostile_data import make_hostile_data

LINK = "Holland Rijnland <a href='https://e.vil.example'>klik</a> <b>vet</b> %{x}"
GEMEENTE = "Voorschoten <img src=x> &amp; 100%"


@pytest.fixture(scope="module")
def hostile(cbs_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_hostile_data(
        cbs_dir, tmp_path_factory.mktemp("cbs-charts"), {"AM19": LINK, "GM0626": GEMEENTE}
    )


#: Keys whose string value Vega reads as an expression.
EXPRESSION_KEYS = {"expr", "test", "labelExpr", "filter", "calculate", "signal"}
#: Pieces of the hostile names.
PARTS = ("e.vil", "<img", "%{x}", "Rijnland", "Voorschoten")


def in_expressions(spec: object) -> list[str]:
    """Every expression of a spec that holds a piece of a hostile name."""
    found: list[str] = []

    def walk(node: object, key: str = "") -> None:
        if isinstance(node, dict):
            for k, v in node.items():
                walk(v, k)
        elif isinstance(node, list):
            for v in node:
                walk(v, key)
        elif isinstance(node, str) and key in EXPRESSION_KEYS and any(p in node for p in PARTS):
            found.append(node)

    walk(spec)
    return found


def test_overstap_and_region_charts_carry_no_markup_from_names(hostile: Path) -> None:
    from dashboard.data.facts import load_facts
    from dashboard.data.kerncijfers import load_kerncijfers
    from dashboard.data.labour import labour_comparison
    from dashboard.data.regions import load_region_index
    from dashboard.region.overstap import DistributionKey, cost_model, simulate
    from dashboard.region.profiles import build_profile

    index = load_region_index(folder=str(hostile))
    kc = load_kerncijfers(str(hostile))
    assert index.region("AM19").name == LINK
    result = simulate(index, kc, "GM0626", "AM19")
    model = cost_model(result, {"AM19": 1_000_000.0}, DistributionKey.PER_INWONER, None)
    profiles = [build_profile(c, index, kc, load_facts()) for c in ("AM34", "AM19")]
    comparison = labour_comparison(kc, index.membership(), [(p.code, p.name) for p in profiles])
    specs = {
        "voor en na": charts.before_after_spec(result),
        "kosten": charts.cost_spec(model, "AM19", LINK),
        "kosten van": charts.cost_spec(model, "AM34", "Zuid-Holland Centraal"),
        "totalen": charts.totals_spec(profiles),
        "gemeenten": charts.members_spec(profiles),
        "leeftijd": charts.age_spec(profiles),
        "uitkeringen": charts.labour_rates_spec(comparison),
    }
    for what, spec in specs.items():
        assert in_expressions(spec) == [], what
    shown = json.dumps(specs["kosten"], ensure_ascii=False)
    assert json.dumps(GEMEENTE, ensure_ascii=False)[1:-1] in shown
    assert title_of(specs["kosten"]) == LINK
    names = [r["reeks"] for r in specs["uitkeringen"]["data"]["values"]]
    assert LINK in names


def test_pendel_charts_carry_no_markup_from_names(hostile: Path) -> None:
    from dashboard.data.regions import load_region_index
    from dashboard.presentation.charts import pendel as pendel_charts
    from dashboard.region.pendel import (
        gemeente_pendel,
        gemeente_trend,
        inside_shares,
        load_pendel,
    )

    index = load_region_index(2025, hostile)
    data = load_pendel()
    names = {r.code: r.name for r in index.regions}
    result = gemeente_pendel(data, index, "GM0626", candidate="AM19")
    specs = {
        "regio's": pendel_charts.regions_spec(result),
        "gemeenten": pendel_charts.destinations_spec(result, top=5),
        "verloop": pendel_charts.trend_spec(
            gemeente_trend(data, index, "GM0626", candidate="AM19"), names
        ),
        "binnen": pendel_charts.inside_spec(inside_shares(data, index), ["AM34", "AM19"]),
    }
    for what, spec in specs.items():
        assert in_expressions(spec) == [], what
    assert LINK in [r["categorie"] for r in specs["regio's"]["data"]["values"]]
