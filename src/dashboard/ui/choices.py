"""Choices from a list (selectboxes) that keep what the reader chose.

Every selectbox of the dashboard is made by :func:`choice`; a page that needs the choice before
the box is drawn (the Kaart draws its map first) reads it with :func:`settled_choice`. Only
Streamlit is imported here: the Kaart uses it before its first look is on screen.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

import streamlit as st

T = TypeVar("T")


def settled_choice(key: str, options: Sequence[T], default: T) -> T:
    """The choice of the selectbox ``key`` for this run, settled before anything reads it (the
    Kaart reads its radio's choice the same way, before the radio is drawn).

    Streamlit 1.67's browser side sometimes sends an empty value for a selectbox when one rerun
    interrupts another (an expander opened or closed, and another control changed before the
    page was redrawn). A selectbox with a default index then jumps to its first option without
    a word: on Overstap the move became 's-Gravenhage to Groningen, and on Varianten the first
    preset would replace the weighting. Made by :func:`choice` (``index=None``), a dropped value
    arrives as None and the last choice is put back. A box shown afresh (its page was left, or
    the value is not among ``options``) gets ``default``, the value the page's settings hold.
    """
    ss = st.session_state
    kept = f"{key}__kept"
    if ss.get(key) not in options:
        dropped = key in ss and ss[key] is None
        ss[key] = ss[kept] if dropped and ss.get(kept) in options else default
    ss[kept] = ss[key]
    return ss[key]


def choice(
    container: Any, label: str, options: Sequence[T], *, key: str, default: T, **kwargs: Any
) -> T:
    """A selectbox that keeps the reader's choice (see :func:`settled_choice`); anything else
    for ``st.selectbox`` goes in ``kwargs``."""
    settled = settled_choice(key, options, default)
    # required: no clearing cross (a cleared choice would only come back)
    value = container.selectbox(label, options, index=None, key=key, required=True, **kwargs)
    return settled if value is None else value
