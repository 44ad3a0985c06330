"""Charts of the pendel figures (plotly, like the other region charts), each with its number on
the bar so colour is never the only carrier; the text versions are in :mod:`dashboard.pendel_text`.

Colours: the own region in the first highlight colour, the candidate region in the second (as on
the overstap map), other regions grey.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import plotly.graph_objects as go

from dashboard.charts.style import apply_layout
from dashboard.maps import HIGHLIGHT_COLOURS
from dashboard.markup import chart_text
from dashboard.pendel import GemeentePendel, GemeenteTrend, InsideShares, Role
from dashboard.pendel_text import ROLE_LABELS, jobs, pct

REST_COLOUR = "#8C8C8C"
ROLE_COLOURS = {
    Role.OWN: HIGHLIGHT_COLOURS[0],
    Role.CANDIDATE: HIGHLIGHT_COLOURS[1],
    Role.REST: REST_COLOUR,
}


def _layout(fig: go.Figure, title: str, height: int) -> go.Figure:
    return apply_layout(fig, title, height, margin_top=90, margin_right=40, legend_y=1.02)


def regions_figure(result: GemeentePendel, *, top: int = 8) -> go.Figure:
    """Share of the residents' jobs per arbeidsmarktregio (largest first), by role."""
    rows = list(result.regions[:top])
    fig = go.Figure()
    for role in Role:
        chosen = [r for r in rows if r.role == role]
        if not chosen:
            continue
        fig.add_trace(
            go.Bar(
                y=[chart_text(r.name) for r in chosen],
                x=[100 * r.share for r in chosen],
                orientation="h",
                name=ROLE_LABELS[role],
                marker={"color": ROLE_COLOURS[role]},
                text=[f"{pct(r.share)} ({jobs(r.jobs)} duizend)" for r in chosen],
                textposition="outside",
                cliponaxis=False,
                hovertemplate="%{y}: %{text}<extra></extra>",
            )
        )
    _layout(
        fig,
        f"Waar werken de inwoners van {chart_text(result.name)}? Banen per arbeidsmarktregio "
        f"({result.source.period})",
        max(260, 36 * len(rows) + 130),
    )
    fig.update_yaxes(
        categoryorder="array", categoryarray=[chart_text(r.name) for r in reversed(rows)]
    )
    # room on the right for the longest label
    top_value = max((100 * r.share for r in rows), default=0.0)
    fig.update_xaxes(
        title="% van de banen van inwoners", ticksuffix="%", range=[0, top_value * 1.4 + 1]
    )
    return fig


def destinations_figure(result: GemeentePendel, *, top: int = 10) -> go.Figure:
    """Jobs (thousands) of the residents in the largest werkgemeenten, coloured by region role."""
    rows = list(result.top(top))
    roles = {r.code: r.role for r in result.regions}
    fig = go.Figure()
    for role in Role:
        chosen = [p for p in rows if roles.get(p.region_code, Role.REST) is role]
        if not chosen:
            continue
        fig.add_trace(
            go.Bar(
                y=[chart_text(p.name) for p in chosen],
                x=[p.jobs for p in chosen],
                orientation="h",
                name=ROLE_LABELS[role],
                marker={"color": ROLE_COLOURS[role]},
                text=[f"{jobs(p.jobs)} ({pct(p.share)})" for p in chosen],
                textposition="outside",
                cliponaxis=False,
                hovertemplate="%{y}: %{text}<extra></extra>",
            )
        )
    _layout(
        fig,
        f"De {len(rows)} gemeenten met de meeste banen van inwoners van {chart_text(result.name)} "
        f"(× 1.000, {result.source.period})",
        max(260, 30 * len(rows) + 130),
    )
    fig.update_yaxes(
        categoryorder="array", categoryarray=[chart_text(p.name) for p in reversed(rows)]
    )
    top_value = max((p.jobs for p in rows), default=0.0)
    fig.update_xaxes(title="banen van werknemers × 1.000", range=[0, top_value * 1.4 + 0.1])
    return fig


def trend_figure(trend: GemeenteTrend, names: Mapping[str, str]) -> go.Figure:
    """Own-region, candidate and rest shares for every December."""
    years = [p.year for p in trend.points]
    series = [
        (
            Role.OWN,
            f"eigen regio {chart_text(names[trend.region_code])}",
            [p.own_share for p in trend.points],
        )
    ]
    if trend.candidate_code:
        series.append(
            (
                Role.CANDIDATE,
                chart_text(names[trend.candidate_code]),
                [p.candidate_share for p in trend.points],
            )
        )
    series.append((Role.REST, "overige regio's", [p.rest_share for p in trend.points]))
    fig = go.Figure()
    for role, label, values in series:
        fig.add_trace(
            go.Scatter(
                x=years,
                y=[None if v is None else 100 * v for v in values],
                mode="lines+markers+text",
                name=label,
                line={"color": ROLE_COLOURS[role], "dash": "solid" if role is Role.OWN else "dot"},
                text=[pct(v) for v in values],
                textposition="top center",
                hovertemplate="%{x}: %{text}<extra>" + label + "</extra>",
            )
        )
    _layout(
        fig,
        f"Banen van inwoners van {chart_text(trend.name)} per regio, december "
        f"{years[0]}–{years[-1]}",
        420,
    )
    fig.update_xaxes(dtick=1, tickformat="d")
    fig.update_yaxes(title="% van de banen van inwoners", ticksuffix="%", rangemode="tozero")
    return fig


def inside_figure(
    shares: InsideShares, codes: Sequence[str], *, after: InsideShares | None = None
) -> go.Figure:
    """The inside share of a few regions (and after a move, when ``after`` is given)."""
    rows = [shares.get(c) for c in codes]
    fig = go.Figure()
    fig.add_trace(
        go.Bar(
            x=[chart_text(f"{r.name} ({r.code})") for r in rows],
            y=[100 * (r.share or 0) for r in rows],
            name="Voor de overstap" if after else "Nu",
            marker={"color": [HIGHLIGHT_COLOURS[i % 5] for i in range(len(rows))]},
            text=[pct(r.share) for r in rows],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{x}: %{text}<extra></extra>",
        )
    )
    if after is not None:
        rows_after = [after.get(c) for c in codes]
        fig.add_trace(
            go.Bar(
                x=[chart_text(f"{r.name} ({r.code})") for r in rows_after],
                y=[100 * (r.share or 0) for r in rows_after],
                name="Na de overstap",
                marker={"color": REST_COLOUR, "pattern": {"shape": "/"}},
                text=[pct(r.share) for r in rows_after],
                textposition="outside",
                cliponaxis=False,
                hovertemplate="%{x}: %{text}<extra></extra>",
            )
        )
        fig.update_layout(barmode="group")
    _layout(
        fig,
        f"Aandeel van de banen van inwoners binnen de eigen regio ({shares.source.period})",
        380,
    )
    fig.update_yaxes(title="% binnen de regio", ticksuffix="%", range=[0, 105])
    return fig
