"""Kaart: the 35 arbeidsmarktregio's coloured by a CBS figure, with their gemeenten."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import kerncijfers as kc_mod
from dashboard.facts import centrumgemeente
from dashboard.formatting import NIET_BESCHIKBAAR, fmt_int, fmt_number
from dashboard.maps import map_text_alternative, region_deck
from dashboard.sources import source_line
from dashboard.ui import cache
from dashboard.ui.layout import page_guard, source_caption

page_guard()


st.title("Kaart van de arbeidsmarktregio's")
st.markdown(
    "Nederland is verdeeld in **35 arbeidsmarktregio's**. In elke regio werken gemeenten en UWV "
    "samen, onder meer in het werkgeversservicepunt (WSP). Zuid-Holland Centraal, Holland "
    "Rijnland en Voorschoten zijn uitgelicht."
)

index = cache.region_index()
layers = cache.map_layers()
kc = cache.kerncijfers()

indicator_ids = [i for i in kc_mod.INDICATORS if kc_mod.indicator_years(kc, i)]
region_names = {r.code: r.name for r in index.regions}
gemeente_names = {g.code: g.name for g in index.gemeenten}

with st.container(border=True):
    c1, c2, c3 = st.columns([3, 2, 2])
    indicator_id = c1.selectbox(
        "Wat wilt u op de kaart zien?",
        indicator_ids,
        format_func=lambda i: kc_mod.INDICATORS[i].label,
        key="kaart_indicator",
    )
    indicator = kc_mod.INDICATORS[indicator_id]
    years = kc_mod.indicator_years(kc, indicator_id)
    year = c2.selectbox(
        "Peiljaar (1 januari)", list(reversed(years)), key=f"kaart_jaar_{indicator_id}"
    )
    view = c3.radio(
        "Weergave",
        ["Vaste kaart", "Vrij zoomen"],
        horizontal=True,
        key="kaart_weergave",
        help="'Vrij zoomen' gebruikt een andere kaartweergave waarin u vrij kunt in- en uitzoomen.",
    )
    c4, c5, c6 = st.columns([2, 3, 2])
    show_gemeenten = c4.toggle("Gemeentegrenzen tonen", value=False, key="kaart_gemeenten")
    highlight_regions = c5.multiselect(
        "Uitgelichte regio's",
        list(region_names),
        default=["AM34", "AM19"],
        format_func=lambda c: f"{region_names[c]} ({c})",
        key="kaart_uitgelicht",
    )
    highlight_gemeenten = c6.multiselect(
        "Uitgelichte gemeente",
        sorted(gemeente_names, key=gemeente_names.__getitem__),
        default=["GM0626"],
        format_func=lambda c: gemeente_names[c],
        key="kaart_gemeente",
    )

figures = cache.region_figures(year)
values = figures[indicator_id]
unit = indicator.unit
sources = kc_mod.source_ids(kc, year)

if view == "Vaste kaart":
    fig = cache.region_map(
        year,
        indicator_id,
        show_gemeenten=show_gemeenten,
        highlight_regions=tuple(highlight_regions),
        highlight_gemeenten=tuple(highlight_gemeenten),
    )
    event = st.plotly_chart(
        fig,
        width="stretch",
        on_select="rerun",
        selection_mode=("points",),
        key="kaart_map",
        config={"displaylogo": False, "scrollZoom": True},
    )
    clicked = [
        p.get("location") or p.get("customdata")
        for p in (event.selection.points if event and event.selection else [])
    ]
    clicked = [c for c in clicked if isinstance(c, str) and c in region_names]
    if clicked:
        st.session_state["kaart_regio"] = clicked[0]
else:
    st.pydeck_chart(
        region_deck(
            layers,
            values,
            indicator_label=indicator.label,
            decimals=indicator.decimals,
            show_gemeenten=show_gemeenten,
            highlight_regions=tuple(highlight_regions),
            highlight_gemeenten=tuple(highlight_gemeenten),
        ),
        height=620,
    )
source_caption(
    *sources,
    "cbs_gebiedsindelingen_2025",
    "indeling_afgeleid_2025",
    extra=(
        f"{indicator.label}, {year}."
        + (f" {indicator.note.capitalize()}." if indicator.note else "")
    ),
)
st.caption(
    "Tekstversie van de kaart: "
    + map_text_alternative(
        values,
        region_names,
        indicator_label=indicator.label,
        unit=unit,
        decimals=indicator.decimals,
        highlight_regions=tuple(highlight_regions),
    )
)

# --- one region in detail --------------------------------------------------------------------
st.subheader("Gemeenten in een regio")
st.session_state.setdefault("kaart_regio", "AM34")
region_code = st.selectbox(
    "Kies een regio (of klik op de kaart)",
    list(region_names),
    format_func=lambda c: f"{region_names[c]} ({c})",
    key="kaart_regio",
)
gem = kc_mod.gemeente_figures(kc, year)
members = index.members(region_code)
rows = []
for g in members:
    fig_row = gem.loc[g.code] if g.code in gem.index else pd.Series(dtype=float)
    rows.append(
        {
            "Gemeente": g.name,
            "CBS-code": g.code,
            "Inwoners": fmt_int(fig_row.get("inwoners")),
            indicator.label: (
                fmt_number(fig_row.get(indicator_id), indicator.decimals)
                if indicator.decimals
                else fmt_int(fig_row.get(indicator_id))
            ),
            "Landoppervlakte (km²)": fmt_number(fig_row.get("oppervlakte_land_km2"), 1),
        }
    )
total = figures.loc[region_code]
m1, m2 = st.columns(2)
m1.metric("Gemeenten", len(members))
m2.metric(f"Inwoners ({year})", fmt_int(total.get("inwoners")))
centrum, centrum_source = centrumgemeente(region_code)
st.markdown(f"**Centrumgemeente:** {centrum or 'niet vastgelegd'}")
st.caption(
    "Centrumgemeente: " + source_line(centrum_source)
    if centrum_source
    else "Centrumgemeente: geen van de brondocumenten noemt die voor deze regio."
)
st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
source_caption(*sources, "indeling_afgeleid_2025", extra=f"Peiljaar {year}.")

with st.expander("Alle 35 regio's als tabel"):
    table = pd.DataFrame(
        {
            "Regio": [region_names[c] for c in figures.index],
            "Code": figures.index,
            "Gemeenten": figures["n_gemeenten"].astype(int),
            "Inwoners": [fmt_int(v) for v in figures["inwoners"]],
            indicator.label: [
                fmt_number(v, indicator.decimals) if indicator.decimals else fmt_int(v)
                for v in values.reindex(figures.index)
            ],
        }
    )
    st.dataframe(table, hide_index=True, width="stretch")
    source_caption(*sources, "indeling_afgeleid_2025", extra=f"Peiljaar {year}.")
    if values.isna().any():
        st.caption(f"Een lege waarde betekent: {NIET_BESCHIKBAAR} voor {year}.")
