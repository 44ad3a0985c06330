"""Helpers to drive the Streamlit app in Playwright: open a page, wait for the run, check errors."""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Locator, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from support import in_ci
from support.server import ARTIFACTS

SCREENSHOTS = ARTIFACTS / "screenshots"

#: URL path (st.navigation infers it from the file name; the default page is "") -> key Dutch title.
PAGES: dict[str, str] = {
    "": "Kaart",
    "regios": "Regio's vergelijken",
    "overstap": "Overstap",
    "varianten": "Varianten",
    "robuustheid": "Robuustheid",
    "scenarios": "Scenario's",
    "presentatie": "Presentatie",
    "bronnen": "Bronnen",
}

APP = '[data-testid="stApp"]'
IDLE = (
    '[data-testid="stApp"][data-test-script-state="notRunning"]'
    '[data-test-connection-state="CONNECTED"]'
)
BUSY = '[data-testid="stApp"]:not([data-test-script-state="notRunning"])'
STALE = '[data-testid="stElementContainer"][data-stale="true"]'
ERROR_BOXES = '[data-testid="stException"], [data-testid="stAlertContentError"]'


#: Hosts of the test server: a request to any other host leaves this computer.
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


def outside_url(url: str) -> bool:
    """Whether the browser would contact another computer for ``url``."""
    parts = urlsplit(url)
    return parts.scheme in ("http", "https", "ws", "wss") and parts.hostname not in LOCAL_HOSTS


@dataclass
class PageWatch:
    """What a page did behind our back: JavaScript dialogs, console errors and requests to
    other computers."""

    dialogs: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    outside_requests: list[str] = field(default_factory=list)


def watch(page: Page) -> PageWatch:
    """Record (and dismiss) every dialog; record console errors and outside requests."""
    seen = PageWatch()
    page.on(
        "request",
        lambda r: seen.outside_requests.append(r.url) if outside_url(r.url) else None,
    )

    def on_dialog(dialog) -> None:  # type: ignore[no-untyped-def]
        seen.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.on(
        "console",
        lambda msg: seen.console_errors.append(msg.text) if msg.type == "error" else None,
    )
    return seen


#: Counts the script runs a page has begun (``window.__dashboardRuns``: each time the app leaves
#: "notRunning") and notes the count ``wait_idle`` last saw idle. So after an action the wait
#: knows whether its rerun has begun or is even over already, instead of watching for a busy
#: state that a quick rerun may have left before the first look.
NOTE_RUNS = """() => {
    if (window.__dashboardRuns === undefined) {
        window.__dashboardRuns = 0;
        new MutationObserver(records => records.forEach(r => {
            if (r.oldValue === 'notRunning') window.__dashboardRuns++;
        })).observe(document, {subtree: true, attributes: true, attributeOldValue: true,
                               attributeFilter: ['data-test-script-state']});
    }
    window.__dashboardRunsSeen = window.__dashboardRuns;
}"""
RERUN_BEGUN = (
    "() => window.__dashboardRuns === undefined"
    f" ? document.querySelector('{BUSY}') !== null"
    " : window.__dashboardRuns > window.__dashboardRunsSeen"
)


def wait_idle(page: Page, *, after_action: bool = False, timeout: float = 60_000) -> None:
    """Wait until Streamlit has finished running the script and nothing on screen is stale.

    After a click or a key press the rerun may not have begun yet: with ``after_action``,
    first wait (at most 1.5 s, for an action that reruns nothing) until a run has begun since
    the last wait, then for the app to be idle again.
    """
    if after_action:
        # the action may not rerun at all (then this gives up after 1.5 s)
        with suppress(PlaywrightTimeout):
            page.wait_for_function(RERUN_BEGUN, timeout=1_500)
    page.wait_for_selector(IDLE, timeout=timeout)
    page.wait_for_selector('[data-testid="stMainBlockContainer"]', timeout=timeout)
    page.wait_for_function(
        f"() => document.querySelectorAll('{STALE}').length === 0", timeout=timeout
    )
    page.evaluate(NOTE_RUNS)


