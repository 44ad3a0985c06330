"""Charts for the region comparison and the overstap, each with a text alternative.

Pure builders returning ``plotly.graph_objects.Figure``; the ``*_text`` functions return the
sentence shown next to the chart (screen readers, print). Region colours match the map
(:data:`dashboard.maps.HIGHLIGHT_COLOURS`, Okabe–Ito, colour-blind safe) and every bar carries its
number, so colour is never the only carrier.
"""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go

from dashboard.charts.style import apply_layout
from dashboard.formatting import NIET_BESCHIKBAAR, fmt_eur, fmt_int, fmt_number, fmt_pct
from dashboard.indicators import indicator_period
from dashboard.kerncijfers import NATIONAL_CODE
from dashboard.labour import RATE_INDICATORS, LabourComparison
from dashboard.maps import HIGHLIGHT_COLOURS
from dashboard.markup import chart_text
from dashboard.overstap import CostModel, OverstapResult
from dashboard.profiles import RegionProfile

#: lighter tone for "before" bars (with a pattern, so the difference is not colour alone)
BEFORE_COLOUR = "#BBBBBB"


def _colour(i: int) -> str:
    return HIGHLIGHT_COLOURS[i % len(HIGHLIGHT_COLOURS)]


def _layout(fig: go.Figure, title: str, height: int) -> go.Figure:
    return apply_layout(fig, title, height, margin_top=90, margin_right=30, legend_y=1.02)


def _fmt(value: float | None, decimals: int) -> str:
    return fmt_number(value, decimals) if decimals else fmt_int(value)


def _nan_to_none(value: object) -> float | None:
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return None if number != number else number


# --- region comparison ---------------------------------------------------------------------------
def members_figure(profiles: Sequence[RegionProfile], indicator_id: str = "inwoners") -> go.Figure:
    """Horizontal bars: every member gemeente of the regions, coloured by region."""
    fig = go.Figure()
    label = ""
    year = None
    for i, profile in enumerate(profiles):
        ind = profile.indicator(indicator_id)
        label, year = ind.label, profile.member_years.get(indicator_id, ind.year)
        rows = profile.members.sort_values(indicator_id, na_position="first")
        values = [_nan_to_none(v) for v in rows[indicator_id]]
        fig.add_trace(
            go.Bar(
                y=[chart_text(f"{n} ({profile.code})") for n in rows["gemeente_naam"]],
                x=[v if v is not None else 0 for v in values],
                orientation="h",
                name=chart_text(f"{profile.name} ({profile.code})"),
                marker={"color": _colour(i)},
                text=[_fmt(v, ind.decimals) for v in values],
                textposition="outside",
                cliponaxis=False,
                hovertemplate="%{y}: %{text}<extra></extra>",
            )
        )
    n = sum(len(p.members) for p in profiles)
    period = indicator_period(indicator_id, year).text
    _layout(fig, f"{label} per gemeente ({period})", height=max(300, 26 * n + 120))
    fig.update_yaxes(categoryorder="trace")
    fig.update_xaxes(tickformat=",d")
    return fig


def members_text(profiles: Sequence[RegionProfile], indicator_id: str = "inwoners") -> str:
    parts = []
    for profile in profiles:
        ind = profile.indicator(indicator_id)
        rows = profile.members.sort_values(indicator_id, ascending=False, na_position="last")
        if rows.empty:
            continue
        top = rows.iloc[0]
        parts.append(
            f"{profile.name} telt {len(rows)} gemeenten; de grootste naar "
            f"{ind.label.lower()} is {top['gemeente_naam']} "
            f"({_fmt(_nan_to_none(top[indicator_id]), ind.decimals)}), de kleinste "
            f"{rows.iloc[-1]['gemeente_naam']} "
            f"({_fmt(_nan_to_none(rows.iloc[-1][indicator_id]), ind.decimals)})."
        )
    return " ".join(parts)


