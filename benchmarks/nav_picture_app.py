"""The Kaart's default map picture alone, with the dashboard's 8-page navigation.

Beside ``nav_sentence_app.py`` it shows what the picture itself costs a first look, without the
Kaart's title, text, controls, clickable map and details: the floor for any page that opens
with this map in Streamlit.
"""

import streamlit as st

from dashboard.indicators import INDICATORS, grouped
from dashboard.settings import CASE
from dashboard.ui import first_look
from dashboard.ui.svg_map import still_picture

st.set_page_config(page_title="Arbeidsmarktregio-dashboard", layout="wide")


def picture() -> None:
    years = first_look.choices().years
    shown = grouped(i for i in INDICATORS if years.get(i))  # the Kaart's first indicator
    indicator_id = next(i for members in shown.values() for i in members)
    svg, _ = first_look.region_map(
        years[indicator_id][-1],
        indicator_id,
        show_gemeenten=False,
        highlight_regions=tuple(CASE.regions),
        highlight_gemeenten=(CASE.gemeente,),
        zoom_to=(),
    )
    with st.container(key="kaartbeeld_alleen"):
        st.markdown(still_picture(svg, label="Kaart", selected=CASE.van))


def make(i: int):
    def page() -> None:
        st.write("x")

    page.__name__ = f"page{i}"
    return page


titles = (
    "Regio's vergelijken",
    "Overstap",
    "Varianten",
    "Robuustheid",
    "Scenario's",
    "Presentatie",
    "Bronnen en methode",
)
pages = [st.Page(picture, title="Kaart", icon=":material/map:", default=True)] + [
    st.Page(make(i), title=t, url_path=f"p{i}", icon=":material/compare:")
    for i, t in enumerate(titles)
]
st.navigation(pages).run()
