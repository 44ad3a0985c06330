"""Download the CBS layers from the publishers into the local cache.

* Boundaries: PDOK's CBS gebiedsindelingen WFS (generalised layers), as GeoJSON in EPSG:4326,
  written as ``<layer>_<year>.geojson``.
* Kerncijfers: CBS open data (OData v3, table ``85984NED`` "Kerncijfers wijken en buurten 2024"),
  written in the long format of ``gemeente_kerncijfers.csv``.

Each file is written to a temporary name, checked by reading it back, and only then moved into
place, so a failed download never damages a working data folder.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dashboard.cbs import KERNCIJFERS_FILE, LAYERS, read_kerncijfers, read_layer
from dashboard.config import cbs_odata_url, pdok_url
from dashboard.errors import DashboardError, DownloadError

PDOK_WFS_URL = "https://service.pdok.nl/cbs/gebiedsindelingen/{year}/wfs/v1_0"
CBS_ODATA_URL = "https://opendata.cbs.nl/ODataApi/odata"
#: Kerncijfers table per peiljaar (the CBS table id and its title).
KERNCIJFERS_TABLES = {2024: ("85984NED", "Kerncijfers wijken en buurten 2024")}
DEFAULT_KERNCIJFERS_YEAR = 2024

#: CBS OData column (without its ``_<n>`` suffix) → our column
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


def _get(url: str, timeout: float, retries: int = 2) -> bytes:
    request = urllib.request.Request(
        url, headers={"User-Agent": "arbeidsmarktregio-dashboard", "Accept": "application/json"}
    )
    last: Exception | None = None
    for attempt in range(retries + 1):
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return bytes(response.read())
        except urllib.error.HTTPError as err:
            if 400 <= err.code < 500:  # a client error does not get better by retrying
                raise DownloadError(f"{url} gaf HTTP-fout {err.code} ({err.reason})") from err
            last = err
        except (urllib.error.URLError, TimeoutError, OSError) as err:
            last = err
        if attempt < retries:
            time.sleep(0.5 * (attempt + 1))
    raise DownloadError(f"{url} is niet bereikbaar ({last}); controleer de internetverbinding")


def _write_checked(target: Path, payload: bytes, check: Callable[[Path], int]) -> DownloadResult:
    """Write ``payload`` under its final name in a private temporary folder next to ``target``,
    let ``check(folder)`` read it back, and only then move it into place."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=".download-") as tmp:
        staged = Path(tmp) / target.name
        staged.write_bytes(payload)
        try:
            features = check(Path(tmp))
        except DashboardError as err:
            raise DownloadError(
                f"het gedownloade bestand voor {target.name} is ongeldig: {err}"
            ) from err
        os.replace(staged, target)
    return DownloadResult(target, len(payload), features)


def wfs_url(base: str, layer: str) -> str:
    query = urllib.parse.urlencode(
        {
            "service": "WFS",
            "version": "2.0.0",
            "request": "GetFeature",
            "typeNames": f"gebiedsindelingen:{layer}_gegeneraliseerd",
            "outputFormat": "application/json",
            "srsName": "EPSG:4326",
        }
    )
    return f"{base}?{query}"


def download_boundaries(
    year: int,
    target: Path,
    *,
    base_url: str | None = None,
    timeout: float = 60.0,
    progress: Progress = print,
) -> list[DownloadResult]:
    """Fetch the three generalised layers of ``year`` from PDOK into ``target``."""
    base = (base_url or pdok_url() or PDOK_WFS_URL).format(year=year)
    results = []
    for i, layer in enumerate(LAYERS, start=1):
        progress(f"[{i}/{len(LAYERS) + 1}] {layer}grenzen {year} ophalen bij PDOK …")
        payload = _get(wfs_url(base, layer), timeout)
        path = target / f"{layer}_{year}.geojson"

        def count(folder: Path, layer: str = layer) -> int:
            return len(read_layer(layer, year, folder))

        result = _write_checked(path, payload, count)
        progress(f"      {result.features} gebieden, {result.bytes / 1024:.0f} kB → {path}")
        results.append(result)
    return results


