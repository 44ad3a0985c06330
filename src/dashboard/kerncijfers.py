"""CBS kerncijfers per gemeente and their aggregation per arbeidsmarktregio.

Rules: counts are summed; ratios are recomputed from the sums (density = total inwoners / total
land area, never a mean of densities); a region value is missing when any member's value is
missing (a partial sum would look complete but is not).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd

from dashboard.cbs import read_kerncijfers
from dashboard.errors import DataMissingError, ValidationError
from dashboard.indicators import INDICATORS

#: ``bron`` text prefix in gemeente_kerncijfers.csv → source id in data/SOURCES.yaml
BRON_TO_SOURCE = {
    "CBS 85984NED": "cbs_kerncijfers_2024",
    "CBS Wijk- en buurtkaart 2023": "cbs_wijkbuurtkaart_2023",
}


def load_kerncijfers(folder: Path | str | None = None) -> pd.DataFrame:
    """The long table (one row per gemeente per year), missing values kept as NaN."""
    return read_kerncijfers(folder)


def years(kc: pd.DataFrame) -> tuple[int, ...]:
    return tuple(sorted(int(y) for y in kc["jaar"].unique()))


def latest_year(kc: pd.DataFrame, column: str = "inwoners") -> int:
    """The latest year in which ``column`` has any value."""
    if column not in kc.columns:
        raise DataMissingError(f"kerncijfers: kolom {column!r} ontbreekt")
    with_values = kc.loc[kc[column].notna(), "jaar"]
    if with_values.empty:
        raise DataMissingError(f"kerncijfers: geen enkel jaar heeft waarden voor {column!r}")
    return int(with_values.max())


def _needed(indicator_id: str) -> list[str]:
    ind = INDICATORS[indicator_id]
    return [ind.numerator, ind.denominator] if ind.kind == "verhouding" else [ind.id]


def _filled_columns(kc: pd.DataFrame, year: int) -> set[str]:
    rows = with_derived_columns(kc[kc["jaar"] == year])
    return {c for c in rows.columns if rows[c].notna().any()}


def available(kc: pd.DataFrame, indicator_id: str, year: int) -> bool:
    """True when the indicator has at least one gemeente value in ``year``."""
    filled = _filled_columns(kc, year)
    return all(c in filled for c in _needed(indicator_id))


def indicator_years(kc: pd.DataFrame, indicator_id: str) -> tuple[int, ...]:
    return years_per_indicator(kc)[indicator_id]


def years_per_indicator(kc: pd.DataFrame) -> dict[str, tuple[int, ...]]:
    """Per indicator (``INDICATORS`` order) the years with at least one gemeente value.

    One pass per year over the table: asking per indicator and year repeats the same work.
    """
    filled = {y: _filled_columns(kc, y) for y in years(kc)}
    return {
        i: tuple(y for y, columns in filled.items() if all(c in columns for c in _needed(i)))
        for i in INDICATORS
    }


def source_ids(kc: pd.DataFrame, year: int) -> tuple[str, ...]:
    """The SOURCES.yaml ids behind the rows of ``year``."""
    ids: list[str] = []
    for bron in kc.loc[kc["jaar"] == year, "bron"].dropna().unique():
        for prefix, source_id in BRON_TO_SOURCE.items():
            if str(bron).startswith(prefix) and source_id not in ids:
                ids.append(source_id)
    return tuple(ids)


#: Denominators the table implies but does not publish (see :func:`with_derived_columns`).
DERIVED_COLUMNS = ("inwoners_15_64", "bevolking_15_74_afgeleid", "inkomen_populatie")


def _column(rows: pd.DataFrame, name: str) -> pd.Series:
    return rows[name] if name in rows.columns else pd.Series(np.nan, index=rows.index)


def with_derived_columns(rows: pd.DataFrame) -> pd.DataFrame:
    """Add the denominators that the KWB table implies.

    * ``inwoners_15_64``: the three published age-group counts 15–25, 25–45, 45–65;
    * ``bevolking_15_74_afgeleid``: werkzame beroepsbevolking ÷ (netto participatie / 100), the
      population the participation percentage is a share of (approximate: CBS rounds the
      percentage to whole numbers);
    * ``inkomen_populatie``: total income (ontvangers × income per ontvanger) ÷ income per
      inwoner, i.e. the number of inwoners the income statistics count.
    """
    rows = rows.copy()
    rows["inwoners_15_64"] = (
        _column(rows, "inwoners_15_24")
        + _column(rows, "inwoners_25_44")
        + _column(rows, "inwoners_45_64")
    )
    participation = _column(rows, "netto_arbeidsparticipatie")
    rows["bevolking_15_74_afgeleid"] = _column(rows, "werkzame_beroepsbevolking") / (
        participation.where(participation > 0) / 100.0
    )
    per_inwoner = _column(rows, "inkomen_per_inwoner")
    total = _column(rows, "inkomensontvangers") * _column(rows, "inkomen_per_ontvanger")
    rows["inkomen_populatie"] = total / per_inwoner.where(per_inwoner > 0)
    return rows


def gemeente_figures(kc: pd.DataFrame, year: int) -> pd.DataFrame:
    """One row per gemeente for ``year``, indexed by gemeente code, with every indicator."""
    rows = kc[kc["jaar"] == year].set_index("gemeente_code")
    if rows.empty:
        raise ValidationError(f"geen kerncijfers voor {year}; beschikbaar: {years(kc)}")
    rows = with_derived_columns(rows)
    out = pd.DataFrame(index=rows.index)
    out["gemeente_naam"] = rows["gemeente_naam"]
    for column in DERIVED_COLUMNS:
        out[column] = rows[column]
    for ind in INDICATORS.values():
        if ind.kind == "verhouding":
            if ind.id in rows.columns:
                out[ind.id] = rows[ind.id]  # as published by CBS
            else:
                out[ind.id] = (
                    _column(rows, ind.numerator) / _column(rows, ind.denominator) * ind.scale
                )
        else:
            out[ind.id] = rows[ind.id] if ind.id in rows.columns else np.nan
    if "bevolkingsdichtheid_inw_per_km2_land" in rows.columns:
        out["bevolkingsdichtheid"] = rows["bevolkingsdichtheid_inw_per_km2_land"]
    out["bron"] = rows["bron"]
    return out


def _sum_strict(values: pd.Series) -> float:
    """Sum that is NaN when any value is missing."""
    return float(values.sum()) if values.notna().all() and len(values) else np.nan


def aggregate(kc: pd.DataFrame, membership: Mapping[str, str], year: int) -> pd.DataFrame:
    """Figures per region for ``year``.

    Parameters
    ----------
    kc
        The long kerncijfers table.
    membership
        gemeente code → region code (e.g. ``RegionIndex.membership()``, or a modified copy for
        an overstap).
    year
        Which year's rows to use.

    Returns
    -------
    DataFrame indexed by region code with ``n_gemeenten`` and one column per indicator.
    """
    figures = gemeente_figures(kc, year)
    # A gemeente without a row for this year has all figures missing, never zero.
    figures = figures.reindex(figures.index.union(pd.Index(list(membership))))
    figures["region"] = pd.Series(membership)
    figures = figures[figures["region"].notna()]
    rows = {}
    for region, members in figures.groupby("region"):
        row: dict[str, float] = {"n_gemeenten": float(len(members))}
        inwoners = _sum_strict(members["inwoners"])
        for ind in INDICATORS.values():
            if ind.kind == "som":
                row[ind.id] = _sum_strict(members[ind.id])
            elif ind.kind == "verhouding":
                num = _sum_strict(members[ind.numerator])
                den = _sum_strict(members[ind.denominator])
                row[ind.id] = num / den * ind.scale if den and not np.isnan(den) else np.nan
            elif ind.kind == "aandeel":
                counts = _sum_strict(members[ind.id] / 100.0 * members["inwoners"])
                row[ind.id] = counts / inwoners * 100.0 if inwoners else np.nan
            elif ind.kind == "gewogen":
                weights = members[ind.weight]
                total = _sum_strict(weights)
                weighted = _sum_strict(members[ind.id] * weights)
                row[ind.id] = weighted / total if total else np.nan
        rows[region] = row
    out = pd.DataFrame.from_dict(rows, orient="index")
    out = out.reindex(columns=["n_gemeenten", *INDICATORS])
    out.index.name = "region_code"
    out["n_gemeenten"] = out["n_gemeenten"].astype(int)
    return out.sort_index()


NATIONAL_CODE = "NL"


def national(kc: pd.DataFrame, year: int) -> pd.Series:
    """Figures for Nederland: every gemeente of ``year`` as one region, by the same rules
    (so a figure missing for one gemeente is missing for Nederland too)."""
    codes = kc.loc[kc["jaar"] == year, "gemeente_code"]
    return aggregate(kc, dict.fromkeys(codes, NATIONAL_CODE), year).loc[NATIONAL_CODE]
