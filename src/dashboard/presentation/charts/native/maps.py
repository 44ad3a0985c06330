"""Maps (geoshape specifications: the regions by inhabitants, the membership after an overstap):
reportlab polygons for the PDF, PowerPoint freeform shapes for the slides.

The specification is read as Vega-Lite draws it: the features projected with d3's Mercator
projection fitted to the plot area, the colours of its scales (a quantitative scale over the
data's extent, its colours interpolated piecewise in RGB as d3 does; a nominal scale by its
domain and range), the marks' strokes, and the legends beside the map with Vega's offsets and
sizes. Both documents draw one :class:`MapPicture`, so the PDF and the slides show the same map.
A specification with anything else (another projection, legends on the map, other channels,
marks or scale settings) is not accepted and stays with vl-convert.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

import numpy as np

from dashboard.presentation.charts.native.common import dutch_number_format

if TYPE_CHECKING:
    from dashboard.presentation.charts.native.common import Box, Fonts

# --- Vega's defaults for what the map specifications leave unset ----------------------------
#: Space around the whole chart (Vega-Lite's autosize padding), in pixels.
PADDING = 5
#: Vega's fill of a filled geoshape without a colour.
INK = "#000000"
#: Where a text's baseline lies below its top and below its middle, in font sizes (Vega).
TOP_BASELINE = 0.79
MIDDLE_BASELINE = 0.30
#: Slides: legend type never smaller than this, in points.
SLIDE_MIN_FONT_PT = 14.0
EMU_PER_PT = 12700
SLIDE_FONT = "Calibri"
#: Characters about half as wide as a letter (for estimating a slide text's width).
NARROW = frozenset(" .,:;'()[]-|!il")
#: Stripes per step of a legend gradient where a drawing is rendered other than to PDF (a PDF
#: gets a smooth shading).
GRADIENT_SHADES = 80


@dataclass(frozen=True)
class Metrics:
    """The legends' sizes in pixels: Vega's defaults and the specification's settings, all
    times ``scale`` (1 for the PDF, which shows the chart as Vega draws it; more on a slide,
    where the type must stay large)."""

    scale: float = 1.0
    label_size: float = 10.0
    title_size: float = 11.0
    pad: float = 0.0
    #: gap between the plot area and the legends, and between stacked legends
    offset: float = 18.0
    spacing: float = 8.0
    title_padding: float = 5.0
    thickness: float = 16.0
    #: gap between the gradient and its labels
    label_gap: float = 2.0
    #: side of a square symbol, diameter of a round one (Vega's symbol size 100)
    symbol: float = 10.0
    symbol_stroke: float = 1.5
    #: symbol centre and label start from the entry's left edge
    symbol_centre: float = 7.0
    label_x: float = 18.0
    row_padding: float = 2.0

    @classmethod
    def of(cls, spec: dict, scale: float = 1.0) -> Metrics:
        legend = spec.get("config", {}).get("legend", {})
        base = cls(
            label_size=float(legend.get("labelFontSize", cls.label_size)),
            title_size=float(legend.get("titleFontSize", cls.title_size)),
            pad=float(legend.get("padding", cls.pad)),
        )
        if scale == 1.0:
            return base
        sizes = {
            name: getattr(base, name) * scale
            for name in cls.__dataclass_fields__
            if name != "scale"
        }
        return cls(scale=scale, **sizes)


_TOP_KEYS = {"$schema", "width", "height", "projection", "layer", "config"}
_LAYER_KEYS = {"data", "mark", "encoding"}
_MARK_KEYS = {"type", "clip", "stroke", "strokeWidth", "fillOpacity", "filled", "invalid"}
_ENCODING_KEYS = {"color", "stroke", "description", "href"}
_CHANNEL_KEYS = {"field", "type", "title", "scale", "legend", "condition"}
_LEGEND_KEYS = {
    "orient",
    "format",
    "gradientLength",
    "symbolType",
    "labelLimit",
    "symbolFillColor",
    "symbolStrokeWidth",
}
_CONFIG_KEYS = {"view", "font", "legend"}
_CONFIG_LEGEND_KEYS = {"labelFontSize", "titleFontSize", "fillColor", "padding"}


# --- What is drawn -------------------------------------------------------------------------
#: a ring's (x, y) positions, one row each
Ring = np.ndarray


@dataclass(frozen=True)
class Area:
    """One feature: its rings in picture pixels (y down), fill and outline."""

    rings: tuple[Ring, ...]
    fill: str | None
    fill_opacity: float
    stroke: str | None
    stroke_width: float


@dataclass(frozen=True)
class Entry:
    """One row of a symbol legend."""

    label: str
    shape: str  # "circle" or "square"
    fill: str | None
    stroke: str | None
    stroke_width: float


@dataclass(frozen=True)
class Legend:
    """A legend: its box (top-left corner at x, y; picture pixels, y down), its title, and a
    gradient with its two end labels or symbols with labels. ``left`` and ``body`` are where
    its content starts (inside the padding, below the title); ``centres`` the middle of each
    symbol row."""

    x: float
    y: float
    width: float
    height: float
    title: str | None
    left: float
    body: float
    #: gradient: colours from the low end to the high end, and (low label, high label)
    gradient: tuple[str, ...] = ()
    ends: tuple[str, str] = ("", "")
    gradient_length: float = 200.0
    #: a gradient drawn left to right, its labels under it (legends under the map)
    horizontal: bool = False
    entries: tuple[Entry, ...] = ()
    centres: tuple[float, ...] = ()


class Text(NamedTuple):
    """A legend text: its start (or, ``end``, its end) at x, its baseline at y (pixels)."""

    text: str
    x: float
    y: float
    size: float
    bold: bool = False
    end: bool = False


@dataclass(frozen=True)
class MapPicture:
    """The whole chart in pixels: the areas in drawing order, then the legends."""

    width: float
    height: float
    areas: tuple[Area, ...]
    legends: tuple[Legend, ...]
    metrics: Metrics


# --- Reading the specification ---------------------------------------------------------------
def _is_colour(value: Any) -> bool:
    return isinstance(value, str) and len(value) == 7 and value.startswith("#")


def _field(channel: dict) -> str | None:
    """The property name of a ``properties.X`` field."""
    field = channel.get("field")
    if isinstance(field, str) and field.startswith("properties.") and field.count(".") == 1:
        return field.split(".", 1)[1]
    return None


def _rings(geometry: Any) -> list[list[list[float]]] | None:
    """The rings of a Polygon or MultiPolygon (lon/lat pairs), None for anything else."""
    if not isinstance(geometry, dict):
        return None
    kind, coords = geometry.get("type"), geometry.get("coordinates")
    polygons: Any
    if kind == "Polygon":
        polygons = [coords]
    elif kind == "MultiPolygon":
        polygons = coords
    else:
        return None
    try:
        rings = [ring for polygon in polygons for ring in polygon]
        if not rings or any(len(ring) < 3 or any(len(p) != 2 for p in ring) for ring in rings):
            return None
        [float(v) for ring in rings for p in ring for v in p]
    except TypeError:
        return None
    return rings


def _scale_ok(channel: dict, values: list[Any]) -> bool:
    scale = channel.get("scale")
    if not isinstance(scale, dict):
        return False
    if channel.get("type") == "quantitative":
        colours = scale.get("range")
        return (
            set(scale) <= {"range", "interpolate"}
            and scale.get("interpolate", "rgb") == "rgb"
            and isinstance(colours, list)
            and len(colours) >= 2
            and all(_is_colour(c) for c in colours)
            and all(v is None or isinstance(v, int | float) for v in values)
            and any(isinstance(v, int | float) for v in values)
        )
    if channel.get("type") == "nominal":
        domain, colours = scale.get("domain"), scale.get("range")
        return (
            set(scale) == {"domain", "range"}
            and isinstance(domain, list)
            and isinstance(colours, list)
            and len(domain) == len(colours) > 0
            and all(_is_colour(c) for c in colours)
            and all(v in domain for v in values)
        )
    return False


def _legend_ok(channel: dict) -> bool:
    legend = channel.get("legend")
    if legend is None:
        return "legend" in channel
    if not isinstance(legend, dict) or not set(legend) <= _LEGEND_KEYS:
        return False
    if legend.get("orient") != "right" or "title" not in channel:
        return False
    if channel.get("type") == "quantitative":
        return dutch_number_format(str(legend.get("format"))) is not None
    return legend.get("symbolType", "circle") in {"circle", "square"}


def _condition_ok(channel: dict) -> bool:
    condition = channel.get("condition")
    if condition is None:
        return True
    field = _field(channel)
    return (
        isinstance(condition, dict)
        and set(condition) == {"test", "value"}
        and condition["test"] == f"datum.properties.{field} === null"
        and _is_colour(condition["value"])
    )


def _layer_ok(layer: Any) -> bool:
    if not isinstance(layer, dict) or not set(layer) <= _LAYER_KEYS:
        return False
    mark, data = layer.get("mark"), layer.get("data")
    if not isinstance(mark, dict) or mark.get("type") != "geoshape" or not set(mark) <= _MARK_KEYS:
        return False
    if mark.get("invalid", "show") != "show" or mark.get("clip", True) is not True:
        return False
    if "stroke" in mark and not _is_colour(mark["stroke"]):
        return False
    if (
        not isinstance(data, dict)
        or set(data) != {"values"}
        or not isinstance(data["values"], list)
    ):
        return False
    features = data["values"]
    for feature in features:
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            return False
        if not isinstance(feature.get("properties"), dict):
            return False
        if _rings(feature.get("geometry")) is None:
            return False
    encoding = layer.get("encoding", {})
    if not isinstance(encoding, dict) or not set(encoding) <= _ENCODING_KEYS:
        return False
    filled = mark.get("filled", True)
    if filled and "color" not in encoding:
        return False
    if not filled and ("color" in encoding or ("stroke" not in mark and "stroke" not in encoding)):
        return False
    if filled and "stroke" in encoding:
        return False
    for name in ("description", "href"):
        if name in encoding and (
            set(encoding[name]) != {"field"} or _field(encoding[name]) is None
        ):
            return False
    for name in ("color", "stroke"):
        channel = encoding.get(name)
        if channel is None:
            continue
        if not isinstance(channel, dict) or not set(channel) <= _CHANNEL_KEYS:
            return False
        field = _field(channel)
        if field is None:
            return False
        values = [f["properties"].get(field) for f in features]
        if "condition" in channel and channel.get("type") != "quantitative":
            return False
        if not (_scale_ok(channel, values) and _legend_ok(channel) and _condition_ok(channel)):
            return False
    return True


def accepts(spec: dict) -> bool:
    """True when this module draws spec: a layered Mercator map of (Multi)Polygon features with
    the marks, scales and right-hand legends the dashboard's map specifications use."""
    try:
        if not isinstance(spec, dict) or not set(spec) <= _TOP_KEYS:
            return False
        # fitted to the features (a "fit" of its own zooms in: areas beyond the plot would
        # need clipping, which a reportlab drawing does not do)
        if spec.get("projection") != {"type": "mercator"}:
            return False
        layers = spec.get("layer")
        if not isinstance(layers, list) or not layers or not all(_layer_ok(x) for x in layers):
            return False
        if not any(x["data"]["values"] for x in layers):
            return False
        config = spec.get("config", {})
        if not isinstance(config, dict) or not set(config) <= _CONFIG_KEYS:
            return False
        if config.get("view", {}) not in ({}, {"stroke": None}):
            return False
        legend = config.get("legend", {})
        if not isinstance(legend, dict) or not set(legend) <= _CONFIG_LEGEND_KEYS:
            return False
        return legend.get("fillColor") is None
    except (TypeError, AttributeError, KeyError):
        return False


