"""Benchmark of the membership map on Regio's vergelijken and Overstap: new tab → map drawn.

The map stands near the bottom of both pages. Streamlit draws a chart below the fold only once
it is scrolled into view, so ``bench_map.py --only pages`` (title painted, page quiet without
scrolling) never waits for it. Here each visit opens the page in a fresh browser context (empty
cache), scrolls the map's heading ("Op de kaart") into view as soon as it exists, and times, in
the browser's own clock (zero at the start of navigation):

- **kaart**: the map on screen: the server-drawn picture decoded and painted, or (an older
  checkout, ``--before``) the plotly map's WebGL canvas there and a frame painted after it;
- **af**: the app idle and no DOM change for ``QUIET_MS`` after that.

Printed as ratios against the one-sentence app's first paint in the same run and, with
``--before DIR`` (a checkout of an older commit, served from its own folder), against the same
page of that checkout, visits alternated. Usage::

    DASHBOARD_DATA_DIR=../shared/data/cbs python benchmarks/bench_membership_map.py \\
        [--runs 3] [--before /tmp/oud]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DASHBOARD_DATA_DIR", str(ROOT.parent / "shared" / "data" / "cbs"))

from benchmarks.harness import QUIET_MS, SENTENCE, machine  # noqa: E402

#: The map in either form: the picture (now) or plotly's WebGL canvas (before).
MAP = (
    '[data-testid="stMarkdownContainer"] img[src^="data:image/svg+xml"], '
    '[data-testid="stPlotlyChart"] canvas'
)
PAGES = {"regios": "Regio's vergelijken", "overstap": "Overstap"}

#: Installed before the page loads: scroll the map's heading into view while the page grows,
#: note when the map (or, for the baseline, the sentence) is there and painted, and the last
#: DOM change.
_WATCH_JS = """(() => {
    const selector = %s, heading = %s;
    const log = {painted: -1, mutated: -1, found: false};
    window.__mapLook = log;
    const check = () => {
        log.mutated = performance.now();
        if (log.found) return;
        if (heading) {
            const h = [...document.querySelectorAll('h3')]
                .find(e => e.textContent.trim() === heading);
            if (h) h.scrollIntoView({block: 'start'});
        }
        const el = document.querySelector(selector);
        if (!el) return;
        log.found = true;
        const ready = el.tagName === 'IMG' ? el.decode().catch(() => null) : Promise.resolve();
        ready.then(() => requestAnimationFrame(() => { log.painted = performance.now(); }));
    };
    new MutationObserver(check).observe(document, {subtree: true, childList: true,
                                                   attributes: true, characterData: true});
})();"""


@dataclass
class Series:
    """The times of one page of one checkout (or of the baseline)."""

    label: str
    url: str
    selector: str
    heading: str = ""
    drawn: list[float] | None = None
    settled: list[float] | None = None

    def __post_init__(self) -> None:
        self.drawn, self.settled = [], []


def visit(browser: Any, series: Series, timeout_ms: float = 120_000) -> tuple[float, float]:
    """Open the page in a fresh context; return (map painted, settled) in the page's clock."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="nl-NL")
    try:
        page = context.new_page()
        page.add_init_script(_WATCH_JS % (json.dumps(series.selector), json.dumps(series.heading)))
        page.goto(series.url, wait_until="commit")
        page.wait_for_function(
            "() => window.__mapLook && window.__mapLook.painted >= 0", timeout=timeout_ms
        )
        drawn = float(page.evaluate("window.__mapLook.painted"))
        deadline = time.monotonic() + timeout_ms / 1000
        while time.monotonic() < deadline:
            now, mutated, idle = page.evaluate(
                """() => [performance.now(), window.__mapLook.mutated,
                          !!document.querySelector('[data-testid="stApp"]'
                                                   + '[data-test-script-state="notRunning"]')]"""
            )
            if idle and now - mutated >= QUIET_MS:
                return drawn, max(drawn, float(mutated))  # a picture may paint after the DOM
            time.sleep(0.05)
        return drawn, float("nan")
    finally:
        context.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--before", type=Path, help="a checkout of an older commit to compare")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    from support.server import CHROMIUM, CHROMIUM_ARGS, running_app

    print(f"machine: {machine()}; belasting {os.getloadavg()[0]:.1f} (1 min)")
    checkouts = {"nu": (ROOT, {})}
    if args.before:
        before = args.before.resolve()
        checkouts["voor"] = (before, {"PYTHONPATH": str(before / "src")})
    with sync_playwright() as pw, ExitStack() as stack:
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        base_server = stack.enter_context(
            running_app(database_url=f"sqlite:///{tmp / 'zin.sqlite'}", app=SENTENCE.app,
                        log_name="bench-membership-zin.log")
        )  # fmt: skip
        baseline = Series("één zin (basislijn)", base_server.url, SENTENCE.drawn)
        series: dict[tuple[str, str], Series] = {}
        for name, (root, env) in checkouts.items():
            server = stack.enter_context(
                running_app(database_url=f"sqlite:///{tmp / (name + '.sqlite')}",
                            app=str(root / "app.py"), extra_env=env,
                            log_name=f"bench-membership-{name}.log")
            )  # fmt: skip
            for path, title in PAGES.items():
                series[(path, name)] = Series(
                    f"{title} ({name})", f"{server.url}/{path}", MAP, heading="Op de kaart"
                )
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        stack.callback(browser.close)
        everything = [baseline, *series.values()]
        for i in range(1 + max(1, args.runs)):  # the first round warms the servers' caches
            for s in everything:
                drawn, settled = visit(browser, s)
                if i:
                    s.drawn.append(drawn)  # type: ignore[union-attr]
                    s.settled.append(settled)  # type: ignore[union-attr]
    floor = statistics.median(baseline.drawn or [float("nan")])
    print(f"nieuw tabblad → kaart getekend (na scrollen naar 'Op de kaart'), mediaan van "
          f"{args.runs}; basislijn één zin {floor:.0f} ms:")  # fmt: skip
    for (path, name), s in series.items():
        drawn = statistics.median(s.drawn or [float("nan")])
        settled = statistics.median(s.settled or [float("nan")])
        line = (
            f"  {s.label:<30} kaart {drawn:6.0f} ms ({drawn / floor:4.2f}× de zin); "
            f"af {settled:6.0f} ms"
        )
        other = series.get((path, "voor"))
        if name == "nu" and other is not None:
            then = statistics.median(other.drawn or [float("nan")])
            then_settled = statistics.median(other.settled or [float("nan")])
            line += f"; tegen voor: kaart {drawn / then:4.2f}×, af {settled / then_settled:4.2f}×"
        print(line)
    print(
        f"klaar; belasting {os.getloadavg()[0]:.1f} (1 min), "
        f"{time.strftime('%H:%M UTC', time.gmtime())}"
    )


if __name__ == "__main__":
    main()
