"""The embedded default data: where its contents list is, and its check.

Kept apart from :mod:`dashboard.data.snapshot` (which builds the snapshot from the CBS files, and so
needs :mod:`dashboard.data.cbs`), because reading any data folder checks the embedded one first.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from dashboard.core.config import SNAPSHOT_DIR
from dashboard.core.manifest import read_manifest, verify_manifest

#: The snapshot's contents list: attribution, licence, date of the data, sha256 of every file.
SNAPSHOT_META = "SNAPSHOT.json"


def verify_snapshot(folder: Path = SNAPSHOT_DIR) -> None:
    """Check the snapshot's files against the sha256 sums in its ``SNAPSHOT.json``."""
    verify_manifest(
        folder,
        SNAPSHOT_META,
        what="de ingebouwde momentopname",
        fix="Installeer het dashboard opnieuw, of maak de momentopname opnieuw met "
        "'python -m dashboard data snapshot --uit MAP'.",
    )


def snapshot_info(folder: Path = SNAPSHOT_DIR) -> dict[str, Any]:
    """The snapshot's SNAPSHOT.json (empty when there is none)."""
    return read_manifest(folder, SNAPSHOT_META)
