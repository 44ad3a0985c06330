"""A small on-disk cache for results derived from the CBS files (indeling, map geometry).

Deriving them needs geopandas and takes a second or two; a new server process (a restart, a
second replica) then starts drawing the map at once. Entries are keyed on the source files' path,
size and modification time, so a changed or replaced file is never served stale. A cache that
cannot be read or written is simply skipped.

Each entry starts with the sha256 of its content; an entry whose content does not match (edited,
cut short) is a miss, so the value is derived again. That is a check of integrity, not of
origin: whoever can write the folder can write a matching sum too, so what a page puts into its
markup from here is checked again there (the map's SVG through
:mod:`dashboard.presentation.safe_svg`).
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from dashboard.core.config import cache_dir

FORMAT_VERSION = 2


def _path(kind: str, key: Any) -> Path:
    digest = hashlib.sha256(json.dumps([FORMAT_VERSION, kind, key]).encode()).hexdigest()[:24]
    return cache_dir() / "derived" / f"{kind}-{digest}.json"


def load(kind: str, key: Any) -> Any | None:
    """The cached value for ``kind``/``key``, or None (also when its content sum is wrong)."""
    try:
        digest, _, body = _path(kind, key).read_text(encoding="utf-8").partition("\n")
        if hashlib.sha256(body.encode("utf-8")).hexdigest() != digest:
            return None
        return json.loads(body)
    except (OSError, ValueError):
        return None


def store(kind: str, key: Any, value: Any) -> None:
    """Write atomically; ignore a read-only or full disk."""
    path = _path(kind, key)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        body = json.dumps(value, separators=(",", ":"))
        digest = hashlib.sha256(body.encode("utf-8")).hexdigest()
        with tempfile.NamedTemporaryFile(
            "w", dir=path.parent, delete=False, suffix=".part", encoding="utf-8"
        ) as handle:
            handle.write(f"{digest}\n{body}")
        os.replace(handle.name, path)
    except OSError:
        return
