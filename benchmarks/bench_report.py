"""Benchmark of the exports: the PDF report and the PowerPoint deck of the default view.

Charts are drawn natively, without a browser or chart engine (presentation/charts/native).
Every "cold" figure comes from a new Python process whose ``PATH`` holds only Python (no
Chromium) and whose chart cache starts empty; the derived data (indeling and map geometry, made
once per data folder by any earlier run) is copied in, as on a machine where the dashboard has
run before. Prints, each beside a baseline measured in the same run, as a ratio:

1. **whole cold process**: ``python -m dashboard report --uitvoer x.pdf`` (and ``.pptx``), start
   to exit, against ``python -m dashboard regions`` (the CLI's own baseline: imports pandas,
   reads the CBS tables and the indeling, sums per region) run just before it, as a ratio per
   run (median and range); target ≤ 2×. Also against a process that only starts Python
   (``python -c pass``) and one that also imports pandas, and the old target of ≤ 2,5 s.
   The CPU time of all processes (the CLI starts a helper process for the chart engine) is
   printed too: on a busy machine the wall time depends on what else runs;
2. **phases**, in a new process that does what the CLI does (helper process for the charts
   started first): imports, report content (default view of the Presentatie page, incl. SMAA
   with 100.000 samples) and the document (charts + layout). Baselines in that same process:
   the content built a second time (what is left once everything is loaded) and the document
   with its charts left out (layout alone). Also without the helper, as the app's first
   "PDF-rapport" click: content + document once the imports are loaded;
3. in this process: each chart cold (the first one starts the engine) and warm, as SVG and PNG,
   and the documents drawn again with the charts in memory.

Once, for information: the whole process on a machine where nothing was derived yet (empty cache:
the indeling and the map geometry are derived from the CBS boundary files first).

Usage: ``DASHBOARD_DATA_DIR=../shared/data/cbs python benchmarks/bench_report.py [--runs 3]
[--only whole]`` (``whole``: only point 1, the quick check).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]  # this checkout, not an installed copy
os.environ.setdefault("DASHBOARD_DATA_DIR", str(ROOT.parent / "shared" / "data" / "cbs"))

#: The default view of the Presentatie page (Voorschoten → Holland Rijnland, equal weights).
SPEC = {"overstap": {"budgets": {"AM34": 500_000, "AM19": 800_000}}}
TARGET = 2.5
#: The report's whole process against ``python -m dashboard regions`` in the same run.
TARGET_RATIO = 2.0


def child(kind: str, helper: bool = True) -> None:
    """Run in a fresh process: build one document as the CLI does (``helper``) or as the app
    does (no helper process), print the phases as JSON."""
    t0, c0 = time.perf_counter(), time.process_time()
    from dashboard.presentation.charts import render

    if helper:  # as the report command does
        render.start_background_engine_on_demand(
            png_scale=2.0 if kind == "pptx" else None, drawings=kind == "pdf"
        )
    from dashboard.presentation.reports.content import ReportInput, build_report_content

    if kind == "pdf":
        from dashboard.presentation.reports.pdf import build_pdf as build
    else:
        from dashboard.presentation.reports.pptx import build_pptx as build

    t1, c1 = time.perf_counter(), time.process_time()
    content = build_report_content(ReportInput(**SPEC))  # type: ignore[arg-type]
    t2, c2 = time.perf_counter(), time.process_time()
    data = build(content)
    t3, c3 = time.perf_counter(), time.process_time()
    render.stop_background_engine()
    # baselines, same process
    t4 = time.perf_counter()
    build_report_content(ReportInput(**SPEC))  # type: ignore[arg-type]
    t5 = time.perf_counter()
    bare = dataclasses.replace(
        content, sections=tuple(dataclasses.replace(s, charts=()) for s in content.sections)
    )
    build(bare)
    t6 = time.perf_counter()
    print(json.dumps({
        "imports": t1 - t0, "content": t2 - t1, "document": t3 - t2,
        "imports_cpu": c1 - c0, "content_cpu": c2 - c1, "document_cpu": c3 - c2,
        "content_again": t5 - t4, "document_without_charts": t6 - t5,
        "bytes": len(data), "charts": len(content.charts),
        "chromium_on_path": shutil.which("chromium") or shutil.which("chromium-browser"),
    }))  # fmt: skip


def _env(cache: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DASHBOARD_CHROMIUM", "BROWSER_PATH"}}
    env["PATH"] = str(Path(sys.executable).parent)  # python only: no chromium, no kaleido
    env["DASHBOARD_CACHE_DIR"] = str(cache)
    # Bytecode as an installed package has it (pip compiles it): with PYTHONDONTWRITEBYTECODE
    # set, every process would compile the dashboard's modules anew, about 0.2 s more for the
    # report's ~80 modules than for the regions command's ~20. Written beside the cache, never
    # into the checkout; the first (unmeasured) run of each command compiles them.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(cache / "bytecode")
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), str(ROOT)])
    return env


def _forget_charts(cache: Path) -> None:
    for entry in (cache / "derived").glob("vega-*"):
        entry.unlink()


def process(argv: list[str], cache: Path) -> tuple[float, float, str]:
    """Wall time and CPU time (this process's children: the process and its helpers)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    out = subprocess.run(
        [sys.executable, *argv], env=_env(cache), capture_output=True, text=True, check=True,
        cwd=ROOT,
    )  # fmt: skip
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, out.stdout


