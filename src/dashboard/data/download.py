"""Download the CBS layers from the publishers into the local cache.

* Boundaries: PDOK's CBS gebiedsindelingen WFS (generalised layers), as GeoJSON in EPSG:4326,
  written as ``<layer>_<year>.geojson``.
* Figures: CBS open data, table "Kerncijfers wijken en buurten <year>", gemeente rows, only the
  columns the dashboard uses (chosen from the table's ``DataProperties``). Written twice from
  the same rows: ``kwb_<year>_gemeente.csv`` in the OData shape (read by the same parser as the
  shared file) and the long ``gemeente_kerncijfers.csv``.

The services' limits are respected: the standard OData API refuses more than 10,000 cells per
request, so the bulk ``ODataFeed`` endpoint (no cell limit, paged with ``odata.nextLink``) is
used, and when that fails the standard API is asked in column slices that stay under the limit.

A mirror or a service cannot drive the download (:class:`Fetcher`): each response has a size
cap, the whole download a deadline besides the per-read timeout (:class:`DownloadLimits`); a
next link is followed only on the same scheme and server as the configured service; a redirect
only over http(s) and never into a non-public network unless the configured service itself runs
there; a remote error body is never shown. The staging folder is removed on any error and on
SIGTERM.

Nothing is moved into place before *everything* is checked (the one data-folder check,
:func:`dashboard.data.data_check.check_folder`): areas per layer, coordinates inside the
Netherlands,
every gemeente of the boundaries present in the figures, every gemeente in exactly one region.
Then all files are replaced together (:func:`dashboard.core.safe_files.replace_together`); if a move
fails, the previous files are put back.

Reusable for another CBS table: :class:`Fetcher` (``get``, ``get_json``, ``paged``),
:func:`fetch_odata_table` (columns and rows of an OData table within the fetcher's limits),
:func:`dashboard.core.safe_files.staging_folder` and
:func:`dashboard.core.safe_files.replace_together`.
"""

from __future__ import annotations

import csv
import io
import os
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dashboard.core.codes import is_gemeente_code
from dashboard.core.config import CACHE_COMPLETE_FILE, cbs_feed_url, cbs_odata_url
from dashboard.core.config import pdok_url as config_pdok_url
from dashboard.core.errors import DashboardError, DownloadError
from dashboard.core.formatting import fmt_int, fmt_size
from dashboard.core.safe_files import check_output_folder, replace_together, staging_folder
from dashboard.data.artefacts import Builder, derived_files
from dashboard.data.cbs import (
    BOUNDARY_EXTENSIONS,
    KERNCIJFERS_FILE,
    KWB_COLUMNS,
    KWB_FILE,
    KWB_TABLES,
    LAYERS,
    base_name,
)
from dashboard.data.data_check import check_folder, is_data_folder
from dashboard.data.fetcher import (
    DownloadLimits,
    Fetcher,
    Progress,
    service_url,
)
from dashboard.data.pendel_download import fetch_pendel

PDOK_WFS_URL = "https://service.pdok.nl/cbs/gebiedsindelingen/{year}/wfs/v1_0"
CBS_ODATA_URL = "https://opendata.cbs.nl/ODataApi/odata"
CBS_FEED_URL = "https://opendata.cbs.nl/ODataFeed/odata"
#: The standard API refuses a request of more than this many cells.
CELL_LIMIT = 10_000
#: Identifying columns asked for besides :data:`dashboard.data.cbs.KWB_COLUMNS`.
KEY_COLUMNS = ("WijkenEnBuurten", "Gemeentenaam", "SoortRegio")

