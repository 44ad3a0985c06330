"""Reading the CBS files from the data folder: boundary layers and kerncijfers.

Boundary layers may be stored in any format geopandas/pyogrio reads: TopoJSON (as in
``shared/data/cbs``), GeoJSON (as PDOK serves it), GeoPackage or shapefile. They are named
``<layer>_<year>.<ext>``, e.g. ``gemeente_2025.topojson`` or ``arbeidsmarktregio_2025.geojson``.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from dashboard.core import config
from dashboard.core.codes import GEMEENTE_PATTERN
from dashboard.core.config import DATA_DIR_ENV, data_dir
from dashboard.core.errors import DataMissingError
from dashboard.data.embedded import verify_snapshot

if TYPE_CHECKING:
    import geopandas as gpd

LAYERS = ("arbeidsmarktregio", "gemeente", "provincie")
#: Extensions tried in this order.
BOUNDARY_EXTENSIONS = (".topojson", ".geojson", ".json", ".gpkg", ".shp")
KERNCIJFERS_FILE = "gemeente_kerncijfers.csv"
#: All gemeente rows of a "Kerncijfers wijken en buurten" table, in the shape CBS OData returns.
KWB_FILE = "kwb_{year}_gemeente.csv"
#: CBS column name without its ``_<n>`` suffix → our column. The suffix numbers differ between
#: revisions of one table, so columns are matched on the name alone.
KWB_COLUMNS = {
    "AantalInwoners": "inwoners",
    "k_15Tot25Jaar": "inwoners_15_24",
    "k_25Tot45Jaar": "inwoners_25_44",
    "k_45Tot65Jaar": "inwoners_45_64",
    "PersonenPerSoortUitkeringBijstand": "bijstand",
    "PersonenPerSoortUitkeringWW": "ww",
    "PersonenPerSoortUitkeringAO": "ao",
    "WerkzameBeroepsbevolking": "werkzame_beroepsbevolking",
    "Nettoarbeidsparticipatie": "netto_arbeidsparticipatie",
    "PercentageWerknemers": "pct_werknemers",
    "PercentageZelfstandigen": "pct_zelfstandigen",
    "AantalInkomensontvangers": "inkomensontvangers",
    "GemiddeldInkomenPerInkomensontvanger": "inkomen_per_ontvanger",
    "GemiddeldInkomenPerInwoner": "inkomen_per_inwoner",
    "PersonenInArmoede": "pct_armoede",
    "BedrijfsvestigingenTotaal": "bedrijfsvestigingen",
    "ALandbouwBosbouwEnVisserij": "vestigingen_a",
    "BFNijverheidEnEnergie": "vestigingen_bf",
    "GIHandelEnHoreca": "vestigingen_gi",
    "HJVervoerInformatieEnCommunicatie": "vestigingen_hj",
    "KLFinancieleDienstenOnroerendGoed": "vestigingen_kl",
    "MNZakelijkeDienstverlening": "vestigingen_mn",
    "OQOverheidOnderwijsEnZorg": "vestigingen_oq",
    "RUCultuurRecreatieOverigeDiensten": "vestigingen_ru",
}
#: Columns that identify the row in a KWB file.
KWB_KEY_COLUMNS = ("WijkenEnBuurten", "Gemeentenaam")
#: Kerncijfers table per edition year: CBS table id and title.
KWB_TABLES = {
    2023: ("85618NED", "Kerncijfers wijken en buurten 2023"),
    2024: ("85984NED", "Kerncijfers wijken en buurten 2024"),
    2025: ("86165NED", "Kerncijfers wijken en buurten 2025"),
}
#: Columns every kerncijfers file must have.
KERNCIJFERS_REQUIRED = ("gemeente_code", "gemeente_naam", "jaar", "inwoners", "bron")

_FIX = (
    f"Zet {DATA_DIR_ENV} op de map met de CBS-bestanden, of haal ze op met "
    "'python -m dashboard data download --jaar 2025'."
)


def _folder(folder: Path | str | None) -> Path:
    path = Path(folder) if folder is not None else data_dir()
    if not path.is_dir():
        raise DataMissingError(f"de gegevensmap {path} bestaat niet. {_FIX}", str(path))
    if path == config.SNAPSHOT_DIR:
        # the embedded snapshot lists a sha256 per file: checked once per process and version
        verify_snapshot(path)
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
        # the driver's own text (GDAL, in English) is no help to the reader
        raise DataMissingError(
            f"het bestand {path} kan niet worden gelezen als kaartlaag. {_FIX}", str(path)
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
    polygonal = out.geometry.notna() & ~out.geometry.is_empty
    polygonal &= out.geometry.geom_type.isin(("Polygon", "MultiPolygon"))
    if not polygonal.all():
        codes = out.loc[~polygonal, "code"].tolist()
        shown = ", ".join(codes[:5]) + (" …" if len(codes) > 5 else "")
        raise DataMissingError(
            f"het bestand {path} bevat gebieden zonder vlak (geometrie): {shown}. {_FIX}",
            str(path),
        )
    return out.sort_values("code", ignore_index=True)


def base_name(column: str) -> str:
    """``PersonenPerSoortUitkeringBijstand_87`` → ``PersonenPerSoortUitkeringBijstand``."""
    return re.sub(r"_\d+$", "", column.strip())


def kwb_frame(raw: pd.DataFrame, year: int, source: str) -> pd.DataFrame:
    """Gemeente rows of a KWB table (OData shape) as ``gemeente_code, gemeente_naam, jaar``
    plus the columns of :data:`KWB_COLUMNS` that the table has.

    Used for the shared CSV file and for what the download receives, so both are read alike:
    codes and names are stripped of CBS's padding, columns matched without their suffix.
    """
    by_base: dict[str, str] = {}
    for column in raw.columns:
        by_base.setdefault(base_name(str(column)), str(column))
    if "WijkenEnBuurten" not in by_base:
        raise DataMissingError(f"{source} mist de kolom WijkenEnBuurten", source)
    codes = raw[by_base["WijkenEnBuurten"]].astype(str).str.strip()
    keep = codes.str.fullmatch(GEMEENTE_PATTERN)
    out = pd.DataFrame({"gemeente_code": codes[keep].to_numpy()})
    if "Gemeentenaam" in by_base:
        names = raw.loc[keep, by_base["Gemeentenaam"]].astype(str).str.strip().to_numpy()
        out["gemeente_naam"] = names
    else:
        out["gemeente_naam"] = out["gemeente_code"]
    out["jaar"] = year
    for cbs_name, ours in KWB_COLUMNS.items():
        if cbs_name in by_base:
            values = raw.loc[keep, by_base[cbs_name]]
            if not pd.api.types.is_numeric_dtype(values):
                values = values.astype(str).str.strip().replace({"": None, ".": None})
            numbers = pd.to_numeric(values, errors="coerce")
            wrong = numbers.isna() & values.notna()
            if wrong.any():
                raise DataMissingError(
                    f"{source}: kolom {by_base[cbs_name]} bevat een waarde die geen getal is "
                    f"(bij {codes[keep][wrong.to_numpy()].iloc[0]})",
                    source,
                )
            out[ours] = numbers.astype(float).to_numpy()
    if out["gemeente_code"].duplicated().any():
        dup = out.loc[out["gemeente_code"].duplicated(), "gemeente_code"].iloc[0]
        raise DataMissingError(f"{source} bevat gemeente {dup} twee keer", source)
    return out


def kwb_years(folder: Path | str | None = None) -> tuple[int, ...]:
    """Edition years of the KWB files in the data folder."""
    base = _folder(folder)
    found = []
    for path in base.glob("kwb_*_gemeente.csv"):
        match = re.fullmatch(r"kwb_(\d{4})_gemeente\.csv", path.name)
        if match:
            found.append(int(match.group(1)))
    return tuple(sorted(found))


def read_kwb(year: int, folder: Path | str | None = None) -> pd.DataFrame:
    """Read ``kwb_<year>_gemeente.csv`` (see :func:`kwb_frame`)."""
    path = _folder(folder) / KWB_FILE.format(year=year)
    if not path.is_file():
        raise DataMissingError(f"het bestand {path} ontbreekt. {_FIX}", str(path))
    try:
        raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except Exception as err:  # pandas' own (English) reason is no help to the reader
        raise DataMissingError(
            f"het bestand {path} kan niet worden gelezen als CSV. {_FIX}", str(path)
        ) from err
    return kwb_frame(raw, year, str(path))


def _with_kwb(frame: pd.DataFrame, folder: Path) -> pd.DataFrame:
    """Add the columns of every KWB file in ``folder`` to the rows of its year."""
    for year in kwb_years(folder):
        kwb = read_kwb(year, folder)
        table_id, title = KWB_TABLES.get(year, ("", f"Kerncijfers wijken en buurten {year}"))
        kwb["bron"] = f"CBS {table_id} {title}".replace("  ", " ")
        extra = [c for c in kwb.columns if c not in frame.columns]
        merged = frame.merge(
            kwb[["gemeente_code", "jaar", *extra]], on=["gemeente_code", "jaar"], how="outer"
        )
        # A gemeente/year only in the KWB file keeps the KWB's own name, inwoners and source.
        shared = [c for c in ("gemeente_naam", "inwoners", "bron") if c in kwb.columns]
        lookup = kwb.set_index(["gemeente_code", "jaar"])[shared]
        keys = pd.MultiIndex.from_frame(merged[["gemeente_code", "jaar"]])
        for column in shared:
            fill = lookup[column].reindex(keys).to_numpy()
            merged[column] = merged[column].where(merged[column].notna(), fill)
        frame = merged
    return frame.sort_values(["jaar", "gemeente_code"], ignore_index=True)


def read_kerncijfers(folder: Path | str | None = None) -> pd.DataFrame:
    """Read ``gemeente_kerncijfers.csv`` (long format: one row per gemeente per year) and add
    the columns of the ``kwb_<year>_gemeente.csv`` files to the rows of their year.

    Empty cells stay missing (``NaN``); they are never filled in. The files are read once per
    process and content (deriving the indeling checks them, then the figures are used); each
    caller gets its own frame (copy-on-write: changing it changes nobody else's).
    """
    base = _folder(folder)
    path = base / KERNCIJFERS_FILE
    if not path.is_file():
        raise DataMissingError(f"het bestand {path} ontbreekt. {_FIX}", str(path))
    files = [path, *(base / KWB_FILE.format(year=year) for year in kwb_years(base))]
    return _read_kerncijfers(path, tuple(_content_key(f) for f in files)).copy(deep=False)


def _content_key(path: Path) -> tuple[str, str]:
    # the content, not the modification time: a file rewritten within the clock's tick with
    # the same size must not be served from memory
    try:
        return str(path), hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return str(path), ""  # reading it fails again below, with its own message


@lru_cache(maxsize=4)
def _read_kerncijfers(path: Path, files: tuple[tuple[str, str], ...]) -> pd.DataFrame:
    try:
        frame = pd.read_csv(path, dtype={"gemeente_code": str, "gemeente_naam": str, "bron": str})
    except Exception as err:  # pandas' own (English) reason is no help to the reader
        raise DataMissingError(
            f"het bestand {path} kan niet worden gelezen als CSV. {_FIX}", str(path)
        ) from err
    missing = [c for c in KERNCIJFERS_REQUIRED if c not in frame.columns]
    if missing:
        raise DataMissingError(
            f"het bestand {path} mist de kolom(men) {', '.join(missing)}. {_FIX}", str(path)
        )
    for column in frame.columns:
        if column in ("gemeente_code", "gemeente_naam", "bron"):
            continue
        numbers = pd.to_numeric(frame[column], errors="coerce")
        wrong = numbers.isna() & frame[column].notna()
        if column == "jaar":
            wrong |= numbers.isna() | (numbers.round() != numbers)
        if wrong.any():
            row = int(wrong.to_numpy().nonzero()[0][0]) + 2  # the header is line 1
            what = "geen jaartal" if column == "jaar" else "geen getal"
            raise DataMissingError(
                f"het bestand {path} heeft in kolom {column} (regel {row}) een waarde die "
                f"{what} is",
                str(path),
            )
        frame[column] = numbers.astype(int) if column == "jaar" else numbers.astype(float)
    if frame.duplicated(["gemeente_code", "jaar"]).any():
        raise DataMissingError(f"het bestand {path} bevat dubbele gemeente/jaar-regels", str(path))
    return _with_kwb(frame, path.parent)
