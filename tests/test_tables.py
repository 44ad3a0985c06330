"""Tables shared by a page and the report: one formatting, so they cannot drift."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from dashboard.presentation.tables import (
    FigureTable,
    Table,
    change_text,
    chart_figures,
    count,
    euro,
    figure_table,
    file_stem,
    indicator_figure,
    indicator_label,
    number,
    percent,
)
from dashboard.region.profiles import IndicatorValue


def _value(value: float | None, unit: str, decimals: int = 0, label: str = "X") -> IndicatorValue:
    return IndicatorValue("x", label, unit, decimals, value, 2024, ("cbs",))


def test_percentages_have_one_decimal_and_a_percent_sign() -> None:
    # the page showed "16,4" with "(%)" in the label, the report "16%": now both "16,4%"
    assert indicator_figure(_value(16.43, "%")).text == "16,4%"
    assert indicator_label(_value(16.43, "%", label="0 tot 15 jaar")) == "0 tot 15 jaar"


def test_counts_and_other_figures() -> None:
    assert indicator_figure(_value(1234567, "inwoners", label="Inwoners")).text == "1.234.567"
    assert indicator_label(_value(1, "inwoners", label="Inwoners")) == "Inwoners"
    assert indicator_figure(_value(12.345, "km²", 1)).text == "12,3"
    assert indicator_label(_value(1, "km²", 1, "Oppervlakte")) == "Oppervlakte (km²)"
    assert indicator_figure(_value(None, "%")).text == "niet beschikbaar"


def test_change_text() -> None:
    assert change_text(19911, 0.298) == "+€ 19.911 (+29,8%)"
    assert change_text(-5, None) == "-€ 5"
    assert change_text(None, None) == "niet beschikbaar"


def test_columns_and_records() -> None:
    table = Table("t", ("a", "b", "c"), (("1", "2", "3"),))
    assert table.columns("c", "a").rows == (("3", "1"),)
    assert table.records() == [{"a": "1", "b": "2", "c": "3"}]


# --- tables of figures: numbers as numbers, Dutch text, a download Dutch Excel opens -----------
def _figures() -> FigureTable:
    return figure_table(
        "Arbeidsmarkt (2024)",
        [
            {"Gemeente": "Zoetermeer", "Bijstand": count(2950), "Armoede": percent(2.6)},
            {"Gemeente": "Voorschoten", "Bijstand": count(340), "Armoede": percent(None)},
            {"Gemeente": "Leidschendam-Voorburg", "Bijstand": count(1790), "Armoede": percent(3)},
        ],
        source="Bron: CBS.",
        period="stand eind december 2024",
    )


def test_number_columns_hold_numbers_and_sort_as_numbers() -> None:
    table = _figures()
    frame = table.frame()
    assert table.number_columns() == ("Bijstand", "Armoede")
    assert frame["Bijstand"].dtype == "float64" and frame["Armoede"].dtype == "float64"
    # as text "1.790" < "2.950" < "340"; as numbers 340 < 1790 < 2950
    assert frame.sort_values("Bijstand")["Gemeente"].tolist() == [
        "Voorschoten",
        "Leidschendam-Voorburg",
        "Zoetermeer",
    ]
    assert table.texts()[0] == ("Zoetermeer", "2.950", "2,6%")
    assert table.texts()[1][2] == "niet beschikbaar"
    assert table.as_table().rows == table.texts()


def test_styled_shows_the_dutch_text_of_each_number() -> None:
    html = _figures().styled().to_html()
    for text in ("2.950", "1.790", "2,6%", "niet beschikbaar"):
        assert text in html


def _shown_texts(table: FigureTable) -> list[list[str]]:
    """What the page's grid shows in each cell (the styler's display text)."""
    lines = table.styled().hide(axis="index").to_string(delimiter="\t").splitlines()
    return [line.split("\t") for line in lines[1:]]


def test_styled_shows_each_cells_own_text_also_when_a_number_has_two_texts() -> None:
    # one formatter per column looks texts up by number; a column where one number is shown
    # with two texts (an amount "ongeveer" beside the same amount exact) goes cell by cell
    table = figure_table(
        "t",
        [
            {"Naam": "a", "Bedrag": euro(1000.0), "Deel": percent(None)},
            {"Naam": "b", "Bedrag": euro(1000.0, "ongeveer € 1.000"), "Deel": percent(2.0)},
            {"Naam": "c", "Bedrag": euro(None), "Deel": percent(2.04)},
            {"Naam": "d", "Bedrag": euro(-0.0), "Deel": percent(None)},
        ],
    )
    assert _shown_texts(table) == [list(row) for row in table.texts()]
    assert _shown_texts(_figures()) == [list(row) for row in _figures().texts()]


def test_excel_download_holds_numbers_source_and_period() -> None:
    table = _figures()
    assert table.file_name() == "arbeidsmarkt-2024.xlsx"
    sheet = load_workbook(io.BytesIO(table.xlsx_bytes())).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Gemeente", "Bijstand", "Armoede")
    assert rows[1] == ("Zoetermeer", 2950, 2.6)
    assert rows[2][2] == "niet beschikbaar"
    assert sheet["B2"].number_format == "#,##0"
    assert sheet["C2"].number_format == '0.0"%"'
    lines = [r[0] for r in rows[4:] if r and r[0]]
    assert lines[0] == "Tabel: Arbeidsmarkt (2024)"
    assert "Bron: CBS." in lines and "Periode: stand eind december 2024" in lines


def test_excel_keeps_text_that_looks_like_a_formula_as_text() -> None:
    table = figure_table("x", [{"Naam": "=1+1", "Getal": number(1.5, 1)}])
    cell = load_workbook(io.BytesIO(table.xlsx_bytes())).active["A2"]
    assert cell.value == "=1+1" and cell.data_type == "s"


@pytest.mark.parametrize(
    ("caption", "stem"),
    [
        ("Kerncijfers per regio (sommen)", "kerncijfers-per-regio-sommen"),
        ("Één €", "een"),
        ("", "cijfers"),
    ],
)
def test_file_stem(caption: str, stem: str) -> None:
    assert file_stem(caption) == stem


def test_chart_figures_reads_the_figures_a_spec_carries() -> None:
    """The download of a chart holds the numbers the chart draws, one column per series."""
    from dashboard.presentation.charts.specs import base

    spec = base(
        760,
        300,
        title="Regio's naast elkaar",
        figures=[
            ("Inwoners (2024)", "ZHC", 382914),
            ("Inwoners (2024)", "HR", 564598),
            ("Land (2024)", "ZHC", 219.5),
            ("Land (2024)", "HR", 469.4),
        ],
    )
    table = chart_figures(spec)
    assert table.caption == "Regio's naast elkaar"
    assert table.header == ("Categorie", "ZHC", "HR")
    assert table.texts() == (
        ("Inwoners (2024)", "382.914", "564.598"),
        ("Land (2024)", "219,5", "469,4"),
    )
