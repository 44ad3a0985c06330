"""Rerun time of a Streamlit page after one widget change, beside a baseline app, as a ratio.

Reusable for any page (map, Varianten, load tests). Two ways to measure, same API:

``browser`` (preferred)
    A real ``streamlit run`` server on 127.0.0.1 (``support/server.running_app``) and headless
    Debian chromium driven by Playwright. A script installed before the page loads logs, with the
    browser's own clock (``performance.now()``), each message the page sends over the websocket,
    each message it receives, and the paint after each DOM change; Playwright's round trips do
    not count. Per change it records

    * ``rerun``: from the page sending the changed widget value to the server until the last DOM
      change of the rerun is painted (server script + messages + drawing, charts included);
    * ``latency``: the same end, from the key press (adds the widget's own handling).

    The end of a rerun is the last message/DOM change before a quiet period of ``QUIET_MS``
    (the quiet period itself is not counted). Streamlit's ``data-test-script-state`` attribute
    is *not* used: React batches "running" and "notRunning" of a fast rerun into one render, so
    fast reruns would be missed and the timing biased.

``apptest``
    In-process ``streamlit.testing.v1.AppTest``: ``set_value`` + ``run()``. Only the script run
    (plus AppTest's ~5 ms polling), no websocket, no browser, and always a full-page rerun even
    for widgets inside ``st.fragment``. Quick, needs no browser; not what a user feels.

Both apps are measured in the same run, their changes alternated, and the result is a ratio,
so the machine's speed (and other work on it) affects both alike. Example::

    from benchmarks.harness import AppSpec, browser_compare, press_slider

    base = AppSpec("benchmarks/minimal_app.py", press_slider("Gewicht werkgevers"))
    page = AppSpec("app.py", press_slider("Werkgevers"), path="varianten")
    print(browser_compare(page, base, repeats=20).text())

An ``action(page, i)`` changes one widget on the i-th repetition (alternate the direction so
values stay in range); :func:`press_slider` builds one for a slider by its label.
"""

from __future__ import annotations

import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parents[1]
if str(PROJECT_ROOT) not in sys.path:
    sys.path.insert(0, str(PROJECT_ROOT))
os.environ.setdefault("DASHBOARD_DATA_DIR", str(PROJECT_ROOT.parent / "shared" / "data" / "cbs"))

#: Installed before the page loads (``add_init_script``): logs, with ``performance.now()``,
#: every key press, every message the page sends to the server (a widget change is one
#: ``BackMsg``), every message it receives, and the paint that follows each DOM change.
_INIT_JS = """(() => {
    const bench = {key: -1, sent: [], received: [], mutated: -1, painted: -1};
    window.__bench = bench;
    const send = WebSocket.prototype.send;
    WebSocket.prototype.send = function (data) {
        bench.sent.push(performance.now());
        return send.call(this, data);
    };
    const add = WebSocket.prototype.addEventListener;
    WebSocket.prototype.addEventListener = function (type, fn, opts) {
        if (type === 'message') {
            const wrapped = function (ev) { bench.received.push(performance.now());
                                            return fn.call(this, ev); };
            return add.call(this, type, wrapped, opts);
        }
        return add.call(this, type, fn, opts);
    };
    const onmessage = Object.getOwnPropertyDescriptor(WebSocket.prototype, 'onmessage');
    Object.defineProperty(WebSocket.prototype, 'onmessage', {
        set(fn) { onmessage.set.call(this, function (ev) {
            bench.received.push(performance.now()); return fn.call(this, ev); }); },
        get() { return onmessage.get.call(this); },
    });
    document.addEventListener('keydown', () => { bench.key = performance.now(); }, true);
    document.addEventListener('pointerdown', () => { bench.key = performance.now(); }, true);
    new MutationObserver(() => {
        bench.mutated = performance.now();
        requestAnimationFrame(() => { bench.painted = performance.now(); });
    }).observe(document, {subtree: true, childList: true, attributes: true,
                          characterData: true});
})();"""

