"""Rerun time of a Streamlit page after one widget change, beside a baseline app, as a ratio.

Reusable for any page (map, Varianten, load tests). Two ways to measure, same API:

``browser`` (preferred)
    A real ``streamlit run`` server on 127.0.0.1 (``tests/e2e/server.running_app``) and headless
    Debian chromium driven by Playwright. Inside the page a ``MutationObserver`` watches the
    ``data-test-script-state`` attribute Streamlit puts on ``[data-testid=stApp]``; timestamps are
    taken with ``performance.now()`` in the browser, so Playwright's own round trips do not count.
    Per change it records

    * ``rerun``: from the script state turning ``running`` to ``notRunning`` again, plus two
      animation frames (the new output painted): server script + messages + drawing;
    * ``latency``: from the key press to the same end point (adds the widget's own debounce and
      the websocket send: what the user feels).

``apptest``
    In-process ``streamlit.testing.v1.AppTest``: ``set_value`` + ``run()``. Only the script run
    (plus AppTest's ~5 ms polling), no websocket, no browser, and always a full-page rerun even
    for widgets inside ``st.fragment``. Quick, needs no browser; not what a user feels.

Both apps are measured in the same run and the result is a ratio, so the machine's speed
cancels out. Example::

    from benchmarks.harness import browser_rerun, compare, press_slider

    base = browser_rerun("benchmarks/minimal_app.py", action=press_slider("Gewicht werkgevers"))
    page = browser_rerun("app.py", path="varianten", action=press_slider("Werkgevers"))
    print(compare(page, base).text())

An ``action(page, i)`` changes one widget on the i-th repetition (alternate the direction so
values stay in range); :func:`press_slider` builds one for a slider by its label.
"""

from __future__ import annotations

import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parents[1]
if str(PROJECT_ROOT) not in sys.path:
    sys.path.insert(0, str(PROJECT_ROOT))
os.environ.setdefault("DASHBOARD_DATA_DIR", str(PROJECT_ROOT.parent / "shared" / "data" / "cbs"))

#: Installed in the page once: records script-state changes and resolves a pending waiter.
_OBSERVER_JS = """() => {
    const bench = {events: [], keyTime: null, waiter: null};
    window.__bench = bench;
    const check = () => {
        if (!bench.waiter) return;
        const since = bench.keyTime;
        const run = bench.events.find(e => e[0] >= since && e[1] === 'running');
        if (!run) return;
        const end = bench.events.find(e => e[0] >= run[0] && e[1] === 'notRunning');
        if (!end) return;
        const resolve = bench.waiter;
        bench.waiter = null;
        requestAnimationFrame(() => requestAnimationFrame(() =>
            resolve({key: since, running: run[0], idle: end[0], painted: performance.now()})));
    };
    // Observe the whole body: React may replace the stApp node after the first render.
    new MutationObserver((mutations) => {
        const now = performance.now();
        for (const m of mutations) {
            bench.events.push([now, m.target.getAttribute('data-test-script-state')]);
        }
        check();
    }).observe(document.body, {
        attributes: true, subtree: true, attributeFilter: ['data-test-script-state'],
    });
    document.addEventListener('keydown', () => { bench.keyTime = performance.now(); }, true);
    document.addEventListener('pointerdown', () => { bench.keyTime = performance.now(); }, true);
    bench.check = check;
}"""

#: Resolves when the rerun started by the last input has finished and painted.
_WAIT_JS = """(timeoutMs) => new Promise((resolve, reject) => {
    const bench = window.__bench;
    const timer = setTimeout(() => { bench.waiter = null; reject(new Error('timeout')); },
                             timeoutMs);
    bench.waiter = (r) => { clearTimeout(timer); resolve(r); };
    bench.check();
})"""


@dataclass
class Measurement:
    """Samples in milliseconds of one app and one kind of timing."""

    label: str
    method: str
    rerun_ms: list[float] = field(default_factory=list)
    latency_ms: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.rerun_ms)

    @property
    def p90(self) -> float:
        data = sorted(self.rerun_ms)
        return data[min(len(data) - 1, round(0.9 * (len(data) - 1)))]

    @property
    def latency_median(self) -> float:
        return statistics.median(self.latency_ms) if self.latency_ms else float("nan")

    def text(self) -> str:
        out = (
            f"{self.label} [{self.method}]: rerun mediaan {self.median:.1f} ms, "
            f"p90 {self.p90:.1f} ms (n={len(self.rerun_ms)})"
        )
        if self.latency_ms:
            out += f"; toets→scherm mediaan {self.latency_median:.1f} ms"
        return out


