"""Charts drawn natively for the exports, from the same Vega-Lite specifications the pages show.

The PDF gets reportlab drawings (vector graphics, the PDF's own fonts) and the slides get
PowerPoint's own charts and shapes (editable in PowerPoint), made directly from a chart's
specification: its data values, encodings, colours and titles. No JavaScript engine starts, so
an export costs little more than its content. A specification no native drawer knows is drawn
as before, by vl-convert (:mod:`dashboard.presentation.charts.render`).

Each drawer module (:mod:`.bars`, :mod:`.maps`) offers ``accepts(spec)``,
``pdf_drawing(spec, width, height, fonts)`` and ``add_to_slide(slide, spec, width, height, box)``.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

from dashboard.presentation.charts.native.common import Box, Fonts


def _drawer(spec: dict) -> ModuleType | None:
    from dashboard.presentation.charts.native import bars, maps

    for module in (maps, bars):
        if module.accepts(spec):
            return module
    return None


def accepts(spec: dict) -> bool:
    """True when this specification is drawn natively."""
    return _drawer(spec) is not None


def pdf_drawing(spec: dict, width: int, height: int, fonts: Fonts) -> Any | None:
    """The chart as a reportlab ``Drawing`` of about ``width`` × ``height`` points of plot area
    (axes, legend and labels come on top, as in Vega-Lite), its texts in ``fonts``; None when no
    native drawer knows this specification."""
    drawer = _drawer(spec)
    return None if drawer is None else drawer.pdf_drawing(spec, width, height, fonts)


def add_to_slide(slide: Any, spec: dict, width: int, height: int, box: Box) -> Any | None:
    """Put the chart on ``slide`` inside ``box`` as PowerPoint's own chart or shapes and return
    the shape made (the caller names it and gives it its text alternative); None when no native
    drawer knows this specification (the caller then places a picture)."""
    drawer = _drawer(spec)
    return None if drawer is None else drawer.add_to_slide(slide, spec, width, height, box)
