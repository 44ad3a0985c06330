"""One sentence with the dashboard's navigation (8 pages, wide layout): the floor of a first look
for any page of a multi-page app like this one, beside the plain one-sentence app."""

import sys
from pathlib import Path

import streamlit as st

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.nav_pages import run_with_navigation


def sentence() -> None:
    st.write("Dit is één zin.")


run_with_navigation(sentence)
