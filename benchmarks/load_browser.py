"""Cross-check of ``benchmarks/load.py`` with real browser tabs (Debian chromium, Playwright).

N tabs (each its own session, all in one headless chromium) open the Varianten page; each
moves the "Werkgevers" slider with the keyboard (End, then Home, ...) every ``--interval``
seconds for ``--duration`` seconds. Measured per move: from the key press to the ranking
sentence showing the new result, i.e. what a user waits for, including the browser's drawing.
On a 2-core machine the browser competes with the server for the CPU, so this is a pessimistic
figure; ``load.py`` measures the server alone.

Usage::

    python benchmarks/load_browser.py                   # 1, 5, 10 tabs, 30 s each
    python benchmarks/load_browser.py --tabs 5 --duration 20

Loopback only; at most 20 tabs and 300 s.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import time
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT_ROOT))

from playwright.async_api import async_playwright  # noqa: E402

from benchmarks.load import cpu_seconds_tree  # noqa: E402
from support.server import CHROMIUM, CHROMIUM_ARGS, rss_bytes_tree, running_app  # noqa: E402

SENTENCE_BOX = '[data-testid="stAlertContentSuccess"]'
SLIDER = '[data-testid="stSlider"] input[type="range"][aria-label="Werkgevers"]'
CHANGED = """([selector, before]) => {
    const box = Array.from(document.querySelectorAll(selector))
        .find(e => e.innerText.includes('Met deze weging'));
    return box && !box.innerText.includes(before);
}"""


def machine_busy() -> tuple[float, float]:
    """(busy, total) jiffies of all CPUs from /proc/stat."""
    fields = [float(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]
    return sum(fields) - idle, sum(fields)


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = (len(ordered) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


async def sentence(page) -> str:  # type: ignore[no-untyped-def]
    box = page.locator(SENTENCE_BOX).filter(has_text="Met deze weging").first
    await box.wait_for(timeout=60_000)
    text = await box.inner_text()
    return text[text.index("Met deze weging") :]


async def tab_user(browser, url: str, duration: float, interval: float, offset: float, out):  # type: ignore[no-untyped-def]
    context = await browser.new_context(viewport={"width": 1400, "height": 1000})
    page = await context.new_page()
    try:
        await page.goto(f"{url}/varianten")
        before = await sentence(page)
        await asyncio.sleep(offset)
        end = time.monotonic() + duration
        keys = ["End", "Home"]
        i = 0
        while time.monotonic() < end:
            next_at = time.monotonic() + interval
            # focus by script and press through the keyboard: Playwright's locator actions wait
            # for animation frames, which a tab in the background does not paint
            await page.wait_for_function(
                "(s) => { const e = document.querySelector(s); if (e) e.focus(); return !!e; }",
                arg=SLIDER,
                polling=25,
                timeout=60_000,
            )
            start = time.perf_counter()
            await page.keyboard.press(keys[i % 2])
            await page.wait_for_function(
                CHANGED, arg=[SENTENCE_BOX, before], timeout=60_000, polling=25
            )
            out.append(time.perf_counter() - start)
            before = await sentence(page)
            i += 1
            await asyncio.sleep(max(0.0, next_at - time.monotonic()))
    finally:
        await context.close()


async def main_async(args: argparse.Namespace) -> None:
    with (
        tempfile.TemporaryDirectory() as tmp,
        running_app(
            database_url=f"sqlite:///{Path(tmp) / 's.sqlite'}", log_name="load-browser.log"
        ) as server,
    ):
        async with async_playwright() as pw:
            # every tab stands for a user looking at it: no throttling of background tabs
            background = [
                "--disable-background-timer-throttling",
                "--disable-renderer-backgrounding",
                "--disable-backgrounding-occluded-windows",
            ]
            browser = await pw.chromium.launch(
                executable_path=str(CHROMIUM), args=CHROMIUM_ARGS + background, headless=True
            )
            try:
                for n in args.tabs:
                    times: list[float] = []
                    peak = 0
                    busy0, total0 = machine_busy()
                    cpu0 = cpu_seconds_tree(server.process.pid)
                    wall0 = time.monotonic()
                    task = asyncio.gather(
                        *(
                            tab_user(
                                browser,
                                server.url,
                                args.duration,
                                args.interval,
                                args.interval * i / n,
                                times,
                            )
                            for i in range(n)
                        )
                    )
                    while not task.done():
                        peak = max(peak, rss_bytes_tree(server.process.pid))
                        await asyncio.sleep(0.25)
                    await task
                    busy1, total1 = machine_busy()
                    server_cpu = (cpu_seconds_tree(server.process.pid) - cpu0) / (
                        time.monotonic() - wall0
                    )
                    machine = (busy1 - busy0) / (total1 - total0) * (os.cpu_count() or 1)
                    print(
                        f"{n:>2} tabbladen: {len(times):>4} verschuivingen  toets→zin p50 "
                        f"{percentile(times, 0.5) * 1000:6.0f} ms  p95 "
                        f"{percentile(times, 0.95) * 1000:6.0f} ms  max "
                        f"{max(times) * 1000:6.0f} ms  server-RSS piek {peak / 2**20:4.0f} MB  "
                        f"CPU server {server_cpu:.2f}, machine {machine:.2f} van "
                        f"{os.cpu_count()} cores"
                    )
            finally:
                await browser.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tabs", default="1,5,10")
    parser.add_argument("--duration", type=float, default=30.0)
    parser.add_argument("--interval", type=float, default=2.0)
    args = parser.parse_args()
    args.tabs = [int(x) for x in args.tabs.split(",")]
    if max(args.tabs) > 20 or min(args.tabs) < 1 or not 0 < args.duration <= 300:
        parser.error("tabbladen 1–20, duur hoogstens 300 s")
    asyncio.run(main_async(args))
    return 0


if __name__ == "__main__":
    sys.exit(main())
