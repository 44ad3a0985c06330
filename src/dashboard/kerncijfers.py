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
    #: "verhouding" only: numerator / denominator × scale (e.g. 1000 for "per 1.000")
    scale: float = 1.0
    #: own entry in data/SOURCES.yaml (table, column, period); "" = the rows' table source
    source_id: str = ""
    #: how the region value is made, said on the page where it is shown
    method: str = ""


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


#: Benefit kinds in the CBS table: our column → label.
BENEFITS: tuple[tuple[str, str], ...] = (
    ("bijstand", "Personen met bijstand"),
    ("ww", "Personen met WW"),
    ("ao", "Personen met een arbeidsongeschiktheidsuitkering"),
)
#: The 8 sectors (SBI 2008 sections) of the business counts: our column → label.
SECTORS: tuple[tuple[str, str], ...] = (
    ("vestigingen_a", "landbouw, bosbouw en visserij (A)"),
    ("vestigingen_bf", "nijverheid en energie (B–F)"),
    ("vestigingen_gi", "handel en horeca (G–I)"),
    ("vestigingen_hj", "vervoer, informatie en communicatie (H–J)"),
    ("vestigingen_kl", "financiële diensten, onroerend goed (K–L)"),
    ("vestigingen_mn", "zakelijke dienstverlening (M–N)"),
    ("vestigingen_oq", "overheid, onderwijs en zorg (O–Q)"),
    ("vestigingen_ru", "cultuur, recreatie, overige diensten (R–U)"),
)

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
        *(
            Indicator(
                f"{kind}",
                label,
                "personen",
                "som",
                group="Arbeidsmarkt",
                source_id=f"cbs_kwb_2024_{kind}",
                method="som van de gemeenten (gemeentecijfers door CBS op tientallen afgerond)",
            )
            for kind, label in BENEFITS
        ),
        *(
            Indicator(
                f"{kind}_per_1000",
                f"{label} per 1.000 inwoners van 15 tot 65 jaar",
                "per 1.000 inwoners van 15 tot 65 jaar",
                "verhouding",
                numerator=kind,
                denominator="inwoners_15_64",
                scale=1000.0,
                decimals=1,
                group="Arbeidsmarkt",
                source_id=f"cbs_kwb_2024_{kind}",
                method=(
                    "totaal aantal personen met de uitkering gedeeld door het totaal aantal "
                    "inwoners van 15 tot 65 jaar (1 januari 2024, zelfde CBS-tabel), maal 1.000"
                ),
            )
            for kind, label in BENEFITS
        ),
        Indicator(
            "werkzame_beroepsbevolking",
            "Werkzame beroepsbevolking",
            "personen",
            "som",
            group="Arbeidsmarkt",
            source_id="cbs_kwb_2024_werkzame_beroepsbevolking",
            method="som van de gemeenten",
        ),
        Indicator(
            "netto_arbeidsparticipatie",
            "Netto arbeidsparticipatie",
            "% van de bevolking van 15 tot 75 jaar",
            "gewogen",
            weight="bevolking_15_74_afgeleid",
            decimals=1,
            group="Arbeidsmarkt",
            source_id="cbs_kwb_2024_netto_arbeidsparticipatie",
            note="regio: herberekend via een afgeleide noemer; bij benadering",
            method=(
                "herberekend: per gemeente wordt de bevolking van 15 tot 75 jaar afgeleid als "
                "werkzame beroepsbevolking ÷ participatie; de regio is de totale werkzame "
                "beroepsbevolking gedeeld door die afgeleide totale bevolking. CBS rondt de "
                "gemeentepercentages af op hele procenten, dus de regiowaarde is bij benadering"
            ),
        ),
        *(
            Indicator(
                column,
                label,
                "% van de werkzame beroepsbevolking",
                "gewogen",
                weight="werkzame_beroepsbevolking",
                decimals=1,
                group="Arbeidsmarkt",
                source_id=f"cbs_kwb_2024_{column}",
                note="regio: gewogen met de werkzame beroepsbevolking; bij benadering",
                method=(
                    "herberekend: gemeentepercentages gewogen met de werkzame beroepsbevolking "
                    "(de noemer van het percentage); CBS rondt de gemeentepercentages af op "
                    "hele procenten, dus de regiowaarde is bij benadering"
                ),
            )
            for column, label in (
                ("pct_werknemers", "Werknemers"),
                ("pct_zelfstandigen", "Zelfstandigen"),
            )
        ),
        Indicator(
            "inkomen_per_inwoner",
            "Gemiddeld inkomen per inwoner",
            "× 1.000 euro",
            "gewogen",
            weight="inkomen_populatie",
            decimals=1,
            group="Inkomen",
            source_id="cbs_kwb_2024_inkomen_per_inwoner",
            note="regio: herberekend via een afgeleide noemer; bij benadering",
            method=(
                "herberekend: per gemeente is het totale inkomen = inkomensontvangers × "
                "gemiddeld inkomen per ontvanger, en het aantal inwoners in de inkomensstatistiek "
                "= dat totaal ÷ inkomen per inwoner; de regio is totaal inkomen gedeeld door "
                "totaal aantal inwoners. Ontbreekt het inkomen van één gemeente, dan is de "
                "regiowaarde niet beschikbaar"
            ),
        ),
        Indicator(
            "pct_armoede",
            "Personen in armoede",
            "% van de personen in particuliere huishoudens",
            "gewogen",
            weight="inkomen_populatie",
            decimals=1,
            group="Inkomen",
            source_id="cbs_kwb_2024_pct_armoede",
            note="regio: herberekend via een afgeleide noemer; bij benadering",
            method=(
                "herberekend: gemeentepercentages gewogen met het afgeleide aantal inwoners in "
                "de inkomensstatistiek (zie gemiddeld inkomen); bij benadering"
            ),
        ),
        Indicator(
            "bedrijfsvestigingen",
            "Bedrijfsvestigingen",
            "vestigingen",
            "som",
            group="Bedrijven",
            source_id="cbs_kwb_2024_bedrijfsvestigingen",
            method="som van de gemeenten",
        ),
        Indicator(
            "bedrijfsvestigingen_per_1000",
            "Bedrijfsvestigingen per 1.000 inwoners",
            "per 1.000 inwoners",
            "verhouding",
            numerator="bedrijfsvestigingen",
            denominator="inwoners",
            scale=1000.0,
            decimals=1,
            group="Bedrijven",
            source_id="cbs_kwb_2024_bedrijfsvestigingen",
            method=(
                "totaal aantal vestigingen gedeeld door het totaal aantal inwoners "
                "(1 januari 2024, zelfde CBS-tabel), maal 1.000"
            ),
        ),
        *(
            Indicator(
                column,
                f"Vestigingen {label}",
                "vestigingen",
                "som",
                group="Bedrijven",
                source_id="cbs_kwb_2024_bedrijfsvestigingen_sector",
                method="som van de gemeenten",
            )
            for column, label in SECTORS
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


def _needed(indicator_id: str) -> list[str]:
    ind = INDICATORS[indicator_id]
    return [ind.numerator, ind.denominator] if ind.kind == "verhouding" else [ind.id]


def _filled_columns(kc: pd.DataFrame, year: int) -> set[str]:
    rows = with_derived_columns(kc[kc["jaar"] == year])
    filled = rows.notna().any()
    return set(filled.index[filled.to_numpy()])


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


def _summands(figures: pd.DataFrame) -> tuple[list[str], np.ndarray]:
    """The per-gemeente values whose region sums make every indicator, one row per value."""
    names: list[str] = []
    rows: list[np.ndarray] = []

    def add(name: str, values: pd.Series) -> None:
        if name not in names:
            names.append(name)
            rows.append(values.to_numpy(dtype=float))

    inwoners = figures["inwoners"]
    add("inwoners", inwoners)
    for ind in INDICATORS.values():
        if ind.kind == "som":
            add(ind.id, figures[ind.id])
        elif ind.kind == "verhouding":
            add(ind.numerator, figures[ind.numerator])
            add(ind.denominator, figures[ind.denominator])
        elif ind.kind == "aandeel":
            add(f"{ind.id}*inwoners", figures[ind.id] / 100.0 * inwoners)
        elif ind.kind == "gewogen":
            weights = figures[ind.weight]
            add(ind.weight, weights)
            add(f"{ind.id}*{ind.weight}", figures[ind.id] * weights)
    return names, np.vstack(rows)


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
    region = pd.Series(membership, dtype=object).reindex(figures.index)
    figures = figures[region.notna().to_numpy()]
    codes = region.dropna().to_numpy(dtype=object)
    # Members of a region side by side, in table order within each region; each region's sum
    # is then numpy's sum over one contiguous slice, the same sum a Series of the members gives.
    order = np.argsort(codes, kind="stable")
    regions, starts, counts = np.unique(codes[order], return_index=True, return_counts=True)
    names, values = _summands(figures)
    values = np.ascontiguousarray(values[:, order])
    # a plain sum is NaN as soon as one member is missing: a partial sum would look complete
    sums = np.empty((len(names), len(regions)))
    for j, (start, count) in enumerate(zip(starts, counts, strict=True)):
        sums[:, j] = values[:, start : start + count].sum(axis=1)
    total = dict(zip(names, sums, strict=True))

    def ratio(num: np.ndarray, den: np.ndarray, scale: float = 1.0) -> np.ndarray:
        usable = (den != 0) & ~np.isnan(den)
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(usable, num / np.where(usable, den, 1.0) * scale, np.nan)

    out = pd.DataFrame(index=pd.Index([str(r) for r in regions], name="region_code"))
    out["n_gemeenten"] = counts.astype(int)
    columns: dict[str, np.ndarray] = {}
    for ind in INDICATORS.values():
        if ind.kind == "som":
            columns[ind.id] = total[ind.id]
        elif ind.kind == "verhouding":
            columns[ind.id] = ratio(total[ind.numerator], total[ind.denominator], ind.scale)
        elif ind.kind == "aandeel":
            counted = total[f"{ind.id}*inwoners"]
            inwoners = total["inwoners"]
            with np.errstate(divide="ignore", invalid="ignore"):
                columns[ind.id] = np.where(inwoners != 0, counted / inwoners * 100.0, np.nan)
        elif ind.kind == "gewogen":
            columns[ind.id] = ratio(total[f"{ind.id}*{ind.weight}"], total[ind.weight])
    out = pd.concat([out, pd.DataFrame(columns, index=out.index)], axis=1)
    return out.reindex(columns=["n_gemeenten", *INDICATORS])


NATIONAL_CODE = "NL"


def national(kc: pd.DataFrame, year: int) -> pd.Series:
    """Figures for Nederland: every gemeente of ``year`` as one region, by the same rules
    (so a figure missing for one gemeente is missing for Nederland too)."""
    codes = kc.loc[kc["jaar"] == year, "gemeente_code"]
    return aggregate(kc, dict.fromkeys(codes, NATIONAL_CODE), year).loc[NATIONAL_CODE]