# --- Projection and colours, as d3 and Vega compute them --------------------------------------
def _mercator(lonlat: np.ndarray) -> np.ndarray:
    """d3's raw Mercator of (lon, lat) rows, y pointing down (the screen's direction)."""
    lon, lat = np.radians(lonlat[:, 0]), np.radians(lonlat[:, 1])
    return np.column_stack([lon, -np.log(np.tan(np.pi / 4 + lat / 2))])


def _map_areas(spec: dict, width: float, height: float) -> tuple[Area, ...]:
    """Every feature of every layer, projected as d3's ``projection.fitSize([width, height],
    features)`` does (the largest scale that fits, centred), coloured and outlined as the layer
    says; in picture pixels."""
    layers = spec["layer"]
    rings = [
        [_rings(feature["geometry"]) or [] for feature in layer["data"]["values"]]
        for layer in layers
    ]
    flat = [ring for layer in rings for feature in layer for ring in feature]
    xy = _mercator(np.array([p for ring in flat for p in ring], dtype=float))
    (x0, y0), (x1, y1) = xy.min(axis=0), xy.max(axis=0)
    k = min(width / ((x1 - x0) or 1e-12), height / ((y1 - y0) or 1e-12))
    offset = np.array([(width - k * (x0 + x1)) / 2, (height - k * (y0 + y1)) / 2]) + PADDING
    xy = xy * k + offset
    cuts = np.cumsum([len(ring) for ring in flat])[:-1]
    projected = iter(np.split(xy, cuts))
    areas: list[Area] = []
    for layer, layer_rings in zip(layers, rings, strict=True):
        mark, encoding = layer["mark"], layer.get("encoding", {})
        features = layer["data"]["values"]
        fill_of = _colour_of(encoding["color"], features) if mark.get("filled", True) else None
        stroke_of = _colour_of(encoding["stroke"], features) if "stroke" in encoding else None
        for feature, feature_rings in zip(features, layer_rings, strict=True):
            areas.append(
                Area(
                    rings=tuple(next(projected) for _ in feature_rings),
                    fill=fill_of(feature) if fill_of else None,
                    fill_opacity=float(mark.get("fillOpacity", 1)),
                    stroke=stroke_of(feature) if stroke_of else mark.get("stroke"),
                    stroke_width=float(mark.get("strokeWidth", 1)),
                )
            )
    return tuple(areas)


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def _hex(rgb: Sequence[float]) -> str:
    # d3-color rounds with JavaScript's Math.round (halves up) and clamps to 0..255
    return "#" + "".join(f"{max(0, min(255, math.floor(c + 0.5))):02X}" for c in rgb)


