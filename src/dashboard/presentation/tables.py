"""Tables shown on the pages and in the report, built once so they cannot drift.

A :class:`FigureTable` holds each cell twice: the number (so a page sorts numerically and a
download holds numbers) and its Dutch text (what the page shows). A :class:`Table` holds only
the text; the PDF and the slides draw its rows (``FigureTable.as_table()``).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

import pandas as pd

from dashboard.core.formatting import (
    NIET_BESCHIKBAAR,
    fmt_date,
    fmt_eur,
    fmt_int,
    fmt_number,
    fmt_pct,
    is_missing,
)
from dashboard.data.indicators import INDICATORS, SECTOR_PREFIX, indicator_period
from dashboard.data.kerncijfers import NATIONAL_CODE
from dashboard.data.labour import MEMBER_COLUMNS, LabourComparison, LabourRow
from dashboard.region.profiles import IndicatorValue, RegionProfile

if TYPE_CHECKING:  # types only: the Kaart, the first page, imports this module too
    from pandas.io.formats.style import Styler

    from dashboard.data.facts import Amount
    from dashboard.mcda.scoring import DecisionProblem
    from dashboard.mcda.sensitivity import OneWay, SmaaResult
    from dashboard.region.overstap import CostModel, MemberCost


@dataclass(frozen=True)
class Table:
    """A small table of already formatted text."""

    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    source: str = ""
    #: per row the source ids behind it (empty when the table has one source line)
    row_sources: tuple[tuple[str, ...], ...] = field(default=(), compare=False)

    def columns(self, *names: str) -> Table:
        """The same table with only the columns ``names``, in that order."""
        index = [self.header.index(n) for n in names]
        return Table(
            self.caption,
            tuple(names),
            tuple(tuple(row[i] for i in index) for row in self.rows),
            self.source,
            self.row_sources,
        )

    def records(self) -> list[dict[str, str]]:
        """The rows as dictionaries (for ``pandas.DataFrame``)."""
        return [dict(zip(self.header, row, strict=True)) for row in self.rows]


# --- tables of figures for the pages ------------------------------------------------------------
@dataclass(frozen=True)
class Figure:
    """One number in a table: its value (None = niet beschikbaar), its Dutch text and the
    number format a spreadsheet shows it with (an Excel format code; Excel renders it in the
    reader's own locale, so ``#,##0`` reads ``1.790`` in Dutch Excel)."""

    value: float | None
    text: str
    excel_format: str = "General"


def _shown(value: float | None, decimals: int) -> float | None:
    """The value as precise as its text: the grid's cells for screen readers and the Excel
    file then read ``28.3`` where the page shows ``28,3``, not ``28.33705563298685``."""
    return None if is_missing(value) else round(float(value), decimals) + 0.0  # type: ignore[arg-type]


def count(value: float | None) -> Figure:
    """A whole number: ``1.790``."""
    return Figure(_shown(value, 0), fmt_int(value), "#,##0")


def number(value: float | None, decimals: int = 1) -> Figure:
    """A number with ``decimals`` decimals: ``1.234,5`` (a whole number when 0)."""
    if not decimals:
        return count(value)
    code = "#,##0." + "0" * decimals
    return Figure(_shown(value, decimals), fmt_number(value, decimals), code)


def percent(value: float | None, decimals: int = 1) -> Figure:
    """A percentage given in percent (``16.43`` → ``16,4%``)."""
    missing = is_missing(value)
    text = NIET_BESCHIKBAAR if missing else fmt_pct(float(value) / 100.0, decimals)  # type: ignore[arg-type]
    code = "0" + ("." + "0" * decimals if decimals else "") + '"%"'
    return Figure(_shown(value, decimals), text, code)


def euro(value: float | None, text: str = "") -> Figure:
    """An amount in euro: ``€ 15.000``; ``text`` replaces the shown text (e.g. ``ongeveer``)."""
    return Figure(_shown(value, 0), text or fmt_eur(value), '"€" #,##0')


Cell = Figure | str


@dataclass(frozen=True)
class FigureTable:
    """A table whose number columns hold numbers, with the Dutch text each cell shows.

    A column is a number column when every cell in it is a :class:`Figure`; the rest is text.
    Build it with :func:`figure_table`.
    """

    caption: str
    header: tuple[str, ...]
    cells: tuple[tuple[Cell, ...], ...]
    source: str = ""
    period: str = ""
    row_sources: tuple[tuple[str, ...], ...] = field(default=(), compare=False)

    def number_columns(self) -> tuple[str, ...]:
        return tuple(
            name
            for i, name in enumerate(self.header)
            if self.cells and all(isinstance(row[i], Figure) for row in self.cells)
        )

    def frame(self) -> pd.DataFrame:
        """Numbers as floats (NaN = niet beschikbaar), text as text."""
        numeric = set(self.number_columns())
        data: dict[str, list[object]] = {}
        for i, name in enumerate(self.header):
            column = [row[i] for row in self.cells]
            if name in numeric:
                data[name] = [
                    float("nan") if c.value is None else c.value  # type: ignore[union-attr]
                    for c in column
                ]
            else:
                data[name] = [_text(c) for c in column]
        frame = pd.DataFrame(data, columns=list(self.header))
        for name in numeric:
            frame[name] = frame[name].astype("float64")
        return frame

    def texts(self) -> tuple[tuple[str, ...], ...]:
        return tuple(tuple(_text(c) for c in row) for row in self.cells)

    def styled(self) -> Styler:
        """The frame with each number cell shown as its Dutch text (sorting uses the number).

        One formatter per column, looking the text up by the cell's number; only a column in
        which one number is shown with two texts gets a formatter per cell (each costs pandas an
        index lookup: per cell, Regio's tables took half the page's run)."""
        frame = self.frame()
        styler = frame.style
        numeric = set(self.number_columns())
        for j, name in enumerate(self.header):
            if name not in numeric:
                continue
            column = [row[j] for row in self.cells]
            texts = _texts_by_value(column)  # type: ignore[arg-type]
            if texts is not None:
                styler = styler.format(texts.get_text, subset=[name])
                continue
            for i, cell in enumerate(column):
                styler = styler.format(
                    _constant(_text(cell)), subset=pd.IndexSlice[[frame.index[i]], [name]]
                )
        return styler

    def as_table(self) -> Table:
        """The text only, for the PDF and the slides."""
        return Table(self.caption, self.header, self.texts(), self.source, self.row_sources)

    def records(self) -> list[dict[str, str]]:
        return self.as_table().records()

    def file_name(self) -> str:
        """A Dutch file name from the caption: ``kerncijfers-per-regio.xlsx``."""
        return file_stem(self.caption) + ".xlsx"

    def xlsx_bytes(self) -> bytes:
        """The table as an Excel workbook: numbers as numbers with Dutch-readable formats, text
        always as text (never a formula), then the caption, source and period lines."""
        # imported on a click only: a quarter of a second that no page view should pay
        from openpyxl import Workbook
        from openpyxl.cell.cell import TYPE_STRING
        from openpyxl.styles import Font
        from openpyxl.utils import get_column_letter

        wb = Workbook()
        ws = wb.active
        ws.title = "Cijfers"
        ws.append(list(self.header))
        for cell in ws[1]:
            cell.font = Font(bold=True)
            cell.data_type = TYPE_STRING
        for row in self.cells:
            ws.append([None if isinstance(c, Figure) and c.value is None else _raw(c) for c in row])
            for cell, value in zip(ws[ws.max_row], row, strict=True):
                if isinstance(value, Figure):
                    cell.number_format = value.excel_format
                    if value.value is None:
                        cell.value = value.text
                        cell.data_type = TYPE_STRING
                else:
                    cell.data_type = TYPE_STRING
        ws.append([])
        for line in self.provenance_lines():
            ws.append([line])
            ws.cell(ws.max_row, 1).data_type = TYPE_STRING
        ws.freeze_panes = "B2"
        for i, name in enumerate(self.header, start=1):
            width = max([len(name)] + [len(_text(row[i - 1])) for row in self.cells])
            ws.column_dimensions[get_column_letter(i)].width = min(60, max(8, width + 2))
        out = io.BytesIO()
        wb.save(out)
        return out.getvalue()

    def provenance_lines(self, today: dt.date | None = None) -> list[str]:
        lines = [f"Tabel: {self.caption}"]
        if self.source:
            lines.append(self.source if self.source.startswith("Bron") else f"Bron: {self.source}")
        if self.period:
            lines.append(f"Periode: {self.period}")
        lines.append(
            "Uit het arbeidsmarktregio-dashboard, " + fmt_date(today or dt.date.today()) + "."
        )
        return lines


def figure_table(
    caption: str,
    rows: Sequence[Mapping[str, Cell]],
    *,
    columns: Sequence[str] = (),
    source: str = "",
    period: str = "",
    row_sources: Sequence[tuple[str, ...]] = (),
) -> FigureTable:
    """A :class:`FigureTable` from rows of ``{column: Figure or text}`` (``columns``, or else
    the first row's keys, give the columns and their order)."""
    header = tuple(columns) or (tuple(rows[0]) if rows else ())
    return FigureTable(
        caption=caption,
        header=header,
        cells=tuple(tuple(row[h] for h in header) for row in rows),
        source=source,
        period=period,
        row_sources=tuple(row_sources),
    )


def frame_figures(frame: pd.DataFrame, caption: str = "", decimals: int = 1) -> FigureTable:
    """A computed table as figures: floats with ``decimals``, whole numbers as counts, the rest
    as text."""
    columns: dict[str, list[Cell]] = {}
    for name in frame.columns:
        series = frame[name]
        if pd.api.types.is_bool_dtype(series):
            columns[str(name)] = [str(v) for v in series]
        elif pd.api.types.is_integer_dtype(series):
            columns[str(name)] = [count(v) for v in series]
        elif pd.api.types.is_float_dtype(series):
            columns[str(name)] = [number(v, decimals) for v in series]
        else:
            columns[str(name)] = ["" if is_missing(v) else str(v) for v in series]
    rows = [dict(zip(columns, cells, strict=True)) for cells in zip(*columns.values(), strict=True)]
    return figure_table(caption, rows, columns=tuple(columns))


def file_stem(caption: str) -> str:
    """``Kerncijfers per regio (2024)`` → ``kerncijfers-per-regio-2024``."""
    plain = unicodedata.normalize("NFKD", caption).encode("ascii", "ignore").decode()
    stem = re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")
    return stem[:80].rstrip("-") or "cijfers"


def _text(cell: Cell) -> str:
    return cell.text if isinstance(cell, Figure) else str(cell)


def _raw(cell: Cell) -> object:
    return cell.value if isinstance(cell, Figure) else str(cell)


def _constant(text: str) -> Callable[[object], str]:
    return lambda _value: text


@dataclass(frozen=True)
class _TextsByValue:
    """A number column's texts by the cell's number (``None``/NaN: the missing cells' text)."""

    texts: dict[float, str]
    missing: str

    def get_text(self, value: object) -> str:
        if is_missing(value):
            return self.missing
        return self.texts[float(value)]  # type: ignore[arg-type]


def _texts_by_value(column: list[Figure]) -> _TextsByValue | None:
    """The column's texts by number, or None when one number has two texts."""
    texts: dict[float, str] = {}
    missing: set[str] = set()
    for cell in column:
        if cell.value is None:
            missing.add(cell.text)
        elif texts.setdefault(cell.value, cell.text) != cell.text:
            return None
    if len(missing) > 1:
        return None
    return _TextsByValue(texts, next(iter(missing), NIET_BESCHIKBAAR))


# --- kerncijfers of regions ----------------------------------------------------------------------
def indicator_figure(value: IndicatorValue) -> Figure:
    """A region figure as shown everywhere: percentages with one decimal and a % sign, counts
    as whole numbers, other figures with the indicator's decimals."""
    if value.unit.startswith("%"):
        return percent(value.value, max(value.decimals, 1))
    if value.decimals:
        return number(value.value, value.decimals)
    return count(value.value)


def indicator_label(value: IndicatorValue) -> str:
    """``Bevolkingsdichtheid (inwoners per km²)``: the label with its unit unless the unit
    says nothing more (a count of inwoners, a percentage shown with its % sign)."""
    if value.unit.startswith("%") or value.unit == value.label.lower():
        return value.label
    return f"{value.label} ({value.unit})"


def kerncijfers_figures(profiles: Sequence[RegionProfile], caption: str = "") -> FigureTable:
    """Kerncijfers of regions side by side, with the reference period and sources per row."""
    first = profiles[0]
    rows: list[dict[str, Cell]] = []
    sources = []
    for indicator in (*first.indicators, *first.age):
        row: dict[str, Cell] = {"Kerncijfer": indicator_label(indicator)}
        for p in profiles:
            row[p.name] = indicator_figure(p.indicator(indicator.id))
        row["Peildatum"] = indicator.period or NIET_BESCHIKBAAR
        rows.append(row)
        sources.append(tuple(indicator.source_ids))
    return figure_table(
        caption or "Kerncijfers per regio (sommen van de gemeenten, verhoudingen uit de sommen)",
        rows,
        row_sources=sources,
    )


def kerncijfers_table(profiles: Sequence[RegionProfile], caption: str = "") -> Table:
    """The text of :func:`kerncijfers_figures` (for the PDF and the slides)."""
    return kerncijfers_figures(profiles, caption).as_table()


# --- costs of an overstap ------------------------------------------------------------------------
def change_text(eur: float | None, pct: float | None) -> str:
    """``+€ 19.911 (+29,8%)``: one column, so the table fits the page."""
    if eur is None:
        return NIET_BESCHIKBAAR
    sign = "+" if eur > 0 else ""
    if pct is None:
        return sign + fmt_eur(eur)
    return f"{sign}{fmt_eur(eur)} ({'+' if pct > 0 else ''}{fmt_pct(pct, 1)})"


def cost_figures(
    model: CostModel,
    region_names: Mapping[str, str],
    rows: Sequence[MemberCost] | None = None,
    caption: str = "",
) -> FigureTable:
    """Each gemeente's share of its region's budget and amount, before and after the move.

    A mover's two shares are of two different budgets: each says which one.
    """
    out: list[dict[str, Cell]] = []
    for r in model.rows if rows is None else rows:
        moved = r.region_before != r.region_after
        share_before = percent(None if r.share_before is None else r.share_before * 100, 1)
        share_after = percent(None if r.share_after is None else r.share_after * 100, 1)
        if moved:
            share_before = replace(share_before, text=share_before.text + " van het budget voor")
            share_after = replace(share_after, text=share_after.text + " van het budget na")
        out.append(
            {
                "Gemeente": r.gemeente_naam,
                "Regio voor": region_names.get(r.region_before, r.region_before),
                "Regio na": region_names.get(r.region_after, r.region_after),
                "Aandeel voor": share_before,
                "Aandeel na": share_after,
                "Bedrag voor": euro(r.eur_before),
                "Bedrag na": euro(r.eur_after),
                "Verschil": euro(r.change_eur, change_text(r.change_eur, r.change_pct)),
            }
        )
    return figure_table(
        caption or "Bijdrage per gemeente aan het regionale budget",
        out,
        columns=(
            "Gemeente",
            "Regio voor",
            "Regio na",
            "Aandeel voor",
            "Aandeel na",
            "Bedrag voor",
            "Bedrag na",
            "Verschil",
        ),
    )


def cost_table(
    model: CostModel,
    region_names: Mapping[str, str],
    rows: Sequence[MemberCost] | None = None,
    caption: str = "",
) -> Table:
    """The text of :func:`cost_figures` (for the PDF and the slides)."""
    return cost_figures(model, region_names, rows, caption).as_table()


# --- amounts the documents name ------------------------------------------------------------------
def amounts_figures(amounts: Sequence[Amount], caption: str) -> FigureTable:
    """What each amount is, the amount (``ongeveer`` when the source says so), period, source."""
    rows: list[dict[str, Cell]] = [
        {
            "Wat": a.label,
            "Bedrag": euro(a.amount_eur, ("ongeveer " if a.approx else "") + fmt_eur(a.amount_eur)),
            "Periode": a.period,
            "Bron": a.citation.document(),
        }
        for a in amounts
    ]
    return figure_table(caption, rows, columns=("Wat", "Bedrag", "Periode", "Bron"))


# --- the labour-market block ---------------------------------------------------------------------
def _labour_figure(row: LabourRow, code: str) -> Figure:
    value = row.values.get(code)
    return number(value, row.decimals)


def labour_figures(comparison: LabourComparison, caption: str = "") -> FigureTable:
    """One row per indicator, one column per area (regions and Nederland)."""
    rows: list[dict[str, Cell]] = []
    for row in comparison.rows:
        record: dict[str, Cell] = {
            "Indicator": row.label,
            "Eenheid": row.unit,
            "Periode": row.period,
        }
        for code, name in comparison.areas:
            record[name] = _labour_figure(row, code)
        rows.append(record)
    return figure_table(caption or "Arbeidsmarkt, inkomen en bedrijven", rows)


def labour_sector_figures(comparison: LabourComparison) -> FigureTable:
    """Bedrijfsvestigingen per sector, one column per area."""
    rows: list[dict[str, Cell]] = []
    for row in comparison.sectors:
        record: dict[str, Cell] = {
            "Sector": row.label.removeprefix(SECTOR_PREFIX),
            "Periode": row.period,
        }
        for code, name in comparison.areas:
            record[name] = _labour_figure(row, code)
        rows.append(record)
    return figure_table("Bedrijfsvestigingen per sector", rows)


def labour_member_figures(comparison: LabourComparison, region_code: str) -> FigureTable:
    """The gemeenten behind one region's values, as CBS publishes them."""
    members = comparison.members[region_code]
    names = dict(comparison.areas)
    headers = {
        c: f"{INDICATORS[c].label} ({indicator_period(c, comparison.year).text})"
        for c in MEMBER_COLUMNS
    }
    rows: list[dict[str, Cell]] = []
    for _, member in members.iterrows():
        record: dict[str, Cell] = {"Gemeente": str(member["gemeente_naam"])}
        for column, header in headers.items():
            ind = INDICATORS[column]
            record[header] = number(member[column], 0 if ind.kind == "som" else ind.decimals)
        rows.append(record)
    return figure_table(
        f"Gemeenten van {names.get(region_code, region_code)}: arbeidsmarkt",
        rows,
        columns=("Gemeente", *headers.values()),
    )


def labour_before_after_figures(before: LabourComparison, after: LabourComparison) -> FigureTable:
    """Indicator × (region now, region after) for every region, plus Nederland (unchanged)."""
    rows: list[dict[str, Cell]] = []
    for row_before, row_after in zip(before.rows, after.rows, strict=True):
        record: dict[str, Cell] = {
            "Indicator": row_before.label,
            "Eenheid": row_before.unit,
            "Periode": row_before.period,
        }
        for code, name in before.areas:
            if code == NATIONAL_CODE:
                record[name] = _labour_figure(row_before, code)
            else:
                record[f"{name}: nu"] = _labour_figure(row_before, code)
                record[f"{name}: na overstap"] = _labour_figure(row_after, code)
        rows.append(record)
    return figure_table("Arbeidsmarkt, inkomen en bedrijven: voor en na de overstap", rows)


# --- robustness ----------------------------------------------------------------------------------
def share(fraction: float | None, decimals: int = 1) -> Figure:
    """A share given as a fraction, shown and stored in percent (``0.343`` → ``34,3%``)."""
    return percent(None if fraction is None else fraction * 100, decimals)


def score_lines_figures(ow: OneWay, problem: DecisionProblem) -> FigureTable:
    """Scores at share 0%, now and 100%."""
    from dashboard.presentation.charts.robustness import (
        weight_label,  # the chart's names; heavy to import
    )

    m = problem.matrix
    points = [
        (0.0, "bij 0%"),
        (ow.baseline_share, f"nu ({fmt_pct(ow.baseline_share, 1)})"),
        (1.0, "bij 100%"),
    ]
    rows: list[dict[str, Cell]] = [
        {"Variant": m.variant(v).name}
        | {label: number(ow.score_at(v, t), 3) for t, label in points}
        for v in m.variant_ids
    ]
    return figure_table(f"Scores bij {weight_label(problem, ow)}", rows)


def tornado_figures(one_way: Sequence[OneWay], problem: DecisionProblem) -> FigureTable:
    """All one-way results (the text alternative of the tornado chart in full)."""
    from dashboard.presentation.charts.robustness import weight_label

    m = problem.matrix

    def name(v: str | None) -> str:
        return m.variant(v).name if v else "–"

    rows: list[dict[str, Cell]] = [
        {
            "Gewicht": weight_label(problem, ow),
            "Nu": share(ow.baseline_share),
            "Van": share(ow.low),
            "Tot": share(ow.high),
            "Daaronder wint": name(ow.below),
            "Daarboven wint": name(ow.above),
            "Telt mee": "ja" if ow.has_effect else "nee (geen effect)",
        }
        for ow in one_way
    ]
    return figure_table("Binnen welke grenzen elk gewicht de winnaar niet verandert", rows)


def acceptability_figures(result: SmaaResult, problem: DecisionProblem) -> FigureTable:
    """Per variant the share of sampled weightings in which it is 1st, 2nd, 3rd."""
    m = problem.matrix
    n_ranks = len(result.variant_ids)
    rows: list[dict[str, Cell]] = []
    for v in result.variant_ids:
        row: dict[str, Cell] = {"Variant": m.variant(v).name}
        for r in range(n_ranks):
            row[f"{r + 1}e plaats"] = share(result.acceptability[v][r])
        spread = 2 * result.standard_error(v) * 100
        row["Onzekerheid 1e plaats (±2 st.fout, procentpunt)"] = Figure(
            spread, f"± {fmt_number(spread, 1)} procentpunt", "0.0"
        )
        rows.append(row)
    return figure_table("Hoe vaak staat elke variant op welke plaats", rows)


def central_weights_figures(result: SmaaResult, problem: DecisionProblem) -> FigureTable:
    """Mean group shares (and within-group criterion shares) of the weightings each variant wins."""
    from dashboard.presentation.charts.robustness import _short as short_label

    m = problem.matrix
    columns = {v: f"als {m.variant(v).name} wint" for v in result.variant_ids}
    rows: list[dict[str, Cell]] = []
    for g in m.groups:
        row: dict[str, Cell] = {"Gewicht": f"Groep: {g.label}"}
        for v, column in columns.items():
            cw = result.central_weights[v]
            row[column] = share(cw["groups"][g.id] if cw else None)
        rows.append(row)
    for c in m.criteria:
        row = {"Gewicht": f"{short_label(c.label)} ({m.group(c.group).short}, binnen de groep)"}
        for v, column in columns.items():
            cw = result.central_weights[v]
            row[column] = share(cw["criteria"][c.id] if cw else None)
        rows.append(row)
    return figure_table("Gemiddelde weging waarbij elke variant wint", rows)


# --- the figures behind a chart ------------------------------------------------------------------
def chart_figures(spec: dict, caption: str = "") -> FigureTable:
    """The numbers a chart draws: one row per category, one column per series.

    Read from the chart's specification (:func:`dashboard.presentation.charts.specs.figures_of`),
    so the
    download holds exactly what the chart shows.
    """
    from dashboard.presentation.charts.specs import (  # the Kaart imports this module
        figures_of,
        title_of,
    )

    categories: list[str] = []
    names: list[str] = []
    values: dict[tuple[str, str], float | None] = {}
    for category, name, value in figures_of(spec):
        categories += [category] if category not in categories else []
        names += [name] if name not in names else []
        values[category, name] = None if is_missing(value) else float(value)  # type: ignore[arg-type]
    rows: list[dict[str, Cell]] = []
    for category in categories:
        row_values = [values.get((category, name)) for name in names]
        whole = all(v is None or float(v).is_integer() for v in row_values)
        row: dict[str, Cell] = {"Categorie": category}
        for name, value in zip(names, row_values, strict=True):
            row[name] = number(value, 0 if whole else 1)
        rows.append(row)
    title = caption or title_of(spec) or "Cijfers van de grafiek"
    return figure_table(title, rows, columns=("Categorie", *names))
