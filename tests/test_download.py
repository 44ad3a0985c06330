"""The download code against a local HTTP server on 127.0.0.1 serving files made in the test."""

from __future__ import annotations

import json
import threading
import urllib.parse
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import geopandas as gpd
import pytest
from shapely.geometry import box

from dashboard.cbs import read_kerncijfers, read_layer
from dashboard.cli import main
from dashboard.download import download_all, kerncijfers_rows
from dashboard.errors import DownloadError
from dashboard.regions import load_region_index


def layer_geojson(layer: str) -> bytes:
    if layer == "arbeidsmarktregio":
        rows = [
            ("AM01", "West", box(4.0, 52.0, 4.5, 52.5)),
            ("AM03", "Oost", box(4.5, 52.0, 5.0, 52.5)),
        ]
    elif layer == "gemeente":
        rows = [
            ("GM0001", "Aadorp", box(4.1, 52.1, 4.2, 52.2)),
            ("GM0002", "Beedorp", box(4.6, 52.1, 4.7, 52.2)),
        ]
    else:
        rows = [("PV01", "Provincie", box(4.0, 52.0, 5.0, 52.5))]
    frame = gpd.GeoDataFrame(
        {"statcode": [r[0] for r in rows], "statnaam": [r[1] for r in rows]},
        geometry=[r[2] for r in rows],
        crs="EPSG:4326",
    )
    return frame.to_json().encode()


ODATA_PAGE_1 = {
    "value": [
        {"WijkenEnBuurten": "GM0001    ", "Gemeentenaam_1": "Aadorp    ",
         "SoortRegio_2": "Gemeente", "AantalInwoners_5": 1000, "Mannen_6": 490, "Vrouwen_7": 510,
         "Woningvoorraad_35": 450,
         "OppervlakteTotaal_122": 1100, "OppervlakteLand_123": 1000, "OppervlakteWater_124": 100,
         "Bevolkingsdichtheid_34": 100},
        {"WijkenEnBuurten": "WK000100  ", "Gemeentenaam_1": "Aadorp", "AantalInwoners_5": 1000},
    ],
    "odata.nextLink": "__NEXT__",
}  # fmt: skip
ODATA_PAGE_2 = {
    "value": [
        {"WijkenEnBuurten": "GM0002", "Gemeentenaam_1": "Beedorp", "AantalInwoners_5": 2000,
         "Mannen_6": 1000, "Vrouwen_7": 1000, "Woningvoorraad_35": None,
         "OppervlakteTotaal_122": 500, "OppervlakteLand_123": 500, "OppervlakteWater_124": 0,
         "Bevolkingsdichtheid_34": 400},
    ]
}  # fmt: skip


class Handler(BaseHTTPRequestHandler):
    requests: ClassVar[list[str]] = []
    broken: ClassVar[bool] = False

    def log_message(self, *args: object) -> None:  # keep test output quiet
        pass

    def do_GET(self) -> None:
        Handler.requests.append(self.path)
        parsed = urllib.parse.urlparse(self.path)
        query = urllib.parse.parse_qs(parsed.query)
        if parsed.path.startswith("/wfs/"):
            type_name = query["typeNames"][0]
            layer = type_name.split(":")[1].removesuffix("_gegeneraliseerd")
            body = b"<html>kapot</html>" if Handler.broken else layer_geojson(layer)
        elif parsed.path.endswith("/TypedDataSet") and "page" not in query:
            doc = json.loads(json.dumps(ODATA_PAGE_1))
            doc["odata.nextLink"] = (
                f"http://127.0.0.1:{self.server.server_port}{parsed.path}?page=2"
            )
            body = json.dumps(doc).encode()
        elif parsed.path.endswith("/TypedDataSet"):
            body = json.dumps(ODATA_PAGE_2).encode()
        else:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture()
def server() -> Iterator[str]:
    Handler.requests = []
    Handler.broken = False
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    httpd.server_close()


def test_download_all_writes_readable_layers_and_kerncijfers(server: str, tmp_path: Path) -> None:
    lines: list[str] = []
    download_all(
        2025,
        tmp_path,
        pdok_url=server + "/wfs/{year}",
        cbs_url=server + "/odata",
        progress=lines.append,
    )
    assert len(read_layer("gemeente", 2025, tmp_path)) == 2
    assert len(read_layer("provincie", 2025, tmp_path)) == 1
    index = load_region_index(2025, tmp_path)
    assert index.membership() == {"GM0001": "AM01", "GM0002": "AM03"}
    kc = read_kerncijfers(tmp_path)
    assert kc["gemeente_code"].tolist() == ["GM0001", "GM0002"]  # wijk row dropped, 2 pages
    assert kc.loc[0, "gemeente_naam"] == "Aadorp"
    assert kc.loc[0, "oppervlakte_land_km2"] == 10.0
    assert kc["jaar"].unique().tolist() == [2024]
    assert kc["woningvoorraad"].isna().tolist() == [False, True]  # missing stays missing
    assert any("[1/4]" in line for line in lines) and any("[4/4]" in line for line in lines)
    assert any(
        "typeNames=gebiedsindelingen%3Agemeente_gegeneraliseerd" in r for r in Handler.requests
    )
    assert any("/2025" in r for r in Handler.requests)
    assert not list(tmp_path.glob(".download-*"))  # no temporary leftovers


def test_a_bad_download_leaves_existing_files_alone(server: str, tmp_path: Path) -> None:
    existing = tmp_path / "arbeidsmarktregio_2025.geojson"
    existing.write_bytes(layer_geojson("arbeidsmarktregio"))
    before = existing.read_bytes()
    Handler.broken = True
    with pytest.raises(DownloadError, match="ongeldig"):
        download_all(
            2025,
            tmp_path,
            pdok_url=server + "/wfs/{year}",
            cbs_url=server + "/odata",
            progress=lambda _: None,
        )
    assert existing.read_bytes() == before


def test_http_error_is_a_dutch_download_error(server: str, tmp_path: Path) -> None:
    with pytest.raises(DownloadError, match="HTTP-fout 404"):
        download_all(2025, tmp_path, pdok_url=server + "/nergens", progress=lambda _: None)


def test_cli_download_reports_progress_and_exit_codes(server: str, tmp_path: Path, capsys) -> None:
    code = main(
        [
            "data",
            "download",
            "--year",
            "2025",
            "--out",
            str(tmp_path),
            "--pdok-url",
            server + "/wfs/{year}",
            "--cbs-url",
            server + "/odata",
        ]
    )
    assert code == 0
    err = capsys.readouterr().err
    assert "PDOK" in err and "CBS" in err
    code = main(["data", "download", "--out", str(tmp_path), "--pdok-url", "http://127.0.0.1:9/x"])
    captured = capsys.readouterr()
    assert code == 2
    assert captured.err.strip().splitlines()[-1].startswith("Fout:")
    assert "Traceback" not in captured.err


def test_kerncijfers_rows_skip_non_gemeenten() -> None:
    rows = kerncijfers_rows(ODATA_PAGE_1["value"], 2024, "85984NED", "Kerncijfers")
    assert [r["gemeente_code"] for r in rows] == ["GM0001"]
    assert rows[0]["inwoners"] == 1000.0
