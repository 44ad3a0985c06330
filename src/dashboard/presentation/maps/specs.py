"""The maps as Vega-Lite specifications (page, PDF and slides): the region map, its legend, the
membership map of the comparison and the overstap."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

if TYPE_CHECKING:  # pydeck loads only when the free-zoom map is built
    pass
from dashboard.presentation.maps.layers import (
    GEMEENTE_HIGHLIGHT,
    HIGHLIGHT_COLOURS,
    MISSING_COLOUR,
    RAMP,
    MapLayers,
)
from dashboard.presentation.maps.text import region_details
from dashboard.region.settings import CASE

# --- Vega-Lite maps (page, PDF and slides) ---------------------------------------------------
#: Fonts the server and the browser both have; vl-convert falls back to its own sans-serif.
FONT = "Source Sans Pro, DejaVu Sans, Arial, sans-serif"


def _features(
    geojson: dict, codes: Sequence[str] | None = None, **extra: Mapping[str, Any]
) -> list:
    """GeoJSON features (optionally only ``codes``, in that order), extra properties per code."""
    by_code = {f["id"]: f for f in geojson["features"]}
    wanted = list(codes) if codes is not None else list(by_code)
    out = []
    for code in wanted:
        feature = by_code.get(code)
        if feature is None:
            continue
        props = {"code": code, **{k: v.get(code) for k, v in extra.items()}}
        out.append({"type": "Feature", "geometry": feature["geometry"], "properties": props})
    return out


def _geo_layer(features: list, mark: dict, encoding: dict | None = None) -> dict:
    layer: dict[str, Any] = {
        "data": {"values": features},
        "mark": {"type": "geoshape", "clip": True, **mark},
    }
    if encoding:
        layer["encoding"] = encoding
    return layer


def _highlight_layer(
    layers: MapLayers, highlight_regions: Sequence[str], highlight_gemeenten: Sequence[str]
) -> dict | None:
    """Thick outlines of the highlighted regions and gemeenten, with their own legend."""
    labels: dict[str, str] = {}
    colours: list[str] = []
    geojson_of: dict[str, dict] = {}
    regions = [c for c in highlight_regions if c in layers.region_outlines]
    gemeenten = [c for c in highlight_gemeenten if c in layers.gemeente_outlines]
    for i, code in enumerate(regions):
        labels[code] = f"{layers.names.get(code, code)} ({code})"
        colours.append(HIGHLIGHT_COLOURS[i % len(HIGHLIGHT_COLOURS)])
        geojson_of[code] = layers.regions_geojson
    for code in gemeenten:
        labels[code] = f"{layers.names.get(code, code)} (gemeente)"
        colours.append(GEMEENTE_HIGHLIGHT)
        geojson_of[code] = layers.gemeenten_geojson
    if not labels:
        return None
    features = []
    for code, label in labels.items():
        features += _features(geojson_of[code], [code], label={code: label})
    return _geo_layer(
        features,
        {"filled": False, "strokeWidth": 3},
        {
            "stroke": {
                "field": "properties.label",
                "type": "nominal",
                "title": "Uitgelicht",
                "scale": {"domain": list(labels.values()), "range": colours},
                "legend": {"orient": "top-left", "symbolType": "square", "labelLimit": 260},
            }
        },
    )


def region_map_spec(
    layers: MapLayers,
    values: pd.Series,
    *,
    indicator_label: str,
    unit: str,
    decimals: int = 0,
    hover: pd.DataFrame | None = None,
    details: Mapping[str, Sequence[str]] | None = None,
    show_gemeenten: bool = False,
    highlight_regions: Sequence[str] = CASE.regions,
    highlight_gemeenten: Sequence[str] = (CASE.gemeente,),
    zoom_to: Sequence[str] = (),
    clickable: bool = False,
    width: int = 560,
    height: int = 640,
) -> dict:
    """Vega-Lite specification of the regions coloured by ``values`` (index: region code).

    Parameters
    ----------
    values
        Indicator value per region code; NaN is drawn grey and described as "niet beschikbaar".
    hover
        Optional frame indexed by region code with columns ``name``, ``centrumgemeente``,
        ``n_gemeenten``, ``inwoners``: the lines shown when hovering (:func:`region_details`).
    details
        Those lines when the caller has them already (``hover`` is then not read).
    zoom_to
        Region or gemeente codes the view is fitted to (all of the Netherlands when empty).
    clickable
        Mark every region so the page can tell which one was clicked (:func:`mark_regions`).
    """
    codes = list(layers.region_outlines)
    finite = values.replace([np.inf, -np.inf], np.nan)
    value_of = {c: (None if pd.isna(finite.get(c)) else float(finite[c])) for c in codes}
    if details is None:
        details = region_details(layers, values, indicator_label=indicator_label, unit=unit,
                                 decimals=decimals, hover=hover)  # fmt: skip
    regions = _features(
        layers.regions_geojson,
        codes,
        waarde=value_of,
        tekst={c: "; ".join(lines) for c, lines in details.items()},
        href={c: f"#{c}" for c in codes} if clickable else {},
    )
    fmt = ",.0f" if decimals == 0 else f",.{decimals}f"
    encoding: dict[str, Any] = {
        "color": {
            "condition": {"test": "datum.properties.waarde === null", "value": MISSING_COLOUR},
            "field": "properties.waarde",
            "type": "quantitative",
            "title": unit,
            "scale": {"range": list(RAMP), "interpolate": "rgb"},
            "legend": {"orient": "top-left", "format": fmt, "gradientLength": 160},
        },
        # the accessible name of each region in the SVG (read aloud, shown on hover)
        "description": {"field": "properties.tekst"},
    }
    if clickable:
        encoding["href"] = {"field": "properties.href"}
    chart_layers = [
        # invalid "show": a region without a figure stays on the map (grey), not filtered out
        _geo_layer(regions, {"stroke": "#3A3A3A", "strokeWidth": 0.8, "invalid": "show"}, encoding),
    ]
    if show_gemeenten:
        chart_layers.append(
            _geo_layer(
                _features(layers.gemeenten_geojson),
                {"filled": False, "stroke": "#FFFFFF", "strokeWidth": 0.4},
            )
        )
        chart_layers.append(
            _geo_layer(
                _features(layers.regions_geojson, codes),
                {"filled": False, "stroke": "#3A3A3A", "strokeWidth": 1},
            )
        )
    highlight = _highlight_layer(layers, highlight_regions, highlight_gemeenten)
    if highlight is not None:
        chart_layers.append(highlight)
    projection: dict[str, Any] = {"type": "mercator"}
    boxes = [layers.bounds[c] for c in zoom_to if c in layers.bounds]
    if boxes:
        # Fit a margin around the chosen areas (corners as points: no polygon winding issues),
        # with room at the top for the legends.
        lo_lon, lo_lat = min(b[0] for b in boxes), min(b[1] for b in boxes)
        hi_lon, hi_lat = max(b[2] for b in boxes), max(b[3] for b in boxes)
        pad_lon = max(hi_lon - lo_lon, 0.05) * 0.12
        pad_lat = max(hi_lat - lo_lat, 0.03) * 0.12
        corners = [[lo_lon - pad_lon, lo_lat - pad_lat], [hi_lon + pad_lon, hi_lat + pad_lat * 4]]
        projection["fit"] = {
            "type": "Feature",
            "properties": {},
            "geometry": {"type": "MultiPoint", "coordinates": corners},
        }
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v6.json",
        "width": width,
        "height": height,
        "projection": projection,
        "layer": chart_layers,
        "config": {
            "view": {"stroke": None},
            "font": FONT,
            "legend": {"labelFontSize": 12, "titleFontSize": 12, "fillColor": "#FFFFFFD9",
                       "padding": 6},
        },
    }  # fmt: skip


def legend_spec(
    layers: MapLayers,
    values: pd.Series,
    *,
    unit: str,
    decimals: int = 0,
    highlight_regions: Sequence[str] = CASE.regions,
    highlight_gemeenten: Sequence[str] = (CASE.gemeente,),
) -> dict:
    """Only the legends of :func:`region_map_spec` (for the free-zoom map, which has none)."""
    finite = values.replace([np.inf, -np.inf], np.nan).dropna()
    lo, hi = (float(finite.min()), float(finite.max())) if len(finite) else (0.0, 1.0)
    fmt = ",.0f" if decimals == 0 else f",.{decimals}f"
    spec = region_map_spec(
        layers,
        values,
        indicator_label=unit,
        unit=unit,
        decimals=decimals,
        highlight_regions=highlight_regions,
        highlight_gemeenten=highlight_gemeenten,
    )
    legend_layers: list[dict] = [
        {
            "data": {"values": [{"waarde": lo}, {"waarde": hi}]},
            "mark": {"type": "point", "opacity": 0},
            "encoding": {
                "color": {
                    "field": "waarde",
                    "type": "quantitative",
                    "title": unit,
                    "scale": {"range": list(RAMP), "interpolate": "rgb"},
                    "legend": {"orient": "left", "format": fmt, "direction": "horizontal",
                               "gradientLength": 160, "gradientOpacity": 1},
                }
            },
        }
    ]  # fmt: skip
    highlight = spec["layer"][-1] if len(spec["layer"]) > 1 else None
    if highlight is not None:
        stroke = dict(
            highlight["encoding"]["stroke"],
            legend={"orient": "right", "symbolOpacity": 1, "labelLimit": 260},
        )
        legend_layers.append(
            {
                "data": {"values": [{"label": d} for d in stroke["scale"]["domain"]]},
                "mark": {"type": "point", "opacity": 0, "shape": "square"},
                "encoding": {"stroke": dict(stroke, field="label")},
            }
        )
    return {
        "$schema": spec["$schema"],
        "width": 1,
        "height": 1,
        "layer": legend_layers,
        "config": {**spec["config"], "axis": {"disable": True}},
    }


def membership_map_spec(
    layers: MapLayers,
    membership: Mapping[str, str],
    region_codes: Sequence[str],
    *,
    marked_gemeente: str | None = None,
    region_labels: Mapping[str, str] | None = None,
    width: int = 620,
    height: int = 560,
) -> dict:
    """Vega-Lite map of the gemeenten of ``region_codes`` coloured by their region in
    ``membership`` (pass a changed membership to show an overstap); ``marked_gemeente`` gets a
    thick black outline and its own legend entry.

    The pages show it as a picture (SVG); the PDF and the slides draw the same specification
    natively (vector paths, PowerPoint shapes).
    """
    labels = {
        r: (region_labels or {}).get(r, f"{layers.names.get(r, r)} ({r})") for r in region_codes
    }
    shown = [g for g, r in membership.items() if r in labels and g in layers.gemeente_outlines]
    features = _features(
        layers.gemeenten_geojson,
        shown,
        regio={g: labels[membership[g]] for g in shown},
        naam={g: layers.names.get(g, g) for g in shown},
    )
    domain = list(labels.values())
    colours = [HIGHLIGHT_COLOURS[i % len(HIGHLIGHT_COLOURS)] for i in range(len(domain))]
    chart_layers = [
        _geo_layer(
            features,
            {"stroke": "#FFFFFF", "strokeWidth": 0.8, "fillOpacity": 0.8},
            {
                "color": {
                    "field": "properties.regio",
                    "type": "nominal",
                    "title": None,
                    "scale": {"domain": domain, "range": colours},
                    "legend": {"orient": "top-left", "labelLimit": 320},
                },
                "description": {"field": "properties.naam"},
            },
        )
    ]
    if marked_gemeente and marked_gemeente in layers.gemeente_outlines:
        marked = layers.names.get(marked_gemeente, marked_gemeente)
        chart_layers.append(
            _geo_layer(
                _features(
                    layers.gemeenten_geojson, [marked_gemeente], naam={marked_gemeente: marked}
                ),
                {"filled": False, "strokeWidth": 3.5},
                {
                    # its own legend entry: the outline is explained on the map itself
                    "stroke": {
                        "field": "properties.naam",
                        "type": "nominal",
                        "title": None,
                        "scale": {"domain": [marked], "range": [GEMEENTE_HIGHLIGHT]},
                        "legend": {
                            "orient": "top-left",
                            "symbolType": "square",
                            "symbolFillColor": "transparent",
                            "symbolStrokeWidth": 3,
                        },
                    },
                    "description": {"field": "properties.naam"},
                },
            )
        )
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v6.json",
        "width": width,
        "height": height,
        "projection": {"type": "mercator"},
        "layer": chart_layers,
        "config": {"view": {"stroke": None}, "font": FONT,
                   "legend": {"labelFontSize": 13, "fillColor": "#FFFFFFD9", "padding": 6,
                              # the outline's entry under the regions', not beside them
                              "layout": {"top-left": {"direction": "vertical"}}}},
    }  # fmt: skip


def legends_beside(spec: dict) -> dict:
    """The same map with its legends to the right of it instead of on it.

    For a map shown small (a presentation step, a slide, the PDF): draw it at about its shown
    size with this, and the legends' type stays readable instead of being scaled down with a
    large drawing. Beside the map they cover nothing of it.
    """

    # new dicts along the paths that change; the geometry and the data stay shared (copying
    # them took longer than drawing the map)
    def beside(channel: Any) -> Any:
        if isinstance(channel, dict) and isinstance(channel.get("legend"), dict):
            return {**channel, "legend": {**channel["legend"], "orient": "right"}}
        return channel

    out = {**spec}
    if "layer" in spec:
        out["layer"] = [
            {**layer, "encoding": {k: beside(c) for k, c in layer["encoding"].items()}}
            if isinstance(layer.get("encoding"), dict)
            else layer
            for layer in spec["layer"]
        ]
    config = out["config"] = {**spec.get("config", {})}
    legend = config["legend"] = {**config.get("legend", {})}
    legend.pop("layout", None)  # the layout of legends on the map
    legend["fillColor"] = None  # no white box needed off the map
    legend["labelFontSize"] = legend["titleFontSize"] = 14  # as the presentation's captions
    return out
