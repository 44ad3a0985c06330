"""Region profiles: members with CBS figures, region aggregates with year and source, and the
qualitative facts from the seeds with a source per cell.

Each indicator is taken from the latest year in which CBS publishes it for gemeenten (inwoners
and area: 2024; huishoudens and age structure: only 2023 in the available data), so one profile
can mix years; every value therefore carries its own year and source ids.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from dashboard.data.facts import (
    NIET_VASTGELEGD,
    Amount,
    Citation,
    Fact,
    FactBase,
    centrumgemeente,
    load_facts,
)
from dashboard.data.indicators import INDICATORS, indicator_period
from dashboard.data.kerncijfers import (
    aggregate,
    gemeente_figures,
    source_ids,
    years_per_indicator,
)
from dashboard.data.labour import LABOUR_INDICATORS, SECTOR_INDICATORS
from dashboard.data.labour import MEMBER_COLUMNS as LABOUR_MEMBER_COLUMNS
from dashboard.data.regions import RegionIndex

#: Indicators shown in a profile, in order.
PROFILE_INDICATORS: tuple[str, ...] = (
    "inwoners",
    "oppervlakte_land_km2",
    "bevolkingsdichtheid",
    "huishoudens",
    "gemiddelde_huishoudensgrootte",
    "woningvoorraad",
)
#: Age structure (CBS percentages per gemeente, 2023 only in the available data).
AGE_INDICATORS: tuple[str, ...] = (
    "pct_0_14_jaar",
    "pct_15_24_jaar",
    "pct_25_44_jaar",
    "pct_45_64_jaar",
    "pct_65_plus",
)
#: Columns of the member table, in order.
MEMBER_INDICATORS: tuple[str, ...] = (
    "inwoners",
    "oppervlakte_land_km2",
    "bevolkingsdichtheid",
    "huishoudens",
    "pct_65_plus",
)


@dataclass(frozen=True)
class IndicatorValue:
    """A region total with its year and sources."""

    id: str
    label: str
    unit: str
    decimals: int
    value: float | None
    year: int | None
    source_ids: tuple[str, ...]
    note: str = ""
    group: str = "Bevolking"
    #: how the region value is made (said next to it)
    method: str = ""
    #: reference period and status as shown next to the value (``31 december 2024, voorlopig``)
    period: str = ""


@dataclass(frozen=True)
class CompositionRow:
    """A gemeente in the seed's composition and/or in the 2025 CBS indeling of a region."""

    gemeente_naam: str
    gemeente_code: str
    in_seed: bool
    subregio: str
    subregio_afgeleid: bool
    region_2025: str  # region code in the 2025 indeling, "" when not a 2025 gemeente
    citation: Citation | None


@dataclass(frozen=True)
class RegionProfile:
    """Everything the comparison page shows about one region."""

    code: str
    name: str
    #: one row per member gemeente (index: code), columns gemeente_naam + MEMBER_INDICATORS
    members: pd.DataFrame
    #: year per member column
    member_years: Mapping[str, int | None]
    indicators: tuple[IndicatorValue, ...]
    age: tuple[IndicatorValue, ...]
    centrumgemeente: tuple[str | None, str | None]
    facts: tuple[Fact, ...]
    name_in_source: tuple[str, Citation] | None
    composition: tuple[CompositionRow, ...]
    #: amounts of money the seeds name for this region
    amounts: tuple[Amount, ...] = ()
    #: labour market, income and businesses (KWB), incl. the 8 sector counts
    labour: tuple[IndicatorValue, ...] = ()

    def indicator(self, indicator_id: str) -> IndicatorValue:
        for value in (*self.indicators, *self.age, *self.labour):
            if value.id == indicator_id:
                return value
        raise KeyError(indicator_id)

    @property
    def n_gemeenten(self) -> int:
        return len(self.members)

    def composition_differs(self) -> bool:
        """True when the seed lists other gemeenten than the 2025 CBS indeling."""
        return any(
            not row.in_seed or row.region_2025 != self.code for row in self.composition
        ) and any(row.in_seed for row in self.composition)


