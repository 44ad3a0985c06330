"""The dashboard's 8-page navigation around one given first page, for the benchmark apps that
measure what a page of this app costs at least (``nav_sentence_app``, ``nav_picture_app``), on a
server set up as app.py sets it up."""

from collections.abc import Callable

import streamlit as st

from dashboard.ui.network import server_sends_without_delay

#: The other seven pages, as app.py names them (each shows one letter here).
OTHER_TITLES = (
    "Regio's vergelijken",
    "Overstap",
    "Varianten",
    "Robuustheid",
    "Scenario's",
    "Presentatie",
    "Bronnen en methode",
)


def _placeholder(i: int) -> Callable[[], None]:
    def page() -> None:
        st.write("x")

    page.__name__ = f"page{i}"  # Streamlit tells pages apart by their function's name
    return page


def run_with_navigation(first: Callable[[], None]) -> None:
    """Show ``first`` as the default page "Kaart", with the dashboard's navigation beside it.

    The server gets the dashboard's network setting too, as app.py gives it (``ui/network``).
    """
    server_sends_without_delay()
    st.set_page_config(page_title="Arbeidsmarktregio-dashboard", layout="wide")
    pages = [st.Page(first, title="Kaart", icon=":material/map:", default=True)] + [
        st.Page(_placeholder(i), title=t, url_path=f"p{i}", icon=":material/compare:")
        for i, t in enumerate(OTHER_TITLES)
    ]
    st.navigation(pages).run()
