"""The SVG picture helper: a Markdown image whose text cannot break out of the image."""

from __future__ import annotations

import base64

import pytest

from dashboard.ui.picture import svg_markdown

SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect/></svg>'


@pytest.mark.parametrize(
    ("alt", "shown"),
    [
        ("Kaart van Leiden (AM19).", "Kaart van Leiden (AM19)."),
        ("a] (//e.vil/p.png) [b", "a (//e.vil/p.png) b"),
        ("regel\nregel\\", "regel regel"),
    ],
)
def test_alt_text_stays_inside_the_image(alt: str, shown: str) -> None:
    text = svg_markdown(SVG, alt=alt)
    prefix = f"![{shown}](data:image/svg+xml;base64,"
    assert text.startswith(prefix) and text.endswith(")")
    assert base64.b64decode(text[len(prefix) : -1]).decode() == SVG
