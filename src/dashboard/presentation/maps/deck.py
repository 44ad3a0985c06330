"""The "Vrij zoomen" map: a pydeck view of the same choropleth (WebGL, no base map)."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from dashboard.core.formatting import fmt_indicator

if TYPE_CHECKING:  # pydeck loads only when the free-zoom map is built
    import pydeck as pdk
from dashboard.presentation.maps.layers import (
    GEMEENTE_HIGHLIGHT,
    HIGHLIGHT_COLOURS,
    MISSING_COLOUR,
    RAMP,
    REGION_LAYER_ID,
    MapLayers,
    view_for,
)
from dashboard.region.settings import CASE


def _hex_rgb(colour: str) -> list[int]:
    return [int(colour[i : i + 2], 16) for i in (1, 3, 5)]


def _rgb(value: float, lo: float, hi: float) -> list[int]:
    """The colour of ``value`` on :data:`RAMP` (the same as the SVG map and its legend)."""
    if value is None or np.isnan(value):
        return [*_hex_rgb(MISSING_COLOUR), 230]
    t = 0.5 if hi <= lo else min(max((value - lo) / (hi - lo), 0.0), 1.0)
    # piecewise linear between the stops, as Vega interpolates a range of several colours
    pos = t * (len(RAMP) - 1)
    i = min(int(pos), len(RAMP) - 2)
    start, end = np.array(_hex_rgb(RAMP[i])), np.array(_hex_rgb(RAMP[i + 1]))
    return [*np.round(start + (end - start) * (pos - i)).astype(int).tolist(), 230]


def region_deck(
    layers: MapLayers,
    values: pd.Series,
    *,
    indicator_label: str,
    unit: str = "",
    decimals: int = 0,
    details: Mapping[str, Sequence[str]] | None = None,
    show_gemeenten: bool = False,
    highlight_regions: Sequence[str] = CASE.regions,
    highlight_gemeenten: Sequence[str] = (CASE.gemeente,),
    zoom_to: Sequence[str] = (),
) -> pdk.Deck:
    """A pydeck view of the same choropleth for free zooming (no base map: works offline),
    with the same highlighted outlines as :func:`region_map_spec`.

    ``details``: per region the lines shown on hover (:func:`region_details`, as the SVG map's
    regions are named); without them the region's name and its figure.
    """
    import pydeck as pdk

    finite = values.replace([np.inf, -np.inf], np.nan).dropna()
    lo, hi = (float(finite.min()), float(finite.max())) if len(finite) else (0.0, 1.0)
    regions = json.loads(json.dumps(layers.regions_geojson))
    for feature in regions["features"]:
        code = feature["id"]
        value = values.get(code, np.nan)
        lines = (details or {}).get(code) or [
            f"{feature['properties']['name']} ({code})",
            f"{indicator_label}: {fmt_indicator(value, unit, decimals, with_unit=True)}",
        ]
        feature["properties"].update(fill=_rgb(value, lo, hi), tekst="\n".join(lines))
    deck_layers = [
        pdk.Layer(
            "GeoJsonLayer",
            regions,
            id=REGION_LAYER_ID,
            pickable=True,
            stroked=True,
            filled=True,
            get_fill_color="properties.fill",
            get_line_color=[60, 60, 60],
            line_width_min_pixels=1,
        )
    ]
    if show_gemeenten:
        deck_layers.append(
            pdk.Layer(
                "GeoJsonLayer",
                layers.gemeenten_geojson,
                stroked=True,
                filled=False,
                get_line_color=[255, 255, 255],
                line_width_min_pixels=0.5,
            )
        )
    paths = []
    for i, code in enumerate(c for c in highlight_regions if c in layers.region_outlines):
        paths += _paths(
            layers.region_outlines[code], HIGHLIGHT_COLOURS[i % len(HIGHLIGHT_COLOURS)], 4
        )
    for code in (c for c in highlight_gemeenten if c in layers.gemeente_outlines):
        paths += _paths(layers.gemeente_outlines[code], GEMEENTE_HIGHLIGHT, 3)
    if paths:
        deck_layers.append(
            pdk.Layer(
                "PathLayer",
                paths,
                get_path="path",
                get_color="color",
                get_width="width",
                # quoted: pydeck turns a bare string into an expression ("@@=pixels"), which
                # deck.gl does not know as a unit: the outlines then grow with the zoom level
                width_units="'pixels'",
                joint_rounded=True,
                cap_rounded=True,
            )
        )
    view = view_for(layers, zoom_to)
    return pdk.Deck(
        layers=deck_layers,
        initial_view_state=pdk.ViewState(
            longitude=view["center"]["lon"],
            latitude=view["center"]["lat"],
            zoom=max(view["zoom"] - 0.6, 5),
            pitch=0,
        ),
        # No background map: nothing may be fetched from outside the server. With
        # ``map_style=None`` Streamlit's deck.gl chart falls back to a CARTO basemap from
        # basemaps.cartocdn.com; without a map provider pydeck keeps its own "no style" marker,
        # which Streamlit drops without a replacement.
        map_provider=None,
        tooltip={"text": "{tekst}"},
    )


def _paths(outline: tuple[tuple, tuple], colour: str, width: int) -> list[dict]:
    """Split an outline (rings separated by None) into pydeck PathLayer records."""
    rgb = _hex_rgb(colour)
    rings: list[dict] = []
    ring: list[list[float]] = []
    for lon, lat in zip(*outline, strict=True):
        if lon is None or lat is None:
            if ring:
                rings.append({"path": ring, "color": rgb, "width": width})
            ring = []
        else:
            ring.append([lon, lat])
    if ring:
        rings.append({"path": ring, "color": rgb, "width": width})
    return rings
