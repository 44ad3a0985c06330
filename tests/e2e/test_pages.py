"""Every page opens in a real browser without an error box and shows its Dutch title."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from benchmarks.streamlit_client import run_once
from support.browser import PAGES, assert_no_error_box, expect_title, open_page
from support.server import running_apps

pytestmark = pytest.mark.e2e

IDS = [p or "kaart" for p in PAGES]


@pytest.mark.parametrize(("path", "title"), list(PAGES.items()), ids=IDS)
def test_page_opens_without_error(opened_page, app_server, path: str, title: str) -> None:
    opened = opened_page(path)
    expect_title(opened.page, title)
    assert_no_error_box(opened.page, app_server.log_path)
    assert not opened.watch.dialogs
    print(f"/{path}: getekend in {opened.load_seconds:.1f} s")


@pytest.mark.parametrize("path", list(PAGES), ids=IDS)
def test_no_page_fetches_from_elsewhere(opened_page, path: str) -> None:
    """No page, drawn to its end, asks another computer for anything (fonts, tiles, scripts)."""
    outside = opened_page(path).watch.outside_requests
    assert not outside, f"verzoeken buiten deze server: {outside[:5]}"


#: The membership map as the page draws it: a picture of a server-drawn SVG in the text.
PICTURE = '[data-testid="stMarkdownContainer"] img[src^="data:image/svg+xml;base64,"]'
PICTURE_CHECK = """(img) => {
    const holder = img.closest('[data-testid="stElementContainer"]');
    const next = holder && holder.nextElementSibling;
    const main = document.querySelector('[data-testid="stMain"]').getBoundingClientRect();
    const box = img.getBoundingClientRect();
    return {decoded: img.complete && img.naturalWidth > 0, alt: img.alt,
            fits: box.left >= main.left - 1 && box.right <= main.right + 1,
            after: next ? next.innerText : ''};
}"""


@pytest.mark.parametrize("path", ["regios", "overstap"])
def test_membership_map_is_a_picture_without_webgl(opened_page, path: str) -> None:
    """The region comparison and the overstap draw their map as a server-drawn SVG picture:
    no plotly map (its 4.7 MB chunk and software WebGL), a name for screen readers, the text
    version right below it."""
    page = opened_page(path).page
    pictures = page.locator(PICTURE)
    assert pictures.count() == 1
    picture = pictures.first.evaluate(PICTURE_CHECK)
    assert picture["decoded"] and picture["fits"], picture
    assert picture["alt"].startswith("Kaart van de gemeenten van Zuid-Holland Centraal"), picture
    assert picture["after"].startswith("Tekstversie van de kaart"), picture
    assert page.locator('[data-testid="stPlotlyChart"] canvas').count() == 0


def test_sidebar_lists_every_page(opened_page) -> None:
    """The navigation offers all pages in Dutch, so a user can reach them without URLs."""
    nav = opened_page("").page.locator('[data-testid="stSidebarNav"]').inner_text()
    for title in PAGES.values():
        assert title in nav, f"{title!r} ontbreekt in de navigatie: {nav!r}"


def test_unknown_page_does_not_show_a_traceback(page, base_url: str) -> None:
    """A mistyped link lands on a page without a traceback."""
    open_page(page, base_url, "bestaat-niet")
    assert page.locator('[data-testid="stException"]').count() == 0


#: Pages a first visitor reaches through a share link on a freshly started server: one that
#: is light, one that takes a share link's weighting. ``test_quality``'s
#: ``test_every_page_calls_page_guard_first`` holds every other page to the same first line.
FIRST_VISITS = ["bronnen", "varianten"]


def test_deep_link_on_fresh_server_runs_through_app(tmp_path: Path) -> None:
    """The first visitor after a (re)start may arrive through a share link, not through /.

    Streamlit 1.67 runs the first session of a fresh server in its legacy "pages/ folder" mode,
    which would run ``pages/<x>.py`` without app.py (no Dutch navigation, no page config, no
    error guard, no share link). Every page must call ``layout.page_guard()`` first. One fresh
    server per page (only the first run of a process shows it), started side by side.
    """
    servers = [
        {
            "database_url": f"sqlite:///{tmp_path / (p + '.sqlite')}",
            "log_name": f"streamlit-fresh-{p}.log",
        }
        for p in FIRST_VISITS
    ]
    with running_apps(*servers) as fresh, ThreadPoolExecutor(len(fresh)) as pool:
        sessions = list(pool.map(run_once, [s.url for s in fresh], FIRST_VISITS))
    wrong = [
        f"/{path}: navigatie {session.nav_pages}, paginatitel {session.page_title!r}"
        for path, session in zip(FIRST_VISITS, sessions, strict=True)
        if "Kaart" not in session.nav_pages or session.page_title != "Arbeidsmarktregio-dashboard"
    ]
    assert not wrong, (
        "zonder app.py gestart (roep layout.page_guard() aan bovenaan de pagina):\n"
        + "\n".join(wrong)
    )
