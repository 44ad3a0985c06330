"""Charts of the pendel figures as Vega-Lite specifications
(:mod:`dashboard.presentation.charts.specs`),
each with its number on the mark so colour is never the only carrier; the text versions are in
:mod:`dashboard.presentation.narrative.pendel`.

Colours: the own region in the first highlight colour, the candidate region in the second (as on
the overstap map), other regions grey.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from dashboard.presentation.charts.specs import (
    TEXT,
    bars_spec,
    base,
    headroom,
    legend_below,
    tooltip,
)
from dashboard.presentation.maps import HIGHLIGHT_COLOURS
from dashboard.presentation.narrative.pendel import ROLE_LABELS, jobs, pct
from dashboard.region.pendel import GemeentePendel, GemeenteTrend, InsideShares, Role

REST_COLOUR = "#8C8C8C"
ROLE_COLOURS = {
    Role.OWN: HIGHLIGHT_COLOURS[0],
    Role.CANDIDATE: HIGHLIGHT_COLOURS[1],
    Role.REST: REST_COLOUR,
}
#: A percentage axis: "20%" under the ticks.
PERCENT_AXIS = {"labelExpr": "datum.label + '%'"}


def regions_spec(result: GemeentePendel, *, top: int = 8) -> dict:
    """Share of the residents' jobs per arbeidsmarktregio (largest first), by role."""
    chosen = list(result.regions[:top])
    roles = [role for role in Role if any(r.role == role for r in chosen)]
    rows: list[dict[str, Any]] = [
        {
            "categorie": r.name,
            "reeks": ROLE_LABELS[r.role],
            "waarde": 100 * r.share if r.share is not None else None,
            "label": f"{pct(r.share)} ({jobs(r.jobs)} duizend)",
        }
        for r in chosen
    ]
    return bars_spec(
        rows,
        categories=[r.name for r in chosen],
        series=[ROLE_LABELS[role] for role in roles],
        colours=[ROLE_COLOURS[role] for role in roles],
        value_title="% van de banen van inwoners",
        value_axis=PERCENT_AXIS,
        horizontal=True,
        grouped=False,
        domain=headroom([r["waarde"] for r in rows], 1.6),
        category_title="regio",
        height=max(120, 30 * len(rows)),
        title=f"Waar werken de inwoners van {result.name}? Banen per arbeidsmarktregio "
        f"({result.source.period})",
    )


def destinations_spec(result: GemeentePendel, *, top: int = 10) -> dict:
    """Jobs (thousands) of the residents in the largest werkgemeenten, coloured by region role."""
    chosen = list(result.top(top))
    role_of = {r.code: r.role for r in result.regions}
    roles = [
        role for role in Role if any(role_of.get(p.region_code, Role.REST) is role for p in chosen)
    ]
    rows: list[dict[str, Any]] = [
        {
            "categorie": p.name,
            "reeks": ROLE_LABELS[role_of.get(p.region_code, Role.REST)],
            "waarde": p.jobs,
            "label": f"{jobs(p.jobs)} ({pct(p.share)})",
        }
        for p in chosen
    ]
    return bars_spec(
        rows,
        categories=[p.name for p in chosen],
        series=[ROLE_LABELS[role] for role in roles],
        colours=[ROLE_COLOURS[role] for role in roles],
        value_title="banen van werknemers × 1.000",
        horizontal=True,
        grouped=False,
        domain=headroom([r["waarde"] for r in rows], 1.5),
        category_title="werkgemeente",
        height=max(120, 26 * len(rows)),
        title=f"De {len(chosen)} gemeenten met de meeste banen van inwoners van {result.name} "
        f"(× 1.000, {result.source.period})",
    )


def trend_spec(trend: GemeenteTrend, names: Mapping[str, str]) -> dict:
    """Own-region, candidate and rest shares for every December."""
    years = [p.year for p in trend.points]
    series = [
        (Role.OWN, f"eigen regio {names[trend.region_code]}", [p.own_share for p in trend.points])
    ]
    if trend.candidate_code:
        series.append(
            (Role.CANDIDATE, names[trend.candidate_code], [p.candidate_share for p in trend.points])
        )
    series.append((Role.REST, "overige regio's", [p.rest_share for p in trend.points]))
    labels = [label for _, label, _ in series]
    rows: list[dict[str, Any]] = [
        {
            "jaar": year,
            "december": str(year),
            "reeks": label,
            "waarde": None if v is None else 100 * v,
            "label": pct(v),
        }
        for _, label, values in series
        for year, v in zip(years, values, strict=True)
    ]
    x = {"field": "jaar", "type": "ordinal", "title": "december", "axis": {"labelAngle": 0}}
    y = {"field": "waarde", "type": "quantitative", "title": "% van de banen van inwoners",
         "scale": {"zero": True}, "axis": PERCENT_AXIS}  # fmt: skip
    colour = {
        "field": "reeks",
        "type": "nominal",
        "sort": labels,
        "scale": {"domain": labels, "range": [ROLE_COLOURS[role] for role, _, _ in series]},
        "legend": legend_below(),
    }
    dash = {
        "field": "reeks",
        "type": "nominal",
        "sort": labels,
        "scale": {"domain": labels, "range": [[1, 0] if role is Role.OWN else [2, 3]
                                              for role, _, _ in series]},
        "legend": None,
    }  # fmt: skip
    return base(
        760,
        300,
        title=f"Banen van inwoners van {trend.name} per regio, december {years[0]}–{years[-1]}",
        figures=[(r["december"], r["reeks"], r["waarde"]) for r in rows],
        data={"values": [r for r in rows if r["waarde"] is not None]},
        encoding={"x": x, "y": y, "color": colour},
        layer=[
            {
                "mark": {"type": "line", "strokeWidth": 2, "point": True},
                "encoding": {
                    "strokeDash": dash,
                    "tooltip": tooltip(
                        ("december", "december"), ("reeks", "regio"), ("label", "aandeel")
                    ),
                },
            },
            {
                "mark": {"type": "text", "dy": -9, "fontSize": 12, "color": TEXT},
                "encoding": {"text": {"field": "label"}, "color": {"value": TEXT}},
            },
        ],
    )


def inside_spec(
    shares: InsideShares, codes: Sequence[str], *, after: InsideShares | None = None
) -> dict:
    """The inside share of a few regions (and after a move, when ``after`` is given)."""
    states = [("Voor de overstap" if after else "Nu", shares)]
    if after is not None:
        states.append(("Na de overstap", after))
    rows: list[dict[str, Any]] = []
    for c in codes:
        for when, state in states:
            region = state.get(c)
            rows.append(
                {
                    "categorie": f"{region.name} ({c})",
                    "reeks": when if after else f"{region.name} ({c})",
                    "waarde": None if region.share is None else 100 * region.share,
                    "label": pct(region.share),
                }
            )
    categories = [f"{shares.get(c).name} ({c})" for c in codes]
    if after is not None:
        series, colours = [s for s, _ in states], [HIGHLIGHT_COLOURS[0], REST_COLOUR]
    else:
        series = categories
        colours = [HIGHLIGHT_COLOURS[i % len(HIGHLIGHT_COLOURS)] for i in range(len(codes))]
    return bars_spec(
        rows,
        categories=categories,
        series=series,
        colours=colours,
        outlined=["Na de overstap"],
        value_title="% binnen de regio",
        value_axis=PERCENT_AXIS,
        grouped=after is not None,
        legend=after is not None,
        domain=(0, 105),
        category_title="regio",
        height=260,
        title=f"Aandeel van de banen van inwoners binnen de eigen regio ({shares.source.period})",
    )
