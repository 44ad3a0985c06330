"""Vega-Lite specifications → SVG, PNG or PDF without a browser (vl-convert).

One specification serves the page (as SVG drawn by the server), the PDF (the same SVG as vector
graphics) and the slides (PNG). vl-convert runs Vega in an embedded JavaScript engine: no
Chromium, no WebGL. Its first call in a process takes about a second (the engine starts); later
calls take tens of milliseconds. Results are cached in memory and, for the SVG, on disk
(``derived_cache``), so a restarted server draws the map without starting the engine.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict
from typing import Any

from dashboard import derived_cache
from dashboard.errors import DashboardError

#: Dutch number formatting inside every chart (legends, axes, labels).
LOCALE = {
    "decimal": ",",
    "thousands": ".",
    "grouping": [3],
    "currency": ["€ ", ""],
}
#: Entries kept in memory per kind.
CACHE_SIZE = 64

_lock = threading.Lock()
_memory: OrderedDict[tuple[str, str, float], Any] = OrderedDict()


def spec_key(spec: dict) -> str:
    """A stable hash of a specification (dict order does not matter)."""
    text = json.dumps(spec, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def _convert(kind: str, spec: dict, scale: float) -> Any:
    try:
        import vl_convert as vlc  # starts a JavaScript engine on first use
    except ImportError as err:
        raise DashboardError(
            "het pakket vl-convert-python ontbreekt; installeer de pakketten uit requirements.txt"
        ) from err
    try:
        if kind == "svg":
            return vlc.vegalite_to_svg(spec, format_locale=LOCALE)
        if kind == "png":
            # from the (cached) SVG: the chart is laid out once for the PDF and the slides
            return vlc.svg_to_png(svg(spec), scale=scale)
        return vlc.vegalite_to_pdf(spec, format_locale=LOCALE)
    except Exception as err:  # vl-convert raises ValueError with Vega's message
        raise DashboardError(f"een grafiek kon niet worden getekend: {err}") from err


def _cached(kind: str, spec: dict, scale: float = 1.0, *, disk: bool = False) -> Any:
    key = (kind, spec_key(spec), scale)
    with _lock:
        if key in _memory:
            _memory.move_to_end(key)
            return _memory[key]
    value = derived_cache.load(f"vega-{kind}", key[1]) if disk else None
    if value is None:
        value = _convert(kind, spec, scale)
        if disk:
            derived_cache.store(f"vega-{kind}", key[1], value)
    with _lock:
        _memory[key] = value
        while len(_memory) > CACHE_SIZE:
            _memory.popitem(last=False)
    return value


def svg(spec: dict) -> str:
    """The chart as an SVG document (cached in memory and on disk)."""
    return str(_cached("svg", spec, disk=True))


def png(spec: dict, scale: float = 2.0) -> bytes:
    """The chart as PNG bytes; ``scale`` 2 gives about 150 dpi on a 16:9 slide."""
    return bytes(_cached("png", spec, scale))


def pdf(spec: dict) -> bytes:
    """The chart as a one-page vector PDF."""
    return bytes(_cached("pdf", spec))
