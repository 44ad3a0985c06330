"""Tables shared by a page and the report: one formatting, so they cannot drift."""

from __future__ import annotations

from dashboard.profiles import IndicatorValue
from dashboard.tables import Table, change_text, indicator_label, indicator_text


def _value(value: float | None, unit: str, decimals: int = 0, label: str = "X") -> IndicatorValue:
    return IndicatorValue("x", label, unit, decimals, value, 2024, ("cbs",))


def test_percentages_have_one_decimal_and_a_percent_sign() -> None:
    # the page showed "16,4" with "(%)" in the label, the report "16%": now both "16,4%"
    assert indicator_text(_value(16.43, "%")) == "16,4%"
    assert indicator_label(_value(16.43, "%", label="0 tot 15 jaar")) == "0 tot 15 jaar"


def test_counts_and_other_figures() -> None:
    assert indicator_text(_value(1234567, "inwoners", label="Inwoners")) == "1.234.567"
    assert indicator_label(_value(1, "inwoners", label="Inwoners")) == "Inwoners"
    assert indicator_text(_value(12.345, "km²", 1)) == "12,3"
    assert indicator_label(_value(1, "km²", 1, "Oppervlakte")) == "Oppervlakte (km²)"
    assert indicator_text(_value(None, "%")) == "niet beschikbaar"


def test_change_text() -> None:
    assert change_text(19911, 0.298) == "+€ 19.911 (+29,8%)"
    assert change_text(-5, None) == "-€ 5"
    assert change_text(None, None) == "niet beschikbaar"


def test_columns_and_records() -> None:
    table = Table("t", ("a", "b", "c"), (("1", "2", "3"),))
    assert table.columns("c", "a").rows == (("3", "1"),)
    assert table.records() == [{"a": "1", "b": "2", "c": "3"}]
