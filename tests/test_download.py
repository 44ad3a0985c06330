"""The download against fake PDOK and CBS services on 127.0.0.1 that behave like the real ones:
the standard OData API refuses more than 10,000 cells, the bulk feed pages with
``odata.nextLink``, codes come padded with spaces, and an HTTP 500 carries an error body.

The same fake turns hostile on request (``Handler.mode``): an endless body, a slow drip, redirects
into a private network, a ``file://`` or foreign next link, invalid JSON, duplicate codes, an
HTTP 500 halfway through paging. The limits are small (:data:`FAST`) so each test stays quick."""

from __future__ import annotations

import csv
import ipaddress
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.parse
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest

from dashboard.cli import main
from dashboard.core.config import SNAPSHOT_DIR
from dashboard.core.errors import DownloadError, ValidationError
from dashboard.data.cbs import read_kerncijfers, read_kwb, read_layer
from dashboard.data.download import CELL_LIMIT, download_all, kerncijfers_rows
from dashboard.data.fetcher import DownloadLimits, redirect_allowed

PAGE_SIZE = 100
#: Limits for the tests: a generous deadline for a normal download on a busy machine, a size cap
#: well above the largest normal response (the gemeente layer in RD New, ~0.5 MB), no pauses.
FAST = DownloadLimits(
    max_bytes=4_000_000, deadline_s=120.0, read_timeout_s=5.0, retries=1, retry_pause_s=0
)
#: A body text that must never reach the user.
SECRET = "geheim-intern-adres 10.1.2.3 stacktrace"
PROJECT_ROOT = Path(__file__).resolve().parents[1]


