"""Benchmark of the exports: time to build the PDF report and the PowerPoint deck.

Prints, for the default view (Voorschoten → Holland Rijnland, three perspectives equal):

1. the report content (texts, tables, figures incl. SMAA with 100.000 samples);
2. starting headless Chromium for kaleido (once per process);
3. each chart as PNG, cold (first time) — the two maps dominate;
4. the PDF and the deck: cold (new renderer: browser start + all charts), warm (browser running,
   images not yet drawn) and from the image cache (what the second download of the same view
   costs), and without images (charts as text: the baseline of the same run, so the ratio shows
   what the images cost).

Usage: ``DASHBOARD_DATA_DIR=../shared/data/cbs python benchmarks/bench_report.py [--runs 3]``
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
os.environ.setdefault("DASHBOARD_DATA_DIR", str(ROOT.parent / "shared" / "data" / "cbs"))

from dashboard.reports.content import ReportInput, build_report_content  # noqa: E402
from dashboard.reports.images import ImageRenderer  # noqa: E402
from dashboard.reports.pdf import build_pdf  # noqa: E402
from dashboard.reports.pptx import build_pptx  # noqa: E402


def timed(func: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    out = func()
    return time.perf_counter() - start, out


def median_of(runs: int, func: Callable[[], object]) -> float:
    return statistics.median(timed(func)[0] for _ in range(runs))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    runs = max(1, args.runs)

    spec = ReportInput(overstap={"budgets": {"AM34": 500_000, "AM19": 800_000}})
    build_report_content(spec)  # warm imports and the data layer's file caches
    t_content = median_of(runs, lambda: build_report_content(spec))
    content = build_report_content(spec)
    print(f"inhoud opbouwen (mediaan van {runs}):            {t_content:6.2f} s")

    # Baseline of the same run: the same documents without chart images.
    t_pdf_text = median_of(runs, lambda: build_pdf(content, None))
    t_pptx_text = median_of(runs, lambda: build_pptx(content, None))

    renderer = ImageRenderer()
    t_start, _ = timed(lambda: renderer.png({"data": [], "layout": {}}, width=10, height=10))
    print(f"Chromium starten (+ leeg plaatje):               {t_start:6.2f} s")
    for chart in content.charts:
        t, png = timed(lambda c=chart: renderer.png(c.figure, width=c.width, height=c.height))
        print(f"  grafiek {chart.key:<22} koud:            {t:6.2f} s  ({len(png) // 1024} kB)")
    renderer.close()

    cold_pdf, cold_pptx, warm_pdf, cached_pptx, cached_pdf = [], [], [], [], []
    for _ in range(runs):
        r = ImageRenderer()
        cold_pdf.append(timed(lambda r=r: build_pdf(content, r))[0])
        cached_pptx.append(timed(lambda r=r: build_pptx(content, r))[0])
        cached_pdf.append(timed(lambda r=r: build_pdf(content, r))[0])
        r.close()
        r = ImageRenderer()
        cold_pptx.append(timed(lambda r=r: build_pptx(content, r))[0])
        r._cache.clear()  # browser running, images not drawn yet
        warm_pdf.append(timed(lambda r=r: build_pdf(content, r))[0])
        r.close()
    med = statistics.median
    print(f"PDF  koud (browser start + alle grafieken):       {med(cold_pdf):6.2f} s")
    print(f"PDF  warm (browser draait, grafieken tekenen):    {med(warm_pdf):6.2f} s")
    print(f"PDF  uit de afbeeldingencache:                    {med(cached_pdf):6.2f} s")
    print(f"PDF  zonder afbeeldingen (basislijn):             {t_pdf_text:6.2f} s")
    print(f"PPTX koud (browser start + alle grafieken):       {med(cold_pptx):6.2f} s")
    print(f"PPTX na de PDF (afbeeldingen uit de cache):       {med(cached_pptx):6.2f} s")
    print(f"PPTX zonder afbeeldingen (basislijn):             {t_pptx_text:6.2f} s")
    print(
        f"verhouding warm/basislijn: PDF {med(warm_pdf) / t_pdf_text:5.1f}×, "
        f"uit cache/basislijn: PPTX {med(cached_pptx) / t_pptx_text:5.1f}×"
    )
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} cores")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
