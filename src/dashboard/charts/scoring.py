"""Charts of the variant scoring: ranking, contributions by group, the matrix, group scores.

Colours are colour-blind safe (Okabe–Ito palette; a blue–orange diverging scale for the matrix)
and every figure also prints its numbers or symbols, so colour is never the only carrier.
Local judgements that deviate from the handreiking are marked with ``*`` wherever a rating shows.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts.style import FONT
from dashboard.criteria import RATINGS, Matrix
from dashboard.formatting import fmt_number, fmt_pct
from dashboard.markup import escape_markdown
from dashboard.narrative.words import join_nl, lower_first
from dashboard.scoring import DecisionProblem, ScoreResult, scores_equal

#: Okabe–Ito colours: one per variant (table order) and one per group (table order).
VARIANT_COLOURS = ("#0072B2", "#D55E00", "#009E73")
GROUP_COLOURS = ("#56B4E9", "#E69F00", "#CC79A7")
#: Rating order 0 (-/-) … 4 (++): orange via white to blue (safe for red-green colour
#: blindness). All five colours are light enough for black text (contrast ≥ 6:1), so the
#: symbol printed in every cell stays readable.
MATRIX_COLOURSCALE = [
    [0.0, "#E66101"],
    [0.25, "#FDB863"],
    [0.5, "#F7F7F7"],
    [0.75, "#92C5DE"],
    [1.0, "#4393C3"],
]
OVERRIDE_MARK = "*"


_AXIS = {"gridcolor": "#E5E5E5", "zerolinecolor": "#737373", "automargin": True}


def _figure(
    traces: list[Any],
    title: str,
    height: int,
    *,
    xaxis: dict[str, Any] | None = None,
    yaxis: dict[str, Any] | None = None,
    **layout: Any,
) -> go.Figure:
    """One constructor call: plotly's ``update_*`` helpers cost ~20 ms per figure, and the
    Varianten page rebuilds a figure on every slider change."""
    base: dict[str, Any] = {
        "title": {"text": title, "x": 0, "xanchor": "left"},
        "template": "none",  # a named template costs ~12 ms per figure (deep copy)
        "plot_bgcolor": "#FFFFFF",
        "paper_bgcolor": "#FFFFFF",
        "font": FONT,
        "height": height,
        "margin": {"l": 10, "r": 10, "t": 50, "b": 10},
        "separators": ",.",  # Dutch decimal comma
        "hoverlabel": {"font": {"size": 14}},
        "xaxis": {**_AXIS, **(xaxis or {})},
        "yaxis": {**_AXIS, **(yaxis or {})},
    }
    base.update(layout)
    return go.Figure(data=traces, layout=base)


def _variant_colour(matrix: Matrix, variant_id: str) -> str:
    return VARIANT_COLOURS[matrix.variant_ids.index(variant_id) % len(VARIANT_COLOURS)]


def _short(label: str, width: int = 48) -> str:
    return label if len(label) <= width else label[: width - 1].rstrip() + "…"


# --- ranking ---------------------------------------------------------------------------------
def ranking_figure(result: ScoreResult, matrix: Matrix) -> go.Figure:
    """Horizontal bars of the 0–100 scores, best on top, rank and score printed on each bar."""
    order = list(result.ranking)[::-1]  # plotly draws the first category at the bottom
    names = [f"{matrix.variant(v).name} (plaats {result.ranks[v]})" for v in order]
    values = [result.scores_0_100[v] for v in order]
    bar = go.Bar(
        x=values,
        y=names,
        orientation="h",
        marker_color=[_variant_colour(matrix, v) for v in order],
        text=[fmt_number(x, 0) for x in values],
        textposition="outside",
        hovertemplate="%{y}: %{x:.1f} van 100<extra></extra>",
    )
    return _figure(
        [bar],
        "Rangorde van de varianten",
        240,
        xaxis={"range": [0, 105], "title": {"text": "score (0–100)"}},
    )


def ranking_text(result: ScoreResult, matrix: Matrix) -> str:
    parts = [
        f"{matrix.variant(v).name}: plaats {result.ranks[v]}, "
        f"{fmt_number(result.scores_0_100[v], 0)} van 100"
        for v in result.ranking
    ]
    return "Rangorde: " + "; ".join(parts) + "."


# --- contributions by group ------------------------------------------------------------------
def group_contributions(result: ScoreResult, matrix: Matrix) -> dict[str, dict[str, float]]:
    """{group id: {variant id: Σ contributions of the group's criteria}}; sums to the score."""
    return {
        g.id: {
            v: sum(result.contributions[c.id][v] for c in matrix.criteria_in(g.id))
            for v in result.variant_ids
        }
        for g in matrix.groups
    }


def contributions_figure(result: ScoreResult, matrix: Matrix) -> go.Figure:
    """Per variant a bar stacked by group; negative parts go below zero; total as a marker."""
    by_group = group_contributions(result, matrix)
    names = [matrix.variant(v).name for v in result.variant_ids]
    traces: list[Any] = []
    for k, group in enumerate(matrix.groups):
        values = [by_group[group.id][v] for v in result.variant_ids]
        traces.append(
            go.Bar(
                x=names,
                y=values,
                name=group.short,
                marker_color=GROUP_COLOURS[k % len(GROUP_COLOURS)],
                text=[fmt_number(x, 2) for x in values],
                textposition="inside",
                hovertemplate=f"{group.short}: %{{y:.3f}}<extra>%{{x}}</extra>",
            )
        )
    traces.append(
        go.Scatter(
            x=names,
            y=[result.scores[v] for v in result.variant_ids],
            mode="markers+text",
            name="Totaal",
            marker={"symbol": "diamond", "size": 12, "color": "#000000"},
            text=[fmt_number(result.scores[v], 2) for v in result.variant_ids],
            textposition="middle right",
            hovertemplate="Totaal: %{y:.3f}<extra>%{x}</extra>",
        )
    )
    return _figure(
        traces,
        "Waar de score vandaan komt, per perspectief",
        380,
        yaxis={"title": {"text": "bijdrage aan de score (schaalpunten)"}, "zeroline": True},
        barmode="relative",
        legend={"orientation": "h", "y": -0.15},
    )


def contributions_text(result: ScoreResult, matrix: Matrix) -> str:
    by_group = group_contributions(result, matrix)
    out = []
    for v in result.ranking:
        parts = [
            f"{lower_first(g.short)} {fmt_number(by_group[g.id][v], 2)}" for g in matrix.groups
        ]
        out.append(
            f"{matrix.variant(v).name}: totaal {fmt_number(result.scores[v], 2)} = {join_nl(parts)}"
        )
    return "Bijdrage per perspectief aan de score: " + "; ".join(out) + "."


def contributions_table(result: ScoreResult, matrix: Matrix) -> pd.DataFrame:
    """Criteria × variants: effective weight and contribution (the chart's data, in full)."""
    rows = []
    for crit in matrix.criteria:
        row = {
            "Perspectief": matrix.group(crit.group).short,
            "Criterium": crit.label,
            "Gewicht": fmt_pct(result.effective_weights[crit.id], 1),
        }
        for v in result.variant_ids:
            row[matrix.variant(v).name] = fmt_number(result.contributions[crit.id][v], 3)
        rows.append(row)
    return pd.DataFrame(rows)


# --- the matrix as a heatmap -------------------------------------------------------------------
def matrix_figure(problem: DecisionProblem) -> go.Figure:
    """The criteria matrix: colour by rating, the symbol printed in each cell, ``*`` = own view."""
    m = problem.matrix
    orders = problem.rating_orders()
    y = [f"{m.group(c.group).short} · {_short(c.label)}" for c in m.criteria]
    x = [v.name for v in m.variants]
    text = []
    hover = []
    for crit in m.criteria:
        text_row, hover_row = [], []
        for v in m.variant_ids:
            rating = problem.rating(crit.id, v)
            if problem.is_overridden(crit.id, v):
                original = m.rating(crit.id, v).value
                text_row.append(f"{rating.value} {OVERRIDE_MARK}")
                hover_row.append(f"eigen oordeel {rating.value} (handreiking: {original})")
            else:
                text_row.append(rating.value)
                hover_row.append(f"handreiking: {rating.value}")
        text.append(text_row)
        hover.append(hover_row)
    heatmap = go.Heatmap(
        z=orders.tolist(),
        x=x,
        y=y,
        zmin=0,
        zmax=4,
        colorscale=MATRIX_COLOURSCALE,
        showscale=False,
        xgap=2,
        ygap=2,
        text=text,
        texttemplate="<b>%{text}</b>",
        textfont={"color": "#000000", "size": 14},
        customdata=hover,
        hovertemplate="%{y}<br>%{x}: %{customdata}<extra></extra>",
    )
    title = "Beoordeling per criterium (handreiking §8)"
    if problem.overrides:
        title += f" ({OVERRIDE_MARK} = eigen oordeel)"
    return _figure(
        [heatmap],
        title,
        90 + 26 * len(m.criteria),
        xaxis={"side": "top"},
        yaxis={"autorange": "reversed"},
        margin={"l": 10, "r": 10, "t": 80, "b": 10},
    )


def matrix_table(problem: DecisionProblem) -> pd.DataFrame:
    """The matrix as a table, own judgements marked with ``*`` and the handreiking's rating."""
    m = problem.matrix
    rows = []
    for crit in m.criteria:
        row = {"Perspectief": m.group(crit.group).short, "Criterium": crit.label}
        for v in m.variants:
            rating = problem.rating(crit.id, v.id)
            if problem.is_overridden(crit.id, v.id):
                row[v.name] = (
                    f"{rating.value} {OVERRIDE_MARK} (handreiking: {m.rating(crit.id, v.id).value})"
                )
            else:
                row[v.name] = rating.value
        rows.append(row)
    return pd.DataFrame(rows)


def matrix_text(problem: DecisionProblem) -> str:
    m = problem.matrix
    counts = []
    for v in m.variants:
        n_top = sum(1 for c in m.criteria if problem.rating(c.id, v.id) == RATINGS[0])
        counts.append(f"{v.name} {n_top} keer")
    text = (
        f"De matrix beoordeelt {len(m.criteria)} criteria met ++ (beste) tot -/- (slechtste). "
        f"Het oordeel ++ krijgt {join_nl(counts)}."
    )
    n = len(problem.overrides)
    if n:
        what = "1 oordeel is een eigen oordeel" if n == 1 else f"{n} oordelen zijn eigen oordelen"
        text += f" {what} (gemarkeerd met {OVERRIDE_MARK}) en wijkt af van de handreiking."
        if n > 1:
            text = text.replace("en wijkt af", "en wijken af")
    return text


# --- group scores ----------------------------------------------------------------------------
def group_scores_figure(result: ScoreResult, problem: DecisionProblem) -> go.Figure:
    """Grouped bars: the score of each variant within each perspective (scale points)."""
    m = problem.matrix
    traces: list[Any] = []
    groups = [g.short for g in m.groups]
    for v in m.variant_ids:
        values = [result.group_scores[v][g.id] for g in m.groups]
        traces.append(
            go.Bar(
                x=groups,
                y=values,
                name=m.variant(v).name,
                marker_color=_variant_colour(m, v),
                text=[fmt_number(x, 2) for x in values],
                textposition="outside",
                hovertemplate=f"{m.variant(v).name}: %{{y:.2f}}<extra>%{{x}}</extra>",
            )
        )
    lo, hi = problem.scale.minimum, problem.scale.maximum
    pad = (hi - lo) * 0.12
    return _figure(
        traces,
        "Score per perspectief",
        360,
        yaxis={"range": [lo - pad, hi + pad], "title": {"text": "score binnen het perspectief"}},
        barmode="group",
        legend={"orientation": "h", "y": -0.15},
    )


def group_scores_text(result: ScoreResult, matrix: Matrix) -> str:
    out = []
    for g in matrix.groups:
        top = max(result.group_scores[v][g.id] for v in result.variant_ids)
        best = [
            matrix.variant(v).name
            for v in result.variant_ids
            if scores_equal(result.group_scores[v][g.id], top)
        ]
        parts = [
            f"{matrix.variant(v).name} {fmt_number(result.group_scores[v][g.id], 2)}"
            for v in result.variant_ids
        ]
        out.append(
            f"{g.short}: {join_nl(parts)} "
            f"(hoogst: {join_nl(best)}{', gelijk' if len(best) > 1 else ''})"
        )
    return "Score per perspectief: " + "; ".join(out) + "."


# --- results table ---------------------------------------------------------------------------
def results_table(result: ScoreResult, matrix: Matrix) -> pd.DataFrame:
    """One row per variant, best first: rank, score, 0–100, score per perspective."""
    rows = []
    for v in result.ranking:
        row = {
            "Plaats": result.ranks[v],
            "Variant": matrix.variant(v).name,
            "Score (0–100)": fmt_number(result.scores_0_100[v], 1),
            "Score (schaalpunten)": fmt_number(result.scores[v], 3),
        }
        for g in matrix.groups:
            row[g.short] = fmt_number(result.group_scores[v][g.id], 2)
        rows.append(row)
    return pd.DataFrame(rows)


# --- tables as Markdown ------------------------------------------------------------------------
def markdown_table(frame: pd.DataFrame) -> str:
    """A small table as Markdown (an HTML table in the browser: light to draw, read out by
    screen readers). Cells are shown literally (pipes too), each on one line."""

    def cell(value: object) -> str:
        return escape_markdown(str(value).replace("\n", " "))

    head = "| " + " | ".join(cell(c) for c in frame.columns) + " |"
    rule = "| " + " | ".join("---" for _ in frame.columns) + " |"
    rows = ["| " + " | ".join(cell(v) for v in row) + " |" for row in frame.itertuples(False)]
    return "\n".join([head, rule, *rows])
