"""Read a page table in AppTest as the page shows it: its numbers and the text of each cell."""

from __future__ import annotations

import re

import pandas as pd
import pyarrow as pa
from streamlit.testing.v1 import AppTest

#: A number as Dutch text ("1.790", "16,4%", "€ 15.000"): what a number column must not hold.
DUTCH_NUMBER_TEXT = re.compile(r"^[+-]?(€\s?)?\d{1,3}(\.\d{3})*(,\d+)?%?$|^[+-]?\d+,\d+%?$")


def tables(at: AppTest) -> list[pd.DataFrame]:
    return [d.value for d in at.dataframe]


def shown(element) -> pd.DataFrame:  # type: ignore[no-untyped-def]
    """The text each cell shows (the Styler's display values; the data where there are none)."""
    styler = element.proto.arrow_data.styler
    data = element.value
    if not styler.display_values:
        return data.astype(str)
    with pa.ipc.open_stream(styler.display_values) as reader:
        display = reader.read_pandas()
    display.columns = data.columns
    return display.reset_index(drop=True)


def number_columns_as_text(frame: pd.DataFrame) -> list[str]:
    """Columns whose values are numbers written as text (they would sort as text)."""
    bad = []
    for column in frame.columns:
        if pd.api.types.is_numeric_dtype(frame[column]):
            continue
        values = [str(v).strip() for v in frame[column] if str(v).strip()]
        if values and any(DUTCH_NUMBER_TEXT.match(v) for v in values):
            bad.append(str(column))
    return bad