#: CBS OData column (without its ``_<n>`` suffix) → column of the long kerncijfers file
ODATA_COLUMNS = {
    "AantalInwoners": "inwoners",
    "Mannen": "mannen",
    "Vrouwen": "vrouwen",
    "HuishoudensTotaal": "huishoudens",
    "GemiddeldeHuishoudensgrootte": "gemiddelde_huishoudensgrootte",
    "Woningvoorraad": "woningvoorraad",
    "OppervlakteTotaal": "oppervlakte_totaal_ha",
    "OppervlakteLand": "oppervlakte_land_ha",
    "OppervlakteWater": "oppervlakte_water_ha",
    "Bevolkingsdichtheid": "bevolkingsdichtheid_inw_per_km2_land",
}
CSV_COLUMNS = (
    "gemeente_code", "gemeente_naam", "jaar", "inwoners", "mannen", "vrouwen", "huishoudens",
    "gemiddelde_huishoudensgrootte", "woningvoorraad", "oppervlakte_totaal_ha",
    "oppervlakte_land_ha", "oppervlakte_water_ha", "oppervlakte_land_km2",
    "bevolkingsdichtheid_inw_per_km2_land", "bron",
)  # fmt: skip


@dataclass(frozen=True)
class DownloadResult:
    path: Path
    bytes: int
    features: int


# --- boundaries ----------------------------------------------------------------------------------
def wfs_url(base: str, layer: str) -> str:
    query = urllib.parse.urlencode(
        {
            "service": "WFS",
            "version": "2.0.0",
            "request": "GetFeature",
            "typeNames": f"gebiedsindelingen:{layer}_gegeneraliseerd",
            "outputFormat": "application/json",
            # RD New has no axis-order ambiguity; WFS 2.0 servers may return EPSG:4326 as
            # latitude/longitude, which GeoJSON readers take as longitude/latitude
            "srsName": "EPSG:28992",
        }
    )
    return f"{base}?{query}"


def fetch_boundaries(
    year: int, staging: Path, *, base_url: str, fetcher: Fetcher, progress: Progress
) -> list[Path]:
    """Every layer of ``year`` from the WFS at ``base_url`` (``{year}`` filled in) into
    ``staging``, as GeoJSON in longitude/latitude."""
    base = base_url.replace("{year}", str(year))
    paths = []
    for i, layer in enumerate(LAYERS, start=1):
        progress(f"[{i}/{len(LAYERS) + 1}] {layer}grenzen {year} ophalen bij PDOK …")
        path = staging / f"{layer}_{year}.geojson"
        path.write_bytes(fetcher.get(wfs_url(base, layer)))
        to_wgs84(path)
        paths.append(path)
    return paths


#: Bounds of the Netherlands in RD New (EPSG:28992) metres, with a margin.
RD_BOUNDS = (-10_000.0, 280_000.0, 310_000.0, 640_000.0)


def to_wgs84(path: Path) -> None:
    """Rewrite a downloaded layer as GeoJSON in longitude/latitude (EPSG:4326).

    A layer in RD New coordinates without a CRS member (some servers leave it out) is
    recognised by its extent. Anything else is left as it is, for :func:`validate_folder` to
    judge.
    """
    import geopandas as gpd

    try:
        frame = gpd.read_file(path)
    except Exception as err:  # pyogrio raises several types for unreadable files
        raise DownloadError(f"PDOK stuurde voor {path.stem} geen leesbare kaartlaag") from err
    if frame.empty:
        return
    minx, miny, maxx, maxy = frame.total_bounds
    west, south, east, north = RD_BOUNDS
    in_rd = west <= minx and maxx <= east and south <= miny and maxy <= north
    if in_rd and (frame.crs is None or frame.crs.to_epsg() == 4326):
        frame = frame.set_crs("EPSG:28992", allow_override=True)
    if frame.crs is not None and frame.crs.to_epsg() != 4326:
        frame.to_crs("EPSG:4326").to_file(path, driver="GeoJSON")


# --- figures -------------------------------------------------------------------------------------
def table_for(year: int) -> tuple[str, str]:
    """CBS table id and title of the kerncijfers of ``year`` (Dutch error when unknown)."""
    if year not in KWB_TABLES:
        known = ", ".join(str(y) for y in KWB_TABLES)
        raise DownloadError(
            f"voor {year} is geen CBS-tabel 'Kerncijfers wijken en buurten' bekend; "
            f"kies een van deze jaren: {known}"
        )
    return KWB_TABLES[year]


