"""Benchmark of the map page and the first look of every page.

Prints, each as a ratio against a baseline measured in the same run:

1. **first look**: a new tab (fresh browser context, empty cache) on a running server → the
   Kaart map drawn, beside the one-sentence app (``benchmarks/sentence_app.py``) → its sentence
   drawn (target ≤ 1,15×), with a 90 % interval; for comparison one sentence and the Kaart's
   picture alone, each with the dashboard's navigation (what any page, and this map, cost at
   least), and one sentence on a server with the dashboard's network setting (``ui/network``:
   the Kaart against a sentence on equal terms). Visits alternate per round; ``--runs 25`` or
   more resolves a few per cent;
2. **every page**: the same for the title of each of the 8 pages (target ≤ 1,5× each);
3. **cold start**: ``streamlit run`` → map drawn, beside ``streamlit run`` of the one-sentence
   app → sentence drawn (target ≤ 1,3×); with the on-disk cache as any earlier start leaves it,
   and once more with an empty cache (the first start after installing);
4. **bytes**: JavaScript transferred for a first (and second) visit to Kaart, direct and behind
   the nginx example of README.md (gzip, cache for Streamlit's files);
5. bytes of the map as sent (SVG) and the rerun after one widget change (gemeentegrenzen),
   in the browser and in-process (AppTest), beside the minimal app.

Timing uses the browser's own clock (``benchmarks/harness.py``: from the start of navigation to
the paint after the element exists). Usage::

    DASHBOARD_DATA_DIR=../shared/data/cbs python benchmarks/bench_map.py [--runs 5]
        [--only first,pages,cold,bytes,rerun]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DASHBOARD_DATA_DIR", str(ROOT.parent / "shared" / "data" / "cbs"))


from benchmarks.harness import (  # noqa: E402
    FirstLook,
    Measurement,
    bytes_report,
    cold_start,
    first_look,
    machine,
    ratio_interval,
)
from dashboard.core.config import data_dir  # noqa: E402
from dashboard.data import artefacts  # noqa: E402
from support.browser import PAGES  # noqa: E402

#: The Kaart map, drawn: the server's SVG as a picture, decoded (``dashboard.ui.svg_map``).
MAP = FirstLook("app.py", '[class*="st-key-kaartbeeld_"] img', label="Kaart: kaart getekend")
#: One sentence with the same 8-page navigation: what any page of such an app costs at least.
NAV_SENTENCE = FirstLook(
    "benchmarks/nav_sentence_app.py",
    '[data-testid="stMain"] [data-testid="stMarkdownContainer"] p',
    label="één zin met navigatie",
)
#: One sentence on a server with the dashboard's network setting (``ui/network``): the sentence app
#: on equal terms, as that setting speeds up any Streamlit app.
SENTENCE_NODELAY = FirstLook(
    "benchmarks/sentence_nodelay_app.py",
    '[data-testid="stMarkdownContainer"] p',
    label="één zin, zonder Nagle-wachttijd",
)
#: The Kaart's picture alone with that navigation: what showing this map costs at least.
NAV_PICTURE = FirstLook(
    "benchmarks/nav_picture_app.py",
    '[class*="st-key-kaartbeeld_"] img',
    label="alleen de kaartafbeelding met navigatie",
)
#: Each page's own title in the main area marks its first paint (pages as the e2e tests name them).
TITLE = '[data-testid="stMain"] h1'


def map_sizes() -> dict[str, int]:
    """Bytes of the map as the page sends it (SVG), default and with gemeente borders."""
    from dashboard.data.kerncijfers import aggregate, load_kerncijfers
    from dashboard.data.regions import load_region_index
    from dashboard.presentation.charts import render
    from dashboard.presentation.maps import build_map_layers, mark_regions, region_map_spec

    layers = build_map_layers()
    index = load_region_index()
    figures = aggregate(load_kerncijfers(), index.membership(), 2024)
    out = {}
    for name, borders in (("standaard", False), ("met gemeentegrenzen", True)):
        spec = region_map_spec(
            layers, figures["inwoners"], indicator_label="Inwoners", unit="inwoners",
            show_gemeenten=borders, clickable=True,
        )  # fmt: skip
        out[f"kaart als SVG ({name})"] = len(mark_regions(render.svg(spec)).encode())
    return out


def ratio_line(
    label: str, target: float | None, base: Measurement, value: Measurement, why: str = ""
) -> str:
    """Median against median, with a 90 % interval: met only if all of it is under the target.
    Without a target, ``why`` says why there is none."""
    ratio = value.median / base.median
    low, high = ratio_interval(base.rerun_ms, value.rerun_ms)
    head = (
        f"{label}: {value.median:7.0f} ms tegen {base.median:6.0f} ms → {ratio:4.2f}× "
        f"(90 %: {low:4.2f}–{high:4.2f}×; "
    )
    if target is None:
        return head + f"geen doel: {why})"
    if high <= target:
        verdict = "gehaald"
    elif low > target:
        verdict = "niet gehaald"
    else:
        verdict = "niet te onderscheiden van het doel: meer metingen nodig"
    return head + f"doel ≤ {target:.2f}×: {verdict})"


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
    parser.add_argument("--only", default="first,pages,cold,bytes,rerun")
    args = parser.parse_args()
    only = set(args.only.split(","))
    runs = max(1, args.runs)
    print(f"machine: {machine()}; belasting {os.getloadavg()[0]:.1f} (1 min)")
    if "first" in only:
        base, (kaart, nav, picture, fair), _ = first_look(
            [MAP, NAV_SENTENCE, NAV_PICTURE, SENTENCE_NODELAY], repeats=runs
        )
        print(f"eerste blik, mediaan van {runs} (nieuw tabblad, lege cache):")
        print("  " + ratio_line("Kaart, kaart getekend", 1.15, base, kaart))
        print(
            f"  ter vergelijking: één zin met de navigatie van het dashboard {nav.median:.0f} ms "
            f"({nav.median / base.median:.2f}× de zin alleen); de Kaart is "
            f"{kaart.median / nav.median:.2f}× die zin met navigatie"
        )
        print(
            f"  ter vergelijking: alleen de kaartafbeelding met die navigatie "
            f"{picture.median:.0f} ms ({picture.median / base.median:.2f}× de zin alleen); "
            f"de Kaart is {kaart.median / picture.median:.2f}× die afbeelding"
        )
        low, high = ratio_interval(fair.rerun_ms, kaart.rerun_ms)
        print(
            f"  gelijk speelveld: één zin op een server met dezelfde netwerkinstelling "
            f"{fair.median:.0f} ms ({fair.median / base.median:.2f}× de gewone zin); de Kaart is "
            f"{kaart.median / fair.median:.2f}× die zin (90 %: {low:.2f}–{high:.2f}×)"
        )
    if "pages" in only:
        specs = [FirstLook("app.py", TITLE, path, f"{title}") for path, title in PAGES.items()]
        base, pages, settled = first_look(specs, repeats=max(2, runs // 2))
        print(f"elke pagina, eerste weergave (titel), mediaan van {max(2, runs // 2)}:")
        for spec, m in zip(specs, pages, strict=True):
            done = statistics.median(settled[spec.name])
            print("  " + ratio_line(f"{spec.label:<20}", 1.5, base, m)
                  + f"; pagina af na {done:6.0f} ms")  # fmt: skip
    if "cold" in only:
        # not counted: makes sure the on-disk cache holds what any earlier start leaves there
        cold_start([MAP], repeats=1)
        base, (kaart,) = cold_start([MAP], repeats=max(2, runs // 2))
        print(f"koude start (streamlit run → getekend), mediaan van {max(2, runs // 2)}:")
        print("  " + ratio_line("Kaart, kaart getekend", 1.3, base, kaart))
        base, (kaart,) = cold_start([MAP], repeats=max(2, runs // 2), empty_cache=True)
        print(f"eerste start na installeren (lege cache), mediaan van {max(2, runs // 2)}:")
        if artefacts.read(data_dir()) is None:  # raw CBS files: the Kaart is derived once now
            why = "deze gegevensmap heeft geen afgeleide kaart; die wordt bij deze start gemaakt"
            print("  " + ratio_line("Kaart, kaart getekend", None, base, kaart, why))
        else:
            print("  " + ratio_line("Kaart, kaart getekend", 1.3, base, kaart))
    if "bytes" in only:
        print("JavaScript voor een bezoek aan Kaart:")
        for line in bytes_report(MAP):
            print("  " + line)
    if "rerun" in only:
        for name, size in map_sizes().items():
            print(f"{name}: {size / 1024:.1f} kB")
        print("browser:", browser_rerun_ratio(max(runs * 4, 10)))
        page, minimal = rerun_times(max(runs * 4, 10))
        print(
            f"AppTest (alleen script): kaartpagina {page * 1000:.1f} ms; minimale app "
            f"{minimal * 1000:.1f} ms; verhouding {page / minimal:.1f}×"
        )
    print(
        f"klaar; belasting {os.getloadavg()[0]:.1f} (1 min), "
        f"{time.strftime('%H:%M UTC', time.gmtime())}"
    )


if __name__ == "__main__":
    main()