#: The state of the log: when did the last change start and has everything settled?
_POLL_JS = """(since) => {
    const b = window.__bench;
    const now = performance.now();
    const sent = b.sent.filter(t => t >= since);
    const got = sent.length ? b.received.filter(t => t >= sent[0]) : [];
    const last = Math.max(got.length ? got[got.length - 1] : -1, b.mutated, b.painted);
    return {now, key: b.key, sent: sent.length ? sent[0] : null, received: got.length,
            last, painted: b.painted};
}"""

#: No message and no DOM change for this long after the last one: the rerun is over.
QUIET_MS = 250.0


def ratio_interval(
    base: list[float], value: list[float], *, level: float = 0.9, draws: int = 2000
) -> tuple[float, float]:
    """Bootstrap interval of ``median(value) / median(base)`` over paired rounds.

    The i-th samples of both lists come from the same round (measured one after the other), so
    rounds are drawn whole: a slow moment of the machine stays within its round. Seeded, so the
    same samples give the same interval.
    """
    import random

    pairs = list(zip(base, value, strict=True))
    draw = random.Random(13)
    ratios = sorted(
        statistics.median(v for _, v in sample) / statistics.median(b for b, _ in sample)
        for sample in (draw.choices(pairs, k=len(pairs)) for _ in range(draws))
    )
    tail = (1 - level) / 2
    return ratios[int(tail * (draws - 1))], ratios[round((1 - tail) * (draws - 1))]


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


def click_button(label: str) -> Callable[[Any], None]:
    """A setup step: click the button (or segmented-control option) with this text."""

    def setup(page: Any) -> None:
        page.get_by_text(label, exact=True).first.click()

    return setup


def apptest_slider(key: str, values: tuple[float, float]) -> Callable[[Any, int], None]:
    """An AppTest action: set the slider with ``key`` to alternating values."""

    def action(at: Any, i: int) -> None:
        at.slider(key=key).set_value(values[i % 2])

    return action


# --- the two methods ---------------------------------------------------------------------------
@dataclass(frozen=True)
class AppSpec:
    """What to measure: an app file (relative to the project root), a URL path, a change."""

    app: str
    action: Callable[[Any, int], None]
    path: str = ""
    label: str = ""
    #: run once after the page opened, before timing (e.g. choose a chart); browser only
    setup: Callable[[Any], None] | None = None

    @property
    def name(self) -> str:
        return self.label or f"{self.app}/{self.path}".rstrip("/")


class BrowserApp:
    """A running ``streamlit run`` server with one chromium tab on the page, ready to time.

    Use as a context manager inside ``sync_playwright()``; :meth:`change` performs the i-th
    action and returns ``(rerun_ms, latency_ms)``.
    """

    def __init__(self, spec: AppSpec, playwright: Any, *, extra_env: dict[str, str] | None = None):
        self.spec = spec
        self._pw = playwright
        self._env = extra_env
        self._stack: ExitStack | None = None
        self.page: Any = None

    def __enter__(self) -> BrowserApp:
        from support.browser import open_page, wait_idle
        from support.server import CHROMIUM, CHROMIUM_ARGS, running_app

        stack = ExitStack()
        self._stack = stack
        tmp = stack.enter_context(tempfile.TemporaryDirectory())
        server = stack.enter_context(
            running_app(
                database_url=f"sqlite:///{Path(tmp) / 'bench.sqlite'}",
                app=self.spec.app,
                extra_env=self._env,
                log_name=f"bench-{Path(self.spec.app).stem}-{self.spec.path or 'main'}.log",
            )
        )
        browser = self._pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        stack.callback(browser.close)
        self.page = browser.new_page(viewport={"width": 1400, "height": 1000})
        self.page.add_init_script(_INIT_JS)
        open_page(self.page, server.url, self.spec.path)
        if self.spec.setup is not None:
            self.spec.setup(self.page)
            wait_idle(self.page, after_action=True)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._stack is not None:
            self._stack.close()

    def change(self, i: int, timeout_ms: float = 30_000) -> tuple[float, float]:
        """Do the i-th change; return ``(rerun_ms, latency_ms)``.

        ``rerun``: from the page sending the changed value to the server until the last DOM
        change of the rerun is painted; ``latency``: the same end, from the key press. The end
        is found by waiting for :data:`QUIET_MS` without messages or DOM changes (the quiet
        time itself is not counted).
        """
        # a tab in the background gets no animation frames: bring this one to the front
        self.page.bring_to_front()
        since = self.page.evaluate("performance.now()")
        self.spec.action(self.page, i)
        deadline = time.monotonic() + timeout_ms / 1000
        while True:
            state = self.page.evaluate(_POLL_JS, since)
            settled = (
                state["sent"] is not None
                and state["received"] > 0
                and state["now"] - state["last"] >= QUIET_MS
            )
            if settled:
                end = max(state["last"], state["painted"])
                return end - state["sent"], end - max(state["key"], since)
            if time.monotonic() > deadline:
                raise TimeoutError(
                    f"{self.spec.name}: geen rerun gezien binnen {timeout_ms / 1000:.0f} s"
                )
            time.sleep(0.05)


