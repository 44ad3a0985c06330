"""The SVG picture helper: a Markdown image whose text cannot break out of the image."""

from __future__ import annotations

import base64

import pytest

from dashboard.core.markup import escape_markdown
from dashboard.ui.picture import svg_markdown

SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect/></svg>'


@pytest.mark.parametrize(
    ("alt", "shown"),
    [
        ("Kaart van Leiden (AM19).", "Kaart van Leiden (AM19)."),
        ("a] (//e.vil/p.png) [b", "a] (//e.vil/p.png) [b"),
        ("regel\nregel\\", "regel regel\\"),
        ("Regio ![x](http://e.vil/p.png) :red[rood] $$x^2$$", None),
    ],
)
def test_alt_text_stays_inside_the_image(alt: str, shown: str | None) -> None:
    """The text is escaped like all user text: it reads literally, nothing ends it early."""
    text = svg_markdown(SVG, alt=alt)
    prefix = f"![{escape_markdown(shown or alt)}](data:image/svg+xml;base64,"
    assert text.startswith(prefix) and text.endswith(")")
    assert base64.b64decode(text[len(prefix) : -1]).decode() == SVG
