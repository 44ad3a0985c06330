"""Vega-Lite specifications → SVG, PNG or PDF without a browser (vl-convert).

One specification serves the page (as SVG drawn by the server) and, for a chart the exports'
native drawers do not know (:mod:`dashboard.presentation.charts.native`), the PDF (the same SVG
as vector graphics) and the slides (PNG). vl-convert runs Vega in an embedded JavaScript engine: no
Chromium, no WebGL. Its first call in a process takes about a second (the engine starts); later
calls take tens of milliseconds. Results are cached in memory and, for the SVG, on disk
(``derived_cache``), so a restarted server draws the map without starting the engine.

vl-convert holds Python's GIL for much of its work (vl-convert 1.9: a Python loop running beside
the engine's first start lost about half of the engine's 0.54 s), so a thread gains little while
the report's content is being computed. A command that knows it will draw charts (the ``report``
CLI) can instead start the engine in a helper process (:func:`start_background_engine`,
:mod:`dashboard.presentation.charts.helper`): it starts there while this process imports and
computes, and draws the SVGs asked for with :func:`prefetch` (and, for slides, their PNGs) while
this process lays out the pages; :func:`start_background_engine_on_demand` starts it only once a
chart is asked for (the exports draw most charts natively, without an engine). The helper draws
with the same library and settings, so it gives the same drawing and the same PNG bytes; without
a helper the PNG is made here from the SVG. For a PDF the helper also turns each SVG into the
PDF's vector drawing (:func:`made_ahead_drawing`).
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict
from collections.abc import Iterable
from concurrent.futures import Future
from typing import TYPE_CHECKING, Any

from dashboard.core.errors import DashboardError, MissingPackageError
from dashboard.data import derived_cache

if TYPE_CHECKING:
    from dashboard.presentation.charts.helper import Drawn, HelperProcess, MadeDrawing

#: Dutch number formatting inside every chart (legends, axes, labels).
LOCALE = {
    "decimal": ",",
    "thousands": ".",
    "grouping": [3],
    "currency": ["€ ", ""],
}
#: Entries kept in memory per kind.
CACHE_SIZE = 64
#: Seconds to wait for the helper process's answer before drawing the chart here instead.
HELPER_TIMEOUT = 60.0

_lock = threading.Lock()
_memory: OrderedDict[tuple[str, str, float], Any] = OrderedDict()
#: The helper process with its own engine, when started; SVGs asked for ahead, by spec key.
_background: HelperProcess | None = None
_pending: dict[str, Future[Drawn]] = {}
#: Scale of the PNGs the helper makes along with each SVG (None: SVG only).
_png_scale: float | None = None
#: True when the helper makes each chart's PDF drawing along with its SVG.
_drawings = False
#: What :func:`start_background_engine` gets once a chart is asked ahead (None: not wanted).
_armed: tuple[float | None, bool] | None = None
#: True once this process's own engine has drawn a chart (then a helper would only cost).
_engine_started = False


def spec_key(spec: dict) -> str:
    """A stable hash of a specification (dict order does not matter)."""
    text = json.dumps(spec, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def start_background_engine(png_scale: float | None = None, drawings: bool = False) -> bool:
    """Start the chart engine in a helper process now; True when it runs.

    Worth it only for a process that will draw several charts soon and has other work to do
    first (the ``report`` command). With ``png_scale`` the helper also makes each chart's PNG
    at that scale (slides); with ``drawings`` each chart's vector drawing for the PDF
    (:func:`made_ahead_drawing`). Without a helper everything is drawn in this process, as
    before; a helper that cannot start or breaks is simply not used.
    """
    global _background, _png_scale, _drawings
    with _lock:
        _png_scale, _drawings = png_scale, drawings
        if _background is not None:
            return True
        if _engine_started:
            return False
        from dashboard.presentation.charts.helper import HelperProcess

        try:
            _background = HelperProcess(drawings=drawings)
        except OSError:  # no process can be started here: draw in this process
            return False
        return True


def start_background_engine_on_demand(
    png_scale: float | None = None, drawings: bool = False
) -> None:
    """Have :func:`start_background_engine` run (with these arguments) when the first chart is
    asked ahead (:func:`prefetch`), not before: a report whose charts are all drawn natively
    (:mod:`dashboard.presentation.charts.native`) asks none ahead and starts no engine at all."""
    global _armed
    with _lock:
        _armed = (png_scale, drawings)


def stop_background_engine() -> None:
    """Stop the helper process (charts already drawn stay in the cache)."""
    global _background, _armed
    with _lock:
        helper, _background = _background, None
        _armed = None
        _pending.clear()
    if helper is not None:
        helper.stop()


def prefetch(specs: Iterable[dict]) -> None:
    """Let the helper process draw these charts' SVGs ahead, in this order (no-op without one).

    A chart already in memory or on disk is not drawn again.
    """
    global _armed
    if _background is None:  # the usual case: nothing to do, not even hashing the specs
        if _armed is None:
            return
        specs = list(specs)
        if not specs:
            return
        with _lock:
            armed, _armed = _armed, None
        if armed is None or not start_background_engine(*armed):
            return
    for spec in specs:
        key = spec_key(spec)
        with _lock:
            if _background is None:
                return
            if ("svg", key, 1.0) in _memory or key in _pending:
                continue
        cached = derived_cache.load("vega-svg", key)
        with _lock:
            if cached is not None:
                _remember(("svg", key, 1.0), cached)
                continue
            if _background is None:
                return
            try:
                _pending[key] = _background.draw(spec, _png_scale, _drawings)
            except RuntimeError:  # the helper stopped meanwhile
                return


def _from_background(key: str, spec: dict) -> str | None:
    """The SVG from the helper process, or None when there is none (draw it here then)."""
    with _lock:
        future = _pending.pop(key, None)
        if future is None and _background is not None:
            try:
                future = _background.draw(spec, _png_scale, _drawings)
            except RuntimeError:
                future = None
        scale = _png_scale
    if future is None:
        return None
    try:
        svg, png, made = future.result(timeout=HELPER_TIMEOUT)
    except Exception:  # a broken or stuck helper, a bad spec: drawn here, with our own errors
        return None
    with _lock:
        if png is not None and scale is not None:
            _remember(("png", key, scale), png)
        if made is not None:
            _remember(("drawing", key, 1.0), made)
    return svg


def _convert(kind: str, spec: dict, scale: float) -> Any:
    global _engine_started
    try:
        import vl_convert as vlc  # starts a JavaScript engine on first use
    except ImportError as err:
        raise MissingPackageError(err.name or "vl_convert") from err
    try:
        if kind == "svg":
            _engine_started = True
            return vlc.vegalite_to_svg(spec, format_locale=LOCALE)
        if kind == "png":
            # from the (cached) SVG: the chart is laid out once for the PDF and the slides
            return vlc.svg_to_png(svg(spec), scale=scale)
        _engine_started = True
        return vlc.vegalite_to_pdf(spec, format_locale=LOCALE)
    except Exception as err:  # vl-convert raises ValueError with Vega's message
        raise DashboardError(f"een grafiek kon niet worden getekend: {err}") from err


def _cached(kind: str, spec: dict, scale: float = 1.0, *, disk: bool = False) -> Any:
    key = (kind, spec_key(spec), scale)
    with _lock:
        if key in _memory:
            _memory.move_to_end(key)
            return _memory[key]
    if kind == "png":
        svg(spec)  # from the helper, which may have made the PNG along with it
        with _lock:
            if key in _memory:
                return _memory[key]
    value = derived_cache.load(f"vega-{kind}", key[1]) if disk else None
    if value is None:
        drawn = _from_background(key[1], spec) if kind == "svg" else None
        value = drawn if drawn is not None else _convert(kind, spec, scale)
        if disk:
            derived_cache.store(f"vega-{kind}", key[1], value)
    with _lock:
        _remember(key, value)
    return value


def _remember(key: tuple[str, str, float], value: Any) -> None:
    """Keep ``value`` in memory (call with ``_lock`` held)."""
    _memory[key] = value
    while len(_memory) > CACHE_SIZE:
        _memory.popitem(last=False)


def svg(spec: dict) -> str:
    """The chart as an SVG document (cached in memory and on disk)."""
    return str(_cached("svg", spec, disk=True))


def png(spec: dict, scale: float = 2.0) -> bytes:
    """The chart as PNG bytes; ``scale`` 2 gives about 150 dpi on a 16:9 slide."""
    return bytes(_cached("png", spec, scale))


def made_ahead_drawing(spec: dict) -> MadeDrawing | None:
    """The chart's PDF drawing as the helper process made it (font names, pickled reportlab
    drawing), or None when there is none: no helper, not asked, or the SVG came from a cache.
    The caller then converts the SVG itself
    (:func:`dashboard.presentation.reports.images.svg_drawing`)."""
    key = ("drawing", spec_key(spec), 1.0)
    with _lock:
        if key in _memory:
            return _memory[key]
        if _background is None and key[1] not in _pending:
            return None
    svg(spec)  # from the helper, which may have made the drawing along with it
    with _lock:
        return _memory.get(key)


def pdf(spec: dict) -> bytes:
    """The chart as a one-page vector PDF."""
    return bytes(_cached("pdf", spec))
