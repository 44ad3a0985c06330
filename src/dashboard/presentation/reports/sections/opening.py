"""The opening of a report: the question (vraag) and the map of the regions (kaart)."""

from __future__ import annotations

from dashboard.core.errors import DashboardError
from dashboard.data.indicators import indicator_period
from dashboard.data.sources import source_line
from dashboard.presentation import maps
from dashboard.presentation.narrative.regions import membership_sentence, regions_count_sentence
from dashboard.presentation.reports.sections import sizes
from dashboard.presentation.reports.sections.context import ReportContext
from dashboard.presentation.reports.sections.model import SECTION_TITLES, Chart, Section
from dashboard.region.settings import CASE


def section_vraag(ctx: ReportContext) -> Section:
    gemeente = ctx.gemeente_name(ctx.gemeente_code)
    naar = ctx.region_name(ctx.naar)
    try:
        van = ctx.region_name(ctx.van)
    except DashboardError:
        van = "de huidige arbeidsmarktregio"
    paragraphs = [
        f"Wat verandert er als {gemeente} overstapt van {van} naar {naar}: voor de kaart, voor "
        "de cijfers van beide regio's, voor de verdeling van de regionale kosten en in de "
        "formele route?",
        "En welke ontwikkelvariant van het werkgeversservicepunt (WSP) past het best bij de "
        "weging van de doelen van gemeenten en UWV, werkgevers en werkzoekenden?",
    ]
    sources = [source_line("seed_004")]
    if ctx.gemeente_code == CASE.gemeente:
        paragraphs.append(
            "Aanleiding: de notitie van Voorschoten vraagt wat het elders onderbrengen van beleid "
            "en uitvoering W&I betekent voor de deelname aan de arbeidsmarktregio en het WSP, en "
            "wat de voor- en nadelen van een overstap zijn."
        )
        sources.insert(0, source_line("seed_000"))
    if ctx.spec.note.strip():
        paragraphs.append(f"Toelichting bij dit scenario: {ctx.spec.note.strip()}")
    return Section(
        key="vraag",
        title=SECTION_TITLES["vraag"],
        lead=f"Wat betekent een overstap van {gemeente} naar {naar}, en welke WSP-variant past?",
        paragraphs=tuple(paragraphs),
        sources=tuple(sources),
    )


def _section_kaart_chart(ctx: ReportContext) -> Chart:
    layers = maps.build_map_layers(ctx.index.year)
    agg = ctx.before
    regions = (ctx.van, ctx.naar)
    hover = agg.copy()
    hover["name"] = [ctx.region_name(c) for c in hover.index]
    spec = maps.region_map_spec(
        layers,
        agg["inwoners"],
        indicator_label="Inwoners",
        unit="inwoners",
        hover=hover,
        highlight_regions=regions,
        highlight_gemeenten=(ctx.gemeente_code,),
    )
    alt = maps.map_text_alternative(
        agg["inwoners"],
        {c: ctx.region_name(c) for c in agg.index},
        indicator_label="Inwoners",
        unit="inwoners",
        highlight_regions=regions,
    )
    return Chart(
        key="kaart",
        title=(
            "Arbeidsmarktregio's naar aantal inwoners "
            f"({indicator_period('inwoners', ctx.year).text})"
        ),
        spec=maps.legends_beside(spec),
        alt_text=alt,
        source=source_line("cbs_gebiedsindelingen_2025", "indeling_afgeleid_2025", *ctx.kc_sources),
        width=sizes.REGION_MAP.width,
        height=sizes.REGION_MAP.height,
    )


def section_kaart(ctx: ReportContext) -> Section:
    n_regions = len(ctx.index.regions)
    n_gemeenten = len(ctx.index.gemeenten)
    chart = _section_kaart_chart(ctx)
    return Section(
        key="kaart",
        title=SECTION_TITLES["kaart"],
        lead=regions_count_sentence(n_regions, n_gemeenten, ctx.index.year),
        paragraphs=(
            membership_sentence(
                ctx.gemeente_name(ctx.gemeente_code),
                ctx.region_name(ctx.van),
                ctx.region_name(ctx.naar),
            ),
        ),
        charts=(chart,),
        sources=(chart.source,),
    )
