"""CBS kerncijfers per gemeente and their aggregation per arbeidsmarktregio.

Rules: counts are summed; ratios are recomputed from the sums (density = total inwoners / total
land area, never a mean of densities); a region value is missing when any member's value is
missing (a partial sum would look complete but is not).
"""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable, Mapping
from functools import partial
from pathlib import Path
from typing import Any, TypeVar, cast

import numpy as np
import pandas as pd

from dashboard.core.errors import DataMissingError, ValidationError
from dashboard.core.formatting import is_missing
from dashboard.data.cbs import read_kerncijfers
from dashboard.data.indicators import INDICATORS

#: ``bron`` text prefix in gemeente_kerncijfers.csv → source id in data/SOURCES.yaml
BRON_TO_SOURCE = {
    "CBS 85984NED": "cbs_kerncijfers_2024",
    "CBS Wijk- en buurtkaart 2023": "cbs_wijkbuurtkaart_2023",
}


_T = TypeVar("_T")
_derived_lock = threading.Lock()
#: Tables derived from one kerncijfers table, per table object (``id``) while it lives: a
#: report asks for the same year's gemeente figures a score of times (every section, every
#: profile, Nederland), and each derivation costs tens of milliseconds. The loaded table is
#: never changed in place (every function here reads it), so what was derived from it holds.
_derived: dict[int, tuple[weakref.ref[pd.DataFrame], dict[Hashable, Any]]] = {}


def _derived_from(kc: pd.DataFrame, key: Hashable, make: Callable[[], _T]) -> _T:
    """``make()``, once per table object and ``key``; forgotten when the table is."""
    ident = id(kc)
    with _derived_lock:
        entry = _derived.get(ident)
        if entry is None or entry[0]() is not kc:
            entry = _derived[ident] = (weakref.ref(kc, partial(_forget, ident)), {})
        store = entry[1]
        if key in store:
            return cast(_T, store[key])
    value = make()
    with _derived_lock:
        return cast(_T, store.setdefault(key, value))


def _forget(ident: int, ref: weakref.ref[pd.DataFrame]) -> None:
    with _derived_lock:
        if ident in _derived and _derived[ident][0] is ref:
            del _derived[ident]


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


def indicator_years(kc: pd.DataFrame, indicator_id: str) -> tuple[int, ...]:
    return years_per_indicator(kc)[indicator_id]


def years_per_indicator(kc: pd.DataFrame) -> dict[str, tuple[int, ...]]:
    """Per indicator (``INDICATORS`` order) the years with at least one gemeente value.

    One pass over the table, grouped by year (asking per indicator and year repeated the work),
    made once per table.
    """
    return dict(_derived_from(kc, "years_per_indicator", lambda: _years_per_indicator(kc)))


def _years_per_indicator(kc: pd.DataFrame) -> dict[str, tuple[int, ...]]:
    derived = with_derived_columns(kc)
    filled_per_year = derived.notna().groupby(derived["jaar"]).any()
    filled = {
        int(y): set(filled_per_year.columns[row.to_numpy()])
        for y, row in filled_per_year.iterrows()
    }
    return {
        i: tuple(y for y, columns in filled.items() if all(c in columns for c in _needed(i)))
        for i in INDICATORS
    }


def source_ids(kc: pd.DataFrame, year: int) -> tuple[str, ...]:
    """The SOURCES.yaml ids behind the rows of ``year`` (made once per table and year: every
    indicator of a profile asks)."""
    return _derived_from(kc, ("source_ids", year), lambda: _source_ids(kc, year))


def _source_ids(kc: pd.DataFrame, year: int) -> tuple[str, ...]:
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
    """One row per gemeente for ``year``, indexed by gemeente code, with every indicator.

    Made once per table and year; each caller gets its own frame (copy-on-write: changing it
    changes nobody else's)."""
    figures = _derived_from(kc, ("gemeente_figures", year), lambda: _gemeente_figures(kc, year))
    return figures.copy(deep=False)


def _gemeente_figures(kc: pd.DataFrame, year: int) -> pd.DataFrame:
    rows = kc[kc["jaar"] == year].set_index("gemeente_code")
    if rows.empty:
        raise ValidationError(f"geen kerncijfers voor {year}; beschikbaar: {years(kc)}")
    rows = with_derived_columns(rows)
    # the columns are collected first and made into a frame once: inserting ~60 columns one
    # by one into a DataFrame costs more than everything else here
    columns: dict[str, Any] = {"gemeente_naam": rows["gemeente_naam"]}
    for column in DERIVED_COLUMNS:
        columns[column] = rows[column]
    for ind in INDICATORS.values():
        if ind.kind == "verhouding":
            if ind.id in rows.columns:
                columns[ind.id] = rows[ind.id]  # as published by CBS
            else:
                columns[ind.id] = (
                    _column(rows, ind.numerator) / _column(rows, ind.denominator) * ind.scale
                )
        else:
            columns[ind.id] = rows[ind.id] if ind.id in rows.columns else np.nan
    if "bevolkingsdichtheid_inw_per_km2_land" in rows.columns:
        columns["bevolkingsdichtheid"] = rows["bevolkingsdichtheid_inw_per_km2_land"]
    columns["bron"] = rows["bron"]
    return pd.DataFrame(columns, index=rows.index)


