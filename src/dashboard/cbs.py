"""Reading the CBS files from the data folder: boundary layers and kerncijfers.

Boundary layers may be stored in any format geopandas/pyogrio reads: TopoJSON (as in
``shared/data/cbs``), GeoJSON (as PDOK serves it), GeoPackage or shapefile. They are named
``<layer>_<year>.<ext>``, e.g. ``gemeente_2025.topojson`` or ``arbeidsmarktregio_2025.geojson``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from dashboard.config import DATA_DIR_ENV, data_dir
from dashboard.errors import DataMissingError

if TYPE_CHECKING:
    import geopandas as gpd

LAYERS = ("arbeidsmarktregio", "gemeente", "provincie")
#: Extensions tried in this order.
BOUNDARY_EXTENSIONS = (".topojson", ".geojson", ".json", ".gpkg", ".shp")
KERNCIJFERS_FILE = "gemeente_kerncijfers.csv"
#: Columns every kerncijfers file must have.
KERNCIJFERS_REQUIRED = ("gemeente_code", "gemeente_naam", "jaar", "inwoners", "bron")

_FIX = (
    f"Zet {DATA_DIR_ENV} op de map met de CBS-bestanden, of haal ze op met "
    "'python -m dashboard data download --year 2025'."
)


def _folder(folder: Path | str | None) -> Path:
    path = Path(folder) if folder is not None else data_dir()
    if not path.is_dir():
        raise DataMissingError(f"de gegevensmap {path} bestaat niet. {_FIX}", str(path))
    return path


def find_layer_file(layer: str, year: int, folder: Path | str | None = None) -> Path:
    """The file holding ``layer`` for ``year`` in the data folder."""
    if layer not in LAYERS:
        raise DataMissingError(f"onbekende laag {layer!r}; bekend zijn {', '.join(LAYERS)}")
    base = _folder(folder)
    for ext in BOUNDARY_EXTENSIONS:
        candidate = base / f"{layer}_{year}{ext}"
        if candidate.is_file():
            return candidate
    raise DataMissingError(
        f"de grenzen van laag '{layer}' voor {year} ontbreken in {base} "
        f"(gezocht: {layer}_{year}.topojson/.geojson/.gpkg/.shp). {_FIX}",
        str(base / f"{layer}_{year}.topojson"),
    )


def read_layer(layer: str, year: int, folder: Path | str | None = None) -> gpd.GeoDataFrame:
    """Read a boundary layer as ``code, name, geometry`` in EPSG:4326, sorted by code.

    Accepts the CBS/PDOK property names (``statcode``, ``statnaam``).
    """
    import geopandas as gpd  # imported here: slow to import, and not needed with a warm cache

    path = find_layer_file(layer, year, folder)
    try:
        frame = gpd.read_file(path)
    except Exception as err:  # pyogrio raises several types for unreadable files
        raise DataMissingError(
            f"het bestand {path} kan niet worden gelezen als kaartlaag ({err}). {_FIX}", str(path)
        ) from err
    columns = {c.lower(): c for c in frame.columns}
    if "statcode" not in columns or "statnaam" not in columns or frame.empty:
        raise DataMissingError(
            f"het bestand {path} mist de kolommen statcode/statnaam of is leeg. {_FIX}", str(path)
        )
    if frame.crs is None:
        frame = frame.set_crs("EPSG:4326")
    elif frame.crs.to_epsg() != 4326:
        frame = frame.to_crs("EPSG:4326")
    out = gpd.GeoDataFrame(
        {
            "code": frame[columns["statcode"]].astype(str).str.strip(),
            "name": frame[columns["statnaam"]].astype(str).str.strip(),
        },
        geometry=frame.geometry.values,
        crs="EPSG:4326",
    )
    if out["code"].duplicated().any():
        dup = out.loc[out["code"].duplicated(), "code"].iloc[0]
        raise DataMissingError(f"het bestand {path} bevat code {dup} twee keer", str(path))
    return out.sort_values("code", ignore_index=True)


def read_kerncijfers(folder: Path | str | None = None) -> pd.DataFrame:
    """Read ``gemeente_kerncijfers.csv`` (long format: one row per gemeente per year).

    Empty cells stay missing (``NaN``); they are never filled in.
    """
    path = _folder(folder) / KERNCIJFERS_FILE
    if not path.is_file():
        raise DataMissingError(f"het bestand {path} ontbreekt. {_FIX}", str(path))
    try:
        frame = pd.read_csv(path, dtype={"gemeente_code": str, "gemeente_naam": str, "bron": str})
    except Exception as err:
        raise DataMissingError(
            f"het bestand {path} kan niet worden gelezen als CSV ({err}). {_FIX}", str(path)
        ) from err
    missing = [c for c in KERNCIJFERS_REQUIRED if c not in frame.columns]
    if missing:
        raise DataMissingError(
            f"het bestand {path} mist de kolom(men) {', '.join(missing)}. {_FIX}", str(path)
        )
    try:
        frame["jaar"] = frame["jaar"].astype(int)
        for column in frame.columns:
            if column not in ("gemeente_code", "gemeente_naam", "jaar", "bron"):
                frame[column] = pd.to_numeric(frame[column], errors="raise").astype(float)
    except (ValueError, TypeError) as err:
        raise DataMissingError(
            f"het bestand {path} bevat een waarde die geen getal is ({err})", str(path)
        ) from err
    if frame.duplicated(["gemeente_code", "jaar"]).any():
        raise DataMissingError(f"het bestand {path} bevat dubbele gemeente/jaar-regels", str(path))
    return frame
