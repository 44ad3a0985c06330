"""Dutch number formatting and reading what a Dutch user types (formatting.py)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from dashboard.core.errors import ValidationError
from dashboard.core.formatting import (
    fmt_eur_input,
    fmt_indicator,
    fmt_number,
    fmt_size,
    parse_number,
)
from dashboard.core.limits import read_amount


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.000.000", 1_000_000.0),  # was read as 1 (the dots taken for a decimal point)
        ("1000000,50", 1_000_000.5),  # was read as 100.000.050
        ("1.000.000,50", 1_000_000.5),
        ("€ 1.000.000", 1_000_000.0),
        ("€1.000.000,50", 1_000_000.5),
        ("EUR 300", 300.0),
        ("300 euro", 300.0),
        ("1 000 000", 1_000_000.0),
        ("1\u00a0000\u00a0000", 1_000_000.0),
        ("2,5", 2.5),
        (",5", 0.5),
        ("0", 0.0),
        ("  750.000  ", 750_000.0),
        ("", None),
        ("   ", None),
    ],
)
def test_parse_amount_reads_dutch_notation(text: str, expected: float | None) -> None:
    assert read_amount(text, "Regiobudget") == expected


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("1.5", "bedoelt u 1,5"),
        ("1.00", "bedoelt u 1,00"),
        ("1,000,000", "geen getal"),
        ("1.0000", "geen getal"),
        ("abc", "geen getal"),
        ("1e6", "geen getal"),
        ("1_000", "geen getal"),
        ("NaN", "geen getal"),
        ("Infinity", "geen getal"),
        ("١٢", "geen getal"),
        ("-5", "negatief"),
        ("12345678901234567890", "is groter dan € 10.000.000.000; kies een bedrag van € 0"),
        ("1,005", "hele centen"),
        ("9" * 60, "te lang"),
        ("1.000,", "geen getal"),
    ],
)
def test_parse_amount_refuses_in_dutch(text: str, says: str) -> None:
    with pytest.raises(ValidationError) as err:
        read_amount(text, "Regiobudget")
    message = str(err.value)
    assert message.startswith("Regiobudget: ")
    assert says in message


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (1_000_000, "€ 1.000.000"),
        (1_000_000.5, "€ 1.000.000,50"),
        (0, "€ 0"),
        (None, ""),
        (float("nan"), ""),
    ],
)
def test_fmt_eur_input(value: object, shown: str) -> None:
    assert fmt_eur_input(value) == shown


def test_fmt_number_uses_a_decimal_comma() -> None:
    assert fmt_number(1.0, 2) == "1,00"
    assert fmt_number(1234.5, 1) == "1.234,5"


@given(
    st.decimals(
        min_value=0, max_value=10_000_000_000, places=2, allow_nan=False, allow_infinity=False
    )
)
def test_shown_amount_reads_back_as_the_same_amount(value: Decimal) -> None:
    assert read_amount(fmt_eur_input(value), "bedrag") == pytest.approx(float(value))


@given(st.integers(min_value=0, max_value=10**15))
def test_grouped_integers_read_back(value: int) -> None:
    assert parse_number(f"{value:,}".replace(",", ".")) == Decimal(value)


@given(st.text(max_size=60))
@example("10000000000000000000000000000")  # 29 digits: once an uncaught decimal error
def test_any_text_is_an_amount_or_a_dutch_refusal(text: str) -> None:
    try:
        value = read_amount(text, "bedrag")
    except ValidationError as err:
        assert str(err).startswith("bedrag: ")
    else:
        assert value is None or 0 <= value <= 1e10


@pytest.mark.parametrize(
    ("value", "unit", "decimals", "plain", "with_unit"),
    [
        (20.337, "% van de inwoners", 1, "20,3%", "20,3% van de inwoners"),
        (20.3, "%", 0, "20,3%", "20,3%"),  # a percentage keeps at least one decimal
        (1234.4, "inwoners per km²", 0, "1.234", "1.234 inwoners per km²"),
        (3.46, "per 1.000 inwoners", 1, "3,5", "3,5 per 1.000 inwoners"),
        (None, "% van de inwoners", 1, "niet beschikbaar", "niet beschikbaar"),
    ],
)
def test_an_indicator_value_is_written_one_way(
    value: float | None, unit: str, decimals: int, plain: str, with_unit: str
) -> None:
    assert fmt_indicator(value, unit, decimals) == plain
    assert fmt_indicator(value, unit, decimals, with_unit=True) == with_unit


def test_tables_kaart_and_report_write_every_indicator_the_same_way() -> None:
    # the page tables' figure (tables.indicator_figure) and the Kaart's text (fmt_indicator)
    # were two rules that drifted: "20,3%" on Regio's, "20,3 % van de inwoners" on the Kaart
    from dashboard.data.indicators import INDICATORS
    from dashboard.presentation.tables import indicator_figure
    from dashboard.region.profiles import IndicatorValue

    for ind in INDICATORS.values():
        for number in (0.0, 7.25, 1234.5, None):
            shown = IndicatorValue(ind.id, ind.label, ind.unit, ind.decimals, number, 2024, ())
            assert indicator_figure(shown).text == fmt_indicator(number, ind.unit, ind.decimals)


_NUMBERS = st.one_of(
    st.floats(allow_nan=True, allow_infinity=False, width=64),
    st.floats(min_value=-1e6, max_value=1e6),
    st.integers(min_value=-(10**15), max_value=10**15),
    st.sampled_from([None, float("nan"), -0.0, 0.05, -0.05, 0.125, 2.5, -2.5, 1e300, -1e18]),
)


@given(_NUMBERS, st.integers(min_value=0, max_value=3))
@example(float("nan"), 1)
@example(None, 2)
@example(1e308, 0)
@example(-1234567.891, 2)
def test_the_locale_parsed_once_formats_as_the_locale_by_name(value: object, decimals: int) -> None:
    """The formatters hand babel a parsed locale (parsing it on every call was half their
    time); every number comes out as babel writes it for the locale given by name."""
    from babel.numbers import format_currency, format_decimal, format_percent

    from dashboard.core import formatting as f

    if f.is_missing(value):
        for shown in (f.fmt_number(value, decimals), f.fmt_int(value), f.fmt_pct(value)):
            assert shown == f.NIET_BESCHIKBAAR
        return
    number = float(value)  # type: ignore[arg-type]
    tail = "." + "0" * decimals if decimals else ""
    by_name = {"locale": "nl_NL"}
    pairs = [
        (
            lambda: f.fmt_number(value, decimals),
            lambda: format_decimal(number, format="#,##0" + tail, **by_name),
        ),
        (
            lambda: f.fmt_int(value),
            lambda: format_decimal(round(number), format="#,##0", **by_name),
        ),
        (
            lambda: f.fmt_pct(value, decimals),
            lambda: format_percent(number, format="#,##0" + tail + "%", **by_name),
        ),
        (
            lambda: f.fmt_eur(value, decimals),
            lambda: format_currency(
                number, "EUR", format="¤ #,##0" + tail, currency_digits=False, **by_name
            ),
        ),
    ]
    for ours, babels in pairs:
        assert _outcome(ours) == _outcome(babels)


def _outcome(func: Callable[[], str]) -> object:
    """What ``func`` gives: its text, or the type of what it raises (1e308 has more digits
    than babel's decimal context holds, by name or parsed)."""
    try:
        return func()
    except Exception as err:  # the same failure is the same outcome
        return type(err)


@pytest.mark.parametrize(
    ("size", "shown"),
    [
        (0, "0 bytes"),
        (999, "999 bytes"),
        (117_500, "118 kB"),
        (999_400, "999 kB"),
        (999_600, "1,0 MB"),
        (1_000_000, "1 MB"),
        (10_485_760, "10,5 MB"),
        (256_000_000, "256 MB"),
        (1_234_567_890, "1.234,6 MB"),
    ],
)
def test_a_file_size_is_written_the_dutch_way(size: int, shown: str) -> None:
    assert fmt_size(size) == shown
