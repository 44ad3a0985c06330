"""Dutch number, money and date formatting (babel), and the "niet beschikbaar" convention."""

from __future__ import annotations

import datetime as dt
import math
import re
from decimal import Decimal, localcontext
from typing import Any

from babel.core import Locale
from babel.dates import format_date, format_datetime
from babel.numbers import (
    NumberFormatError,
    format_currency,
    format_decimal,
    format_percent,
    parse_decimal,
)

from dashboard.core.errors import ValidationError

LOCALE = "nl_NL"
#: :data:`LOCALE` parsed once: babel parses a locale given as text anew on every call, half of
#: the time of formatting a number (a report formats some 450).
_LOCALE = Locale.parse(LOCALE)
NIET_BESCHIKBAAR = "niet beschikbaar"
#: The month names :func:`fmt_date` writes (``januari`` … ``december``).
MONTH_NAMES = tuple(_LOCALE.months["format"]["wide"][month] for month in range(1, 13))


def is_missing(value: Any) -> bool:
    """True for None, NaN and pandas' NA."""
    if value is None:
        return True
    try:
        return bool(value != value) or (isinstance(value, float) and math.isnan(value))
    except (TypeError, ValueError):
        return False


def number_or_none(value: object) -> float | None:
    """``value`` as a float, or None when it is missing (None, NaN, NA) or not a number."""
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return None if number != number else number


def fmt_given(value: Any, width: int = 30) -> str:
    """A value as it was given, for a message that refuses it: its repr, cut to ``width``."""
    text = repr(value)
    return text if len(text) <= width else text[: width - 1] + "…"


def fmt_int(value: Any) -> str:
    """``17942942`` → ``17.942.942``."""
    if is_missing(value):
        return NIET_BESCHIKBAAR
    return format_decimal(round(float(value)), format="#,##0", locale=_LOCALE)


def fmt_number(value: Any, decimals: int = 1) -> str:
    """``1234.5`` → ``1.234,5``."""
    if is_missing(value):
        return NIET_BESCHIKBAAR
    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    return format_decimal(float(value), format=pattern, locale=_LOCALE)


def fmt_indicator(value: Any, unit: str, decimals: int, *, with_unit: bool = False) -> str:
    """An indicator's value, the one way it is written on every page, in the report and the CLI:
    in percent (a unit that starts with ``%``) with at least one decimal and a % sign
    (``20,3%``), otherwise with the indicator's decimals (``1.234``, ``3,4``). With
    ``with_unit`` the rest of the unit follows (``20,3% van de inwoners``, ``1.234 inwoners
    per km²``); a missing value is ``niet beschikbaar``, without a unit."""
    if is_missing(value):
        return NIET_BESCHIKBAAR
    if unit.startswith("%"):
        text, rest = fmt_pct(float(value) / 100.0, max(decimals, 1)), unit[1:].strip()
    else:
        text, rest = fmt_number(value, decimals), unit.strip()
    return f"{text} {rest}" if with_unit and rest else text


def fmt_plain(value: Any, max_decimals: int = 6) -> str:
    """A number as short as it is exact, in Dutch: ``2`` → ``2``, ``-1.5`` → ``-1,5``,
    ``1e9`` → ``1.000.000.000`` (what a user typed, read back; never ``1e+09``)."""
    if is_missing(value):
        return NIET_BESCHIKBAAR
    pattern = "#,##0" + ("." + "#" * max_decimals if max_decimals > 0 else "")
    number = Decimal(repr(float(value) + 0.0))
    with localcontext() as context:  # 1e308 has 309 digits; the default precision is 28
        context.prec = max(context.prec, number.adjusted() + max_decimals + 2)
        return format_decimal(number, format=pattern, locale=_LOCALE)


def fmt_pct(fraction: Any, decimals: int = 0) -> str:
    """``0.256`` → ``26%`` (fraction in, percent out)."""
    if is_missing(fraction):
        return NIET_BESCHIKBAAR
    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "") + "%"
    return format_percent(float(fraction), format=pattern, locale=_LOCALE)


def fmt_eur(value: Any, decimals: int = 0) -> str:
    """``15000`` → ``€ 15.000``."""
    if is_missing(value):
        return NIET_BESCHIKBAAR
    pattern = "¤ #,##0" + ("." + "0" * decimals if decimals > 0 else "")
    return format_currency(
        float(value), "EUR", format=pattern, locale=_LOCALE, currency_digits=False
    )


def fmt_size(size: int) -> str:
    """A file size in decimal units, as a reader writes it: ``512 bytes``, ``117 kB``,
    ``10,5 MB`` (one decimal, left off when it is 0: ``1 MB``)."""
    if size < 1_000:
        return f"{fmt_int(size)} bytes"
    if round(size / 1_000) < 1_000:
        return f"{fmt_int(size / 1_000)} kB"
    megabytes = size / 1_000_000
    return f"{fmt_number(megabytes, 0 if megabytes == int(megabytes) else 1)} MB"


def fmt_date(value: dt.date | str | None) -> str:
    """``2025-06-27`` → ``27 juni 2025``."""
    if value is None or value == "":
        return NIET_BESCHIKBAAR
    if isinstance(value, str):
        value = dt.date.fromisoformat(value)
    return format_date(value, format="d MMMM y", locale=_LOCALE)