def timed(func: Callable[[], object]) -> float:
    start = time.perf_counter()
    func()
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", choices=("whole",), help="only the whole cold processes")
    parser.add_argument("--child", choices=("pdf", "pptx"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return 0
    runs = max(1, args.runs)
    med = statistics.median
    load_before = os.getloadavg()

    from dashboard.core.config import cache_dir

    whole: dict[str, list[tuple[float, float]]] = {
        "pass": [], "pandas": [], "regions": [], "pdf": [], "pptx": []
    }  # fmt: skip
    #: per run, report / the regions command measured just before it (wall, CPU)
    ratios: dict[str, list[float]] = {"pdf": [], "pptx": []}
    cpu_ratios: dict[str, list[float]] = {"pdf": [], "pptx": []}
    phases: dict[str, list[dict]] = {"pdf": [], "pptx": []}
    app: dict[str, list[dict]] = {"pdf": [], "pptx": []}
    with tempfile.TemporaryDirectory() as tmp:
        cache = Path(tmp) / "cache"
        (cache / "derived").mkdir(parents=True)
        for pattern in ("kaartlagen-*", "indeling-*"):
            for entry in (cache_dir() / "derived").glob(pattern):
                shutil.copy(entry, cache / "derived" / entry.name)
        # once, not measured, as any earlier run on this machine would have: compile the
        # bytecode and derive what a first run derives
        process(["-m", "dashboard", "regions"], cache)
        for kind in ("pdf", "pptx"):
            argv = ["-m", "dashboard", "report", "--uitvoer", str(Path(tmp) / f"w.{kind}")]
            process(argv, cache)
        for _ in range(runs):
            whole["pass"].append(process(["-c", "pass"], cache)[:2])
            whole["pandas"].append(process(["-c", "import pandas"], cache)[:2])
            for kind in ("pdf", "pptx"):
                regions = process(["-m", "dashboard", "regions"], cache)[:2]
                whole["regions"].append(regions)
                _forget_charts(cache)
                target = Path(tmp) / f"rapport.{kind}"
                argv = ["-m", "dashboard", "report", "--uitvoer", str(target), "--overschrijven"]
                whole[kind].append(process(argv, cache)[:2])
                ratios[kind].append(whole[kind][-1][0] / regions[0])
                cpu_ratios[kind].append(whole[kind][-1][1] / regions[1])
                if args.only == "whole":
                    continue
                _forget_charts(cache)
                # "-c" like a console script: the helper process starts from a clean __main__
                code = f"from benchmarks.bench_report import child; child({kind!r})"
                wall, _, stdout = process(["-c", code], cache)
                phases[kind].append(json.loads(stdout.strip().splitlines()[-1]))
                _forget_charts(cache)
                code = f"from benchmarks.bench_report import child; child({kind!r}, False)"
                wall, _, stdout = process(["-c", code], cache)
                app[kind].append(json.loads(stdout.strip().splitlines()[-1]))
        # once, for information: nothing derived yet
        first: dict[str, float] = {}
        for kind in () if args.only == "whole" else ("pdf", "pptx"):
            empty = Path(tmp) / f"leeg-{kind}"
            (empty / "derived").mkdir(parents=True)
            target = Path(tmp) / f"eerste.{kind}"
            argv = ["-m", "dashboard", "report", "--uitvoer", str(target)]
            first[kind] = process(argv, empty)[0]

    base_pass = med(w for w, _ in whole["pass"])
    base_pandas = med(w for w, _ in whole["pandas"])
    print(
        f"Basislijn, nieuw proces: python -c pass {base_pass:4.2f} s; "
        f"python -c 'import pandas' {base_pandas:4.2f} s (mediaan van {runs})"
    )
    for kind, label in (("pdf", "PDF "), ("pptx", "PPTX")):
        wall = med(w for w, _ in whole[kind])
        cpu = med(c for _, c in whole[kind])
        print(
            f"{label} heel proces `python -m dashboard report` koud: {wall:4.2f} s "
            f"(CPU alle processen {cpu:4.2f} s) = {wall / base_pass:4.1f}× python-start, "
            f"{wall / base_pandas:4.1f}× python+pandas; doel ≤ {TARGET} s: "
            f"{'gehaald' if wall <= TARGET else 'niet gehaald'}"
        )
    base_regions = med(w for w, _ in whole["regions"])
    print(
        f"Basislijn `python -m dashboard regions`: {base_regions:4.2f} s "
        f"(CPU {med(c for _, c in whole['regions']):4.2f} s; mediaan van {2 * runs})"
    )
    for kind, label in (("pdf", "PDF "), ("pptx", "PPTX")):
        r, c = sorted(ratios[kind]), sorted(cpu_ratios[kind])
        print(
            f"{label} heel proces / regions (zelfde ronde): mediaan {med(r):4.2f}× "
            f"(spreiding {r[0]:4.2f}–{r[-1]:4.2f}×, {runs} rondes); doel ≤ {TARGET_RATIO:g}×: "
            f"{'gehaald' if med(r) <= TARGET_RATIO else 'niet gehaald'}; CPU van alle processen "
            f"/ CPU van regions: mediaan {med(c):4.2f}× ({c[0]:4.2f}–{c[-1]:4.2f}×)"
        )
    if args.only == "whole":
        _print_machine(load_before)
        return 0
    for kind, label in (("pdf", "PDF "), ("pptx", "PPTX")):
        rows = phases[kind]

        def m(field: str, rows: list[dict] = rows) -> float:
            return float(med(r[field] for r in rows))

        print(
            f"{label} fasen (nieuw proces, standaardweergave, mediaan van {runs}): imports "
            f"{m('imports'):4.2f} s (CPU {m('imports_cpu'):4.2f}); inhoud {m('content'):4.2f} s "
            f"(CPU {m('content_cpu'):4.2f}) = {m('content') / m('content_again'):3.1f}× "
            f"dezelfde inhoud nog eens ({m('content_again'):4.2f} s); document "
            f"{m('document'):4.2f} s (CPU dit proces {m('document_cpu'):4.2f}) = "
            f"{m('document') / m('document_without_charts'):3.1f}× het document zonder "
            f"grafieken ({m('document_without_charts'):4.2f} s); {rows[0]['charts']} grafieken, "
            f"{rows[0]['bytes'] // 1024} kB; chromium op PATH: "
            f"{rows[0]['chromium_on_path'] or 'nee'}"
        )
    for kind, label in (("pdf", "PDF "), ("pptx", "PPTX")):
        rows = app[kind]
        waited = med(r["content"] + r["document"] for r in rows)
        print(
            f"{label} zoals de eerste klik in de app (imports al geladen, tekenmachine start in "
            f"dit proces, geen hulpproces): inhoud + document {waited:4.2f} s = "
            f"{waited / med(r['content_again'] + r['document_without_charts'] for r in rows):3.1f}"
            f"× inhoud nog eens + document zonder grafieken"
        )
    print(
        f"Ter informatie, één keer, lege cache (indeling en kaart nog af te leiden): "
        f"PDF {first['pdf']:4.2f} s, PPTX {first['pptx']:4.2f} s"
    )

    # --- in this process -------------------------------------------------------------------
    from dashboard.presentation.charts import render
    from dashboard.presentation.reports.content import ReportInput, build_report_content
    from dashboard.presentation.reports.images import ImageRenderer
    from dashboard.presentation.reports.pdf import build_pdf
    from dashboard.presentation.reports.pptx import build_pptx

    content = build_report_content(ReportInput(**SPEC))  # type: ignore[arg-type]
    renderer = ImageRenderer()
    os.environ["DASHBOARD_CACHE_DIR"] = tempfile.mkdtemp()  # no chart images from disk
    for chart in content.charts:
        t_svg = timed(lambda c=chart: renderer.svg(c.spec, c.width, c.height))
        t_png = timed(lambda c=chart: renderer.png(c.spec, c.width, c.height))
        print(
            f"  grafiek {chart.key:<22} SVG {t_svg * 1000:6.0f} ms, PNG {t_png * 1000:6.0f} ms"
            " (de eerste start de tekenmachine in dit proces)"
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
    print(
        f"PDF  opnieuw, grafieken opnieuw getekend / uit het geheugen: {t_pdf_warm:4.2f} s / "
        f"{t_pdf_cached:4.2f} s ({t_pdf_warm / t_pdf_cached:3.1f}×)"
    )
    print(
        f"PPTX opnieuw, grafieken opnieuw getekend / uit het geheugen: {t_pptx_warm:4.2f} s / "
        f"{t_pptx_cached:4.2f} s ({t_pptx_warm / t_pptx_cached:3.1f}×)"
    )
    _print_machine(load_before)
    return 0


def _print_machine(load_before: tuple[float, float, float]) -> None:
    load_after = os.getloadavg()
    print(
        f"Python {platform.python_version()}, {os.cpu_count()} cores, belasting (1 min) "
        f"{load_before[0]:.1f} → {load_after[0]:.1f}, "
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}"
    )


if __name__ == "__main__":
    raise SystemExit(main())
