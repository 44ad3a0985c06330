"""Charts for the region comparison, the overstap and the labour market, as Vega-Lite
specifications (:mod:`dashboard.presentation.charts.specs`); their sentences are in
:mod:`dashboard.presentation.narrative.chart_texts`.

Region colours match the map (:data:`dashboard.presentation.maps.HIGHLIGHT_COLOURS`, Okabe–Ito,
colour-blind
safe) and every bar carries its number, so colour is never the only carrier.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import Any

from dashboard.core.formatting import NIET_BESCHIKBAAR, fmt_eur, fmt_int, fmt_number, number_or_none
from dashboard.data.indicators import indicator_period
from dashboard.data.kerncijfers import NATIONAL_CODE
from dashboard.data.labour import RATE_INDICATORS, LabourComparison
from dashboard.presentation.charts.specs import bars_spec, headroom
from dashboard.presentation.maps import HIGHLIGHT_COLOURS
from dashboard.region.overstap import CostModel, OverstapResult
from dashboard.region.profiles import RegionProfile

#: lighter tone for "before" bars (with a dashed outline, so the difference is not colour alone)
BEFORE_COLOUR = "#BBBBBB"
BEFORE, AFTER = "Voor de overstap", "Na de overstap"


def _colour(i: int) -> str:
    return HIGHLIGHT_COLOURS[i % len(HIGHLIGHT_COLOURS)]


def _region(profile: RegionProfile) -> str:
    return f"{profile.name} ({profile.code})"


# --- region comparison ---------------------------------------------------------------------------
def members_spec(profiles: Sequence[RegionProfile], indicator_id: str = "inwoners") -> dict:
    """Horizontal bars: every member gemeente of the regions, coloured by region."""
    rows: list[dict[str, Any]] = []
    label, year = "", None
    for profile in profiles:
        ind = profile.indicator(indicator_id)
        label, year = ind.label, profile.member_years.get(indicator_id, ind.year)
        members = profile.members.sort_values(
            indicator_id, ascending=False, na_position="last", kind="stable"
        )
        for name, raw in zip(members["gemeente_naam"], members[indicator_id], strict=True):
            value = number_or_none(raw)
            rows.append(
                {
                    "categorie": f"{name} ({profile.code})",
                    "reeks": _region(profile),
                    "waarde": value,
                    "label": fmt_number(value, ind.decimals),
                }
            )
    period = indicator_period(indicator_id, year).text
    return bars_spec(
        rows,
        categories=[r["categorie"] for r in rows],
        series=[_region(p) for p in profiles],
        colours=[_colour(i) for i in range(len(profiles))],
        value_title=label,
        horizontal=True,
        grouped=False,
        domain=headroom([r["waarde"] for r in rows]),
        category_title="gemeente",
        height=max(200, 22 * len(rows)),
        title=f"{label} per gemeente ({period})",
    )


def totals_spec(
    profiles: Sequence[RegionProfile],
    indicator_ids: Sequence[str] = ("inwoners", "oppervlakte_land_km2", "bevolkingsdichtheid"),
) -> dict:
    """Per indicator the regions side by side. Each indicator has its own scale: a bar's length
    is its share of the largest region's value, and the value itself is printed beside it."""
    rows: list[dict[str, Any]] = []
    categories = []
    for indicator_id in indicator_ids:
        first = profiles[0].indicator(indicator_id)
        unit = "" if first.unit == first.label.lower() else f"{first.unit}, "
        # over lines: on a phone a name beside the bars gets a third of the width
        category = "\n".join(
            textwrap.wrap(f"{first.label} ({unit}{first.period or NIET_BESCHIKBAAR})", 24)
        )
        categories.append(category)
        values = [p.indicator(indicator_id).value for p in profiles]
        top = max((v for v in values if v is not None), default=0) or 1
        for profile in profiles:
            ind = profile.indicator(indicator_id)
            rows.append(
                {
                    "categorie": category,
                    "reeks": _region(profile),
                    "waarde": ind.value,
                    "lengte": None if ind.value is None else 100 * ind.value / top,
                    "label": fmt_number(ind.value, ind.decimals),
                }
            )
    spec = bars_spec(
        [{**r, "waarde": r["lengte"]} for r in rows],
        categories=categories,
        series=[_region(p) for p in profiles],
        colours=[_colour(i) for i in range(len(profiles))],
        value_title="",
        horizontal=True,
        domain=(0, 150),
        value_axis={"labels": False, "ticks": False, "grid": False, "title": None},
        height=34 * len(rows),
        title="Regio's naast elkaar",
    )
    # the figures are the values, not the bars' lengths
    spec["usermeta"]["figures"] = [
        [r["categorie"].replace("\n", " "), r["reeks"], r["waarde"]] for r in rows
    ]
    return spec


