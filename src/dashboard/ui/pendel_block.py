"""The pendel sections of the pages: a chart, its text version, a table and the source line.

Pages call these with result objects from :mod:`dashboard.ui.cache`; the wording is in
:mod:`dashboard.pendel_text`, the charts in :mod:`dashboard.charts.pendel`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd
import streamlit as st

from dashboard.charts import pendel as charts
from dashboard.markup import escape_markdown
from dashboard.pendel import (
    CAVEAT,
    PLACEMENT_RULE,
    SOURCE_IDS,
    GemeentePendel,
    GemeenteTrend,
    InsideShares,
    Outward,
    OverstapPendel,
    PendelSource,
    Placement2014,
    RegionTrend,
)
from dashboard.pendel_text import (
    ROLE_LABELS,
    gemeente_sentence,
    jobs,
    origins_sentence,
    outward_sentence,
    pct,
    shares_sentence,
    trend_sentence,
)
from dashboard.ui.layout import source_caption

_PLOT_CONFIG = {"displaylogo": False}


def pendel_caption(source: PendelSource, extra: str = "") -> None:
    """Source, period, division and the caveat (jobs, employees, cells under 50)."""
    source_caption(SOURCE_IDS[source.table_id], extra=f"{source.text} {CAVEAT} {extra}".strip())


def trend_source_ids(trend: GemeenteTrend) -> list[str]:
    return list(dict.fromkeys(SOURCE_IDS[p.table_id] for p in trend.points))


def _table(frame: pd.DataFrame) -> None:
    st.dataframe(frame, hide_index=True, width="stretch", height=35 * (len(frame) + 1) + 3)


def gemeente_section(
    result: GemeentePendel, trend: GemeenteTrend, region_names: Mapping[str, str], *, key: str
) -> None:
    """Where the residents of one gemeente work: sentence, chart, text version, tables, trend."""
    st.markdown(escape_markdown(gemeente_sentence(result)))
    if result.total_jobs == 0:
        pendel_caption(result.source)
        return
    st.plotly_chart(
        charts.regions_figure(result), width="stretch", config=_PLOT_CONFIG, key=f"{key}_regios"
    )
    st.caption("Tekstversie: " + escape_markdown(shares_sentence(result)))
    pendel_caption(result.source)
    with st.expander(f"Per arbeidsmarktregio en per werkgemeente ({result.source.period})"):
        _table(
            pd.DataFrame(
                {
                    "Regio": [r.name for r in result.regions],
                    "Rol": [ROLE_LABELS[r.role] for r in result.regions],
                    "Banen (× 1.000)": [jobs(r.jobs) for r in result.regions],
                    "Aandeel": [pct(r.share) for r in result.regions],
                }
            )
        )
        st.plotly_chart(
            charts.destinations_figure(result),
            width="stretch",
            config=_PLOT_CONFIG,
            key=f"{key}_gemeenten",
        )
        st.caption(
            "Tekstversie: "
            + escape_markdown(
                "; ".join(f"{p.name} {jobs(p.jobs)} duizend ({pct(p.share)})" for p in result.top())
            )
            + "."
        )
        _table(
            pd.DataFrame(
                {
                    "Werkgemeente": [p.name for p in result.destinations],
                    "Regio": [p.region_name for p in result.destinations],
                    "Banen (× 1.000)": [jobs(p.jobs) for p in result.destinations],
                    "Aandeel": [pct(p.share) for p in result.destinations],
                }
            )
        )
        pendel_caption(result.source)
    with st.expander(f"Waar wonen de mensen die in {escape_markdown(result.name)} werken?"):
        st.markdown(escape_markdown(origins_sentence(result)))
        _table(
            pd.DataFrame(
                {
                    "Woongemeente": [p.name for p in result.origins],
                    "Regio": [p.region_name for p in result.origins],
                    "Banen (× 1.000)": [jobs(p.jobs) for p in result.origins],
                    "Aandeel": [pct(p.share) for p in result.origins],
                }
            )
        )
        pendel_caption(result.source)
    with st.expander(f"Verschuift het? {trend.period.capitalize()}"):
        trend_block(trend, region_names, key=key)


def trend_block(trend: GemeenteTrend, region_names: Mapping[str, str], *, key: str) -> None:
    st.plotly_chart(
        charts.trend_figure(trend, region_names),
        width="stretch",
        config=_PLOT_CONFIG,
        key=f"{key}_trend",
    )
    st.caption("Tekstversie: " + escape_markdown(trend_sentence(trend, region_names)))
    columns: dict[str, list[str]] = {
        "December": [str(p.year) for p in trend.points],
        "Banen van inwoners (× 1.000)": [jobs(p.total_jobs) for p in trend.points],
        f"Eigen regio ({region_names[trend.region_code]})": [
            pct(p.own_share) for p in trend.points
        ],
    }
    if trend.candidate_code:
        columns[region_names[trend.candidate_code]] = [pct(p.candidate_share) for p in trend.points]
    columns["Overige regio's"] = [pct(p.rest_share) for p in trend.points]
    _table(pd.DataFrame(columns))
    source_caption(*trend_source_ids(trend), extra=f"{trend.source_text} {CAVEAT}")


def inside_block(
    shares: InsideShares, codes: Sequence[str], trend: RegionTrend, *, key: str
) -> None:
    """The inside share of a few regions, with its trend as a table."""
    st.plotly_chart(
        charts.inside_figure(shares, codes), width="stretch", config=_PLOT_CONFIG, key=key
    )
    st.caption(
        "Tekstversie: "
        + escape_markdown(
            " ".join(
                f"{shares.get(c).name}: {pct(shares.get(c).share)} van de banen van inwoners "
                f"ligt binnen de regio ({jobs(shares.get(c).inside_jobs)} van "
                f"{jobs(shares.get(c).total_jobs)} duizend)."
                for c in codes
            )
        )
    )
    pendel_caption(shares.source)
    _table(
        pd.DataFrame(
            {"December": [str(y) for y in trend.years]}
            | {
                f"{shares.get(c).name} binnen de regio": [pct(s) for s in trend.shares[c]]
                for c in codes
            }
        )
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
    st.plotly_chart(
        charts.inside_figure(before, codes, after=after),
        width="stretch",
        config=_PLOT_CONFIG,
        key=key,
    )
    st.caption(
        "Tekstversie: "
        + escape_markdown(
            " ".join(
                f"{move.before[c].name}: {pct(move.before[c].share)} voor, "
                f"{pct(move.after[c].share)} na de overstap."
                for c in codes
            )
        )
    )
    _table(
        pd.DataFrame(
            {
                "Regio": [move.before[c].name for c in codes],
                "Binnen de regio, voor": [pct(move.before[c].share) for c in codes],
                "Binnen de regio, na": [pct(move.after[c].share) for c in codes],
                "Banen van inwoners (× 1.000), voor": [
                    jobs(move.before[c].total_jobs) for c in codes
                ],
                "Banen van inwoners (× 1.000), na": [jobs(move.after[c].total_jobs) for c in codes],
            }
        )
    )
    pendel_caption(
        move.source,
        extra=f"Aandeel van {escape_markdown(move.gemeente_name)} in de eigen regio: "
        f"{pct(move.gemeente_share_before)} nu, {pct(move.gemeente_share_after)} na de overstap.",
    )


def method_note(placements: Sequence[Placement2014], gemeente_names: Mapping[str, str]) -> None:
    """How the 2014 gemeenten were placed in today's, with the split ones by name."""
    st.markdown(escape_markdown(PLACEMENT_RULE))
    if placements:
        _table(
            pd.DataFrame(
                {
                    "Gemeente in 2014": [p.name_2014 for p in placements],
                    "Geteld bij (2025)": [
                        gemeente_names.get(p.code_2025, p.code_2025) for p in placements
                    ],
                    "Deel van de oppervlakte": [pct(p.share) for p in placements],
                    "Tweede deel in": [
                        gemeente_names.get(p.second_code, p.second_code) for p in placements
                    ],
                    "Tweede deel": [pct(p.second_share) for p in placements],
                }
            )
        )
