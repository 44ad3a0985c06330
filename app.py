"""Arbeidsmarktregio-dashboard: the entry point (``streamlit run app.py``)."""

from __future__ import annotations

import streamlit as st

from dashboard.ui.hardening import protect_shared_caches
from dashboard.ui.layout import global_style, reset_control, run_guarded, show_notices
from dashboard.ui.memory import leave_loaded_objects_out_of_collections
from dashboard.ui.network import server_sends_without_delay
from dashboard.ui.state import (
    apply_query_params,
    pop_notices,
    reset_was_requested,
    sync_url,
)

st.set_page_config(
    page_title="Arbeidsmarktregio-dashboard",
    page_icon="🗺️",
    layout="wide",
    initial_sidebar_state="auto",  # open on a wide screen, closed on a phone
)

PAGES = [
    st.Page("pages/kaart.py", title="Kaart", icon=":material/map:", default=True),
    st.Page("pages/regios.py", title="Regio's vergelijken", icon=":material/compare:"),
    st.Page("pages/overstap.py", title="Overstap", icon=":material/move_down:"),
    st.Page("pages/varianten.py", title="Varianten", icon=":material/tune:"),
    st.Page("pages/robuustheid.py", title="Robuustheid", icon=":material/balance:"),
    st.Page("pages/scenarios.py", title="Scenario's", icon=":material/bookmarks:"),
    st.Page("pages/presentatie.py", title="Presentatie", icon=":material/slideshow:"),
    st.Page("pages/bronnen.py", title="Bronnen en methode", icon=":material/menu_book:"),
]

protect_shared_caches()  # no browser may empty the caches every user shares
server_sends_without_delay()  # once per process: no 40 ms wait on small messages (ui/network)
page = st.navigation(PAGES)
global_style()
apply_query_params()  # a share link in the URL sets the view once per session
show_notices(pop_notices())
reset_was_requested()  # a whole run: every part of the page shows the reset
run_guarded(page.run)
# The sidebar's reset after the page: where it stands does not depend on when it is sent, and
# its button's code then does not come in the same batch as the page's first elements (the map).
reset_control()
sync_url()  # the address bar shows the view this run ended with
leave_loaded_objects_out_of_collections()  # once per process, after its first run (ui/memory)
