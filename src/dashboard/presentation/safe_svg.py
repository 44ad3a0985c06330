"""SVG that may go into a page's ``innerHTML``: only the elements and attributes our charts draw.

The Kaart's SVG is drawn by our own server, but it is kept on disk between processes (the
derived cache, a folder the README calls disposable). Whatever is in that file is rebuilt here
from an allowlist before it reaches the browser: an unknown element (``<script>``, ``<img>``,
``<foreignObject>``, ``<a>``, ``<style>``) is dropped (with its content for the ones whose content
is code or markup), an unknown attribute (``onerror``, ``href``, ``style``) is dropped, a value
that could load something (``url(`` other than ``url(#id)``) drops the attribute, and all text
and values are escaped again. Comments, processing instructions and
CDATA are dropped; a document type is refused (entities could expand anything).
"""

from __future__ import annotations

import functools
import html
import re

from dashboard.core.errors import ValidationError

#: Elements Vega and ``maps.mark_regions`` write (and their harmless relatives).
ELEMENTS = frozenset(
    {
        "svg", "g", "path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "text",
        "tspan", "defs", "clipPath", "linearGradient", "radialGradient", "stop", "title", "desc",
    }
)  # fmt: skip
#: Elements whose content is dropped with them (code, markup or styles).
DROP_CONTENT = frozenset({"script", "style", "foreignObject", "iframe", "object", "embed"})
#: Attributes Vega and ``maps.mark_regions`` write; nothing that names a URL or runs code.
ATTRIBUTES = frozenset(
    {
        "aria-hidden", "aria-label", "aria-roledescription", "class", "clip-path",
        "clipPathUnits", "cx", "cy", "d", "data-code", "display", "dx", "dy", "fill",
        "fill-opacity", "fill-rule", "font-family", "font-size", "font-style", "font-weight",
        "gradientTransform", "gradientUnits", "height", "id", "offset", "opacity",
        "pointer-events", "points", "r", "role", "rx", "ry", "stop-color", "stop-opacity",
        "stroke", "stroke-dasharray", "stroke-dashoffset", "stroke-linecap", "stroke-linejoin",
        "stroke-miterlimit", "stroke-opacity", "stroke-width", "text-anchor", "transform",
        "version", "viewBox", "visibility", "width", "x", "x1", "x2", "xmlns", "xmlns:xlink",
        "y", "y1", "y2",
    }
)  # fmt: skip
_XMLNS = {"xmlns": "http://www.w3.org/2000/svg", "xmlns:xlink": "http://www.w3.org/1999/xlink"}

_TOKEN = re.compile(
    r"<!--.*?-->"
    r"|<\?.*?\?>"
    r"|<!\[CDATA\[.*?\]\]>"
    r"|<!(?P<doctype>[^>]*)>"
    r"|</\s*(?P<end>[A-Za-z][\w:.-]*)\s*>"
    r"|<(?P<start>[A-Za-z][\w:.-]*)(?P<attrs>(?:\s+[^\s=/>]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>]+))?)*)\s*(?P<empty>/?)>"
    r"|(?P<text>[^<]+)"
    r"|(?P<stray><)",
    re.DOTALL,
)
_ATTR = re.compile(r"([^\s=/>]+)(?:\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+)))?")
_URL = re.compile(r"url\s*\(", re.I)
_LOCAL_URL = re.compile(r"url\(#[\w.-]+\)")


def _value_ok(value: str) -> bool:
    # No allowed attribute names a link or runs code; a value is escaped again, so it stays a
    # value. Only url(...) could fetch something: allowed as a reference inside the drawing.
    return len(_URL.findall(value)) == len(_LOCAL_URL.findall(value))


def _attributes(raw: str, element: str) -> str:
    out = []
    for match in _ATTR.finditer(raw):
        name = match.group(1)
        value = next((g for g in match.groups()[1:] if g is not None), "")
        value = html.unescape(value)
        if name not in ATTRIBUTES or not _value_ok(value):
            continue
        if name in _XMLNS and (element != "svg" or value != _XMLNS[name]):
            continue
        out.append(f' {name}="{html.escape(value, quote=True)}"')
    return "".join(out)


@functools.lru_cache(maxsize=64)
def clean_svg(svg: str) -> str:
    """``svg`` rebuilt from the allowlist (see the module text); safe for ``innerHTML``.

    Raises
    ------
    ValidationError
        There is no ``<svg>`` element, or the text declares a document type.
    """
    out: list[str] = []
    open_tags: list[str] = []
    skipping: list[str] = []  # the dropped element whose content is being skipped, per level
    for token in _TOKEN.finditer(svg):
        if token.group("doctype") is not None:
            if token.group(0).upper().startswith("<!DOCTYPE"):
                raise ValidationError("de kaarttekening bevat een documenttype; niet getoond")
            continue
        if token.group("text") is not None:
            if not skipping and open_tags:
                out.append(html.escape(html.unescape(token.group("text")), quote=False))
            continue
        start, end = token.group("start"), token.group("end")
        if start:
            if skipping:  # only the same element nests; any other tag is content
                if start == skipping[0] and not token.group("empty"):
                    skipping.append(start)
                continue
            if start in DROP_CONTENT:
                if not token.group("empty"):
                    skipping.append(start)
                continue
            if start not in ELEMENTS or (not open_tags and start != "svg"):
                continue
            attrs = _attributes(token.group("attrs") or "", start)
            if token.group("empty"):
                out.append(f"<{start}{attrs}/>")
            else:
                out.append(f"<{start}{attrs}>")
                open_tags.append(start)
            continue
        if end:
            if skipping:
                if end == skipping[0]:
                    skipping.pop()
                continue
            if end in open_tags:
                while open_tags:  # close what was left open inside it
                    name = open_tags.pop()
                    out.append(f"</{name}>")
                    if name == end:
                        break
            continue
        # comments, processing instructions, CDATA and a stray "<" are dropped
    while open_tags:
        out.append(f"</{open_tags.pop()}>")
    text = "".join(out)
    if not text.startswith("<svg"):
        raise ValidationError("de kaarttekening is geen SVG; niet getoond")
    # only the first drawing: anything after its end is not ours
    return text[: text.index("</svg>") + len("</svg>")] if "</svg>" in text else text


__all__ = ["ATTRIBUTES", "ELEMENTS", "clean_svg"]
