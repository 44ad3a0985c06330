"""CBS kerncijfers per gemeente and their aggregation per arbeidsmarktregio.

Rules: counts are summed; ratios are recomputed from the sums (density = total inwoners / total
land area, never a mean of densities); a region value is missing when any member's value is
missing (a partial sum would look complete but is not).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from dashboard.cbs import read_kerncijfers
from dashboard.errors import DataMissingError, ValidationError


@dataclass(frozen=True)
class Indicator:
    """A figure that can be shown per gemeente and per region."""

    id: str
    label: str
    unit: str
    #: "som" (sum of counts), "verhouding" (numerator sum / denominator sum),
    #: "aandeel" (percentage of inwoners, via counts), "gewogen" (mean weighted by ``weight``)
    kind: str
    numerator: str = ""
    denominator: str = ""
    weight: str = ""
    decimals: int = 0
    note: str = ""
    #: one of GROUPS; the Kaart lists indicators under these headings
    group: str = "Bevolking"


#: Indicator groups in the order they are shown.
GROUPS: tuple[str, ...] = ("Bevolking", "Arbeidsmarkt", "Inkomen", "Bedrijven")


def grouped(indicator_ids: Iterable[str]) -> dict[str, list[str]]:
    """``indicator_ids`` per group, groups in ``GROUPS`` order, empty groups left out."""
    ids = list(indicator_ids)
    out: dict[str, list[str]] = {}
    for group in GROUPS:
        members = [i for i in ids if INDICATORS[i].group == group]
        if members:
            out[group] = members
    return out


INDICATORS: dict[str, Indicator] = {
    i.id: i
    for i in (
        Indicator("inwoners", "Inwoners", "inwoners", "som"),
        Indicator(
            "bevolkingsdichtheid",
            "Bevolkingsdichtheid",
            "inwoners per km² land",
            "verhouding",
            numerator="inwoners",
            denominator="oppervlakte_land_km2",
            note="voor regio's berekend als totaal inwoners gedeeld door totale landoppervlakte",
        ),
        Indicator("huishoudens", "Huishoudens", "particuliere huishoudens", "som"),
        Indicator("woningvoorraad", "Woningvoorraad", "woningen", "som"),
        Indicator("oppervlakte_land_km2", "Landoppervlakte", "km²", "som", decimals=1),
        Indicator(
            "gemiddelde_huishoudensgrootte",
            "Gemiddelde huishoudensgrootte",
            "personen per huishouden",
            "gewogen",
            weight="huishoudens",
            decimals=2,
            note=(
                "voor regio's gewogen met het aantal huishoudens (gemeentecijfers op 0,1 afgerond)"
            ),
        ),
        Indicator(
            "pct_0_14_jaar",
            "Aandeel 0–14 jaar",
            "% van de inwoners",
            "aandeel",
            decimals=1,
            note="voor regio's uit de afgeronde gemeentepercentages en het aantal inwoners",
        ),
        Indicator(
            "pct_15_24_jaar",
            "Aandeel 15–24 jaar",
            "% van de inwoners",
            "aandeel",
            decimals=1,
            note="voor regio's uit de afgeronde gemeentepercentages en het aantal inwoners",
        ),
        Indicator(
            "pct_25_44_jaar",
            "Aandeel 25–44 jaar",
            "% van de inwoners",
            "aandeel",
            decimals=1,
            note="voor regio's uit de afgeronde gemeentepercentages en het aantal inwoners",
        ),
        Indicator(
            "pct_45_64_jaar",
            "Aandeel 45–64 jaar",
            "% van de inwoners",
            "aandeel",
            decimals=1,
            note="voor regio's uit de afgeronde gemeentepercentages en het aantal inwoners",
        ),
        Indicator(
            "pct_65_plus",
            "Aandeel 65 jaar en ouder",
            "% van de inwoners",
            "aandeel",
            decimals=1,
            note="voor regio's uit de afgeronde gemeentepercentages en het aantal inwoners",
        ),
    )
}

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


def available(kc: pd.DataFrame, indicator_id: str, year: int) -> bool:
    """True when the indicator has at least one gemeente value in ``year``."""
    ind = INDICATORS[indicator_id]
    needed = [ind.numerator, ind.denominator] if ind.kind == "verhouding" else [ind.id]
    rows = kc[kc["jaar"] == year]
    return all(c in rows.columns and rows[c].notna().any() for c in needed)


def indicator_years(kc: pd.DataFrame, indicator_id: str) -> tuple[int, ...]:
    return tuple(y for y in years(kc) if available(kc, indicator_id, y))


def source_ids(kc: pd.DataFrame, year: int) -> tuple[str, ...]:
    """The SOURCES.yaml ids behind the rows of ``year``."""
    ids: list[str] = []
    for bron in kc.loc[kc["jaar"] == year, "bron"].dropna().unique():
        for prefix, source_id in BRON_TO_SOURCE.items():
            if str(bron).startswith(prefix) and source_id not in ids:
                ids.append(source_id)
    return tuple(ids)


def gemeente_figures(kc: pd.DataFrame, year: int) -> pd.DataFrame:
    """One row per gemeente for ``year``, indexed by gemeente code, with every indicator."""
    rows = kc[kc["jaar"] == year].set_index("gemeente_code")
    if rows.empty:
        raise ValidationError(f"geen kerncijfers voor {year}; beschikbaar: {years(kc)}")
    out = pd.DataFrame(index=rows.index)
    out["gemeente_naam"] = rows["gemeente_naam"]
    for ind in INDICATORS.values():
        if ind.kind == "verhouding":
            if ind.id in rows.columns:
                out[ind.id] = rows[ind.id]  # as published by CBS
            else:
                out[ind.id] = rows[ind.numerator] / rows[ind.denominator]
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
                row[ind.id] = num / den if den and not np.isnan(den) else np.nan
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
    out.index.name = "region_code"
    out["n_gemeenten"] = out["n_gemeenten"].astype(int)
    return out.sort_index()