def browser_compare(
    target: AppSpec,
    baseline: AppSpec,
    *,
    repeats: int = 20,
    warmup: int = 3,
    extra_env: dict[str, str] | None = None,
) -> Comparison:
    """Both apps served at once, changes alternated between them (target, baseline, target, …),
    so a busy machine slows both alike; returns the :class:`Comparison`."""
    from playwright.sync_api import sync_playwright

    out_t = Measurement(target.name, "browser")
    out_b = Measurement(baseline.name, "browser")
    with (
        sync_playwright() as pw,
        BrowserApp(target, pw, extra_env=extra_env) as t_app,
        BrowserApp(baseline, pw, extra_env=extra_env) as b_app,
    ):
        for i in range(warmup + repeats):
            for app, out in ((t_app, out_t), (b_app, out_b)):
                rerun, latency = app.change(i)
                if i >= warmup:
                    out.rerun_ms.append(rerun)
                    out.latency_ms.append(latency)
    return Comparison(out_t, out_b)


def browser_rerun(
    spec: AppSpec, *, repeats: int = 20, warmup: int = 3, extra_env: dict[str, str] | None = None
) -> Measurement:
    """Rerun times of one app in the browser (see :func:`browser_compare` for a ratio)."""
    from playwright.sync_api import sync_playwright

    out = Measurement(spec.name, "browser")
    with sync_playwright() as pw, BrowserApp(spec, pw, extra_env=extra_env) as app:
        for i in range(warmup + repeats):
            rerun, latency = app.change(i)
            if i >= warmup:
                out.rerun_ms.append(rerun)
                out.latency_ms.append(latency)
    return out


def apptest_compare(
    target: AppSpec, baseline: AppSpec, *, repeats: int = 30, warmup: int = 3
) -> Comparison:
    """In-process AppTest timing of both scripts, alternated (see module docstring).

    Here ``AppSpec.app`` is the script to run (e.g. ``pages/varianten.py``) and the action gets
    the ``AppTest`` object.
    """
    from streamlit.testing.v1 import AppTest

    tests = []
    for spec in (target, baseline):
        at = AppTest.from_file(str(PROJECT_ROOT / spec.app), default_timeout=60).run()
        if at.exception:
            raise RuntimeError(f"{spec.app} gaf een fout: {at.exception}")
        tests.append((spec, at, Measurement(spec.name, "apptest")))
    for i in range(warmup + repeats):
        for spec, at, out in tests:
            spec.action(at, i)
            start = time.perf_counter()
            at.run()
            elapsed = (time.perf_counter() - start) * 1000
            if at.exception:
                raise RuntimeError(f"{spec.app} gaf een fout: {at.exception}")
            if i >= warmup:
                out.rerun_ms.append(elapsed)
    return Comparison(tests[0][2], tests[1][2])


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


# --- first look: a new tab on a running server ------------------------------------------------
#: Installed before the page loads (with the selector filled in): the browser's own clock
#: (``performance.now()``, zero at the start of navigation) when an element matching the selector
#: first exists, the paint after that, and the last DOM change (for "settled").
_DRAWN_JS = """(() => {
    const selector = %s;
    const log = {found: -1, painted: -1, mutated: -1};
    window.__firstLook = log;
    const check = () => {
        log.mutated = performance.now();
        const el = log.found < 0 ? document.querySelector(selector) : null;
        if (el) {
            log.found = performance.now();
            // an image counts once it is decoded, then painted
            const ready = el.tagName === 'IMG' ? el.decode().catch(() => null) : Promise.resolve();
            ready.then(() => requestAnimationFrame(() => { log.painted = performance.now(); }));
        }
    };
    new MutationObserver(check).observe(document, {subtree: true, childList: true,
                                                   attributes: true, characterData: true});
})();"""