def age_spec(profiles: Sequence[RegionProfile]) -> dict:
    """Age structure (share of inwoners per age group) of the regions side by side."""
    period = profiles[0].age[0].period if profiles and profiles[0].age else None
    groups = [a.label.replace("Aandeel ", "") for a in profiles[0].age] if profiles else []
    rows = [
        {
            "categorie": a.label.replace("Aandeel ", ""),
            "reeks": _region(profile),
            "waarde": a.value,
            "label": fmt_number(a.value, 1) + " %" if a.value is not None else NIET_BESCHIKBAAR,
        }
        for profile in profiles
        for a in profile.age
    ]
    return bars_spec(
        rows,
        categories=groups,
        series=[_region(p) for p in profiles],
        colours=[_colour(i) for i in range(len(profiles))],
        value_title="% van de inwoners",
        category_title="leeftijd",
        domain=headroom([r["waarde"] for r in rows], 1.2),
        height=280,
        title=f"Leeftijdsopbouw, % van de inwoners ({period or NIET_BESCHIKBAAR})",
    )


# --- overstap ---------------------------------------------------------------------------------
def before_after_spec(result: OverstapResult) -> dict:
    """Inwoners of both regions before and after the move."""
    codes = [result.van, result.naar]
    names = [f"{result.before[c].name} ({c})" for c in codes]
    rows = [
        {
            "categorie": name,
            "reeks": when,
            "waarde": states[code].inwoners,
            "label": fmt_int(states[code].inwoners),
        }
        for code, name in zip(codes, names, strict=True)
        for when, states in ((BEFORE, result.before), (AFTER, result.after))
    ]
    return bars_spec(
        rows,
        categories=names,
        series=[BEFORE, AFTER],
        colours=[BEFORE_COLOUR, _colour(0)],
        outlined=[BEFORE],
        value_title="inwoners",
        category_title="regio",
        domain=headroom([r["waarde"] for r in rows], 1.15),
        height=280,
        title=f"Inwoners voor en na de overstap van {result.gemeente_naam} ({result.year})",
    )


def cost_spec(model: CostModel, region: str, region_name: str) -> dict:
    """Each member's share of the region's budget before and after (euros, or % without budget)."""
    members = [r for r in model.rows if region in (r.region_before, r.region_after)]
    in_euros = model.budgets.get(region) is not None

    def value(r, when: str) -> float | None:
        mine = (r.region_before if when == BEFORE else r.region_after) == region
        if not mine:
            return None
        if in_euros:
            return r.eur_before if when == BEFORE else r.eur_after
        share = r.share_before if when == BEFORE else r.share_after
        return None if share is None else share * 100

    rows: list[dict[str, Any]] = []
    for r in members:
        for when in (BEFORE, AFTER):
            v = value(r, when)
            rows.append(
                {
                    "categorie": r.gemeente_naam,
                    "reeks": when,
                    "waarde": v,
                    "label": "—"
                    if v is None
                    else (fmt_eur(v) if in_euros else fmt_number(v, 1) + " %"),
                }
            )
    unit = "euro per jaar" if in_euros else "% van het regiobudget"
    return bars_spec(
        rows,
        categories=[r.gemeente_naam for r in members],
        series=[BEFORE, AFTER],
        colours=[BEFORE_COLOUR, _colour(1)],
        outlined=[BEFORE],
        value_title=f"{unit}, verdeeld {model.key.label}",
        horizontal=True,
        domain=headroom([r["waarde"] for r in rows], 1.5),
        category_title="gemeente",
        height=max(120, 52 * len(members)),
        title=region_name,
    )


# --- labour market -------------------------------------------------------------------------------
#: Nederland as reference: neutral grey, with a dashed outline so it is not told apart by colour
#: alone.
NEDERLAND_COLOUR = "#6B6B6B"
_RATE_SHORT = {"bijstand_per_1000": "Bijstand", "ww_per_1000": "WW", "ao_per_1000": "AO"}


def labour_rates_spec(comparison: LabourComparison) -> dict:
    """Grouped bars: bijstand, WW and AO per 1.000 inwoners of 15–65, per area."""
    rates = [comparison.row(i) for i in RATE_INDICATORS] if comparison.available else []
    areas = list(comparison.areas)
    rows = [
        {
            "categorie": _RATE_SHORT.get(row.id, row.label),
            "reeks": name,
            "waarde": row.values.get(code),
            "label": row.text(code),
        }
        for row in rates
        for code, name in areas
    ]
    colours = [
        NEDERLAND_COLOUR if code == NATIONAL_CODE else _colour(i)
        for i, (code, _) in enumerate(areas)
    ]
    # the period says who is counted when: benefits to the AOW age on 31 December, the
    # population 15 to 65 on 1 January
    period = comparison.row(RATE_INDICATORS[0]).period if comparison.available else ""
    return bars_spec(
        rows,
        categories=[_RATE_SHORT.get(r.id, r.label) for r in rates],
        series=[name for _, name in areas],
        colours=colours,
        outlined=[name for code, name in areas if code == NATIONAL_CODE],
        value_title="per 1.000 inwoners van 15–65 jaar",
        category_title="uitkering",
        domain=headroom([r["waarde"] for r in rows], 1.15),
        title=f"Uitkeringen per 1.000 inwoners van 15 tot 65 jaar ({period})".replace(" ()", ""),
    )
