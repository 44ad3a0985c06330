"""Maps (geoshape specifications: the regions by inhabitants, the membership after an overstap):
reportlab polygons for the PDF, PowerPoint freeform shapes for the slides."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from dashboard.presentation.charts.native.common import Box
    from dashboard.presentation.reports.images import ChartFonts


def accepts(spec: dict) -> bool:
    """True when this module draws spec."""
    return False


def pdf_drawing(spec: dict, width: int, height: int, fonts: ChartFonts) -> Any:
    """The chart as a reportlab ``Drawing``."""
    raise NotImplementedError


def add_to_slide(slide: Any, spec: dict, width: int, height: int, box: Box) -> Any:
    """The chart on ``slide`` inside ``box``; returns the shape made."""
    raise NotImplementedError
