"""What the native drawers share: the slide box, and (as they grow) reading a specification's
data, colours and Dutch number formats."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Protocol

from dashboard.core.formatting import fmt_number

#: (left, top, width, height) in EMU: where on a slide a chart may stand.
Box = tuple[int, int, int, int]


class Fonts(Protocol):
    """The PDF's registered reportlab font names a drawing's texts are set in
    (:class:`dashboard.presentation.reports.images.ChartFonts`; named here so the drawers need
    nothing of the report, which calls them)."""

    regular: str
    bold: str
    italic: str


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