def _summands(figures: pd.DataFrame) -> tuple[list[str], np.ndarray]:
    """The per-gemeente values whose region sums make every indicator, one row per value."""
    names: list[str] = []
    rows: list[np.ndarray] = []

    def add(name: str, values: np.ndarray) -> None:
        if name not in names:
            names.append(name)
            rows.append(values)

    def column(name: str) -> np.ndarray:
        # plain arrays: the same IEEE arithmetic as on Series, without their index alignment
        return figures[name].to_numpy(dtype=float)

    inwoners = column("inwoners")
    add("inwoners", inwoners)
    for ind in INDICATORS.values():
        if ind.kind == "som":
            add(ind.id, column(ind.id))
        elif ind.kind == "verhouding":
            add(ind.numerator, column(ind.numerator))
            add(ind.denominator, column(ind.denominator))
        elif ind.kind == "aandeel":
            add(f"{ind.id}*inwoners", column(ind.id) / 100.0 * inwoners)
        elif ind.kind == "gewogen":
            weights = column(ind.weight)
            add(ind.weight, weights)
            add(f"{ind.id}*{ind.weight}", column(ind.id) * weights)
    return names, np.vstack(rows)


#: How many memberships' aggregates are kept per table and year: the indeling, the indeling
#: after one overstap, Nederland and a few regions' own members cover one report or page view.
AGGREGATES_KEPT = 16


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
    DataFrame indexed by region code with ``n_gemeenten`` and one column per indicator. The
    same membership and year give the same figures: the last :data:`AGGREGATES_KEPT` are kept
    per table (a report asks for the indeling's, the overstap's and Nederland's several times);
    each caller gets its own frame (copy-on-write).
    """
    key = frozenset(membership.items())
    kept: OrderedDict[frozenset, pd.DataFrame] = _derived_from(
        kc, ("aggregates", year), OrderedDict
    )
    with _derived_lock:
        if key in kept:
            kept.move_to_end(key)
            return cast(pd.DataFrame, kept[key]).copy(deep=False)
    out = _aggregate(kc, membership, year)
    with _derived_lock:
        kept[key] = out
        while len(kept) > AGGREGATES_KEPT:
            kept.popitem(last=False)
    return out.copy(deep=False)


def _year_summands(kc: pd.DataFrame, year: int) -> tuple[list[str], np.ndarray, pd.Index]:
    """:func:`_summands` of every gemeente of ``year``, once per table and year, with one more
    column of NaN for a gemeente without a row; and the gemeente codes of the columns."""
    figures = gemeente_figures(kc, year)
    names, values = _summands(figures)
    missing = np.full((len(names), 1), np.nan)
    return names, np.hstack([values, missing]), figures.index


def _aggregate(kc: pd.DataFrame, membership: Mapping[str, str], year: int) -> pd.DataFrame:
    names, table, index = _derived_from(kc, ("summands", year), lambda: _year_summands(kc, year))
    # A gemeente without a row for this year has all figures missing, never zero. Only the
    # members' columns are taken (in table order): a region's few members need not carry the
    # whole country along.
    members = sorted(g for g, r in membership.items() if not is_missing(r))
    columns = index.get_indexer(members)
    columns[columns < 0] = table.shape[1] - 1  # no row this year: the column of NaN
    codes = np.array([membership[g] for g in members], dtype=object)
    # Members of a region side by side, in table order within each region; each region's sum
    # is then numpy's sum over one contiguous slice, the same sum a Series of the members gives.
    order = np.argsort(codes, kind="stable")
    regions, starts, counts = np.unique(codes[order], return_index=True, return_counts=True)
    values = np.ascontiguousarray(table[:, columns[order]])
    # a plain sum is NaN as soon as one member is missing: a partial sum would look complete
    sums = np.empty((len(names), len(regions)))
    for j, (start, count) in enumerate(zip(starts, counts, strict=True)):
        sums[:, j] = values[:, start : start + count].sum(axis=1)
    total = dict(zip(names, sums, strict=True))

    def ratio(num: np.ndarray, den: np.ndarray, scale: float = 1.0) -> np.ndarray:
        usable = (den != 0) & ~np.isnan(den)
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(usable, num / np.where(usable, den, 1.0) * scale, np.nan)

    # one float block, an indicator per column (NaN for a kind not summed), then the counts
    block = np.full((len(regions), len(INDICATORS)), np.nan)
    for j, ind in enumerate(INDICATORS.values()):
        if ind.kind == "som":
            block[:, j] = total[ind.id]
        elif ind.kind == "verhouding":
            block[:, j] = ratio(total[ind.numerator], total[ind.denominator], ind.scale)
        elif ind.kind == "aandeel":
            counted = total[f"{ind.id}*inwoners"]
            inwoners = total["inwoners"]
            with np.errstate(divide="ignore", invalid="ignore"):
                block[:, j] = np.where(inwoners != 0, counted / inwoners * 100.0, np.nan)
        elif ind.kind == "gewogen":
            block[:, j] = ratio(total[f"{ind.id}*{ind.weight}"], total[ind.weight])
    out = pd.DataFrame(
        block,
        index=pd.Index([str(r) for r in regions], name="region_code"),
        columns=list(INDICATORS),
    )
    out.insert(0, "n_gemeenten", counts.astype(int))
    return out


NATIONAL_CODE = "NL"


def national(kc: pd.DataFrame, year: int) -> pd.Series:
    """Figures for Nederland: every gemeente of ``year`` as one region, by the same rules
    (so a figure missing for one gemeente is missing for Nederland too). Worked out once per
    table and year; each caller gets its own Series."""
    figures = _derived_from(kc, ("national", year), lambda: _national(kc, year))
    return figures.copy(deep=False)


def _national(kc: pd.DataFrame, year: int) -> pd.Series:
    codes = kc.loc[kc["jaar"] == year, "gemeente_code"]
    return aggregate(kc, dict.fromkeys(codes, NATIONAL_CODE), year).loc[NATIONAL_CODE]
