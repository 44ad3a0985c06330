"""Provenance: ``data/SOURCES.yaml`` and the source lines shown under every map and figure."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from dashboard import yamlfile as yaml
from dashboard.config import project_data_dir
from dashboard.errors import DataMissingError

REQUIRED_FIELDS = ("title", "publisher", "licence", "retrieved", "table_id")


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    publisher: str
    #: where a reader finds it: the publisher's address, or for a document this dashboard
    #: serves, a sentence saying so (never a file path)
    location: str
    licence: str
    retrieved: str
    table_id: str
    short: str
    #: per-indicator entries only: CBS column, reference period, unit, rounding, status
    column: str = ""
    period: str = ""
    unit: str = ""
    rounding: str = ""
    status: str = ""
    #: a copy of a public document the app may serve, relative to the project data folder
    document: str = ""

    def document_file(self) -> Path | None:
        """The served copy of the document, or None (a web source or a missing copy)."""
        if not self.document:
            return None
        path = project_data_dir() / self.document
        return path if path.is_file() else None


SERVED_DOCUMENT = (
    "openbaar document; de tekst staat op de pagina Bronnen en methode van dit dashboard"
)


@cache
def load_sources(path: Path | None = None) -> dict[str, Source]:
    """Read and check ``data/SOURCES.yaml``."""
    path = path or project_data_dir() / "SOURCES.yaml"
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as err:
        raise DataMissingError(f"bronnenlijst {path} is niet leesbaar: {err}", str(path)) from err
    sources: dict[str, Source] = {}
    for key, entry in raw.items():
        missing = [f for f in REQUIRED_FIELDS if f not in entry]
        if missing or not (entry.get("url") or entry.get("document")):
            raise DataMissingError(
                f"bron {key!r} in {path} mist velden: {', '.join(missing) or 'url/document'}",
                str(path),
            )
        sources[key] = Source(
            id=key,
            title=str(entry["title"]),
            publisher=str(entry["publisher"]),
            location=str(entry.get("url") or SERVED_DOCUMENT),
            licence=str(entry["licence"]),
            retrieved=str(entry["retrieved"]),
            table_id=str(entry["table_id"] or ""),
            short=str(entry.get("short") or entry["title"]),
            column=str(entry.get("column") or ""),
            period=str(entry.get("period") or ""),
            unit=str(entry.get("unit") or ""),
            rounding=str(entry.get("rounding") or ""),
            status=str(entry.get("status") or ""),
            document=str(entry.get("document") or ""),
        )
    return sources


def source(source_id: str) -> Source:
    try:
        return load_sources()[source_id]
    except KeyError as err:
        raise DataMissingError(f"onbekende bron {source_id!r} in data/SOURCES.yaml") from err


def source_line(*source_ids: str, extra: str = "") -> str:
    """``Bron: CBS, Kerncijfers wijken en buurten 2024 (85984NED); …`` for a caption."""
    parts = [source(s).short for s in dict.fromkeys(source_ids)]
    text = "Bron: " + "; ".join(parts)
    return f"{text}. {extra}".strip() if extra else text + "."