def _num(value: Any) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else number


def _year_tables(
    kc: pd.DataFrame, membership: Mapping[str, str], ids: Sequence[str]
) -> tuple[dict[int, pd.DataFrame], dict[int, pd.DataFrame], dict[str, int | None]]:
    per_indicator = years_per_indicator(kc)
    years = {i: max(per_indicator[i]) if per_indicator[i] else None for i in ids}
    wanted = sorted({y for y in years.values() if y is not None})
    totals = {y: aggregate(kc, membership, y) for y in wanted}
    figures = {y: gemeente_figures(kc, y) for y in wanted}
    return totals, figures, years


def compare_composition(code: str, index: RegionIndex, fb: FactBase) -> tuple[CompositionRow, ...]:
    """The seed's composition beside the 2025 CBS indeling (empty when no seed lists the region)."""
    seed = fb.seed_members(code)
    if not seed:
        return ()
    membership = index.membership()
    rows = [
        CompositionRow(
            gemeente_naam=m.gemeente_naam,
            gemeente_code=m.gemeente_code,
            in_seed=True,
            subregio=m.subregio,
            subregio_afgeleid=m.subregio_afgeleid,
            region_2025=membership.get(m.gemeente_code, ""),
            citation=m.citation,
        )
        for m in seed
    ]
    listed = {m.gemeente_code for m in seed}
    rows.extend(
        CompositionRow(g.name, g.code, False, "", False, code, None)
        for g in index.members(code)
        if g.code not in listed
    )
    return tuple(rows)


def build_profile(
    code: str,
    index: RegionIndex,
    kc: pd.DataFrame,
    fb: FactBase | None = None,
    membership: Mapping[str, str] | None = None,
) -> RegionProfile:
    """The profile of one region under ``membership`` (default: the CBS indeling)."""
    fb = fb or load_facts()
    region = index.region(code)
    membership = dict(membership if membership is not None else index.membership())
    ids = (*PROFILE_INDICATORS, *AGE_INDICATORS, *LABOUR_INDICATORS, *SECTOR_INDICATORS)
    # only this region's members: aggregating all 35 regions would be wasted work
    own = {g: r for g, r in membership.items() if r == region.code}
    member_ids = (*MEMBER_INDICATORS, *LABOUR_MEMBER_COLUMNS)
    totals, figures, years = _year_tables(kc, own, (*ids, *member_ids))
    names = {g.code: g.name for g in index.gemeenten}
    member_codes = sorted(
        (g for g, r in membership.items() if r == region.code), key=lambda g: names[g]
    )

    def value(indicator_id: str) -> IndicatorValue:
        ind = INDICATORS[indicator_id]
        year = years.get(indicator_id)
        total = None
        if year is not None and region.code in totals[year].index:
            total = _num(totals[year].loc[region.code, indicator_id])
        return IndicatorValue(
            id=ind.id,
            label=ind.label,
            unit=ind.unit,
            decimals=ind.decimals,
            value=total,
            year=year,
            source_ids=(
                (ind.source_id,)
                if ind.source_id and year is not None
                else source_ids(kc, year)
                if year is not None
                else ()
            ),
            note=ind.note,
            group=ind.group,
            method=ind.method,
            period=indicator_period(indicator_id, year).text,
        )

    # the columns are collected first and made into a frame once (inserting them one by one
    # costs more than the rest of the profile)
    columns: dict[str, Any] = {"gemeente_naam": [names[g] for g in member_codes]}
    for indicator_id in member_ids:
        year = years.get(indicator_id)
        if year is None:
            columns[indicator_id] = np.full(len(member_codes), np.nan)
        else:
            columns[indicator_id] = figures[year][indicator_id].reindex(member_codes).to_numpy()
    members = pd.DataFrame(columns, index=pd.Index(member_codes, name="gemeente_code"))
    return RegionProfile(
        code=region.code,
        name=region.name,
        members=members,
        member_years={i: years.get(i) for i in member_ids},
        indicators=tuple(value(i) for i in PROFILE_INDICATORS),
        age=tuple(value(i) for i in AGE_INDICATORS),
        centrumgemeente=centrumgemeente(region.code, fb),
        facts=fb.facts_for(region.code),
        name_in_source=fb.region_names_in_source.get(region.code),
        composition=compare_composition(region.code, index, fb),
        amounts=fb.amounts_for(region.code),
        labour=tuple(value(i) for i in (*LABOUR_INDICATORS, *SECTOR_INDICATORS)),
    )


