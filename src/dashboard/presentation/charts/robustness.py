"""Charts of the robustness analysis: score lines against one weight, the tornado overview of all
intervals, and rank acceptability, as Vega-Lite specifications
(:mod:`dashboard.presentation.charts.specs`),
with their tables; the sentences are in :mod:`dashboard.presentation.narrative.chart_texts`.

Colours are the Okabe–Ito palette of :mod:`dashboard.presentation.charts.scoring` (one per variant,
table
order); lines also differ in dash style and every bar prints its number, so colour is never the
only carrier of meaning.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import Any

from dashboard.core.formatting import fmt_number, fmt_pct
from dashboard.mcda.scoring import DecisionProblem
from dashboard.mcda.sensitivity import OneWay, SmaaResult
from dashboard.presentation.charts.specs import (
    NARROW,
    TEXT,
    base,
    legend_below,
    title_lines,
    tooltip,
)
from dashboard.presentation.narrative import interval_text, lower_first
from dashboard.presentation.narrative.chart_texts import tornado_rows

#: Okabe–Ito, as in dashboard.presentation.charts.scoring (variants in table order).
VARIANT_COLOURS = ("#0072B2", "#D55E00", "#009E73")
DASHES = ([1, 0], [8, 4], [2, 3])
#: Rank 1, 2, 3: dark blue (white text, contrast 5.4:1), light blue and light grey (black text).
RANK_COLOURS = ("#0072B2", "#9ECAE9", "#E0E0E0")
RANK_TEXT = ("#FFFFFF", "#000000", "#000000")
INTERVAL_COLOUR = "#56B4E9"


def _short(label: str, width: int = 44) -> str:
    return label if len(label) <= width else label[: width - 1].rstrip() + "…"


def weight_label(
    problem: DecisionProblem, ow: OneWay, width: int = 34, compact: bool = False
) -> str:
    """``Groep: Werkgevers`` for a group, ``Concurrerend aanbod … (werkzoekenden)`` for a
    criterion: the names a reader knows, never the internal ids. The group is named after the
    criterion, so criteria that share a name stay apart (two groups have "Efficiency &
    effectiviteit bevorderend"). ``compact`` (a chart on a slide): the group only where the
    name alone is ambiguous, and no "Groep:" prefix."""
    if ow.kind == "group":
        return ow.label if compact else f"Groep: {ow.label}"
    label = _short(ow.label, width)
    if compact:
        names = [c.label for c in problem.matrix.criteria]
        if names.count(ow.label) < 2:
            return label
    group = problem.matrix.group(ow.group).short if ow.group else ""
    return f"{label} ({lower_first(group)})"


def _colour(problem: DecisionProblem, variant: str) -> str:
    return VARIANT_COLOURS[problem.matrix.variant_ids.index(variant) % len(VARIANT_COLOURS)]


# --- score lines -------------------------------------------------------------------------------
def score_lines_spec(ow: OneWay, problem: DecisionProblem, width: int = 760) -> dict:
    """Score of every variant against the share of one weight (straight lines), with the
    current share marked, the winner's interval shaded and the crossing points as circles."""
    m = problem.matrix
    names = [m.variant(v).name for v in m.variant_ids]
    lines: list[dict[str, Any]] = [
        {
            "variant": m.variant(v).name,
            "aandeel": share * 100,
            "score": round(ow.score_at(v, share), 4),
            "label": fmt_number(ow.score_at(v, share), 3),
            "bij": fmt_pct(share, 0),
        }
        for v in m.variant_ids
        for share in (0.0, 1.0)
    ]
    crossings = [
        {
            "aandeel": t * 100,
            "score": round(ow.score_at(a, t), 4),
            "tekst": f"{m.variant(a).name} = {m.variant(b).name} bij {fmt_pct(t, 1)}",
        }
        for t, a, b in ow.crossings
    ]
    now = [{"aandeel": ow.baseline_share * 100, "label": f"nu {fmt_pct(ow.baseline_share, 0)}"}]
    if ow.kind == "group":
        axis_title = f"aandeel van {ow.label} in het gewicht van alle groepen"
    else:
        axis_title = f"aandeel binnen de groep {m.group(ow.group).label}"
    x_scale = {"domain": [0, 100]}
    x_axis = {"values": [0, 20, 40, 60, 80, 100], "labelExpr": "datum.label + '%'"}
    x = {"field": "aandeel", "type": "quantitative", "scale": x_scale}
    layers: list[dict] = [
        {
            "data": {"values": [{"van": ow.low * 100, "tot": ow.high * 100}]},
            "mark": {"type": "rect", "color": INTERVAL_COLOUR, "opacity": 0.2},
            "encoding": {
                "x": {
                    "field": "van",
                    "type": "quantitative",
                    "scale": x_scale,
                    "title": title_lines(axis_title),
                    "axis": x_axis,
                },
                "x2": {"field": "tot"},
            },
        },
        {
            "data": {"values": lines},
            "mark": {"type": "line", "strokeWidth": 3},
            "encoding": {
                "x": x,
                "y": {
                    "field": "score",
                    "type": "quantitative",
                    "title": "score",
                    "scale": {"zero": False},
                },
                "color": {
                    "field": "variant",
                    "type": "nominal",
                    "sort": names,
                    "scale": {
                        "domain": names,
                        "range": [_colour(problem, v) for v in m.variant_ids],
                    },
                    "legend": legend_below(),
                },
                "strokeDash": {
                    "field": "variant",
                    "type": "nominal",
                    "sort": names,
                    "scale": {
                        "domain": names,
                        "range": [DASHES[k % len(DASHES)] for k in range(len(names))],
                    },
                    "legend": None,
                },
                "tooltip": tooltip(("variant", "variant"), ("bij", "bij"), ("label", "score")),
            },
        },
        {
            "data": {"values": now},
            "mark": {"type": "rule", "color": "#000000", "strokeWidth": 2, "strokeDash": [6, 4]},
            "encoding": {"x": x},
        },
        {
            "data": {"values": now},
            "mark": {
                "type": "text",
                "align": "left",
                "dx": 4,
                "y": "height",
                "dy": -8,
                "fontSize": 13,
                "color": TEXT,
            },
            "encoding": {"x": x, "text": {"field": "label"}},
        },
    ]
    if crossings:
        layers.append(
            {
                "data": {"values": crossings},
                "mark": {
                    "type": "point",
                    "shape": "circle",
                    "filled": False,
                    "size": 90,
                    "strokeWidth": 2,
                    "color": "#000000",
                },
                "encoding": {
                    "x": x,
                    "y": {"field": "score", "type": "quantitative"},
                    "tooltip": tooltip(("tekst", "snijpunt")),
                },
            }
        )
    return base(
        width,
        300,
        title=f"Scores bij een ander gewicht voor {_short(ow.label, 60)}",
        figures=[(r["bij"], r["variant"], r["score"]) for r in lines],
        layer=layers,
    )


# --- tornado -----------------------------------------------------------------------------------
#: Type size of the tornado's labels in the PDF and the slides: the chart is shown shrunk, in a
#: slide or a presentation column of about 700 px, and must stay readable there (15 px or more).
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
    *,
    font: int = TORNADO_FONT,
    label_chars: int = 30,
) -> tuple[dict, int]:
    """For every weight the shares between which the winner stays on top (bar) and the current
    share (diamond), narrowest on top; ``limit`` keeps that many of the most sensitive. Each
    bar is named in full (over lines of about ``label_chars`` letters) and its interval printed
    right of it ("elk aandeel" when no share changes the winner); ``font`` is the type size
    (large for a chart shown shrunk). Returns spec and height."""
    m = problem.matrix
    all_rows = tornado_rows(one_way)
    rows = all_rows[:limit] if limit else all_rows
    labels = [tornado_label(problem, ow, label_chars) for ow in rows]
    data: list[dict[str, Any]] = [
        {
            "gewicht": label,
            "van": round(ow.low * 100, 3),
            "tot": round(ow.high * 100, 3),
            "nu": round(ow.baseline_share * 100, 3),
            "label": tornado_value_text(ow),
            "nu_tekst": fmt_pct(ow.baseline_share, 1),
            "daaronder": m.variant(ow.below).name if ow.below else "geen",
            "daarboven": m.variant(ow.above).name if ow.above else "geen",
        }
        for ow, label in zip(rows, labels, strict=True)
    ]
    order = labels
    lines = max((label.count("\n") + 1 for label in labels), default=1)
    step = max(36, 14 + round(26 * font / TORNADO_FONT) * lines)  # room for every line
    height = 40 + step * max(len(rows), 1)
    y = {
        "field": "gewicht",
        "type": "nominal",
        "sort": order,
        "title": None,
        "axis": {"labelExpr": "split(datum.label, '\\n')", "labelLineHeight": font},
    }
    # room right of 100 % for the interval text (more on a phone, where the names take more of
    # the width than the text needs)
    x_scale = {"domainMin": 0, "domainMax": {"expr": f"{NARROW} ? 240 : 132"}, "clamp": True}
    winner = rows[0].winner if rows else (one_way[0].winner if one_way else m.variant_ids[0])
    title = f"Tussen welke aandelen blijft {m.variant(winner).name} het hoogst?"
    if limit and len(all_rows) > len(rows):
        title += f" (de {len(rows)} gevoeligste van {len(all_rows)} gewichten)"
    spec = base(
        width,
        height,
        title=title,
        figures=[
            (ow_row["gewicht"].replace("\n", " "), key, ow_row[field])
            for ow_row in data
            for key, field in (("van (%)", "van"), ("tot (%)", "tot"), ("nu (%)", "nu"))
        ],
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
                    "tooltip": tooltip(
                        ("label", f"{m.variant(winner).name} blijft het hoogst"),
                        ("nu_tekst", "nu"),
                        ("daaronder", "daaronder wint"),
                        ("daarboven", "daarboven wint"),
                    ),
                },
            },
            {
                "mark": {
                    "type": "text",
                    "align": "left",
                    "dx": 5,
                    "fontSize": font,
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
                "encoding": {
                    "x": {"field": "nu", "type": "quantitative", "scale": x_scale},
                    "tooltip": tooltip(("nu_tekst", "huidig aandeel")),
                },
            },
        ],
    )
    # shown shrunk to a slide or a presentation column: large type stays readable there
    spec["config"]["axis"] = {**spec["config"]["axis"], "labelFontSize": font,
                              "titleFontSize": font}  # fmt: skip
    return spec, height + 70