def interpolate(colours: Sequence[str], t: float) -> str:
    """d3's ``piecewise(interpolateRgb, colours)(t)``: the colour at ``t`` in 0..1."""
    n = len(colours) - 1
    t = min(max(t, 0.0), 1.0) * n
    i = max(0, min(n - 1, math.floor(t)))
    a, b = _rgb(colours[i]), _rgb(colours[i + 1])
    return _hex([x + (y - x) * (t - i) for x, y in zip(a, b, strict=True)])


def _colour_of(channel: dict, features: list[dict]) -> Callable[[dict], str]:
    """A feature's colour under a ``color``/``stroke`` channel."""
    field = _field(channel) or ""
    scale = channel["scale"]
    if channel["type"] == "nominal":
        by_value = dict(zip(scale["domain"], scale["range"], strict=True))
        return lambda feature: by_value[feature["properties"].get(field)]
    finite = [
        float(v)
        for f in features
        if isinstance(v := f["properties"].get(field), int | float) and math.isfinite(v)
    ]
    lo, hi = min(finite), max(finite)
    missing = channel.get("condition", {}).get("value")

    def colour(feature: dict) -> str:
        value = feature["properties"].get(field)
        if value is None or not math.isfinite(float(value)):
            return missing or INK
        # d3's linear scale maps a domain of one value to the middle of the range
        t = 0.5 if hi == lo else (float(value) - lo) / (hi - lo)
        return interpolate(scale["range"], t)

    return colour


