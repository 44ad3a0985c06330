"""Map builders: pure functions returning Vega-Lite specifications or pydeck decks.

Geometry is simplified and rounded once (:func:`build_map_layers`, cached per file version) and
then reused for every map. The region map is a Vega-Lite specification (:func:`region_map_spec`):
the server draws it as SVG for the page (as fast as text, no WebGL, no map tiles) and the same
specification gives the PDF's vector image and the slides' PNG; so does the membership map
(:func:`membership_map_spec`) of the region comparison and the overstap. Only "Vrij zoomen" uses
WebGL (pydeck, no base map: no internet tiles needed in a meeting room).
"""

from __future__ import annotations

import copy
import json
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from dashboard.core.config import DEFAULT_YEAR, data_dir
from dashboard.core.formatting import NIET_BESCHIKBAAR, fmt_indicator, fmt_int
from dashboard.data import derived_cache
from dashboard.data.cbs import find_layer_file, read_layer

if TYPE_CHECKING:  # pydeck loads only when the free-zoom map is built
    import pydeck as pdk
from dashboard.region.settings import CASE

#: Okabe–Ito colours (colour-blind safe) for highlighted regions, in order.
HIGHLIGHT_COLOURS = ("#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9")
GEMEENTE_HIGHLIGHT = "#000000"
#: Light to dark blue, interpolated in RGB: the SVG map, its legend and the free-zoom map agree.
RAMP = ("#DEEBF7", "#6BAED6", "#08306B")
#: Grey for regions without a figure ("niet beschikbaar").
MISSING_COLOUR = "#C8C8C8"
#: The free-zoom map's layer of regions: a click on it names the region (its feature's ``id``).
REGION_LAYER_ID = "regios"


@dataclass(frozen=True)
class MapLayers:
    """Simplified, rounded map geometry (EPSG:4326) for one year."""

    year: int
    regions_geojson: dict
    gemeenten_geojson: dict
    #: region code -> (lons, lats) of its outline, rings separated by None
    region_outlines: Mapping[str, tuple[tuple, tuple]]
    gemeente_outlines: Mapping[str, tuple[tuple, tuple]]
    #: code -> (lon, lat) of a point inside the polygon (for labels)
    label_points: Mapping[str, tuple[float, float]]
    #: code -> (min lon, min lat, max lon, max lat)
    bounds: Mapping[str, tuple[float, float, float, float]]
    names: Mapping[str, str]


def _outline(geom: Any) -> tuple[tuple, tuple]:
    import shapely

    lons: list[float | None] = []
    lats: list[float | None] = []
    for poly in shapely.get_parts(geom):
        if poly.geom_type != "Polygon":
            continue
        for ring in (poly.exterior, *poly.interiors):
            xs, ys = ring.coords.xy
            lons.extend(round(x, 4) for x in xs)
            lats.extend(round(y, 4) for y in ys)
            lons.append(None)
            lats.append(None)
    return tuple(lons), tuple(lats)


def build_map_layers(year: int = DEFAULT_YEAR, folder: Path | str | None = None) -> MapLayers:
    """Read, simplify and round the region and gemeente layers (cached per file version)."""
    base = Path(folder) if folder is not None else data_dir()
    stamps = tuple(
        (str(p), p.stat().st_mtime_ns, p.stat().st_size)
        for p in (
            find_layer_file("arbeidsmarktregio", year, base),
            find_layer_file("gemeente", year, base),
        )
    )
    return _build(year, str(base), stamps)


@lru_cache(maxsize=4)
def _build(year: int, folder: str, stamps: tuple) -> MapLayers:
    cached = derived_cache.load("kaartlagen", [year, stamps])
    if cached is None:
        cached = _derive(year, folder)
        derived_cache.store("kaartlagen", [year, stamps], cached)

    def pairs(mapping: dict) -> dict:
        return {k: tuple(tuple(part) for part in v) for k, v in mapping.items()}

    return MapLayers(
        year=year,
        regions_geojson=cached["regions_geojson"],
        gemeenten_geojson=cached["gemeenten_geojson"],
        region_outlines=pairs(cached["region_outlines"]),
        gemeente_outlines=pairs(cached["gemeente_outlines"]),
        label_points={k: (v[0], v[1]) for k, v in cached["label_points"].items()},
        bounds={k: (v[0], v[1], v[2], v[3]) for k, v in cached["bounds"].items()},
        names=cached["names"],
    )


def _derive(year: int, folder: str) -> dict:
    """Simplify and round the layers (needs geopandas; the result is cached on disk)."""
    from dashboard.data.geo import RD_NEW, make_valid, simplify_for_map, to_geojson

    regions = simplify_for_map(read_layer("arbeidsmarktregio", year, folder))
    gemeenten = simplify_for_map(read_layer("gemeente", year, folder))
    label_points: dict[str, list[float]] = {}
    bounds: dict[str, list[float]] = {}
    for frame in (regions, gemeenten):
        rd_points = make_valid(frame.to_crs(RD_NEW)).representative_point().to_crs("EPSG:4326")
        for code, point, geom in zip(frame["code"], rd_points, frame.geometry, strict=True):
            label_points[code] = [round(point.x, 4), round(point.y, 4)]
            bounds[code] = [round(v, 4) for v in geom.bounds]
    return {
        "regions_geojson": to_geojson(regions),
        "gemeenten_geojson": to_geojson(gemeenten),
        "region_outlines": {
            c: _outline(g) for c, g in zip(regions["code"], regions.geometry, strict=True)
        },
        "gemeente_outlines": {
            c: _outline(g) for c, g in zip(gemeenten["code"], gemeenten.geometry, strict=True)
        },
        "label_points": label_points,
        "bounds": bounds,
        "names": {
            **dict(zip(regions["code"], regions["name"], strict=True)),
            **dict(zip(gemeenten["code"], gemeenten["name"], strict=True)),
        },
    }


