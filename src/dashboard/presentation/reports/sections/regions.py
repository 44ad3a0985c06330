"""The two regions side by side (regios) and their labour market (arbeidsmarkt)."""

from __future__ import annotations

import pandas as pd

from dashboard.core.errors import DataMissingError
from dashboard.core.formatting import fmt_int
from dashboard.data import labour
from dashboard.data.sources import source_line
from dashboard.presentation.charts import profiles as profile_charts
from dashboard.presentation.narrative.regions import (
    METHOD_LEAD,
    METHOD_NOTE,
    PERIOD_NOTE,
    rate_sentence,
    rates_text,
    two_regions_sentence,
)
from dashboard.presentation.reports.sections import sizes
from dashboard.presentation.reports.sections.context import ReportContext, known_sources
from dashboard.presentation.reports.sections.model import SECTION_TITLES, Chart, Section
from dashboard.presentation.tables import Table, kerncijfers_table
from dashboard.region import overstap, profiles


def section_regios(ctx: ReportContext) -> Section:
    """The Regio's vergelijken page's own profiles and kerncijfers table, with sources."""
    regions = (ctx.van, ctx.naar)
    region_profiles = [profiles.build_profile(code, ctx.index, ctx.kc) for code in regions]
    figures = kerncijfers_table(region_profiles)
    source_ids = ["indeling_afgeleid_2025", *(i for ids in figures.row_sources for i in ids)]
    kc_source = source_line(*known_sources(source_ids))
    count_row = (
        "Aantal gemeenten",
        *(fmt_int(p.n_gemeenten) for p in region_profiles),
        str(ctx.index.year),
    )
    tables = [
        Table(
            caption=figures.caption,
            header=figures.header,
            rows=(count_row, *figures.rows),
            source=kc_source,
        )
    ]
    sources = [kc_source]
    qual = profiles.qualitative_table(region_profiles)
    if qual:
        cite_ids = [c.source for row in qual for cell in row.cells.values() for c in cell.citations]
        q_source = source_line(*(known_sources(cite_ids) or ["seed_000"]))
        tables.append(
            Table(
                caption="Organisatie van de regio's (uit de brondocumenten)",
                header=("", *(p.name for p in region_profiles)),
                rows=tuple(
                    (row.label, *(row.cells[p.code].text for p in region_profiles)) for row in qual
                ),
                source=q_source,
            )
        )
        sources.append(q_source)
    members = [
        f"{p.name} ({p.code}, {p.n_gemeenten} gemeenten): "
        + ", ".join(str(n) for n in p.members["gemeente_naam"])
        for p in region_profiles
    ]
    lead = two_regions_sentence(*region_profiles)
    return Section(
        key="regios",
        title=SECTION_TITLES["regios"],
        lead=lead,
        bullets=tuple(members),
        tables=tuple(tables),
        sources=tuple(dict.fromkeys(sources)),
    )


def _labour_table(caption: str, frame: pd.DataFrame, source: str) -> Table:
    return Table(
        caption=caption,
        header=tuple(str(c) for c in frame.columns),
        rows=tuple(tuple(str(v) for v in row) for row in frame.itertuples(index=False)),
        source=source,
    )


def section_arbeidsmarkt(ctx: ReportContext) -> Section:
    """The Arbeidsmarkt block of Regio's vergelijken and Overstap: both regions, Nederland,
    the rates chart, the gemeenten behind the values, and before/after the overstap."""
    regions = [(code, ctx.region_name(code)) for code in (ctx.van, ctx.naar)]
    comparison = labour.labour_comparison(
        ctx.kc,
        ctx.index.membership(),
        regions,
        names={g.code: g.name for g in ctx.index.gemeenten},
    )
    if not comparison.available:
        raise DataMissingError("de gegevensmap bevat geen arbeidsmarktcijfers")
    source = source_line(*known_sources(comparison.source_ids()), "indeling_afgeleid_2025")
    table = comparison.table()
    units = table.pop("Eenheid")
    table["Indicator"] = [
        label if unit in label else f"{label} ({unit})"
        for label, unit in zip(table["Indicator"], units, strict=True)
    ]
    tables = [_labour_table("De regio's en Nederland", table, source)]
    before, after = overstap.labour_before_after(ctx.index, ctx.kc, ctx.gemeente_code, ctx.naar)
    shift = labour.before_after_table(before, after).drop(columns=["Eenheid"])
    tables.append(
        _labour_table(
            f"Voor en na de overstap van {ctx.gemeente_name(ctx.gemeente_code)}", shift, source
        )
    )
    for code, name in regions:
        tables.append(
            _labour_table(
                f"Gemeenten van {name}: de cijfers achter de regiowaarden",
                comparison.member_table(code),
                source,
            )
        )
    rates = [comparison.row(i) for i in labour.RATE_INDICATORS]
    bijstand = rates[0]
    chart = Chart(
        key="arbeidsmarkt_rates",
        title=f"Uitkeringen per 1.000 inwoners van 15 tot 65 jaar ({bijstand.period_short})",
        spec=profile_charts.labour_rates_spec(comparison),
        width=sizes.LABOUR_RATES.width,
        height=sizes.LABOUR_RATES.height,
        alt_text=rates_text(comparison),
        source=source_line(*known_sources(r.source_id for r in rates)),
    )
    return Section(
        key="arbeidsmarkt",
        title=SECTION_TITLES["arbeidsmarkt"],
        lead=rate_sentence(bijstand, comparison.areas),
        paragraphs=(
            f"{METHOD_LEAD}: {METHOD_NOTE}",
            PERIOD_NOTE,
        ),
        tables=tuple(tables),
        charts=(chart,),
        sources=(source,),
        slide_bullets=(
            "Nederland: alle 342 gemeenten, volgens dezelfde regels.",
            "Participatie en inkomen: per regio herberekend, bij benadering.",
        ),
    )