# --- Layout ----------------------------------------------------------------------------------
Measure = Callable[[str, float, bool], float]


def _clip_label(text: str, limit: float | None, size: float, measure: Measure) -> str:
    """Vega's ``labelLimit``: a label longer than ``limit`` pixels ends in an ellipsis."""
    if limit is None or measure(text, size, False) <= limit:
        return text
    while text and measure(text + "…", size, False) > limit:
        text = text[:-1]
    return text + "…"


def picture(
    spec: dict,
    width: float,
    height: float,
    measure: Measure,
    *,
    legend_scale: float = 1.0,
    below: bool = False,
    rows: bool = False,
    areas: tuple[Area, ...] | None = None,
) -> MapPicture:
    """The map of an accepted ``spec`` with a plot area of ``width`` × ``height`` pixels, its
    texts measured by ``measure(text, size, bold)``. The legends stand to the right of the map,
    stacked, as Vega places them; ``below`` puts them side by side under it (a slide with
    little width), with ``rows`` in rows as wide as the map; ``legend_scale`` enlarges them.
    ``areas``: the map's areas when already projected for this size (:func:`_map_areas`)."""
    metrics = Metrics.of(spec, legend_scale)
    if areas is None:
        areas = _map_areas(spec, width, height)
    legends = [
        (name, layer["encoding"][name], layer["mark"], layer["data"]["values"])
        for layer in spec["layer"]
        for name in ("color", "stroke")
        if layer.get("encoding", {}).get(name, {}).get("legend") is not None
    ]
    placed: list[Legend] = []
    if below:
        x, y = float(PADDING), PADDING + height + metrics.offset
    else:
        x, y = PADDING + width + metrics.offset, float(PADDING)
    for name, channel, mark, features in legends:
        legend = _legend(name, channel, mark, features, (x, y), metrics, measure, below)
        if below and rows and placed and x + legend.width > PADDING + width:  # a new row
            x, y = float(PADDING), max(g.y + g.height for g in placed) + metrics.spacing
            legend = _legend(name, channel, mark, features, (x, y), metrics, measure, below)
        placed.append(legend)
        if below:
            x += legend.width + metrics.offset
        else:
            y += legend.height + metrics.spacing
    right = max([PADDING + width, *(g.x + g.width for g in placed)])
    bottom = max([PADDING + height, *(g.y + g.height for g in placed)])
    return MapPicture(
        width=math.ceil(right) + PADDING,
        height=math.ceil(bottom) + PADDING,
        areas=areas,
        legends=tuple(placed),
        metrics=metrics,
    )


