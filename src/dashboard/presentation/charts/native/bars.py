"""Bar charts (the ranking, the contributions per perspective, the labour rates, the robustness
tornado): reportlab drawings for the PDF, PowerPoint bar charts for the slides."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from dashboard.presentation.charts.native.common import Box, Fonts


def accepts(spec: dict) -> bool:
    """True when this module draws spec."""
    return False


def pdf_drawing(spec: dict, width: int, height: int, fonts: Fonts) -> Any:
    """The chart as a reportlab ``Drawing``."""
    raise NotImplementedError


def add_to_slide(slide: Any, spec: dict, width: int, height: int, box: Box) -> Any:
    """The chart on ``slide`` inside ``box``; returns the shape made."""
    raise NotImplementedError
