"""Input fields that read Dutch notation: amounts as ``€ 1.000.000`` or ``2,5``.

Streamlit's ``number_input`` reads ``1.000.000`` as 1 and shows ``1.00``; these fields are text
fields whose text is read by :func:`dashboard.core.limits.read_amount` and shown back in Dutch.
(Choices from a list: :mod:`dashboard.ui.choices`.)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import streamlit as st

from dashboard.core.errors import ValidationError
from dashboard.core.formatting import fmt_eur_input
from dashboard.core.limits import read_amount
from dashboard.core.markup import escape_markdown


@dataclass(frozen=True)
class AmountField:
    """What an amount field holds after this run.

    ``value`` is the amount to calculate with: the new amount when the text could be read,
    otherwise the last accepted one (``stored``). ``error`` is the Dutch refusal, or None.
    """

    value: float | None
    error: str | None = None


def _filled_key(key: str) -> str:
    return f"{key}__filled_from"


def _reformat(key: str, what: str) -> None:
    """After a change: show a readable amount back in Dutch notation (``€ 1.000.000``)."""
    ss = st.session_state
    try:
        value = read_amount(ss.get(key) or "", what)
    except ValidationError:
        return  # the page shows the refusal; the typed text stays so it can be corrected
    ss[key] = fmt_eur_input(value)


def amount_input(
    container: Any,
    label: str,
    *,
    key: str,
    stored: float | None,
    what: str,
    help: str | None = None,
) -> AmountField:
    """A text field for a euro amount of 0 or more, in Dutch notation.

    ``stored`` is the accepted amount (from the session, a share link or a scenario); the field
    is refilled when it changes elsewhere. A refusal is shown under the field, naming the amount
    the page still calculates with, so an old value is never kept without a word.
    """
    ss = st.session_state
    filled = _filled_key(key)
    if key not in ss or ss.get(filled, "unset") != stored:
        ss[key] = fmt_eur_input(stored)
        ss[filled] = stored
    text = container.text_input(
        label,
        key=key,
        placeholder="niet ingevuld, bijvoorbeeld € 1.000.000",
        on_change=_reformat,
        args=(key, what),
    )
    if help:
        container.caption(help)  # as text: a help icon is read out as English "Help for …"
    try:
        value = read_amount(text or "", what)
    except ValidationError as err:
        still = (
            f"Er wordt nog gerekend met het vorige bedrag, {fmt_eur_input(stored)}."
            if stored is not None
            else "Er wordt gerekend zonder dit bedrag."
        )
        message = f"Niet overgenomen. {err}. {still}"
        container.error(escape_markdown(message), icon=":material/error:")  # quotes the input
        return AmountField(stored, message)
    ss[filled] = value  # accepted: a later rerun must not refill the field from older state
    return AmountField(value)
