"""One CRS policy: areas, distances and joins in EPSG:28992 (RD New); EPSG:4326 only for maps.

Generalised CBS polygons are made valid before any join (the 2025 layers hold one
self-intersecting polygon in Zeeland).
"""

from __future__ import annotations

import json

import geopandas as gpd
import pandas as pd
import shapely

from dashboard.core.errors import DataMissingError

RD_NEW = "EPSG:28992"
WGS84 = "EPSG:4326"


def make_valid(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """A copy with every geometry valid (``shapely.make_valid``), polygons only."""
    out = frame.copy()
    fixed = shapely.make_valid(out.geometry.values)
    # make_valid may return a GeometryCollection with stray lines; keep the polygonal part.
    out.geometry = [
        shapely.union_all(
            [p for p in shapely.get_parts(g) if p.geom_type in ("Polygon", "MultiPolygon")]
        )
        if g.geom_type == "GeometryCollection"
        else g
        for g in fixed
    ]
    return out


def derive_membership(gemeenten: gpd.GeoDataFrame, regions: gpd.GeoDataFrame) -> pd.DataFrame:
    """Assign every gemeente to the region containing its representative point.

    Parameters
    ----------
    gemeenten, regions
        Frames with ``code``, ``name`` and polygons (any CRS; reprojected to RD New).

    Returns
    -------
    DataFrame with ``gemeente_code, gemeente_naam, region_code, region_name``.

    Raises
    ------
    DataMissingError
        When a gemeente falls in no region or in more than one.
    """
    gem = make_valid(gemeenten.to_crs(RD_NEW))
    reg = make_valid(regions.to_crs(RD_NEW))
    points = gpd.GeoDataFrame(
        gem[["code", "name"]], geometry=gem.geometry.representative_point(), crs=RD_NEW
    )
    joined = gpd.sjoin(points, reg[["code", "name", "geometry"]], how="left", predicate="within")
    counts = joined.groupby("code_left")["code_right"].count()
    outside = counts[counts == 0].index.tolist()
    double = counts[counts > 1].index.tolist()
    if outside or double:
        raise DataMissingError(
            "de indeling gemeente → arbeidsmarktregio klopt niet: "
            f"buiten elke regio: {', '.join(outside) or 'geen'}; "
            f"in meer regio's: {', '.join(double) or 'geen'}"
        )
    return joined.rename(
        columns={
            "code_left": "gemeente_code",
            "name_left": "gemeente_naam",
            "code_right": "region_code",
            "name_right": "region_name",
        }
    )[["gemeente_code", "gemeente_naam", "region_code", "region_name"]].sort_values(
        "gemeente_code", ignore_index=True
    )


def simplify_for_map(
    frame: gpd.GeoDataFrame, tolerance_m: float = 250.0, decimals: int = 4
) -> gpd.GeoDataFrame:
    """Simplify in RD New (topology-preserving per feature), return EPSG:4326 rounded coordinates.

    Four decimals of a degree are about 7–11 m, far below the generalised layers' ~100 m grid.
    """
    rd = make_valid(frame.to_crs(RD_NEW))
    rd.geometry = rd.geometry.simplify(tolerance_m, preserve_topology=True)
    wgs = rd.to_crs(WGS84)
    wgs.geometry = shapely.set_precision(wgs.geometry.values, 10.0**-decimals, mode="pointwise")
    wgs.geometry = shapely.make_valid(wgs.geometry.values)
    return wgs


def to_geojson(frame: gpd.GeoDataFrame, properties: tuple[str, ...] = ("code", "name")) -> dict:
    """A compact GeoJSON FeatureCollection with ``id`` = code (for plotly's ``locations``)."""
    keep = [c for c in properties if c in frame.columns]
    raw = json.loads(frame[[*keep, "geometry"]].to_json(drop_id=True))
    for feature in raw["features"]:
        feature["id"] = feature["properties"]["code"]
    return raw
