"""One story everywhere, in a real browser: the pages say the same thing about one weighting.

- Varianten and Robuustheid name the same main reasons why Variant 1 beats Variant 2, and a
  tie between criteria is named as a tie.
- The Presentatie step on robustness gives the same interval in its sentence and its chart.
- A scale of 1e300 for ++ is refused in Dutch; Varianten and Robuustheid keep working and the
  scale panel with its reset stays.
"""

from __future__ import annotations

import base64
import html
import re
import urllib.parse

import pytest
from playwright.sync_api import Page, expect

from support.browser import (
    assert_no_error_box,
    go_via_sidebar,
    main_text,
    open_page,
    reveal_all,
    screenshot,
    wait_idle,
)

pytestmark = pytest.mark.e2e

REASONS = re.compile(r"Variant 1 wint vooral doordat het[^.]*?(?:\.|$)", re.M)


def reasons(text: str) -> set[str]:
    match = REASONS.search(text)
    assert match, f"geen zin met de redenen gevonden in: {text[:2000]}"
    return set(re.findall(r"‘([^’]+)’", match.group(0)))


def test_varianten_and_robuustheid_name_the_same_reasons(page: Page, app_server) -> None:  # type: ignore[no-untyped-def]
    open_page(page, app_server.url, "varianten")
    on_varianten = main_text(page)
    go_via_sidebar(page, "Robuustheid")
    on_robuustheid = main_text(page)
    assert reasons(on_varianten) == reasons(on_robuustheid)
    # with the default weights five werkgevers criteria contribute exactly as much: a tie
    assert len(reasons(on_varianten)) == 5
    assert "op 5 criteria even veel beter" in on_varianten
    assert "op 5 criteria even veel beter" in on_robuustheid
    assert_no_error_box(page, app_server.log_path)


def test_presentation_sentence_and_chart_show_the_same_interval(page: Page, app_server) -> None:  # type: ignore[no-untyped-def]
    # criterion wz04 fifteen times as heavy: the werkgevers interval starts at 11.22 %, which
    # the sentence rounds up (12 %, so it stays true) and the chart used to round to 11 %
    open_page(page, app_server.url, "presentatie", "cw=wz04:15")
    page.get_by_role("radio", name=re.compile(r"\d+\. Robuustheid")).first.check(force=True)
    wait_idle(page, after_action=True)
    reveal_all(page)
    # the sentences beside the chart, including those folded away under "Meer toelichting"
    text = page.locator('[data-testid="stMain"]').text_content() or ""
    found = re.search(r"werkgevers tussen (\S+%) en (\S+%) van het gewicht", text)
    assert found, text[:3000]
    low, high = found.groups()
    # the chart is a picture drawn by the server (SVG): read the labels from the picture
    image = page.locator('[data-testid="stMain"] [data-testid="stImage"] img').first
    expect(image).to_be_attached(timeout=60_000)
    source = image.get_attribute("src") or ""
    if source.startswith("data:"):
        header, _, body = source.partition(",")
        picture = (
            base64.b64decode(body).decode("utf-8")
            if header.endswith(";base64")
            else urllib.parse.unquote(body)
        )
    else:
        picture = page.request.get(urllib.parse.urljoin(page.url, source)).text()
    labels = [html.unescape(t).strip() for t in re.findall(r"<text[^>]*>([^<]*)</text>", picture)]
    assert f"{low} – {high}" in labels, (low, high, labels)
    screenshot(page, "presentatie-robuustheid-interval")


def test_a_huge_scale_value_is_refused_in_dutch(page: Page, app_server) -> None:  # type: ignore[no-untyped-def]
    open_page(page, app_server.url, "varianten")
    page.get_by_text("Schaal aanpassen", exact=False).first.click()
    field = page.get_by_label("Waarde van ++", exact=True).first
    expect(field).to_be_visible()
    field.fill("1e300")
    field.press("Tab")
    page.get_by_role("button", name="Schaal toepassen").click()
    wait_idle(page, after_action=True)
    refusal = page.locator('[data-testid="stAlertContentError"]').filter(
        has_text="Deze schaal is niet overgenomen"
    )
    expect(refusal.first).to_be_visible()
    assert "-100 tot en met 100" in refusal.first.inner_text()
    assert page.locator('[data-testid="stException"]').count() == 0
    text = main_text(page)
    for english in ("Ask Google", "Ask ChatGPT", "Traceback", "InvalidOperation"):
        assert english not in text
    # the panel is still there and the page still works
    expect(page.get_by_role("button", name="Schaal toepassen")).to_be_visible()
    screenshot(page, "varianten-schaal-1e300")
    go_via_sidebar(page, "Robuustheid")
    assert_no_error_box(page, app_server.log_path)
    assert "De uitkomst is" in main_text(page)


def test_a_custom_scale_keeps_its_reset(page: Page, app_server) -> None:  # type: ignore[no-untyped-def]
    open_page(page, app_server.url, "varianten", "sc=pp:1000")
    # the link's scale is refused with a notice; the standard scale stays in use
    assert "-100 tot en met 100" in main_text(page)
    open_page(page, app_server.url, "varianten", "sc=pp:3")
    page.get_by_text("Schaal aanpassen", exact=False).first.click()
    reset = page.get_by_role("button", name=re.compile("Standaardschaal terugzetten"))
    expect(reset).to_be_visible()
    assert_no_error_box(page, app_server.log_path)
