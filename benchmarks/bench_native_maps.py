"""Benchmark of the report's two maps: drawn natively against drawn by vl-convert, in one process.

For each map of the default report (``kaart``: the regions by inhabitants; ``overstap``: the
gemeenten of both regions after the overstap) and each document:

- **PDF**: vl-convert's SVG of the specification turned into a reportlab drawing by svglib (the
  old path; the ``report`` command does it in its helper process, but it is CPU all the same)
  against :func:`dashboard.presentation.charts.native.maps.pdf_drawing`;
- **slide**: vl-convert's SVG and its PNG at 2× (the old picture) against
  :func:`~dashboard.presentation.charts.native.maps.add_to_slide` (freeforms on a new slide).

vl-convert is measured warm (its engine started by an untimed chart first) and bypasses the
chart caches; its engine's start (the first chart of a process) is printed apart. Rounds are
interleaved; medians and the ratio vl-convert / native per map and document, wall and CPU time.

Usage: ``DASHBOARD_DATA_DIR=../shared/data/cbs python benchmarks/bench_native_maps.py [--runs 7]``
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DASHBOARD_DATA_DIR", str(ROOT.parent / "shared" / "data" / "cbs"))


def timed(job: Callable[[], object]) -> tuple[float, float]:
    """(wall, CPU) seconds of one call."""
    wall, cpu = time.perf_counter(), time.process_time()
    job()
    return time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()

    import vl_convert as vlc
    from pptx import Presentation
    from pptx.util import Inches

    from dashboard.presentation.charts import render
    from dashboard.presentation.charts.native import maps
    from dashboard.presentation.reports.content import ReportInput, build_report_content
    from dashboard.presentation.reports.images import ChartFonts, pdf_fonts, sized, svg_drawing

    charts = {c.key: c for c in build_report_content(ReportInput()).charts}
    specs = {
        k: sized(charts[k].spec, charts[k].width, charts[k].height) for k in ("kaart", "overstap")
    }
    fonts = ChartFonts(*pdf_fonts())
    deck = Presentation()
    box = (Inches(6.4), Inches(1.25), Inches(6.4), Inches(5.45))

    def vl_svg(spec: dict) -> str:
        return str(render._convert("svg", spec, 1.0))  # no cache

    start = timed(lambda: vl_svg(specs["kaart"]))
    jobs: dict[tuple[str, str, str], Callable[[], object]] = {}
    for key, spec in specs.items():
        assert maps.accepts(spec), key
        w, h = spec["width"], spec["height"]
        jobs[key, "pdf", "vl-convert"] = lambda s=spec: svg_drawing(vl_svg(s), fonts)
        jobs[key, "pdf", "native"] = lambda s=spec, w=w, h=h: maps.pdf_drawing(s, w, h, fonts)
        jobs[key, "slide", "vl-convert"] = lambda s=spec: vlc.svg_to_png(vl_svg(s), scale=2.0)
        jobs[key, "slide", "native"] = lambda s=spec, w=w, h=h: maps.add_to_slide(
            deck.slides.add_slide(deck.slide_layouts[6]), s, w, h, box
        )
    for job in jobs.values():  # warm: imports, fonts, the engine
        job()
    times: dict[tuple[str, str, str], list[tuple[float, float]]] = {k: [] for k in jobs}
    for _ in range(args.runs):
        for name, job in jobs.items():
            times[name].append(timed(job))
    load = os.getloadavg()[0]
    print(f"{os.cpu_count()} cores, Python {sys.version.split()[0]}, "
          f"vl-convert {vlc.__version__ if hasattr(vlc, '__version__') else '?'}, "
          f"{time.strftime('%Y-%m-%d %H:%M', time.gmtime())} UTC, load {load:.1f}, "
          f"{args.runs} rounds")  # fmt: skip
    print(f"vl-convert engine start + first chart (kaart SVG): {start[0] * 1000:.0f} ms wall")
    print("| map | document | vl-convert wall / CPU | native wall / CPU | ratio wall / CPU |")
    print("| --- | --- | --- | --- | --- |")
    for key in specs:
        for doc in ("pdf", "slide"):
            old = times[key, doc, "vl-convert"]
            new = times[key, doc, "native"]
            ow, oc = (statistics.median(t[i] for t in old) for i in (0, 1))
            nw, nc = (statistics.median(t[i] for t in new) for i in (0, 1))
            print(f"| {key} | {doc} | {ow * 1000:.1f} / {oc * 1000:.1f} ms | "
                  f"{nw * 1000:.1f} / {nc * 1000:.1f} ms | {ow / nw:.1f}× / "
                  f"{oc / max(nc, 1e-9):.1f}× |")  # fmt: skip


if __name__ == "__main__":
    main()
