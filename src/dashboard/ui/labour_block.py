"""The Arbeidsmarkt block as Streamlit elements, shared by Regio's vergelijken and Overstap."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.charts import profiles as charts
from dashboard.labour import (
    METHOD_NOTE,
    PERIOD_NOTE,
    LabourComparison,
    before_after_table,
    rates_text,
)
from dashboard.markup import escape_markdown
from dashboard.ui.layout import source_caption
from dashboard.ui.text import md_name_code


def _table(frame: pd.DataFrame) -> None:
    st.dataframe(frame, hide_index=True, width="stretch", height=35 * (len(frame) + 1) + 3)


def _no_figures() -> None:
    st.info(
        "De gegevensmap bevat geen arbeidsmarktcijfers (bestand kwb_<jaar>_gemeente.csv); "
        "ze zijn daarom niet beschikbaar.",
        icon=":material/info:",
    )


def comparison_block(comparison: LabourComparison, key: str) -> None:
    """Regions against each other and Nederland: table, rates chart with text, sectors, and the
    gemeenten behind the region values."""
    if not comparison.available:
        _no_figures()
        return
    _table(comparison.table())
    source_caption(*comparison.source_ids(), "indeling_afgeleid_2025", extra=PERIOD_NOTE)
    st.markdown("**Hoe de regiowaarden zijn berekend.** " + METHOD_NOTE)
    st.plotly_chart(
        charts.labour_rates_figure(comparison),
        width="stretch",
        config={"displaylogo": False},
        key=f"{key}_rates",
    )
    st.caption("Tekstversie: " + escape_markdown(rates_text(comparison)))  # names from data
    source_caption("cbs_kwb_2024_bijstand", "cbs_kwb_2024_ww", "cbs_kwb_2024_ao")
    with st.expander("Bedrijfsvestigingen per sector"):
        _table(comparison.sector_table())
        source_caption("cbs_kwb_2024_bedrijfsvestigingen_sector")
    st.markdown("**De gemeenten achter de regiowaarden**")
    cols = st.columns(len(comparison.members))
    names = dict(comparison.areas)
    for col, code in zip(cols, comparison.members, strict=True):
        with col:
            st.markdown(md_name_code(names[code], code))
            _table(comparison.member_table(code))
    source_caption(
        *comparison.source_ids(),
        extra="Gemeentecijfers zoals CBS ze publiceert; niet beschikbaar = niet gepubliceerd.",
    )


def overstap_block(before: LabourComparison, after: LabourComparison) -> None:
    """Both regions now and after the overstap, with Nederland (which does not change)."""
    if not before.available:
        _no_figures()
        return
    _table(before_after_table(before, after))
    source_caption(*before.source_ids(), "indeling_afgeleid_2025", extra=PERIOD_NOTE)
    st.markdown("**Hoe de regiowaarden zijn berekend.** " + METHOD_NOTE)
