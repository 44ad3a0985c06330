"""Page: Robuustheid (placeholder until its issue is built)."""

import streamlit as st

st.title("Robuustheid")
st.info("Deze pagina wordt nog gebouwd.")
