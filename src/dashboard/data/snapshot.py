"""The embedded default data: a compact snapshot derived from the CBS files.

``python -m dashboard data snapshot --uit MAP`` builds it from a folder like ``shared/data/cbs``
into ``src/dashboard/snapshot/``. Only what the dashboard uses is kept:

* the arbeidsmarktregio and gemeente boundaries (no provincies), decoded from TopoJSON by the
  small decoder below, rounded to 4 decimals (~10 m, finer than the source's ~70 m grid), with
  only ``statcode`` and ``statnaam``, written as GeoJSON;
* ``gemeente_kerncijfers.csv`` with only the columns the indicators use;
* ``kwb_<year>_gemeente.csv`` with only the KWB columns the indicators use, in the same OData
  shape, so the same parser reads it;
* ``kaart_afgeleid.json``: what the Kaart's first look needs (:mod:`dashboard.data.artefacts`),
  built from the files above by the builder the command passes in;
* ``SNAPSHOT.json``: attribution, licence, date of the data, the sha256 of every input and of
  every file, and per derived file its format and the files it was derived from.

The output depends only on the input bytes (no clock, no library-specific float printing), so a
rebuild is byte for byte identical.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import stat
import tempfile
from pathlib import Path
from typing import Any

from dashboard.core.config import SNAPSHOT_DIR
from dashboard.core.errors import DataMissingError
from dashboard.core.manifest import with_manifest
from dashboard.core.safe_files import check_output_folder, write_folder
from dashboard.data.artefacts import Builder, derived_files, describe
from dashboard.data.cbs import KERNCIJFERS_FILE, KWB_COLUMNS, KWB_FILE, base_name
from dashboard.data.embedded import SNAPSHOT_META, snapshot_info

SNAPSHOT_YEAR = 2025
SNAPSHOT_KWB_YEAR = 2024
LAYERS = ("arbeidsmarktregio", "gemeente")
#: Columns of gemeente_kerncijfers.csv the indicators read.
KERNCIJFERS_COLUMNS = (
    "gemeente_code",
    "gemeente_naam",
    "jaar",
    "inwoners",
    "huishoudens",
    "gemiddelde_huishoudensgrootte",
    "woningvoorraad",
    "oppervlakte_land_km2",
    "bevolkingsdichtheid_inw_per_km2_land",
    "pct_0_14_jaar",
    "pct_15_24_jaar",
    "pct_25_44_jaar",
    "pct_45_64_jaar",
    "pct_65_plus",
    "bron",
)
DIGITS = 4
ATTRIBUTION = "Bron: CBS (Centraal Bureau voor de Statistiek); grenzen verspreid door PDOK"
LICENCE = "CC BY 4.0"


def _decode_arcs(topology: dict) -> list[list[tuple[int, int]]]:
    """Absolute quantised positions of every arc (TopoJSON delta encoding)."""
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x, y))
        arcs.append(points)
    return arcs


def _ring(indexes: list[int], arcs: list[list[tuple[int, int]]]) -> list[tuple[int, int]]:
    points: list[tuple[int, int]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def _coordinates(
    ring: list[tuple[int, int]], scale: list[float], translate: list[float]
) -> list[list[float]]:
    out: list[list[float]] = []
    for qx, qy in ring:
        point = [
            round(qx * scale[0] + translate[0], DIGITS),
            round(qy * scale[1] + translate[1], DIGITS),
        ]
        if not out or out[-1] != point:
            out.append(point)
    return out


def topojson_to_features(path: Path) -> list[dict[str, Any]]:
    """GeoJSON features (``statcode``, ``statnaam``) of the single object in a TopoJSON file."""
    try:
        topology = json.loads(path.read_text(encoding="utf-8"))
        (obj,) = topology["objects"].values()
        scale = topology["transform"]["scale"]
        translate = topology["transform"]["translate"]
    except (OSError, ValueError, KeyError, TypeError) as err:
        raise DataMissingError(f"{path} is geen bruikbare TopoJSON", str(path)) from err
    arcs = _decode_arcs(topology)
    features = []
    for geometry in obj["geometries"]:
        if geometry["type"] == "Polygon":
            polygons = [geometry["arcs"]]
        elif geometry["type"] == "MultiPolygon":
            polygons = geometry["arcs"]
        else:
            continue
        coords = [
            [_coordinates(_ring(ring, arcs), scale, translate) for ring in polygon]
            for polygon in polygons
        ]
        props = geometry["properties"]
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "statcode": str(props["statcode"]).strip(),
                    "statnaam": str(props["statnaam"]).strip(),
                },
                "geometry": {"type": "MultiPolygon", "coordinates": coords},
            }
        )
    return sorted(features, key=lambda f: f["properties"]["statcode"])


def _geojson_bytes(features: list[dict[str, Any]]) -> bytes:
    doc = {"type": "FeatureCollection", "features": features}
    return (json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def _csv_bytes(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def _select_columns(path: Path, keep: Any) -> list[list[str]]:
    """Rows of a CSV with only the columns ``keep(name)`` accepts, values stripped of padding."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    if not rows:
        raise DataMissingError(f"{path} is leeg", str(path))
    header = rows[0]
    wanted = [i for i, name in enumerate(header) if keep(name)]
    return [[row[i].strip() for i in wanted] for row in rows]


