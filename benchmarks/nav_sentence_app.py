"""One sentence with the dashboard's navigation (8 pages, wide layout): the floor of a first look
for any page of a multi-page app like this one, beside the plain one-sentence app."""

import streamlit as st

st.set_page_config(page_title="Arbeidsmarktregio-dashboard", layout="wide")


def sentence() -> None:
    st.write("Dit is één zin.")


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
pages = [st.Page(sentence, title="Kaart", icon=":material/map:", default=True)] + [
    st.Page(make(i), title=t, url_path=f"p{i}", icon=":material/compare:")
    for i, t in enumerate(titles)
]
st.navigation(pages).run()