def _legend(
    name: str,
    channel: dict,
    mark: dict,
    features: list[dict],
    corner: tuple[float, float],
    m: Metrics,
    measure: Measure,
    horizontal: bool = False,
) -> Legend:
    """The legend of one channel with its top-left corner at ``corner``; a gradient drawn
    ``horizontal`` or, as Vega does, upright."""
    x, y = corner
    options = channel["legend"]
    title = channel.get("title")
    title_height = m.title_size + m.title_padding if title else 0.0
    title_width = measure(title, m.title_size, True) if title else 0.0
    place: dict[str, Any] = {
        "x": x,
        "y": y,
        "title": title,
        "left": x + m.pad,
        "body": y + m.pad + title_height,
    }
    scale = channel["scale"]
    if channel["type"] == "quantitative":
        field = _field(channel) or ""
        finite = [
            float(v)
            for f in features
            if isinstance(v := f["properties"].get(field), int | float) and math.isfinite(v)
        ]
        write = dutch_number_format(options["format"])
        assert write is not None  # accepts() checked it
        ends = (write(min(finite)), write(max(finite)))
        # the bar keeps its length on a slide; it needs only room for its two labels
        length = max(float(options.get("gradientLength", 200)), 3 * m.label_size)
        if horizontal:
            gap = 2 * m.label_size
            length = max(length, sum(measure(t, m.label_size, False) for t in ends) + gap)
            inner_w = max(title_width, length)
            inner_h = m.thickness + m.label_gap + m.label_size
        else:
            labels_width = max(measure(t, m.label_size, False) for t in ends)
            inner_w = max(title_width, m.thickness + m.label_gap + labels_width)
            inner_h = length
        return Legend(
            **place,
            width=math.ceil(2 * m.pad + inner_w),
            height=2 * m.pad + title_height + inner_h,
            gradient=tuple(scale["range"]),
            ends=ends,
            gradient_length=length,
            horizontal=horizontal,
        )
    limit = options.get("labelLimit")
    shape = options.get("symbolType", "circle")
    stroke_width = float(options.get("symbolStrokeWidth", 1.5)) * m.scale
    entries = []
    for label, colour in zip(scale["domain"], scale["range"], strict=True):
        text = _clip_label(str(label), limit and limit * m.scale, m.label_size, measure)
        if name == "color":  # a filled symbol with the mark's outline
            entries.append(Entry(text, shape, colour, mark.get("stroke"), stroke_width))
        else:  # an outline (symbolFillColor "transparent" or unset: no fill)
            entries.append(Entry(text, shape, None, colour, stroke_width))
    row = max(m.label_size, m.symbol + stroke_width + 2 * m.scale)
    step = row + m.row_padding
    centres = tuple(place["body"] + i * step + row / 2 for i in range(len(entries)))
    labels_width = max(measure(e.label, m.label_size, False) for e in entries)
    inner_w = max(title_width, m.label_x + labels_width)
    return Legend(
        **place,
        width=math.ceil(2 * m.pad + inner_w),
        height=2 * m.pad + title_height + len(entries) * step - m.row_padding,
        entries=tuple(entries),
        centres=centres,
    )


def _texts(pic: MapPicture) -> list[Text]:
    """Every legend text, picture pixels, y down."""
    m = pic.metrics
    out = []
    for legend in pic.legends:
        if legend.title:
            baseline = legend.y + m.pad + TOP_BASELINE * m.title_size
            out.append(Text(legend.title, legend.left, baseline, m.title_size, bold=True))
        size = m.label_size
        lo, hi = legend.ends
        if legend.gradient and legend.horizontal:
            baseline = legend.body + m.thickness + m.label_gap + TOP_BASELINE * size
            out.append(Text(hi, legend.left + legend.gradient_length, baseline, size, end=True))
            out.append(Text(lo, legend.left, baseline, size))
        elif legend.gradient:
            x = legend.left + m.thickness + m.label_gap
            out.append(Text(hi, x, legend.body + TOP_BASELINE * size, size))
            bottom = legend.body + legend.gradient_length - (1 - TOP_BASELINE) * size
            out.append(Text(lo, x, bottom, size))
        for entry, centre in zip(legend.entries, legend.centres, strict=True):
            baseline = centre + MIDDLE_BASELINE * size
            out.append(Text(entry.label, legend.left + m.label_x, baseline, size))
    return out


def _symbols(pic: MapPicture) -> list[tuple[Entry, float, float]]:
    """Every legend symbol with its centre, picture pixels."""
    return [
        (entry, legend.left + pic.metrics.symbol_centre, centre)
        for legend in pic.legends
        for entry, centre in zip(legend.entries, legend.centres, strict=True)
    ]


Band = tuple[str, str, float, float, float, float, bool]


