"""Membership and map geometry on tiny synthetic geometries with an explicit CRS."""

from __future__ import annotations

import geopandas as gpd
import pytest
from shapely.geometry import Polygon, box

from dashboard.core.errors import DataMissingError
from dashboard.data.geo import RD_NEW, derive_membership, make_valid, simplify_for_map, to_geojson


def frame(rows: list[tuple[str, str, object]]) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"code": [r[0] for r in rows], "name": [r[1] for r in rows]},
        geometry=[r[2] for r in rows],
        crs=RD_NEW,
    )


REGIONS = frame(
    [("AM01", "West", box(0, 0, 10_000, 10_000)), ("AM03", "Oost", box(10_000, 0, 20_000, 10_000))]
)


def test_each_gemeente_in_the_region_holding_its_representative_point() -> None:
    gemeenten = frame(
        [
            ("GM0001", "A", box(1_000, 1_000, 4_000, 4_000)),
            # crosses the border but lies mostly in Oost: its representative point is in Oost
            ("GM0002", "B", box(9_000, 1_000, 19_000, 4_000)),
            ("GM0003", "C", box(12_000, 6_000, 15_000, 9_000)),
        ]
    )
    table = derive_membership(gemeenten, REGIONS)
    assert dict(zip(table.gemeente_code, table.region_code, strict=True)) == {
        "GM0001": "AM01",
        "GM0002": "AM03",
        "GM0003": "AM03",
    }


def test_a_gemeente_outside_every_region_is_reported() -> None:
    gemeenten = frame([("GM0009", "Zee", box(50_000, 50_000, 51_000, 51_000))])
    with pytest.raises(DataMissingError, match="GM0009"):
        derive_membership(gemeenten, REGIONS)


def test_overlapping_regions_are_reported() -> None:
    regions = frame([("AM01", "X", box(0, 0, 10, 10)), ("AM02", "Y", box(0, 0, 10, 10))])
    with pytest.raises(DataMissingError, match="meer regio"):
        derive_membership(frame([("GM0001", "A", box(2, 2, 4, 4))]), regions)


def test_make_valid_repairs_a_self_intersecting_polygon() -> None:
    bowtie = Polygon([(0, 0), (10, 10), (10, 0), (0, 10), (0, 0)])
    assert not bowtie.is_valid
    fixed = make_valid(frame([("GM0001", "Strik", bowtie)]))
    assert fixed.geometry.is_valid.all()
    assert fixed.geometry.iloc[0].area == pytest.approx(50.0)


def test_membership_works_with_an_invalid_region_polygon() -> None:
    bowtie = Polygon([(0, 0), (10_000, 10_000), (10_000, 0), (0, 10_000), (0, 0)])
    regions = frame([("AM01", "Strik", bowtie)])
    table = derive_membership(frame([("GM0001", "A", box(500, 4_000, 2_000, 6_000))]), regions)
    assert table.region_code.tolist() == ["AM01"]


def test_simplified_map_geometry_is_wgs84_rounded_and_has_ids() -> None:
    rd = frame([("GM0001", "A", box(100_000, 450_000, 110_000, 460_000))])
    simple = simplify_for_map(rd, tolerance_m=100, decimals=4)
    assert simple.crs.to_epsg() == 4326
    x, y = simple.geometry.iloc[0].exterior.coords[0]
    assert round(x, 4) == x and round(y, 4) == y
    geojson = to_geojson(simple)
    assert geojson["features"][0]["id"] == "GM0001"
