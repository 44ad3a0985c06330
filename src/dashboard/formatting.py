"""Dutch number, money and date formatting (babel), and the "niet beschikbaar" convention."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from babel.dates import format_date, format_datetime
from babel.numbers import format_currency, format_decimal, format_percent

LOCALE = "nl_NL"
NIET_BESCHIKBAAR = "niet beschikbaar"


def is_missing(value: Any) -> bool:
    """True for None, NaN and pandas' NA."""
    if value is None:
        return True
    try:
        return bool(value != value) or (isinstance(value, float) and math.isnan(value))
    except (TypeError, ValueError):
        return False


def fmt_int(value: Any) -> str:
    """``17942942`` → ``17.942.942``."""
    if is_missing(value):
        return NIET_BESCHIKBAAR
    return format_decimal(round(float(value)), format="#,##0", locale=LOCALE)


def fmt_number(value: Any, decimals: int = 1) -> str:
    """``1234.5`` → ``1.234,5``."""
    if is_missing(value):
        return NIET_BESCHIKBAAR
    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    return format_decimal(float(value), format=pattern, locale=LOCALE)


def fmt_pct(fraction: Any, decimals: int = 0) -> str:
    """``0.256`` → ``26%`` (fraction in, percent out)."""
    if is_missing(fraction):
        return NIET_BESCHIKBAAR
    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "") + "%"
    return format_percent(float(fraction), format=pattern, locale=LOCALE)


def fmt_eur(value: Any, decimals: int = 0) -> str:
    """``15000`` → ``€ 15.000``."""
    if is_missing(value):
        return NIET_BESCHIKBAAR
    pattern = "¤ #,##0" + ("." + "0" * decimals if decimals > 0 else "")
    return format_currency(
        float(value), "EUR", format=pattern, locale=LOCALE, currency_digits=False
    )


def fmt_date(value: dt.date | str | None) -> str:
    """``2025-06-27`` → ``27 juni 2025``."""
    if value is None or value == "":
        return NIET_BESCHIKBAAR
    if isinstance(value, str):
        value = dt.date.fromisoformat(value)
    return format_date(value, format="d MMMM y", locale=LOCALE)


def fmt_datetime(value: dt.datetime | None) -> str:
    if value is None:
        return NIET_BESCHIKBAAR
    return format_datetime(value, format="d MMMM y HH:mm", locale=LOCALE)
