"""The Kaart page in a real browser: click, hover, zoom to the highlighted areas, free zoom."""

from __future__ import annotations

import io

import pytest
from playwright.sync_api import Page, expect

from support.browser import open_page, screenshot, wait_idle

pytestmark = pytest.mark.e2e

MAP = ".kaart-svg"


def region(page: Page, code: str):  # type: ignore[no-untyped-def]
    return page.locator(f'{MAP} [data-code="{code}"]').first


def test_clicking_a_region_selects_it_and_shows_its_details_beside_the_map(
    page: Page, base_url: str
) -> None:
    open_page(page, base_url, "")
    region(page, "AM01").click()
    wait_idle(page, after_action=True)
    heading = page.get_by_role("heading", name="Groningen (AM01)")
    expect(heading).to_be_visible()
    expect(page.get_by_role("combobox", name="Kies een regio (of klik op de kaart)")).to_have_value(
        "Groningen (AM01)"
    )
    # beside the map, not a screen below it: starts right of the map, level with its top half
    map_box = page.locator(MAP).bounding_box()
    details = heading.bounding_box()
    assert map_box and details
    assert details["x"] >= map_box["x"] + map_box["width"] - 5, (map_box, details)
    assert details["y"] <= map_box["y"] + map_box["height"] / 2, (map_box, details)
    # the chosen region is outlined on the map
    expect(region(page, "AM01")).to_have_class("gekozen")
    screenshot(page, "kaart-regio-gekozen")


def test_the_map_is_a_picture_first_and_the_clickable_map_takes_its_place(
    page: Page, base_url: str
) -> None:
    """The picture is drawn with the text; once the component has drawn the same SVG, it hides
    the picture and stands exactly where the picture stood: at the top of the map's column, the
    same size (nothing below it moves)."""
    picture = '[class*="st-key-kaartbeeld_"] img'
    column_top = 'e => e.closest(\'[data-testid="stColumn"] [data-testid="stVerticalBlock"]\')'
    offset = f"e => e.getBoundingClientRect().top - ({column_top})(e).getBoundingClientRect().top"
    # without the component's code the picture is all there is, and it is on screen
    page.route("**/BidiComponent*.js", lambda route: route.abort())
    open_page(page, base_url, "")
    expect(page.locator(picture)).to_be_visible()
    still = page.locator(picture).bounding_box()
    assert page.locator(picture).evaluate("i => i.complete && i.naturalWidth > 0")
    assert page.locator(picture).get_attribute("alt", timeout=1000).startswith("Kaart van")
    assert abs(page.locator(picture).evaluate(offset)) <= 2
    page.unroute("**/BidiComponent*.js")
    open_page(page, base_url, "")
    expect(region(page, "AM34")).to_be_visible()
    expect(page.locator(picture)).to_be_hidden()
    live_svg = page.locator(f"{MAP} svg")
    live = live_svg.bounding_box()
    assert abs(live_svg.evaluate(offset)) <= 2
    assert still and live
    for side in ("x", "width", "height"):
        assert abs(still[side] - live[side]) <= 2, (side, still, live)


#: True once the page-wide style (``dashboard.ui.layout.GLOBAL_CSS``) is in the document and the
#: browser has laid the page out with it (two animation frames later).
_STYLED_JS = """async () => {
    const styled = [...document.querySelectorAll('style')]
        .some(s => s.textContent.includes('.st-key-kaart_keuzes'));
    if (!styled) return false;
    await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
    return true;
}"""

#: In every animation frame from the first one that shows the title: the title's top and height
#: and, once it is shown (the picture or the clickable map), the map's top and width; a row each
#: time one of them changes.
_FIRST_LOOK_JS = """(() => {
    const rows = window.__firstLook = [];
    const frame = () => {
        const h = document.querySelector('[data-testid="stMain"] h1');
        const shown = document.querySelector('.kaart-svg svg')
            || document.querySelector('[class*="st-key-kaartbeeld_"] img');
        if (h) {
            const title = h.getBoundingClientRect();
            const map = shown ? shown.getBoundingClientRect() : null;
            const row = {titleTop: Math.round(title.top), titleHeight: Math.round(title.height),
                         mapTop: map && Math.round(map.top),
                         mapWidth: map && Math.round(map.width)};
            const last = rows[rows.length - 1];
            if (!last || Object.keys(row).some(k => row[k] !== last[k])) rows.push(row);
        }
        requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
})();"""


def _first_look(page: Page, base_url: str) -> list[dict[str, int | None]]:
    """Open the Kaart in a new tab and wait until the whole page stands, styled: what
    ``_FIRST_LOOK_JS`` saw from the first frame with the title until then."""
    open_page(page, base_url, "")
    expect(region(page, "AM34")).to_be_visible()
    expect(page.get_by_role("combobox", name="Wat wilt u op de kaart zien?")).to_be_visible()
    page.wait_for_function(_STYLED_JS)
    rows = page.evaluate("window.__firstLook")
    assert rows, "de titel stond niet op het scherm"
    return rows


