"""The labour-market block: regions side by side with Nederland, and the gemeenten behind them.

One comparison object feeds Regio's vergelijken, the Overstap (before and after), the
Presentatie and its PDF/PowerPoint, and the CLI profile. Region values follow the rules of
:mod:`dashboard.data.kerncijfers` (sums of counts, ratios of sums, missing when a member is
missing);
how each value is made is carried with it (``method``) so every page can say so.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from dashboard.core.formatting import NIET_BESCHIKBAAR, fmt_number, is_missing
from dashboard.data.indicators import INDICATORS, SECTOR_PREFIX, SECTORS, indicator_period
from dashboard.data.kerncijfers import (
    NATIONAL_CODE,
    aggregate,
    gemeente_figures,
    indicator_years,
    national,
)

#: The block's rows, in order (the 8 sector counts follow separately).
LABOUR_INDICATORS: tuple[str, ...] = (
    "bijstand",
    "bijstand_per_1000",
    "ww",
    "ww_per_1000",
    "ao",
    "ao_per_1000",
    "werkzame_beroepsbevolking",
    "netto_arbeidsparticipatie",
    "pct_werknemers",
    "pct_zelfstandigen",
    "inkomen_per_inwoner",
    "pct_armoede",
    "bedrijfsvestigingen",
    "bedrijfsvestigingen_per_1000",
)
SECTOR_INDICATORS: tuple[str, ...] = tuple(column for column, _ in SECTORS)
#: The rates shown in the chart (same unit, so one axis).
RATE_INDICATORS: tuple[str, ...] = ("bijstand_per_1000", "ww_per_1000", "ao_per_1000")
#: Columns of the gemeente table under the block.
MEMBER_COLUMNS: tuple[str, ...] = (
    "bijstand",
    "ww",
    "ao",
    "werkzame_beroepsbevolking",
    "netto_arbeidsparticipatie",
    "inkomen_per_inwoner",
    "bedrijfsvestigingen",
)
NEDERLAND = "Nederland"


@dataclass(frozen=True)
class LabourRow:
    """One indicator: its value per area code (regions and ``NL``)."""

    id: str
    label: str
    unit: str
    decimals: int
    group: str
    values: Mapping[str, float | None]
    source_id: str
    method: str
    #: reference period and status (``31 december 2024 (…), voorlopig``)
    period: str = ""
    #: the same without its notes, for a headline (``31 december 2024, voorlopig``)
    period_short: str = ""

    def text(self, code: str) -> str:
        value = self.values.get(code)
        if value is None:
            return NIET_BESCHIKBAAR
        return fmt_number(value, self.decimals)


@dataclass(frozen=True)
class LabourComparison:
    """Regions (code, name) side by side with Nederland for one KWB edition year."""

    year: int | None
    areas: tuple[tuple[str, str], ...]
    rows: tuple[LabourRow, ...]
    sectors: tuple[LabourRow, ...]
    #: region code → member gemeenten (index: code) with ``gemeente_naam`` + MEMBER_COLUMNS
    members: Mapping[str, pd.DataFrame]

    @property
    def available(self) -> bool:
        return self.year is not None

    def row(self, indicator_id: str) -> LabourRow:
        for row in (*self.rows, *self.sectors):
            if row.id == indicator_id:
                return row
        raise KeyError(indicator_id)

    def source_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(r.source_id for r in (*self.rows, *self.sectors)))

    def table(self) -> pd.DataFrame:
        """Display table: one row per indicator, one column per area (Dutch numbers)."""
        records = []
        for row in self.rows:
            record = {"Indicator": row.label, "Eenheid": row.unit, "Periode": row.period}
            for code, name in self.areas:
                record[name] = row.text(code)
            records.append(record)
        return pd.DataFrame(records)

    def sector_table(self) -> pd.DataFrame:
        """Vestigingen per sector, under CBS's own sector titles (``G+I Handel en horeca``)."""
        records = []
        for row in self.sectors:
            record = {"Sector": row.label.removeprefix(SECTOR_PREFIX), "Periode": row.period}
            for code, name in self.areas:
                record[name] = row.text(code)
            records.append(record)
        return pd.DataFrame(records)

    def member_table(self, region_code: str) -> pd.DataFrame:
        members = self.members[region_code]
        # the columns are collected first and made into a frame once
        columns: dict[str, Any] = {"Gemeente": members["gemeente_naam"].to_numpy()}
        for column in MEMBER_COLUMNS:
            ind = INDICATORS[column]
            columns[f"{ind.label} ({indicator_period(column, self.year).text})"] = [
                fmt_number(v, 0 if ind.kind == "som" else ind.decimals)
                if not is_missing(v)
                else NIET_BESCHIKBAAR
                for v in members[column].tolist()
            ]
        return pd.DataFrame(columns)


