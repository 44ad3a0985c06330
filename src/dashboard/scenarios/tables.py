"""CSV and Excel downloads of result tables.

CSV is written the way Dutch Excel opens it without a wizard: UTF-8 with a byte-order mark,
``;`` between fields and a decimal comma. Text that a spreadsheet would run as a formula
(starting with ``=``, ``+``, ``-``, ``@`` or a tab/return, except the bare rating symbols such as
``+/-``) gets a leading apostrophe in the CSV; in the Excel file every text cell is stored as
text, never as a formula.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import TYPE_STRING
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^[-+]?\d+([.,]\d+)?$")
_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")


#: The handreiking's rating symbols carry no formula payload; they stay readable.
_RATING_SYMBOLS = frozenset({"++", "+", "+/-", "-", "-/-"})


def _neutralise(value: object) -> object:
    if (
        isinstance(value, str)
        and value.startswith(_FORMULA_START)
        and value not in _RATING_SYMBOLS
        and not _NUMBER.match(value)
    ):
        return "'" + value
    return value


def to_csv_bytes(table: pd.DataFrame) -> bytes:
    """One table as CSV for Dutch Excel (``;``, decimal comma, UTF-8 with BOM)."""
    safe = table.copy()
    safe.columns = [str(_neutralise(str(c))) for c in safe.columns]
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = safe[column].map(_neutralise)
    return safe.to_csv(index=False, sep=";", decimal=",", lineterminator="\r\n").encode("utf-8-sig")


def sheet_title(name: str, taken: set[str]) -> str:
    """A valid, unique Excel sheet name (≤ 31 characters, no ``[]:*?/\\``)."""
    base = _SHEET_BAD.sub("_", name).strip("'") or "Blad"
    title = base[:31]
    n = 2
    while title.lower() in taken:
        suffix = f" ({n})"
        title = base[: 31 - len(suffix)] + suffix
        n += 1
    taken.add(title.lower())
    return title


def to_excel_bytes(tables: Mapping[str, pd.DataFrame]) -> bytes:
    """Several tables as one .xlsx workbook, one sheet each, header bold and frozen."""
    wb = Workbook()
    wb.remove(wb.active)
    taken: set[str] = set()
    for name, table in tables.items():
        ws = wb.create_sheet(sheet_title(name, taken))
        ws.append([str(c) for c in table.columns])
        for cell in ws[1]:
            cell.font = Font(bold=True)
            cell.data_type = TYPE_STRING
        for row in table.itertuples(index=False):
            ws.append([None if _missing(v) else _plain(v) for v in row])
        for row_cells in ws.iter_rows(min_row=2):
            for cell in row_cells:
                if isinstance(cell.value, str):
                    cell.data_type = TYPE_STRING  # never a formula
        ws.freeze_panes = "A2"
        for i, column in enumerate(table.columns, start=1):
            width = max([len(str(column))] + [len(str(v)) for v in table[column].head(200)])
            ws.column_dimensions[get_column_letter(i)].width = min(60, max(8, width + 2))
    if not wb.sheetnames:
        wb.create_sheet("Leeg")
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _missing(value: object) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _plain(value: object) -> object:
    """numpy scalars to Python; anything exotic to text."""
    if hasattr(value, "item"):
        try:
            return value.item()
        except (TypeError, ValueError):
            pass
    if isinstance(value, str | int | float | bool):
        return value
    return str(value)


CSV_MIME = "text/csv"
EXCEL_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
