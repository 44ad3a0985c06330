"""Fetching CBS 85481NED against a stand-in on 127.0.0.1 that behaves like the real service.

The stand-in answers in the real response shape (the rows of
``shared/data/pendel/cbs_85481NED_sample_rotterdam.json``, codes padded to 10 characters as CBS
does, ``Key`` lists for Perioden and WoonregioS), and its standard API refuses any answer of more
than 10,000 cells with an HTTP 500, as the real one does. The bulk feed pages with
``odata.nextLink``, or is down (``Handler.feed_down``).
"""

from __future__ import annotations

import json
import threading
import urllib.parse
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest

from dashboard.core.errors import DownloadError
from dashboard.data.fetcher import DownloadLimits, Fetcher
from dashboard.data.pendel_download import fetch_pendel
from dashboard.data.pendel_source import CURRENT_FILE
from dashboard.region.pendel import load_pendel

SAMPLE = (
    Path(__file__).resolve().parents[2]
    / "shared"
    / "data"
    / "pendel"
    / "cbs_85481NED_sample_rotterdam.json"
)
CELL_LIMIT = 10_000
PAGE_SIZE = 5_000
FAST = DownloadLimits(max_bytes=20_000_000, deadline_s=120.0, read_timeout_s=5.0, retries=0)
#: 342 woongemeenten as in the real table: Rotterdam from the sample, the others a copy of its
#: row with their own code (the figures do not matter here, the shape and the count do)
CODES = ["GM0599", *(f"GM{n:04d}" for n in range(1000, 1341))]


def _rows() -> list[dict[str, Any]]:
    sample = json.loads(SAMPLE.read_text(encoding="utf-8"))
    rows = []
    for code in CODES:
        for row in sample:
            rows.append(
                {
                    **row,
                    "WoonregioS": code.ljust(10),
                    "WerkregioS": row["WerkregioS"].ljust(10),
                    "Perioden": row["Perioden"].ljust(10),
                }
            )
    return rows


class Handler(BaseHTTPRequestHandler):
    rows: ClassVar[list[dict[str, Any]]] = []
    feed_down: ClassVar[bool] = False
    requests: ClassVar[list[str]] = []

    def log_message(self, *args: Any) -> None:
        pass

    def _json(self, doc: Any, status: int = 200) -> None:
        body = json.dumps(doc).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        url = urllib.parse.urlsplit(self.path)
        query = dict(urllib.parse.parse_qsl(url.query))
        type(self).requests.append(self.path)
        if not url.path.startswith(("/api/", "/feed/")):
            return self._json({"odata.error": "niet gevonden"}, 404)
        if url.path.endswith("/85481NED/Perioden"):
            keys = ["2023JJ00", "2023MM12", "2024MM11", "2024MM12", "2025MM06"]
            return self._json({"value": [{"Key": k.ljust(8)} for k in keys]})
        if url.path.endswith("/85481NED/WoonregioS"):
            keys = [*CODES, "NL01", "PV28"]
            return self._json({"value": [{"Key": k.ljust(10)} for k in keys]})
        if not url.path.endswith("/85481NED/TypedDataSet"):
            return self._json({"odata.error": "niet gevonden"}, 404)
        rows = self._filtered(query.get("$filter", ""))
        columns = len(query.get("$select", "").split(",")) if "$select" in query else 6
        if url.path.startswith("/feed/"):
            if type(self).feed_down:
                return self._json({"odata.error": "feed down"}, 500)
            start = int(query.get("$skip", "0"))
            page = rows[start : start + PAGE_SIZE]
            doc: dict[str, Any] = {"value": page}
            if start + PAGE_SIZE < len(rows):
                host = f"http://{self.server.server_address[0]}:{self.server.server_address[1]}"
                more = urllib.parse.urlencode({**query, "$skip": start + PAGE_SIZE}, safe="(),'$")
                doc["odata.nextLink"] = f"{host}{url.path}?{more}"
            return self._json(doc)
        if len(rows) * columns > CELL_LIMIT:
            return self._json(
                {"odata.error": {"message": {"value": "The limit of 10000 cells is exceeded"}}},
                500,
            )
        return self._json({"value": rows})

    def _filtered(self, text: str) -> list[dict[str, Any]]:
        period = text.split("Perioden eq '")[1].split("'")[0] if "Perioden eq '" in text else None
        woon = text.split("WoonregioS eq '")[1].split("'")[0] if "WoonregioS eq '" in text else None
        return [
            row
            for (row_period, row_woon), rows in _index(type(self).rows).items()
            if (period is None or row_period == period) and (woon is None or row_woon == woon)
            for row in rows
        ]


