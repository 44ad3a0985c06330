"""Tables, charts and the map in a real browser: free zoom fetches nothing from elsewhere (for
the pages as opened: ``test_pages.py::test_no_page_fetches_from_elsewhere``), numbers sort as
numbers, a section stays open after a share link, Page Down after a clicked step, and a printed
page shows the figures of its tables."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from support.browser import hover, open_page, picture_when_still, reveal_all, wait_idle

pytestmark = pytest.mark.e2e


def test_free_zoom_fetches_nothing_from_elsewhere(page: Page, page_watch, base_url: str) -> None:  # type: ignore[no-untyped-def]
    """Bronnen says the map uses no background map: deck.gl must not fetch a basemap."""
    open_page(page, base_url, "")
    page.get_by_role("radiogroup", name="Weergave").get_by_text("Vrij zoomen").click()
    wait_idle(page, after_action=True)
    deck = page.locator('[data-testid="stDeckGlJsonChart"]').first
    expect(deck).to_be_visible(timeout=30_000)
    # drawn: a basemap's style is asked for before the first frame, its tiles with it
    drawn = picture_when_still(deck)
    box = deck.bounding_box()
    assert box
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.wheel(0, -600)
    picture_when_still(deck, differs_from=drawn)  # zoomed in: the tiles of a closer view
    outside = page_watch.outside_requests
    assert not outside, f"verzoeken buiten deze server: {outside[:5]}"


@pytest.fixture(scope="module")
def regios(browser, base_url: str) -> Iterator[Page]:  # type: ignore[no-untyped-def]
    """Regio's opened once and drawn to its end for the two tests that read it (one prints it,
    then returns it to the screen; the other hovers and downloads)."""
    context = browser.new_context(
        viewport={"width": 1400, "height": 1000}, accept_downloads=True, locale="nl-NL"
    )
    context.set_default_timeout(30_000)
    try:
        page = context.new_page()
        open_page(page, base_url, "regios")
        reveal_all(page)
        yield page
    finally:
        context.close()


def test_printed_regios_shows_the_labour_figures(regios: Page, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The interactive table is a canvas that prints empty: the printed page holds its figures."""
    page = regios
    page.emulate_media(media="print")
    try:
        printed = page.locator('[class*="st-key-druk_regios_labour_tabel"]')
        expect(printed).to_be_visible()
        assert "6.750" in printed.inner_text()
        screen = page.locator('[class*="st-key-scherm_regios_labour_tabel"]')
        expect(screen).to_have_count(1)
        expect(screen).to_be_hidden()
        pdf = tmp_path / "regios.pdf"
        page.pdf(path=str(pdf))
    finally:
        page.emulate_media(media="screen")
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert re.search(r"Personen met bijstand\s.*6\.750", text), text[:2000]


def test_no_english_toolbar_menu_or_file_names(regios: Page) -> None:
    """No "Download as CSV", "Copy to clipboard", a chart's "Show data"/"Download as PNG" or the
    main menu's "Print"/"Record screen"; the download offered is Dutch, with a Dutch file name."""
    page = regios
    expect(page.locator('[data-testid="stMainMenu"]')).to_have_count(0)
    grid = page.locator('[data-testid="stDataFrame"]').first
    hover(grid)
    shown = [
        (b.get_attribute("aria-label") or "") + b.inner_text()
        for b in page.locator('[data-testid="stElementToolbar"] button').all()
        if b.is_visible()
    ]
    assert not shown, f"Engelse knoppen bij een tabel: {shown}"
    chart = page.locator('[data-testid="stVegaLiteChart"]').first
    hover(chart)
    shown = [
        (b.get_attribute("aria-label") or "") + b.inner_text()
        for b in page.locator('[data-testid="stElementToolbar"] button').all()
        if b.is_visible()
    ]
    assert not shown, f"Engelse knoppen bij een grafiek: {shown}"
    expect(chart.locator("details.vega-actions, .vega-actions")).to_have_count(0)
    with page.expect_download() as info:
        page.get_by_role("button", name="Cijfers downloaden (Excel)").first.click()
    name = info.value.suggested_filename
    assert name.endswith(".xlsx") and "export" not in name, name
    assert re.fullmatch(r"[a-z0-9-]+\.xlsx", name), name


def _open(page: Page, label: str) -> bool:
    box = page.locator('[data-testid="stExpander"]').filter(has_text=label).first
    return bool(box.locator("details").evaluate("d => d.open"))


