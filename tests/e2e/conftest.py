"""Fixtures for the browser tests: one app server and one headless chromium for the session.

The app runs as ``python -m streamlit run app.py`` on 127.0.0.1 with ``DASHBOARD_DATA_DIR`` from
the environment (``tests/conftest.py`` defaults it) and a scenario database in a temporary folder.
The browser is Debian's ``/usr/bin/chromium``; Playwright never downloads one.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from benchmarks.streamlit_client import run_once
from support.browser import PageWatch, open_page, reveal_all, screenshot, watch
from support.server import CHROMIUM, CHROMIUM_ARGS, AppServer, running_app
from tests.needs import unavailable

HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Everything under tests/e2e is an e2e test (``-m "not e2e"`` skips them all)."""
    for item in items:
        if HERE in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.e2e)


def _require_chromium() -> None:
    if CHROMIUM.exists():
        return
    reason = f"{CHROMIUM} ontbreekt: installeer Debian's chromium (apt-get install chromium)"
    unavailable(reason)


@pytest.fixture(scope="session")
def app_server(tmp_path_factory: pytest.TempPathFactory, cbs_dir: Path) -> Iterator[AppServer]:
    """The dashboard served on a free loopback port, shared by all browser tests."""
    _require_chromium()
    db = tmp_path_factory.mktemp("e2e-db") / "scenarios.sqlite"
    with running_app(database_url=f"sqlite:///{db}", log_name="streamlit-e2e.log") as server:
        # Run the default page once, so every test meets the app as it is after its first
        # visitor (Streamlit decides between pages/ folder and st.navigation on the first run;
        # test_deep_link_on_fresh_server checks that first run separately).
        run_once(server.url, "")
        yield server


@pytest.fixture(scope="session")
def base_url(app_server: AppServer) -> str:
    return app_server.url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """One headless Debian chromium for the whole session."""
    _require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield chromium
        finally:
            chromium.close()


@dataclass
class OpenedPage:
    """A page opened once for the session; tests that only read it share it."""

    page: Any
    watch: PageWatch
    load_seconds: float


@pytest.fixture(scope="session")
def opened_page(browser, base_url: str, app_server: AppServer):  # type: ignore[no-untyped-def]
    """``opened_page(path)``: the page at that URL path, opened (once) in its own session.

    Each page gets a screenshot under ``test-artifacts/screenshots/``. Do not change widgets
    on these pages (use the ``page`` fixture for flows).
    """
    opened: dict[str, OpenedPage] = {}
    contexts = []

    def get(path: str) -> OpenedPage:
        if path not in opened:
            ctx = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="nl-NL")
            ctx.set_default_timeout(30_000)
            contexts.append(ctx)
            page = ctx.new_page()
            seen = watch(page)
            start = time.monotonic()
            open_page(page, base_url, path)
            reveal_all(page)  # charts below the fold are drawn only when scrolled into view
            opened[path] = OpenedPage(page, seen, time.monotonic() - start)
            screenshot(page, path or "kaart")
        return opened[path]

    yield get
    for ctx in contexts:
        ctx.close()


@pytest.fixture
def context(browser, tmp_path: Path) -> Iterator[object]:  # type: ignore[no-untyped-def]
    """A fresh browser profile per test: a new Streamlit session, downloads allowed."""
    ctx = browser.new_context(
        viewport={"width": 1400, "height": 1000}, accept_downloads=True, locale="nl-NL"
    )
    ctx.set_default_timeout(30_000)
    try:
        yield ctx
    finally:
        ctx.close()


@pytest.fixture
def page(context):  # type: ignore[no-untyped-def]
    page = context.new_page()
    page.watch = watch(page)  # type: ignore[attr-defined]
    return page


@pytest.fixture
def page_watch(page) -> PageWatch:  # type: ignore[no-untyped-def]
    return page.watch  # type: ignore[no-any-return]
