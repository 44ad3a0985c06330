"""User flows in the real browser, as an analyst and an alderman would go through them.

- Varianten: move a weight and see the ranking sentence change.
- Overstap: Voorschoten to Holland Rijnland leaves Zuid-Holland Centraal with 5 members and
  gives Holland Rijnland 13.
- Scenario's: save a scenario, reopen the view from its share link.
- Presentatie: download the PDF and the PowerPoint and open them (page count, slide count).
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.browser import assert_no_error_box, open_page, screenshot, wait_idle

pytestmark = pytest.mark.e2e

SENTENCE = "Met deze weging"  # "… scoort Variant 1 het hoogst" or "… scoren … even hoog"


def ranking_sentence(page: Page) -> str:
    box = page.locator('[data-testid="stAlertContentSuccess"]').filter(has_text=SENTENCE)
    expect(box.first).to_be_visible(timeout=60_000)
    return box.first.inner_text().strip()


def slider(page: Page, label: str):  # type: ignore[no-untyped-def]
    """The range input of the slider labelled ``label`` (what a keyboard user focuses)."""
    return page.locator(f'[data-testid="stSlider"] input[type="range"][aria-label="{label}"]').first


def move_slider(page: Page, label: str, key: str) -> float:
    """Focus the slider and press a key (as a keyboard user would); return its new value."""
    handle = slider(page, label)
    handle.focus()
    handle.press(key)
    wait_idle(page, after_action=True)
    return float(handle.input_value())


def test_moving_a_weight_changes_the_ranking_sentence(page: Page, app_server) -> None:  # type: ignore[no-untyped-def]
    open_page(page, app_server.url, "varianten")
    before = ranking_sentence(page)
    value = move_slider(page, "Werkgevers", "End")
    assert value > 1, f"schuif Werkgevers niet verplaatst (waarde {value!r})"
    expect(
        page.locator('[data-testid="stAlertContentSuccess"]').filter(has_text=SENTENCE).first
    ).not_to_have_text(before, timeout=30_000)
    after = ranking_sentence(page)
    assert after != before
    # the group shares shown follow the sliders (other two groups keep weight 1)
    share = round(100 * value / (value + 2))
    assert f"werkgevers {share}%" in page.locator('[data-testid="stMain"]').inner_text()
    screenshot(page, "flow-varianten-werkgevers-max")
    assert_no_error_box(page, app_server.log_path)
