"""Charts drawn by vl-convert: in this process, or by a helper process that starts the engine
while the report is being computed (the ``report`` command)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from concurrent.futures import Future

import pytest
import vl_convert as vlc

from dashboard.presentation.charts import render
from dashboard.presentation.reports.images import svg_size

SPEC = {
    "data": {"values": [{"regio": "Holland Rijnland", "inwoners": 575_000.5}]},
    "mark": "bar",
    "encoding": {
        "x": {"field": "inwoners", "type": "quantitative"},
        "y": {"field": "regio", "type": "nominal"},
    },
    "width": 300,
    "height": 80,
}


def same_drawing(svg: str) -> str:
    """Vega numbers its clip paths per engine session; the drawing itself is what must match."""
    return re.sub(r"clip\d+", "clip", svg)


@pytest.fixture
def fresh(tmp_path, monkeypatch) -> Iterator[None]:
    """No chart in memory or on disk, no helper, this process's engine counted as not started."""
    monkeypatch.setenv("DASHBOARD_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(render, "_engine_started", False)
    render.stop_background_engine()
    render._memory.clear()
    yield
    render.stop_background_engine()
    render._memory.clear()


def test_the_helper_draws_the_same_chart(fresh) -> None:
    here = render._convert("svg", SPEC, 1.0)
    render._engine_started = False  # as in a new process
    assert render.start_background_engine()
    render.prefetch([SPEC])
    assert render.spec_key(SPEC) in render._pending  # asked ahead, drawn over there
    there = render.svg(SPEC)
    assert not render._pending
    assert same_drawing(there) == same_drawing(here)
    assert ">500.000<" in there  # Dutch thousands separator there too
    assert vlc.svg_to_png(there, scale=2) == vlc.svg_to_png(here, scale=2)
    assert render.png(SPEC).startswith(b"\x89PNG")


def test_no_helper_once_this_process_has_drawn(fresh) -> None:
    render.svg(SPEC)
    assert not render.start_background_engine()
    render.prefetch([{**SPEC, "width": 301}])  # nothing to ask: drawn here when needed
    assert not render._pending


class _Broken:
    """A helper process that died."""

    def draw(self, spec: dict, png_scale: float | None = None, drawing: bool = False) -> Future:
        future: Future = Future()
        future.set_exception(RuntimeError("de tekenhulp draait niet"))
        return future

    def stop(self) -> None:
        pass


def test_a_broken_helper_means_drawing_here(fresh, monkeypatch) -> None:
    monkeypatch.setattr(render, "_background", _Broken())
    render.prefetch([SPEC])
    svg = render.svg(SPEC)
    assert svg.startswith("<svg") and "Holland Rijnland" in svg


def test_a_bad_chart_still_gives_a_dutch_error_with_a_helper(fresh) -> None:
    assert render.start_background_engine()
    with pytest.raises(render.DashboardError, match="grafiek kon niet worden getekend"):
        render.svg({"mark": "bar", "encoding": {"x": {"field": "a", "type": "onbekend"}}})


def test_the_helper_answers_in_order_and_reports_bad_specs(fresh) -> None:
    from dashboard.presentation.charts.helper import HelperProcess

    helper = HelperProcess()
    try:
        first = helper.draw(SPEC)
        bad = helper.draw({"mark": "bar", "encoding": {"x": {"field": "a", "type": "onbekend"}}})
        last = helper.draw({**SPEC, "width": 200})
        assert first.result(timeout=60)[0].startswith("<svg")
        assert first.result()[1] is None  # no PNG asked
        with pytest.raises(ValueError):
            bad.result(timeout=60)
        # the narrower chart's answer is the last one: answers are not mixed up
        assert svg_size(last.result(timeout=60)[0])[0] < svg_size(first.result()[0])[0]
    finally:
        helper.stop()
    with pytest.raises(RuntimeError):
        helper.draw(SPEC)


@pytest.mark.parametrize("native_charts", [True, False], ids=["native", "vl-convert"])
def test_a_report_command_leaves_no_helper_behind(
    tmp_path, monkeypatch, cbs_dir, native_charts
) -> None:
    """The report's charts are drawn natively: no helper starts. A chart that is not native
    starts the helper as soon as it is asked for, and the command stops it again."""
    from dashboard.cli import main
    from dashboard.presentation.charts import native

    monkeypatch.setenv("DASHBOARD_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(render, "_engine_started", False)
    if not native_charts:
        monkeypatch.setattr(native, "accepts", lambda spec: False)
        monkeypatch.setattr(native, "_drawer", lambda spec: None)
    started: list[object] = []
    real = render.start_background_engine

    def spy(png_scale: float | None = None, drawings: bool = False) -> bool:
        ok = real(png_scale, drawings)
        started.append(render._background)
        return ok

    monkeypatch.setattr(render, "start_background_engine", spy)
    assert main(["report", "--uitvoer", str(tmp_path / "r.pdf")]) == 0
    assert render._background is None
    if native_charts:
        assert started == []  # no chart engine at all
        return
    assert started and started[0] is not None  # the charts were drawn by a helper
    assert started[0]._process.poll() is not None  # type: ignore[attr-defined]


def test_the_helper_makes_the_slides_pictures_too(fresh) -> None:
    here = vlc.svg_to_png(render._convert("svg", SPEC, 1.0), scale=2.0)
    render._engine_started = False
    assert render.start_background_engine(png_scale=2.0)
    render.prefetch([SPEC])
    render.svg(SPEC)
    assert ("png", render.spec_key(SPEC), 2.0) in render._memory  # came along with the SVG
    assert render.png(SPEC, scale=2.0) == here
    assert render.png(SPEC, scale=1.0) != here  # another scale: made here


class _Stuck:
    """A helper process that never answers."""

    def draw(self, spec: dict, png_scale: float | None = None, drawing: bool = False) -> Future:
        return Future()

    def stop(self) -> None:
        pass


def test_a_stuck_helper_means_drawing_here(fresh, monkeypatch) -> None:
    monkeypatch.setattr(render, "_background", _Stuck())
    monkeypatch.setattr(render, "HELPER_TIMEOUT", 0.1)
    assert render.svg(SPEC).startswith("<svg")


def test_the_helper_makes_the_pdf_drawings_too(fresh) -> None:
    """A PDF's charts are turned into vector drawings by the helper process: the same drawing
    as made here, in the PDF's fonts, a new object each time (the PDF scales it in place)."""
    import pickle

    from dashboard.presentation.reports.images import (
        ChartFonts,
        ImageRenderer,
        pdf_fonts,
        svg_drawing,
    )

    spec = {**SPEC, "mark": "tick"}  # a bar chart would be drawn natively, without vl-convert
    fonts = ChartFonts(*pdf_fonts())
    here = svg_drawing(render._convert("svg", spec, 1.0), fonts)
    render._engine_started = False
    render._memory.clear()
    assert render.start_background_engine(drawings=True)
    render.prefetch([spec])
    made = render.made_ahead_drawing(spec)
    assert made is not None and made[0] == fonts.names
    renderer = ImageRenderer()
    first = renderer.drawing(spec, 300, 80, fonts=fonts)
    second = renderer.drawing(spec, 300, 80, fonts=fonts)
    assert first is not second
    assert pickle.dumps(first) == pickle.dumps(pickle.loads(made[1]))
    assert [s.text for s in strings(first)] == [s.text for s in strings(here)]
    assert first.getBounds() == here.getBounds()


def test_no_drawing_from_the_helper_unless_asked(fresh) -> None:
    assert render.start_background_engine()
    render.prefetch([SPEC])
    assert render.made_ahead_drawing(SPEC) is None
    render.stop_background_engine()
    assert render.made_ahead_drawing({**SPEC, "width": 301}) is None  # no helper: not drawn


def strings(node: object) -> list:
    """Every text of a reportlab drawing, in order."""
    from reportlab.graphics.shapes import Group, String

    if isinstance(node, String):
        return [node]
    if isinstance(node, Group):
        return [s for child in node.contents for s in strings(child)]
    return []
