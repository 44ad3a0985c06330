"""Caching in one place: ``st.cache_data`` / ``st.cache_resource`` wrappers keyed on hashable
arguments (ids, paths as strings, tuples, JSON strings), never on GeoDataFrames.

The core functions cache per file version themselves (lru_cache on path, mtime and size); these
wrappers add Streamlit's cross-session cache keyed on the data folder string. Each public
function has a private cached twin that takes the key explicitly.

Modules that take long to import (the scenario store with SQLAlchemy, the report builder, the
region profiles) are imported inside the functions that need them, so a page that does not use
them does not pay for them on a cold start.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING

import pandas as pd
import streamlit as st

from dashboard.core.config import DEFAULT_YEAR, data_dir, database_url
from dashboard.data.facts import FactBase, load_facts
from dashboard.data.indicators import INDICATORS
from dashboard.data.kerncijfers import aggregate, load_kerncijfers, years_per_indicator
from dashboard.data.regions import RegionIndex, load_region_index
from dashboard.mcda.sampling import SamplingSettings
from dashboard.mcda.scoring import DecisionProblem
from dashboard.mcda.sensitivity import SmaaResult, smaa
from dashboard.presentation.charts import render
from dashboard.presentation.maps import (
    MapLayers,
    build_map_layers,
    legend_spec,
    membership_map_spec,
    region_map_spec,
)
from dashboard.presentation.maps.first_look import hover_lines, region_map_svg
from dashboard.region.pendel import (
    GemeentePendel,
    GemeenteTrend,
    InsideShares,
    Outward,
    OverstapPendel,
    PendelData,
    RegionTrend,
    gemeente_pendel,
    gemeente_trend,
    inside_shares,
    load_pendel_in_use,
    overstap_pendel,
    region_trend,
    work_elsewhere,
)
from dashboard.region.settings import CASE

if TYPE_CHECKING:
    from dashboard.data.labour import LabourComparison
    from dashboard.presentation.reports.content import ReportContent
    from dashboard.region.overstap import OverstapResult
    from dashboard.region.profiles import RegionProfile
    from dashboard.scenarios import ScenarioStore


def data_dir_key() -> str:
    """The configured data folder as a string cache key."""
    return str(data_dir())


# --- regions, kerncijfers and facts -----------------------------------------------------------
@st.cache_resource(show_spinner="Kaartgegevens laden…")
def _region_index(folder: str, year: int) -> RegionIndex:
    return load_region_index(year, folder)


def region_index(year: int = DEFAULT_YEAR) -> RegionIndex:
    """Regions and gemeenten of the configured data folder (shared by all sessions)."""
    return _region_index(data_dir_key(), year)


@st.cache_data(show_spinner=False)
def _kerncijfers(folder: str) -> pd.DataFrame:
    return load_kerncijfers(folder)


def kerncijfers() -> pd.DataFrame:
    """The long kerncijfers table (a copy per call: st.cache_data returns copies)."""
    return _kerncijfers(data_dir_key())


@st.cache_resource(show_spinner=False)
def _years_per_indicator(folder: str) -> dict[str, tuple[int, ...]]:
    return years_per_indicator(load_kerncijfers(folder))


def indicator_years() -> Mapping[str, tuple[int, ...]]:
    """Per indicator the years with figures (read-only; shared by all sessions)."""
    return MappingProxyType(_years_per_indicator(data_dir_key()))


@st.cache_data(show_spinner=False, max_entries=64)
def _aggregates(folder: str, membership: tuple[tuple[str, str], ...], year: int) -> pd.DataFrame:
    return aggregate(load_kerncijfers(folder), dict(membership), year)


def region_figures(year: int, membership: dict[str, str] | None = None) -> pd.DataFrame:
    """Figures per region for ``year`` (default membership: the CBS indeling)."""
    members = membership if membership is not None else region_index().membership()
    return _aggregates(data_dir_key(), tuple(sorted(members.items())), year)


@st.cache_resource(show_spinner=False)
def region_facts() -> FactBase:
    """The facts from the seeds (data/regions), validated once per server process."""
    return load_facts()


# --- maps ---------------------------------------------------------------------------------------
@st.cache_resource(show_spinner="Kaart voorbereiden…")
def _map_layers(folder: str, year: int) -> MapLayers:
    return build_map_layers(year, folder)


def map_layers(year: int = DEFAULT_YEAR) -> MapLayers:
    """Simplified, rounded map geometry, built once per server process."""
    return _map_layers(data_dir_key(), year)


@st.cache_data(show_spinner=False, max_entries=32)
def _map_details(folder: str, year: int, indicator_id: str) -> dict[str, list[str]]:
    index = _region_index(folder, DEFAULT_YEAR)
    figures = _aggregates(folder, tuple(sorted(index.membership().items())), year)
    return hover_lines(_map_layers(folder, DEFAULT_YEAR), index, figures, indicator_id)


def map_details(year: int, indicator_id: str) -> Mapping[str, list[str]]:
    """Per region the lines that describe it on the Kaart's maps (name, centrumgemeente,
    gemeenten, inwoners, the figure): each region's name in the SVG and the free-zoom map's
    hover text. Worked out once per year and indicator."""
    return _map_details(data_dir_key(), year, indicator_id)


def region_map(
    year: int,
    indicator_id: str,
    *,
    show_gemeenten: bool = False,
    highlight_regions: tuple[str, ...] = CASE.regions,
    highlight_gemeenten: tuple[str, ...] = (CASE.gemeente,),
    zoom_to: tuple[str, ...] = (),
) -> str:
    """The map page's map as SVG, each region marked with its code (``maps.mark_regions``).

    Drawn anew on every call: ``ui/first_look`` keeps the drawings, and the default one comes
    with the data (:mod:`dashboard.data.artefacts`).
    """
    folder = data_dir_key()
    index = _region_index(folder, DEFAULT_YEAR)
    figures = _aggregates(folder, tuple(sorted(index.membership().items())), year)
    return region_map_svg(
        _map_layers(folder, DEFAULT_YEAR),
        figures,
        indicator_id,
        map_details(year, indicator_id),
        show_gemeenten=show_gemeenten,
        highlight_regions=highlight_regions,
        highlight_gemeenten=highlight_gemeenten,
        zoom_to=zoom_to,
    )


@st.cache_data(show_spinner=False, max_entries=32)
def _map_legend(
    folder: str,
    year: int,
    indicator_id: str,
    highlight_regions: tuple[str, ...],
    highlight_gemeenten: tuple[str, ...],
) -> str:
    index = _region_index(folder, DEFAULT_YEAR)
    figures = _aggregates(folder, tuple(sorted(index.membership().items())), year)
    indicator = INDICATORS[indicator_id]
    spec = legend_spec(
        _map_layers(folder, DEFAULT_YEAR),
        figures[indicator_id],
        unit=indicator.unit,
        decimals=indicator.decimals,
        highlight_regions=highlight_regions,
        highlight_gemeenten=highlight_gemeenten,
    )
    return render.svg(spec)


def map_legend(
    year: int,
    indicator_id: str,
    highlight_regions: tuple[str, ...],
    highlight_gemeenten: tuple[str, ...],
) -> str:
    """The legend of the free-zoom map as SVG (the same colours as the SVG map)."""
    return _map_legend(data_dir_key(), year, indicator_id, highlight_regions, highlight_gemeenten)


@st.cache_data(show_spinner=False, max_entries=64)
def _membership_map(
    folder: str,
    region_codes: tuple[str, ...],
    moves: tuple[tuple[str, str], ...],
    marked_gemeente: str | None,
    region_labels: tuple[tuple[str, str], ...],
) -> str:
    membership = _region_index(folder, DEFAULT_YEAR).membership() | dict(moves)
    spec = membership_map_spec(
        _map_layers(folder, DEFAULT_YEAR),
        membership,
        list(region_codes),
        marked_gemeente=marked_gemeente,
        region_labels=dict(region_labels),
    )
    return render.svg(spec)


def membership_map(
    region_codes: tuple[str, ...],
    *,
    moves: tuple[tuple[str, str], ...] = (),
    marked_gemeente: str | None = None,
    region_labels: tuple[tuple[str, str], ...] = (),
) -> str:
    """The gemeenten of ``region_codes`` coloured by their region, as SVG.

    ``moves`` are (gemeente, new region) pairs applied to the CBS indeling (an overstap).
    Cached per setting here, and on disk by :func:`dashboard.presentation.charts.render.svg`, so a
    restarted server does not start the drawing engine for a map it drew before.
    """
    return _membership_map(
        data_dir_key(), tuple(region_codes), tuple(moves), marked_gemeente, tuple(region_labels)
    )


# --- region profiles, overstap and the labour market ---------------------------------------------
@st.cache_data(show_spinner=False, max_entries=128)
def _region_profile(folder: str, code: str) -> RegionProfile:
    from dashboard.region.profiles import build_profile

    return build_profile(code, region_index(), load_kerncijfers(folder), region_facts())


def region_profile(code: str) -> RegionProfile:
    """Profile of one region under the CBS indeling."""
    return _region_profile(data_dir_key(), code)


@st.cache_data(show_spinner=False, max_entries=256)
def _overstap(folder: str, gemeente: str, naar: str) -> OverstapResult:
    from dashboard.region.overstap import simulate

    return simulate(region_index(), load_kerncijfers(folder), gemeente, naar)


def overstap_result(gemeente: str, naar: str) -> OverstapResult:
    """Both regions before and after moving ``gemeente`` to ``naar`` (raises DashboardError)."""
    return _overstap(data_dir_key(), gemeente, naar)


@st.cache_data(show_spinner=False, max_entries=64)
def _labour(folder: str, regions: tuple[tuple[str, str], ...]) -> LabourComparison:
    from dashboard.data.labour import labour_comparison

    index = region_index()
    return labour_comparison(
        load_kerncijfers(folder),
        index.membership(),
        list(regions),
        names={g.code: g.name for g in index.gemeenten},
    )


def labour_comparison(regions: tuple[tuple[str, str], ...]) -> LabourComparison:
    """The Arbeidsmarkt block for ``regions`` (code, name) under the CBS indeling."""
    return _labour(data_dir_key(), tuple(regions))


@st.cache_data(show_spinner=False, max_entries=128)
def _labour_overstap(
    folder: str, gemeente: str, naar: str
) -> tuple[LabourComparison, LabourComparison]:
    from dashboard.region.overstap import labour_before_after

    return labour_before_after(region_index(), load_kerncijfers(folder), gemeente, naar)


def labour_overstap(gemeente: str, naar: str) -> tuple[LabourComparison, LabourComparison]:
    """The Arbeidsmarkt block of both regions before and after an overstap."""
    return _labour_overstap(data_dir_key(), gemeente, naar)


# --- robustness ---------------------------------------------------------------------------------
# Keyed on the problem's stable hash (without the free-text reasons) and the sampling settings,
# so every session with the same weighting and settings shares one result.
@st.cache_data(show_spinner="Wegingen doorrekenen…", max_entries=64)
def _smaa(
    key: str, settings_json: str, _problem: DecisionProblem, _settings: SamplingSettings
) -> SmaaResult:
    return smaa(_problem, _settings.samples, _settings.seed, _settings)


def smaa_result(problem: DecisionProblem, settings: SamplingSettings) -> SmaaResult:
    """Cached :func:`dashboard.mcda.sensitivity.smaa` for a problem and sampling settings."""
    key = json.dumps(settings.as_dict(), sort_keys=True)
    return _smaa(problem.key, key, problem, settings)


# --- reports and presentation -------------------------------------------------------------------
# The report content (texts, tables, figures) of one view, built once per weighting, overstap
# settings, data folder and day; the Presentatie page and its PDF/PowerPoint downloads share it.
@st.cache_data(show_spinner="Presentatie voorbereiden…", max_entries=16)
def _report_content(folder: str, day: str, spec_json: str) -> ReportContent:
    from dashboard.presentation.reports.content import ReportInput, build_report_content

    spec = json.loads(spec_json)
    sampling = spec.pop("sampling")  # validated before it was encoded
    spec["sampling"] = SamplingSettings(
        **{**sampling, "group_ranking": tuple(sampling["group_ranking"])}
    )
    return build_report_content(ReportInput(**spec, date=dt.date.fromisoformat(day)))


def report_content(
    problem_config: dict,
    overstap: dict,
    scenario_name: str = "",
    sampling: SamplingSettings | None = None,
) -> ReportContent:
    """The report content of the current view (cached; figures must not be changed), with the
    robustness sampling of the Robuustheid page."""
    spec = {
        "problem_config": problem_config,
        "overstap": overstap,
        "scenario_name": scenario_name,
        "sampling": (sampling or SamplingSettings()).as_dict(),
    }
    return _report_content(
        data_dir_key(), dt.date.today().isoformat(), json.dumps(spec, sort_keys=True, default=str)
    )


# --- scenario store -----------------------------------------------------------------------------
@st.cache_resource(show_spinner=False)
def _scenario_store(url: str) -> ScenarioStore:
    from dashboard.scenarios.store import (
        INTERACTIVE_ATTEMPTS,
        INTERACTIVE_BUSY_TIMEOUT_S,
        ScenarioStore,
    )

    # a user waits seconds, not minutes, before reading that the database is busy
    return ScenarioStore(
        url, busy_timeout=INTERACTIVE_BUSY_TIMEOUT_S, attempts=INTERACTIVE_ATTEMPTS
    )


def scenario_store() -> ScenarioStore:
    """The shared scenario store of this server process (one engine and pool per database URL).

    Raises :class:`~dashboard.core.errors.StorageError` when the database is unusable; that is not
    cached, so the next run tries again (for example after the administrator fixed the file).
    """
    return _scenario_store(database_url())


# --- pendel (CBS 81251NED) ------------------------------------------------------------------
# cache_resource: the results are frozen and hold read-only mappings, which cannot be pickled.
@st.cache_resource(show_spinner=False)
def _pendel_data(folder: str) -> PendelData:
    return load_pendel_in_use()


def pendel_data() -> PendelData:
    """The embedded pendel figures (December 2006–2014) and the Decembers downloaded into the
    data folder in use."""
    return _pendel_data(data_dir_key())


@st.cache_resource(show_spinner=False, max_entries=256)
def _pendel_gemeente(
    folder: str, gemeente: str, candidate: str | None, year: int | None
) -> GemeentePendel:
    return gemeente_pendel(pendel_data(), region_index(), gemeente, candidate=candidate, year=year)


def pendel_gemeente(
    gemeente: str, candidate: str | None = None, year: int | None = None
) -> GemeentePendel:
    """Where the residents of ``gemeente`` work (raises DashboardError)."""
    return _pendel_gemeente(data_dir_key(), gemeente, candidate, year)


@st.cache_resource(show_spinner=False, max_entries=256)
def _pendel_trend(folder: str, gemeente: str, candidate: str | None) -> GemeenteTrend:
    return gemeente_trend(pendel_data(), region_index(), gemeente, candidate=candidate)


def pendel_trend(gemeente: str, candidate: str | None = None) -> GemeenteTrend:
    return _pendel_trend(data_dir_key(), gemeente, candidate)


@st.cache_resource(show_spinner=False, max_entries=32)
def _pendel_inside(folder: str, year: int | None) -> InsideShares:
    return inside_shares(pendel_data(), region_index(), year=year)


def pendel_inside(year: int | None = None) -> InsideShares:
    """The inside share of all 35 regions."""
    return _pendel_inside(data_dir_key(), year)


@st.cache_resource(show_spinner=False, max_entries=16)
def _pendel_region_trend(folder: str, codes: tuple[str, ...]) -> RegionTrend:
    return region_trend(pendel_data(), region_index(), codes)


def pendel_region_trend(codes: tuple[str, ...]) -> RegionTrend:
    """The inside share of ``codes`` for every December."""
    return _pendel_region_trend(data_dir_key(), tuple(codes))


@st.cache_resource(show_spinner=False, max_entries=16)
def _pendel_elsewhere(folder: str, year: int | None) -> tuple[Outward, ...]:
    return work_elsewhere(pendel_data(), region_index(), year=year)


def pendel_elsewhere(year: int | None = None) -> tuple[Outward, ...]:
    """Gemeenten whose residents work more in another region than in their own."""
    return _pendel_elsewhere(data_dir_key(), year)


@st.cache_resource(show_spinner=False, max_entries=256)
def _pendel_overstap(folder: str, gemeente: str, naar: str, year: int | None) -> OverstapPendel:
    return overstap_pendel(pendel_data(), region_index(), gemeente, naar, year=year)


def pendel_overstap(gemeente: str, naar: str, year: int | None = None) -> OverstapPendel:
    """Both regions' inside shares before and after moving ``gemeente`` to ``naar``."""
    return _pendel_overstap(data_dir_key(), gemeente, naar, year)


@st.cache_data(show_spinner=False, max_entries=16)
def _pendel_map(folder: str, year: int | None) -> str:
    shares = _pendel_inside(folder, year)
    values = pd.Series({c: (None if s is None else 100 * s) for c, s in shares.values().items()})
    spec = region_map_spec(
        _map_layers(folder, DEFAULT_YEAR),
        values.astype(float),
        indicator_label="Banen van inwoners binnen de eigen regio",
        unit="% binnen de regio",
        decimals=1,
    )
    return render.svg(spec)


def pendel_map(year: int | None = None) -> str:
    """The 35 regions coloured by their inside share, as SVG."""
    return _pendel_map(data_dir_key(), year)
