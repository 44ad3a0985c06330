"""The contents list of a folder the project writes itself (the embedded CBS snapshot, the
pendel figures): a JSON file with attribution and method, and the sha256 of every file beside
it, written once and checked once per process before the figures are used."""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from dashboard.core.errors import DataMissingError


def with_manifest(files: dict[str, bytes], meta: Mapping[str, Any], name: str) -> dict[str, bytes]:
    """``files`` plus the contents list ``name``: ``meta`` with the sha256 of every file."""
    listed = {f: hashlib.sha256(data).hexdigest() for f, data in sorted(files.items())}
    document = {**meta, "files": listed}
    text = json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    return {**files, name: text.encode("utf-8")}


def read_manifest(folder: Path, name: str) -> dict[str, Any]:
    """The contents list ``name`` in ``folder`` (empty when missing or unreadable)."""
    path = folder / name
    if not path.is_file():
        return {}
    try:
        info = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return info if isinstance(info, dict) else {}


def verify_manifest(folder: Path, name: str, *, what: str, fix: str) -> None:
    """Check every file listed in ``folder/name`` against its sha256.

    Cheap after the first call: the result is kept per process for the files' sizes and times.

    Raises
    ------
    DataMissingError
        ``what`` (e.g. "de ingebouwde momentopname") is damaged: the list is missing, or a
        listed file is missing or differs from its sum; ``fix`` says what to do.
    """
    names = sorted(p.name for p in folder.iterdir() if p.is_file()) if folder.is_dir() else []
    stamps = tuple((n, (folder / n).stat().st_size, (folder / n).stat().st_mtime_ns) for n in names)
    _verify(str(folder), name, what, fix, stamps)


@functools.lru_cache(maxsize=8)
def _verify(folder: str, name: str, what: str, fix: str, stamps: tuple) -> None:
    base = Path(folder)
    listed = read_manifest(base, name).get("files")
    if not isinstance(listed, dict) or not listed:
        raise DataMissingError(
            f"{what} in {base} mist haar inhoudsopgave ({name}). {fix}", str(base / name)
        )
    for file_name, expected in sorted(listed.items()):
        path = base / str(file_name)
        try:
            actual = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError:
            actual = None
        if actual != expected:
            state = "ontbreekt" if actual is None else "is veranderd (de controlesom klopt niet)"
            raise DataMissingError(f"{what} is beschadigd: {file_name} {state}. {fix}", str(path))
