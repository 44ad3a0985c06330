"""Page: Kaart (placeholder until its issue is built)."""

import streamlit as st

st.title("Kaart")
st.info("Deze pagina wordt nog gebouwd.")
