"""One sentence and nothing else: the floor of a first look (``benchmarks/harness.SENTENCE``)."""

import streamlit as st

st.write("Dit is één zin.")
