"""What the native drawers share: the slide box, the PDF's fonts, and reading a specification
the way vl-convert draws it (layers with the shared data and encoding, the expressions our
builders write, colours, the value scale's ticks, Dutch numbers)."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any, Protocol

from dashboard.core.errors import NotNativeError
from dashboard.core.formatting import fmt_number
from dashboard.presentation.charts.specs import NARROW

#: (left, top, width, height) in EMU: where on a slide a chart may stand.
Box = tuple[int, int, int, int]


class Fonts(Protocol):
    """The PDF's registered reportlab font names a drawing's texts are set in
    (:class:`dashboard.presentation.reports.images.ChartFonts`; named here so the drawers need
    nothing of the report, which calls them)."""

    regular: str
    bold: str


#: The d3 number formats the drawers write in Dutch: fixed decimals, with or without thousands.
_FIXED = re.compile(r"^(,?)\.(\d)f$")


def dutch_number_format(d3_format: str) -> Callable[[float], str] | None:
    """A function writing numbers as the chart's d3 format (``,.0f``, ``.1f``) does with the
    charts' Dutch locale (``1.436.988``, ``3,4``); None for a format not understood."""
    found = _FIXED.match(d3_format)
    if found is None:
        return None
    decimals = int(found.group(2))
    if found.group(1):
        return lambda value: fmt_number(value, decimals)
    return lambda value: fmt_number(value, decimals).replace(".", "")


#: Keys of a specification's top level the drawers read or may safely leave alone.
TOP_KEYS = frozenset(
    {"$schema", "width", "height", "background", "usermeta", "config", "data", "encoding", "layer"}
)
#: Vega's own colour of a mark without one.
DEFAULT_COLOUR = "#4C78A8"

_NUMBER = r"-?\d+(?:\.\d+)?(?:e-?\d+)?"
_LITERAL = re.compile(rf"^(?:({_NUMBER})|'([^']*)')$")
_SCALED = re.compile(rf"^({_NUMBER}) \* \((.*)\)$")


def refuse(what: str) -> NotNativeError:
    """The error for something a native drawer does not draw (the chart goes to vl-convert)."""
    return NotNativeError(f"deze grafiek wordt niet zelf getekend: {what}")


def _literal(text: str) -> Any:
    found = _LITERAL.match(text.strip())
    if not found:
        raise refuse(f"expressie {text!r}")
    number, string = found.groups()
    return float(number) if number is not None else string


def _expression(text: str) -> Any:
    """An expression of our builders, as vl-convert evaluates it (no container: not narrow)."""
    text = text.strip()
    if text.startswith(f"{NARROW} ? "):
        rest = text.removeprefix(f"{NARROW} ? ")
        quoted = re.match(r"^('[^']*'|[^:]+) : (.+)$", rest)
        if not quoted:
            raise refuse(f"expressie {text!r}")
        return _literal(quoted.group(2))
    scaled = _SCALED.match(text)
    if scaled:
        return float(scaled.group(1)) * float(_expression(scaled.group(2)))
    return _literal(text)


def resolve(value: Any) -> Any:
    """A spec value with an ``{"expr": ...}`` replaced by what vl-convert makes of it."""
    if isinstance(value, dict) and set(value) == {"expr"}:
        return _expression(str(value["expr"]))
    return value


def layers(spec: dict) -> list[dict]:
    """The spec's layers, each with the top level's data and encoding merged in (a layer's own
    channel wins, as in Vega-Lite); a spec without layers is one layer."""
    unknown = set(spec) - TOP_KEYS - {"mark"}
    if unknown:
        raise refuse(f"onderdelen {sorted(unknown)}")
    own = spec.get("layer") or ([{"mark": spec["mark"]}] if "mark" in spec else [])
    if not own or ("mark" in spec and "layer" in spec):
        raise refuse("geen lagen")
    out = []
    for layer in own:
        if not isinstance(layer, dict) or "layer" in layer:
            raise refuse("geneste lagen")
        data = layer.get("data", spec.get("data"))
        if not isinstance(data, dict) or set(data) != {"values"}:
            raise refuse("gegevens die niet in de specificatie staan")
        mark = layer["mark"] if isinstance(layer["mark"], dict) else {"type": layer["mark"]}
        out.append(
            {
                **layer,
                "mark": mark,
                "data": data["values"],
                "encoding": {**spec.get("encoding", {}), **layer.get("encoding", {})},
            }
        )
    return out


