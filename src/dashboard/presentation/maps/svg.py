"""The drawn SVG map made clickable per region (its links name the region codes)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pydeck loads only when the free-zoom map is built
    pass


_HREF = re.compile(r'<a xlink:href="[^"#]*#([A-Za-z0-9]+)"[^>]*>')


_PATH_DATA = re.compile(r' d="([^"]*)"')
_LONG_DECIMAL = re.compile(r"\d+\.\d{2,}")


def _tenths(path_data: str) -> str:
    return _LONG_DECIMAL.sub(lambda n: f"{float(n.group()):.1f}", path_data)


def mark_regions(svg: str) -> str:
    """Turn Vega's links around the regions (``href`` ``#AM34``) into ``data-code`` groups.

    The page reads the code of a clicked region from ``data-code``; without links nothing in the
    SVG navigates away, and no link without text reaches a screen reader. Outlines are written to
    a tenth of a pixel (Vega writes thousandths): a fifth less to send, and no visible change.
    """
    svg = _HREF.sub(lambda m: f'<g data-code="{m.group(1)}">', svg)
    svg = _PATH_DATA.sub(lambda m: f' d="{_tenths(m.group(1))}"', svg)
    return svg.replace("</a>", "</g>")
