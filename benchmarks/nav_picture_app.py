"""The Kaart's default map picture alone, with the dashboard's 8-page navigation.

Beside ``nav_sentence_app.py`` it shows what the picture itself costs a first look, without the
Kaart's title, text, controls, clickable map and details: the floor for any page that opens
with this map in Streamlit.
"""

import sys
from pathlib import Path

import streamlit as st

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.nav_pages import run_with_navigation
from dashboard.region.settings import CASE
from dashboard.ui import first_look
from dashboard.ui.svg_map import still_picture


def picture() -> None:
    choices = first_look.choices()
    years = choices.years
    indicator_id = choices.indicator_ids[0]  # the Kaart's first indicator
    svg = first_look.region_map(
        years[indicator_id][-1],
        indicator_id,
        show_gemeenten=False,
        highlight_regions=tuple(CASE.regions),
        highlight_gemeenten=(CASE.gemeente,),
        zoom_to=(),
    )
    with st.container(key="kaartbeeld_alleen"):
        st.markdown(still_picture(svg, label="Kaart", selected=CASE.van))


run_with_navigation(picture)