def open_page(page: Page, base_url: str, path: str = "", query: str = "") -> None:
    """Open an app page by its URL path (``""`` is the default page) and wait for the run."""
    url = f"{base_url}/{path.strip('/')}"
    if query:
        url += ("?" if not query.startswith("?") else "") + query
    page.goto(url, wait_until="domcontentloaded")
    page.wait_for_selector(APP, timeout=60_000)
    page.evaluate(NOTE_RUNS)  # count this document's runs from the start
    # right after connecting the app is "not running" before its first run has started:
    # wait for the first element of the page, then for the run to end
    page.wait_for_selector(
        '[data-testid="stMain"] [data-testid="stElementContainer"]', timeout=60_000
    )
    wait_idle(page)


REVEAL = """async () => {
    const candidates = [document.querySelector('[data-testid="stMain"]'),
                        document.querySelector('[data-testid="stAppViewContainer"]'),
                        document.scrollingElement];
    const box = candidates.find(e => e && e.scrollHeight > e.clientHeight + 10);
    if (!box) return 0;
    // two frames at each place: the browser has laid it out and told the lazy elements in view
    const frames = () => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
    let steps = 0;
    for (let y = 0; y < box.scrollHeight; y += Math.max(200, box.clientHeight * 0.8)) {
        box.scrollTo(0, y); steps++;
        await frames();
    }
    box.scrollTo(0, box.scrollHeight);
    await frames();
    box.scrollTo(0, 0);
    return steps;
}"""


def reveal_all(page: Page, timeout: float = 60_000) -> None:
    """Scroll through the page so lazily drawn elements (charts below the fold) are drawn."""
    page.evaluate(REVEAL)
    page.wait_for_function(
        "() => document.querySelectorAll('[data-testid=\"stSkeleton\"]').length === 0",
        timeout=timeout,
    )


def error_texts(page: Page) -> list[str]:
    return [t.strip() for t in page.locator(ERROR_BOXES).all_inner_texts()]


def assert_no_error_box(page: Page, server_log: Path | None = None) -> None:
    """No Streamlit exception box and no ``st.error`` on the page.

    With ``server_log``, the message includes the last traceback the server logged.
    """
    errors = error_texts(page)
    if errors:
        detail = last_traceback(server_log) if server_log else ""
        raise AssertionError(f"foutmelding op {page.url}: {errors}\n{detail}")


def last_traceback(log: Path) -> str:
    """The last traceback in a server log (run_guarded logs unexpected errors there)."""
    try:
        text = log.read_text("utf-8", errors="replace")
    except OSError:
        return ""
    start = text.rfind("Traceback (most recent call last)")
    return text[start : start + 3000] if start >= 0 else ""


def expect_title(page: Page, title: str) -> None:
    """The page shows its key Dutch title in a heading."""
    heading = page.locator("h1, h2").filter(has_text=re.compile(re.escape(title), re.I))
    expect(heading.first).to_be_visible(timeout=30_000)


CONTENT_HEIGHT = """() => {
    const m = document.querySelector('[data-testid="stMain"]');
    return m ? [m.scrollHeight, m.clientHeight] : [0, 0];
}"""


def stands_still(measure: str, frames: int = 10) -> str:
    """JavaScript for ``page.wait_for_function``: true once the JavaScript function ``measure``
    returns the same (as JSON) over ``frames`` animation frames (a layout that has settled)."""
    return (
        "async () => { const measure = "
        + measure
        + f"""; const before = JSON.stringify(measure());
    for (let i = 0; i < {frames}; i++) await new Promise(r => requestAnimationFrame(r));
    return JSON.stringify(measure()) === before; }}"""
    )


@contextmanager
def tall_viewport(page: Page, limit: int = 16_000) -> Iterator[None]:
    """Make the viewport as tall as the page content for a moment.

    Streamlit scrolls inside its own container: a "full page" screenshot shows only the
    viewport, and axe judges colour contrast only for what is in view.
    """
    size = page.viewport_size
    try:
        for _ in range(3):
            scroll_height, client_height = page.evaluate(CONTENT_HEIGHT)
            if not size or scroll_height <= client_height:
                break
            height = min(int(scroll_height) + 100, limit)
            page.set_viewport_size({"width": size["width"], "height": height})
            page.wait_for_function(stands_still(CONTENT_HEIGHT))
            if height == limit:
                break
        yield
    finally:
        if size:
            page.set_viewport_size(size)