@dataclass
class Comparison:
    target: Measurement
    baseline: Measurement

    @property
    def ratio(self) -> float:
        return self.target.median / self.baseline.median

    @property
    def latency_ratio(self) -> float:
        return self.target.latency_median / self.baseline.latency_median

    def text(self) -> str:
        lines = [self.baseline.text(), self.target.text(), f"verhouding rerun: {self.ratio:.2f}×"]
        if self.target.latency_ms and self.baseline.latency_ms:
            lines.append(f"verhouding toets→scherm: {self.latency_ratio:.2f}×")
        return "\n".join(lines)


def compare(target: Measurement, baseline: Measurement) -> Comparison:
    return Comparison(target, baseline)


# --- actions -----------------------------------------------------------------------------------
def press_slider(label: str, *, steps: int = 1) -> Callable[[Any, int], None]:
    """An action that moves the slider with this label one step right, then back left."""

    def action(page: Any, i: int) -> None:
        slider = page.get_by_test_id("stSlider").filter(has_text=label).first.get_by_role("slider")
        slider.focus()
        key = "ArrowRight" if i % 2 == 0 else "ArrowLeft"
        for _ in range(steps):
            page.keyboard.press(key)

    return action


def apptest_slider(key: str, values: tuple[float, float]) -> Callable[[Any, int], None]:
    """An AppTest action: set the slider with ``key`` to alternating values."""

    def action(at: Any, i: int) -> None:
        at.slider(key=key).set_value(values[i % 2])

    return action


# --- the two methods ---------------------------------------------------------------------------
def browser_rerun(
    app: str,
    *,
    action: Callable[[Any, int], None],
    path: str = "",
    label: str | None = None,
    repeats: int = 20,
    warmup: int = 3,
    extra_env: dict[str, str] | None = None,
    timeout_ms: float = 30_000,
) -> Measurement:
    """Start ``streamlit run <app>``, open ``/<path>`` in chromium, time ``repeats`` changes.

    ``app`` is relative to the project root. The first ``warmup`` changes are not counted
    (caches, lazy imports, plotly.js start-up).
    """
    from playwright.sync_api import sync_playwright

    from tests.e2e.browser import open_page, wait_idle
    from tests.e2e.server import CHROMIUM, CHROMIUM_ARGS, running_app

    result = Measurement(label or f"{app}/{path}".rstrip("/"), "browser")
    with tempfile.TemporaryDirectory() as tmp:
        database_url = f"sqlite:///{Path(tmp) / 'bench.sqlite'}"
        with (
            running_app(
                database_url=database_url,
                app=app,
                extra_env=extra_env,
                log_name=f"bench-{Path(app).stem}-{path or 'main'}.log",
            ) as server,
            sync_playwright() as pw,
        ):
            browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            try:
                page = browser.new_page(viewport={"width": 1400, "height": 1000})
                open_page(page, server.url, path)
                page.evaluate(_OBSERVER_JS)
                for i in range(warmup + repeats):
                    action(page, i)
                    timing = page.evaluate(_WAIT_JS, timeout_ms)
                    wait_idle(page)  # nothing stale left before the next change
                    if i >= warmup:
                        result.rerun_ms.append(timing["painted"] - timing["running"])
                        result.latency_ms.append(timing["painted"] - timing["key"])
            finally:
                browser.close()
    return result


def apptest_rerun(
    script: str,
    *,
    action: Callable[[Any, int], None],
    label: str | None = None,
    repeats: int = 30,
    warmup: int = 3,
) -> Measurement:
    """Time ``AppTest.run()`` after ``action(at, i)``, in this process (see module docstring)."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(PROJECT_ROOT / script), default_timeout=60).run()
    if at.exception:
        raise RuntimeError(f"{script} gaf een fout: {at.exception}")
    result = Measurement(label or script, "apptest")
    for i in range(warmup + repeats):
        action(at, i)
        start = time.perf_counter()
        at.run()
        elapsed = (time.perf_counter() - start) * 1000
        if at.exception:
            raise RuntimeError(f"{script} gaf een fout: {at.exception}")
        if i >= warmup:
            result.rerun_ms.append(elapsed)
    return result


def machine() -> str:
    """One line: cores, memory, Python, Streamlit, date (for RESULTS.md)."""
    import streamlit

    try:
        mem_kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f"{mem_kb / 1024 / 1024:.0f} GiB"
    except (OSError, ValueError, IndexError):
        mem = "onbekend geheugen"
    return (
        f"{os.cpu_count()} cores, {mem}, Python {platform.python_version()}, "
        f"Streamlit {streamlit.__version__}, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC"
    )
