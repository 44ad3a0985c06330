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
:func:`dashboard.data_check.check_folder`): areas per layer, coordinates inside the Netherlands,
every gemeente of the boundaries present in the figures, every gemeente in exactly one region.
Then all files are replaced together (:func:`dashboard.safe_files.replace_together`); if a move
fails, the previous files are put back.

Reusable for another CBS table: :class:`Fetcher` (``get``, ``get_json``, ``paged``),
:func:`fetch_odata_table` (columns and rows of an OData table within the fetcher's limits),
:func:`dashboard.safe_files.staging_folder` and :func:`dashboard.safe_files.replace_together`.
"""

from __future__ import annotations

import contextlib
import csv
import io
import ipaddress
import json
import os
import re
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
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
)
from dashboard.codes import is_gemeente_code
from dashboard.config import CACHE_COMPLETE_FILE, cbs_feed_url, cbs_odata_url
from dashboard.config import pdok_url as config_pdok_url
from dashboard.data_check import check_folder, is_data_folder
from dashboard.errors import DashboardError, DownloadError, ValidationError
from dashboard.formatting import fmt_number
from dashboard.safe_files import check_output_folder, replace_together, staging_folder

PDOK_WFS_URL = "https://service.pdok.nl/cbs/gebiedsindelingen/{year}/wfs/v1_0"
CBS_ODATA_URL = "https://opendata.cbs.nl/ODataApi/odata"
CBS_FEED_URL = "https://opendata.cbs.nl/ODataFeed/odata"
#: The standard API refuses a request of more than this many cells.
CELL_LIMIT = 10_000
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
class DownloadLimits:
    """What one download may take from the services; tests pass small values.

    Not user input (that is :mod:`dashboard.limits`): caps that keep a hostile or broken service
    from holding the download or the machine."""

    #: bytes of one response (the largest real one, the gemeente layer, is a few MB)
    max_bytes: int = 256 * 1024 * 1024
    #: seconds for the whole download, however slowly the bytes come
    deadline_s: float = 30 * 60.0
    #: seconds one read of the network may wait
    read_timeout_s: float = 120.0
    #: another try after a server error or a dropped connection, with a growing pause
    retries: int = 2
    retry_pause_s: float = 0.5


@dataclass(frozen=True)
class DownloadResult:
    path: Path
    bytes: int
    features: int


def service_url(url: str, what: str) -> str:
    """A configured service base URL, checked: ``http(s)://host/...`` with at most ``{year}``.

    Raises :class:`ValidationError` (one Dutch line) for anything else.
    """
    text = url.strip()
    parts = urllib.parse.urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValidationError(
            f"het adres van {what} moet met http:// of https:// beginnen en een server noemen"
        )
    if re.search(r"[{}]", text.replace("{year}", "")):
        raise ValidationError(
            f"het adres van {what} mag alleen {{year}} als invulplaats bevatten (voor het jaar)"
        )
    if re.search(r"\s", text):
        raise ValidationError(f"het adres van {what} mag geen spaties of regeleinden bevatten")
    return text


def short_url(url: str) -> str:
    """``url`` without its query (which may be long, or come from a remote next link)."""
    parts = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))


def _origin(url: str) -> tuple[str, str]:
    parts = urllib.parse.urlsplit(url)
    return parts.scheme.lower(), parts.netloc.lower()


def _addresses(host: str) -> set[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        return set()
    out = set()
    for info in infos:
        with contextlib.suppress(ValueError):
            out.add(ipaddress.ip_address(str(info[4][0]).split("%")[0]))
    return out


def redirect_allowed(url: str, service_addresses: set[Any]) -> bool:
    """Whether a redirect to ``url`` may be followed.

    Only http(s). An address that is not public (loopback, private, link-local, ...) only when
    the configured service itself runs on exactly that address (a stand-in on 127.0.0.1 in a
    test, a mirror in the own network): a public service cannot send the download into the LAN.
    """
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return False
    targets = _addresses(parts.hostname)
    return all(a.is_global or a in service_addresses for a in targets)


class _RedirectGuard(urllib.request.HTTPRedirectHandler):
    def __init__(self, service_addresses: set[Any]) -> None:
        super().__init__()
        self.service_addresses = service_addresses

    def redirect_request(
        self, req: urllib.request.Request, fp: Any, code: int, msg: str, headers: Any, newurl: str
    ) -> urllib.request.Request | None:
        if not redirect_allowed(newurl, self.service_addresses):
            raise DownloadError(
                f"{short_url(req.full_url)} verwijst door naar een adres dat het dashboard niet "
                "volgt (geen http(s), of een adres in een eigen netwerk)"
            )
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _unreachable(url: str, err: BaseException) -> str:
    reason = err.reason if isinstance(err, urllib.error.URLError) else err
    if isinstance(reason, (TimeoutError, socket.timeout)):
        why = "reageerde niet op tijd"
    elif isinstance(reason, ConnectionRefusedError):
        why = "weigert de verbinding"
    elif isinstance(reason, socket.gaierror):
        why = "de servernaam is onbekend"
    else:
        why = "de verbinding mislukte"
    return f"{short_url(url)} is niet bereikbaar ({why}); controleer de internetverbinding"


class Fetcher:
    """HTTP GETs for one download: within :class:`DownloadLimits`, only to the configured services.

    Parameters
    ----------
    services
        The configured base URLs (checked with :func:`service_url`). Redirects to a non-public
        address are followed only when one of these runs on it.
    limits
        Size per response, deadline for everything this fetcher does (from its creation),
        read timeout and retries.
    """

    def __init__(self, services: Iterable[str], limits: DownloadLimits | None = None) -> None:
        self.limits = limits or DownloadLimits()
        self.deadline = time.monotonic() + self.limits.deadline_s
        addresses: set[Any] = set()
        for base in services:
            host = urllib.parse.urlsplit(base).hostname
            if host:
                addresses |= _addresses(host)
        self._opener = urllib.request.build_opener(_RedirectGuard(addresses))

    def _remaining(self, url: str) -> float:
        left = self.deadline - time.monotonic()
        if left <= 0:
            minutes = self.limits.deadline_s / 60
            raise DownloadError(
                f"de download duurde langer dan {fmt_number(minutes, 1)} minuten (bij "
                f"{short_url(url)})"
            )
        return left

    def _read(self, response: Any, url: str) -> bytes:
        cap = self.limits.max_bytes
        too_big = DownloadError(
            f"{short_url(url)} stuurde meer dan {fmt_number(cap / 1_000_000, 1)} MB"
        )
        declared = response.headers.get("Content-Length")
        if declared and declared.strip().isdigit() and int(declared) > cap:
            raise too_big
        chunks: list[bytes] = []
        total = 0
        while True:
            self._remaining(url)
            chunk = response.read1(64 * 1024)
            if not chunk:
                return b"".join(chunks)
            total += len(chunk)
            if total > cap:
                raise too_big
            chunks.append(chunk)

    def get(self, url: str) -> bytes:
        """The body of ``url`` (HTTP 200), or :class:`DownloadError` with a Dutch reason.

        A remote error body is never shown: it may say anything.
        """
        if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
            raise DownloadError("het dashboard haalt alleen gegevens op via http:// of https://")
        request = urllib.request.Request(
            url, headers={"User-Agent": "arbeidsmarktregio-dashboard", "Accept": "application/json"}
        )
        last = ""
        for attempt in range(self.limits.retries + 1):
            timeout = min(self.limits.read_timeout_s, self._remaining(url))
            try:
                with self._opener.open(request, timeout=timeout) as response:
                    return self._read(response, url)
            except urllib.error.HTTPError as err:
                err.close()
                last = f"{short_url(url)} gaf HTTP-fout {err.code}"
                if 400 <= err.code < 500:
                    raise DownloadError(last) from err  # does not get better by retrying
            except (urllib.error.URLError, TimeoutError, OSError) as err:
                last = _unreachable(url, err)
            if attempt < self.limits.retries:
                time.sleep(min(self.limits.retry_pause_s * (attempt + 1), self._remaining(url)))
        raise DownloadError(last)

    def get_json(self, url: str) -> Any:
        try:
            return json.loads(self.get(url))
        except ValueError as err:
            if isinstance(err, DownloadError):
                raise
            raise DownloadError(f"{short_url(url)} gaf geen geldige JSON terug") from err

    def paged(self, url: str, *, service: str) -> list[dict[str, Any]]:
        """The ``value`` rows of an OData answer and of every page its ``odata.nextLink`` names.

        A next link to another scheme or server than ``service`` is refused.
        """
        rows: list[dict[str, Any]] = []
        next_url: Any = url
        for _ in range(MAX_PAGES):
            if not next_url:
                return rows
            if not isinstance(next_url, str) or _origin(next_url) != _origin(service):
                raise DownloadError(
                    f"de dienst {service} verwees voor de volgende pagina naar een ander adres; "
                    "dat volgt het dashboard niet"
                )
            document = self.get_json(next_url)
            if not isinstance(document, dict) or not isinstance(document.get("value"), list):
                raise DownloadError(
                    f"{service} gaf een onverwacht antwoord (veld 'value' ontbreekt)"
                )
            rows.extend(r for r in document["value"] if isinstance(r, dict))
            next_url = document.get("odata.nextLink") or document.get("@odata.nextLink")
        raise DownloadError(f"{service} bleef na {MAX_PAGES} pagina's doorverwijzen")


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
    """Check a staged download as a whole (:func:`dashboard.data_check.check_folder`, all
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
    from dashboard.pendel_download import fetch_pendel

    try:
        fetch_pendel(year, staging, **kwargs)
    except DownloadError as err:
        kwargs["progress"](f"      pendel niet opgehaald ({err}); de rest gaat door")


def check_download_target(target: Path) -> Path:
    """Refuse a target folder before anything is fetched: it must be new, empty or a data
    folder (see :func:`dashboard.safe_files.check_output_folder`)."""
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
) -> list[DownloadResult]:
    """Boundaries and kerncijfers of ``year`` into ``target``: all files, or none.

    Files of another format for the same layer and year (which would be read before the new
    GeoJSON) are replaced too; every other file in ``target`` stays.
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
        progress(f"      {name}: {features} rijen/gebieden, {results[-1].bytes / 1024:.0f} kB")
    progress("Klaar. Het dashboard leest deze map als DASHBOARD_DATA_DIR niet is gezet.")
    return results
