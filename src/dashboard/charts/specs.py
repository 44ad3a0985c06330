"""Vega-Lite specifications of the charts in the PDF report, the slides and the Presentatie page.

Each builder mirrors a plotly figure of the pages (same data, colours and wording) as a plain
dict, so :mod:`dashboard.charts.render` can draw it without a browser: SVG for the page and the
PDF (vector), PNG for the slides. Numbers are formatted in Python (Dutch notation) and printed on
the marks, so colour is never the only carrier.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import Any

from dashboard.charts.robustness import INTERVAL_COLOUR, _tornado_rows, weight_label
from dashboard.charts.scoring import GROUP_COLOURS, VARIANT_COLOURS, group_contributions
from dashboard.criteria import Matrix
from dashboard.formatting import fmt_number
from dashboard.narrative import interval_text
from dashboard.scoring import DecisionProblem, ScoreResult
from dashboard.sensitivity import OneWay

SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"
FONT = "Source Sans Pro, DejaVu Sans, Arial, sans-serif"
TEXT = "#262730"


def base(width: int, height: int, **extra: Any) -> dict:
    """The shared frame: size, font, Dutch-looking axes, no chart border."""
    return {
        "$schema": SCHEMA,
        "width": width,
        "height": height,
        "background": "#FFFFFF",
        "config": {
            "font": FONT,
            "view": {"stroke": None},
            "axis": {
                "labelFontSize": 13,
                "titleFontSize": 13,
                "labelColor": TEXT,
                "titleColor": TEXT,
                "gridColor": "#E5E5E5",
                # labels are shortened in Python; truncating them here costs a text
                # measurement per label and step (half the drawing time of a long axis)
                "labelLimit": 0,
            },
            "legend": {"labelFontSize": 13, "titleFontSize": 13, "labelLimit": 300},
        },
        **extra,
    }


def ranking_spec(result: ScoreResult, matrix: Matrix, width: int = 760, height: int = 220) -> dict:
    """Horizontal bars of the 0–100 scores, best on top, the score printed next to each bar."""
    rows = [
        {
            "variant": f"{matrix.variant(v).name} (plaats {result.ranks[v]})",
            "score": round(float(result.scores_0_100[v]), 3),
            "label": fmt_number(result.scores_0_100[v], 0),
            "colour": VARIANT_COLOURS[matrix.variant_ids.index(v) % len(VARIANT_COLOURS)],
        }
        for v in result.ranking
    ]
    order = [r["variant"] for r in rows]
    y = {"field": "variant", "type": "nominal", "sort": order, "title": None}
    return base(
        width,
        height,
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


def contributions_spec(
    result: ScoreResult, matrix: Matrix, width: int = 760, height: int = 330
) -> dict:
    """Per variant a bar stacked by group (negative parts below zero); the total as a diamond."""
    by_group = group_contributions(result, matrix)
    names = [matrix.variant(v).name for v in result.variant_ids]
    parts = [
        {
            "variant": matrix.variant(v).name,
            "perspectief": g.short,
            "bijdrage": round(float(by_group[g.id][v]), 4),
            "label": fmt_number(by_group[g.id][v], 2),
        }
        for g in matrix.groups
        for v in result.variant_ids
    ]
    totals = [
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
                        "legend": {"orient": "bottom", "title": None},
                    },
                    "order": {"field": "perspectief", "sort": "ascending"},
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
                "encoding": {"x": x, "y": {"field": "totaal", "type": "quantitative"}},
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


#: Type size of the tornado's labels: the chart is shown shrunk, in a slide or a presentation
#: column of about 700 px, and must stay readable there (15 px or more on screen).
TORNADO_FONT = 22


def tornado_label(problem: DecisionProblem, ow: OneWay, width: int = 30) -> str:
    """What a bar of the tornado is (``Groep: Werkgevers``, a criterion with its group), in
    full over lines of about ``width`` letters, never cut off."""
    text = weight_label(problem, ow, width=10_000)
    return "\n".join(textwrap.wrap(text, width, break_on_hyphens=False)) or text


def tornado_value_text(ow: OneWay) -> str:
    """The bar's value: ``"7% – 100%"``, or ``"elk aandeel"`` when the winner stays on top
    whatever share the weight gets."""
    return "elk aandeel" if ow.low <= 0 and ow.high >= 1 else interval_text(ow)


def tornado_spec(
    one_way: Sequence[OneWay],
    problem: DecisionProblem,
    width: int = 760,
    limit: int | None = None,
) -> tuple[dict, int]:
    """For every weight the shares between which the winner stays on top (bar) and the current
    share (diamond), narrowest on top; ``limit`` keeps that many of the most sensitive. Each
    bar is named in full (over several lines) and its interval printed right of it ("elk
    aandeel" when no share changes the winner). Returns spec and height."""
    rows = _tornado_rows(one_way)[:limit] if limit else _tornado_rows(one_way)
    labels = [tornado_label(problem, ow) for ow in rows]
    data = [
        {
            "gewicht": label,
            "van": round(ow.low * 100, 3),
            "tot": round(ow.high * 100, 3),
            "nu": round(ow.baseline_share * 100, 3),
            "label": tornado_value_text(ow),
        }
        for ow, label in zip(rows, labels, strict=True)
    ]
    order = labels
    lines = max((label.count("\n") + 1 for label in labels), default=1)
    step = max(36, 14 + 26 * lines)  # room for every line of the longest name
    height = 40 + step * max(len(rows), 1)
    y = {
        "field": "gewicht",
        "type": "nominal",
        "sort": order,
        "title": None,
        "axis": {"labelExpr": "split(datum.label, '\\n')", "labelLineHeight": TORNADO_FONT},
    }
    x_scale = {"domain": [0, 132], "clamp": True}  # room right of 100 % for the interval text
    spec = base(
        width,
        height,
        data={"values": data},
        encoding={"y": y},
        layer=[
            {
                "mark": {
                    "type": "bar",
                    "color": INTERVAL_COLOUR,
                    "stroke": "#1F4E79",
                    "strokeWidth": 1,
                    "height": {"band": 0.6},
                },
                "encoding": {
                    "x": {
                        "field": "van",
                        "type": "quantitative",
                        "scale": x_scale,
                        # short: it is drawn in large type; the chart's title says the rest
                        "title": "aandeel van het gewicht (ruit: nu)",
                        "axis": {
                            "values": [0, 20, 40, 60, 80, 100],
                            "labelExpr": "datum.label + '%'",
                        },
                    },
                    "x2": {"field": "tot"},
                },
            },
            {
                "mark": {
                    "type": "text",
                    "align": "left",
                    "dx": 5,
                    "fontSize": TORNADO_FONT,
                    "color": "#000000",
                },
                "encoding": {
                    "x": {"field": "tot", "type": "quantitative", "scale": x_scale},
                    "text": {"field": "label"},
                },
            },
            {
                "mark": {
                    "type": "point",
                    "shape": "diamond",
                    "filled": True,
                    "size": 110,
                    "color": "#000000",
                },
                "encoding": {"x": {"field": "nu", "type": "quantitative", "scale": x_scale}},
            },
        ],
    )
    # shown shrunk to a slide or a presentation column: large type stays readable there
    spec["config"]["axis"] = {
        **spec["config"]["axis"],
        "labelFontSize": TORNADO_FONT,
        "titleFontSize": TORNADO_FONT,
    }
    return spec, height + 70


def grouped_bars_spec(
    rows: Sequence[dict[str, Any]],
    *,
    categories: Sequence[str],
    series: Sequence[str],
    colours: Sequence[str],
    y_title: str,
    width: int = 760,
    height: int = 300,
) -> dict:
    """Grouped vertical bars: ``rows`` of ``{"categorie", "reeks", "waarde", "label"}``; a
    missing value (``waarde`` None) is drawn as no bar with its label ("niet beschikbaar")."""
    x = {"field": "categorie", "type": "nominal", "sort": list(categories), "title": None,
         "axis": {"labelAngle": 0}}  # fmt: skip
    offset = {"field": "reeks", "type": "nominal", "sort": list(series)}
    return base(
        width,
        height,
        data={"values": list(rows)},
        encoding={"x": x, "xOffset": offset},
        layer=[
            {
                "mark": {"type": "bar"},
                "encoding": {
                    "y": {"field": "waarde", "type": "quantitative", "title": y_title},
                    "color": {
                        "field": "reeks",
                        "type": "nominal",
                        "sort": list(series),
                        "scale": {"domain": list(series), "range": list(colours)},
                        "legend": {"orient": "bottom", "title": None},
                    },
                },
            },
            {
                "mark": {"type": "text", "dy": -7, "fontSize": 12, "color": TEXT},
                "encoding": {
                    "y": {"field": "waarde", "type": "quantitative"},
                    "text": {"field": "label"},
                },
            },
        ],
    )
