"""axe-core (npm package, pinned in package.json) injected into a page through Playwright."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from playwright.sync_api import Page

from support.browser import tall_viewport
from support.server import PROJECT_ROOT
from tests.needs import unavailable

AXE_JS = PROJECT_ROOT / "node_modules" / "axe-core" / "axe.min.js"

#: WCAG 2.1 A and AA rules (the product's quality bar).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = {"serious", "critical"}


def axe_path() -> Path:
    if AXE_JS.exists():
        return AXE_JS
    reason = f"{AXE_JS} ontbreekt: voer `npm ci` uit in de projectmap (scripts/test.sh doet dat)"
    unavailable(reason)


def run_axe(page: Page) -> list[dict[str, Any]]:
    """Run axe on the whole document; return its violations.

    axe judges colour contrast only for what is in the viewport (the rest is "incomplete"),
    and Streamlit scrolls inside its own container: make the viewport as tall as the content
    while axe runs, so everything on the page is checked.
    """
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(axe_path()))
    with tall_viewport(page):
        return _axe(page)


def _axe(page: Page) -> list[dict[str, Any]]:
    result = page.evaluate(
        """async (tags) => {
            const r = await axe.run(document, {
                runOnly: {type: 'tag', values: tags},
                resultTypes: ['violations'],
            });
            return r.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                nodes: v.nodes.slice(0, 5).map(n => ({
                    target: n.target.join(' '), html: n.html.slice(0, 200),
                    summary: (n.failureSummary || '').slice(0, 300),
                })),
                count: v.nodes.length,
            }));
        }""",
        AXE_TAGS,
    )
    return list(result)


def blocking(violations: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [v for v in violations if v.get("impact") in BLOCKING]


def describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}, {v['count']}x): {v['help']}")
        for node in v["nodes"]:
            lines.append(f"    {node['target']}: {node['html']}")
            if node["summary"]:
                lines.append(f"      {node['summary'].replace(chr(10), ' ')}")
    return "\n".join(lines)