@dataclass(frozen=True)
class FirstLook:
    """A page to open in a fresh browser context and the element that marks it as drawn.

    ``drawn`` is a CSS selector (e.g. the map's marks, or the page's title); the time is from the
    start of navigation to the paint after that element first exists.
    """

    app: str
    drawn: str
    path: str = ""
    label: str = ""

    @property
    def name(self) -> str:
        return self.label or f"{self.app}/{self.path}".rstrip("/")


#: The one-sentence app, drawn when its sentence is on screen: the floor of every first look.
SENTENCE = FirstLook(
    "benchmarks/sentence_app.py",
    '[data-testid="stMarkdownContainer"] p',
    label="één zin (basislijn)",
)


def visit(
    browser: Any, url: str, spec: FirstLook, timeout_ms: float, *, settle: bool = True
) -> tuple[float, float, float]:
    """Open ``url`` in a fresh context (empty cache).

    Returns ``(drawn_ms, settled_ms, started)``: both in the page's clock (zero at the start of
    navigation), ``started`` the ``time.perf_counter()`` just before navigating.
    """
    import json as _json

    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="nl-NL")
    try:
        page = context.new_page()
        page.add_init_script(_DRAWN_JS % _json.dumps(spec.drawn))
        started = time.perf_counter()
        page.goto(url, wait_until="commit")
        page.wait_for_function(
            "() => window.__firstLook && window.__firstLook.painted >= 0", timeout=timeout_ms
        )
        drawn = float(page.evaluate("window.__firstLook.painted"))
        if not settle:
            return drawn, float("nan"), started
        # settled: the app idle and no DOM change for QUIET_MS (the quiet itself not counted)
        deadline = time.monotonic() + timeout_ms / 1000
        while time.monotonic() < deadline:
            state = page.evaluate(
                """() => [performance.now(), window.__firstLook.mutated,
                          !!document.querySelector('[data-testid="stApp"]'
                                                   + '[data-test-script-state="notRunning"]')]"""
            )
            if state[2] and state[0] - state[1] >= QUIET_MS:
                return drawn, float(state[1]), started
            time.sleep(0.05)
        return drawn, float("nan"), started
    finally:
        context.close()


def first_look(
    specs: list[FirstLook],
    *,
    baseline: FirstLook = SENTENCE,
    repeats: int = 5,
    warmup: int = 1,
    timeout_ms: float = 60_000,
) -> tuple[Measurement, list[Measurement], dict[str, list[float]]]:
    """New tab on a running server → element drawn, for each spec and the baseline, alternated.

    One server per app file (pages of one app share it), one headless chromium, a fresh browser
    context (no cache, no cookies) per visit. Returns the baseline's and each spec's
    :class:`Measurement` (``rerun_ms`` holds the drawn times) and the settled times by name.
    """
    from playwright.sync_api import sync_playwright

    from support.server import CHROMIUM, CHROMIUM_ARGS, running_app

    everything = [baseline, *specs]
    out = {s.name: Measurement(s.name, "eerste blik") for s in everything}
    settled: dict[str, list[float]] = {s.name: [] for s in everything}
    with sync_playwright() as pw, ExitStack() as stack:
        tmp = stack.enter_context(tempfile.TemporaryDirectory())
        urls: dict[str, str] = {}
        for app in dict.fromkeys(s.app for s in everything):
            server = stack.enter_context(
                running_app(
                    database_url=f"sqlite:///{Path(tmp) / (Path(app).stem + '.sqlite')}",
                    app=app,
                    log_name=f"bench-first-look-{Path(app).stem}.log",
                )
            )
            urls[app] = server.url
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        stack.callback(browser.close)
        for i in range(warmup + repeats):
            # forward in one round, backward in the next: no app always follows the same one
            for spec in everything if i % 2 == 0 else everything[::-1]:
                url = f"{urls[spec.app]}/{spec.path.strip('/')}"
                drawn, quiet, _ = visit(browser, url, spec, timeout_ms)
                if i >= warmup:
                    out[spec.name].rerun_ms.append(drawn)
                    settled[spec.name].append(quiet)
    return out[baseline.name], [out[s.name] for s in specs], settled


