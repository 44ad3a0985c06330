"""Tables and charts on a page: numbers that sort as numbers, shown in Dutch, and their figures
as a download Dutch Excel opens.

Every page shows a :class:`~dashboard.presentation.tables.FigureTable` through :func:`show_table`
and a
chart (a Vega-Lite specification of :mod:`dashboard.presentation.charts`) through
:func:`show_chart`, so
sorting, column widths, the download and the chart's size are the same everywhere.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import replace
from typing import Any, Literal

import pandas as pd
import streamlit as st

from dashboard.core.formatting import NIET_BESCHIKBAAR
from dashboard.core.markup import escape_markdown
from dashboard.data.sources import source_line
from dashboard.presentation.charts.specs import title_of
from dashboard.presentation.tables import FigureTable, chart_figures
from dashboard.ui.text import literal_table

#: Key prefixes of a table on screen and of its twin for the printer (see ui/layout.GLOBAL_CSS).
SCREEN_TABLE = "scherm_"
PRINT_TABLE = "druk_"

#: How a chart takes the page's width (see :func:`show_chart`).
PAGE_SIZING = {"type": "fit-x", "contains": "padding"}

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

#: Text columns (names of gemeenten, regions, indicators) get a fixed share of the width and
#: wrap long text onto more lines, so the numbers beside them stay on screen; the first column
#: stays in view while the numbers scroll beside it on a phone.
TEXT_COLUMN_WIDTH: Literal["small", "medium", "large"] = "medium"
#: Streamlit wraps text in a cell only when a row is higher than 4rem (64 px); three lines fit.
WRAPPING_ROW_HEIGHT = 66
#: A number shown with more characters than this is given a medium column.
LONG_NUMBER_CHARS = 12
#: Text longer than this does not fit a medium column on one line.
ONE_LINE_CHARS = 26
#: Lines a wrapping row shows (:data:`WRAPPING_ROW_HEIGHT`); a longer text needs a wider column.
ROW_LINES = 3


def text_column_width(column: Sequence[str], *, first: bool) -> Literal["small", "medium", "large"]:
    """A text column's width: medium, or large when one of its texts (a source line) would
    need more lines than a row shows and be cut off. The first column (names, pinned on a
    phone) stays medium, so the numbers beside it stay on screen."""
    too_long = any(len(text) > ROW_LINES * ONE_LINE_CHARS for text in column)
    return "large" if too_long and not first else TEXT_COLUMN_WIDTH


def show_table(
    table: FigureTable,
    *,
    key: str,
    sources: Sequence[str] = (),
    extra: str = "",
    period: str = "",
    caption: bool = True,
) -> None:
    """The table with sortable numbers in Dutch notation, its source line (``sources`` and
    ``extra``, as :func:`~dashboard.ui.layout.source_caption`; ``caption=False`` when one line
    under several tables says it) and a download of its figures with that line."""
    line = source_line(*sources, extra=extra) if sources or extra else ""
    if line or period:
        table = replace(table, source=line or table.source, period=period or table.period)
    numbers = set(table.number_columns())
    texts = table.texts()
    config: dict[str, Any] = {}
    long_text = False
    for i, name in enumerate(table.header):
        if name in numbers:
            if any(len(row[i]) > LONG_NUMBER_CHARS for row in texts):
                # sized to its numbers, the column would cut "niet beschikbaar" or a number
                # with words ("6,7% van het budget voor")
                config[name] = st.column_config.NumberColumn(name, width=TEXT_COLUMN_WIDTH)
            continue
        width = text_column_width([row[i] for row in texts], first=i == 0)
        config[name] = st.column_config.TextColumn(name, pinned=i == 0, width=width)
        long_text = long_text or any(len(row[i]) > ONE_LINE_CHARS for row in texts)
    # the numbers right after the names (on a phone they are the first thing beside the names),
    # other text after them
    first = table.header[:1]
    order = [
        *first,
        *(h for h in table.header[1:] if h in numbers),
        *(h for h in table.header[1:] if h not in numbers),
    ]
    with st.container(key=f"{SCREEN_TABLE}{key}"):
        st.dataframe(
            table.styled(),
            hide_index=True,
            width="stretch",
            height="content",
            column_config=config,
            column_order=order,
            row_height=WRAPPING_ROW_HEIGHT if long_text else None,
            placeholder=NIET_BESCHIKBAAR,
        )
    # The interactive table is drawn on a canvas, which a browser prints empty: the same text as
    # a plain table, shown only when printing (style in ui/layout.py).
    with st.container(key=f"{PRINT_TABLE}{key}"):
        st.table(literal_table(pd.DataFrame(texts, columns=list(table.header))), hide_index=True)
    if line and caption:
        st.caption(line)
    download_figures(table, key=key)


def download_figures(table: FigureTable, *, key: str, label: str = "") -> None:
    """One button: the figures as an Excel file (numbers as numbers, with source and period)."""
    st.download_button(
        label or "Cijfers downloaden (Excel)",
        data=table.xlsx_bytes,  # built only when clicked
        file_name=table.file_name(),
        mime=XLSX_MIME,
        key=f"{key}_download",
        icon=":material/download:",
        on_click="ignore",
        type="tertiary",
    )


def show_chart(
    spec: dict,
    *,
    key: str,
    alt: str,
    sources: Sequence[str] = (),
    extra: str = "",
    figures: FigureTable | None = None,
    download: bool = True,
) -> None:
    """A chart from its Vega-Lite specification (the one the PDF and the slides draw), as wide
    as the column, its title above it (it wraps on a phone), ``alt`` as its accessible name, and
    the numbers it draws as a download (``figures``, by default read from the spec) with the
    chart's source line; ``download=False`` where the chart's table, with its own download,
    follows."""
    title = title_of(spec)
    if title:
        st.markdown(f"**{escape_markdown(title)}**")
    # theme=None: the spec's own font, colours and Dutch number notation, as in the PDF.
    # fit-x: as wide as the column; the spec's height is the plot's, with the axes and the
    # legend below it (Streamlit's default "fit" squeezes the plot under a phone's legend)
    # a copy: Streamlit writes into the spec it is given (a legend's null title becomes " "),
    # and the spec may be cached or share parts with the PDF's and the slides' charts
    st.vega_lite_chart(
        {**copy.deepcopy(spec), "autosize": PAGE_SIZING},
        width="stretch",
        theme=None,
        key=key,
        alt=alt,
    )
    if not download:
        return
    data = figures if figures is not None else chart_figures(spec)
    line = source_line(*sources, extra=extra) if sources or extra else ""
    if line:
        data = replace(data, source=line)
    download_figures(data, key=key, label="Cijfers van de grafiek downloaden (Excel)")
