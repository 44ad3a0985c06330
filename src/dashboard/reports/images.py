"""Chart specifications (Vega-Lite) → SVG for the PDF and PNG for the slides, without a browser.

Drawing is done by :mod:`dashboard.charts.render` (vl-convert: Vega in an embedded JavaScript
engine; no Chromium, no WebGL). The PDF embeds the SVG as vector graphics (svglib turns it into
reportlab drawing commands), so maps and charts stay sharp when printed or projected; the slides
get a PNG at twice the size (about 190 dpi on a 16:9 slide), which every PowerPoint version shows.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import Any

from dashboard.charts import render
from dashboard.errors import DashboardError

#: PNGs for the slides at twice their size in pixels.
SLIDE_SCALE = 2.0


def sized(spec: dict, width: int, height: int) -> dict:
    """``spec`` with a plot area of ``width`` × ``height`` pixels (axes and legends come on top;
    fitting everything into the size would make Vega lay the chart out twice)."""
    return {**spec, "width": width, "height": height}


def svg_size(svg: str) -> tuple[float, float]:
    """Width and height of an SVG drawn by vl-convert (its outer ``width``/``height``)."""
    import re

    found = re.search(r'<svg[^>]*?width="([\d.]+)"[^>]*?height="([\d.]+)"', svg[:2000])
    if not found:
        return 1000.0, 560.0
    return float(found.group(1)), float(found.group(2))


def png_size(png: bytes) -> tuple[int, int]:
    """Width and height in pixels, from the PNG header."""
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")


class ImageRenderer:
    """Draws chart specifications; one per process is enough (:func:`shared_renderer`).

    The engine starts on the first chart (about a second); results are cached per
    specification and size, so the PDF and the deck of one view draw each chart once.
    """

    def svg(self, spec: dict, width: int = 1000, height: int = 560) -> str:
        """The chart as an SVG document."""
        return render.svg(sized(spec, width, height))

    def png(
        self, spec: dict, width: int = 1000, height: int = 560, scale: float = SLIDE_SCALE
    ) -> bytes:
        """The chart as PNG bytes (``scale`` × the size in pixels)."""
        return render.png(sized(spec, width, height), scale=scale)

    def prefetch(self, charts: Iterable[tuple[dict, int, int]]) -> None:
        """Have these charts (spec, width, height) drawn ahead, in this order, when a helper
        process draws them (see :func:`dashboard.charts.render.start_background_engine`)."""
        render.prefetch(sized(spec, width, height) for spec, width, height in charts)

    def drawing(self, spec: dict, width: int = 1000, height: int = 560) -> Any:
        """The chart as a reportlab ``Drawing`` (vector graphics for the PDF)."""
        from svglib.svglib import svg2rlg

        svg = self.svg(spec, width, height)
        try:
            drawing = svg2rlg(io.BytesIO(svg.encode("utf-8")))
        except Exception as err:  # svglib raises lxml and ValueErrors on odd input
            raise DashboardError(
                f"een grafiek kon niet in het PDF-rapport worden gezet: {err}"
            ) from err
        if drawing is None:
            raise DashboardError("een grafiek kon niet in het PDF-rapport worden gezet")
        return drawing

    def close(self) -> None:
        """Nothing to stop (kept for callers written for a renderer with a browser)."""

    def __enter__(self) -> ImageRenderer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


_shared = ImageRenderer()


def shared_renderer() -> ImageRenderer:
    """The renderer of this process."""
    return _shared