# --- cold start: `streamlit run` → element drawn ----------------------------------------------
def cold_start(
    specs: list[FirstLook],
    *,
    baseline: FirstLook = SENTENCE,
    repeats: int = 3,
    timeout_s: float = 120.0,
    empty_cache: bool = False,
) -> tuple[Measurement, list[Measurement]]:
    """Start a new ``streamlit run`` process and open the page at once: process start → drawn.

    Wall clock from ``Popen`` to the paint after the element exists (browser already running);
    baseline and specs alternated. ``rerun_ms`` of each :class:`Measurement` holds the times.
    By default the dashboard's on-disk cache (``DASHBOARD_CACHE_DIR``) is whatever the user's
    is, as after any earlier start; ``empty_cache`` gives every start its own empty cache
    folder, as on the first start after installing.
    """
    import subprocess
    import urllib.request

    from playwright.sync_api import sync_playwright

    from support.server import CHROMIUM, CHROMIUM_ARGS, free_port, stop

    everything = [baseline, *specs]
    out = {s.name: Measurement(s.name, "koude start") for s in everything}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            for i in range(repeats):
                for spec in everything if i % 2 == 0 else everything[::-1]:
                    port = free_port()
                    env = dict(os.environ)
                    if empty_cache:
                        env["DASHBOARD_CACHE_DIR"] = tempfile.mkdtemp(prefix="bench-cache-")
                    t0 = time.perf_counter()
                    proc = subprocess.Popen(
                        [sys.executable, "-m", "streamlit", "run", spec.app,
                         "--server.port", str(port), "--server.address", "127.0.0.1",
                         "--server.headless", "true", "--browser.gatherUsageStats", "false"],
                        cwd=PROJECT_ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                        start_new_session=True, env=env,
                    )  # fmt: skip
                    try:
                        url = f"http://127.0.0.1:{port}"
                        deadline = time.monotonic() + timeout_s
                        while True:
                            try:
                                urllib.request.urlopen(url + "/_stcore/health", timeout=1).read()
                                break
                            except OSError:
                                if time.monotonic() > deadline:
                                    raise
                                time.sleep(0.02)
                        drawn, _, started = visit(
                            browser,
                            f"{url}/{spec.path.strip('/')}",
                            spec,
                            timeout_s * 1000,
                            settle=False,
                        )
                        out[spec.name].rerun_ms.append((started - t0) * 1000 + drawn)
                    finally:
                        stop(proc)
                        if empty_cache:
                            shutil.rmtree(env["DASHBOARD_CACHE_DIR"], ignore_errors=True)
        finally:
            browser.close()
    return out[baseline.name], [out[s.name] for s in specs]


# --- bytes: JavaScript transferred for a visit, direct and behind the README's nginx example ----
_JS_BYTES = """() => performance.getEntriesByType('resource')
    .filter(r => /\\.m?js(\\?|$)/.test(r.name))
    .reduce((a, r) => ({count: a.count + 1, transfer: a.transfer + r.transferSize,
                        encoded: a.encoded + r.encodedBodySize,
                        decoded: a.decoded + r.decodedBodySize}),
            {count: 0, transfer: 0, encoded: 0, decoded: 0})"""


def js_transfer(browser: Any, url: str, spec: FirstLook, timeout_ms: float = 60_000) -> dict:
    """JavaScript of a first visit (empty cache) and of a second visit in the same browser.

    ``transfer`` counts what crossed the network (compressed, headers included; 0 for files
    from the browser cache), ``decoded`` the size after decompression.
    """
    import json as _json

    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="nl-NL")
    try:
        out = {}
        for visit in ("eerste", "tweede"):
            page = context.new_page()
            page.add_init_script(_DRAWN_JS % _json.dumps(spec.drawn))
            page.goto(url, wait_until="commit")
            page.wait_for_function(
                "() => window.__firstLook && window.__firstLook.painted >= 0", timeout=timeout_ms
            )
            page.wait_for_timeout(1_500)  # chunks the page loads after the map
            out[visit] = page.evaluate(_JS_BYTES)
            page.close()
        return out
    finally:
        context.close()


