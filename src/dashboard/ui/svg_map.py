"""The Kaart's map as one picture drawn by the server.

The map is drawn by the server (``dashboard.presentation.charts.render``) as SVG and shown as a
Markdown image
(``ui/picture``): it is on screen as soon as Streamlit shows text, with no chart library or
component code to download and no WebGL. Markdown is in Streamlit's main bundle, so nothing the
browser loads later decides when, or where, the map appears.
"""

from __future__ import annotations

import functools
import re

import streamlit as st

from dashboard.presentation.safe_svg import clean_svg
from dashboard.ui.picture import svg_markdown

#: What a picture does not need: inside an ``<img>`` nothing reads the regions' own names and
#: roles (the picture's alt text names the map), and Vega's no-op ``translate(0,0)`` draws nothing.
_NOT_DRAWN = re.compile(
    r' (?:aria-label|aria-roledescription|aria-hidden|role|class)="[^"]*"'
    r'| transform="translate\(0,0\)"'
)

#: The picture's own width: wider than any column, so that the column sets its width (a Markdown
#: image is at most as wide as its column) and no page style is needed for it. At its drawn width
#: of 570 px the picture was narrower than its column on a wide screen.
FILL_WIDTH = 4000
_ROOT = re.compile(r"<svg\b[^>]*>")
_SIZE = re.compile(r'\s(width|height)="([0-9.]+)"')


#: An outline as Vega writes it after ``maps.mark_regions``: absolute moves and lines to a tenth of
#: a pixel, closed with Z.
_OUTLINE = re.compile(r"(?:[ML]-?\d+(?:\.\d)?,-?\d+(?:\.\d)?|Z)+")
_POINT = re.compile(r"([MLZ])(?:(-?\d+(?:\.\d)?),(-?\d+(?:\.\d)?))?")
_PATH_DATA = re.compile(r' d="([^"]*)"')


def _tenths(n: int) -> str:
    """``n`` tenths as the shortest SVG number: 15 → "1.5", -5 → "-.5", 30 → "3"."""
    sign, n = ("-", -n) if n < 0 else ("", n)
    whole, tenth = divmod(n, 10)
    if not tenth:
        return f"{sign}{whole}"
    return f"{sign}{whole or ''}.{tenth}"


def relative_outline(d: str) -> str:
    """An outline's path data with each line as a step from the point before (``l``): the same
    points to the tenth of a pixel, about a third fewer characters to send, decode and draw.
    Path data of any other form is returned as it is."""
    if not _OUTLINE.fullmatch(d):
        return d
    out: list[str] = []
    x = y = start_x = start_y = 0  # in tenths of a pixel
    in_line = False
    for command, px, py in _POINT.findall(d):
        if command == "Z":
            out.append("Z")
            x, y, in_line = start_x, start_y, False  # a closed outline ends where it began
            continue
        nx, ny = round(float(px) * 10), round(float(py) * 10)
        if command == "M":
            out.append(f"M{_tenths(nx)},{_tenths(ny)}")
            start_x, start_y, in_line = nx, ny, False
        else:
            step = f"{_tenths(nx - x)},{_tenths(ny - y)}"
            if not in_line:
                out.append("l" + step)
                in_line = True
            else:  # more steps of the same line: a minus sign separates them as well as a comma
                out.append(step if step.startswith("-") else "," + step)
        x, y = nx, ny
    return "".join(out)


def _fill_the_column(svg: str) -> str:
    """``svg`` with its root's width and height scaled up to :data:`FILL_WIDTH`; its viewBox keeps
    the drawing, so it only scales."""
    root = _ROOT.search(svg)
    size = dict(_SIZE.findall(root.group(0))) if root else {}
    if not root or "viewBox=" not in root.group(0) or not {"width", "height"} <= size.keys():
        return svg  # without a viewBox a larger size would add space, not scale the drawing
    if float(size["width"]) <= 0:
        return svg
    scale = FILL_WIDTH / float(size["width"])
    wide = {"width": f"{FILL_WIDTH}", "height": f"{float(size['height']) * scale:.1f}"}
    tag = _SIZE.sub(lambda m: f' {m.group(1)}="{wide[m.group(1)]}"', root.group(0))
    return svg[: root.start()] + tag + svg[root.end() :]


@functools.lru_cache(maxsize=16)
def _picture(svg: str) -> str:
    # once per drawing and process: the same map is shown in every session and run
    svg = _fill_the_column(_NOT_DRAWN.sub("", clean_svg(svg)))
    return _PATH_DATA.sub(lambda m: f' d="{relative_outline(m.group(1))}"', svg)


def still_picture(svg: str, *, label: str, selected: str | None) -> str:
    """The map as a Markdown image (``ui/picture``): drawn with the text, no script needed.

    ``selected``, the region whose figures stand beside the map, has a black outline. Attributes
    that draw nothing are left out (a fifth less to send and to read before the first look), and
    outlines are written as steps (:func:`relative_outline`, a third less again). Its
    own size is wider than any column (:data:`FILL_WIDTH`), so it fills its column.
    """
    svg = _picture(svg)
    if selected and re.fullmatch(r"[A-Za-z0-9_-]+", selected):  # a region code, nothing else
        outline = (
            f'<style>[data-code="{selected}"] path {{ stroke: #000000; stroke-width: 3px; }}'
            "</style>"
        )
        svg = svg.replace("</svg>", outline + "</svg>", 1)
    return svg_markdown(svg, alt=label)


def map_picture(svg: str, *, label: str, selected: str | None) -> None:
    """Show the map (:func:`still_picture`) in the page; ``label`` is its accessible name."""
    with st.container(key="kaartbeeld_kaart"):
        st.markdown(still_picture(svg, label=label, selected=selected))
