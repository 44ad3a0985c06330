"""The Kaart page in a real browser: click, hover, zoom to the highlighted areas, free zoom."""

from __future__ import annotations

import io
import time

import pytest
from playwright.sync_api import Page, expect
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from benchmarks.streamlit_client import run_once
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


#: When each part first exists (``performance.now()``), and the controls' box height while the
#: map is on screen without the rest of the page (its tallest: its blocks take a frame to lay out).
_FIRST_SEEN_JS = """(() => {
    const parts = {picture: '[class*="st-key-kaartbeeld_"] img', reset: '.st-key-reset_all',
                   controls: '[data-testid="stSelectbox"]', clickable: '.kaart-svg svg'};
    const seen = window.__seen = {box: -1};
    const check = () => {
        for (const [name, selector] of Object.entries(parts)) {
            if (!(name in seen) && document.querySelector(selector)) seen[name] = performance.now();
        }
        const box = document.querySelector('.st-key-kaart_keuzes');
        if (box && 'picture' in seen && !('reset' in seen)) {
            seen.box = Math.max(seen.box, box.getBoundingClientRect().height);
        }
    };
    new MutationObserver(check).observe(document, {subtree: true, childList: true});
    const frame = () => { check(); if (!('reset' in seen)) requestAnimationFrame(frame); };
    requestAnimationFrame(frame);
})();"""


def _open_with_the_map_first(page: Page, base_url: str) -> dict:
    """Open the Kaart in new tabs until one draws the map before the rest of the page (a busy
    machine can merge the two runs; three tries); what ``_FIRST_SEEN_JS`` saw in that tab."""
    page.add_init_script(_FIRST_SEEN_JS)
    tries = []
    for _ in range(3):  # each load is a new tab's first run
        open_page(page, base_url, "")
        expect(region(page, "AM34")).to_be_visible()
        expect(page.get_by_role("combobox", name="Wat wilt u op de kaart zien?")).to_be_visible()
        seen = page.evaluate("window.__seen")
        tries.append(seen)
        if all(seen["picture"] < seen[later] for later in ("reset", "controls", "clickable")):
            return seen
    pytest.fail(f"the map never came before the rest of the page: {tries}")


def test_a_new_tab_draws_the_map_before_the_rest_of_the_page(page: Page, base_url: str) -> None:
    """A new tab's first run sends the map only, the whole page follows in a second
    run. The reset button, the controls and the clickable map (all with code still to load) come
    after the picture, not with it; their box already has its final height, so the map stays put."""
    seen = _open_with_the_map_first(page, base_url)
    final = page.locator(".st-key-kaart_keuzes").bounding_box()
    assert final and abs(seen["box"] - final["height"]) <= 4, (seen, final)


@pytest.mark.parametrize("width,height", [(1024, 768), (390, 844)])
def test_the_controls_place_is_as_high_as_the_controls(
    page: Page, base_url: str, width: int, height: int
) -> None:
    """The blocks that hold the controls' place in a new tab's first run are as high as the
    controls that replace them, also where the sidebar leaves the controls little room (1024 px:
    the view choice's two options used to wrap there, and the map moved 21 px down) and on a
    phone, where the controls stand one under the other."""
    page.set_viewport_size({"width": width, "height": height})
    seen = _open_with_the_map_first(page, base_url)
    page.wait_for_timeout(500)  # the page-wide style has applied by now
    final = page.locator(".st-key-kaart_keuzes").bounding_box()
    assert final and abs(seen["box"] - final["height"]) <= 4, (seen, final)


def _seconds_from_picture_to_the_rest(base_url: str) -> float:
    """A new session's first visit to the Kaart, over the websocket as a browser speaks it:
    seconds from the message with the map picture to the first message of the run after it."""
    at: dict[str, float] = {}

    def note(msg: ForwardMsg) -> None:
        kind = msg.WhichOneof("type")
        if kind == "delta" and "picture" not in at:
            if "data:image/svg+xml" in msg.delta.new_element.markdown.body:
                at["picture"] = time.perf_counter()
        elif kind == "new_session" and "picture" in at and "rest" not in at:
            at["rest"] = time.perf_counter()  # the run that sends the rest of the page

    run_once(base_url, "", on_message=note)
    assert "picture" in at and "rest" in at, f"no map picture, or no run after it: {at}"
    return at["rest"] - at["picture"]


