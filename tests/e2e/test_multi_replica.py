"""Two app servers (replicas) on different ports, one scenario database, a real browser.

A scenario saved through the page on replica A is listed on replica B, and the other way
round: what a proxy with sticky sessions spreads over replicas stays one shared set of
scenarios (README, "meerdere servers achter een reverse proxy").
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from support.browser import choose, open_page, wait_idle
from support.server import running_apps

pytestmark = pytest.mark.e2e


def _save(page: Page, base_url: str, name: str) -> None:
    open_page(page, base_url, "scenarios")
    page.get_by_label("Naam van het scenario").fill(name)
    page.locator('[data-testid="stFormSubmitButton"] button').filter(has_text="Opslaan").click()
    wait_idle(page, after_action=True)
    expect(page.get_by_text("is opgeslagen").first).to_be_visible(timeout=30_000)


def _listed(page: Page, base_url: str, name: str) -> None:
    open_page(page, base_url, "scenarios")
    choose(page, "Kies een scenario", name)


def test_two_replicas_share_saved_scenarios(browser, tmp_path) -> None:  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path / 'gedeeld.sqlite'}"
    with running_apps(
        {"database_url": url, "log_name": "streamlit-replica-a.log"},
        {"database_url": url, "log_name": "streamlit-replica-b.log"},
    ) as (a, b):
        assert a.port != b.port
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        try:
            page = context.new_page()
            _save(page, a.url, "Opgeslagen op replica A")
            _listed(page, b.url, "Opgeslagen op replica A")
            _save(page, b.url, "Opgeslagen op replica B")
            _listed(page, a.url, "Opgeslagen op replica B")
        finally:
            context.close()
