"""The Kaart page's map and lists of choices, without loading the CBS data or pandas.

A new server process would otherwise import pandas and read the CBS files (about a second on this
machine) before it can send the first map. The drawing (SVG and hover lines) and the lists the
controls need (years per indicator, region and gemeente names) are small, so they are kept on disk
(:mod:`dashboard.data.derived_cache`) keyed on the data files *and* on the code and project data
that
made them: a changed CBS file, map style or fact never shows a stale map. On a miss they are
computed through :mod:`dashboard.ui.cache` (imported only then) and stored for the next process.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

import dashboard
from dashboard.core.config import data_dir, project_data_dir
from dashboard.data import derived_cache


def _stamps(folder: Path, pattern: str) -> list[tuple[str, int, int]]:
    out = []
    for path in sorted(folder.glob(pattern)):
        try:
            stat = path.stat()
        except OSError:
            continue
        if path.is_file():
            out.append((str(path.relative_to(folder)), stat.st_mtime_ns, stat.st_size))
    return out


@functools.cache
def _code_and_project_data() -> list:
    # Read once per process: a running server keeps the code and the facts it loaded at start.
    package = Path(dashboard.__file__).resolve().parent
    return [_stamps(project_data_dir(), "**/*"), _stamps(package, "**/*.py"), dashboard.__version__]


def source_key() -> list:
    """What a drawing depends on: the data files, the project's own data, and the code."""
    folder = data_dir()
    return [str(folder), _stamps(folder, "*"), *_code_and_project_data()]


@dataclass(frozen=True)
class Choices:
    """What the Kaart's controls offer for the configured data folder."""

    #: per indicator id the years with figures (oldest first); empty when there are none
    years: Mapping[str, tuple[int, ...]]
    region_names: Mapping[str, str]
    gemeente_names: Mapping[str, str]


def choices() -> Choices:
    """Years per indicator and the names of regions and gemeenten (shared by all sessions)."""
    return _choices(json.dumps(source_key()))


@st.cache_resource(show_spinner=False, max_entries=4)
def _choices(key: str) -> Choices:
    stored = derived_cache.load("kaart-keuzes", key)
    if stored is None:
        from dashboard.ui import cache

        index = cache.region_index()
        stored = {
            "years": {i: list(y) for i, y in cache.indicator_years().items()},
            "regions": {r.code: r.name for r in index.regions},
            "gemeenten": {g.code: g.name for g in index.gemeenten},
        }
        derived_cache.store("kaart-keuzes", key, stored)
    return Choices(
        years={i: tuple(y) for i, y in stored["years"].items()},
        region_names=dict(stored["regions"]),
        gemeente_names=dict(stored["gemeenten"]),
    )


def region_map(
    year: int,
    indicator_id: str,
    *,
    show_gemeenten: bool,
    highlight_regions: tuple[str, ...],
    highlight_gemeenten: tuple[str, ...],
    zoom_to: tuple[str, ...],
) -> str:
    """The Kaart's map as SVG, each region marked with its code (``maps.mark_regions``)."""
    view = [year, indicator_id, show_gemeenten, highlight_regions, highlight_gemeenten, zoom_to]
    return _region_map(json.dumps([source_key(), view]))


@st.cache_data(show_spinner=False, max_entries=64)
def _region_map(key: str) -> str:
    stored = derived_cache.load("kaart-tekening", key)
    if stored is None:
        from dashboard.ui import cache

        year, indicator_id, show_gemeenten, regions, gemeenten, zoom_to = json.loads(key)[1]
        svg = cache.region_map(
            year,
            indicator_id,
            show_gemeenten=show_gemeenten,
            highlight_regions=tuple(regions),
            highlight_gemeenten=tuple(gemeenten),
            zoom_to=tuple(zoom_to),
        )
        stored = {"svg": svg}
        derived_cache.store("kaart-tekening", key, stored)
    return str(stored["svg"])
