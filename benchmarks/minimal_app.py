"""The smallest useful Streamlit app: one slider and one sentence.

Baseline for benchmarks that compare the dashboard's reruns with Streamlit's own overhead
(``benchmarks/load.py``). Run it with ``python -m streamlit run benchmarks/minimal_app.py``.
"""

import streamlit as st

st.title("Minimale app")
weight = st.slider("Gewicht werkgevers", min_value=0.0, max_value=5.0, value=1.0, step=0.1)
st.write(f"Het gewicht is {weight:.1f}.")
