"""Page: Overstap (placeholder until its issue is built)."""

import streamlit as st

st.title("Overstap")
st.info("Deze pagina wordt nog gebouwd.")
