"""Bar charts (the ranking, the contributions per perspective, the labour rates, the robustness
tornado): reportlab drawings for the PDF, PowerPoint bar charts for the slides.

:func:`read` turns a Vega-Lite bar specification into a :class:`BarChart` (bars, points and
texts in data terms, the value scale, the legend) the way vl-convert lays it out; the two
renderers draw that. Bars may be single, grouped (an ``xOffset``/``yOffset``), stacked (a colour
field, negative parts below zero) or ranges (``x``/``x2``); texts and points (the contributions'
totals, the tornado's "nu") stand on the same scales. Anything else (another mark, a channel,
an expression, a sort or scale the reader does not know) raises
:class:`~dashboard.core.errors.NotNativeError`, and :func:`accepts` says False: the chart is
then drawn by vl-convert, never wrongly.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from dashboard.core.errors import NotNativeError
from dashboard.presentation.charts.native.common import (
    DEFAULT_COLOUR,
    decimals,
    filtered,
    label_decimals,
    layers,
    nice,
    refuse,
    resolve,
    rgb,
    row_test,
    tick_step,
    tick_text,
    ticks,
)
from dashboard.presentation.charts.specs import NARROW

if TYPE_CHECKING:
    from dashboard.presentation.charts.native.common import Box, Fonts

#: Vega-Lite's band padding for bars: inner, and outer (half the inner).
PADDING_INNER = 0.1
PADDING_OUTER = 0.05
#: Vega's axis and legend defaults (pixels).
TICK_SIZE = 5
LABEL_PADDING = 2
TITLE_PADDING = 4
AXIS_COLOUR = "#888888"
#: Slide charts: no text under 16 pt (read from the back of a meeting room).
SLIDE_FONT_PT = 16

_BAR_MARK = {"type", "height", "width", "color", "stroke", "strokeWidth"}
_TEXT_MARK = {"type", "align", "baseline", "dx", "dy", "fontSize", "fontWeight", "color", "angle"}
_POINT_MARK = {"type", "shape", "filled", "size", "color", "strokeWidth"}
_SCALE_KEYS = {"domain", "domainMin", "domainMax", "clamp", "nice", "zero"}
_LABEL_EXPRS = {
    "split(datum.label, '\\n')": "lines",
    "datum.label + '%'": "%",
}


@dataclass
class Segment:
    """One bar (or one part of a stacked bar) from ``start`` to ``end`` on the value scale."""

    category: str
    slot: str | None
    start: float
    end: float
    fill: str
    stroke: str | None = None
    stroke_width: float = 0.0
    dashed: bool = False
    series: str | None = None
    label: str | None = None


@dataclass
class Point:
    """A symbol (the total's diamond, the current share) at ``value``."""

    category: str
    value: float
    colour: str
    size: float
    shape: str = "diamond"
    filled: bool = True


@dataclass
class Text:
    """A printed value (a bar's label, a total) at ``value``, placed as Vega places it."""

    category: str
    slot: str | None
    value: float
    text: str
    size: float
    colour: str
    align: str = "center"
    baseline: str = "middle"
    dx: float = 0.0
    dy: float = 0.0
    bold: bool = False
    band: float = 0.5
    series: str | None = None
    role: str = "bar"  # "bar": a bar's label; "total": the label of a point


@dataclass
class BarChart:
    """A bar specification in data terms, ready to draw."""

    title: str
    horizontal: bool
    categories: list[str]
    slots: list[str]
    band: float
    domain: tuple[float, float]
    tick_values: list[float]
    step: float
    tick_suffix: str
    value_title: list[str]
    legend: list[tuple[str, str, bool]]
    kind: str  # "bars", "grouped", "stacked" or "range"
    segments: list[Segment] = field(default_factory=list)
    points: list[Point] = field(default_factory=list)
    texts: list[Text] = field(default_factory=list)
    label_size: float = 13.0
    title_size: float = 13.0
    legend_size: float = 13.0
    line_height: float | None = None
    clamp: bool = False

    def position(self, value: float) -> float:
        """``value`` as a share of the value axis (0 at its start, 1 at its end)."""
        low, high = self.domain
        share = (value - low) / (high - low) if high > low else 0.0
        return min(max(share, 0.0), 1.0) if self.clamp else share

    def lines(self, category: str) -> list[str]:
        return category.split("\n")


# --- reading a specification -------------------------------------------------------------
def _only(found: dict, allowed: set[str], what: str) -> None:
    unknown = set(found) - allowed
    if unknown:
        raise refuse(f"{what} {sorted(unknown)}")


def _channels(encoding: dict, horizontal: bool) -> tuple[str, str]:
    return ("y", "x") if horizontal else ("x", "y")


def _order(channel: dict, rows: list[dict]) -> list[str]:
    sort = channel.get("sort")
    seen = list(dict.fromkeys(str(r[channel["field"]]) for r in rows))
    if sort is None:
        return seen
    if not isinstance(sort, list):
        raise refuse(f"volgorde {sort!r}")
    order = [str(s) for s in sort]
    return order + [s for s in seen if s not in order]


def _label_mode(axis: dict) -> str:
    expr = axis.get("labelExpr")
    if expr is None:
        return ""
    if expr in _LABEL_EXPRS:
        return _LABEL_EXPRS[expr]
    if expr == f"{NARROW} ? split(datum.label, ' ') : datum.label":  # split only on a phone
        return ""
    raise refuse(f"labelExpr {expr!r}")


def _category_axis(channel: dict) -> dict:
    axis = channel.get("axis") or {}
    _only(axis, {"labelAngle", "labelExpr", "labelLimit", "labelLineHeight"}, "as-instelling")
    if resolve(axis.get("labelAngle", 0)) not in (0, 0.0):
        raise refuse("schuine labels")
    _label_mode(axis)
    return axis


def _value_scale(channel: dict) -> dict:
    scale = channel.get("scale") or {}
    _only(scale, _SCALE_KEYS, "schaal")
    if scale.get("zero") is False:
        raise refuse("een schaal zonder nul")
    return scale


def _colour_of(mark: dict, encoding: dict, row: dict, series: str | None) -> str:
    colour = encoding.get("color")
    if colour is None:
        return str(mark.get("color", DEFAULT_COLOUR))
    if "value" in colour and "field" not in colour:
        return str(colour["value"])
    if colour.get("scale", "x") is None:
        return str(row[colour["field"]])
    scale = colour.get("scale") or {}
    domain, colours = scale.get("domain"), scale.get("range")
    if not isinstance(domain, list) or not isinstance(colours, list):
        raise refuse("kleuren zonder eigen reeks")
    key = str(row[colour["field"]])
    if key not in [str(d) for d in domain]:
        raise refuse(f"kleur voor {key!r}")
    return str(colours[[str(d) for d in domain].index(key) % len(colours)])


def _conditional(encoding: dict, name: str, row: dict) -> Any:
    """A ``{"condition": {"test": "datum.F", "value": a}, "value": b}`` channel for one row."""
    channel = encoding.get(name)
    if channel is None:
        return None
    _only(channel, {"condition", "value"}, name)
    condition = channel.get("condition", {})
    if condition:
        _only(condition, {"test", "value"}, name)
        if row.get(row_test(condition["test"])):
            return condition["value"]
    return channel.get("value")


def _series_field(encoding: dict, offset: str) -> str | None:
    for name in (offset, "color", "detail"):
        channel = encoding.get(name)
        if isinstance(channel, dict) and "field" in channel:
            return str(channel["field"])
    return None


def read(spec: dict, width: int, height: int) -> BarChart:
    """The bar specification ``spec`` in data terms (plot area ``width`` × ``height``)."""
    all_layers = layers(spec)
    types = [layer["mark"].get("type") for layer in all_layers]
    if types.count("bar") != 1 or set(types) - {"bar", "text", "point"}:
        raise refuse(f"markeringen {types}")
    bar = all_layers[types.index("bar")]
    enc = bar["encoding"]
    _only(bar["mark"], _BAR_MARK, "staafinstelling")
    _only(
        enc,
        {"x", "y", "x2", "y2", "xOffset", "yOffset", "color", "tooltip", "strokeWidth",
         "strokeDash", "order", "detail"},
        "kanalen",
    )  # fmt: skip
    if "transform" in bar:
        raise refuse("een bewerking op de staven")
    horizontal = enc.get("y", {}).get("type") in ("nominal", "ordinal")
    cat, val = _channels(enc, horizontal)
    offset = f"{cat}Offset"
    if enc.get(cat, {}).get("type") not in ("nominal", "ordinal"):
        raise refuse("geen categorie-as")
    if enc.get(val, {}).get("type") != "quantitative" or "aggregate" in enc[val]:
        raise refuse("geen waarde-as")
    if f"{val}Offset" in enc or f"{cat}2" in enc:
        raise refuse("een verschuiving langs de waarde-as")
    rows = bar["data"]
    cat_field, val_field = enc[cat]["field"], enc[val]["field"]
    categories = _order(enc[cat], rows)
    cat_axis = _category_axis(enc[cat])
    scale = _value_scale(enc[val])
    grouped = offset in enc
    slots = _order(enc[offset], rows) if grouped else []
    colour = enc.get("color")
    stack = enc[val].get("stack", "zero")
    ranged = f"{val}2" in enc
    stacked = (
        not grouped and not ranged and isinstance(colour, dict) and "field" in colour
        and colour.get("scale", "x") is not None
    )  # fmt: skip
    if stacked and stack not in ("zero", True):
        raise refuse(f"stapeling {stack!r}")
    series_field = _series_field(enc, offset)
    mark = bar["mark"]
    band = float((mark.get("height" if horizontal else "width") or {"band": 1}).get("band", 1))
    segments: list[Segment] = []
    base: dict[tuple[str, bool], float] = {}
    if stacked and "order" in enc:
        order = enc["order"]
        if order.get("sort", "ascending") != "ascending":
            raise refuse("aflopende stapelvolgorde")
        rows = sorted(rows, key=lambda r: str(r[order["field"]]))
    for row in rows:
        category = str(row[cat_field])
        value = row.get(val_field)
        series = str(row[series_field]) if series_field else None
        if value is None:
            continue
        value = float(value)
        start, end = 0.0, value
        if ranged:
            start, end = value, float(row[enc[f"{val}2"]["field"]])
        elif stacked:
            key = (category, value < 0)
            start = base.get(key, 0.0)
            end = base[key] = start + value
        dash = _conditional(enc, "strokeDash", row)
        stroke_width = _conditional(enc, "strokeWidth", row)
        segments.append(
            Segment(
                category=category,
                slot=series if grouped else None,
                start=start,
                end=end,
                fill=_colour_of(mark, enc, row, series),
                stroke=str(mark["stroke"]) if "stroke" in mark else None,
                stroke_width=float(
                    stroke_width if stroke_width is not None else mark.get("strokeWidth", 0)
                ),
                dashed=bool(dash) and list(dash) != [1, 0],
                series=series,
            )
        )
    for segment in segments:
        if segment.stroke_width and segment.stroke is None:
            segment.stroke = "#404040"
    # one bar per category and slot, unless stacked: overlapping bars (ranges stacked by a
    # colour, two rows of one category) are drawn by vl-convert
    places = [(seg.category, seg.slot) for seg in segments]
    if not stacked and len(set(places)) < len(places):
        raise refuse("staven over elkaar")
    if ranged and isinstance(colour, dict) and "field" in colour:
        raise refuse("bereiken met een kleurveld")
    # the value scale: its domain (or the data's), widened to whole ticks as Vega does
    extent = [0.0] + [v for s in segments for v in (s.start, s.end)]
    points: list[Point] = []
    texts: list[Text] = []
    for layer in all_layers:
        kind = layer["mark"]["type"]
        if kind == "text":
            texts += _texts(layer, cat, val, cat_field, grouped, offset, segments, bar)
        elif kind == "point":
            points += _points(layer, cat, val, cat_field)
    extent += [p.value for p in points] + [t.value for t in texts]
    domain = scale.get("domain")
    if domain is not None:
        if not isinstance(domain, list) or len(domain) != 2:
            raise refuse(f"domein {domain!r}")
        low, high = float(domain[0]), float(domain[1])
    else:
        low = float(resolve(scale.get("domainMin", min(extent))))
        high = float(resolve(scale.get("domainMax", max(extent))))
    size = width if horizontal else height
    axis = enc[val].get("axis") or {}
    _only(axis, {"values", "labelExpr"}, "as-instelling")
    count = size / 40
    # a clamped scale keeps its domain (the tornado's room for texts right of 100 %), as
    # vl-convert draws it
    if scale.get("nice", not scale.get("clamp", False)):
        low, high, step = nice(low, high, count)
    else:
        step = nice(low, high, count)[2]
    values = axis.get("values")
    tick_values = [float(v) for v in values] if values else ticks(low, high, step)
    if values and len(values) > 1:
        step = float(values[1]) - float(values[0])
    suffix = _label_mode(axis)
    if suffix == "lines":
        raise refuse("meerregelige getallen")
    title = enc[val].get("title", val_field)
    config = spec.get("config", {})
    legend = _legend(colour, segments) if stacked or grouped else []
    return BarChart(
        title=str(spec.get("usermeta", {}).get("title", "")),
        horizontal=horizontal,
        categories=categories,
        slots=slots,
        band=band,
        domain=(low, high),
        tick_values=tick_values,
        step=step,
        tick_suffix=suffix,
        value_title=[]
        if title is None
        else [str(t) for t in title]
        if isinstance(title, list)
        else [str(title)],
        legend=legend,
        kind="range" if ranged else "stacked" if stacked else "grouped" if grouped else "bars",
        segments=segments,
        points=points,
        texts=texts,
        label_size=float(config.get("axis", {}).get("labelFontSize", 10)),
        title_size=float(config.get("axis", {}).get("titleFontSize", 11)),
        legend_size=float(config.get("legend", {}).get("labelFontSize", 10)),
        line_height=float(cat_axis["labelLineHeight"]) if "labelLineHeight" in cat_axis else None,
        clamp=bool(scale.get("clamp", False)),
    )


def _legend(colour: Any, segments: list[Segment]) -> list[tuple[str, str, bool]]:
    if not isinstance(colour, dict) or colour.get("legend", {}) is None:
        return []
    legend = colour.get("legend") or {}
    _only(legend, {"orient", "title", "columns"}, "legenda")
    if legend.get("orient", "bottom") != "bottom" or legend.get("title") is not None:
        raise refuse("een legenda met titel of op een andere plek")
    scale = colour.get("scale") or {}
    entries = []
    for name, fill in zip(scale.get("domain", []), scale.get("range", []), strict=False):
        dashed = any(s.dashed for s in segments if s.series == str(name))
        entries.append((str(name), str(fill), dashed))
    return entries


def _texts(
    layer: dict,
    cat: str,
    val: str,
    cat_field: str,
    grouped: bool,
    offset: str,
    segments: list[Segment],
    bar: dict,
) -> list[Text]:
    mark, enc = layer["mark"], layer["encoding"]
    _only(mark, _TEXT_MARK, "tekstinstelling")
    _only(enc, {cat, val, offset, "text", "detail", "order", "tooltip", "color"}, "tekstkanalen")
    if resolve(mark.get("angle", 0)) not in (0, 0.0):
        raise refuse("gedraaide tekst")
    if "text" not in enc or "field" not in enc["text"] or "format" in enc["text"]:
        raise refuse("tekst zonder veld")
    if enc.get(cat, {}).get("field") != cat_field or "field" not in enc.get(val, {}):
        raise refuse("tekst buiten de staven")
    rows = filtered(layer["data"], layer.get("transform", []))
    value_field = enc[val]["field"]
    stacked = enc[val].get("stack") == "zero"
    series_field = _series_field(enc, offset) if grouped or stacked else None
    # a text on other rows than the bars' (the totals) labels a point, not a bar
    total = layer["data"] != bar["data"]
    out = []
    for row in rows:
        category = str(row[cat_field])
        series = str(row[series_field]) if series_field else None
        value = row.get(value_field)
        if value is None:
            continue
        position = float(value)
        if stacked:
            part = next(
                (s for s in segments if s.category == category and s.series == series), None
            )
            if part is None:
                continue
            position = part.start + (part.end - part.start) * float(
                enc[val].get("bandPosition", 0.5)
            )
        colour = mark.get("color", "#000000")
        if "color" in enc:
            if enc["color"].get("scale", "x") is not None:
                raise refuse("tekstkleur op een schaal")
            colour = row[enc["color"]["field"]]
        text = Text(
            category=category,
            slot=series if grouped else None,
            value=position,
            text=str(row[enc["text"]["field"]]),
            size=float(resolve(mark.get("fontSize", 11))),
            colour=str(colour),
            align=str(resolve(mark.get("align", "center"))),
            baseline=str(resolve(mark.get("baseline", "middle"))),
            dx=float(resolve(mark.get("dx", 0))),
            dy=float(resolve(mark.get("dy", 0))),
            bold=mark.get("fontWeight") == "bold",
            band=float(enc[cat].get("bandPosition", 0.5)),
            series=series,
            role="total" if total else "bar",
        )
        out.append(text)
        if not total:
            for s in segments:
                if s.category == category and (series_field is None or s.series == series):
                    s.label = text.text
    return out


def _points(layer: dict, cat: str, val: str, cat_field: str) -> list[Point]:
    mark, enc = layer["mark"], layer["encoding"]
    _only(mark, _POINT_MARK, "puntinstelling")
    _only(enc, {cat, val, "tooltip"}, "puntkanalen")
    if enc.get(cat, {}).get("field") != cat_field or "field" not in enc.get(val, {}):
        raise refuse("punten buiten de staven")
    if mark.get("shape", "circle") not in ("diamond", "circle", "square"):
        raise refuse(f"vorm {mark.get('shape')!r}")
    return [
        Point(
            category=str(row[cat_field]),
            value=float(row[enc[val]["field"]]),
            colour=str(mark.get("color", "#000000")),
            size=float(mark.get("size", 30)),
            shape=str(mark.get("shape", "circle")),
            filled=bool(mark.get("filled", False)),
        )
        for row in filtered(layer["data"], layer.get("transform", []))
        if row.get(enc[val]["field"]) is not None
    ]


def accepts(spec: dict) -> bool:
    """True when this module draws spec."""
    try:
        chart = read(spec, int(spec.get("width", 400)), int(spec.get("height", 300)))
        for colour in [s.fill for s in chart.segments] + [t.colour for t in chart.texts]:
            rgb(colour)
    except NotNativeError:
        return False
    except (KeyError, TypeError, ValueError, AttributeError):
        return False  # a spec of another shape than the builders write: vl-convert's job
    return True


# --- geometry shared by both renderers ---------------------------------------------------
def _bands(count: int, size: float) -> tuple[float, float, float]:
    """(start of the first band, step, band width) of a band scale over ``size`` pixels."""
    step = size / max(1.0, count - PADDING_INNER + 2 * PADDING_OUTER)
    start = (size - step * (count - PADDING_INNER)) / 2
    return start, step, step * (1 - PADDING_INNER)


def _across(chart: BarChart, size: float, category: str, slot: str | None, band: float) -> float:
    """Where on the category axis (pixels from its start: top or left) a mark's middle is."""
    start, step, width = _bands(len(chart.categories), size)
    begin = start + chart.categories.index(category) * step
    if slot is not None and chart.slots:
        slot_width = width / len(chart.slots)
        return begin + (chart.slots.index(slot) + 0.5) * slot_width
    return begin + width * band


def _thickness(chart: BarChart, size: float) -> float:
    width = _bands(len(chart.categories), size)[2]
    return (width / len(chart.slots) if chart.slots else width) * chart.band


# --- the PDF ----------------------------------------------------------------------------
def _baseline(y: float, baseline: str, size: float) -> float:
    """The y (upwards) of a text's baseline whose ``baseline`` edge Vega puts at ``y``."""
    return {
        "middle": y - 0.35 * size,
        "bottom": y + 0.22 * size,
        "top": y - 0.8 * size,
    }.get(baseline, y)


def pdf_drawing(spec: dict, width: int, height: int, fonts: Fonts) -> Any:
    """The chart as a reportlab ``Drawing``: a plot area of ``width`` × ``height`` points with
    its axes, labels and legend around it, as vl-convert lays it out."""
    from reportlab.graphics.shapes import Drawing, Group, Line, Polygon, Rect, String
    from reportlab.lib.colors import HexColor

    chart = read(spec, width, height)
    ink = HexColor("#262730")
    grid, axis_colour = HexColor("#E5E5E5"), HexColor(AXIS_COLOUR)
    group = Group()
    w, h = float(width), float(height)
    along = h if chart.horizontal else w  # the category axis's length
    across = w if chart.horizontal else h  # the value axis's length

    def point(value_px: float, cat_px: float) -> tuple[float, float]:
        """Plot coordinates (y upwards) of a value and a place on the category axis."""
        return (value_px, h - cat_px) if chart.horizontal else (cat_px, value_px)

    def text(x: float, y: float, value: str, size: float, anchor: str = "start",
             bold: bool = False, colour: Any = ink) -> String:  # fmt: skip
        return String(
            x, y, value, fontName=fonts.bold if bold else fonts.regular, fontSize=size,
            fillColor=colour, textAnchor=anchor,
        )  # fmt: skip

    # grid and value axis
    label = chart.label_size
    for tick in chart.tick_values:
        at = chart.position(tick) * across
        if chart.horizontal:
            group.add(Line(at, 0, at, h, strokeColor=grid, strokeWidth=1))
            group.add(Line(at, 0, at, -TICK_SIZE, strokeColor=axis_colour, strokeWidth=1))
            group.add(
                text(at, -TICK_SIZE - LABEL_PADDING - 0.8 * label,
                     tick_text(tick, chart.step, chart.tick_suffix), label, "middle")
            )  # fmt: skip
        else:
            group.add(Line(0, at, w, at, strokeColor=grid, strokeWidth=1))
            group.add(Line(0, at, -TICK_SIZE, at, strokeColor=axis_colour, strokeWidth=1))
            group.add(
                text(-TICK_SIZE - LABEL_PADDING, at - 0.35 * label,
                     tick_text(tick, chart.step, chart.tick_suffix), label, "end")
            )  # fmt: skip
    # bars
    thickness = _thickness(chart, along)
    for seg in chart.segments:
        middle = _across(chart, along, seg.category, seg.slot, 0.5)
        low, high = sorted((chart.position(seg.start) * across, chart.position(seg.end) * across))
        x, y = point(low, middle + thickness / 2 if chart.horizontal else middle - thickness / 2)
        rect_w, rect_h = (high - low, thickness) if chart.horizontal else (thickness, high - low)
        group.add(
            Rect(
                x, y, rect_w, rect_h, fillColor=HexColor(seg.fill),
                strokeColor=HexColor(seg.stroke) if seg.stroke and seg.stroke_width else None,
                strokeWidth=seg.stroke_width, strokeDashArray=[4, 2] if seg.dashed else None,
            )
        )  # fmt: skip
    # axes' lines (over the bars' ends, as Vega draws them)
    group.add(Line(0, 0, w, 0, strokeColor=axis_colour, strokeWidth=1))
    group.add(Line(0, 0, 0, h, strokeColor=axis_colour, strokeWidth=1))
    # category labels
    cat_size = label
    line_height = chart.line_height or cat_size
    widest = 0.0
    for category in chart.categories:
        middle = _across(chart, along, category, None, 0.5)
        lines = chart.lines(category)
        if chart.horizontal:
            y_mid = h - middle
            group.add(Line(0, y_mid, -TICK_SIZE, y_mid, strokeColor=axis_colour, strokeWidth=1))
            top = y_mid + (len(lines) - 1) * line_height / 2
            for i, line in enumerate(lines):
                group.add(
                    text(-TICK_SIZE - LABEL_PADDING, top - i * line_height - 0.35 * cat_size,
                         line, cat_size, "end")
                )  # fmt: skip
        else:
            group.add(Line(middle, 0, middle, -TICK_SIZE, strokeColor=axis_colour, strokeWidth=1))
            for i, line in enumerate(lines):
                group.add(
                    text(middle, -TICK_SIZE - LABEL_PADDING - 0.8 * cat_size - i * line_height,
                         line, cat_size, "middle")
                )  # fmt: skip
    # value axis title
    from reportlab.pdfbase.pdfmetrics import stringWidth

    title_size = chart.title_size
    if chart.horizontal:
        y = -TICK_SIZE - LABEL_PADDING - label - TITLE_PADDING - 0.8 * title_size
        for i, line in enumerate(chart.value_title):
            group.add(text(w / 2, y - i * title_size, line, title_size, "middle", bold=True))
    else:
        widest = max(
            (stringWidth(tick_text(t, chart.step, chart.tick_suffix), fonts.regular, label)
             for t in chart.tick_values), default=0.0,
        )  # fmt: skip
        x = -TICK_SIZE - LABEL_PADDING - widest - TITLE_PADDING - 0.2 * title_size
        count = len(chart.value_title)
        for i, line in enumerate(chart.value_title):
            turned = Group(
                text(0, 0, line, title_size, "middle", bold=True),
                transform=(0, 1, -1, 0, x - (count - 1 - i) * title_size, h / 2),
            )
            group.add(turned)
    # points and texts
    for mark in chart.points:
        value_px = chart.position(mark.value) * across
        x, y = point(value_px, _across(chart, along, mark.category, None, 0.5))
        r = mark.size**0.5 / 2
        colour = HexColor(mark.colour)
        group.add(
            Polygon(
                [x, y - r, x + r, y, x, y + r, x - r, y], fillColor=colour if mark.filled else None,
                strokeColor=colour, strokeWidth=0 if mark.filled else 2,
            )
        )  # fmt: skip
    anchors = {"left": "start", "center": "middle", "right": "end"}
    for item in chart.texts:
        value_px = chart.position(item.value) * across
        x, y = point(value_px, _across(chart, along, item.category, item.slot, item.band))
        x, y = x + item.dx, _baseline(y - item.dy, item.baseline, item.size)
        group.add(
            text(x, y, item.text, item.size, anchors.get(item.align, "middle"), item.bold,
                 HexColor(item.colour))
        )  # fmt: skip
    # legend under everything, left-aligned with the plot
    if chart.legend:
        bottom = group.getBounds()[1]
        size = chart.legend_size
        y, x = bottom - 8 - size, 0.0
        for name, fill, dashed in chart.legend:
            box = size * 0.75
            group.add(
                Rect(x, y, box, box, fillColor=HexColor(fill),
                     strokeColor=HexColor("#404040") if dashed else None,
                     strokeWidth=1 if dashed else 0, strokeDashArray=[2, 1] if dashed else None)
            )  # fmt: skip
            group.add(text(x + box + 4, y + 0.05 * size, name, size))
            x += box + 4 + stringWidth(name, fonts.regular, size) + 16
    x0, y0, x1, y1 = group.getBounds()
    pad = 5.0
    group.translate(pad - x0, pad - y0)
    drawing = Drawing(x1 - x0 + 2 * pad, y1 - y0 + 2 * pad)
    drawing.add(group)
    return drawing


# --- the slides --------------------------------------------------------------------------
def _number_format(places: int, suffix: str = "") -> str:
    """A PowerPoint number format (shown in the reader's locale: ``1.234,5`` in Dutch)."""
    code = "#,##0" + ("." + "0" * places if places else "")
    return code + (f'"{suffix}"' if suffix else "")


def _category_names(chart: BarChart) -> list[str]:
    """The categories as the slide names them: what a point or a total printed beside the
    bars says goes into the name (a PowerPoint bar chart has no such marks)."""
    totals = {t.category: t.text for t in chart.texts if t.role == "total"}
    marks = {p.category: p.value for p in chart.points}
    drawn = {(s.category, s.series) for s in chart.segments}
    drawn |= {(s.category, None) for s in chart.segments}
    names = []
    for category in chart.categories:
        name = category.replace("\n", " ")
        # a value without a bar ("niet beschikbaar"): a slide's chart has no point to label
        for t in chart.texts:
            if t.role == "bar" and t.category == category and (category, t.series) not in drawn:
                name += f" ({t.series}: {t.text})" if t.series else f" ({t.text})"
        if category in totals:
            name += f" (totaal {totals[category]})"
        elif category in marks and chart.kind == "range":
            name += f" (nu {tick_text(marks[category], 0.1, chart.tick_suffix)})"
        names.append(name)
    return names


def _fill(fmt: Any, colour: str | None) -> None:
    from pptx.dml.color import RGBColor

    if colour is None:
        fmt.fill.background()
        return
    fmt.fill.solid()
    fmt.fill.fore_color.rgb = RGBColor(*rgb(colour))


def _hide_label(point: Any) -> None:
    """No data label on this point (a part too small to carry one, as on the page)."""
    from pptx.oxml.ns import qn

    label = point.data_label._get_or_add_dLbl()
    for child in list(label):
        if child.tag != qn("c:idx"):
            label.remove(child)
    delete = label.makeelement(qn("c:delete"), {"val": "1"})
    label.append(delete)


def add_to_slide(slide: Any, spec: dict, width: int, height: int, box: Box) -> Any:
    """The chart on ``slide`` inside ``box`` as PowerPoint's own (editable) bar chart; returns
    the graphic frame made. Type at least :data:`SLIDE_FONT_PT`."""
    from pptx.chart.data import CategoryChartData
    from pptx.dml.color import RGBColor
    from pptx.enum.chart import (
        XL_CHART_TYPE,
        XL_LABEL_POSITION,
        XL_LEGEND_POSITION,
        XL_TICK_LABEL_POSITION,
    )
    from pptx.enum.dml import MSO_LINE_DASH_STYLE
    from pptx.oxml.ns import qn
    from pptx.util import Pt

    chart = read(spec, width, height)
    labelled = [s for s in chart.segments if s.label is not None]
    places = [label_decimals(s.end - s.start, str(s.label)) for s in labelled]
    numeric = bool(labelled) and all(p is not None for p in places)
    value_places = max((p for p in places if p is not None), default=0)
    data = CategoryChartData(number_format=_number_format(value_places))
    shown = _category_names(chart)
    data.categories = shown

    def values(pick: Any) -> list[float | None]:
        found = {s.category: s for s in chart.segments if pick(s)}
        return [
            None if c not in found else round(found[c].end - found[c].start, 6)
            for c in chart.categories
        ]

    if chart.kind == "range":
        series_names = ["van", chart.value_title[0] if chart.value_title else "bereik"]
        data.add_series(series_names[0], [
            next((s.start for s in chart.segments if s.category == c), None)
            for c in chart.categories
        ])  # fmt: skip
        data.add_series(series_names[1], values(lambda s: True))
        kind = XL_CHART_TYPE.BAR_STACKED
    elif chart.kind in ("stacked", "grouped"):
        series_names = [name for name, _, _ in chart.legend] or list(
            dict.fromkeys(s.series for s in chart.segments if s.series)
        )
        for name in series_names:
            data.add_series(name, values(lambda s, n=name: s.series == n))
        stacked = chart.kind == "stacked"
        kind = (
            (XL_CHART_TYPE.BAR_STACKED if stacked else XL_CHART_TYPE.BAR_CLUSTERED)
            if chart.horizontal
            else (XL_CHART_TYPE.COLUMN_STACKED if stacked else XL_CHART_TYPE.COLUMN_CLUSTERED)
        )
    else:
        series_names = [" ".join(chart.value_title) or "waarde"]
        data.add_series(series_names[0], values(lambda s: True))
        kind = XL_CHART_TYPE.BAR_CLUSTERED if chart.horizontal else XL_CHART_TYPE.COLUMN_CLUSTERED
    left, top, box_width, box_height = box
    frame = slide.shapes.add_chart(kind, left, top, box_width, box_height, data)
    graph = frame.chart
    graph.font.size = Pt(SLIDE_FONT_PT)
    graph.font.name = "Calibri"
    graph.font.color.rgb = RGBColor(*rgb("#262730"))
    graph.has_title = False
    graph.has_legend = bool(chart.legend)
    if chart.legend:
        graph.legend.position = XL_LEGEND_POSITION.BOTTOM
        graph.legend.include_in_layout = False
    plot = graph.plots[0]
    thickness = _thickness(chart, 100.0)
    step = _bands(len(chart.categories), 100.0)[1]
    cluster = thickness * (len(chart.slots) or 1)
    plot.gap_width = int(min(max((step - cluster) / cluster * 100, 10), 500))
    if chart.kind in ("stacked", "range"):
        plot.overlap = 100
    # value axis: the spec's domain and ticks, Dutch in a Dutch PowerPoint
    axis = graph.value_axis
    low, high = chart.domain
    if chart.kind == "range" or chart.clamp:
        high = max(chart.tick_values)  # room for texts beside the bars is not needed here
    # 16-pt tick labels need more room than the page's: fewer ticks, on whole steps
    if chart.horizontal:  # the box less the category names (about half an em a letter)
        names = max((len(n) for n in shown), default=0)
        length = box_width / 12700 - min(names, 40) * SLIDE_FONT_PT * 0.5 - 2 * SLIDE_FONT_PT
    else:
        length = box_height / 12700 * 0.6  # points
    room = SLIDE_FONT_PT * (4.5 if chart.horizontal else 3.5)  # a label across, or its line
    step = max(chart.step, tick_step(low, high, max(length, 1) / room))
    if step != chart.step:
        low, high = math.floor(low / step + 1e-9) * step, math.ceil(high / step - 1e-9) * step
    axis.minimum_scale, axis.maximum_scale = low, high
    axis.major_unit = step
    axis.has_major_gridlines = True
    axis.major_gridlines.format.line.color.rgb = RGBColor(*rgb("#E5E5E5"))
    axis.tick_labels.number_format = _number_format(decimals(step), chart.tick_suffix)
    axis.tick_labels.number_format_is_linked = False
    if chart.value_title:
        axis.has_title = True
        axis.axis_title.text_frame.text = " ".join(chart.value_title)
        for para in axis.axis_title.text_frame.paragraphs:
            for run in para.runs:
                run.font.size = Pt(SLIDE_FONT_PT)
    categories = graph.category_axis
    categories.tick_label_position = XL_TICK_LABEL_POSITION.LOW
    if chart.horizontal:
        categories.reverse_order = True  # the first category on top, as on the page
        # and the value axis still at the bottom: it crosses the categories at their last one
        # (python-pptx sets only the other direction)
        crosses = axis._element.find(qn("c:crosses"))
        if crosses is not None:
            crosses.set("val", "max")
    # colours, outlines and labels, series by series
    for index, series in enumerate(plot.series):
        if chart.kind == "range" and index == 0:
            _fill(series.format, None)
            series.format.line.fill.background()
            continue
        name = series_names[index]
        parts = {
            s.category: s
            for s in chart.segments
            if chart.kind in ("bars", "range") or s.series == name
        }
        first = next(iter(parts.values()), None)
        if first is not None:
            _fill(series.format, first.fill)
            if first.stroke and first.stroke_width:
                series.format.line.color.rgb = RGBColor(*rgb(first.stroke))
                series.format.line.width = Pt(max(first.stroke_width, 1))
                if first.dashed:
                    series.format.line.dash_style = MSO_LINE_DASH_STYLE.DASH
        if numeric:
            labels = series.data_labels
            labels.number_format = _number_format(value_places)
            labels.number_format_is_linked = False
            labels.show_value = True
            labels.position = (
                XL_LABEL_POSITION.CENTER
                if chart.kind == "stacked"
                else XL_LABEL_POSITION.OUTSIDE_END
            )
        for i, category in enumerate(chart.categories):
            part = parts.get(category)
            point = series.points[i]
            if part is None:
                continue
            if chart.kind == "bars" and part.fill != (first.fill if first else None):
                _fill(point.format, part.fill)
            if part.label is None:
                if numeric:
                    _hide_label(point)
                continue
            if not numeric:
                label = point.data_label
                label.has_text_frame = True
                label.text_frame.text = part.label
                label.position = (
                    XL_LABEL_POSITION.INSIDE_END
                    if chart.kind in ("range", "stacked")
                    else XL_LABEL_POSITION.OUTSIDE_END
                )
                label.font.size = Pt(SLIDE_FONT_PT)
    return frame