def test_the_rest_of_the_page_comes_after_the_browser_shows_the_style(base_url: str) -> None:
    """A new tab's second run (the controls, the clickable map) comes at least 0.3 s after the
    map picture. The browser shows content that waited for its code at most once per 300 ms;
    when the second run came sooner (0.15 s), it often arrived before the page style had
    applied, the controls stood for a moment without their least height, and the map jumped up
    and back (33 px, 100 px on a phone; 11 of 16 new tabs, none with 0.3 s: see
    ``benchmarks/RESULTS.md``). Measured on the wire, where it does not depend on how busy the
    browser is; a late read of the picture can only make the gap look shorter, hence 0.25 s."""
    gaps = [_seconds_from_picture_to_the_rest(base_url) for _ in range(3)]
    assert min(gaps) >= 0.25, gaps


_TITLE_TOPS_JS = """(() => {
    const tops = [];
    window.__titleTops = tops;
    new MutationObserver(() => {
        const h = document.querySelector('[data-testid="stMain"] h1');
        if (!h) return;
        const top = Math.round(h.getBoundingClientRect().top);
        if (tops[tops.length - 1] !== top) tops.push(top);
    }).observe(document, {subtree: true, childList: true, attributes: true});
})();"""


def test_the_title_stays_where_it_first_appears(page: Page, base_url: str) -> None:
    """The space above the title is a theme setting, which comes with the first message, not
    page style, which applies only once its code has loaded: the title, and the map under it,
    no longer move up after they are on screen."""
    page.add_init_script(_TITLE_TOPS_JS)
    open_page(page, base_url, "")
    expect(page.get_by_role("combobox", name="Wat wilt u op de kaart zien?")).to_be_visible()
    page.wait_for_timeout(500)  # the page-wide style has applied by now
    tops = page.evaluate("window.__titleTops")
    assert tops and max(tops) - min(tops) <= 2, tops


#: The map's size and the title's height in each animation frame, from the first frame that shows
#: the map picture until the clickable map has replaced it.
_FIRST_LOOK_SIZES_JS = """(() => {
    const sizes = window.__sizes = [];
    const frame = () => {
        const shown = document.querySelector('.kaart-svg svg')
            || document.querySelector('[class*="st-key-kaartbeeld_"] img');
        const h = document.querySelector('[data-testid="stMain"] h1');
        if (shown && h) {
            const map = shown.getBoundingClientRect();
            const row = [Math.round(map.width), Math.round(h.getBoundingClientRect().height)];
            const last = sizes[sizes.length - 1];
            if (!last || last[0] !== row[0] || last[1] !== row[1]) sizes.push(row);
        }
        requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
})();"""


@pytest.mark.parametrize("width,height", [(1920, 1080), (390, 844)])
def test_the_first_look_keeps_its_size(page: Page, base_url: str, width: int, height: int) -> None:
    """The map picture is as wide as the clickable map that replaces it, and the title as high, from
    the first frame: on a wide screen the picture no longer grows when the page style arrives, and
    on a phone the title no longer shrinks then (which moved the map up)."""
    page.set_viewport_size({"width": width, "height": height})
    page.add_init_script(_FIRST_LOOK_SIZES_JS)
    open_page(page, base_url, "")
    expect(region(page, "AM34")).to_be_visible()
    expect(page.get_by_role("combobox", name="Wat wilt u op de kaart zien?")).to_be_visible()
    page.wait_for_timeout(500)  # the page-wide style has applied by now
    sizes = page.evaluate("window.__sizes")
    widths = [w for w, _ in sizes]
    titles = [t for _, t in sizes]
    assert sizes and max(widths) - min(widths) <= 2, sizes
    assert max(titles) - min(titles) <= 2, sizes


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
