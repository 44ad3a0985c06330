"""The pendel sections of the pages: a chart, its text version, a table and the source line.

Pages call these with result objects from :mod:`dashboard.ui.cache`; the wording is in
:mod:`dashboard.presentation.narrative.pendel`, the charts in
:mod:`dashboard.presentation.charts.pendel`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import streamlit as st

from dashboard.core.markup import escape_markdown
from dashboard.data.pendel_source import Placement
from dashboard.presentation.charts import pendel as charts
from dashboard.presentation.narrative import chart_texts
from dashboard.presentation.narrative.pendel import (
    ROLE_LABELS,
    gemeente_sentence,
    origins_sentence,
    outward_sentence,
    pct,
    shares_sentence,
    trend_sentence,
)
from dashboard.presentation.tables import Cell, figure_table, number, share
from dashboard.region.pendel import (
    CAVEAT,
    PLACEMENT_RULE,
    SOURCE_IDS,
    GemeentePendel,
    GemeenteTrend,
    InsideShares,
    Outward,
    OverstapPendel,
    PendelSource,
    RegionTrend,
)
from dashboard.ui.figures import show_chart, show_table
from dashboard.ui.layout import expander, source_caption


def pendel_caption(source: PendelSource, extra: str = "") -> None:
    """Source, period, division and the caveat (jobs, employees, cells under 50)."""
    source_caption(SOURCE_IDS[source.table_id], extra=f"{source.text} {CAVEAT} {extra}".strip())


def trend_source_ids(trend: GemeenteTrend) -> list[str]:
    return list(dict.fromkeys(SOURCE_IDS[p.table_id] for p in trend.points))


def _table(columns: Mapping[str, Sequence[Cell]], *, key: str, caption: str) -> None:
    """Columns of figures and text as a page table (numbers sort as numbers; a download)."""
    names = list(columns)
    rows = [dict(zip(names, cells, strict=True)) for cells in zip(*columns.values(), strict=True)]
    show_table(figure_table(caption, rows, columns=names), key=key)


def gemeente_section(
    result: GemeentePendel, trend: GemeenteTrend, region_names: Mapping[str, str], *, key: str
) -> None:
    """Where the residents of one gemeente work: sentence, chart, text version, tables, trend."""
    st.markdown(escape_markdown(gemeente_sentence(result)))
    if result.total_jobs == 0:
        pendel_caption(result.source)
        return
    text = shares_sentence(result)
    show_chart(charts.regions_spec(result), key=f"{key}_regios", alt=text, download=False)
    st.caption("Tekstversie: " + escape_markdown(text))
    pendel_caption(result.source)
    with expander(
        f"Per arbeidsmarktregio en per werkgemeente ({result.source.period})",
        key=f"{key}_per_regio",
    ):
        _table(
            {
                "Regio": [r.name for r in result.regions],
                "Rol": [ROLE_LABELS[r.role] for r in result.regions],
                "Banen (× 1.000)": [number(r.jobs, 1) for r in result.regions],
                "Aandeel": [share(r.share) for r in result.regions],
            },
            key=f"{key}_regiotabel",
            caption=f"Waar de inwoners van {result.name} werken: per regio",
        )
        text = chart_texts.destinations_text(result)
        show_chart(
            charts.destinations_spec(result), key=f"{key}_gemeenten", alt=text, download=False
        )
        st.caption("Tekstversie: " + escape_markdown(text))
        _table(
            {
                "Werkgemeente": [p.name for p in result.destinations],
                "Regio": [p.region_name for p in result.destinations],
                "Banen (× 1.000)": [number(p.jobs, 1) for p in result.destinations],
                "Aandeel": [share(p.share) for p in result.destinations],
            },
            key=f"{key}_werkgemeenten",
            caption=f"Waar de inwoners van {result.name} werken: per gemeente",
        )
        pendel_caption(result.source)
    with expander(
        f"Waar wonen de mensen die in {escape_markdown(result.name)} werken?",
        key=f"{key}_herkomst",
    ):
        st.markdown(escape_markdown(origins_sentence(result)))
        _table(
            {
                "Woongemeente": [p.name for p in result.origins],
                "Regio": [p.region_name for p in result.origins],
                "Banen (× 1.000)": [number(p.jobs, 1) for p in result.origins],
                "Aandeel": [share(p.share) for p in result.origins],
            },
            key=f"{key}_woongemeenten",
            caption=f"Waar de mensen wonen die in {result.name} werken",
        )
        pendel_caption(result.source)
    with expander(f"Verschuift het? {trend.period.capitalize()}", key=f"{key}_verschuiving"):
        trend_block(trend, region_names, key=key)


def trend_block(trend: GemeenteTrend, region_names: Mapping[str, str], *, key: str) -> None:
    text = trend_sentence(trend, region_names)
    show_chart(charts.trend_spec(trend, region_names), key=f"{key}_trend", alt=text, download=False)
    st.caption("Tekstversie: " + escape_markdown(text))
    columns: dict[str, list[Cell]] = {
        "December": [str(p.year) for p in trend.points],
        "Banen van inwoners (× 1.000)": [number(p.total_jobs, 1) for p in trend.points],
        f"Eigen regio ({region_names[trend.region_code]})": [
            share(p.own_share) for p in trend.points
        ],
    }
    if trend.candidate_code:
        columns[region_names[trend.candidate_code]] = [
            share(p.candidate_share) for p in trend.points
        ]
    columns["Overige regio's"] = [share(p.rest_share) for p in trend.points]
    _table(columns, key=f"{key}_trendtabel", caption=f"Pendel {trend.period}")
    source_caption(*trend_source_ids(trend), extra=f"{trend.source_text} {CAVEAT}")


def inside_block(
    shares: InsideShares, codes: Sequence[str], trend: RegionTrend, *, key: str
) -> None:
    """The inside share of a few regions, with its trend as a table."""
    text = chart_texts.inside_text(shares, codes)
    show_chart(charts.inside_spec(shares, codes), key=key, alt=text, download=False)
    st.caption("Tekstversie: " + escape_markdown(text))
    pendel_caption(shares.source)
    _table(
        {"December": [str(y) for y in trend.years]}
        | {
            f"{shares.get(c).name} binnen de regio": [share(s) for s in trend.shares[c]]
            for c in codes
        },
        key=f"{key}_binnen_tabel",
        caption="Aandeel banen binnen de eigen regio per jaar",
    )
    source_caption(
        *dict.fromkeys(SOURCE_IDS[t] for t in trend.table_ids),
        extra=f"{trend.source_text} {CAVEAT}",
    )


def outward_list(outward: Sequence[Outward], source: PendelSource) -> None:
    """The gemeenten whose residents work more in another region than in their own."""
    if not outward:
        st.markdown("Geen gemeente: overal werken de inwoners het meest in de eigen regio.")
        return
    st.markdown("\n".join(f"- {escape_markdown(outward_sentence(o))}" for o in outward))
    pendel_caption(source)


def move_block(move: OverstapPendel, *, key: str) -> None:
    """Both regions' inside share before and after the move: chart, text version, table."""
    codes = (move.van, move.naar)
    before = InsideShares(source=move.source, regions=tuple(move.before[c] for c in codes))
    after = InsideShares(source=move.source, regions=tuple(move.after[c] for c in codes))
    text = chart_texts.move_inside_text(move)
    show_chart(charts.inside_spec(before, codes, after=after), key=key, alt=text, download=False)
    st.caption("Tekstversie: " + escape_markdown(text))
    _table(
        {
            "Regio": [move.before[c].name for c in codes],
            "Binnen de regio, voor": [share(move.before[c].share) for c in codes],
            "Binnen de regio, na": [share(move.after[c].share) for c in codes],
            "Banen van inwoners (× 1.000), voor": [
                number(move.before[c].total_jobs, 1) for c in codes
            ],
            "Banen van inwoners (× 1.000), na": [
                number(move.after[c].total_jobs, 1) for c in codes
            ],
        },
        key=f"{key}_tabel",
        caption=f"Banen binnen de regio voor en na de overstap van {move.gemeente_name}",
    )
    pendel_caption(
        move.source,
        extra=f"Aandeel van {escape_markdown(move.gemeente_name)} in de eigen regio: "
        f"{pct(move.gemeente_share_before)} nu, {pct(move.gemeente_share_after)} na de overstap.",
    )


def method_note(placements: Sequence[Placement], gemeente_names: Mapping[str, str]) -> None:
    """How the 2014 gemeenten were placed in today's, with the split ones by name."""
    st.markdown(escape_markdown(PLACEMENT_RULE))
    if placements:
        _table(
            {
                "Gemeente in 2014": [p.name_2014 for p in placements],
                "Geteld bij (2025)": [
                    gemeente_names.get(p.code_2025, p.code_2025) for p in placements
                ],
                "Deel van de oppervlakte": [share(p.share) for p in placements],
                "Tweede deel in": [
                    gemeente_names.get(p.second_code, p.second_code) for p in placements
                ],
                "Tweede deel": [share(p.second_share) for p in placements],
            },
            key="pendel_omrekening",
            caption="Gemeenten van 2014 omgerekend naar 2025",
        )