@dataclass(frozen=True)
class Cell:
    """One cell of the qualitative table: its text and the citations behind it."""

    items: tuple[str, ...]
    citations: tuple[Citation, ...]

    @property
    def text(self) -> str:
        return "; ".join(self.items) if self.items else NIET_VASTGELEGD

    @property
    def source_text(self) -> str:
        if not self.citations:
            return "geen bron"
        return " | ".join(dict.fromkeys(c.document() for c in self.citations))


@dataclass(frozen=True)
class QualitativeRow:
    topic: str
    label: str
    cells: Mapping[str, Cell]


def qualitative_table(
    profiles: Sequence[RegionProfile], fb: FactBase | None = None
) -> tuple[QualitativeRow, ...]:
    """Topic × region table of facts; "niet vastgelegd in de bronnen" where no seed says it."""
    fb = fb or load_facts()
    rows = []
    for topic in fb.topics:
        cells = {}
        for profile in profiles:
            facts = [f for f in profile.facts if f.topic == topic.id]
            cells[profile.code] = Cell(
                items=tuple(f.value for f in facts),
                citations=tuple(f.citation for f in facts),
            )
        rows.append(QualitativeRow(topic.id, topic.label, cells))
    return tuple(rows)


def profile_json(profile: RegionProfile) -> dict[str, Any]:
    """The CLI's JSON for one region."""

    def clean(v: Any) -> Any:
        n = _num(v)
        if n is None:
            return None
        return int(n) if float(n).is_integer() else n

    return {
        "code": profile.code,
        "name": profile.name,
        "centrumgemeente": {
            "name": profile.centrumgemeente[0],
            "source": profile.centrumgemeente[1],
        },
        "gemeenten": [
            {
                "code": code,
                "name": row["gemeente_naam"],
                **{i: clean(row[i]) for i in (*MEMBER_INDICATORS, *LABOUR_MEMBER_COLUMNS)},
            }
            for code, row in profile.members.iterrows()
        ],
        "member_years": dict(profile.member_years),
        "indicators": {
            v.id: {
                "value": clean(v.value),
                "year": v.year,
                "period": v.period,
                "sources": list(v.source_ids),
                "group": v.group,
                "unit": v.unit,
                **({"method": v.method} if v.method else {}),
            }
            for v in (*profile.indicators, *profile.age, *profile.labour)
        },
        "seed_composition": [
            {
                "name": row.gemeente_naam,
                "code": row.gemeente_code or None,
                "in_seed": row.in_seed,
                "subregio": row.subregio or None,
                "subregio_afgeleid": row.subregio_afgeleid,
                "region_2025": row.region_2025 or None,
                "source": row.citation.source if row.citation else None,
            }
            for row in profile.composition
        ],
        "amounts": [
            {
                "id": a.id,
                "label": a.label,
                "gemeente": a.gemeente_code or None,
                "amount_eur": a.amount_eur,
                "approx": a.approx,
                "period": a.period,
                "source": a.citation.source,
                "section": a.citation.section,
            }
            for a in profile.amounts
        ],
        "facts": [
            {
                "id": f.id,
                "topic": f.topic,
                "value": f.value,
                "source": f.citation.source,
                "section": f.citation.section,
            }
            for f in profile.facts
        ],
    }