def _bands(pic: MapPicture, count: int) -> list[Band]:
    """Each gradient as ``count`` bands per colour step from low to high: (low colour, high
    colour, x, y, width, height, horizontal) of each, picture pixels."""
    out = []
    for legend in pic.legends:
        if not legend.gradient:
            continue
        steps = (len(legend.gradient) - 1) * count
        part = legend.gradient_length / max(steps, 1)
        for i in range(steps):
            low = interpolate(legend.gradient, i / steps)
            high = interpolate(legend.gradient, (i + 1) / steps)
            if legend.horizontal:
                box = (legend.left + i * part, legend.body, part, pic.metrics.thickness)
            else:  # low at the bottom
                top = legend.body + legend.gradient_length - (i + 1) * part
                box = (legend.left, top, pic.metrics.thickness, part)
            out.append((low, high, *box, legend.horizontal))
    return out


# --- PDF -------------------------------------------------------------------------------------
def pdf_drawing(spec: dict, width: int, height: int, fonts: Fonts) -> Any:
    """The chart as a reportlab ``Drawing`` of the whole chart (plot area ``width`` × ``height``
    plus legends and padding, in points as the SVG's pixels): one filled path per feature, the
    outlines, the legends in the PDF's fonts."""
    from reportlab.graphics.shapes import Circle, Drawing, Group, Path, Rect, String
    from reportlab.graphics.widgets.grids import ShadedRect
    from reportlab.lib.colors import HexColor
    from reportlab.pdfbase.pdfmetrics import stringWidth

    def measure(text: str, size: float, bold: bool) -> float:
        return float(stringWidth(text, fonts.bold if bold else fonts.regular, size))

    def colour(value: str | None) -> Any:
        return HexColor(value) if value else None

    pic = picture(spec, width, height, measure)
    m, top = pic.metrics, pic.height
    drawing = Drawing(pic.width, pic.height)
    drawing.add(Rect(0, 0, pic.width, pic.height, fillColor=HexColor("#FFFFFF"), strokeColor=None))
    areas = Group()
    for area in pic.areas:
        path = Path(
            fillColor=colour(area.fill),
            fillOpacity=area.fill_opacity,
            strokeColor=colour(area.stroke),
            strokeWidth=area.stroke_width,
            strokeLineJoin=0,
            strokeMiterLimit=10,  # as Vega's SVG
            fillMode=0,  # even-odd: a hole stays a hole whatever the ring's direction
        )
        for ring in area.rings:
            # reportlab's operators: 0 move, 1 line, 3 close
            path.points.extend((ring * (1, -1) + (0, top)).ravel().tolist())
            path.operators.extend([0, *[1] * (len(ring) - 1), 3])
        areas.add(path)
    drawing.add(areas, name="areas")
    legend = Group()
    # one two-colour gradient per step of the ramp, as on the slides: reportlab's shaded
    # rectangle is a PDF axial shading (linear in RGB, as Vega's), clipped to the rectangle;
    # half a pixel over the step before it: no seam between them
    for low, high, x, y, w, h, horizontal in _bands(pic, 1):
        w, h = (w + 0.5, h) if horizontal else (w, h + 0.5)
        legend.add(
            ShadedRect(
                x=x,
                y=top - y - h,
                width=w,
                height=h,
                # "vertical" stripes: the colour changes from left to right
                orientation="vertical" if horizontal else "horizontal",
                fillColorStart=HexColor(low),  # left, or at the bottom
                fillColorEnd=HexColor(high),
                numShades=GRADIENT_SHADES,
                strokeColor=None,
                strokeWidth=0,
            )
        )
    for entry, cx, cy in _symbols(pic):
        style = {
            "fillColor": colour(entry.fill),
            "strokeColor": colour(entry.stroke),
            "strokeWidth": entry.stroke_width,
        }
        half = m.symbol / 2
        if entry.shape == "circle":
            legend.add(Circle(cx, top - cy, half, **style))
        else:
            legend.add(Rect(cx - half, top - cy - half, m.symbol, m.symbol, **style))
    for text in _texts(pic):
        font = fonts.bold if text.bold else fonts.regular
        legend.add(String(text.x, top - text.y, text.text, fontName=font, fontSize=text.size,
                          textAnchor="end" if text.end else "start",
                          fillColor=HexColor("#000000")))  # fmt: skip
    drawing.add(legend, name="legend")
    return drawing


# --- Slides ----------------------------------------------------------------------------------
def _estimate(text: str, size: float, bold: bool) -> float:
    """A text's width on a slide: per kind of character about DejaVu Sans's (wider than
    Calibri; LibreOffice puts DejaVu in Calibri's place), a tenth to spare; without loading a
    font."""
    ems = sum(
        0.64 if c.isdigit() else 0.72 if c.isupper() else 0.35 if c in NARROW else 0.6 for c in text
    )
    return ems * size * (1.12 if bold else 1.0) * 1.1