def _data_date(folder: Path) -> str:
    """The newest date PROVENANCE.md gives for the files (prepared / added)."""
    provenance = folder / "PROVENANCE.md"
    if not provenance.is_file():
        raise DataMissingError(
            f"{provenance} ontbreekt; de datum van de gegevens is dan onbekend", str(provenance)
        )
    text = provenance.read_text(encoding="utf-8")
    dates = re.findall(r"(?:Prepared|added)\s+(\d{4}-\d{2}-\d{2})", text)
    if not dates:
        raise DataMissingError(f"{provenance} noemt geen datum", str(provenance))
    return max(dates)


def build_files(source: Path, derive: Builder | None = None) -> dict[str, bytes]:
    """The snapshot's files (name → bytes) derived from the CBS folder ``source``; with
    ``derive``, also the Kaart's first look built from those files."""
    files: dict[str, bytes] = {}
    inputs: dict[str, str] = {}
    for layer in LAYERS:
        path = source / f"{layer}_{SNAPSHOT_YEAR}.topojson"
        if not path.is_file():
            raise DataMissingError(f"{path} ontbreekt", str(path))
        inputs[path.name] = hashlib.sha256(path.read_bytes()).hexdigest()
        files[f"{layer}_{SNAPSHOT_YEAR}.geojson"] = _geojson_bytes(topojson_to_features(path))
    kerncijfers = source / KERNCIJFERS_FILE
    kwb = source / KWB_FILE.format(year=SNAPSHOT_KWB_YEAR)
    for path in (kerncijfers, kwb):
        if not path.is_file():
            raise DataMissingError(f"{path} ontbreekt", str(path))
        inputs[path.name] = hashlib.sha256(path.read_bytes()).hexdigest()
    files[KERNCIJFERS_FILE] = _csv_bytes(
        _select_columns(kerncijfers, lambda name: name in KERNCIJFERS_COLUMNS)
    )
    kwb_keep = {"WijkenEnBuurten", "Gemeentenaam", *KWB_COLUMNS}
    files[kwb.name] = _csv_bytes(_select_columns(kwb, lambda name: base_name(name) in kwb_keep))
    meta = {
        "attribution": ATTRIBUTION,
        "licence": LICENCE,
        "data_date": _data_date(source),
        "description": (
            "Afgeleid uit CBS-gebiedsindelingen 2025 (gegeneraliseerd) en CBS-tabel 85984NED "
            "Kerncijfers wijken en buurten 2024; alleen de kolommen en lagen die het dashboard "
            "gebruikt, coördinaten afgerond op 4 decimalen."
        ),
        "inputs": inputs,
    }
    if derive is not None:
        # built from the snapshot's own files, as the app will read them
        with tempfile.TemporaryDirectory(prefix="dashboard-snapshot-") as folder:
            for name, data in files.items():
                (Path(folder) / name).write_bytes(data)
            derived = derived_files(Path(folder), derive)
        files |= derived
        meta["derived"] = {name: describe(data) for name, data in derived.items()}
    files = with_manifest(files, meta, SNAPSHOT_META)
    return files


def is_snapshot_folder(folder: Path) -> bool:
    """Whether ``folder`` holds a snapshot this module wrote (its ``SNAPSHOT.json``)."""
    try:
        return stat.S_ISREG((folder / SNAPSHOT_META).lstat().st_mode)
    except OSError:
        return False


def _written_before(folder: Path) -> list[str]:
    """The files an earlier snapshot in ``folder`` lists as its own (plain names only)."""
    listed = snapshot_info(folder).get("files")
    if not isinstance(listed, dict):
        return []
    return [
        name
        for name in listed
        if isinstance(name, str) and re.fullmatch(r"[A-Za-z0-9_-][A-Za-z0-9_.-]*", name)
    ]


def check_snapshot_target(source: Path, target: Path) -> Path:
    """Refuse a target folder before the (slower) build: see :func:`write_snapshot`."""
    return check_output_folder(target, is_ours=is_snapshot_folder, source=source)


def write_snapshot(
    source: Path, target: Path = SNAPSHOT_DIR, derive: Builder | None = None
) -> dict[str, int]:
    """Build the snapshot from ``source`` into ``target``; returns name → size in bytes.

    ``derive`` builds the Kaart's first look (:func:`build_files`).

    ``target`` must be new, empty or hold an earlier snapshot, and may not be ``source``. Only
    the snapshot's own files are replaced, all together; files an earlier snapshot listed and
    this one does not are removed; every other file in the folder stays.
    """
    check_snapshot_target(source, target)
    files = build_files(source, derive)
    stale = [
        name
        for name in _written_before(target)
        if name not in files and (target / name).is_file() and not (target / name).is_symlink()
    ]
    write_folder(
        target, files, is_ours=is_snapshot_folder, source=source, remove=stale, prefix=".snapshot-"
    )
    return {name: len(data) for name, data in files.items()}
