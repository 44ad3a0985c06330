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

Nothing is moved into place before *everything* is checked: feature counts per layer,
coordinates inside the Netherlands (catches swapped axes and bogus geometry), every gemeente of
the boundaries present in the figures, every gemeente in exactly one region. Then all files are
replaced together; if a move fails, the previous files are put back.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from dashboard.cbs import (
    BOUNDARY_EXTENSIONS,
    KERNCIJFERS_FILE,
    KWB_COLUMNS,
    KWB_FILE,
    KWB_TABLES,
    LAYERS,
    base_name,
    read_kerncijfers,
    read_kwb,
    read_layer,
)
from dashboard.config import CACHE_COMPLETE_FILE, cbs_feed_url, cbs_odata_url, pdok_url
from dashboard.errors import DashboardError, DownloadError

PDOK_WFS_URL = "https://service.pdok.nl/cbs/gebiedsindelingen/{year}/wfs/v1_0"
CBS_ODATA_URL = "https://opendata.cbs.nl/ODataApi/odata"
CBS_FEED_URL = "https://opendata.cbs.nl/ODataFeed/odata"
#: The standard API refuses a request of more than this many cells.
CELL_LIMIT = 10_000
#: Features per layer in the CBS gebiedsindelingen (2023–2025 all have these counts).
EXPECTED_FEATURES: Mapping[str, int] = {"arbeidsmarktregio": 35, "gemeente": 342, "provincie": 12}
#: Longitude/latitude box around the Netherlands (incl. the Wadden and the Zeeland coast).
NL_BOUNDS = (3.2, 50.7, 7.3, 53.7)
#: Identifying columns asked for besides :data:`dashboard.cbs.KWB_COLUMNS`.
KEY_COLUMNS = ("WijkenEnBuurten", "Gemeentenaam", "SoortRegio")
MAX_PAGES = 200

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

Progress = Callable[[str], None]


@dataclass(frozen=True)
class DownloadResult:
    path: Path
    bytes: int
    features: int


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def service_message(body: bytes) -> str:
    """The service's own explanation from an error body (OData JSON, XML/HTML or text)."""
    text = body.decode("utf-8", errors="replace").strip()
    try:
        doc = json.loads(text)
    except ValueError:
        doc = None
    if isinstance(doc, dict):
        error = doc.get("odata.error") or doc.get("error") or {}
        message = error.get("message") if isinstance(error, dict) else error
        if isinstance(message, dict):
            message = message.get("value")
        if message:
            text = str(message)
    if "<" in text:
        parser = _Text()
        parser.feed(text)
        text = " ".join(" ".join(parser.parts).split())
    text = " ".join(text.split())
    return text[:300] + ("…" if len(text) > 300 else "")


def _get(url: str, timeout: float, retries: int = 2) -> bytes:
    request = urllib.request.Request(
        url, headers={"User-Agent": "arbeidsmarktregio-dashboard", "Accept": "application/json"}
    )
    last = ""
    for attempt in range(retries + 1):
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return bytes(response.read())
        except urllib.error.HTTPError as err:
            try:
                detail = service_message(err.read())
            except OSError:
                detail = ""
            message = f"{url} gaf HTTP-fout {err.code}" + (f": {detail}" if detail else "")
            if 400 <= err.code < 500 or detail:
                # a client error, or a server that says why, does not get better by retrying
                raise DownloadError(message) from err
            last = message
        except (urllib.error.URLError, TimeoutError, OSError) as err:
            last = f"{url} is niet bereikbaar ({err}); controleer de internetverbinding"
        if attempt < retries:
            time.sleep(0.5 * (attempt + 1))
    raise DownloadError(last)


def _get_json(url: str, timeout: float) -> Any:
    payload = _get(url, timeout)
    try:
        return json.loads(payload)
    except ValueError as err:
        raise DownloadError(f"{url} gaf geen geldige JSON terug ({err})") from err


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
    year: int, staging: Path, *, base_url: str | None, timeout: float, progress: Progress
) -> list[Path]:
    base = (base_url or pdok_url() or PDOK_WFS_URL).format(year=year)
    paths = []
    for i, layer in enumerate(LAYERS, start=1):
        progress(f"[{i}/{len(LAYERS) + 1}] {layer}grenzen {year} ophalen bij PDOK …")
        path = staging / f"{layer}_{year}.geojson"
        path.write_bytes(_get(wfs_url(base, layer), timeout))
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
        raise DownloadError(f"{path.name} is geen leesbare kaartlaag ({err})") from err
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