def screenshots_wanted() -> bool:
    """Whether the tests leave screenshots for a person to look at: yes on a workstation, no in
    CI (``CI=true``), where nobody sees them and a whole-page picture costs the browser a second
    of CPU; ``DASHBOARD_SCREENSHOTS=1`` or ``=0`` decides either way."""
    wanted = os.environ.get("DASHBOARD_SCREENSHOTS", "")
    if wanted in ("0", "1"):
        return wanted == "1"
    return not in_ci()


def screenshot(page: Page, name: str, *, full_page: bool = True) -> Path | None:
    """A screenshot under ``test-artifacts/screenshots/`` (see :func:`screenshots_wanted`): the
    whole page, or with ``full_page=False`` what the screen shows."""
    if not screenshots_wanted():
        return None
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    safe = re.sub(r"[^A-Za-z0-9_.-]+", "_", name).strip("_") or "kaart"
    path = SCREENSHOTS / f"{safe}.png"
    if not full_page:
        page.screenshot(path=str(path))
        return path
    with tall_viewport(page):
        page.screenshot(path=str(path), full_page=True)
    return path


def picture_when_still(
    locator: Locator, *, differs_from: bytes | None = None, timeout: float = 30_000
) -> bytes:
    """A screenshot of ``locator`` once it is drawn and stands still; returned as PNG bytes.

    Drawn: not one plain colour. Still: two screenshots in a row are the same. With
    ``differs_from``, also wait until the picture differs from that one (a zoom or a pan took
    effect). For canvases (WebGL) whose pixels JavaScript cannot read.
    """
    from io import BytesIO

    from PIL import Image

    deadline = time.monotonic() + timeout / 1000
    previous = b""
    while True:
        shot = locator.screenshot()
        with Image.open(BytesIO(shot)) as image:
            plain_colour = image.convert("RGB").getcolors(maxcolors=1) is not None
        if shot == previous and not plain_colour and shot != differs_from:
            return shot
        if time.monotonic() > deadline:
            what = "getekend" if differs_from is None else "veranderd"
            raise AssertionError(f"afbeelding niet {what} en stil binnen {timeout / 1000:.0f} s")
        previous = shot


def hover(locator: Locator) -> None:
    """Move the mouse over ``locator`` and wait until the page has drawn a frame in that state."""
    locator.hover()
    locator.evaluate(
        """async (e) => {
            if (!e.matches(':hover')) throw new Error('muis staat niet boven het element');
            await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
        }"""
    )


def main_text(page: Page) -> str:
    return page.locator('[data-testid="stMain"]').inner_text()


def go_via_sidebar(page: Page, title: str) -> None:
    """Click a page in the sidebar navigation (the session and its weighting stay).

    Waits for the new page's heading and for a run begun after the click, so a heading of the
    page left that shares the word cannot end the wait early.
    """
    page.locator('[data-testid="stSidebarNav"] a').filter(has_text=title).first.click()
    page.wait_for_function(
        "(t) => document.querySelector('[data-testid=\"stMain\"] h1')"
        " && document.querySelector('[data-testid=\"stMain\"] h1').innerText"
        ".toLowerCase().includes(t.toLowerCase())",
        arg=title.split()[0].rstrip("'s"),
        timeout=60_000,
    )
    wait_idle(page, after_action=True)


def open_tab(page: Page, name: str) -> None:
    """Select a tab (client-side only: no rerun to wait for).

    A click while a run is still drawing can be undone by that run (it sends the tabs with the
    selection the server knew), so wait for the run to end first.
    """
    wait_idle(page)
    tab = page.get_by_role("tab", name=name)
    if tab.get_attribute("aria-selected") != "true":
        tab.click()
        expect(tab).to_have_attribute("aria-selected", "true")


def choose(page: Page, label: str, option: str) -> None:
    """Pick ``option`` in the visible selectbox labelled ``label`` (type it, then click it)."""
    field = page.get_by_role("combobox", name=label, exact=True).filter(visible=True).first
    if option not in field.input_value():
        field.click()
        field.fill(option)
        page.locator('[role="option"]').filter(has_text=option).first.click()
        wait_idle(page, after_action=True)
    chosen = field.input_value()
    assert option in chosen, f"{option!r} niet gekozen in {label!r}: {chosen!r}"
