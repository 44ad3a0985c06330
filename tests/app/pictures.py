"""Server-drawn SVG pictures in a page run by AppTest (Markdown images with a data URI)."""

from __future__ import annotations

import base64
import re

from streamlit.testing.v1 import AppTest

from tests.app.page_text import plain

_PICTURE = re.compile(r"!\[((?:\\.|[^\]\\])+)\]\(data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)\)")


def pictures(at: AppTest) -> list[tuple[str, str]]:
    """(alt text as read, SVG) of every SVG picture in the page, in page order."""
    found = []
    for element in at.markdown:
        match = _PICTURE.fullmatch(element.value)
        if match:
            alt = plain(match.group(1))
            found.append((alt, base64.b64decode(match.group(2)).decode("utf-8")))
    return found


def fills(svg: str) -> dict[str, str]:
    """The fill colour of every named shape (a gemeente) in ``svg``."""
    shapes = re.findall(r'<path aria-label="([^"]+)"[^>]*?fill="(#[0-9A-Fa-f]{6})"', svg)
    return dict(shapes)


def chart_maps(at: AppTest) -> int:
    """How many charts in the page are maps drawn in the browser (the map is a server-drawn
    picture): plotly map traces (WebGL) or Vega-Lite shapes."""
    plotly = [e.proto.spec.lower() for e in at.get("plotly_chart")]
    vega = [e.proto.spec for e in at.get("vega_lite_chart")]
    return sum("choroplethmap" in s or "scattermap" in s for s in plotly) + sum(
        '"geoshape"' in s for s in vega
    )
