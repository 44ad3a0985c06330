"""Page: Varianten (placeholder until its issue is built)."""

import streamlit as st

st.title("Varianten")
st.info("Deze pagina wordt nog gebouwd.")