def _odata_rows(url: str, timeout: float) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    next_url: str | None = url
    pages = 0
    while next_url and pages < 50:
        try:
            document = json.loads(_get(next_url, timeout))
        except json.JSONDecodeError as err:
            raise DownloadError(f"CBS gaf geen geldige JSON terug ({err})") from err
        if not isinstance(document, dict) or not isinstance(document.get("value"), list):
            raise DownloadError("CBS gaf een onverwacht antwoord (veld 'value' ontbreekt)")
        rows.extend(document["value"])
        next_url = document.get("odata.nextLink")
        pages += 1
    return rows


def _number(value: Any) -> float | None:
    if value is None or value == "":
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
        code = str(row.get("WijkenEnBuurten", "")).strip()
        if not re.fullmatch(r"GM\d{4}", code):
            continue
        record: dict[str, Any] = {c: None for c in CSV_COLUMNS}
        record.update(gemeente_code=code, jaar=year, bron=f"CBS {table_id} {title}")
        record["gemeente_naam"] = str(row.get("Gemeentenaam_1") or row.get("Gemeentenaam") or "")
        record["gemeente_naam"] = record["gemeente_naam"].strip() or code
        for key, value in row.items():
            base = re.sub(r"_\d+$", "", key)
            if base in ODATA_COLUMNS:
                record[ODATA_COLUMNS[base]] = _number(value)
        land = record["oppervlakte_land_ha"]
        record["oppervlakte_land_km2"] = round(land / 100, 2) if land is not None else None
        out.append(record)
    return out


def download_kerncijfers(
    target: Path,
    *,
    year: int = DEFAULT_KERNCIJFERS_YEAR,
    base_url: str | None = None,
    timeout: float = 120.0,
    progress: Progress = print,
    step: str = "",
) -> DownloadResult:
    """Fetch the gemeente rows of the kerncijfers table from CBS open data."""
    if year not in KERNCIJFERS_TABLES:
        known = ", ".join(str(y) for y in KERNCIJFERS_TABLES)
        raise DownloadError(f"geen kerncijferstabel bekend voor {year}; bekend: {known}")
    table_id, title = KERNCIJFERS_TABLES[year]
    base = base_url or cbs_odata_url() or CBS_ODATA_URL
    query = urllib.parse.urlencode(
        {"$filter": "startswith(WijkenEnBuurten,'GM')", "$format": "json"}
    )
    progress(f"{step}kerncijfers {year} ophalen bij CBS (tabel {table_id}) …")
    rows = kerncijfers_rows(
        _odata_rows(f"{base}/{table_id}/TypedDataSet?{query}", timeout), year, table_id, title
    )
    if not rows:
        raise DownloadError(f"CBS-tabel {table_id} gaf geen gemeenten terug")
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for record in rows:
        writer.writerow({k: ("" if v is None else v) for k, v in record.items()})
    result = _write_checked(
        target / KERNCIJFERS_FILE,
        buffer.getvalue().encode("utf-8"),
        lambda folder: len(read_kerncijfers(folder)),
    )
    progress(f"      {result.features} gemeenten, {result.bytes / 1024:.0f} kB → {result.path}")
    return result


def download_all(
    year: int,
    target: Path,
    *,
    pdok_url: str | None = None,
    cbs_url: str | None = None,
    progress: Progress = print,
) -> list[DownloadResult]:
    """Boundaries of ``year`` and the latest kerncijfers into ``target``."""
    results = download_boundaries(year, target, base_url=pdok_url, progress=progress)
    results.append(
        download_kerncijfers(
            target,
            base_url=cbs_url,
            progress=progress,
            step=f"[{len(LAYERS) + 1}/{len(LAYERS) + 1}] ",
        )
    )
    progress("Klaar. Start het dashboard; het leest deze map als DASHBOARD_DATA_DIR niet is gezet.")
    return results
