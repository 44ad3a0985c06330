"""The chart grammar: one Vega-Lite specification per chart, for the page, the PDF and the slides.

Every chart of the dashboard is a builder in :mod:`dashboard.presentation.charts.scoring`,
:mod:`~dashboard.presentation.charts.robustness`, :mod:`~dashboard.presentation.charts.profiles` or
:mod:`~dashboard.presentation.charts.pendel` that takes the domain objects and returns a plain
dict. The
page shows that dict with ``st.vega_lite_chart`` (:func:`dashboard.ui.figures.show_chart`);
:mod:`dashboard.presentation.charts.render` draws the same dict without a browser, SVG for the
Presentatie page and the PDF, PNG for the slides; the exports draw the bar charts from the same
dict themselves (:mod:`dashboard.presentation.charts.native`). Numbers are formatted in Python
(Dutch notation) and printed on the marks, so colour is never the only carrier; the axes read the
Dutch locale of :data:`dashboard.presentation.charts.render.LOCALE`, carried in the spec so the
browser uses it too.

A spec carries, in ``usermeta`` (which Vega-Lite leaves alone), the chart's title (the page
prints it above the chart, where a long title wraps on a phone) and the figures it draws (the
page offers them as an Excel download, :func:`dashboard.presentation.tables.chart_figures`).
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Sequence
from typing import Any

from dashboard.presentation.charts.render import LOCALE

SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"
FONT = "Source Sans Pro, DejaVu Sans, Arial, sans-serif"
TEXT = "#262730"
#: The outline of a "before" bar: with the lighter fill it tells before from after without colour.
BEFORE_DASH = [4, 2]

#: True in a browser column narrower than a tablet (a phone); vl-convert has no container (0).
NARROW = "(containerSize()[0] > 0 && containerSize()[0] < 560)"
#: On a phone, a name left of its bar takes at most this share of the width (then "…"; the
#: tooltip, the text version and the table have it in full); elsewhere names are never cut.
NAME_SHARE = 0.42


def legend_below() -> dict[str, Any]:
    """A legend under the chart: its entries in a row, on a phone one under the other. A new
    dict each time, so no two specs share it (whoever changes one spec changes only that)."""
    return {"orient": "bottom", "title": None, "columns": {"expr": f"{NARROW} ? 1 : 0"}}


#: One figure a chart draws: (category, series, value); value None = niet beschikbaar.
FigureRow = tuple[str, str, float | None]


def base(
    width: int,
    height: int,
    *,
    title: str = "",
    figures: Iterable[Sequence[Any]] = (),
    **extra: Any,
) -> dict:
    """The shared frame: size, font, Dutch-looking axes and numbers, no chart border; the
    title and the figures in ``usermeta``."""
    return {
        "$schema": SCHEMA,
        "width": width,
        "height": height,
        "background": "#FFFFFF",
        "usermeta": {"title": title, "figures": [list(row) for row in figures]},
        "config": {
            "font": FONT,
            "locale": {"number": LOCALE},
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


def title_of(spec: dict) -> str:
    """The chart's title (empty when the spec has none)."""
    return str(spec.get("usermeta", {}).get("title", ""))


def figures_of(spec: dict) -> list[FigureRow]:
    """The figures the chart draws, as (category, series, value)."""
    return [(str(c), str(s), v) for c, s, v in spec.get("usermeta", {}).get("figures", [])]


def title_lines(text: str, width: int = 38) -> str | list[str]:
    """An axis title over lines of about ``width`` letters: Vega cuts a title longer than its
    axis, and a phone's axis is short."""
    parts = textwrap.wrap(text, width, break_on_hyphens=False)
    return parts if len(parts) > 1 else text


def tooltip(*fields: tuple[str, str]) -> list[dict[str, str]]:
    """A Dutch tooltip: (field, title) pairs, each field already formatted text."""
    return [{"field": field, "type": "nominal", "title": title} for field, title in fields]


