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

#: For every chart: a text alternative in the same block as the chart: an expander (table or
#: sentences), a table, or a sentence of prose that is not the source line.
ALT_CHECK = """(selector) => {
    const charts = Array.from(document.querySelectorAll(selector));
    const missing = [];
    for (const chart of charts) {
        const holder = chart.closest('[data-testid="stElementContainer"]') || chart;
        const block = holder.parentElement;
        let ok = false;
        if (block) {
            for (const sib of block.children) {
                if (sib === holder) continue;
                if (sib.querySelector('[data-testid="stExpander"], [data-testid="stTable"],'
                                      + ' [data-testid="stDataFrame"]')) { ok = true; break; }
                const md = sib.querySelector('[data-testid="stMarkdownContainer"]');
                if (md) {
                    const text = md.innerText.trim();
                    if (text.length >= 30 && !/^bron/i.test(text)) { ok = true; break; }
                }
            }
        }
        const label = chart.getAttribute('aria-label') || '';
        if (!ok && label.length < 30) {
            missing.push(chart.getAttribute('data-testid') + ' #' + charts.indexOf(chart));
        }
    }
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
    assert not result["missing"], (
        f"/{path}: {len(result['missing'])} van {result['count']} grafieken/kaarten zonder "
        f"tekstalternatief ernaast: {result['missing']}"
    )
