"""A server-drawn SVG shown as a Markdown image.

Plain Markdown draws the picture as fast as text: no chart library to download, no WebGL, no
unsafe HTML. The price: an SVG inside an image is static (the browser shows no hover text
from it), so the text alternative beside the picture carries the details.
"""

from __future__ import annotations

import base64
import re

import streamlit as st

from dashboard.core.markup import escape_markdown


def svg_markdown(svg: str, *, alt: str) -> str:
    """``svg`` as a Markdown image with a data URI; ``alt`` is its accessible name.

    ``alt`` may hold names from data: it is escaped like all user text, so it reads literally
    and no bracket can end the image's text early.
    """
    text = escape_markdown(re.sub(r"\s+", " ", alt).strip())
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return f"![{text}](data:image/svg+xml;base64,{data})"


def svg_picture(svg: str, *, alt: str) -> None:
    """Show ``svg`` in the page as a picture named ``alt`` (a sentence, read aloud)."""
    st.markdown(svg_markdown(svg, alt=alt))