def labour_year(kc: pd.DataFrame) -> int | None:
    """The latest edition year with labour-market figures, None when the data has none."""
    years = indicator_years(kc, "bijstand")
    return max(years) if years else None


def _value(row: Mapping[str, Any], column: str) -> float | None:
    raw = row[column]
    return None if is_missing(raw) else float(raw)


def labour_comparison(
    kc: pd.DataFrame,
    membership: Mapping[str, str],
    regions: Sequence[tuple[str, str]],
    *,
    with_nederland: bool = True,
    names: Mapping[str, str] | None = None,
) -> LabourComparison:
    """The block for ``regions`` (code, display name) under ``membership``.

    ``names`` (gemeente code → name, e.g. from the boundary layer) replaces the names in the
    figures, which CBS sometimes spells slightly differently ("Hengelo (O.)").
    """
    year = labour_year(kc)
    areas = tuple(regions) + (((NATIONAL_CODE, NEDERLAND),) if with_nederland else ())
    if year is None:
        return LabourComparison(None, areas, (), (), {})
    wanted = {code for code, _ in regions}
    own = {g: r for g, r in membership.items() if r in wanted}
    totals = aggregate(kc, own, year)
    # each area's figures as a mapping, looked up ~25 times each (a frame lookup per value
    # cost more than the rest of the block)
    rows = {code: totals.loc[code].to_dict() for code, _ in regions if code in totals.index}
    nl = national(kc, year).to_dict() if with_nederland else None

    def make(indicator_id: str) -> LabourRow:
        ind = INDICATORS[indicator_id]
        values: dict[str, float | None] = {
            code: _value(rows[code], indicator_id) if code in rows else None for code, _ in regions
        }
        if nl is not None:
            values[NATIONAL_CODE] = _value(nl, indicator_id)
        return LabourRow(
            id=ind.id,
            label=ind.label,
            unit=ind.unit,
            decimals=ind.decimals,
            group=ind.group,
            values=values,
            source_id=ind.source_id,
            method=ind.method,
            period=indicator_period(indicator_id, year).text,
            period_short=indicator_period(indicator_id, year).short,
        )

    figures = gemeente_figures(kc, year)
    members = {}
    for code, _ in regions:
        codes = sorted(g for g, r in membership.items() if r == code)
        frame = figures.reindex(codes)[["gemeente_naam", *MEMBER_COLUMNS]].copy()
        if names:
            frame["gemeente_naam"] = [names.get(g, n) for g, n in frame["gemeente_naam"].items()]
        members[code] = frame.sort_values("gemeente_naam")
    return LabourComparison(
        year=year,
        areas=areas,
        rows=tuple(make(i) for i in LABOUR_INDICATORS),
        sectors=tuple(make(i) for i in SECTOR_INDICATORS),
        members=members,
    )


def before_after_table(before: LabourComparison, after: LabourComparison) -> pd.DataFrame:
    """Indicator × (region now, region after) for every region, plus Nederland (unchanged)."""
    records = []
    for row_before, row_after in zip(before.rows, after.rows, strict=True):
        record = {
            "Indicator": row_before.label,
            "Eenheid": row_before.unit,
            "Periode": row_before.period,
        }
        for code, name in before.areas:
            if code == NATIONAL_CODE:
                record[name] = row_before.text(code)
            else:
                record[f"{name}: nu"] = row_before.text(code)
                record[f"{name}: na overstap"] = row_after.text(code)
        records.append(record)
    return pd.DataFrame(records)
