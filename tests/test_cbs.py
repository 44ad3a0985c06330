"""Reading boundary layers in several formats and the kerncijfers file; missing/corrupt data."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pytest
from shapely.geometry import box

from dashboard.core.errors import DataMissingError
from dashboard.data.cbs import find_layer_file, read_kerncijfers, read_layer


def write_layer(folder: Path, layer: str, ext: str, driver: str) -> Path:
    frame = gpd.GeoDataFrame(
        {"statcode": ["GM0002", "GM0001"], "statnaam": ["Twee", "Een"]},
        geometry=[box(4.0, 52.0, 4.1, 52.1), box(4.1, 52.0, 4.2, 52.1)],
        crs="EPSG:4326",
    )
    path = folder / f"{layer}_2025{ext}"
    frame.to_file(path, driver=driver)
    return path


@pytest.mark.parametrize(
    ("ext", "driver"),
    [(".geojson", "GeoJSON"), (".gpkg", "GPKG"), (".shp", "ESRI Shapefile")],
)
def test_read_layer_in_any_ogr_format(tmp_path: Path, ext: str, driver: str) -> None:
    write_layer(tmp_path, "gemeente", ext, driver)
    frame = read_layer("gemeente", 2025, tmp_path)
    assert frame["code"].tolist() == ["GM0001", "GM0002"]  # sorted by code
    assert frame.crs.to_epsg() == 4326


def test_read_layer_reprojects_rd_new(tmp_path: Path) -> None:
    frame = gpd.GeoDataFrame(
        {"statcode": ["AM01"], "statnaam": ["X"]},
        geometry=[box(90_000, 450_000, 100_000, 460_000)],
        crs="EPSG:28992",
    )
    frame.to_file(tmp_path / "arbeidsmarktregio_2025.gpkg", driver="GPKG")
    out = read_layer("arbeidsmarktregio", 2025, tmp_path)
    assert out.crs.to_epsg() == 4326
    assert 3 < out.geometry.iloc[0].centroid.x < 5


def test_real_topojson_layers(cbs_dir: Path) -> None:
    assert len(read_layer("arbeidsmarktregio", 2025, cbs_dir)) == 35
    assert len(read_layer("gemeente", 2025, cbs_dir)) == 342
    assert len(read_layer("provincie", 2025, cbs_dir)) == 12


def test_missing_folder_names_the_folder_and_the_fix(tmp_path: Path) -> None:
    with pytest.raises(DataMissingError) as err:
        find_layer_file("gemeente", 2025, tmp_path / "weg")
    assert "weg" in str(err.value) and "DASHBOARD_DATA_DIR" in str(err.value)
    assert "data download" in str(err.value)


def test_missing_layer_names_the_file(tmp_path: Path) -> None:
    with pytest.raises(DataMissingError, match="gemeente_2025"):
        find_layer_file("gemeente", 2025, tmp_path)


def test_corrupt_layer_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "gemeente_2025.geojson").write_text("{ dit is geen json", encoding="utf-8")
    with pytest.raises(DataMissingError, match="kan niet worden gelezen"):
        read_layer("gemeente", 2025, tmp_path)


def test_layer_without_statcode_is_rejected(tmp_path: Path) -> None:
    gpd.GeoDataFrame({"x": [1]}, geometry=[box(0, 0, 1, 1)], crs="EPSG:4326").to_file(
        tmp_path / "gemeente_2025.geojson", driver="GeoJSON"
    )
    with pytest.raises(DataMissingError, match="statcode"):
        read_layer("gemeente", 2025, tmp_path)


def test_kerncijfers_keep_missing_values(cbs_dir: Path) -> None:
    kc = read_kerncijfers(cbs_dir)
    assert len(kc) == 684
    assert kc.loc[kc.jaar == 2024, "huishoudens"].isna().all()  # not in the 2024 source
    assert kc.loc[kc.jaar == 2023, "huishoudens"].notna().all()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("a,b\n1,2\n", "mist de kolom"),
        (
            "gemeente_code,gemeente_naam,jaar,inwoners,bron\nGM0001,A,2024,veel,CBS\n",
            "geen getal",
        ),
        (
            "gemeente_code,gemeente_naam,jaar,inwoners,bron\nGM0001,A,2024,1,CBS\nGM0001,A,2024,2,CBS\n",
            "dubbele",
        ),
    ],
)
def test_bad_kerncijfers_files(tmp_path: Path, content: str, message: str) -> None:
    (tmp_path / "gemeente_kerncijfers.csv").write_text(content, encoding="utf-8")
    with pytest.raises(DataMissingError, match=message):
        read_kerncijfers(tmp_path)
