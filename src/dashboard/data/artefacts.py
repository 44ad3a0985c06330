"""What the Kaart's first look needs, derived from a data folder and kept beside its files.

The first look (a new tab → the map drawn) needs the Kaart's choices (years per indicator, the
names of regions and gemeenten), its default map as SVG and nothing else: no pandas, no
geopandas, no drawing engine. ``python -m dashboard data snapshot`` and ``data download`` build
these with the data into :data:`FILE_NAME` (the snapshot's ``SNAPSHOT.json`` lists it with its
format and what it was derived from); the builder is
:func:`dashboard.presentation.maps.first_look.build`, passed down to the writers as a value.

A document records its format (:data:`FORMAT_VERSION`) and the sha256 of every data file it was
derived from; :func:`read` gives it only while both still hold, so a replaced data file is never
drawn from an old document. A folder without one (the raw CBS files of ``shared/data/cbs``) is
served by the same builder through :mod:`dashboard.data.derived_cache`, keyed on
:func:`content_key`. This module reads and checks; it imports nothing heavy, as it runs before the
first map is sent.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from dashboard.core.config import SNAPSHOT_DIR
from dashboard.data.embedded import SNAPSHOT_META, snapshot_info, verify_snapshot

#: The file beside the data files. Not a CBS file name (``data_check.data_file_name``).
FILE_NAME = "kaart_afgeleid.json"
#: Raised when the document's shape or meaning changes; an older document is then built anew.
FORMAT_VERSION = 1
#: What a data file's name ends with (boundaries and figures in any format a folder may hold);
#: notes and other files beside the data do not count.
_DATA_SUFFIXES = frozenset({".csv", ".geojson", ".topojson", ".json", ".gpkg", ".shp", ".dbf"})
#: Files of a data folder that are not its data: its contents list and this document.
_NOT_INPUTS = frozenset({FILE_NAME, SNAPSHOT_META})

#: A builder: the data folder → the document (see ``presentation.maps.first_look.build``).
Builder = Callable[[Path], dict[str, Any]]


def input_sums(folder: Path) -> dict[str, str]:
    """The sha256 of every data file in ``folder`` (top level; what a document derives from);
    none for a folder that is missing or cannot be read (reading its data then says why)."""
    sums: dict[str, str] = {}
    try:
        paths = sorted(folder.iterdir())
    except OSError:
        return sums
    for path in paths:
        if path.name in _NOT_INPUTS or path.name.startswith(".") or not path.is_file():
            continue
        if path.suffix.lower() not in _DATA_SUFFIXES:
            continue
        sums[path.name] = hashlib.sha256(path.read_bytes()).hexdigest()
    return sums


def encode(document: Mapping[str, Any]) -> bytes:
    """The document as written: compact JSON, keys sorted, so a rebuild is byte for byte equal."""
    text = json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return (text + "\n").encode("utf-8")


def derived_files(folder: Path, build: Builder) -> dict[str, bytes]:
    """``{FILE_NAME: bytes}`` for the data files in ``folder`` (a snapshot or download being
    written)."""
    document = {**build(folder), "format": FORMAT_VERSION, "derived_from": input_sums(folder)}
    return {FILE_NAME: encode(document)}


def describe(data: bytes) -> dict[str, Any]:
    """What a contents list says about the document: its format and the files it derives from."""
    document = json.loads(data)
    return {"format": document["format"], "derived_from": sorted(document["derived_from"])}


def read(folder: Path) -> dict[str, Any] | None:
    """The document beside the data in ``folder``, or None: missing, unreadable, of another
    format, or derived from other files than those there now."""
    try:
        if folder == SNAPSHOT_DIR:
            verify_snapshot(folder)  # the embedded files against their listed sums
        document = json.loads((folder / FILE_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):  # DataMissingError is a ValueError
        return None
    if not isinstance(document, dict) or document.get("format") != FORMAT_VERSION:
        return None
    if document.get("derived_from") != input_sums(folder):
        return None
    return document


def content_key(folder: Path) -> list[Any]:
    """The derived cache's key for a folder without a document: its data's content, and the
    embedded document's sum, which changes whenever the code draws differently (a test keeps the
    embedded document equal to what the code builds, see CONTRIBUTING)."""
    embedded = snapshot_info().get("files", {})
    return [FORMAT_VERSION, input_sums(folder), embedded.get(FILE_NAME)]
