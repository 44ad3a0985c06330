"""The meeting room in a real browser: amounts read the Dutch way, the view survives a reload,
the presentation fits a projector, a gemeente sees its own change first.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.browser import assert_no_error_box, main_text, open_page, screenshot, wait_idle

pytestmark = pytest.mark.e2e

ZHC_BUDGET = "Regiobudget Zuid-Holland Centraal (euro per jaar)"
HR_BUDGET = "Regiobudget Holland Rijnland (euro per jaar)"


def amount_field(page: Page, label: str):  # type: ignore[no-untyped-def]
    return page.get_by_role("textbox", name=label, exact=True).first


def type_amount(page: Page, label: str, text: str) -> None:
    field = amount_field(page, label)
    field.fill(text)
    field.press("Enter")
    wait_idle(page, after_action=True)


def metric(page: Page, label: str) -> str:
    box = page.locator('[data-testid="stMetric"]').filter(has_text=label).first
    return box.locator('[data-testid="stMetricValue"]').inner_text().strip()


def test_amounts_are_read_the_dutch_way(page: Page, app_server) -> None:  # type: ignore[no-untyped-def]
    open_page(page, app_server.url, "overstap")
    type_amount(page, ZHC_BUDGET, "1.000.000")
    # one million, not €1: Voorschoten's 6,7 % share goes to the blijvers
    expect(amount_field(page, ZHC_BUDGET)).to_have_value("€ 1.000.000")
    assert metric(page, "Extra voor de blijvers") == "€ 66.921"

    type_amount(page, ZHC_BUDGET, "1000000,50")
    expect(amount_field(page, ZHC_BUDGET)).to_have_value("€ 1.000.000,50")
    assert metric(page, "Extra voor de blijvers") == "€ 66.921"  # not 100.000.050 × 6,7 %

    type_amount(page, HR_BUDGET, "€ 2.000.000")
    expect(amount_field(page, HR_BUDGET)).to_have_value("€ 2.000.000")

    # 20 digits: refused in Dutch, and the page says which amount it still uses
    type_amount(page, ZHC_BUDGET, "12345678901234567890")
    refusal = page.locator('[data-testid="stAlertContentError"]').filter(
        has_text="Niet overgenomen"
    )
    expect(refusal.first).to_be_visible()
    assert "vorige bedrag, € 1.000.000,50" in refusal.first.inner_text()
    text = main_text(page)
    assert "Press Enter" not in text
    assert "Niet alle ingevulde bedragen zijn overgenomen" in text
    screenshot(page, "overstap-bedrag-geweigerd")

    type_amount(page, ZHC_BUDGET, "")
    expect(refusal).to_have_count(0)
    assert metric(page, "Extra voor de blijvers") == "vul een budget in"


def test_overstap_opens_with_what_changes_for_the_gemeente(page: Page, app_server) -> None:  # type: ignore[no-untyped-def]
    open_page(page, app_server.url, "overstap")
    first_heading = page.locator('[data-testid="stMain"] h3').first
    expect(first_heading).to_have_text("Wat verandert er voor Voorschoten")
    box = page.locator('[data-testid="stVerticalBlock"]').filter(
        has=page.locator("h3", has_text="Wat verandert er voor Voorschoten")
    )
    summary = box.last.inner_text()
    for expected in ("Leiden in plaats van Zoetermeer", "6,7% van het budget van", "7 stappen"):
        assert expected in summary, summary

    type_amount(page, ZHC_BUDGET, "1.000.000")
    type_amount(page, HR_BUDGET, "2.000.000")
    summary = box.last.inner_text()
    assert "nu € 66.921 per jaar" in summary and "daarna € 86.832" in summary, summary
    # the mover's own row in the cost table shows its change in euro and per cent
    table = page.locator('[data-testid="stDataFrame"]').first
    expect(table).to_be_visible()
    grid_text = " | ".join(table.locator("td").all_text_contents())  # the grid's a11y table
    assert "overstap" not in grid_text
    assert "+€ 19.911 (+29,8%)" in grid_text, grid_text
    assert "van het budget voor" in grid_text
    assert_no_error_box(page, app_server.log_path)


def test_no_english_instruction_under_a_text_field(page: Page, app_server) -> None:  # type: ignore[no-untyped-def]
    open_page(page, app_server.url, "overstap")
    field = amount_field(page, ZHC_BUDGET)
    field.click()
    field.type("12")
    instructions = page.locator('[data-testid="InputInstructions"]')
    page.wait_for_timeout(300)
    visible = [t for t in instructions.all_inner_texts() if t.strip()]
    assert not any(re.search(r"Press|Enter to", t) for t in visible), visible
