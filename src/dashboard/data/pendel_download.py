"""``data download`` also fetches commuting: CBS 85481NED, the latest December up to the year.

The standard OData API refuses answers of more than 10,000 cells, and one December holds about
342 × 356 rows. The bulk feed (no cell limit, paged with ``odata.nextLink``) is asked first;
when it fails, the standard API is asked one woongemeente at a time (about 360 rows of four
columns each). Everything goes through the download's :class:`~dashboard.data.fetcher.Fetcher`
(size cap, deadline, only the configured services) and lands in the download's staging folder,
so it is replaced together with the rest or not at all.
"""

from __future__ import annotations

import re
import urllib.parse
from pathlib import Path
from typing import Any

from dashboard.core.codes import is_gemeente_code
from dashboard.core.errors import DataMissingError, DownloadError
from dashboard.data.fetcher import Fetcher, Progress
from dashboard.data.pendel_source import CURRENT_FILE, CURRENT_TABLE, current_csv, odata_flows

COLUMNS = ("WoonregioS", "WerkregioS", "Perioden", "BanenVanWerknemers_1")
_DECEMBER = re.compile(r"(\d{4})MM12")
#: fewer woongemeenten than this in an answer means it is not the whole table
MIN_GEMEENTEN = 300


def _keys(fetcher: Fetcher, url: str, what: str) -> list[str]:
    document = fetcher.get_json(url)
    if not isinstance(document, dict) or not isinstance(document.get("value"), list):
        raise DownloadError(f"CBS gaf geen lijst van {what} voor tabel {CURRENT_TABLE}")
    return [str(r.get("Key", "")).strip() for r in document["value"] if isinstance(r, dict)]


def latest_december(fetcher: Fetcher, api_url: str, year: int) -> str | None:
    """The latest ``YYYYMM12`` period of 85481NED not after ``year`` (None when there is none)."""
    keys = _keys(fetcher, f"{api_url}/{CURRENT_TABLE}/Perioden?$format=json", "perioden")
    decembers = sorted(
        k for k in keys if (m := _DECEMBER.fullmatch(k)) is not None and int(m.group(1)) <= year
    )
    return decembers[-1] if decembers else None


def _url(base: str, row_filter: str) -> str:
    query = {"$filter": row_filter, "$select": ",".join(COLUMNS), "$format": "json"}
    return f"{base}/{CURRENT_TABLE}/TypedDataSet?" + urllib.parse.urlencode(query, safe="(),'$")


def fetch_rows(
    fetcher: Fetcher, period: str, *, api_url: str, feed_url: str, progress: Progress
) -> list[dict[str, Any]]:
    """All gemeente rows of ``period``: from the bulk feed, else per woongemeente."""
    try:
        return fetcher.paged(
            _url(feed_url, f"Perioden eq '{period}' and startswith(WoonregioS,'GM')"),
            service=feed_url,
        )
    except DownloadError as err:
        progress(f"      bulkdienst gaf een fout ({err}); nu per woongemeente …")
    codes = [
        k
        for k in _keys(fetcher, f"{api_url}/{CURRENT_TABLE}/WoonregioS?$format=json", "gemeenten")
        if is_gemeente_code(k)
    ]
    rows: list[dict[str, Any]] = []
    for code in codes:
        rows += fetcher.paged(
            _url(api_url, f"WoonregioS eq '{code}' and Perioden eq '{period}'"), service=api_url
        )
    return rows


def fetch_pendel(
    year: int,
    staging: Path,
    *,
    fetcher: Fetcher,
    api_url: str,
    feed_url: str,
    progress: Progress,
) -> Path | None:
    """Write the latest December up to ``year`` into ``staging``; returns the file written.

    Returns None (and says why) when the table has no December up to ``year``.

    Raises
    ------
    DownloadError
        The service failed, or its answer is not a whole, valid December.
    """
    period = latest_december(fetcher, api_url, year)
    if period is None:
        progress(f"      CBS {CURRENT_TABLE} heeft geen december tot en met {year}")
        return None
    progress(f"      pendel: banen van werknemers {period[:4]} (CBS {CURRENT_TABLE}) …")
    rows = fetch_rows(fetcher, period, api_url=api_url, feed_url=feed_url, progress=progress)
    try:
        flows = odata_flows(rows, period)
    except DataMissingError as err:
        raise DownloadError(str(err)) from err
    woon = {w for w, _ in flows}
    if len(woon) < MIN_GEMEENTEN:
        raise DownloadError(
            f"CBS {CURRENT_TABLE} gaf banen voor {len(woon)} woongemeenten; verwacht ten minste "
            f"{MIN_GEMEENTEN}"
        )
    path = staging / CURRENT_FILE.format(year=int(period[:4]))
    path.write_bytes(current_csv(flows, int(period[:4])))
    return path
