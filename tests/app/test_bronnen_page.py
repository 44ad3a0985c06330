"""Bronnen en methode: every source and every figure's period is read whole."""

from __future__ import annotations

import re
from pathlib import Path

from streamlit.testing.v1 import AppTest

from dashboard.data.sources import load_sources
from tests.app.page_text import page_text

PAGE = Path(__file__).resolve().parents[2] / "pages" / "bronnen.py"


def test_every_source_is_listed_whole_with_dutch_dates(cbs_dir) -> None:  # type: ignore[no-untyped-def]
    """The two lists were grids that cut each text off after one line (a source's title, CBS's
    own explanation of 444 characters); they are lists now, with the report's words, and the
    dates written as every other date ("22 november 2026", not "2026-11-22")."""
    at = AppTest.from_file(str(PAGE), default_timeout=120).run()
    assert not at.exception, at.exception
    assert not at.dataframe, "a grid cuts long texts off"
    text = page_text(at)
    sources = load_sources()
    for s in sources.values():
        title = s.title.removesuffix(" (Kerncijfers wijken en buurten 2024)")
        assert title in text, s.id
        if s.period:
            assert s.period in text, s.id  # what CBS says of the period, whole
    assert not re.search(r"Opgehaald: \d{4}-\d{2}-\d{2}", text)
    assert "Opgehaald: 22 november 2026" in text
