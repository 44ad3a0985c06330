"""Caching in one place: ``st.cache_data`` / ``st.cache_resource`` wrappers keyed on hashable
arguments (ids, paths as strings, tuples), never on GeoDataFrames."""

from __future__ import annotations

import streamlit as st

from dashboard.config import data_dir


def data_dir_key() -> str:
    """The configured data folder as a string cache key."""
    return str(data_dir())


# Each issue adds its cached loaders below, in its own section.