def filtered(rows: list[dict], transforms: list[dict]) -> list[dict]:
    """``rows`` after the filters our builders write (``abs(datum.F) >= N``, ``datum.F``)."""
    for transform in transforms:
        test = str(transform.get("filter", "")) if set(transform) == {"filter"} else ""
        if found := re.match(rf"^abs\(datum\.(\w+)\) >= ({_NUMBER})$", test):
            field, limit = found.group(1), float(found.group(2))
            rows = [r for r in rows if r.get(field) is not None and abs(r[field]) >= limit]
        elif found := re.match(r"^datum\.(\w+)$", test):
            rows = [r for r in rows if r.get(found.group(1))]
        else:
            raise refuse(f"bewerking {transform!r}")
    return rows


def row_test(test: Any) -> str:
    """The field of a condition's test ``datum.F`` (a row's own true/false)."""
    found = re.match(r"^datum\.(\w+)$", str(test))
    if not found:
        raise refuse(f"voorwaarde {test!r}")
    return found.group(1)


def rgb(colour: Any) -> tuple[int, int, int]:
    """``#RRGGBB`` (or ``#RGB``) as three bytes."""
    text = str(colour).strip()
    if re.fullmatch(r"#[0-9A-Fa-f]{3}", text):
        text = "#" + "".join(c * 2 for c in text[1:])
    if not re.fullmatch(r"#[0-9A-Fa-f]{6}", text):
        raise refuse(f"kleur {colour!r}")
    return int(text[1:3], 16), int(text[3:5], 16), int(text[5:7], 16)


def tick_step(low: float, high: float, count: float) -> float:
    """The step of about ``count`` ticks between ``low`` and ``high`` (d3's tick increment:
    1, 2 or 5 times a power of ten), as Vega chooses it."""
    span = high - low
    if span <= 0 or count <= 0:
        return 1.0
    step = span / count
    power = math.floor(math.log10(step))
    error = step / 10**power
    factor = (
        10
        if error >= math.sqrt(50)
        else 5
        if error >= math.sqrt(10)
        else 2
        if error >= math.sqrt(2)
        else 1
    )
    return float(factor * 10**power)


def nice(low: float, high: float, count: float) -> tuple[float, float, float]:
    """The domain widened to whole ticks (Vega's ``nice``) and its step."""
    step = tick_step(low, high, count)
    low, high = math.floor(low / step) * step, math.ceil(high / step) * step
    step = tick_step(low, high, count)
    return math.floor(low / step + 1e-9) * step, math.ceil(high / step - 1e-9) * step, step


def ticks(low: float, high: float, step: float) -> list[float]:
    """The tick values from ``low`` to ``high`` (inclusive) by ``step``."""
    first = math.ceil(low / step - 1e-9)
    last = math.floor(high / step + 1e-9)
    return [round(i * step, 10) for i in range(first, last + 1)]


def decimals(step: float) -> int:
    """How many decimals tick labels ``step`` apart need."""
    return max(0, -math.floor(math.log10(step) + 1e-9)) if step > 0 else 0


def tick_text(value: float, step: float, suffix: str = "") -> str:
    """A tick label in Dutch notation (``1.000``, ``0,2``), as the charts' locale writes it."""
    return fmt_number(value, decimals(step)) + suffix


def label_decimals(value: Any, label: str) -> int | None:
    """The decimals with which ``label`` writes ``value`` in Dutch notation, or None when the
    label is other text (then it is shown as it is)."""
    if value is None:
        return None
    for places in range(4):
        if fmt_number(value, places) == label:
            return places
    return None
