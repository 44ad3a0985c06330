"""Every table on every page holds its numbers as numbers (so a column sorts 340 before 1.790)
and shows them in Dutch; every table offers its figures as a download."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.core.markup import escape_markdown
from tests.app.tables import DUTCH_NUMBER_TEXT, number_columns_as_text, shown
from tests.app.test_all_pages import PAGES, open_page


@pytest.mark.parametrize("text", ["1.790", "340", "16,4%", "€ 15.000", "-€ 5", "2,5"])
def test_the_check_knows_dutch_numbers(text: str) -> None:
    assert DUTCH_NUMBER_TEXT.match(text)


@pytest.mark.parametrize("text", ["AM34", "2024-2025", "Variant 2", "niet beschikbaar", "—"])
def test_the_check_leaves_text_alone(text: str) -> None:
    assert not DUTCH_NUMBER_TEXT.match(text)


def _page_tables(at: AppTest) -> list[tuple[str, list[str]]]:
    found = []
    for element in at.dataframe:
        frame = element.value
        found.append((", ".join(map(str, frame.columns)), number_columns_as_text(frame)))
    # a table drawn by ui.figures.show_table has a plain twin for the printer (its text only)
    interactive = {tuple(escape_markdown(c) for c in d.value.columns) for d in at.dataframe}
    for element in at.table:
        frame = element.value.reset_index(drop=element.value.index.name is None)
        if tuple(map(str, frame.columns)) in interactive:
            continue
        found.append((", ".join(map(str, frame.columns)), number_columns_as_text(frame)))
    return found


@pytest.mark.parametrize("page", PAGES)
def test_numbers_in_page_tables_are_numbers(cbs_dir: Path, page: str) -> None:
    at = open_page(page)
    bad = [(columns, text) for columns, text in _page_tables(at) if text]
    assert not bad, f"kolommen met getallen als tekst op {page}: {bad}"


def test_numbers_are_shown_in_dutch(cbs_dir: Path) -> None:
    at = open_page("pages/regios.py")
    element = next(d for d in at.dataframe if "Nederland" in d.value.columns)
    assert element.value["Nederland"].dtype.kind == "f"
    text = shown(element).set_index("Indicator")
    assert text.loc["Personen met bijstand", "Nederland"] == "405.770"
