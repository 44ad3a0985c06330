"""Benchmark of the exports: the PDF report and the PowerPoint deck of the default view.

Charts are drawn without a browser (vl-convert). Prints:

1. **cold**, each in a new Python process started with no Chromium on ``PATH`` and an empty chart
   cache: process start → file bytes, split into imports, report content (incl. SMAA with
   100.000 samples) and the document itself (chart engine start + every chart + layout), with
   the document's CPU time (all threads; less sensitive to other work on the machine). The
   target is ≤ 2,5 s for the document step of each ("cold renderer", as measured before with
   kaleido: 8,1 s) and we print the whole process as well;
2. in this process: each chart cold (the first one starts the engine) and warm, as SVG and PNG;
3. the PDF and the deck drawn again with the charts in memory (what a second download costs),
   the baseline of the same run: ratio cold / cached shows what drawing the charts costs.

Usage: ``DASHBOARD_DATA_DIR=../shared/data/cbs python benchmarks/bench_report.py [--runs 3]``
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DASHBOARD_DATA_DIR", str(ROOT.parent / "shared" / "data" / "cbs"))

#: The default view of the Presentatie page (Voorschoten → Holland Rijnland, equal weights).
SPEC = {"overstap": {"budgets": {"AM34": 500_000, "AM19": 800_000}}}


def child(kind: str) -> None:
    """Run in a fresh process: build one document, print the phases as JSON."""
    t0 = time.perf_counter()
    from dashboard.reports.content import ReportInput, build_report_content
    from dashboard.reports.pdf import build_pdf
    from dashboard.reports.pptx import build_pptx

    t1 = time.perf_counter()
    content = build_report_content(ReportInput(**SPEC))  # type: ignore[arg-type]
    t2, c2 = time.perf_counter(), time.process_time()
    data = build_pdf(content) if kind == "pdf" else build_pptx(content)
    t3, c3 = time.perf_counter(), time.process_time()
    print(json.dumps({
        "imports": t1 - t0, "content": t2 - t1, "document": t3 - t2, "bytes": len(data),
        "document_cpu": c3 - c2,
        "chromium_on_path": shutil.which("chromium") or shutil.which("chromium-browser"),
        "charts": len(content.charts),
    }))  # fmt: skip


def cold_process(kind: str, cache: Path) -> dict:
    """One document in a new process without Chromium on PATH; the chart cache starts empty."""
    for entry in (cache / "derived").glob("vega-*"):
        entry.unlink()
    env = {k: v for k, v in os.environ.items() if k not in {"DASHBOARD_CHROMIUM", "BROWSER_PATH"}}
    env["PATH"] = str(Path(sys.executable).parent)  # python only: no chromium, no kaleido
    env["DASHBOARD_CACHE_DIR"] = str(cache)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), str(ROOT)])
    start = time.perf_counter()
    out = subprocess.run(
        [sys.executable, __file__, "--child", kind],
        env=env, capture_output=True, text=True, check=True, cwd=ROOT,
    )  # fmt: skip
    result = json.loads(out.stdout.strip().splitlines()[-1])
    result["process"] = time.perf_counter() - start
    return result


def timed(func: Callable[[], object]) -> float:
    start = time.perf_counter()
    func()
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--child", choices=("pdf", "pptx"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return 0
    runs = max(1, args.runs)
    med = statistics.median

    with tempfile.TemporaryDirectory() as tmp:
        # a cache with the map geometry (data preparation, not export work) but no chart images
        cache = Path(tmp)
        from dashboard.config import cache_dir

        (cache / "derived").mkdir()
        for entry in (cache_dir() / "derived").glob("kaartlagen-*"):
            shutil.copy(entry, cache / "derived" / entry.name)
        cold: dict[str, list[dict]] = {"pdf": [], "pptx": []}
        for _ in range(runs):
            for kind in ("pdf", "pptx"):
                cold[kind].append(cold_process(kind, cache))

    for kind, label in (("pdf", "PDF "), ("pptx", "PPTX")):
        rows = cold[kind]
        doc = med(r["document"] for r in rows)
        print(
            f"{label} koud, nieuw proces zonder Chromium op PATH (mediaan van {runs}): "
            f"document {doc:5.2f} s (doel ≤ 2,5 s: {'gehaald' if doc <= 2.5 else 'niet gehaald'}; "
            f"CPU-tijd {med(r['document_cpu'] for r in rows):4.2f} s); "
            f"heel proces {med(r['process'] for r in rows):5.2f} s = imports "
            f"{med(r['imports'] for r in rows):4.2f} + inhoud "
            f"{med(r['content'] for r in rows):4.2f} + document; {rows[0]['charts']} grafieken, "
            f"{rows[0]['bytes'] // 1024} kB; "
            f"chromium op PATH: {rows[0]['chromium_on_path'] or 'nee'}"
        )

    # --- in this process -------------------------------------------------------------------
    from dashboard.charts import render
    from dashboard.reports.content import ReportInput, build_report_content
    from dashboard.reports.images import ImageRenderer
    from dashboard.reports.pdf import build_pdf
    from dashboard.reports.pptx import build_pptx

    content = build_report_content(ReportInput(**SPEC))  # type: ignore[arg-type]
    renderer = ImageRenderer()
    os.environ["DASHBOARD_CACHE_DIR"] = tempfile.mkdtemp()  # no chart images from disk
    for chart in content.charts:
        t_svg = timed(lambda c=chart: renderer.svg(c.spec, c.width, c.height))
        t_png = timed(lambda c=chart: renderer.png(c.spec, c.width, c.height))
        print(
            f"  grafiek {chart.key:<22} SVG {t_svg * 1000:6.0f} ms, PNG {t_png * 1000:6.0f} ms"
            " (de eerste start de tekenmachine)"
        )
    render._memory.clear()
    t_pdf_warm = med(
        timed(lambda: (render._memory.clear(), build_pdf(content))) for _ in range(runs)
    )
    t_pdf_cached = med(timed(lambda: build_pdf(content)) for _ in range(runs))
    render._memory.clear()
    t_pptx_warm = med(
        timed(lambda: (render._memory.clear(), build_pptx(content))) for _ in range(runs)
    )
    t_pptx_cached = med(timed(lambda: build_pptx(content)) for _ in range(runs))
    print(f"PDF  warm (tekenmachine draait, grafieken opnieuw): {t_pdf_warm:5.2f} s")
    print(f"PDF  grafieken uit het geheugen (basislijn):         {t_pdf_cached:5.2f} s")
    print(f"PPTX warm (tekenmachine draait, grafieken opnieuw): {t_pptx_warm:5.2f} s")
    print(f"PPTX grafieken uit het geheugen (basislijn):         {t_pptx_cached:5.2f} s")
    print(
        f"verhouding warm / basislijn: PDF {t_pdf_warm / t_pdf_cached:4.1f}×, "
        f"PPTX {t_pptx_warm / t_pptx_cached:4.1f}×"
    )
    import platform

    print(
        f"Python {platform.python_version()}, {os.cpu_count()} cores, belasting "
        f"{os.getloadavg()[0]:.1f}, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