def view_for(
    layers: MapLayers, codes: Sequence[str], width_px: int = 900, height_px: int = 620
) -> dict:
    """Map centre and zoom that fit the given regions or gemeenten (all of NL when empty)."""
    boxes = [layers.bounds[c] for c in codes if c in layers.bounds] or list(layers.bounds.values())
    min_lon = min(b[0] for b in boxes)
    min_lat = min(b[1] for b in boxes)
    max_lon = max(b[2] for b in boxes)
    max_lat = max(b[3] for b in boxes)
    lon_span = max(max_lon - min_lon, 0.02) * 1.15
    # Web Mercator: latitude span stretched by 1/cos(lat).
    mid_lat = (min_lat + max_lat) / 2
    lat_span = max(max_lat - min_lat, 0.02) * 1.15 / math.cos(math.radians(mid_lat))
    zoom = min(
        math.log2(360 * width_px / 512 / lon_span), math.log2(360 * height_px / 512 / lat_span)
    )
    return {"center": {"lon": (min_lon + max_lon) / 2, "lat": mid_lat}, "zoom": round(zoom, 2)}


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

    The pages show it as a picture (SVG), the PDF as vector graphics and the slides as PNG.
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
    out = copy.deepcopy(spec)
    for layer in out.get("layer", []):
        for channel in layer.get("encoding", {}).values():
            if isinstance(channel, dict) and isinstance(channel.get("legend"), dict):
                channel["legend"]["orient"] = "right"
    legend = out.setdefault("config", {}).setdefault("legend", {})
    legend.pop("layout", None)  # the layout of legends on the map
    legend["fillColor"] = None  # no white box needed off the map
    legend["labelFontSize"] = legend["titleFontSize"] = 14  # as the presentation's captions
    return out


def region_details(
    layers: MapLayers,
    values: pd.Series,
    *,
    indicator_label: str,
    unit: str,
    decimals: int = 0,
    hover: pd.DataFrame | None = None,
) -> dict[str, list[str]]:
    """Per region code the lines shown when hovering over it (and read by screen readers)."""
    hover = hover if hover is not None else pd.DataFrame(index=values.index)
    out: dict[str, list[str]] = {}
    for code in layers.region_outlines:
        row = hover.loc[code] if code in hover.index else pd.Series(dtype=object)
        value = values.get(code, np.nan)
        lines = [f"{row.get('name', layers.names.get(code, code))} ({code})"]
        if "centrumgemeente" in row:
            lines.append(f"Centrumgemeente: {row['centrumgemeente']}")
        if "n_gemeenten" in row:
            lines.append(f"Gemeenten: {fmt_int(row['n_gemeenten'])}")
        if "inwoners" in row and indicator_label.lower() != "inwoners":  # not the same line twice
            lines.append(f"Inwoners: {fmt_int(row['inwoners'])}")
        lines.append(f"{indicator_label}: {fmt_indicator(value, unit, decimals, with_unit=True)}")
        out[code] = lines
    return out


_HREF = re.compile(r'<a xlink:href="[^"#]*#([A-Za-z0-9]+)"[^>]*>')


_PATH_DATA = re.compile(r' d="([^"]*)"')
_LONG_DECIMAL = re.compile(r"\d+\.\d{2,}")


def _tenths(path_data: str) -> str:
    return _LONG_DECIMAL.sub(lambda n: f"{float(n.group()):.1f}", path_data)


def mark_regions(svg: str) -> str:
    """Turn Vega's links around the regions (``href`` ``#AM34``) into ``data-code`` groups.

    The page reads the code of a clicked region from ``data-code``; without links nothing in the
    SVG navigates away, and no link without text reaches a screen reader. Outlines are written to
    a tenth of a pixel (Vega writes thousandths): a fifth less to send, and no visible change.
    """
    svg = _HREF.sub(lambda m: f'<g data-code="{m.group(1)}">', svg)
    svg = _PATH_DATA.sub(lambda m: f' d="{_tenths(m.group(1))}"', svg)
    return svg.replace("</a>", "</g>")


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


def map_text_alternative(
    values: pd.Series,
    names: Mapping[str, str],
    *,
    indicator_label: str,
    unit: str,
    decimals: int = 0,
    highlight_regions: Sequence[str] = (),
) -> str:
    """A sentence describing the choropleth for screen readers and print."""
    finite = values.dropna().sort_values(ascending=False)
    if finite.empty:
        return f"Kaart van de arbeidsmarktregio's: {indicator_label} is {NIET_BESCHIKBAAR}."

    def item(code: str) -> str:
        shown = fmt_indicator(values[code], unit, decimals, with_unit=True)
        return f"{names.get(code, code)} ({shown})"

    parts = [
        f"Kaart van {len(values)} arbeidsmarktregio's, gekleurd naar {indicator_label.lower()}.",
        "Hoogst: " + ", ".join(item(c) for c in finite.index[:3]) + ".",
        "Laagst: " + ", ".join(item(c) for c in finite.index[-3:][::-1]) + ".",
    ]
    shown = [c for c in highlight_regions if c in values.index]
    if shown:
        parts.append(
            "Uitgelicht: "
            + ", ".join(
                item(c) if not pd.isna(values[c]) else f"{names.get(c, c)} ({NIET_BESCHIKBAAR})"
                for c in shown
            )
            + "."
        )
    missing = values.index[values.isna()].tolist()
    if missing:
        parts.append(f"Niet beschikbaar voor {len(missing)} regio('s).")
    return " ".join(parts)
