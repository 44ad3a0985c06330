"""The overstap: the regions before and after, costs, route and consequences, and its map."""

from __future__ import annotations

import dataclasses
from typing import Any

from dashboard.core.errors import DashboardError
from dashboard.core.formatting import NIET_BESCHIKBAAR, fmt_int, fmt_number, fmt_pct, is_missing
from dashboard.data.indicators import indicator_period
from dashboard.data.sources import source_line
from dashboard.presentation import maps, pendel_report
from dashboard.presentation.narrative.costs import (
    FRICTIEKOSTEN_CAVEAT,
    KEY_CAVEAT,
    frictiekosten_sentence,
    mover_cost_sentence,
    remaining_sentence,
)
from dashboard.presentation.narrative.overstap import (
    after_count_sentence,
    national_total_sentence,
    variant_link_sentence,
)
from dashboard.presentation.overstap_summary import OverstapSummary, overstap_summary
from dashboard.presentation.reports.sections import sizes
from dashboard.presentation.reports.sections.context import ReportContext, known_sources
from dashboard.presentation.reports.sections.model import SECTION_TITLES, Chart, Section
from dashboard.presentation.tables import Table, cost_table
from dashboard.region import overstap


def _fmt(value: Any, kind: str) -> str:
    if is_missing(value):
        return NIET_BESCHIKBAAR
    if kind == "int":
        return fmt_int(value)
    if kind == "num1":
        return fmt_number(value, 1)
    if kind == "pct1":
        return fmt_pct(float(value) / 100.0, 1)
    return str(value)


def section_overstap(ctx: ReportContext) -> Section:
    """Before/after, costs, route and consequences from the Overstap page's core."""
    ov = overstap
    res = ctx.simulation
    gemeente, van, naar = res.gemeente_naam, res.van, res.naar
    name = {van: res.before[van].name, naar: res.before[naar].name}
    rows = []
    for label, attr, kind in (
        ("Aantal gemeenten", None, "int"),
        ("Inwoners", "inwoners", "int"),
        ("Landoppervlakte (km²)", "oppervlakte_land_km2", "num1"),
        ("Inwoners per km² land", "bevolkingsdichtheid", "int"),
    ):
        for region in (van, naar):
            b, a = res.before[region], res.after[region]
            vb = len(b.members) if attr is None else getattr(b, attr)
            va = len(a.members) if attr is None else getattr(a, attr)
            rows.append((f"{label}, {name[region]}", _fmt(vb, kind), _fmt(va, kind)))
    fig_source = source_line(*known_sources(res.source_ids))
    tables = [
        Table(
            caption=(
                f"Beide regio's voor en na de overstap van {gemeente} "
                f"(inwoners {indicator_period('inwoners', res.year).text})"
            ),
            header=("", "Voor", "Na"),
            rows=tuple(rows),
            source=fig_source,
        )
    ]
    paragraphs: list[str] = []
    if res.national_before is not None and res.national_before == res.national_after:
        paragraphs.append(national_total_sentence(res.national_before))
    settings = ctx.overstap
    cm = ov.cost_model(res, dict(settings.budgets), settings.key, settings.frictiekosten)
    names = {r.code: r.name for r in ctx.index.regions}
    cost_lines = [
        mover_cost_sentence(cm, names, res.gemeente_naam),
        remaining_sentence(cm, names),
        frictiekosten_sentence(cm),
    ]
    cost_lines = [line for line in cost_lines if line]
    paragraphs.extend(cost_lines)
    if any(v is not None for v in cm.budgets.values()):
        mover = [x for x in cm.rows if x.gemeente_code == res.gemeente_code]
        costs = cost_table(
            cm,
            name,
            (*cm.remaining, *mover),
            caption=f"Bijdrage per gemeente aan het regionale budget ({cm.key.label})",
        )
        # the columns that fit a printed page; the Overstap page shows all of them
        costs = costs.columns("Gemeente", "Regio na", "Bedrag voor", "Bedrag na", "Verschil")
        tables.append(
            dataclasses.replace(
                costs,
                source=source_line(
                    *known_sources(res.source_ids), extra="Budgetten: eigen invoer."
                ),
            )
        )
    paragraphs.append(KEY_CAVEAT)
    paragraphs.append(FRICTIEKOSTEN_CAVEAT)
    cite_ids: list[str] = ["seed_000"]
    steps = ov.procedure_timeline(van, naar, name)
    tables.append(
        Table(
            caption="De formele route",
            header=("Stap", "Wat", "Wie", "Besluitregel", "Resultaat"),
            rows=tuple((str(st.number), st.title, st.who, st.rule, st.result) for st in steps),
            source=source_line(
                *(known_sources(st.citation.source for st in steps if st.citation) or ["seed_000"])
            ),
        )
    )
    bullets: list[str] = []
    pendel_sources: list[str] = []
    try:
        pendel = pendel_report.overstap_part(ctx.index, res.gemeente_code, naar)
    except DashboardError as err:
        paragraphs.append(f"De pendelcijfers zijn {NIET_BESCHIKBAAR}: {err}")
    else:
        bullets.append(pendel.bullet)
        tables.insert(1, pendel.table)
        pendel_sources.append(pendel.source)
    for cons, applies in ov.consequences(res.gemeente_code, naar):
        if applies:
            bullets.append(f"{cons.title}: {cons.text}")
            cite_ids.append(cons.citation.source)
    links = ov.variant_links(
        [(van, name[van]), (naar, name[naar])], dict(settings.variant_for_region), ctx.problem
    )
    for link in links:
        if link.variant is None:
            continue
        paragraphs.append(variant_link_sentence(link, ctx.variant_label(link.variant)))
        if link.citation is not None:
            cite_ids.append(link.citation.source)
    charts: tuple[Chart, ...] = ()
    try:
        charts = (_overstap_map_chart(ctx),)
    except DashboardError as err:
        paragraphs.append(f"De kaart van de overstap is {NIET_BESCHIKBAAR}: {err}")
    after_van, now_van = len(res.after[van].members), len(res.before[van].members)
    lead = after_count_sentence(
        name[van], after_van, now_van, name[naar], len(res.after[naar].members)
    )
    return Section(
        key="overstap",
        title=SECTION_TITLES["overstap"],
        lead=lead,
        paragraphs=tuple(p for p in paragraphs if p),
        bullets=tuple(bullets),
        # the slide and the presentation step lead with the costs: the amounts that were entered
        slide_bullets=(*cost_lines, *bullets),
        tables=tuple(tables),
        charts=charts,
        sources=tuple(
            dict.fromkeys([fig_source, *pendel_sources, source_line(*known_sources(cite_ids))])
        ),
    )