# --- acceptability -----------------------------------------------------------------------------
def acceptability_spec(result: SmaaResult, problem: DecisionProblem, width: int = 760) -> dict:
    """Stacked bars: per variant the share of sampled weightings in which it is 1st, 2nd, 3rd."""
    m = problem.matrix
    names = [m.variant(v).name for v in result.variant_ids]
    ranks = [f"{r + 1}e plaats" for r in range(len(result.variant_ids))]
    rows: list[dict[str, Any]] = []
    for v in result.variant_ids:
        start = 0.0
        for r, p in enumerate(result.acceptability[v]):
            share = float(p) * 100
            rows.append(
                {
                    "variant": m.variant(v).name,
                    "plaats": ranks[r],
                    "van": round(start, 4),
                    "tot": round(start + share, 4),
                    "midden": round(start + share / 2, 4),
                    "aandeel": round(share, 4),
                    "label": fmt_pct(p, 0) if share >= 4 else "",
                    "tekst": fmt_pct(p, 1),
                    "kleur": RANK_TEXT[min(r, len(RANK_TEXT) - 1)],
                }
            )
            start += share
    y = {"field": "variant", "type": "nominal", "sort": names, "title": None}
    x_scale = {"domain": [0, 100]}
    return base(
        width,
        40 * len(names) + 20,
        title="Hoe vaak staat elke variant op welke plaats?",
        figures=[(r["variant"], r["plaats"], r["aandeel"]) for r in rows],
        data={"values": rows},
        encoding={"y": y},
        layer=[
            {
                "mark": {"type": "bar", "stroke": "#404040", "strokeWidth": 1},
                "encoding": {
                    "x": {
                        "field": "van",
                        "type": "quantitative",
                        "scale": x_scale,
                        "title": "aandeel van de wegingen",
                        "axis": {
                            "values": [0, 20, 40, 60, 80, 100],
                            "labelExpr": "datum.label + '%'",
                        },
                    },
                    "x2": {"field": "tot"},
                    "color": {
                        "field": "plaats",
                        "type": "nominal",
                        "sort": ranks,
                        "scale": {
                            "domain": ranks,
                            "range": [
                                RANK_COLOURS[min(r, len(RANK_COLOURS) - 1)]
                                for r in range(len(ranks))
                            ],
                        },
                        "legend": legend_below(),
                    },
                    "tooltip": tooltip(
                        ("variant", "variant"), ("plaats", "plaats"), ("tekst", "van de wegingen")
                    ),
                },
            },
            {
                "mark": {"type": "text", "fontSize": 13},
                "encoding": {
                    "x": {"field": "midden", "type": "quantitative", "scale": x_scale},
                    "text": {"field": "label"},
                    "color": {"field": "kleur", "type": "nominal", "scale": None},
                },
            },
        ],
    )
