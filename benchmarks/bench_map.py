"""Benchmark of the map page.

Prints three figures:

1. bytes of the map figure as sent to the browser (target: at most 300 KB), and of the GeoJSON of
   all 342 gemeenten;
2. time from starting the server process to the map page fully drawn in headless Debian chromium
   (target: within 1.5 s), cold (first page of a new server process) and warm (a new browser tab
   on the running server);
3. rerun time of the map page after one widget change (the "Gemeentegrenzen tonen" toggle, which
   swaps a 54 KB figure for a 219 KB one), beside the rerun time of a minimal Streamlit app
   (``benchmarks/minimal_app.py``) measured in the same run, as a ratio: in a real browser with
   ``benchmarks/harness.py`` (send of the change → last paint), and in-process with AppTest
   (script time only).

Usage: ``DASHBOARD_DATA_DIR=../shared/data/cbs python benchmarks/bench_map.py [--runs 5]``
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DASHBOARD_DATA_DIR", str(ROOT.parent / "shared" / "data" / "cbs"))

from tests.e2e.server import CHROMIUM, CHROMIUM_ARGS, free_port  # noqa: E402

DRAWN = '[data-testid="stPlotlyChart"] canvas'


def figure_sizes() -> dict[str, int]:
    from dashboard.kerncijfers import aggregate, load_kerncijfers
    from dashboard.maps import build_map_layers, figure_bytes, region_map_figure
    from dashboard.regions import load_region_index

    layers = build_map_layers()
    index = load_region_index()
    figures = aggregate(load_kerncijfers(), index.membership(), 2024)
    default = region_map_figure(layers, figures["inwoners"], indicator_label="Inwoners", unit="inw")
    borders = region_map_figure(
        layers,
        figures["inwoners"],
        indicator_label="Inwoners",
        unit="inw",
        show_gemeenten=True,
        gemeente_regions=index.membership(),
    )
    return {
        "kaartfiguur (standaard)": figure_bytes(default),
        "kaartfiguur (met gemeentegrenzen)": figure_bytes(borders),
        "GeoJSON 342 gemeenten": len(json.dumps(layers.gemeenten_geojson, separators=(",", ":"))),
    }


def start_to_drawn(runs: int) -> tuple[list[float], list[float]]:
    from playwright.sync_api import sync_playwright

    cold: list[float] = []
    warm: list[float] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for _ in range(runs):
            port = free_port()
            t0 = time.perf_counter()
            proc = subprocess.Popen(
                [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"),
                 "--server.port", str(port), "--server.address", "127.0.0.1",
                 "--server.headless", "true"],
                cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )  # fmt: skip
            try:
                url = f"http://127.0.0.1:{port}"
                while True:
                    try:
                        urllib.request.urlopen(url + "/_stcore/health", timeout=1).read()
                        break
                    except OSError:
                        time.sleep(0.02)
                page = browser.new_page(viewport={"width": 1400, "height": 1000})
                page.goto(url)
                page.wait_for_selector(DRAWN, timeout=60_000)
                cold.append(time.perf_counter() - t0)
                page.close()
                t1 = time.perf_counter()
                page = browser.new_page(viewport={"width": 1400, "height": 1000})
                page.goto(url)
                page.wait_for_selector(DRAWN, timeout=60_000)
                warm.append(time.perf_counter() - t1)
                page.close()
            finally:
                proc.terminate()
                proc.wait(timeout=20)
        browser.close()
    return cold, warm


def rerun_times(runs: int) -> tuple[float, float]:
    from streamlit.testing.v1 import AppTest

    def median_rerun(script: Path, change) -> float:
        at = AppTest.from_file(str(script), default_timeout=120).run()
        times = []
        for i in range(runs + 1):
            change(at, i)
            t = time.perf_counter()
            at.run()
            if i:  # the first rerun warms caches
                times.append(time.perf_counter() - t)
            assert not at.exception, at.exception
        return statistics.median(times)

    def change_map(at, i: int) -> None:
        at.toggle(key="kaart_gemeenten").set_value(i % 2 == 1)

    def change_minimal(at, i: int) -> None:
        at.slider[0].set_value(1.0 + (i % 2) * 0.5)

    return (
        median_rerun(ROOT / "pages" / "kaart.py", change_map),
        median_rerun(ROOT / "benchmarks" / "minimal_app.py", change_minimal),
    )


def browser_rerun_ratio(repeats: int) -> str:
    from benchmarks.harness import AppSpec, browser_compare, press_slider

    def toggle_borders(page, i: int) -> None:  # type: ignore[no-untyped-def]
        box = page.get_by_test_id("stCheckbox").filter(has_text="Gemeentegrenzen tonen")
        box.get_by_role("switch").focus()
        page.keyboard.press("Space")

    target = AppSpec("app.py", toggle_borders, label="Kaart (gemeentegrenzen aan/uit)")
    base = AppSpec("benchmarks/minimal_app.py", press_slider("Gewicht werkgevers"))
    return browser_compare(target, base, repeats=repeats).text()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    for name, size in figure_sizes().items():
        print(f"{name}: {size / 1024:.1f} KB (doel ≤ 300 KB)")
    cold, warm = start_to_drawn(args.runs)
    print(
        f"serverstart → kaart getekend: mediaan {statistics.median(cold):.2f} s "
        f"(min {min(cold):.2f}, max {max(cold):.2f}; doel ≤ 1,5 s)"
    )
    print(
        "nieuw tabblad op draaiende server → kaart getekend: mediaan "
        f"{statistics.median(warm):.2f} s"
    )
    print("browser:", browser_rerun_ratio(max(args.runs * 4, 10)))
    page, minimal = rerun_times(max(args.runs * 4, 10))
    print(
        f"AppTest (alleen script): kaartpagina {page * 1000:.1f} ms; minimale app "
        f"{minimal * 1000:.1f} ms; verhouding {page / minimal:.1f}×"
    )


if __name__ == "__main__":
    main()