def _snapshot_rows() -> tuple[list[str], list[dict[str, Any]]]:
    with (SNAPSHOT_DIR / "kwb_2024_gemeente.csv").open(encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        header = list(reader.fieldnames or [])
        rows = []
        for raw in reader:
            row: dict[str, Any] = {}
            for key, value in raw.items():
                if key.startswith(("WijkenEnBuurten", "Codering")):
                    row[key] = value.ljust(10)  # CBS pads codes to 10 characters
                elif key.startswith("Gemeentenaam"):
                    row[key] = value.ljust(40)
                else:
                    row[key] = None if value == "" else float(value)
            rows.append(row)
    # a wijk row, which the download must leave out
    rows.append({**rows[0], "WijkenEnBuurten": "WK062600  "})
    return header, rows


HEADER, ROWS = _snapshot_rows()
#: The real table has ~120 columns; the extra ones make an unselected request too big.
ALL_COLUMNS = [*HEADER, *(f"Onderwerp{i}_{200 + i}" for i in range(100))]


def _features(layer: str) -> dict:
    if layer == "provincie":
        boxes = [(3.4 + 0.3 * i, 51.0 + 0.2 * i) for i in range(12)]
        features = [
            {
                "type": "Feature",
                "properties": {"statcode": f"PV{20 + i}", "statnaam": f"Provincie {i}"},
                "geometry": {
                    "type": "Polygon",
                    "coordinates": [[[x, y], [x + 0.2, y], [x + 0.2, y + 0.1], [x, y]]],
                },
            }
            for i, (x, y) in enumerate(boxes)
        ]
        return {"type": "FeatureCollection", "features": features}
    return json.loads((SNAPSHOT_DIR / f"{layer}_2025.geojson").read_text(encoding="utf-8"))


def _swap(doc: dict) -> dict:
    def swap(coords: Any) -> Any:
        if coords and isinstance(coords[0], (int, float)):
            return [coords[1], coords[0]]
        return [swap(c) for c in coords]

    for feature in doc["features"]:
        feature["geometry"]["coordinates"] = swap(feature["geometry"]["coordinates"])
    return doc


def _rd(doc: dict, *, with_crs: bool) -> dict:
    """The layer in RD New metres, as a WFS serves it for srsName=EPSG:28992."""
    import geopandas as gpd

    frame = gpd.GeoDataFrame.from_features(doc["features"], crs="EPSG:4326").to_crs(28992)
    out = json.loads(frame.to_json())
    if with_crs:
        out["crs"] = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::28992"}}
    return out


HOSTILE = {
    "type": "FeatureCollection",
    "features": [
        {
            "type": "Feature",
            "properties": {"statcode": "GM0001", "statnaam": "Nergens"},
            "geometry": {
                "type": "Polygon",
                "coordinates": [[[0, 0], [1e6, 0], [1e6, 1e6], [0, 0]]],
            },
        }
    ],
}
ERROR_BODY = {"odata.error": {"code": "", "message": {"lang": "nl", "value": "Tabel onderhoud"}}}


class Handler(BaseHTTPRequestHandler):
    requests: ClassVar[list[str]] = []
    mode: ClassVar[str] = ""

    def log_message(self, *args: object) -> None:  # keep test output quiet
        pass

    def _send(self, status: int, body: Any) -> None:
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _rows(self, query: dict[str, list[str]]) -> tuple[list[str], list[dict]]:
        columns = query["$select"][0].split(",") if "$select" in query else ALL_COLUMNS
        rows = ROWS
        if "$filter" in query:
            assert query["$filter"][0] == "startswith(WijkenEnBuurten,'GM')"
            rows = [r for r in rows if r["WijkenEnBuurten"].startswith("GM")]
        return columns, [{c: r.get(c) for c in columns} for r in rows]

    def _stream(self, chunk: bytes, pause: float, count: int) -> None:
        """A 200 answer without a length that sends ``chunk`` ``count`` times (or until the
        client hangs up)."""
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        try:
            for _ in range(count):
                self.wfile.write(chunk)
                self.wfile.flush()
                if pause:
                    time.sleep(pause)
        except OSError:
            return

    def _redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", str(len(SECRET)))
        self.end_headers()
        self.wfile.write(SECRET.encode())

    def do_GET(self) -> None:
        Handler.requests.append(self.path)
        parsed = urllib.parse.urlparse(self.path)
        query = urllib.parse.parse_qs(parsed.query)
        mode = Handler.mode
        port = self.server.server_port
        if parsed.path.startswith("/elders/"):  # the target of an allowed redirect
            self.path = self.path.removeprefix("/elders")
            parsed = urllib.parse.urlparse(self.path)
            mode = ""
        if parsed.path.startswith("/wfs/"):
            if mode == "endless":
                return self._stream(b" " * 65536, 0, 10**6)
            if mode == "drip":
                return self._stream(b" ", 0.05, 10**4)
            if mode == "redirect_private":
                return self._redirect("http://10.255.255.1/wfs/secret")
            if mode == "redirect_link_local":
                return self._redirect("http://169.254.169.254/latest/meta-data/")
            if mode == "redirect_file":
                return self._redirect("file:///etc/passwd")
            if mode == "redirect_same_host":
                return self._redirect(f"http://127.0.0.1:{port}/elders{self.path}")
            if mode == "wfs_secret_500":
                return self._send(500, {"odata.error": {"message": {"value": SECRET}}})
            layer = query["typeNames"][0].split(":")[1].removesuffix("_gegeneraliseerd")
            if mode == "hostile" and layer == "gemeente":
                return self._send(200, HOSTILE)
            if mode == "swapped":
                return self._send(200, _swap(_features(layer)))
            if mode in ("rd", "rd_no_crs"):
                return self._send(200, _rd(_features(layer), with_crs=mode == "rd"))
            return self._send(200, _features(layer))
        if mode == "cbs_500" and parsed.path.startswith(("/odata", "/feed")):
            return self._send(500, ERROR_BODY)
        typed = parsed.path.endswith("/TypedDataSet")
        if mode == "invalid_json" and typed:
            return self._send(200, b'{"value": [{"WijkenEnBuurten": ' + SECRET.encode())
        if mode in ("file_next", "foreign_next") and typed:
            _, rows = self._rows(query)
            elsewhere = (
                "file:///etc/passwd"
                if mode == "file_next"
                else f"http://127.0.0.2:{port}{parsed.path}?page=1"
            )
            return self._send(200, {"value": rows[:PAGE_SIZE], "odata.nextLink": elsewhere})
        if (
            mode == "halfway_500"
            and typed
            and (parsed.path.startswith("/odata/") or query.get("page", ["0"])[0] != "0")
        ):
            return self._send(500, {"odata.error": {"message": {"value": SECRET}}})
        if parsed.path.endswith("/DataProperties"):
            props = [{"Key": "Bevolking", "Type": "TopicGroup"}]
            props += [{"Key": c, "Type": "Topic"} for c in ALL_COLUMNS]
            return self._send(200, {"value": props})
        if parsed.path.startswith("/odata/") and parsed.path.endswith("/TypedDataSet"):
            columns, rows = self._rows(query)
            if len(columns) * len(rows) > CELL_LIMIT:
                return self._send(
                    500,
                    {"odata.error": {"message": {"value": (
                        f"De opgevraagde dataset is te groot ({len(columns) * len(rows)} cellen, "
                        f"maximaal {CELL_LIMIT})"
                    )}}},
                )  # fmt: skip
            return self._send(200, {"value": rows})
        if parsed.path.startswith("/feed/") and parsed.path.endswith("/TypedDataSet"):
            if mode == "feed_down":
                return self._send(503, b"<html><body><h1>Service Unavailable</h1></body></html>")
            _, rows = self._rows(query)
            page = int(query.get("page", ["0"])[0])
            body: dict[str, Any] = {"value": rows[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]}
            if (page + 1) * PAGE_SIZE < len(rows):
                rest = {k: v[0] for k, v in query.items() if k != "page"}
                rest["page"] = str(page + 1)
                body["odata.nextLink"] = (
                    f"http://127.0.0.1:{self.server.server_port}{parsed.path}?"
                    + urllib.parse.urlencode(rest)
                )
            return self._send(200, body)
        return self._send(404, {"odata.error": {"message": {"value": "Niet gevonden"}}})


@pytest.fixture()
def server() -> Iterator[str]:
    Handler.requests = []
    Handler.mode = ""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    httpd.server_close()


def _download(server: str, target: Path, year: int = 2024, **kw: Any) -> list:
    return download_all(
        year,
        target,
        pdok_url=server + "/wfs/{year}",
        cbs_url=server + "/odata",
        feed_url=server + "/feed",
        progress=kw.pop("progress", lambda _: None),
        limits=kw.pop("limits", FAST),
        **kw,
    )


def _good_folder(path: Path) -> Path:
    """A working data folder (copy of the snapshot)."""
    shutil.copytree(SNAPSHOT_DIR, path)
    return path


def _state(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def test_download_via_the_paged_feed(server: str, tmp_path: Path) -> None:
    lines: list[str] = []
    _download(server, tmp_path, progress=lines.append)
    assert len(read_layer("gemeente", 2024, tmp_path)) == 342
    assert len(read_layer("provincie", 2024, tmp_path)) == 12
    kwb = read_kwb(2024, tmp_path)
    assert len(kwb) == 342  # wijk row left out, four pages joined
    assert kwb.set_index("gemeente_code").loc["GM0626", "bijstand"] == 340
    kc = read_kerncijfers(tmp_path)
    assert kc.loc[kc["gemeente_code"] == "GM0626", "gemeente_naam"].item() == "Voorschoten"
    assert sum("page=" in r for r in Handler.requests) == 3
    feed = [r for r in Handler.requests if r.startswith("/feed/85984NED/TypedDataSet")]
    assert feed and all("%24select=" in r or "$select=" in r for r in feed)
    assert any("/2024" in r for r in Handler.requests)
    assert not list(tmp_path.glob(".download-*"))  # no temporary leftovers
    assert any("[4/4]" in line for line in lines)


def test_standard_api_in_slices_when_the_feed_is_down(server: str, tmp_path: Path) -> None:
    """Asking all columns at once would exceed the cell limit (the fake refuses it)."""
    Handler.mode = "feed_down"
    _download(server, tmp_path)
    api = [r for r in Handler.requests if r.startswith("/odata/85984NED/TypedDataSet")]
    assert len(api) >= 2
    kwb = read_kwb(2024, tmp_path)
    assert len(kwb) == 342 and kwb["bedrijfsvestigingen"].notna().all()


def test_unselected_request_is_refused_by_the_fake_as_by_cbs(server: str) -> None:
    import urllib.error
    import urllib.request

    with pytest.raises(urllib.error.HTTPError) as info:
        urllib.request.urlopen(server + "/odata/85984NED/TypedDataSet?$format=json")
    assert info.value.code == 500
    assert "te groot" in json.loads(info.value.read())["odata.error"]["message"]["value"]


def test_http_500_names_the_code_but_never_the_remote_body(server: str, tmp_path: Path) -> None:
    """Regression: the service's error body was echoed to the user; a mirror (or whatever a
    redirect reached) could put anything there."""
    Handler.mode = "cbs_500"
    with pytest.raises(DownloadError, match="HTTP-fout 500") as info:
        _download(server, tmp_path)
    assert "Tabel onderhoud" not in str(info.value)
    assert "internetverbinding" not in str(info.value)
    Handler.mode = "wfs_secret_500"
    with pytest.raises(DownloadError, match="HTTP-fout 500") as info:
        _download(server, tmp_path / "nieuw")
    assert SECRET not in str(info.value) and "niets vervangen" in str(info.value)
    assert not (tmp_path / "nieuw").exists()  # a folder made for nothing is not left behind


def test_year_is_honoured_and_unknown_year_is_a_dutch_error(server: str, tmp_path: Path) -> None:
    _download(server, tmp_path / "a", year=2025)
    assert any(r.startswith("/feed/86165NED/") for r in Handler.requests)
    assert any(r.startswith("/wfs/2025") for r in Handler.requests)
    assert (tmp_path / "a" / "kwb_2025_gemeente.csv").is_file()
    Handler.requests = []
    with pytest.raises(DownloadError, match="voor 2019 is geen CBS-tabel"):
        _download(server, tmp_path / "b", year=2019)
    assert Handler.requests == []  # refused before any request


def test_hostile_one_feature_geojson_never_replaces_good_files(
    server: str, tmp_path: Path, monkeypatch, capsys
) -> None:
    """Regression: a one-feature GeoJSON with bogus coordinates replaced the good boundary
    files, the figures step failed, and afterwards ``regions`` exited 1 (AttributeError)."""
    good = _good_folder(tmp_path / "cbs")
    before = _state(good)
    Handler.mode = "hostile"
    with pytest.raises(DownloadError, match="niets vervangen"):
        _download(server, good, year=2025)
    assert _state(good) == before
    assert not list(good.glob(".download-*"))
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(good))
    assert main(["regions"]) == 0
    assert "AM34" in capsys.readouterr().out


def test_swapped_axes_are_caught(server: str, tmp_path: Path) -> None:
    good = _good_folder(tmp_path / "cbs")
    before = _state(good)
    Handler.mode = "swapped"
    with pytest.raises(DownloadError, match="niet in Nederland"):
        _download(server, good, year=2025)
    assert _state(good) == before


def test_failing_figures_leave_the_boundaries_alone(server: str, tmp_path: Path) -> None:
    """Boundaries download fine, then CBS fails: nothing in the folder changes."""
    good = _good_folder(tmp_path / "cbs")
    before = _state(good)
    Handler.mode = "cbs_500"
    with pytest.raises(DownloadError):
        _download(server, good, year=2025)
    assert _state(good) == before


def test_a_complete_download_replaces_all_files_together(server: str, tmp_path: Path) -> None:
    good = _good_folder(tmp_path / "cbs")
    (good / "gemeente_2025.topojson").write_text("{}")  # an older format would be read first
    _download(server, good, year=2025)
    assert not (good / "gemeente_2025.topojson").exists()
    assert len(read_layer("gemeente", 2025, good)) == 342
    assert (good / "kwb_2025_gemeente.csv").is_file()


def test_missing_gemeente_in_figures_is_refused(server: str, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(
        "tests.test_download.ROWS", [r for r in ROWS if not r["WijkenEnBuurten"].startswith("GM06")]
    )
    with pytest.raises(DownloadError, match="ontbreken in de CBS-cijfers"):
        _download(server, tmp_path)
    assert not (tmp_path / "gemeente_kerncijfers.csv").exists()


def test_cli_download_reports_progress_and_exit_codes(server: str, tmp_path: Path, capsys) -> None:
    args = ["data", "download", "--jaar", "2025", "--uitvoer", str(tmp_path)]
    fakes = ["--pdok-url", server + "/wfs/{year}", "--cbs-url", server + "/odata"]
    code = main([*args, *fakes, "--cbs-feed-url", server + "/feed"])
    assert code == 0
    err = capsys.readouterr().err
    assert "PDOK" in err and "CBS" in err
    code = main(
        ["data", "download", "--uitvoer", str(tmp_path), "--pdok-url", "http://127.0.0.1:9/x"]
    )
    captured = capsys.readouterr()
    assert code == 2
    assert captured.err.strip().splitlines()[-1].startswith("Fout:")
    assert "Traceback" not in captured.err
    assert main(["data", "download", "--jaar", "2019", "--uitvoer", str(tmp_path)]) == 2
    assert "2019" in capsys.readouterr().err


def test_a_download_brings_the_kaart_first_look_with_it(
    server: str, tmp_path: Path, capsys
) -> None:
    """``data download`` writes the Kaart's choices and default map beside the data, derived
    from the files as they now stand in the folder; the app reads them without drawing."""
    from dashboard.data import artefacts

    target = _good_folder(tmp_path / "cbs")  # an earlier document: it no longer fits the data
    args = ["data", "download", "--jaar", "2025", "--uitvoer", str(target)]
    fakes = ["--pdok-url", server + "/wfs/{year}", "--cbs-url", server + "/odata"]
    assert main([*args, *fakes, "--cbs-feed-url", server + "/feed"]) == 0
    document = artefacts.read(target)
    assert document is not None
    assert document["derived_from"] == artefacts.input_sums(target)
    assert "kwb_2025_gemeente.csv" in document["derived_from"]
    assert document["default_map"]["svg"].startswith("<svg")
    assert "Holland Rijnland" in document["choices"]["regions"].values()
    assert not [p for p in target.iterdir() if p.name.startswith(".")]


def test_kerncijfers_rows_skip_non_gemeenten() -> None:
    rows = kerncijfers_rows(ROWS, 2024, "85984NED", "Kerncijfers")
    assert len(rows) == 342
    assert all(r["gemeente_code"].startswith("GM") and len(r["gemeente_code"]) == 6 for r in rows)


@pytest.mark.parametrize("mode", ["rd", "rd_no_crs"])
def test_boundaries_in_rd_new_are_stored_as_longitude_latitude(
    server: str, tmp_path: Path, mode: str
) -> None:
    """The download asks for EPSG:28992 (no axis-order ambiguity) and stores lon/lat, also
    when the server leaves the CRS member out."""
    Handler.mode = mode
    _download(server, tmp_path)
    assert any("srsName=EPSG%3A28992" in r for r in Handler.requests)
    frame = read_layer("gemeente", 2024, tmp_path)
    minx, miny, maxx, maxy = frame.total_bounds
    assert 3.2 < minx < maxx < 7.3 and 50.7 < miny < maxy < 53.7
    voorschoten = frame.set_index("code").loc["GM0626", "geometry"].representative_point()
    assert 4.3 < voorschoten.x < 4.5 and 52.1 < voorschoten.y < 52.2


# --- a hostile stand-in ---------------------------------------------------------------------------
def _refused_and_unchanged(server: str, tmp_path: Path, mode: str, match: str) -> str:
    """Download ``mode`` into a good folder: refused with ``match``, the folder unchanged, no
    staging folder left, no remote body in the message."""
    good = _good_folder(tmp_path / "cbs")
    before = _state(good)
    Handler.mode = mode
    with pytest.raises(DownloadError, match=match) as info:
        _download(server, good, year=2025)
    assert _state(good) == before
    assert not list(good.glob(".download-*"))
    message = str(info.value)
    assert SECRET not in message and "\n" not in message
    return message


def test_an_endless_body_stops_at_the_size_cap(server: str, tmp_path: Path) -> None:
    """Regression: no size cap; an endless body grew to gigabytes before MemoryError."""
    _refused_and_unchanged(server, tmp_path, "endless", "stuurde meer dan 4")


def test_a_slow_drip_stops_at_the_overall_deadline(server: str, tmp_path: Path) -> None:
    """Regression: one byte every few seconds never hit the per-read timeout, so the download
    hung on step 1 for minutes; now the whole download has a deadline."""
    Handler.mode = "drip"
    slow = DownloadLimits(max_bytes=4_000_000, deadline_s=0.5, read_timeout_s=5.0, retries=0)
    good = _good_folder(tmp_path / "cbs")
    before = _state(good)
    with pytest.raises(DownloadError, match="duurde langer dan") as info:
        _download(server, good, year=2025, limits=slow)
    assert "niets vervangen" in str(info.value)
    assert _state(good) == before and not list(good.glob(".download-*"))


@pytest.mark.parametrize("mode", ["redirect_private", "redirect_link_local", "redirect_file"])
def test_redirects_into_a_private_network_or_to_a_file_are_refused(
    server: str, tmp_path: Path, mode: str
) -> None:
    """Regression: redirects were followed to loopback/private addresses and their error body
    was echoed. The stand-in runs on 127.0.0.1, so only that address is allowed, nothing else
    in a private range."""
    _refused_and_unchanged(server, tmp_path, mode, "verwijst door|HTTP-fout")


def test_a_redirect_to_the_configured_host_itself_is_followed(server: str, tmp_path: Path) -> None:
    Handler.mode = "redirect_same_host"
    _download(server, tmp_path)
    assert any(r.startswith("/elders/wfs/") for r in Handler.requests)
    assert len(read_layer("gemeente", 2024, tmp_path)) == 342


def test_redirect_rule_for_a_public_service() -> None:
    """A public mirror cannot send the download into the LAN, whatever it redirects to."""
    public = {ipaddress.ip_address("145.97.39.155")}
    local = {ipaddress.ip_address("127.0.0.1")}
    assert redirect_allowed("https://145.97.39.155/elders", public)
    assert not redirect_allowed("http://127.0.0.1:8080/x", public)
    assert not redirect_allowed("http://10.0.0.8/x", public)
    assert not redirect_allowed("http://169.254.169.254/", public)
    assert not redirect_allowed("http://[::1]/x", public)
    assert not redirect_allowed("file:///etc/passwd", public)
    assert not redirect_allowed("ftp://145.97.39.155/x", public)
    assert redirect_allowed("http://127.0.0.1:9/x", local)
    assert not redirect_allowed("http://192.168.1.1/x", local)


@pytest.mark.parametrize("mode", ["file_next", "foreign_next"])
def test_a_next_link_to_another_scheme_or_host_is_not_followed(
    server: str, tmp_path: Path, mode: str
) -> None:
    """Regression: ``odata.nextLink`` was opened as given (``file:///etc/passwd``)."""
    _refused_and_unchanged(server, tmp_path, mode, "ander adres")
    assert not any("page=1" in r for r in Handler.requests)


def test_invalid_json_is_refused_without_the_parsers_words(server: str, tmp_path: Path) -> None:
    message = _refused_and_unchanged(server, tmp_path, "invalid_json", "geen geldige JSON")
    assert "Expecting" not in message and "char" not in message


def test_a_500_halfway_through_paging_replaces_nothing(server: str, tmp_path: Path) -> None:
    _refused_and_unchanged(server, tmp_path, "halfway_500", "HTTP-fout 500")
    assert any("page=1" in r for r in Handler.requests)


def test_duplicate_gemeente_codes_replace_nothing(
    server: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    twice = {**ROWS[5], "AantalInwoners_5": 1.0}
    monkeypatch.setattr("tests.test_download.ROWS", [*ROWS, twice])
    _refused_and_unchanged(server, tmp_path, "", "dubbel|twee keer")


@pytest.mark.parametrize(
    ("url", "match"),
    [
        ("http://127.0.0.1:9/wfs/{foo}", "alleen {year}"),
        ("file:///etc/{year}", "http:// of https://"),
        ("http://127.0.0.1:9/x\nFout: vals", "spaties of regeleinden"),
    ],
)
def test_a_bad_service_url_is_one_dutch_line(
    url: str, match: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    """Regression: a format field in DASHBOARD_PDOK_URL ended in ``KeyError: 'foo'``."""
    with pytest.raises(ValidationError, match=match):
        download_all(2025, tmp_path, pdok_url=url, progress=lambda _: None, limits=FAST)
    monkeypatch.setenv("DASHBOARD_PDOK_URL", url)
    assert main(["data", "download", "--uitvoer", str(tmp_path / "nieuw")]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and err.startswith("Fout: ")
    assert "KeyError" not in err and not (tmp_path / "nieuw").exists()


def test_sigterm_during_a_download_leaves_no_staging_folder(server: str, tmp_path: Path) -> None:
    """Regression: an empty ``.download-*`` folder stayed behind after SIGTERM."""
    good = _good_folder(tmp_path / "cbs")
    before = _state(good)
    Handler.mode = "drip"
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT / "src")}
    args = ["data", "download", "--jaar", "2025", "--uitvoer", str(good)]
    args += ["--pdok-url", server + "/wfs/{year}"]
    process = subprocess.Popen(
        [sys.executable, "-m", "dashboard", *args],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        for _ in range(600):  # until the download has started (its staging folder exists)
            if list(good.glob(".download-*")) and Handler.requests:
                break
            time.sleep(0.05)
        assert list(good.glob(".download-*"))
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 128 + signal.SIGTERM
    assert not list(good.glob(".download-*"))
    assert _state(good) == before


def test_the_default_cache_folder_is_made_on_a_new_machine(
    server: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DASHBOARD_CACHE_DIR", str(tmp_path / "nieuw" / "cache"))
    for name, url in (("PDOK", "/wfs/{year}"), ("CBS_ODATA", "/odata"), ("CBS_FEED", "/feed")):
        monkeypatch.setenv(f"DASHBOARD_{name}_URL", server + url)
    assert main(["data", "download"]) == 0
    assert (tmp_path / "nieuw" / "cache" / "cbs" / "gemeente_kerncijfers.csv").is_file()
