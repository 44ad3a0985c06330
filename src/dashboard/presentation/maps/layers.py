"""Map geometry and colours: the layers simplified and rounded once, the view of a selection."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dashboard.core.config import DEFAULT_YEAR, data_dir
from dashboard.data import derived_cache
from dashboard.data.cbs import find_layer_file, read_layer

if TYPE_CHECKING:  # pydeck loads only when the free-zoom map is built
    pass


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