def select_columns(properties: Iterable[Mapping[str, Any]]) -> list[str]:
    """The table's column keys the dashboard uses, in the table's order."""
    wanted = {*KEY_COLUMNS, *KWB_COLUMNS, *ODATA_COLUMNS}
    keys = [str(p.get("Key", "")) for p in properties if p.get("Type") != "TopicGroup"]
    chosen = [k for k in keys if k and base_name(k) in wanted]
    if not any(base_name(k) == "WijkenEnBuurten" for k in chosen):
        raise DownloadError("de CBS-tabel heeft geen kolom WijkenEnBuurten; is het de goede tabel?")
    return chosen


def _query(columns: list[str], row_filter: str | None) -> str:
    query = {"$select": ",".join(columns), "$format": "json"}
    if row_filter:
        query = {"$filter": row_filter, **query}
    return urllib.parse.urlencode(query, safe="(),'$")


def fetch_odata_table(
    table_id: str,
    *,
    select: Callable[[list[Mapping[str, Any]]], list[str]],
    key: str,
    fetcher: Fetcher,
    api_url: str,
    feed_url: str,
    row_filter: str | None = None,
    progress: Progress = print,
) -> tuple[list[str], list[dict[str, Any]]]:
    """The chosen columns and rows of a CBS OData table, within the fetcher's limits.

    Parameters
    ----------
    select
        Gets the table's ``DataProperties`` rows and returns the column keys to fetch (it
        raises :class:`DownloadError` when the table is not the expected one).
    key
        Base name of the column that identifies a row (e.g. ``WijkenEnBuurten``); it is part of
        every request, and rows of the column slices are joined on it.
    api_url, feed_url
        Base URLs of the standard API and of the bulk feed (checked with :func:`service_url`).
    row_filter
        An OData ``$filter`` expression, or None for all rows.

    The bulk feed (no cell limit, paged with ``odata.nextLink``) is asked first; when it fails,
    the standard API in column slices under :data:`CELL_LIMIT`. Next links only to the same
    service. Duplicate keys are not merged here: the validation of the written files catches them.
    """
    properties = fetcher.get_json(f"{api_url}/{table_id}/DataProperties?$format=json")
    if not isinstance(properties, dict) or not isinstance(properties.get("value"), list):
        raise DownloadError(f"CBS gaf geen kolomlijst (DataProperties) voor tabel {table_id}")
    columns = select([p for p in properties["value"] if isinstance(p, dict)])
    key_column = next((c for c in columns if base_name(c) == key), None)
    if key_column is None:
        raise DownloadError(f"de CBS-tabel {table_id} heeft geen kolom {key}; is het de goede?")
    try:
        url = f"{feed_url}/{table_id}/TypedDataSet?{_query(columns, row_filter)}"
        return columns, fetcher.paged(url, service=feed_url)
    except DownloadError as err:
        if time.monotonic() >= fetcher.deadline:
            raise
        progress(f"      bulkdienst gaf een fout ({err}); nu in delen via de standaard-API …")
    # The standard API counts rows × columns; ~400 gemeente rows leave room for 24 columns.
    per_request = max(1, CELL_LIMIT // 400 - 1)
    others = [c for c in columns if c != key_column]
    merged: dict[str, dict[str, Any]] = {}
    for start in range(0, len(others), per_request):
        part = [key_column, *others[start : start + per_request]]
        url = f"{api_url}/{table_id}/TypedDataSet?{_query(part, row_filter)}"
        seen: set[str] = set()
        for row in fetcher.paged(url, service=api_url):
            code = str(row.get(key_column, ""))
            if code in seen:
                raise DownloadError(f"CBS-tabel {table_id} bevat {code.strip()} twee keer")
            seen.add(code)
            merged.setdefault(code, {}).update(row)
    return columns, list(merged.values())


def fetch_odata_rows(
    table_id: str,
    *,
    fetcher: Fetcher,
    api_url: str,
    feed_url: str,
    progress: Progress = print,
) -> tuple[list[str], list[dict[str, Any]]]:
    """Selected columns and the gemeente rows of the KWB table ``table_id``."""
    return fetch_odata_table(
        table_id,
        select=select_columns,
        key="WijkenEnBuurten",
        row_filter="startswith(WijkenEnBuurten,'GM')",
        fetcher=fetcher,
        api_url=api_url,
        feed_url=feed_url,
        progress=progress,
    )


def _cell(value: Any) -> str:
    return "" if value is None else str(value)


def kwb_csv(columns: list[str], rows: list[dict[str, Any]]) -> bytes:
    """The rows in the OData shape of ``kwb_<year>_gemeente.csv`` (gemeente rows only)."""
    key = next(c for c in columns if base_name(c) == "WijkenEnBuurten")
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        if is_gemeente_code(str(row.get(key, "")).strip()):
            writer.writerow([_cell(row.get(c)) for c in columns])
    return buffer.getvalue().encode("utf-8")


def _number(value: Any) -> float | None:
    if value is None or (isinstance(value, str) and value.strip() in ("", ".")):
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def kerncijfers_rows(
    odata: list[dict[str, Any]], year: int, table_id: str, title: str
) -> list[dict]:
    """Turn CBS OData rows of gemeenten into rows of our long kerncijfers format."""
    out = []
    for row in odata:
        by_base = {base_name(k): v for k, v in row.items()}
        code = str(by_base.get("WijkenEnBuurten", "")).strip()
        if not is_gemeente_code(code):
            continue
        record: dict[str, Any] = {c: None for c in CSV_COLUMNS}
        record.update(gemeente_code=code, jaar=year, bron=f"CBS {table_id} {title}")
        record["gemeente_naam"] = str(by_base.get("Gemeentenaam") or "").strip() or code
        for base, ours in ODATA_COLUMNS.items():
            if base in by_base:
                record[ours] = _number(by_base[base])
        land = record["oppervlakte_land_ha"]
        record["oppervlakte_land_km2"] = round(land / 100, 2) if land is not None else None
        out.append(record)
    return out


def kerncijfers_csv(rows: list[dict]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for record in rows:
        writer.writerow({k: ("" if v is None else v) for k, v in record.items()})
    return buffer.getvalue().encode("utf-8")


# --- validation ----------------------------------------------------------------------------------
def validate_folder(
    folder: Path,
    year: int,
    kwb_year: int,
    expected: Mapping[str, int] | None = None,
) -> dict[str, int]:
    """Check a staged download as a whole (:func:`dashboard.data.data_check.check_folder`, all
    layers, figures required); returns areas per layer.

    Raises :class:`DownloadError` naming the first problem found.
    """
    try:
        check = check_folder(folder, year, kwb_year=kwb_year, layers=LAYERS, expected=expected)
    except DashboardError as err:
        # the staging folder's name means nothing to the reader
        text = str(err).replace(f" in {folder}", "").replace(f"{folder}{os.sep}", "")
        raise DownloadError(text) from err
    return dict(check.counts)


# --- putting it together -------------------------------------------------------------------------
def _fetch_pendel(year: int, staging: Path, **kwargs: Any) -> None:
    """Commuting (CBS 85481NED) when the service gives it; without it the rest still counts."""
    try:
        fetch_pendel(year, staging, **kwargs)
    except DownloadError as err:
        kwargs["progress"](f"      pendel niet opgehaald ({err}); de rest gaat door")


def check_download_target(target: Path) -> Path:
    """Refuse a target folder before anything is fetched: it must be new, empty or a data
    folder (see :func:`dashboard.core.safe_files.check_output_folder`)."""
    return check_output_folder(target, is_ours=is_data_folder)


def download_all(
    year: int,
    target: Path,
    *,
    pdok_url: str | None = None,
    cbs_url: str | None = None,
    feed_url: str | None = None,
    progress: Progress = print,
    expected: Mapping[str, int] | None = None,
    limits: DownloadLimits | None = None,
    derive: Builder | None = None,
) -> list[DownloadResult]:
    """Boundaries and kerncijfers of ``year`` into ``target``: all files, or none.

    Files of another format for the same layer and year (which would be read before the new
    GeoJSON) are replaced too; every other file in ``target`` stays. ``derive`` then builds the
    Kaart's first look from the folder as the app will read it (:func:`write_derived`).
    """
    table_id, title = table_for(year)
    pdok = service_url(pdok_url or config_pdok_url() or PDOK_WFS_URL, "PDOK")
    api = service_url(cbs_url or cbs_odata_url() or CBS_ODATA_URL, "de CBS-API")
    feed = service_url(feed_url or cbs_feed_url() or CBS_FEED_URL, "de CBS-bulkdienst")
    check_download_target(target)
    fetcher = Fetcher([pdok.replace("{year}", str(year)), api, feed], limits)
    with staging_folder(target, ".download-") as staging:
        try:
            fetch_boundaries(year, staging, base_url=pdok, fetcher=fetcher, progress=progress)
            step = f"[{len(LAYERS) + 1}/{len(LAYERS) + 1}] "
            progress(f"{step}kerncijfers {year} ophalen bij CBS (tabel {table_id}) …")
            columns, rows = fetch_odata_rows(
                table_id, fetcher=fetcher, api_url=api, feed_url=feed, progress=progress
            )
        except DownloadError as err:
            raise DownloadError(
                f"{err}; de download is afgebroken en er is niets vervangen"
            ) from err
        _fetch_pendel(year, staging, fetcher=fetcher, api_url=api, feed_url=feed, progress=progress)
        long_rows = kerncijfers_rows(rows, year, table_id, title)
        if not long_rows:
            raise DownloadError(
                f"CBS-tabel {table_id} gaf geen gemeenten terug; er is niets vervangen"
            )
        (staging / KWB_FILE.format(year=year)).write_bytes(kwb_csv(columns, rows))
        (staging / KERNCIJFERS_FILE).write_bytes(kerncijfers_csv(long_rows))
        progress("      alles controleren voordat iets wordt vervangen …")
        try:
            counts = validate_folder(staging, year, year, expected)
        except DownloadError as err:
            raise DownloadError(f"de download is ongeldig en er is niets vervangen: {err}") from err
        # the completion marker last: a half-moved cache is never taken for a complete one
        names = sorted(
            (p.name for p in staging.iterdir() if p.is_file()),
            key=lambda n: (n == CACHE_COMPLETE_FILE, n),
        )
        stale = [
            f"{layer}_{year}{ext}"
            for layer in LAYERS
            for ext in BOUNDARY_EXTENSIONS
            if ext != ".geojson" and (target / f"{layer}_{year}{ext}").is_file()
        ]
        replace_together(staging, target, names, remove=stale)
    results = []
    for name in sorted(names):
        features = counts[name.split("_")[0]] if name.endswith(".geojson") else len(long_rows)
        results.append(DownloadResult(target / name, (target / name).stat().st_size, features))
        progress(f"      {name}: {fmt_int(features)} rijen/gebieden, {fmt_size(results[-1].bytes)}")
    if derive is not None:
        write_derived(target, derive, progress)
    progress("Klaar. Het dashboard leest deze map als DASHBOARD_DATA_DIR niet is gezet.")
    return results


def write_derived(folder: Path, derive: Builder, progress: Progress = print) -> None:
    """The Kaart's first look (:mod:`dashboard.data.artefacts`) beside the data in ``folder``.

    Built after the data are in place, from all of ``folder``; when that fails the data still
    count, and the dashboard builds the same once when it first starts.
    """
    progress("      kaart en keuzes van de Kaart vooraf maken …")
    try:
        files = derived_files(folder, derive)
        with staging_folder(folder, ".derived-") as staging:
            for name, data in files.items():
                (staging / name).write_bytes(data)
            replace_together(staging, folder, sorted(files))
    except (DashboardError, OSError) as err:
        progress(f"      niet gelukt ({err}); het dashboard maakt ze bij de eerste start")
