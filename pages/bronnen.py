"""Page: Bronnen en methode (placeholder until its issue is built)."""

import streamlit as st

st.title("Bronnen en methode")
st.info("Deze pagina wordt nog gebouwd.")