def _slide_picture(spec: dict, width: int, height: int, box: Box) -> tuple[MapPicture, float]:
    """The picture laid out for the box and its EMU per pixel: legend type at least
    :data:`SLIDE_MIN_FONT_PT` once the picture is fitted in the box, the legends beside the map
    or under it (in one row or in rows), whichever leaves the map larger."""
    options: list[tuple[bool, float, MapPicture, float]] = []  # (type large enough, scale, …)
    areas = _map_areas(spec, width, height)
    for below, rows in ((False, False), (True, False), (True, True)):
        grow, smallest = 1.0, 0.0
        for _ in range(40):  # a fixed point: larger type, wider picture, smaller scale
            pic = picture(spec, width, height, _estimate, legend_scale=grow, below=below,
                          rows=rows, areas=areas)  # fmt: skip
            scale = min(box[2] / pic.width, box[3] / pic.height)
            before, smallest = (
                smallest,
                (min(pic.metrics.label_size, pic.metrics.title_size) * scale / EMU_PER_PT),
            )
            if smallest >= SLIDE_MIN_FONT_PT * 0.995 or smallest <= before * 1.001:
                break  # large enough, or the legends alone are wider than the box
            grow *= SLIDE_MIN_FONT_PT / smallest
        options.append((smallest >= SLIDE_MIN_FONT_PT * 0.995, scale, pic, smallest))
    # the layout with type large enough and the larger map; else the one with the larger type
    _, scale, pic, _ = max(options, key=lambda o: (o[0], o[1] if o[0] else o[3]))
    return pic, scale


def _freeform_xml(area: Area, origin: tuple[int, int], scale: float, shape_id: int) -> str:
    """A PowerPoint freeform shape (``p:sp`` with a custom geometry) of ``area`` (picture
    pixels; ``scale`` EMU per pixel from ``origin``), its fill and outline.

    Written whole: python-pptx's freeform builder looks for the smallest coordinate again at
    every vertex and its fill and line objects cost more than the path (a map has ~40 shapes
    and ~12,000 vertices); its integer units would also round the path to whole pixels, here
    it is in EMU.
    """
    emus = [np.rint(ring * scale + origin).astype(np.int64) for ring in area.rings]
    (x0, y0) = np.min([e.min(axis=0) for e in emus], axis=0).tolist()
    (x1, y1) = np.max([e.max(axis=0) for e in emus], axis=0).tolist()
    w, h = max(x1 - x0, 1), max(y1 - y0, 1)
    path = []
    for ring in emus:
        local = (ring - (x0, y0)).tolist()
        path.append(f'<a:moveTo><a:pt x="{local[0][0]}" y="{local[0][1]}"/></a:moveTo>')
        path.extend(f'<a:lnTo><a:pt x="{x}" y="{y}"/></a:lnTo>' for x, y in local[1:])
        path.append("<a:close/>")
    if area.fill:
        alpha = (
            f'<a:alpha val="{round(area.fill_opacity * 100000)}"/>' if area.fill_opacity < 1 else ""
        )
        fill = f'<a:solidFill><a:srgbClr val="{area.fill[1:]}">{alpha}</a:srgbClr></a:solidFill>'
    else:
        fill = "<a:noFill/>"
    if area.stroke:
        line = (
            f'<a:ln w="{max(round(area.stroke_width * scale), 1)}"><a:solidFill>'
            f'<a:srgbClr val="{area.stroke[1:]}"/></a:solidFill></a:ln>'
        )
    else:
        line = "<a:ln><a:noFill/></a:ln>"
    return (
        f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="Freeform {shape_id - 1}"/>'
        "<p:cNvSpPr/><p:nvPr/></p:nvSpPr><p:spPr>"
        f'<a:xfrm><a:off x="{x0}" y="{y0}"/><a:ext cx="{w}" cy="{h}"/></a:xfrm>'
        "<a:custGeom><a:avLst/><a:gdLst/><a:ahLst/><a:cxnLst/>"
        '<a:rect l="l" t="t" r="r" b="b"/>'
        f'<a:pathLst><a:path w="{w}" h="{h}">{"".join(path)}</a:path></a:pathLst>'
        f"</a:custGeom>{fill}{line}</p:spPr></p:sp>"
    )


def _no_style(shape: Any) -> None:
    """Drop the theme's style reference (a theme may give shapes a shadow or an outline)."""
    style = shape._element.find("{http://schemas.openxmlformats.org/presentationml/2006/main}style")
    if style is not None:
        shape._element.remove(style)


