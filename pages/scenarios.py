"""Page: Scenario's (placeholder until its issue is built)."""

import streamlit as st

st.title("Scenario's")
st.info("Deze pagina wordt nog gebouwd.")
