"""Map builders: pure functions, tested without a browser."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from dashboard.maps import (
    build_map_layers,
    figure_bytes,
    map_text_alternative,
    membership_map_figure,
    region_deck,
    region_map_figure,
    view_for,
)
from dashboard.regions import load_region_index


@pytest.fixture(scope="module")
def layers(cbs_dir: Path):
    return build_map_layers(2025, cbs_dir)


@pytest.fixture(scope="module")
def index(cbs_dir: Path):
    return load_region_index(2025, cbs_dir)


def values_for(index, missing: tuple[str, ...] = ()) -> pd.Series:
    codes = index.region_codes()
    values = pd.Series(np.arange(len(codes), dtype=float) * 1000, index=codes)
    values[list(missing)] = np.nan
    return values


def test_layers_cover_all_areas_and_stay_small(layers) -> None:
    assert len(layers.regions_geojson["features"]) == 35
    assert len(layers.gemeenten_geojson["features"]) == 342
    assert len(json.dumps(layers.gemeenten_geojson, separators=(",", ":"))) <= 300_000
    assert {f["id"] for f in layers.regions_geojson["features"]} == set(layers.region_outlines)


def test_region_map_is_offline_and_highlights_the_defaults(layers, index) -> None:
    fig = region_map_figure(layers, values_for(index), indicator_label="Inwoners", unit="inw")
    assert fig.layout.map.style == "white-bg"
    names = [t.name for t in fig.data]
    assert "Zuid-Holland Centraal (AM34)" in names
    assert "Holland Rijnland (AM19)" in names
    assert "Voorschoten (gemeente)" in names
    assert not any(getattr(t, "mode", None) == "text" for t in fig.data)  # no web fonts needed
    assert figure_bytes(fig) <= 300_000


def test_region_map_with_gemeente_borders_stays_under_300_kb(layers, index) -> None:
    fig = region_map_figure(
        layers,
        values_for(index),
        indicator_label="Inwoners",
        unit="inw",
        show_gemeenten=True,
        gemeente_regions=index.membership(),
    )
    assert figure_bytes(fig) <= 300_000
    choropleth = fig.data[0]
    assert len(choropleth.locations) == 342


def test_missing_values_are_hovered_as_not_available(layers, index) -> None:
    fig = region_map_figure(
        layers, values_for(index, ("AM34",)), indicator_label="Huishoudens", unit="hh"
    )
    choropleth = fig.data[0]
    text = dict(zip(choropleth.locations, choropleth.hovertext, strict=True))["AM34"]
    assert "niet beschikbaar" in text


def test_membership_map_marks_the_moved_gemeente(layers, index) -> None:
    moved = index.membership()
    moved["GM0626"] = "AM19"
    fig = membership_map_figure(layers, moved, ["AM34", "AM19"], marked_gemeente="GM0626")
    choropleth = fig.data[0]
    assert len(choropleth.locations) == 5 + 13
    assert "Voorschoten" in [t.name for t in fig.data]
    assert figure_bytes(fig) < 100_000  # only the two regions' gemeenten are sent


def test_view_fits_the_requested_regions(layers) -> None:
    whole = view_for(layers, [])
    zhc = view_for(layers, ["AM34"])
    assert zhc["zoom"] > whole["zoom"]
    assert 51.9 < zhc["center"]["lat"] < 52.2


def test_deck_has_choropleth_and_highlight_outlines(layers, index) -> None:
    deck = region_deck(layers, values_for(index), indicator_label="Inwoners")
    kinds = [layer.type for layer in deck.layers]
    assert kinds[0] == "GeoJsonLayer" and "PathLayer" in kinds
    assert deck.map_style is None or deck.map_style == ""


def test_text_alternative_names_extremes_and_highlights(layers, index) -> None:
    text = map_text_alternative(
        values_for(index, ("AM01",)),
        layers.names,
        indicator_label="Inwoners",
        unit="inw",
        highlight_regions=("AM34",),
    )
    assert text.startswith("Kaart van 35 arbeidsmarktregio's")
    assert "Hoogst:" in text and "Laagst:" in text and "Zuid-Holland Centraal" in text
    assert "Niet beschikbaar voor 1 regio" in text
