"""The facts quoted on the Regio's page are text: a web address in a quote never becomes a link
(GitHub-style autolinks took the closing quote mark into the address)."""

from __future__ import annotations

from pathlib import Path

from tests.app.page_text import page_sources
from tests.app.test_all_pages import open_page


def test_a_quoted_web_address_is_not_a_broken_link(cbs_dir: Path) -> None:
    """Regression: “Website: www.zhcwerkt.nl” rendered as a link to ``www.zhcwerkt.nl”``."""
    at = open_page("pages/regios.py")
    sources = page_sources(at)
    quoted = [s for s in sources if "zhcwerkt" in s]
    assert quoted, "het feit met de website van het WSP staat niet op de pagina"
    for source in quoted:
        assert "www.zhcwerkt.nl" not in source  # an autolink needs "www." unbroken
        assert "www\u2060" in source  # shown as text (escape_markdown's joiner)
