"""The Arbeidsmarkt block as Streamlit elements, shared by Regio's vergelijken and Overstap."""

from __future__ import annotations

import streamlit as st

from dashboard.core.markup import escape_markdown
from dashboard.data.labour import LabourComparison
from dashboard.presentation.charts import profiles as charts
from dashboard.presentation.narrative.regions import (
    METHOD_LEAD,
    METHOD_NOTE,
    PERIOD_NOTE,
    rates_text,
)
from dashboard.presentation.tables import (
    labour_before_after_figures,
    labour_figures,
    labour_member_figures,
    labour_sector_figures,
)
from dashboard.ui.figures import show_chart, show_table
from dashboard.ui.layout import expander, source_caption
from dashboard.ui.text import md_name_code


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
    show_table(
        labour_figures(comparison),
        key=f"{key}_tabel",
        sources=(*comparison.source_ids(), "indeling_afgeleid_2025"),
        extra=PERIOD_NOTE,
    )
    st.markdown(f"**{METHOD_LEAD}.** {METHOD_NOTE}")
    rate_sources = ("cbs_kwb_2024_bijstand", "cbs_kwb_2024_ww", "cbs_kwb_2024_ao")
    text = rates_text(comparison)
    show_chart(
        charts.labour_rates_spec(comparison), key=f"{key}_rates", alt=text, sources=rate_sources
    )
    st.caption("Tekstversie: " + escape_markdown(text))  # names from data
    source_caption(*rate_sources)
    with expander("Bedrijfsvestigingen per sector", key=f"{key}_sectoren"):
        show_table(
            labour_sector_figures(comparison),
            key=f"{key}_sectoren",
            sources=("cbs_kwb_2024_bedrijfsvestigingen_sector",),
        )
    st.markdown("**De gemeenten achter de regiowaarden**")
    cols = st.columns(len(comparison.members))
    names = dict(comparison.areas)
    member_note = "Gemeentecijfers zoals CBS ze publiceert; niet beschikbaar = niet gepubliceerd."
    for col, code in zip(cols, comparison.members, strict=True):
        with col:
            st.markdown(md_name_code(names[code], code))
            show_table(
                labour_member_figures(comparison, code),
                key=f"{key}_gemeenten_{code}",
                sources=comparison.source_ids(),
                extra=member_note,
                caption=False,
            )
    source_caption(*comparison.source_ids(), extra=member_note)


def overstap_block(before: LabourComparison, after: LabourComparison) -> None:
    """Both regions now and after the overstap, with Nederland (which does not change)."""
    if not before.available:
        _no_figures()
        return
    show_table(
        labour_before_after_figures(before, after),
        key="overstap_arbeidsmarkt",
        sources=(*before.source_ids(), "indeling_afgeleid_2025"),
        extra=PERIOD_NOTE,
    )
    st.markdown(f"**{METHOD_LEAD}.** {METHOD_NOTE}")
