"""Text from data and users on a page: names, labels and messages that read literally.

Streamlit renders Markdown in more places than ``st.markdown``: titles and headers, captions,
alerts (``st.error``, ``st.warning``, ``st.info``), widget labels, the options of radios and
segmented controls, metric labels, expander labels and ``st.table`` cells. A region or gemeente
name read from a data folder or a mirror, a fact from a file, a message that quotes what someone
typed: each is user text there, shown through :func:`dashboard.core.markup.escape_markdown`. The
helpers below are the page's way to do that:

- :func:`name_code` is the plain "Naam (code)" for places that show text as it is (the options of
  a selectbox or multiselect, dataframe cells); :func:`md_name_code` is the same label for every
  place that renders Markdown (headers, labels, captions, sentences); a chart takes a name as a
  value of its data (:mod:`dashboard.presentation.charts`), never inside one of its expressions;
- :func:`show_error` and :func:`show_warning` show a whole message as text, for messages that
  quote user or data text (a refusal naming the typed value, a warning naming a gemeente);
  notices go through ``layout.show_notices``. Messages with Markdown of their own do not;
- :func:`literal_table` makes a frame for ``st.table`` read literally.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import streamlit as st

from dashboard.core.markup import escape_markdown

if TYPE_CHECKING:  # pandas is loaded by the pages that show tables, not by this module
    import pandas as pd


def name_code(name: str, code: str) -> str:
    """``"Naam (code)"`` as plain text: for selectbox options, table cells and charts."""
    return f"{name} ({code})"


def md_name_code(name: str, code: str) -> str:
    """``"Naam (code)"`` as Markdown that renders literally: for headers, labels and sentences."""
    return escape_markdown(name_code(name, code))


def show_error(message: Any, *, where: Any = st, icon: str = ":material/error:") -> None:
    """``message`` (it may quote user or data text) as a red box, shown literally."""
    where.error(escape_markdown(message), icon=icon)


def show_warning(message: Any, *, where: Any = st, icon: str = ":material/warning:") -> None:
    """``message`` (it may quote user or data text) as a yellow box, shown literally."""
    where.warning(escape_markdown(message), icon=icon)


def literal_table(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` for ``st.table``, which renders every cell, column name and index label as
    Markdown: all of them escaped, so they read literally. (``st.dataframe`` shows text as it
    is and needs nothing.)"""
    import pandas as pd

    out = frame.map(escape_markdown)
    out.columns = [escape_markdown(c) for c in frame.columns]
    name = frame.index.name
    out.index = pd.Index(
        [escape_markdown(i) for i in frame.index],
        name=None if name is None else escape_markdown(name),
    )
    return out


__all__ = [
    "literal_table",
    "md_name_code",
    "name_code",
    "show_error",
    "show_warning",
]