def fmt_datetime(value: dt.datetime | None) -> str:
    if value is None:
        return NIET_BESCHIKBAAR
    return format_datetime(value, format="d MMMM y HH:mm", locale=_LOCALE)


# --- reading what a Dutch user types -----------------------------------------------------------
# Babel alone is too lenient for a money field (it reads "1e6", "1_000", "NaN" and other
# scripts' digits), so the shape is checked first: digits with dots between groups of three,
# or plain digits, then an optional decimal comma.
_DUTCH_NUMBER = re.compile(r"^-?((\d{1,3}(\.\d{3})+|\d+)(,\d+)?|,\d+)$", re.ASCII)
_SPACE_GROUPED = re.compile(r"^-?\d{1,3}( \d{3})+(,\d+)?$", re.ASCII)
_SPACES = re.compile(r"[\s\u00a0\u202f]+")
_CURRENCY = re.compile(r"^(€|eur(o)?)\s*|\s*(€|eur(o)?)$", re.IGNORECASE)
MAX_INPUT_CHARS = 40


def parse_number(text: str, what: str = "getal") -> Decimal | None:
    """Read a number as a Dutch user writes it; ``None`` for an empty field.

    ``1.000.000`` → 1000000, ``1000000,50`` → 1000000.50, ``2,5`` → 2.5, ``€ 1.000`` → 1000
    (a euro sign or "euro" around the number is allowed; spaces between groups of three too).

    Raises
    ------
    ValidationError
        With a Dutch sentence naming ``what``, the text and how to write it instead.
    """
    raw = str(text).strip()
    if not raw:
        return None
    shown = raw if len(raw) <= MAX_INPUT_CHARS else raw[:MAX_INPUT_CHARS] + "…"
    if len(raw) > MAX_INPUT_CHARS:
        raise ValidationError(f"{what}: ‘{shown}’ is te lang om een bedrag te zijn")
    body = _CURRENCY.sub("", raw).strip()
    body = _SPACES.sub(" ", body)
    if _SPACE_GROUPED.match(body):
        body = body.replace(" ", ".")
    body = body.replace(" ", "")
    hint = (
        "schrijf bijvoorbeeld 1.000.000 of 2,5 (punten tussen groepen van drie cijfers, "
        "een komma voor decimalen)"
    )
    if re.fullmatch(r"-?\d+\.\d{1,2}", body, re.ASCII):
        # "2.5" or "1.00": an English decimal point, which in Dutch separates thousands
        raise ValidationError(
            f"{what}: ‘{shown}’ is niet eenduidig; bedoelt u {body.replace('.', ',')}? "
            "Gebruik een komma voor decimalen en punten alleen tussen groepen van drie cijfers"
        )
    if not _DUTCH_NUMBER.match(body):
        raise ValidationError(f"{what}: ‘{shown}’ is geen getal; {hint}")
    try:
        return Decimal(parse_decimal(body, locale=_LOCALE, strict=True))
    except NumberFormatError as err:
        raise ValidationError(f"{what}: ‘{shown}’ is geen getal; {hint}") from err


def _decimals(number: Decimal) -> int:
    """How many digits after the decimal comma carry a value (``1,500`` has one)."""
    digits, exponent = number.as_tuple().digits, number.as_tuple().exponent
    if not isinstance(exponent, int) or exponent >= 0:
        return 0
    places = -exponent
    for digit in reversed(digits):
        if digit != 0 or places == 0:
            break
        places -= 1
    return places


def parse_amount(text: str, what: str = "bedrag") -> float | None:
    """A euro amount of 0 or more in whole cents from a text field (Dutch notation); ``None``
    when empty. The range is checked by :func:`dashboard.core.limits.read_amount`.

    Raises :class:`ValidationError` (Dutch) for text that is not an amount, a negative amount
    or one with parts of a cent; the caller shows it and does not use the amount.
    """
    number = parse_number(text, what)
    if number is None:
        return None
    if number < 0:
        raise ValidationError(f"{what}: ‘{str(text).strip()}’ is negatief; vul 0 of meer in")
    if _decimals(number) > 2:
        raise ValidationError(
            f"{what}: ‘{str(text).strip()}’ heeft meer dan twee cijfers achter de komma; "
            "bedragen gaan in hele centen"
        )
    return float(number) + 0.0  # "-0" and "0,00" are 0, never "€ -0"


def fmt_eur_input(value: Any) -> str:
    """An amount a user entered, as it is shown back in its field and in every sentence that
    quotes it: ``€ 1.000.000`` or ``€ 1.000.000,50``.

    Cents appear only when the amount has them, so what a user typed reads back unchanged
    (:func:`fmt_eur` rounds to whole euros: for amounts worked out from the entered ones).
    """
    if is_missing(value):
        return ""
    number = Decimal(str(value))
    # Decimal's default 28 digits are too few for a typed 1e28 (the refusal echoes it back)
    with localcontext() as context:
        context.prec = max(context.prec, number.adjusted() + 6)
        has_cents = number != number.to_integral_value()
        pattern = "¤ #,##0" + (".00" if has_cents else "")
        return format_currency(number, "EUR", format=pattern, locale=_LOCALE, currency_digits=False)
