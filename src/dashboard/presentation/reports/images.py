"""Chart specifications (Vega-Lite) → vector drawings for the PDF and pictures for the slides.

A chart a native drawer knows (:mod:`dashboard.presentation.charts.native`: the bar charts and
the maps) becomes a reportlab drawing straight from its specification, in the PDF's fonts; the
slides get PowerPoint's own chart or shapes instead (:mod:`.pptx`). No JavaScript engine starts
for those. Any other chart is drawn by :mod:`dashboard.presentation.charts.render` (vl-convert:
Vega in an embedded JavaScript engine; no Chromium, no WebGL): the PDF embeds its SVG as vector
graphics (svglib turns it into reportlab drawing commands), the slides get a PNG at twice the
size (about 190 dpi on a 16:9 slide). A ``report`` command's helper process makes those drawings
too (:func:`svg_drawing` over there, the drawing sent back pickled), so svglib's conversion does
not run in the process that lays out the pages.
"""

from __future__ import annotations

import io
import logging
import pickle
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from dashboard.core.errors import DashboardError
from dashboard.presentation.charts import native, render

#: PNGs for the slides at twice their size in pixels.
SLIDE_SCALE = 2.0
#: Where Debian's ``fonts-dejavu-core`` puts DejaVu Sans.
FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"))

log = logging.getLogger(__name__)


@cache
def pdf_fonts() -> tuple[str, str]:
    """The PDF's (regular, bold) reportlab font names, registered in this process: DejaVu
    when available, else Helvetica. The page text and the charts' texts use them, in the
    process that lays out the PDF and in the helper process that converts its charts.

    The report sets no italics: longer passages in italics read harder (the text alternatives
    under the charts are several lines long), and the Presentatie page shows them upright.
    Markup asking for italics gets the upright face.
    """
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    # asking getFont for a font not registered yet first parses every AFM file reportlab knows
    if "DejaVuSans" in pdfmetrics.getRegisteredFontNames():
        return "DejaVuSans", "DejaVuSans-Bold"
    for folder in FONT_DIRS:
        files = {
            "DejaVuSans": folder / "DejaVuSans.ttf",
            "DejaVuSans-Bold": folder / "DejaVuSans-Bold.ttf",
        }
        if all(p.exists() for p in files.values()):
            for name, path in files.items():
                pdfmetrics.registerFont(TTFont(name, str(path)))
            pdfmetrics.registerFontFamily(
                "DejaVuSans",
                normal="DejaVuSans",
                bold="DejaVuSans-Bold",
                italic="DejaVuSans",
                boldItalic="DejaVuSans-Bold",
            )
            return "DejaVuSans", "DejaVuSans-Bold"
    log.warning("DejaVu-lettertype niet gevonden; PDF gebruikt Helvetica (Latin-1)")
    return "Helvetica", "Helvetica-Bold"


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


class ChartFonts:
    """Which reportlab font each text of a chart gets in the PDF (an svglib font map): the
    PDF's own regular and bold type, whatever family the chart names (italics upright, as in
    the rest of the report: :func:`pdf_fonts`).

    Without it svglib looks every family of the chart's list up on its own (``fc-match`` in a
    new process, then the TrueType file read again for each name), which took a fifth of the
    PDF's layout, and it chose by what ``fc-match`` found on ``PATH``: DejaVu from a shell,
    Helvetica where only Python was on ``PATH``.
    """

    def __init__(self, regular: str, bold: str) -> None:
        self.regular, self.bold = regular, bold

    @property
    def names(self) -> tuple[str, str]:
        """(regular, bold)."""
        return self.regular, self.bold

    def find_font(
        self, font_name: str, weight: str = "normal", style: str = "normal"
    ) -> tuple[str, bool]:
        """(reportlab font name, exact match) as svglib asks for it."""
        weight = weight.strip().lower()
        if weight in {"bold", "bolder"} or (weight.isdigit() and int(weight) >= 600):
            return self.bold, True
        return self.regular, True  # italics too: the report sets them upright


def svg_drawing(svg: str, fonts: ChartFonts | None = None) -> Any:
    """The SVG as a reportlab ``Drawing``, its texts in ``fonts`` (default: the type svglib
    finds for the chart's font family)."""
    from svglib.svglib import svg2rlg

    try:
        drawing = svg2rlg(io.BytesIO(svg.encode("utf-8")), font_map=fonts)
    except Exception as err:  # svglib raises lxml and ValueErrors on odd input
        raise DashboardError(
            f"een grafiek kon niet in het PDF-rapport worden gezet: {err}"
        ) from err
    if drawing is None:
        raise DashboardError("een grafiek kon niet in het PDF-rapport worden gezet")
    return drawing


def pdf_drawing(svg: str) -> tuple[tuple[str, str], bytes]:
    """What the helper process sends back for the PDF: the font names and the pickled
    :func:`svg_drawing` of ``svg`` in the PDF's fonts (registered over there by the same
    :func:`pdf_fonts`)."""
    fonts = ChartFonts(*pdf_fonts())
    return fonts.names, pickle.dumps(svg_drawing(svg, fonts), protocol=pickle.HIGHEST_PROTOCOL)


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
        process draws them (see
        :func:`dashboard.presentation.charts.render.start_background_engine`); a chart drawn
        natively needs no helper and is left out (so no helper starts for it)."""
        sized_charts = (sized(spec, width, height) for spec, width, height in charts)
        render.prefetch(c for c in sized_charts if not native.accepts(c))  # drawn here instead

    def drawing(
        self,
        spec: dict,
        width: int = 1000,
        height: int = 560,
        fonts: ChartFonts | None = None,
    ) -> Any:
        """The chart as a reportlab ``Drawing`` (vector graphics for the PDF); its texts in
        ``fonts`` (default: the type svglib finds for the chart's font family). Drawn natively
        when a native drawer knows the chart, else from vl-convert's SVG. A new object each
        time: the PDF scales it in place."""
        chart = sized(spec, width, height)
        # natively when a drawer knows it (None otherwise): no chart engine, no SVG conversion
        drawn = native.pdf_drawing(chart, width, height, fonts or ChartFonts(*pdf_fonts()))
        if drawn is not None:
            return drawn
        if fonts is not None:
            made = render.made_ahead_drawing(chart)  # by the helper process, in the PDF's fonts
            if made is not None and made[0] == fonts.names:
                return pickle.loads(made[1])
        return svg_drawing(render.svg(chart), fonts)

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
