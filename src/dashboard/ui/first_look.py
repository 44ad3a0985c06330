"""The Kaart page's map and lists of choices, without loading the CBS data or pandas.

A new server process would otherwise import pandas and read the CBS files (about a second on this
machine) before it can send the first map. The drawing (SVG and hover lines) and the lists the
controls need (years per indicator, region and gemeente names) are small, so they are kept on disk
(:mod:`dashboard.derived_cache`) keyed on the data files *and* on the code and project data that
made them: a changed CBS file, map style or fact never shows a stale map. On a miss they are
computed through :mod:`dashboard.ui.cache` (imported only then) and stored for the next process.

A new tab's first run of the Kaart sends only the title, the introduction and the map; the whole
page follows in a second run a moment later (:func:`begin_run`), so the browser draws the map
before it loads the code of the controls.
"""

from __future__ import annotations

import functools
import json
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

import streamlit as st

import dashboard
from dashboard import derived_cache
from dashboard.config import data_dir, project_data_dir


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
) -> tuple[str, dict[str, list[str]]]:
    """The Kaart's map as SVG (regions marked for clicks) and the hover lines per region."""
    view = [year, indicator_id, show_gemeenten, highlight_regions, highlight_gemeenten, zoom_to]
    return _region_map(json.dumps([source_key(), view]))


@st.cache_data(show_spinner=False, max_entries=64)
def _region_map(key: str) -> tuple[str, dict[str, list[str]]]:
    stored = derived_cache.load("kaart-tekening", key)
    if stored is None:
        from dashboard.ui import cache

        year, indicator_id, show_gemeenten, regions, gemeenten, zoom_to = json.loads(key)[1]
        svg, details = cache.region_map(
            year,
            indicator_id,
            show_gemeenten=show_gemeenten,
            highlight_regions=tuple(regions),
            highlight_gemeenten=tuple(gemeenten),
            zoom_to=tuple(zoom_to),
        )
        stored = {"svg": svg, "details": details}
        derived_cache.store("kaart-tekening", key, stored)
    return str(stored["svg"]), {k: list(v) for k, v in stored["details"].items()}


# --- a new tab: the map first, the rest of the page a moment later -----------------------------
#: How long the server waits after a new tab's map before it sends the rest of the Kaart. The
#: browser draws what arrives together in one go; without a pause the controls, the clickable map
#: and the sidebar's reset button (each with code the browser still has to load) come with the
#: map and hold it back (0.06 s was too short). It is also long enough for the page style to
#: apply first: the browser shows content that waited for its code at most once per 300 ms, so
#: with 0.15 s the whole page often came before the style, the controls stood for a moment
#: without their least height, and the map jumped up and back (33 px, 100 px on a phone; in 11
#: of 16 new tabs, none with 0.3 s). The controls come no later for it: they waited for that
#: reveal anyway (A/B in ``benchmarks/RESULTS.md``).
PICTURE_FIRST_PAUSE_S = 0.3

_PICTURE_FIRST_KEY = "_kaart_eerst_het_beeld"
#: Measured in Chromium on the whole page: the tallest control (a label with two radio options, one
#: under the other; a label with its field is 68 px), and a folded expander. ``GLOBAL_CSS`` gives
#: each control's column this height as its least (4.55rem), so the skeletons that stand in for
#: the controls while their code loads keep it too.
_CONTROL_PX = 73
_FOLDED_PX = 42


def begin_run(map_first: bool) -> bool:
    """Call from app.py before the page runs; returns ``map_first``.

    ``map_first``: a new tab's first run of the Kaart with nothing to stand above its map (app.py
    passes False when a share link left notices). That run sends the title, the introduction
    and the map only (:func:`picture_first`), then :func:`send_the_rest` reruns the app for the
    whole page: controls, clickable map, details and the reset button, which app.py leaves out.
    """
    st.session_state[_PICTURE_FIRST_KEY] = map_first
    return map_first


def hold_the_controls_place() -> None:
    """In the map-only run, in the controls' box: empty blocks of the controls' height.

    Three columns as the controls have (each as high as the tallest control) and a line for the
    folded settings: wide they stand side by side, on a phone they stack, as the controls do. Plain
    space (``st.space``), because it is drawn at once: HTML or style in Markdown, and the
    page-wide style (``GLOBAL_CSS``), apply only after their code has loaded, which is after the
    map is drawn. A fixed-height ``st.container`` holds the place as well, but is a scrolling box
    with its own code; the map came about 3 % later with it (A/B in ``benchmarks/RESULTS.md``).
    """
    for column in st.columns([3, 2, 2]):
        column.space(_CONTROL_PX)
    st.space(_FOLDED_PX)


def picture_first() -> bool:
    """True if this run sends the map and nothing after it (see :func:`begin_run`)."""
    return bool(st.session_state.get(_PICTURE_FIRST_KEY, False))


def send_the_rest(*, pause: bool = True) -> NoReturn:
    """End the map-only run: the whole page follows in a new run, after the map is drawn."""
    st.session_state[_PICTURE_FIRST_KEY] = False
    if pause:
        time.sleep(PICTURE_FIRST_PAUSE_S)
    st.rerun()