def totals_figure(
    profiles: Sequence[RegionProfile],
    indicator_ids: Sequence[str] = ("inwoners", "oppervlakte_land_km2", "bevolkingsdichtheid"),
) -> go.Figure:
    """One small bar chart per indicator (each its own scale), regions side by side."""
    titles = []
    for indicator_id in indicator_ids:
        ind = profiles[0].indicator(indicator_id)
        titles.append(f"{ind.label} ({ind.period or NIET_BESCHIKBAAR})")
    from plotly.subplots import make_subplots  # local: ~40 ms to import, rarely used

    fig = make_subplots(rows=1, cols=len(indicator_ids), subplot_titles=titles)
    for col, indicator_id in enumerate(indicator_ids, start=1):
        for i, profile in enumerate(profiles):
            ind = profile.indicator(indicator_id)
            fig.add_trace(
                go.Bar(
                    x=[profile.code],
                    y=[ind.value or 0],
                    name=chart_text(f"{profile.name} ({profile.code})"),
                    marker={"color": _colour(i)},
                    text=[_fmt(ind.value, ind.decimals)],
                    textposition="outside",
                    cliponaxis=False,
                    showlegend=col == 1,
                    legendgroup=profile.code,
                    hovertemplate=f"{chart_text(profile.name)}: %{{text}} {ind.unit}"
                    "<extra></extra>",
                ),
                row=1,
                col=col,
            )
    _layout(fig, "Regio's naast elkaar", height=400)
    fig.update_annotations(font={"size": 14})
    fig.update_layout(legend={"orientation": "h", "yanchor": "top", "y": -0.12, "x": 0})
    fig.update_yaxes(tickformat=",d")
    return fig


def totals_text(
    profiles: Sequence[RegionProfile],
    indicator_ids: Sequence[str] = ("inwoners", "oppervlakte_land_km2", "bevolkingsdichtheid"),
) -> str:
    parts = []
    for profile in profiles:
        values = []
        for indicator_id in indicator_ids:
            ind = profile.indicator(indicator_id)
            values.append(
                f"{ind.label.lower()} {_fmt(ind.value, ind.decimals)}"
                + ("" if ind.unit == ind.label.lower() else f" {ind.unit}")
                + f" ({ind.period or NIET_BESCHIKBAAR})"
            )
        parts.append(f"{profile.name}: " + ", ".join(values) + ".")
    return " ".join(parts)


def age_figure(profiles: Sequence[RegionProfile]) -> go.Figure:
    """Age structure (share of inwoners per age group) of the regions side by side."""
    fig = go.Figure()
    period = None
    for i, profile in enumerate(profiles):
        period = profile.age[0].period if profile.age else None
        fig.add_trace(
            go.Bar(
                x=[a.label.replace("Aandeel ", "") for a in profile.age],
                y=[a.value or 0 for a in profile.age],
                name=chart_text(f"{profile.name} ({profile.code})"),
                marker={"color": _colour(i)},
                text=[
                    fmt_number(a.value, 1) + " %" if a.value is not None else NIET_BESCHIKBAAR
                    for a in profile.age
                ],
                textposition="outside",
                cliponaxis=False,
                hovertemplate="%{x}: %{text}<extra></extra>",
            )
        )
    _layout(fig, f"Leeftijdsopbouw, % van de inwoners ({period or NIET_BESCHIKBAAR})", height=380)
    fig.update_layout(barmode="group")
    fig.update_yaxes(title={"text": "% van de inwoners"})
    return fig


def age_text(profiles: Sequence[RegionProfile]) -> str:
    parts = []
    for profile in profiles:
        values = ", ".join(
            f"{a.label.replace('Aandeel ', '')} {fmt_number(a.value, 1)} %" for a in profile.age
        )
        parts.append(f"{profile.name}: {values}.")
    return "Leeftijdsopbouw. " + " ".join(parts)


# --- overstap ---------------------------------------------------------------------------------
def before_after_figure(result: OverstapResult) -> go.Figure:
    """Inwoners of both regions before and after the move."""
    fig = go.Figure()
    codes = [result.van, result.naar]
    names = [chart_text(f"{result.before[c].name} ({c})") for c in codes]
    for when, states, colour, pattern in (
        ("Voor de overstap", result.before, BEFORE_COLOUR, "/"),
        ("Na de overstap", result.after, _colour(0), ""),
    ):
        values = [states[c].inwoners for c in codes]
        fig.add_trace(
            go.Bar(
                x=names,
                y=[v or 0 for v in values],
                name=when,
                marker={"color": colour, "pattern": {"shape": pattern}},
                text=[fmt_int(v) for v in values],
                textposition="outside",
                cliponaxis=False,
                hovertemplate="%{x}: %{text} inwoners<extra>" + when + "</extra>",
            )
        )
    title = f"Inwoners voor en na de overstap van {chart_text(result.gemeente_naam)}"
    _layout(fig, f"{title} ({result.year})", 380)
    fig.update_layout(barmode="group")
    fig.update_yaxes(tickformat=",d")
    return fig


def before_after_text(result: OverstapResult) -> str:
    parts = [f"Overstap van {result.gemeente_naam}."]
    for code in (result.van, result.naar):
        b, a = result.before[code], result.after[code]
        parts.append(
            f"{b.name}: van {len(b.members)} naar {len(a.members)} gemeenten en van "
            f"{fmt_int(b.inwoners)} naar {fmt_int(a.inwoners)} inwoners."
        )
    parts.append(f"Nederland totaal blijft {fmt_int(result.national_after)} inwoners.")
    return " ".join(parts)


