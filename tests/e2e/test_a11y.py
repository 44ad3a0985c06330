"""Accessibility in the real browser: axe-core on every page, text alternatives for charts/maps.

Quality bar: WCAG 2.1 AA. axe's serious and critical violations fail the test; the full report
(also minor and moderate) is written to ``test-artifacts/axe/<page>.txt``.
"""

from __future__ import annotations

import pytest

from tests.e2e.a11y import blocking, describe, run_axe
from tests.e2e.browser import PAGES
from tests.e2e.server import ARTIFACTS

pytestmark = pytest.mark.e2e

IDS = [p or "kaart" for p in PAGES]

#: Charts and maps as Streamlit renders them.
CHARTS = (
    '[data-testid="stPlotlyChart"], [data-testid="stDeckGlJsonChart"], '
    '[data-testid="stVegaLiteChart"], [data-testid="stArrowVegaLiteChart"], '
    '[data-testid="stImage"], [data-testid="stPyplot"]'
)

#: For every chart: a text alternative right beside it (the element before it or one of the
#: three after it): an expander (table or sentences), a table, or a sentence that is not the
#: source line; or an accessible name on the chart itself (``st.plotly_chart(alt=...)``).
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
