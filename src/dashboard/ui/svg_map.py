"""A server-drawn SVG map in the page that reports which region was clicked.

The map is drawn by the server (``dashboard.charts.render``) and arrives as SVG: it is on screen
as soon as Streamlit shows text, with no chart library to download and no WebGL. A few lines of
JavaScript (a Streamlit v2 component, mounted in the page itself) show the hover details and send
the code of a clicked region back; the page then reruns with that region chosen.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Mapping, Sequence

import streamlit as st

from dashboard.safe_svg import clean_svg
from dashboard.ui.picture import svg_markdown

_CSS = """
.kaart-svg { position: relative; }
.kaart-svg svg { width: 100%; height: auto; display: block; }
.kaart-svg [data-code] { cursor: pointer; }
.kaart-svg [data-code]:hover path { stroke: #000000; stroke-width: 2.5px; }
.kaart-svg [data-code].gekozen path { stroke: #000000; stroke-width: 3px; }
.kaart-tip {
    position: absolute; pointer-events: none; z-index: 2; max-width: 22rem;
    background: #FFFFFF; color: #1A1A1A; border: 1px solid #6B6B6B; border-radius: 4px;
    padding: 0.35rem 0.5rem; font-size: 0.85rem; line-height: 1.35;
    box-shadow: 0 2px 6px rgba(0, 0, 0, 0.2);
}
"""

_JS = """
export default function (component) {
    const { data, parentElement, setTriggerValue } = component;
    const box = parentElement.querySelector('.kaart-svg');
    const tip = parentElement.querySelector('.kaart-tip');
    if (box.dataset.key !== data.key) {
        box.innerHTML = data.svg;  // rebuilt from an allowlist by the server (safe_svg)
        box.dataset.key = data.key;
        const svg = box.querySelector('svg');
        if (svg) {
            svg.setAttribute('role', 'img');
            svg.setAttribute('aria-label', data.label);
        }
    }
    box.querySelectorAll('[data-code]').forEach((g) => {
        g.classList.toggle('gekozen', g.dataset.code === data.selected);
    });
    const show = (event) => {
        const region = event.target.closest('[data-code]');
        const lines = region ? (data.details[region.dataset.code] || []) : [];
        if (!lines.length) { tip.hidden = true; return; }
        tip.replaceChildren(...lines.map((text, i) => {
            const line = document.createElement(i === 0 ? 'strong' : 'div');
            line.textContent = text;
            return line;
        }));
        const frame = box.getBoundingClientRect();
        const x = event.clientX - frame.left;
        tip.hidden = false;
        const left = x + 14 + tip.offsetWidth > frame.width ? x - 14 - tip.offsetWidth : x + 14;
        tip.style.left = Math.max(0, left) + 'px';
        tip.style.top = (event.clientY - frame.top + 14) + 'px';
    };
    box.onpointermove = show;
    box.onpointerleave = () => { tip.hidden = true; };
    box.onclick = (event) => {
        const region = event.target.closest('[data-code]');
        if (region) setTriggerValue('regio', region.dataset.code);
    };
}
"""

_component = st.components.v2.component(
    "dashboard_svg_map",
    html='<div class="kaart-svg"></div><div class="kaart-tip" hidden></div>',
    css=_CSS,
    js=_JS,
    isolate_styles=False,
)


#: What a picture does not need: inside an ``<img>`` nothing reads the regions' own names and
#: roles (the picture's alt text names the map), and Vega's no-op ``translate(0,0)`` draws nothing.
_NOT_DRAWN = re.compile(
    r' (?:aria-label|aria-roledescription|aria-hidden|role|class)="[^"]*"'
    r'| transform="translate\(0,0\)"'
)

#: The picture's own width: wider than any column, so that the column sets its width from the
#: first frame (a Markdown image is at most as wide as its column), as it sets the clickable map's.
#: At its drawn width of 570 px the picture grew when the page-wide style came, 0.3 s after it
#: was on screen (from 570 to 860 px on a 1920 px wide screen).
FILL_WIDTH = 4000
_ROOT = re.compile(r"<svg\b[^>]*>")
_SIZE = re.compile(r'\s(width|height)="([0-9.]+)"')


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


def still_picture(svg: str, *, label: str, selected: str | None) -> str:
    """The map as a Markdown image (``ui/picture``): drawn with the text, no script needed.

    The chosen region has its outline, as in the interactive map that replaces it (``GLOBAL_CSS``
    in ``ui/layout``), so the change is not visible. Attributes that draw nothing are left out
    (a fifth less to send and to read before the first look). Its own size is wider than any
    column (:data:`FILL_WIDTH`), so it has the clickable map's width from the first frame.
    """
    svg = _fill_the_column(_NOT_DRAWN.sub("", clean_svg(svg)))
    if selected and re.fullmatch(r"[A-Za-z0-9_-]+", selected):  # a region code, nothing else
        outline = (
            f'<style>[data-code="{selected}"] path {{ stroke: #000000; stroke-width: 3px; }}'
            "</style>"
        )
        svg = svg.replace("</svg>", outline + "</svg>", 1)
    return svg_markdown(svg, alt=label)


def map_picture(svg: str, *, label: str, selected: str | None, key: str) -> None:
    """The still picture :func:`svg_map` starts with, alone (a new tab's first run of the Kaart).

    It stands where :func:`svg_map` puts it, so the whole page's run keeps it on screen.
    """
    with st.container(key=f"kaartbeeld_{key}"):
        st.markdown(still_picture(svg, label=label, selected=selected))


def svg_map(
    svg: str,
    *,
    label: str,
    details: Mapping[str, Sequence[str]],
    selected: str | None,
    key: str,
    on_click: Callable[[str], None] | None = None,
) -> str | None:
    """Show ``svg`` (regions marked with ``data-code``); return the code clicked in this run.

    Parameters
    ----------
    label
        The accessible name of the whole map (a short sentence; the full text alternative
        stands next to the map).
    details
        Per region code the lines shown on hover (the first line in bold).
    selected
        Code of the region drawn with a black outline (the one whose details are shown).
    on_click
        Called with the clicked code before the page reruns (as a widget callback), so the
        page can choose that region before it draws the map and its details.
    """

    def clicked_callback() -> None:
        value = (st.session_state.get(key) or {}).get("regio")
        if on_click is not None and isinstance(value, str) and value:
            on_click(value)

    # the drawing comes from a cache on disk too: only what our charts draw reaches innerHTML
    svg = clean_svg(svg)
    digest = hashlib.sha256(svg.encode()).hexdigest()[:16]
    # The picture first: plain Markdown draws it as fast as text, before the browser has loaded
    # the component's code; once the component has drawn the same SVG in its place, CSS hides it.
    map_picture(svg, label=label, selected=selected, key=key)
    result = _component(
        data={
            "svg": svg,
            "key": digest,
            "label": label,
            "details": {k: list(v) for k, v in details.items()},
            "selected": selected or "",
        },
        key=key,
        on_regio_change=clicked_callback,
    )
    clicked = getattr(result, "regio", None)
    return clicked if isinstance(clicked, str) and clicked else None