def cost_figure(model: CostModel, region: str, region_name: str) -> go.Figure:
    """Each member's share of the region's budget before and after (euros, or % without budget)."""
    rows = [r for r in model.rows if region in (r.region_before, r.region_after)]
    in_euros = model.budgets.get(region) is not None
    labels = [chart_text(r.gemeente_naam) for r in rows]

    def value(r, when: str) -> float | None:
        mine = (r.region_before if when == "before" else r.region_after) == region
        if not mine:
            return None
        if in_euros:
            return r.eur_before if when == "before" else r.eur_after
        share = r.share_before if when == "before" else r.share_after
        return None if share is None else share * 100

    fig = go.Figure()
    for when, title, colour, pattern in (
        ("before", "Voor de overstap", BEFORE_COLOUR, "/"),
        ("after", "Na de overstap", _colour(1), ""),
    ):
        values = [value(r, when) for r in rows]
        fig.add_trace(
            go.Bar(
                y=labels,
                x=[v or 0 for v in values],
                orientation="h",
                name=title,
                marker={"color": colour, "pattern": {"shape": pattern}},
                text=[
                    "—" if v is None else (fmt_eur(v) if in_euros else fmt_number(v, 1) + " %")
                    for v in values
                ],
                textposition="outside",
                cliponaxis=False,
                hovertemplate="%{y}: %{text}<extra>" + title + "</extra>",
            )
        )
    unit = "euro per jaar" if in_euros else "% van het regiobudget"
    _layout(fig, chart_text(region_name), height=max(300, 48 * len(rows) + 120))
    fig.update_xaxes(
        title={"text": f"{unit}, verdeeld {model.key.label}"},
        tickformat=",d" if in_euros else None,
    )
    fig.update_layout(barmode="group")
    fig.update_yaxes(autorange="reversed")
    return fig


def cost_text(model: CostModel, region: str, region_name: str) -> str:
    budget = model.budgets.get(region)
    head = (
        f"Budget {region_name}: {fmt_eur(budget)}, verdeeld {model.key.label}."
        if budget is not None
        else f"Geen budget ingevuld voor {region_name}: aandelen in procenten, {model.key.label}."
    )
    parts = [head]
    for r in model.rows:
        if region not in (r.region_before, r.region_after):
            continue
        before = (
            (fmt_eur(r.eur_before) if budget is not None else fmt_pct(r.share_before, 1))
            if r.region_before == region
            else "geen deelnemer"
        )
        after = (
            (fmt_eur(r.eur_after) if budget is not None else fmt_pct(r.share_after, 1))
            if r.region_after == region
            else "geen deelnemer"
        )
        parts.append(f"{r.gemeente_naam}: {before} → {after}.")
    return " ".join(parts)


# --- labour market -------------------------------------------------------------------------------
#: Nederland as reference: neutral grey, and a pattern so it is not told apart by colour alone.
NEDERLAND_COLOUR = "#6B6B6B"


def labour_rates_figure(comparison: LabourComparison) -> go.Figure:
    """Grouped bars: bijstand, WW and AO per 1.000 inwoners of 15–65, per area."""
    fig = go.Figure()
    if comparison.available:
        short = {"bijstand_per_1000": "Bijstand", "ww_per_1000": "WW", "ao_per_1000": "AO"}
        rows = [comparison.row(i) for i in RATE_INDICATORS]
        for i, (code, name) in enumerate(comparison.areas):
            national_area = code == NATIONAL_CODE
            values = [row.values.get(code) for row in rows]
            fig.add_trace(
                go.Bar(
                    x=[short[row.id] for row in rows],
                    y=[v if v is not None else 0 for v in values],
                    name=chart_text(name),
                    marker={
                        "color": NEDERLAND_COLOUR if national_area else _colour(i),
                        "pattern": {"shape": "/" if national_area else ""},
                    },
                    text=[row.text(code) for row in rows],
                    textposition="outside",
                    cliponaxis=False,
                    hovertemplate=f"{chart_text(name)} – %{{x}}: %{{text}} per 1.000"
                    "<extra></extra>",
                )
            )
    _layout(
        fig,
        # the period says who is counted when: benefits to the AOW age on 31 December, the
        # population 15 to 65 on 1 January
        "Uitkeringen per 1.000 inwoners van 15 tot 65 jaar"
        f"<br><sup>{comparison.row(RATE_INDICATORS[0]).period}</sup>",
        height=380,
    )
    fig.update_layout(barmode="group")
    fig.update_yaxes(title_text="per 1.000 inwoners van 15 tot 65 jaar", rangemode="tozero")
    return fig