def _paint(shape: Any, fill: str | None, stroke: str | None, stroke_emu: int) -> None:
    """A legend shape's fill and outline (none where None), without the theme's style."""
    from pptx.dml.color import RGBColor
    from pptx.util import Emu

    _no_style(shape)
    if fill:
        shape.fill.solid()
        shape.fill.fore_color.rgb = RGBColor.from_string(fill[1:])
    else:
        shape.fill.background()
    if stroke:
        shape.line.color.rgb = RGBColor.from_string(stroke[1:])
        shape.line.width = Emu(stroke_emu)
    else:
        shape.line.fill.background()


def add_to_slide(slide: Any, spec: dict, width: int, height: int, box: Box) -> Any:
    """The chart on ``slide`` inside ``box`` as one group: a freeform per feature (fill and
    outline), then the legends as shapes and text boxes (type 14 pt or more); returns the
    group."""
    from pptx.dml.color import RGBColor
    from pptx.enum.shapes import MSO_SHAPE
    from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
    from pptx.oxml import parse_xml
    from pptx.oxml.ns import nsdecls
    from pptx.util import Emu, Pt

    pic, scale = _slide_picture(spec, width, height, box)
    m = pic.metrics
    left, top = box[0], box[1]  # top-left in the box, as the picture stood

    def at(x: float, y: float) -> tuple[Emu, Emu]:
        return Emu(round(left + x * scale)), Emu(round(top + y * scale))

    def emu(value: float) -> Emu:
        return Emu(max(round(value * scale), 1))

    # the legend made on the slide, then moved into one group (a group recomputes its extents
    # at every shape added to it); the map's freeforms written into the group under it
    shapes = slide.shapes
    made: list[Any] = []
    # one two-colour gradient per step of the ramp (every viewer draws those; PowerPoint's
    # interpolation is linear in RGB too)
    for low_colour, high_colour, x, y, w, h, horizontal in _bands(pic, 1):
        # half a pixel over the band before it: no seam between them
        w, h = (w + 0.5, h) if horizontal else (w, h + 0.5)
        rect = shapes.add_shape(MSO_SHAPE.RECTANGLE, *at(x, y), emu(w), emu(h))
        made.append(rect)
        _paint(rect, None, None, 0)
        rect.fill.gradient()
        # from low to high: left to right, or bottom to top
        rect.fill.gradient_angle = 0 if horizontal else 90
        low, high = rect.fill.gradient_stops
        low.position, high.position = 0.0, 1.0
        low.color.rgb = RGBColor.from_string(low_colour[1:])
        high.color.rgb = RGBColor.from_string(high_colour[1:])
    for entry, cx, cy in _symbols(pic):
        kind = MSO_SHAPE.OVAL if entry.shape == "circle" else MSO_SHAPE.RECTANGLE
        half = m.symbol / 2
        symbol = shapes.add_shape(kind, *at(cx - half, cy - half), emu(m.symbol), emu(m.symbol))
        made.append(symbol)
        _paint(symbol, entry.fill, entry.stroke, emu(entry.stroke_width))
    for text in _texts(pic):
        # a box one line high around the text's middle, as wide as the layout counted on
        line = text.size * 1.2
        middle = text.y - MIDDLE_BASELINE * text.size
        wide = _estimate(text.text, text.size, text.bold)
        start = text.x - wide if text.end else text.x
        label = shapes.add_textbox(*at(start, middle - line / 2), emu(wide), emu(line))
        made.append(label)
        frame = label.text_frame
        frame.word_wrap = True
        frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = 0
        frame.vertical_anchor = MSO_ANCHOR.MIDDLE
        paragraph = frame.paragraphs[0]
        paragraph.alignment = PP_ALIGN.RIGHT if text.end else PP_ALIGN.LEFT
        run = paragraph.add_run()
        run.text = text.text
        run.font.size = Pt(round(text.size * scale / EMU_PER_PT, 1))
        run.font.bold = text.bold
        run.font.name = SLIDE_FONT
        run.font.color.rgb = RGBColor(0, 0, 0)
    group = slide.shapes.add_group_shape(made)
    first_id = max(int(i) for i in slide.shapes._spTree.xpath("//@id")) + 1
    xml = "".join(
        _freeform_xml(area, (left, top), scale, first_id + i) for i, area in enumerate(pic.areas)
    )
    grp = group._element
    # after the group's own properties, before the legend
    at_index = list(grp).index(grp.grpSpPr) + 1
    grp[at_index:at_index] = list(parse_xml(f"<p:grpSp {nsdecls('a', 'p')}>{xml}</p:grpSp>"))
    grp.recalculate_extents()
    return group