def test_an_open_section_stays_open_after_a_share_link(page: Page, base_url: str) -> None:
    """Opened from a share link, an open section closed again on the first change."""
    open_page(page, base_url, "overstap", "ok=gelijk")
    label = "Bedragen die de notitie noemt"
    page.locator('[data-testid="stExpander"]').filter(has_text=label).first.locator(
        "summary"
    ).click()
    wait_idle(page, after_action=True)
    assert _open(page, label)
    choice = page.get_by_role("radio", name="Naar inwonertal (standaard)")
    choice.check(force=True)
    wait_idle(page, after_action=True)
    expect(choice).to_be_checked()  # the change is made and its rerun drawn (wait_idle)
    assert _open(page, label), "het geopende blok klapte dicht na de eerste wijziging"


def test_page_down_after_clicking_a_step(page: Page, base_url: str) -> None:
    """A clicked step kept the keyboard focus on its radio button: Page Down did nothing."""
    open_page(page, base_url, "presentatie")
    steps = page.get_by_role("radiogroup").first
    steps.get_by_text(re.compile(r"^2\. ")).click()
    wait_idle(page, after_action=True)
    expect(steps.get_by_role("radio", checked=True)).to_have_accessible_name(re.compile(r"^2\. "))
    page.keyboard.press("PageDown")
    wait_idle(page, after_action=True)
    expect(steps.get_by_role("radio", checked=True)).to_have_accessible_name(re.compile(r"^3\. "))


CUT_METRICS = """() => [...document.querySelectorAll('[data-testid="stMetricValue"]')]
    .filter(e => e.offsetParent !== null)
    .map(e => [e.innerText, e.scrollWidth > e.clientWidth + 1
        || [...e.querySelectorAll('*')].some(c => c.scrollWidth > c.clientWidth + 1)])
    .filter(([, cut]) => cut).map(([text]) => text)"""


@pytest.mark.parametrize(("width", "height"), [(1280, 720), (390, 844)])
def test_overstap_key_figures_are_not_cut(browser, base_url: str, width: int, height: int) -> None:  # type: ignore[no-untyped-def]
    """At 1280×720 the inhabitants read "357.…" and "590.…": three figures side by side in half
    the width. They now wrap onto a new row instead."""
    context = browser.new_context(viewport={"width": width, "height": height}, locale="nl-NL")
    try:
        page = context.new_page()
        open_page(page, base_url, "overstap")
        reveal_all(page)
        assert not page.evaluate(CUT_METRICS), page.evaluate(CUT_METRICS)
    finally:
        context.close()


def test_quick_clicks_keep_the_chosen_move(page: Page, base_url: str) -> None:
    """A section opened, then a choice made before the page was redrawn: Streamlit's browser
    side then sent the boxes' values empty, and the move became 's-Gravenhage to Groningen
    (half of the tries before the fix, so two tries catch it three times in four;
    `tests/app/test_overstap_page.py` has the exact case, every time)."""
    for _ in range(2):  # each on a fresh page: the first opening is the one that raced
        open_page(page, base_url, "overstap", "ok=gelijk")
        page.locator('[data-testid="stExpander"]').filter(
            has_text="Bedragen die de notitie noemt"
        ).first.locator("summary").click()
        # made before the section's rerun is drawn
        page.get_by_role("radio", name="Naar inwonertal (standaard)").check(force=True)
        wait_idle(page, after_action=True)
        expect(page.locator('[data-testid="stMain"] h3').first).to_have_text(
            "Wat verandert er voor Voorschoten"
        )
        assert "og=" not in page.url and "on=" not in page.url, page.url


#: Every page's address: the Kaart is the start page (""), the others are named after their file.
PAGE_PATHS = sorted(
    "" if f.stem == "kaart" else f.stem
    for f in (Path(__file__).resolve().parents[2] / "pages").glob("*.py")
)
#: How far the main area can be scrolled sideways (0: everything fits its width).
SIDEWAYS = """() => { const m = document.querySelector('[data-testid="stMain"]');
    return m.scrollWidth - m.clientWidth; }"""


def test_no_page_scrolls_sideways_on_a_phone(browser, base_url: str) -> None:  # type: ignore[no-untyped-def]
    """On a phone the Varianten results table (a Markdown table of seven columns) was wider than
    the screen and pushed the whole page sideways (WCAG 1.4.10: content reflows at 320 CSS px
    without scrolling in two directions); a wide table now scrolls within its own box."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="nl-NL")
    try:
        page = context.new_page()
        wide = {}
        for path in PAGE_PATHS:
            open_page(page, base_url, path)
            reveal_all(page)
            if (extra := page.evaluate(SIDEWAYS)) > 1:
                wide[path or "kaart"] = extra
        assert not wide, f"pagina's die opzij schuiven (px): {wide}"
    finally:
        context.close()
