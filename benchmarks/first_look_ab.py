"""First look of apps that are already running, side by side: for A/B tests of page variants.

Each variant runs as its own ``streamlit run`` (for example a copy of the project with one change,
each with its own ``PYTHONPATH``); this visits them in alternating order with the visit of
``benchmarks/harness.py`` (fresh context, waits for the page to settle, so one app's remaining
work does not slow the next visit) and prints each median against the first, with a 90 % interval,
and when the page was complete (the app idle and nothing changed on screen for a moment).

    python benchmarks/first_look_ab.py '[["zin", "http://127.0.0.1:8600/", "p"],
        ["kaart", "http://127.0.0.1:8601/", "[class*=st-key-kaartbeeld_] img"]]' 14

Start every server from the project folder, so that its ``.streamlit/config.toml`` applies to
each: elsewhere Streamlit's file watcher walks all loaded modules after every run, which added
120–160 ms to a one-sentence app here.
"""

import json
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from playwright.sync_api import sync_playwright

from benchmarks.harness import FirstLook, ratio_interval, visit
from support.server import CHROMIUM, CHROMIUM_ARGS


def main() -> None:
    specs = json.loads(sys.argv[1])
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 14
    found: dict[str, list[float]] = {name: [] for name, _, _ in specs}
    settled: dict[str, list[float]] = {name: [] for name, _, _ in specs}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for r in range(rounds + 1):  # the first round warms the servers up
            for name, url, drawn in specs if r % 2 == 0 else specs[::-1]:
                ms, quiet, _ = visit(browser, url, FirstLook("", drawn, label=name), 60_000)
                if r:
                    found[name].append(ms)
                    settled[name].append(quiet)
        browser.close()
    base = found[specs[0][0]]
    for name, times in found.items():
        low, high = ratio_interval(base, times)
        ratio = statistics.median(times) / statistics.median(base)
        print(
            f"{name:12s} mediaan {statistics.median(times):6.0f} ms  {ratio:.2f}× "
            f"(90 %: {low:.2f}–{high:.2f}×); pagina af {statistics.median(settled[name]):6.0f} ms"
        )


if __name__ == "__main__":
    main()
