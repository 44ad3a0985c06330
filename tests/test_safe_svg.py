"""What may go into the Kaart's ``innerHTML``: the SVG our charts draw, and nothing that runs or
loads anything, whatever the derived cache on disk holds."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from dashboard.core.errors import ValidationError
from dashboard.presentation.safe_svg import ATTRIBUTES, ELEMENTS, clean_svg

MAP = (
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
    'class="marks" width="560" height="640" viewBox="0 0 560 640"><defs><clipPath id="clip1">'
    '<rect x="0" y="0" width="560" height="640"/></clipPath></defs>'
    '<g fill="none" clip-path="url(#clip1)"><g data-code="AM34" aria-label="Zuid-Holland &amp; '
    'Centraal"><path d="M1,2L3,4Z" fill="rgb(8, 48, 107)" stroke="#ffffff" stroke-width="0.5"/>'
    '</g><text font-size="11" transform="translate(3,4)">2 &lt; 3</text></g></svg>'
)

HOSTILE = {
    "appended img": MAP + '<img src=x onerror="alert(1)">',
    "img inside": MAP.replace("</g></svg>", '<img src=x onerror="alert(1)"></g></svg>'),
    "script": MAP.replace("<defs>", "<script>alert(1)</script><defs>"),
    "foreignObject": MAP.replace(
        "<defs>", "<foreignObject><img src=x onerror=alert(1)></foreignObject><defs>"
    ),
    "event attribute": MAP.replace('<g fill="none"', '<g onclick="alert(1)" fill="none"'),
    "onload on svg": MAP.replace("<svg ", '<svg onload="alert(1)" '),
    "link": MAP.replace("<defs>", '<a href="javascript:alert(1)"><text>x</text></a><defs>'),
    "xlink": MAP.replace("<defs>", '<use xlink:href="data:image/svg+xml,&lt;svg"/><defs>'),
    "style element": MAP.replace("<defs>", "<style>@import url(//e.vil/x.css)</style><defs>"),
    "style attribute": MAP.replace('<g fill="none"', '<g style="background:url(//e.vil/p)"'),
    "remote fill": MAP.replace('fill="none"', 'fill="url(https://e.vil/p.svg#x)"'),
    "animation": MAP.replace("<defs>", '<set attributeName="onmouseover" to="alert(1)"/><defs>'),
    "cdata": MAP.replace("<defs>", "<![CDATA[<img src=x onerror=alert(1)>]]><defs>"),
    "escaped markup in a value": MAP.replace(
        'aria-label="Zuid', 'aria-label="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;Zuid'
    ),
    "unquoted": MAP.replace("<defs>", "<g onmouseover=alert(1) fill=red></g><defs>"),
}


def _names(svg: str) -> tuple[set[str], set[str]]:
    tags = set(re.findall(r"<([A-Za-z][\w:.-]*)", svg))
    # attributes inside tags only: text such as ' :="' between tags is text, not an attribute
    inside = " ".join(re.findall(r"<[A-Za-z][^<>]*>", svg))
    attributes = set(re.findall(r"\s([^\s=<>\"']+)=\"", inside))
    return tags, attributes


def test_our_own_drawing_passes_unchanged_in_meaning() -> None:
    clean = clean_svg(MAP)
    assert 'data-code="AM34"' in clean and 'clip-path="url(#clip1)"' in clean
    assert "Zuid-Holland &amp; Centraal" in clean and "2 &lt; 3" in clean
    assert clean_svg(clean) == clean


@pytest.mark.parametrize("case", HOSTILE)
def test_nothing_that_runs_or_loads_survives(case: str) -> None:
    """Regression: an ``<img onerror=…>`` appended to the SVG in the derived cache ran in
    every visitor's browser."""
    clean = clean_svg(HOSTILE[case])
    if case == "escaped markup in a value":  # stays a value: escaped again, never a tag
        assert "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;Zuid" in clean
        clean = clean.replace("&lt;img src=x onerror=alert(1)&gt;", "")
    lowered = clean.lower()
    for bad in ("<img", "<script", "onerror", "onclick", "onload", "onmouseover", "javascript",
                "e.vil", "<foreignobject", "<style", "<a ", "href", "<set", "<use"):  # fmt: skip
        assert bad not in lowered, (case, bad)
    tags, attributes = _names(clean)
    assert tags <= ELEMENTS and attributes <= ATTRIBUTES
    assert 'data-code="AM34"' in clean


def test_a_document_type_or_no_svg_is_refused() -> None:
    with pytest.raises(ValidationError):
        clean_svg('<!DOCTYPE svg [<!ENTITY x "y">]>' + MAP)
    with pytest.raises(ValidationError):
        clean_svg("<img src=x onerror=alert(1)>")


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("<>/=\"' abcdefgimnorstx&;#:()!-[]")), max_size=80))
@example(tail=' :="')  # text that looks like an attribute is text
def test_whatever_is_appended_only_allowed_names_come_out(tail: str) -> None:
    clean = clean_svg(MAP.replace("</g></svg>", tail + "</g></svg>") + tail)
    tags, attributes = _names(clean)
    assert tags <= ELEMENTS and attributes <= ATTRIBUTES
    assert "<" not in re.sub(r"<(/?)[A-Za-z][\w:.-]*(\s+[\w:-]+=\"[^\"<>]*\")*\s*/?>", "", clean)