def _moves(rows: list[dict[str, int | None]], **allowed: int) -> dict[str, list[int]]:
    """The measures that changed by more than ``allowed`` pixels after the first frame that
    showed them."""
    seen: dict[str, list[int]] = {
        key: [value for row in rows if (value := row[key]) is not None] for key in allowed
    }
    assert all(seen.values()), rows
    return {key: v for key, v in seen.items() if max(v) - min(v) > allowed[key]}


@pytest.mark.parametrize("width,height", [(1280, 720), (1024, 768), (390, 844)])
def test_a_new_tab_never_moves_the_title_or_the_map(
    page: Page, base_url: str, width: int, height: int
) -> None:
    """Once the title and the map are on screen they stay where they are while the rest of the
    page, its code and its style arrive: on a wide screen, where the sidebar leaves the controls
    above the map little room (1024 px), and on a phone, where the controls stack. The map once
    jumped up and back (33 px, 100 px on a phone) when the controls came before the page style,
    and moved 21 px at 1024 px when a control's options wrapped. Each load is a new tab."""
    page.set_viewport_size({"width": width, "height": height})
    page.add_init_script(_FIRST_LOOK_JS)
    for _ in range(2):
        rows = _first_look(page, base_url)
        # the map may settle by a few pixels (the controls' place and the clickable map that
        # replaces the picture are each within 2 px), never jump
        assert not _moves(rows, titleTop=2, mapTop=4), rows


@pytest.mark.parametrize("width,height", [(1920, 1080), (390, 844)])
def test_the_first_look_keeps_its_size(page: Page, base_url: str, width: int, height: int) -> None:
    """The map picture is as wide as the clickable map that replaces it, and the title as high, from
    the first frame: on a wide screen the picture no longer grows when the page style arrives, and
    on a phone the title no longer shrinks then (which moved the map up)."""
    page.set_viewport_size({"width": width, "height": height})
    page.add_init_script(_FIRST_LOOK_JS)
    rows = _first_look(page, base_url)
    assert not _moves(rows, mapWidth=2, titleHeight=2), rows


def test_hover_shows_each_detail_once(page: Page, base_url: str) -> None:
    open_page(page, base_url, "")
    region(page, "AM34").hover()
    tip = page.locator(".kaart-tip")
    expect(tip).to_be_visible()
    lines = [line.strip() for line in tip.inner_text().splitlines() if line.strip()]
    assert lines[0] == "Zuid-Holland Centraal (AM34)", lines
    labels = [line.split(":")[0] for line in lines[1:]]
    assert len(labels) == len(set(labels)), f"een regel staat er twee keer: {lines}"
    assert any(line.startswith("Inwoners:") for line in lines), lines


def test_zoom_to_the_highlighted_areas_makes_voorschoten_visible(page: Page, base_url: str) -> None:
    open_page(page, base_url, "")
    before = region(page, "AM34").bounding_box()
    page.get_by_text("Uitlichten, inzoomen en gemeentegrenzen").click()
    page.get_by_text("Inzoomen op de uitgelichte gebieden").click()
    wait_idle(page, after_action=True)
    page.wait_for_function(
        "(w) => { const r = document.querySelector('.kaart-svg [data-code=\"AM34\"]');"
        " return r && r.getBoundingClientRect().width > 2.5 * w; }",
        arg=before["width"] if before else 0,
    )
    after = region(page, "AM34").bounding_box()
    assert before and after and after["width"] > 2.5 * before["width"], (before, after)
    screenshot(page, "kaart-ingezoomd")


def _dark_share(png: bytes) -> float:
    """Share of the pixels that are (nearly) black."""
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("L")
    histogram = image.histogram()
    return sum(histogram[:40]) / max(1, sum(histogram))


def test_free_zoom_keeps_outlines_thin_and_has_a_legend(page: Page, base_url: str) -> None:
    open_page(page, base_url, "")
    page.get_by_role("radiogroup", name="Weergave").get_by_text("Vrij zoomen").click()
    wait_idle(page, after_action=True)
    deck = page.locator('[data-testid="stDeckGlJsonChart"]').first
    expect(deck).to_be_visible(timeout=30_000)
    page.wait_for_timeout(1_500)  # deck.gl draws after its first animation frames
    shares = [_dark_share(deck.screenshot())]
    box = deck.bounding_box()
    assert box
    page.mouse.move(box["x"] + box["width"] * 0.35, box["y"] + box["height"] * 0.55)
    for _ in range(6):
        page.mouse.wheel(0, -400)
        page.wait_for_timeout(250)
    page.wait_for_timeout(1_000)
    shares.append(_dark_share(deck.screenshot()))
    screenshot(page, "kaart-vrij-zoomen-ingezoomd")
    # outlines a few pixels wide cover a few percent of the map, not most of it
    assert max(shares) < 0.15, f"aandeel zwarte pixels voor/na inzoomen: {shares}"
    legend = page.locator('[data-testid="stImage"]').filter(has_text="Legenda")
    expect(legend).to_be_visible()