def readme_nginx_config(upstream_port: int, listen_port: int, folder: Path) -> Path:
    """The nginx example of README.md, on plain HTTP at ``listen_port`` in front of one replica.

    Only what cannot run here changes: the TLS lines, the replica addresses, the cache folder.
    """
    import re

    text = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    found = re.search(r"```nginx\n(.*?)```", text, re.S)
    if not found:
        raise RuntimeError("README.md bevat geen nginx-voorbeeld")
    snippet = found.group(1)
    snippet = re.sub(r"listen 443 ssl;", f"listen 127.0.0.1:{listen_port};", snippet)
    snippet = re.sub(r"(\s*)server 127\.0\.0\.1:850[12];", "", snippet)
    snippet = snippet.replace("ip_hash;", f"ip_hash;\n    server 127.0.0.1:{upstream_port};")
    snippet = re.sub(r"proxy_cache_path \S+", f"proxy_cache_path {folder / 'cache'}", snippet)
    snippet = re.sub(r"^\s*(ssl_|add_header Strict-Transport).*$", "", snippet, flags=re.M)
    # nginx started by root runs its workers as "nobody": they must reach the cache folders
    folder.chmod(0o755)
    for name in ("cache", "body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (folder / name).mkdir(exist_ok=True)
        (folder / name).chmod(0o777)
    conf = folder / "nginx.conf"
    conf.write_text(
        f"daemon off;\npid {folder / 'nginx.pid'};\nerror_log {folder / 'error.log'};\n"
        "events { worker_connections 256; }\n"
        "http {\n"
        "    include /etc/nginx/mime.types;\n"
        "    access_log off;\n"
        f"    client_body_temp_path {folder / 'body'};\n"
        f"    proxy_temp_path {folder / 'proxy'};\n"
        f"    fastcgi_temp_path {folder / 'fastcgi'};\n"
        f"    uwsgi_temp_path {folder / 'uwsgi'};\n"
        f"    scgi_temp_path {folder / 'scgi'};\n"
        f"{snippet}\n}}\n",
        encoding="utf-8",
    )
    return conf


def bytes_report(spec: FirstLook) -> list[str]:
    """Lines: JavaScript of a first and a second visit to ``spec``, direct and via nginx."""
    import shutil
    import subprocess

    from playwright.sync_api import sync_playwright

    from support.server import CHROMIUM, CHROMIUM_ARGS, free_port, running_app, stop

    lines = []
    with sync_playwright() as pw, ExitStack() as stack:
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        server = stack.enter_context(
            running_app(
                database_url=f"sqlite:///{tmp / 'bytes.sqlite'}",
                app=spec.app,
                log_name="bench-bytes.log",
            )
        )
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        stack.callback(browser.close)
        # warm the server's caches, so only the bytes differ between the two ways in
        visit(browser, f"{server.url}/{spec.path}", spec, 60_000, settle=False)
        targets = [("direct", server.url)]
        nginx = shutil.which("nginx") or (
            "/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None
        )
        if nginx:
            port = free_port()
            conf = readme_nginx_config(server.port, port, tmp)
            proc = subprocess.Popen(
                [nginx, "-c", str(conf), "-p", str(tmp)],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
            )  # fmt: skip
            stack.callback(stop, proc)
            time.sleep(0.5)
            targets.append(("via nginx (README)", f"http://127.0.0.1:{port}"))
        else:
            lines.append("nginx niet gevonden: alleen de directe meting")
        for name, base in targets:
            got = js_transfer(browser, f"{base}/{spec.path}", spec)
            first, second = got["eerste"], got["tweede"]
            lines.append(
                f"{spec.name} {name}: eerste bezoek {first['count']} JS-bestanden, "
                f"{first['transfer'] / 1024:.0f} kB over het net "
                f"({first['decoded'] / 1024:.0f} kB uitgepakt); tweede bezoek "
                f"{second['transfer'] / 1024:.0f} kB over het net"
            )
    return lines
