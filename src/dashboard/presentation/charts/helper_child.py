"""The helper process's side (:func:`main`): draws what the parent's
:class:`~dashboard.presentation.charts.helper.HelperProcess` sends, with the renderer's own
settings. The
protocol is described in :mod:`dashboard.presentation.charts.helper`.
"""

from __future__ import annotations

import os
import pickle
import sys
from typing import BinaryIO

from dashboard.presentation.charts.helper import DRAWINGS, WARM_UP, MadeDrawing


def _made_drawing(svg: str) -> MadeDrawing | None:
    """The PDF's drawing of ``svg``; None when it cannot be made here (the parent then makes
    it itself and reports the error in its own words)."""
    from dashboard.core.errors import DashboardError
    from dashboard.presentation.reports.images import pdf_drawing

    try:
        return pdf_drawing(svg)
    except (DashboardError, KeyError, OSError, TypeError, pickle.PicklingError):
        return None


def serve(source: BinaryIO, sink: BinaryIO, drawings: bool = False) -> None:
    """Draw every spec read from ``source``; write each answer to ``sink``. With
    ``drawings``, load what the PDF's drawings need before the first spec arrives."""
    import vl_convert as vlc

    from dashboard.presentation.charts.render import LOCALE

    vlc.vegalite_to_svg(WARM_UP, format_locale=LOCALE)
    if drawings:
        import svglib.svglib  # noqa: F401  (loaded while the parent computes the report)

        from dashboard.presentation.reports.images import pdf_fonts

        pdf_fonts()
    while True:
        try:
            spec, png_scale, drawing = pickle.load(source)
        except EOFError:
            return
        answer: tuple[str, str, bytes | None, MadeDrawing | None]
        try:
            svg = str(vlc.vegalite_to_svg(spec, format_locale=LOCALE))
            png = None if png_scale is None else bytes(vlc.svg_to_png(svg, scale=png_scale))
            answer = ("svg", svg, png, _made_drawing(svg) if drawing else None)
        except Exception as err:  # vl-convert says what is wrong with the spec
            answer = ("error", str(err), None, None)
        pickle.dump(answer, sink, protocol=pickle.HIGHEST_PROTOCOL)
        sink.flush()


def main() -> int:
    # answers go to the original stdout; anything else printed lands on stderr
    sink = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    serve(sys.stdin.buffer, sink, drawings=DRAWINGS in sys.argv[1:])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
