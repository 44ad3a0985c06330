"""Small Dutch wording helpers shared by every sentence of the dashboard."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Literal

from dashboard.core.formatting import fmt_pct

Rounding = Literal["down", "up", "nearest"]


def join_nl(items: Sequence[str]) -> str:
    """``["a", "b", "c"]`` → ``"a, b en c"``."""
    items = list(items)
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " en " + items[-1]


def lower_first(text: str) -> str:
    """For use mid-sentence: ``"Gemeenten & UWV"`` → ``"gemeenten & UWV"``.

    A word that starts with two capitals is an acronym and keeps its case
    (``"UWV-loket"``, ``"WSP"``); so does a text that starts with a digit.
    """
    first_word = text.split(" ", 1)[0]
    if len(first_word) > 1 and first_word[:2].isupper():
        return text
    return text[:1].lower() + text[1:]


def count(n: int, singular: str, plural: str) -> str:
    """``count(1, "criterium", "criteria")`` → ``"1 criterium"``; 2 → ``"2 criteria"``."""
    return f"{n} {singular if n == 1 else plural}"


def own_ratings(n: int) -> str:
    """``"1 eigen oordeel dat afwijkt"`` / ``"3 eigen oordelen die afwijken"`` (of the
    handreiking's ratings)."""
    if n == 1:
        return "1 eigen oordeel dat afwijkt van de handreiking"
    return f"{n} eigen oordelen die afwijken van de handreiking"


def pct_bound(fraction: float, direction: Rounding, decimals: int) -> str:
    """A percentage rounded so that the sentence it appears in stays true."""
    factor = 10**decimals
    value = fraction * 100 * factor
    if direction == "down":
        value = math.floor(value + 1e-7)
    elif direction == "up":
        value = math.ceil(value - 1e-7)
    else:
        value = round(value)
    return fmt_pct(value / factor / 100, decimals)


def pct_interval(low: float, high: float) -> tuple[str, str]:
    """The ends of an interval of shares as two percentages, rounded inwards (low up, high
    down) with just enough decimals to keep them apart, so "tussen a en b" is true for every
    share it names. Sentences, chart labels and tables all use this one rounding."""
    for decimals in (0, 1, 2):
        factor = 10**decimals
        if math.ceil(low * 100 * factor - 1e-7) < math.floor(high * 100 * factor + 1e-7):
            return pct_bound(low, "up", decimals), pct_bound(high, "down", decimals)
    return pct_bound(low, "nearest", 2), pct_bound(high, "nearest", 2)


def quoted(label: str) -> str:
    """A criterion label mid-sentence: ``‘toegang tot alle werkzoekenden’``."""
    return f"‘{lower_first(label)}’"