_INDEXED: dict[int, tuple[list[dict[str, Any]], dict[tuple[str, str], list[dict[str, Any]]]]] = {}


def _index(rows: list[dict[str, Any]]) -> dict[tuple[str, str], list[dict[str, Any]]]:
    """The stand-in's rows (only the columns it serves) by (period, woongemeente), built once per
    row list: a filter per woongemeente then looks at a few hundred rows, not all 122,000."""
    known = _INDEXED.get(id(rows))
    if known is None or known[0] is not rows:
        index: dict[tuple[str, str], list[dict[str, Any]]] = {}
        for r in rows:
            served = {
                k: r[k] for k in ("WoonregioS", "WerkregioS", "Perioden", "BanenVanWerknemers_1")
            }
            index.setdefault((r["Perioden"].strip(), r["WoonregioS"].strip()), []).append(served)
        known = _INDEXED[id(rows)] = (rows, index)
    return known[1]


@pytest.fixture(scope="module")
def service() -> Iterator[str]:
    if not SAMPLE.is_file():
        pytest.skip(f"{SAMPLE} is niet aanwezig")
    Handler.rows = _rows()
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def _fetch(service: str, tmp_path: Path, year: int = 2025) -> tuple[Path | None, list[str]]:
    said: list[str] = []
    api, feed = f"{service}/api", f"{service}/feed"
    path = fetch_pendel(
        year,
        tmp_path,
        fetcher=Fetcher([api, feed], FAST),
        api_url=api,
        feed_url=feed,
        progress=said.append,
    )
    return path, said


@pytest.mark.parametrize("feed_down", [False, pytest.param(True, marks=pytest.mark.slow)])
def test_latest_december_whole_and_within_the_cap(service, tmp_path, feed_down) -> None:
    Handler.feed_down = feed_down
    Handler.requests = []
    path, said = _fetch(service, tmp_path, year=2024)
    assert path == tmp_path / CURRENT_FILE.format(year=2024)
    data = load_pendel(current_folder=tmp_path)
    assert data.tables[2024] == "85481NED"
    row = data.flows[2024]["GM0599"]
    assert sum(row.values()) == 3074 and row["GM0599"] == 1732  # the sample: 307.4 and 173.2
    assert len(data.flows[2024]) == len(CODES)
    per_gemeente = [r for r in Handler.requests if "WoonregioS+eq" in r or "WoonregioS eq" in r]
    assert (len(per_gemeente) == len(CODES)) is feed_down
    assert any("per woongemeente" in line for line in said) is feed_down


def test_a_later_year_takes_the_latest_december(service, tmp_path) -> None:
    Handler.feed_down = False
    path, _ = _fetch(service, tmp_path, year=2030)  # 2025 has no December yet
    assert path is not None and path.name == CURRENT_FILE.format(year=2024)


def test_no_december_yet(service, tmp_path) -> None:
    path, said = _fetch(service, tmp_path, year=2020)
    assert path is None and "geen december" in said[-1]
    assert list(tmp_path.iterdir()) == []


def test_too_few_gemeenten_is_refused(service, tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(
        Handler, "rows", [r for r in Handler.rows if r["WoonregioS"].strip() == "GM0599"]
    )
    Handler.feed_down = False
    with pytest.raises(DownloadError, match="1 woongemeenten"):
        _fetch(service, tmp_path, year=2024)
    assert list(tmp_path.iterdir()) == []


def test_download_goes_on_without_the_pendel(service, tmp_path) -> None:
    """``data download`` keeps the rest when the pendel service fails (here: HTTP 404)."""
    from dashboard.data.download import _fetch_pendel

    said: list[str] = []
    api = f"{service}/elders"
    _fetch_pendel(
        2024, tmp_path, fetcher=Fetcher([api], FAST), api_url=api, feed_url=api,
        progress=said.append,
    )  # fmt: skip
    assert "pendel niet opgehaald" in said[-1] and "HTTP-fout 404" in said[-1]
    assert list(tmp_path.iterdir()) == []