def _overstap_map_chart(ctx: ReportContext) -> Chart:
    layers = maps.build_map_layers(ctx.index.year)
    regions = (ctx.van, ctx.naar)
    spec = maps.membership_map_spec(
        layers,
        ctx.after_membership(),
        regions,
        marked_gemeente=ctx.gemeente_code,
        region_labels={r: ctx.region_name(r) for r in regions},
    )
    gemeente = ctx.gemeente_name(ctx.gemeente_code)
    alt = (
        f"Kaart van de gemeenten van {ctx.region_name(ctx.van)} en {ctx.region_name(ctx.naar)} "
        f"na de overstap, gekleurd naar regio; {gemeente} (dik omlijnd) hoort dan bij "
        f"{ctx.region_name(ctx.naar)}."
    )
    return Chart(
        key="overstap",
        title=f"Na de overstap: {gemeente} in {ctx.region_name(ctx.naar)}",
        spec=maps.legends_beside(spec),
        alt_text=alt,
        source=source_line("cbs_gebiedsindelingen_2025", "indeling_afgeleid_2025"),
        width=sizes.OVERSTAP_MAP.width,
        height=sizes.OVERSTAP_MAP.height,
    )


def what_changes(ctx: ReportContext) -> OverstapSummary:
    """'Wat verandert er voor <gemeente>', as the Overstap page opens with it."""
    res = ctx.simulation
    names = {r.code: r.name for r in ctx.index.regions}
    settings = ctx.overstap
    cm = overstap.cost_model(res, dict(settings.budgets), settings.key, settings.frictiekosten)
    return overstap_summary(
        res,
        cm,
        overstap.procedure_timeline(res.van, res.naar, names),
        overstap.consequences(res.gemeente_code, res.naar),
        names,
    )
