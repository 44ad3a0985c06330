"""Charts as vector drawings for the PDF: their texts in the PDF's own type."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from typing import Any

import pytest
from reportlab.graphics.shapes import Group, String

from dashboard.presentation.reports import pdf
from dashboard.presentation.reports.images import ChartFonts, ImageRenderer

SPEC = {
    "data": {"values": [{"regio": "Holland Rijnland", "inwoners": 575_000}]},
    "mark": "bar",
    "encoding": {
        "x": {"field": "inwoners", "type": "quantitative", "title": "Inwoners"},
        "y": {"field": "regio", "type": "nominal"},
    },
    "title": {"text": "Inwoners per regio", "fontWeight": "bold"},
}


def strings(node: Any) -> Iterator[String]:
    if isinstance(node, String):
        yield node
    elif isinstance(node, Group):
        for child in node.contents:
            yield from strings(child)


@pytest.mark.parametrize("path", ["", "/usr/bin:/bin"])
def test_chart_texts_use_the_pdf_fonts_without_asking_fontconfig(monkeypatch, path) -> None:
    """The same type whatever is on PATH (svglib used to ask ``fc-match`` for each family of
    the chart's list: DejaVu from a shell, Helvetica where only Python was on PATH), and no
    process is started for it."""
    monkeypatch.setenv("PATH", path)

    def no_process(*args: Any, **kwargs: Any) -> None:
        raise AssertionError(f"a process was started: {args[0]!r}")

    monkeypatch.setattr(subprocess, "Popen", no_process)
    styles = pdf._Styles()
    drawing = ImageRenderer().drawing(SPEC, 300, 80, fonts=styles.chart_fonts)
    texts = list(strings(drawing))
    assert {"Holland Rijnland", "Inwoners", "Inwoners per regio"} <= {s.text for s in texts}
    assert {s.fontName for s in texts} == {styles.regular, styles.bold}
    title = next(s for s in texts if s.text == "Inwoners per regio")
    assert title.fontName == styles.bold


def test_chart_fonts_by_weight_and_style() -> None:
    fonts = ChartFonts("R", "B")
    assert fonts.find_font("Source Sans Pro, sans-serif") == ("R", True)
    assert fonts.find_font("Arial", "bold") == ("B", True)
    assert fonts.find_font("Arial", "700") == ("B", True)
    assert fonts.find_font("Arial", "400", "italic") == ("R", True)  # set upright
