"""Accessibility in the real browser: axe-core on every page, text alternatives for charts/maps.

Quality bar: WCAG 2.1 AA. axe's serious and critical violations fail the test; the full report
(also minor and moderate) is written to ``test-artifacts/axe/<page>.txt``.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from support.browser import PAGES, open_page, reveal_all, screenshot, wait_idle
from support.server import ARTIFACTS
from tests.e2e.a11y import blocking, describe, run_axe

pytestmark = pytest.mark.e2e

IDS = [p or "kaart" for p in PAGES]

#: Charts and maps as Streamlit renders them.
CHARTS = (
    '[data-testid="stPlotlyChart"], [data-testid="stDeckGlJsonChart"], '
    '[data-testid="stVegaLiteChart"], [data-testid="stArrowVegaLiteChart"], '
    '[data-testid="stImage"], [data-testid="stPyplot"], '
    # the server-drawn SVG map (a v2 component in the page)
    '[data-testid="stBidiComponentRegular"]'
)

#: For every chart: a text alternative right beside it (the element before it or one of the
#: three after it): an expander (table or sentences), a table, or a sentence that is not the
#: source line; or an accessible name on the chart itself (``st.vega_lite_chart(alt=...)``).
ALT_CHECK = """(selector) => {
    const TEXT = '[data-testid="stCaptionContainer"], [data-testid="stMarkdownContainer"]';
    const BLOCK = ['stExpander', 'stTable', 'stDataFrame']
        .map(id => `[data-testid="${id}"]`).join(', ');
    const charts = Array.from(document.querySelectorAll(selector));
    const missing = [];
    charts.forEach((chart, i) => {
        const named = [chart, ...chart.querySelectorAll('[aria-label], [role="img"]')]
            .some(e => (e.getAttribute('aria-label') || '').trim().length >= 20);
        const holder = chart.closest('[data-testid="stElementContainer"]') || chart;
        const near = [];
        if (holder.previousElementSibling) near.push(holder.previousElementSibling);
        let next = holder.nextElementSibling;
        for (let k = 0; k < 3 && next; k++, next = next.nextElementSibling) near.push(next);
        const beside = near.some(sib => {
            if (sib.querySelector(BLOCK)) return true;
            return Array.from(sib.querySelectorAll(TEXT)).some(t => {
                const text = t.innerText.trim();
                return text.length >= 30 && !/^bron/i.test(text);
            });
        });
        if (!named && !beside) missing.push(chart.getAttribute('data-testid') + ' #' + i);
    });
    return {count: charts.length, missing};
}"""


@pytest.mark.parametrize("path", list(PAGES), ids=IDS)
def test_no_serious_axe_violations(opened_page, path: str) -> None:
    violations = run_axe(opened_page(path).page)
    report_dir = ARTIFACTS / "axe"
    report_dir.mkdir(parents=True, exist_ok=True)
    (report_dir / f"{path or 'kaart'}.txt").write_text(describe(violations) or "geen", "utf-8")
    bad = blocking(violations)
    assert not bad, f"axe op /{path}:\n{describe(bad)}"


@pytest.mark.parametrize("path", list(PAGES), ids=IDS)
def test_charts_and_maps_have_a_text_alternative(opened_page, path: str) -> None:
    """Every chart or map has a sentence, a table or an expander beside it (product brief)."""
    result = opened_page(path).page.evaluate(ALT_CHECK, CHARTS)
    print(f"/{path}: {result['count']} grafieken/kaarten")
    assert not result["missing"], (
        f"/{path}: {len(result['missing'])} van {result['count']} grafieken/kaarten zonder "
        f"tekstalternatief ernaast: {result['missing']}"
    )


def test_axe_check_finds_a_planted_violation(page, base_url: str) -> None:
    """Guard against a check that passes because it checks nothing: plant two violations."""
    open_page(page, base_url, "bronnen")
    page.evaluate(
        """() => {
            const main = document.querySelector(
                '[data-testid="stMainBlockContainer"] [data-testid="stVerticalBlock"]');
            const p = document.createElement('p');
            p.textContent = 'Lichtgrijs op wit';
            p.style.color = '#eeeeee';
            p.style.background = '#ffffff';
            main.appendChild(p);  // below the fold: still checked
            const img = document.createElement('img');
            img.src = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';
            main.appendChild(img);
        }"""
    )
    found = {v["id"] for v in blocking(run_axe(page))}
    assert {"color-contrast", "image-alt"} <= found, found


def test_keyboard_reaches_navigation_and_widgets(page, base_url: str) -> None:
    """A keyboard user can skip to the content and reach the page links and the widgets."""
    open_page(page, base_url, "")
    page.locator("body").focus()
    seen: list[str] = []
    for _ in range(40):
        page.keyboard.press("Tab")
        seen.append(
            page.evaluate(
                """() => {
                    const e = document.activeElement;
                    if (!e) return '';
                    const tid = e.closest('[data-testid]');
                    return (tid ? tid.getAttribute('data-testid') : '') + '|' +
                           (e.getAttribute('aria-label') || e.innerText || '').slice(0, 40);
                }"""
            )
        )
    joined = "\\n".join(seen)
    assert any(s.startswith("stSkipToContent") for s in seen[:3]), joined
    assert any(s.startswith("stSidebarNavLink") for s in seen), joined
    assert any(
        s.split("|")[0] in {"stSelectbox", "stMultiSelect", "stRadio", "stCheckbox", "stToggle"}
        for s in seen
    ), joined


def test_free_zoom_map_has_text_alternative_and_passes_axe(page, base_url: str) -> None:
    """The map's second view (pydeck, "Vrij zoomen") is held to the same bar."""
    open_page(page, base_url, "")
    page.get_by_role("radiogroup", name="Weergave").get_by_text("Vrij zoomen").click()
    wait_idle(page, after_action=True)
    expect(page.locator('[data-testid="stDeckGlJsonChart"]').first).to_be_attached(timeout=30_000)
    reveal_all(page)
    result = page.evaluate(ALT_CHECK, CHARTS)
    assert result["count"] >= 1 and not result["missing"], result
    bad = blocking(run_axe(page))
    assert not bad, describe(bad)
    screenshot(page, "kaart-vrij-zoomen")
