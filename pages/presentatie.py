"""Page: Presentatie (placeholder until its issue is built)."""

import streamlit as st

st.title("Presentatie")
st.info("Deze pagina wordt nog gebouwd.")