def bars_spec(
    rows: Sequence[dict[str, Any]],
    *,
    categories: Sequence[str],
    series: Sequence[str],
    colours: Sequence[str],
    value_title: str,
    horizontal: bool = False,
    grouped: bool = True,
    outlined: Sequence[str] = (),
    domain: tuple[float, float] | dict[str, Any] | None = None,
    value_axis: dict[str, Any] | None = None,
    category_title: str = "",
    width: int = 760,
    height: int = 300,
    title: str = "",
    font_size: int = 12,
    legend: bool = True,
) -> dict:
    """Bars with their label: ``rows`` of ``{"categorie", "reeks", "waarde", "label"}``; a
    missing value (``waarde`` None) is drawn as no bar with its label ("niet beschikbaar").

    ``horizontal`` puts the categories on the y axis (long names read left of their bar);
    ``grouped`` sets the series of a category side by side (otherwise each category has one
    bar); the series in ``outlined`` get a dashed outline (before/after, or Nederland, told
    apart without colour alone).
    """
    cat, val = ("y", "x") if horizontal else ("x", "y")
    cat_axis: dict[str, Any] = (
        {
            "labelLimit": {"expr": f"{NARROW} ? containerSize()[0] * {NAME_SHARE} : 0"},
            "labelExpr": "split(datum.label, '\\n')",  # a name wrapped in Python
        }
        if horizontal
        # on a phone each word on a line of its own, so neighbouring names do not run together
        else {"labelAngle": 0, "labelExpr": f"{NARROW} ? split(datum.label, ' ') : datum.label"}
    )
    category = {
        "field": "categorie",
        "type": "nominal",
        "sort": list(categories),
        "title": None,  # the ticks name themselves; the tooltip names the axis
        "axis": cat_axis,
    }
    scale: dict[str, Any] = (
        domain if isinstance(domain, dict) else {"domain": list(domain)} if domain else {}
    )
    value = {
        "field": "waarde",
        "type": "quantitative",
        "title": title_lines(value_title),
        "scale": scale,
        **({"axis": value_axis} if value_axis else {}),
    }
    encoding: dict[str, Any] = {cat: category}
    if grouped:
        encoding[f"{cat}Offset"] = {"field": "reeks", "type": "nominal", "sort": list(series)}
    colour = {
        "field": "reeks",
        "type": "nominal",
        "sort": list(series),
        "scale": {"domain": list(series), "range": list(colours)},
        "legend": legend_below() if legend else None,
    }
    bar: dict[str, Any] = {
        "mark": {"type": "bar", "stroke": "#404040", "strokeWidth": 0},
        "encoding": {
            val: value,
            "color": colour,
            "tooltip": tooltip(
                ("categorie", category_title or "wat"), ("reeks", "reeks"), ("label", "waarde")
            ),
        },
    }
    if outlined:
        # a field, not the series' name, in the test: no text from data in an expression
        outline = "datum.omlijnd"
        bar["encoding"]["strokeWidth"] = {"condition": {"test": outline, "value": 1.5}, "value": 0}
        bar["encoding"]["strokeDash"] = {
            "condition": {"test": outline, "value": BEFORE_DASH},
            "value": [1, 0],
        }
    size = {"expr": f"{NARROW} ? {font_size - 1} : {font_size}"}
    text_mark: dict[str, Any] = (
        {"type": "text", "align": "left", "dx": 4, "fontSize": size, "color": TEXT}
        if horizontal
        # on a phone the bars are narrower than their labels: the labels stand upright
        else {
            "type": "text",
            "fontSize": size,
            "color": TEXT,
            "angle": {"expr": f"{NARROW} ? 270 : 0"},
            "align": {"expr": f"{NARROW} ? 'left' : 'center'"},
            "baseline": {"expr": f"{NARROW} ? 'middle' : 'bottom'"},
            "dx": {"expr": f"{NARROW} ? 4 : 0"},
            "dy": {"expr": f"{NARROW} ? 0 : -3"},
        }
    )
    label = {
        "mark": text_mark,
        "encoding": {
            # a missing value: its label ("niet beschikbaar") at zero
            val: {"field": "positie", "type": "quantitative"},
            "text": {"field": "label"},
        },
    }
    values = [
        {
            **r,
            "positie": r["waarde"] if r["waarde"] is not None else 0,
            "omlijnd": r["reeks"] in outlined,
        }
        for r in rows
    ]
    return base(
        width,
        height,
        title=title,
        figures=[(r["categorie"], r["reeks"], r["waarde"]) for r in rows],
        data={"values": values},
        encoding=encoding,
        layer=[bar, label],
    )


def headroom(values: Iterable[Any], factor: float = 1.35) -> dict[str, Any]:
    """A value scale from zero with room beyond the largest bar for its printed label; more
    room on a phone, where the plot is narrow and the label is not."""
    top = max((v for v in values if v is not None), default=0.0)
    top = float(top) if top > 0 else 1.0
    return {
        "domainMin": 0,
        "domainMax": {"expr": f"{top!r} * ({NARROW} ? {factor + 1:g} : {factor:g})"},
    }
