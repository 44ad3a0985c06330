"""Page: Regio's vergelijken (placeholder until its issue is built)."""

import streamlit as st

st.title("Regio's vergelijken")
st.info("Deze pagina wordt nog gebouwd.")