def _paged(url: str, timeout: float) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    next_url: str | None = url
    for _ in range(MAX_PAGES):
        if not next_url:
            return rows
        document = _get_json(next_url, timeout)
        if not isinstance(document, dict) or not isinstance(document.get("value"), list):
            raise DownloadError("CBS gaf een onverwacht antwoord (veld 'value' ontbreekt)")
        rows.extend(r for r in document["value"] if isinstance(r, dict))
        next_url = document.get("odata.nextLink") or document.get("@odata.nextLink")
    raise DownloadError(f"CBS bleef na {MAX_PAGES} pagina's doorverwijzen; download afgebroken")


def _query(columns: list[str]) -> str:
    return urllib.parse.urlencode(
        {
            "$filter": "startswith(WijkenEnBuurten,'GM')",
            "$select": ",".join(columns),
            "$format": "json",
        },
        safe="(),'$",
    )


def fetch_odata_rows(
    table_id: str,
    *,
    api_url: str | None = None,
    feed_url: str | None = None,
    timeout: float = 120.0,
    progress: Progress = print,
) -> tuple[list[str], list[dict[str, Any]]]:
    """Selected columns and the gemeente rows of ``table_id``."""
    api = api_url or cbs_odata_url() or CBS_ODATA_URL
    feed = feed_url or cbs_feed_url() or CBS_FEED_URL
    properties = _get_json(f"{api}/{table_id}/DataProperties?$format=json", timeout)
    if not isinstance(properties, dict) or not isinstance(properties.get("value"), list):
        raise DownloadError(f"CBS gaf geen kolomlijst (DataProperties) voor tabel {table_id}")
    columns = select_columns(properties["value"])
    key = next(c for c in columns if base_name(c) == "WijkenEnBuurten")
    try:
        return columns, _paged(f"{feed}/{table_id}/TypedDataSet?{_query(columns)}", timeout)
    except DownloadError as err:
        progress(f"      bulkdienst gaf een fout ({err}); nu in delen via de standaard-API …")
    # The standard API counts rows × columns; ~400 gemeente rows leave room for 24 columns.
    per_request = max(1, CELL_LIMIT // 400 - 1)
    others = [c for c in columns if c != key]
    merged: dict[str, dict[str, Any]] = {}
    for start in range(0, len(others), per_request):
        part = [key, *others[start : start + per_request]]
        for row in _paged(f"{api}/{table_id}/TypedDataSet?{_query(part)}", timeout):
            merged.setdefault(str(row.get(key, "")), {}).update(row)
    return columns, list(merged.values())


def _cell(value: Any) -> str:
    return "" if value is None else str(value)


def kwb_csv(columns: list[str], rows: list[dict[str, Any]]) -> bytes:
    """The rows in the OData shape of ``kwb_<year>_gemeente.csv`` (gemeente rows only)."""
    key = next(c for c in columns if base_name(c) == "WijkenEnBuurten")
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        if re.fullmatch(r"GM\d{4}", str(row.get(key, "")).strip()):
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
        if not re.fullmatch(r"GM\d{4}", code):
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
    """Check a staged download as a whole; returns features per layer.

    Raises :class:`DownloadError` naming the first problem found.
    """
    from dashboard.geo import derive_membership

    expected = EXPECTED_FEATURES if expected is None else expected
    counts: dict[str, int] = {}
    frames = {}
    try:
        for layer in LAYERS:
            frame = read_layer(layer, year, folder)
            want = expected.get(layer)
            if want is not None and len(frame) != want:
                raise DownloadError(
                    f"de laag {layer} heeft {len(frame)} gebieden in plaats van {want}"
                )
            minx, miny, maxx, maxy = frame.total_bounds
            west, south, east, north = NL_BOUNDS
            if not (west <= minx and maxx <= east and south <= miny and maxy <= north):
                raise DownloadError(
                    f"de coördinaten van laag {layer} liggen niet in Nederland "
                    f"({minx:.2f}, {miny:.2f} – {maxx:.2f}, {maxy:.2f}); "
                    "zijn lengte- en breedtegraad verwisseld?"
                )
            if frame.geometry.is_empty.any() or frame.geometry.isna().any():
                raise DownloadError(f"de laag {layer} bevat gebieden zonder geometrie")
            counts[layer] = len(frame)
            frames[layer] = frame
        kwb = read_kwb(kwb_year, folder)
        read_kerncijfers(folder)
        missing = sorted(set(frames["gemeente"]["code"]) - set(kwb["gemeente_code"]))
        if missing:
            shown = ", ".join(missing[:5]) + (" …" if len(missing) > 5 else "")
            raise DownloadError(
                f"{len(missing)} gemeente(n) van de grenzen ontbreken in de CBS-cijfers: {shown}"
            )
        derive_membership(frames["gemeente"], frames["arbeidsmarktregio"])
    except DownloadError:
        raise
    except DashboardError as err:
        raise DownloadError(str(err)) from err
    return counts


# --- putting it together -------------------------------------------------------------------------
def _replace_together(staging: Path, target: Path, names: list[str], year: int) -> None:
    """Move the staged files into ``target``; all of them, or (on failure) none."""
    backup = staging / ".vorige"
    backup.mkdir()
    # Files of another format for the same layer would be read before the new GeoJSON.
    stale = [
        target / f"{layer}_{year}{ext}"
        for layer in LAYERS
        for ext in BOUNDARY_EXTENSIONS
        if ext != ".geojson" and (target / f"{layer}_{year}{ext}").is_file()
    ]
    moved: list[str] = []
    saved: list[Path] = []
    try:
        for path in [*(target / n for n in names), *stale]:
            if path.is_file():
                os.replace(path, backup / path.name)
                saved.append(path)
        # the completion marker last: a half-moved cache is never taken for a complete one
        for name in sorted(names, key=lambda n: n == CACHE_COMPLETE_FILE):
            os.replace(staging / name, target / name)
            moved.append(name)
    except OSError as err:
        for name in moved:
            (target / name).unlink(missing_ok=True)
        for path in saved:
            os.replace(backup / path.name, path)
        raise DownloadError(f"de bestanden konden niet in {target} worden gezet ({err})") from err


def download_all(
    year: int,
    target: Path,
    *,
    pdok_url: str | None = None,
    cbs_url: str | None = None,
    feed_url: str | None = None,
    progress: Progress = print,
    expected: Mapping[str, int] | None = None,
    timeout: float = 120.0,
) -> list[DownloadResult]:
    """Boundaries and kerncijfers of ``year`` into ``target``: all files, or none."""
    table_id, title = table_for(year)
    target.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=target, prefix=".download-"))
    try:
        fetch_boundaries(year, staging, base_url=pdok_url, timeout=timeout, progress=progress)
        step = f"[{len(LAYERS) + 1}/{len(LAYERS) + 1}] "
        progress(f"{step}kerncijfers {year} ophalen bij CBS (tabel {table_id}) …")
        columns, rows = fetch_odata_rows(
            table_id, api_url=cbs_url, feed_url=feed_url, timeout=timeout, progress=progress
        )
        long_rows = kerncijfers_rows(rows, year, table_id, title)
        if not long_rows:
            raise DownloadError(f"CBS-tabel {table_id} gaf geen gemeenten terug")
        (staging / KWB_FILE.format(year=year)).write_bytes(kwb_csv(columns, rows))
        (staging / KERNCIJFERS_FILE).write_bytes(kerncijfers_csv(long_rows))
        progress("      alles controleren voordat iets wordt vervangen …")
        try:
            counts = validate_folder(staging, year, year, expected)
        except DownloadError as err:
            raise DownloadError(f"de download is ongeldig en er is niets vervangen: {err}") from err
        names = sorted(p.name for p in staging.iterdir() if p.is_file())
        _replace_together(staging, target, names, year)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    results = []
    for name in names:
        features = counts[name.split("_")[0]] if name.endswith(".geojson") else len(long_rows)
        results.append(DownloadResult(target / name, (target / name).stat().st_size, features))
        progress(f"      {name}: {features} rijen/gebieden, {results[-1].bytes / 1024:.0f} kB")
    progress("Klaar. Het dashboard leest deze map als DASHBOARD_DATA_DIR niet is gezet.")
    return results
