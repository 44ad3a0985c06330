"""The Kaart page's map and lists of choices, without loading the CBS data or pandas.

A new server process would otherwise import pandas and read the CBS files (about a second on this
machine) before it can send the first map. The Kaart's choices and its default map come with the
data instead (:mod:`dashboard.data.artefacts`: written by ``data snapshot`` and ``data download``,
checked against the data files they were derived from). A data folder without them (the raw CBS
files) is served by the same builder once, then from the derived cache keyed on the data's content.
Any other view of the map is drawn through :mod:`dashboard.ui.cache` (imported only then).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import streamlit as st

from dashboard.core.config import data_dir
from dashboard.data import artefacts, derived_cache


@dataclass(frozen=True)
class Choices:
    """What the Kaart's controls offer for the configured data folder."""

    #: indicators with figures, in the order the Kaart offers them (grouped by subject)
    indicator_ids: tuple[str, ...]
    #: per indicator id the years with figures (oldest first); empty when there are none
    years: Mapping[str, tuple[int, ...]]
    region_names: Mapping[str, str]
    gemeente_names: Mapping[str, str]


@dataclass(frozen=True)
class FirstLook:
    choices: Choices
    #: the view of the map drawn with the data, as :func:`region_map` receives it
    default_view: tuple
    default_svg: str


def _stamps(folder: Path) -> tuple[tuple[str, int, int], ...]:
    try:
        paths = sorted(p for p in folder.iterdir() if p.is_file())
        return tuple((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in paths)
    except OSError:
        return ()


def _view(
    year: int,
    indicator_id: str,
    show_gemeenten: bool,
    highlight_regions: Any,
    highlight_gemeenten: Any,
    zoom_to: Any,
) -> tuple:
    return (
        int(year),
        str(indicator_id),
        bool(show_gemeenten),
        tuple(highlight_regions),
        tuple(highlight_gemeenten),
        tuple(zoom_to),
    )


def _first_look() -> FirstLook:
    folder = data_dir()
    return _load(str(folder), _stamps(folder))


@st.cache_resource(show_spinner=False, max_entries=4)
def _load(folder: str, stamps: tuple) -> FirstLook:
    base = Path(folder)
    document = artefacts.read(base)
    if document is None:
        key = artefacts.content_key(base)
        document = derived_cache.load("kaart-afgeleid", key)
        if document is None:
            from dashboard.presentation.maps.first_look import build

            document = build(base)
            derived_cache.store("kaart-afgeleid", key, document)
    chosen = document["choices"]
    view = document["default_map"]["view"]
    return FirstLook(
        choices=Choices(
            indicator_ids=tuple(chosen["indicators"]),
            years={i: tuple(y) for i, y in chosen["years"].items()},
            region_names=dict(chosen["regions"]),
            gemeente_names=dict(chosen["gemeenten"]),
        ),
        default_view=_view(**view),
        default_svg=str(document["default_map"]["svg"]),
    )


def choices() -> Choices:
    """Indicators, years per indicator and the names of regions and gemeenten (shared by all
    sessions)."""
    return _first_look().choices


def region_map(
    year: int,
    indicator_id: str,
    *,
    show_gemeenten: bool,
    highlight_regions: tuple[str, ...],
    highlight_gemeenten: tuple[str, ...],
    zoom_to: tuple[str, ...],
) -> str:
    """The Kaart's map as SVG, each region marked with its code (``maps.mark_regions``): the
    default view as it came with the data, any other drawn once per view."""
    folder = data_dir()
    stamps = _stamps(folder)
    first = _load(str(folder), stamps)
    view = _view(
        year, indicator_id, show_gemeenten, highlight_regions, highlight_gemeenten, zoom_to
    )
    if view == first.default_view:
        return first.default_svg
    return _region_map(str(folder), stamps, view)


@st.cache_data(show_spinner=False, max_entries=64)
def _region_map(folder: str, stamps: tuple, view: tuple) -> str:
    from dashboard.ui import cache  # pandas, geopandas and the drawing engine: only for this

    year, indicator_id, show_gemeenten, regions, gemeenten, zoom_to = view
    return cache.region_map(
        year,
        indicator_id,
        show_gemeenten=show_gemeenten,
        highlight_regions=regions,
        highlight_gemeenten=gemeenten,
        zoom_to=zoom_to,
    )
