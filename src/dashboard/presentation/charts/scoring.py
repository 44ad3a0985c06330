"""Charts of the variant scoring: ranking, contributions by group, the matrix, group scores.

Vega-Lite builders (:mod:`dashboard.presentation.charts.specs`); their text alternatives are in
:mod:`dashboard.presentation.narrative.chart_texts`.

Colours are colour-blind safe (Okabe–Ito palette; a blue–orange diverging scale for the matrix)
and every figure also prints its numbers or symbols, so colour is never the only carrier.
Local judgements that deviate from the handreiking are marked with ``*`` wherever a rating shows.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from dashboard.core.formatting import fmt_number, fmt_pct
from dashboard.core.markup import escape_markdown
from dashboard.mcda.criteria import Matrix
from dashboard.mcda.scoring import DecisionProblem, ScoreResult
from dashboard.presentation.charts.specs import TEXT, bars_spec, base, legend_below, tooltip

#: Okabe–Ito colours: one per variant (table order) and one per group (table order).
VARIANT_COLOURS = ("#0072B2", "#D55E00", "#009E73")
GROUP_COLOURS = ("#56B4E9", "#E69F00", "#CC79A7")
#: Rating order 0 (-/-) … 4 (++): orange via white to blue (safe for red-green colour
#: blindness). All five colours are light enough for black text (contrast ≥ 6:1), so the
#: symbol printed in every cell stays readable.
MATRIX_COLOURS = ("#E66101", "#FDB863", "#F7F7F7", "#92C5DE", "#4393C3")
OVERRIDE_MARK = "*"


def _variant_colour(matrix: Matrix, variant_id: str) -> str:
    return VARIANT_COLOURS[matrix.variant_ids.index(variant_id) % len(VARIANT_COLOURS)]


def _short(label: str, width: int = 48) -> str:
    return label if len(label) <= width else label[: width - 1].rstrip() + "…"


# --- ranking ---------------------------------------------------------------------------------
def ranking_spec(result: ScoreResult, matrix: Matrix, width: int = 760, height: int = 220) -> dict:
    """Horizontal bars of the 0–100 scores, best on top, the score printed next to each bar."""
    rows: list[dict[str, Any]] = [
        {
            "variant": f"{matrix.variant(v).name} (plaats {result.ranks[v]})",
            "score": round(float(result.scores_0_100[v]), 3),
            "label": fmt_number(result.scores_0_100[v], 0),
            "colour": _variant_colour(matrix, v),
        }
        for v in result.ranking
    ]
    order = [r["variant"] for r in rows]
    y = {"field": "variant", "type": "nominal", "sort": order, "title": None}
    return base(
        width,
        height,
        title="Rangorde van de varianten",
        figures=[(r["variant"], "score (0–100)", r["score"]) for r in rows],
        data={"values": rows},
        encoding={"y": y},
        layer=[
            {
                "mark": {"type": "bar", "height": {"band": 0.7}},
                "encoding": {
                    "x": {
                        "field": "score",
                        "type": "quantitative",
                        "scale": {"domain": [0, 105]},
                        "title": "score (0–100)",
                    },
                    "color": {"field": "colour", "type": "nominal", "scale": None},
                    "tooltip": tooltip(("variant", "variant"), ("label", "score van 100")),
                },
            },
            {
                "mark": {"type": "text", "align": "left", "dx": 4, "fontSize": 14, "color": TEXT},
                "encoding": {
                    "x": {"field": "score", "type": "quantitative"},
                    "text": {"field": "label"},
                },
            },
        ],
    )


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


def contributions_spec(
    result: ScoreResult, matrix: Matrix, width: int = 760, height: int = 330
) -> dict:
    """Per variant a bar stacked by group (negative parts below zero); the total as a diamond."""
    by_group = group_contributions(result, matrix)
    names = [matrix.variant(v).name for v in result.variant_ids]
    parts: list[dict[str, Any]] = [
        {
            "variant": matrix.variant(v).name,
            "perspectief": g.short,
            "bijdrage": round(float(by_group[g.id][v]), 4),
            "label": fmt_number(by_group[g.id][v], 2),
        }
        for g in matrix.groups
        for v in result.variant_ids
    ]
    totals: list[dict[str, Any]] = [
        {
            "variant": matrix.variant(v).name,
            "totaal": round(float(result.scores[v]), 4),
            "label": fmt_number(result.scores[v], 2),
        }
        for v in result.variant_ids
    ]
    groups = [g.short for g in matrix.groups]
    x = {"field": "variant", "type": "nominal", "sort": names, "title": None,
         "axis": {"labelAngle": 0}}  # fmt: skip
    y_title = "bijdrage aan de score (schaalpunten)"
    return base(
        width,
        height,
        title="Waar de score vandaan komt, per perspectief",
        figures=[(p["variant"], p["perspectief"], p["bijdrage"]) for p in parts]
        + [(t["variant"], "Totaal", t["totaal"]) for t in totals],
        layer=[
            {
                "data": {"values": parts},
                "mark": {"type": "bar", "width": {"band": 0.6}},
                "encoding": {
                    "x": x,
                    "y": {
                        "field": "bijdrage",
                        "type": "quantitative",
                        "stack": "zero",
                        "title": y_title,
                    },
                    "color": {
                        "field": "perspectief",
                        "type": "nominal",
                        "sort": groups,
                        "scale": {"domain": groups, "range": list(GROUP_COLOURS[: len(groups)])},
                        "legend": legend_below(),
                    },
                    "order": {"field": "perspectief", "sort": "ascending"},
                    "tooltip": tooltip(
                        ("variant", "variant"),
                        ("perspectief", "perspectief"),
                        ("label", "bijdrage"),
                    ),
                },
            },
            {
                "data": {"values": parts},
                "transform": [{"filter": "abs(datum.bijdrage) >= 0.08"}],
                # left of the bar's middle, where the total's diamond stands
                "mark": {
                    "type": "text",
                    "fontSize": 12,
                    "color": "#000000",
                    "align": "right",
                    "dx": -12,
                },
                "encoding": {
                    "x": x,
                    "y": {
                        "field": "bijdrage",
                        "type": "quantitative",
                        "stack": "zero",
                        "bandPosition": 0.5,
                    },
                    "detail": {"field": "perspectief"},
                    "text": {"field": "label"},
                    "order": {"field": "perspectief", "sort": "ascending"},
                },
            },
            {
                "data": {"values": totals},
                "mark": {
                    "type": "point",
                    "shape": "diamond",
                    "filled": True,
                    "size": 140,
                    "color": "#000000",
                },
                "encoding": {
                    "x": x,
                    "y": {"field": "totaal", "type": "quantitative"},
                    "tooltip": tooltip(("variant", "variant"), ("label", "totaal")),
                },
            },
            {
                "data": {"values": totals},
                "mark": {
                    "type": "text",
                    "align": "left",
                    "dx": 6,
                    "fontSize": 13,
                    "fontWeight": "bold",
                    "color": "#000000",
                },
                "encoding": {
                    # beside the bar, not inside it: a total near a part's middle would cover
                    # that part's label (the bar spans 0.2-0.8 of its band)
                    "x": {**x, "bandPosition": 0.8},
                    "y": {"field": "totaal", "type": "quantitative"},
                    "text": {"field": "label"},
                },
            },
        ],
    )


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
def matrix_spec(problem: DecisionProblem, width: int = 760) -> dict:
    """The criteria matrix: colour by rating, the symbol printed in each cell, ``*`` = own view."""
    m = problem.matrix
    orders = problem.rating_orders()
    names = [v.name for v in m.variants]
    criteria = [f"{m.group(c.group).short} · {_short(c.label)}" for c in m.criteria]
    cells: list[dict[str, Any]] = []
    for i, crit in enumerate(m.criteria):
        for j, v in enumerate(m.variant_ids):
            rating = problem.rating(crit.id, v)
            own = problem.is_overridden(crit.id, v)
            cells.append(
                {
                    "criterium": criteria[i],
                    "variant": names[j],
                    "orde": int(orders[i][j]),
                    "teken": f"{rating.value} {OVERRIDE_MARK}" if own else rating.value,
                    "oordeel": (
                        f"eigen oordeel {rating.value} (handreiking: {m.rating(crit.id, v).value})"
                        if own
                        else f"handreiking: {rating.value}"
                    ),
                }
            )
    title = "Beoordeling per criterium (handreiking §8)"
    if problem.overrides:
        title += f" ({OVERRIDE_MARK} = eigen oordeel)"
    x = {"field": "variant", "type": "nominal", "sort": names, "title": None,
         "axis": {"orient": "top", "labelAngle": 0, "domain": False, "ticks": False,
                  "labelFontSize": 12}}  # fmt: skip
    # in a browser the names take at most half the column, so the cells stay readable in the
    # page's narrow chart column and on a phone ("…"; the table has them in full)
    limit = "containerSize()[0] > 0 ? containerSize()[0] * 0.5 : 0"
    y = {"field": "criterium", "type": "nominal", "sort": criteria, "title": None,
         "axis": {"domain": False, "ticks": False, "labelLimit": {"expr": limit}}}  # fmt: skip
    return base(
        width,
        26 * len(m.criteria),
        title=title,
        # the figures of a matrix are its symbols: the table beside the chart has them
        figures=[(c["criterium"], c["variant"], float(c["orde"])) for c in cells],
        data={"values": cells},
        encoding={"x": x, "y": y},
        layer=[
            {
                "mark": {"type": "rect", "stroke": "#FFFFFF", "strokeWidth": 2},
                "encoding": {
                    "color": {
                        "field": "orde",
                        "type": "ordinal",
                        "scale": {"domain": [0, 1, 2, 3, 4], "range": list(MATRIX_COLOURS)},
                        "legend": None,
                    },
                    "tooltip": tooltip(
                        ("criterium", "criterium"), ("variant", "variant"), ("oordeel", "oordeel")
                    ),
                },
            },
            {
                "mark": {"type": "text", "fontSize": 14, "fontWeight": "bold", "color": "#000000"},
                "encoding": {"text": {"field": "teken"}},
            },
        ],
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


# --- group scores ----------------------------------------------------------------------------
def group_scores_spec(result: ScoreResult, problem: DecisionProblem, width: int = 760) -> dict:
    """Grouped bars: the score of each variant within each perspective (scale points)."""
    m = problem.matrix
    groups = [g.short for g in m.groups]
    names = [m.variant(v).name for v in m.variant_ids]
    rows = [
        {
            "categorie": g.short,
            "reeks": m.variant(v).name,
            "waarde": round(float(result.group_scores[v][g.id]), 4),
            "label": fmt_number(result.group_scores[v][g.id], 2),
        }
        for g in m.groups
        for v in m.variant_ids
    ]
    lo, hi = problem.scale.minimum, problem.scale.maximum
    pad = (hi - lo) * 0.12
    return bars_spec(
        rows,
        categories=groups,
        series=names,
        colours=[_variant_colour(m, v) for v in m.variant_ids],
        value_title="score binnen het perspectief",
        domain=(lo - pad, hi + pad),
        category_title="perspectief",
        width=width,
        height=280,
        title="Score per perspectief",
    )


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
