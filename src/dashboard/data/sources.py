"""Provenance: ``data/SOURCES.yaml`` and the source lines shown under every map and figure."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from dashboard.core import yamlfile as yaml
from dashboard.core.config import project_data_dir
from dashboard.core.errors import DataMissingError

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
    #: what of the table this entry is (``personen met bijstand``); entries with one ``short``
    #: are one table, named once in a source line
    topic: str = ""
    #: per-indicator entries only: CBS column, reference period, unit, rounding, status
    column: str = ""
    #: the evidence for the period, in full (Bronnen en methode)
    period: str = ""
    unit: str = ""
    rounding: str = ""
    status: str = ""
    #: the reference period as shown next to every figure ("31 december 2024")
    period_label: str = ""
    #: how the period is known: stated by the publisher, or inferred and from what
    period_basis: str = ""
    #: the publisher calls the figures provisional
    provisional: bool = False
    #: the table year the period statements are about (None: not tied to one edition)
    edition: int | None = None
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
PROVISIONAL = "voorlopig"


@dataclass(frozen=True)
class Period:
    """The reference period of a figure: what it is, how that is known, and its status."""

    label: str
    basis: str = ""
    provisional: bool = False
    #: the date or year alone, without the label's notes (``31 december 2024``); "" = label
    date: str = ""

    @property
    def text(self) -> str:
        """``31 december 2024 (…), voorlopig``: the label shown next to a figure."""
        return f"{self.label}, {PROVISIONAL}" if self.provisional else self.label

    @property
    def short(self) -> str:
        """``31 december 2024, voorlopig``: for a headline, where the notes stand nearby."""
        date = self.date or self.label
        return f"{date}, {PROVISIONAL}" if self.provisional else date


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
        if missing or not (entry.get("url") or entry.get("document") or entry.get("location")):
            raise DataMissingError(
                f"bron {key!r} in {path} mist velden: "
                f"{', '.join(missing) or 'url/document/location'}",
                str(path),
            )
        sources[key] = Source(
            id=key,
            title=str(entry["title"]),
            publisher=str(entry["publisher"]),
            location=str(entry.get("url") or entry.get("location") or SERVED_DOCUMENT),
            licence=str(entry["licence"]),
            retrieved=str(entry["retrieved"]),
            table_id=str(entry["table_id"] or ""),
            short=str(entry.get("short") or entry["title"]),
            topic=str(entry.get("topic") or ""),
            column=str(entry.get("column") or ""),
            period=str(entry.get("period") or ""),
            unit=str(entry.get("unit") or ""),
            rounding=str(entry.get("rounding") or ""),
            status=str(entry.get("status") or ""),
            document=str(entry.get("document") or ""),
            period_label=str(entry.get("period_label") or ""),
            period_basis=str(entry.get("period_basis") or ""),
            provisional=bool(entry.get("provisional", False)),
            edition=int(entry["edition"]) if entry.get("edition") else None,
        )
    return sources


def source(source_id: str) -> Source:
    try:
        return load_sources()[source_id]
    except KeyError as err:
        raise DataMissingError(f"onbekende bron {source_id!r} in data/SOURCES.yaml") from err


def _detail(entry: Source) -> str:
    """``personen met bijstand, 31 december 2024, voorlopig``: topic and period, if any."""
    period = Period(entry.period_label, provisional=entry.provisional).text
    return ", ".join(p for p in (entry.topic, period if entry.period_label else "") if p)


def source_name(source_id: str) -> str:
    """How a reader sees one source: publisher, table or document title, and for a figure its
    topic, period and status (``CBS, Kerncijfers wijken en buurten 2024 (85984NED), personen
    met bijstand, 31 december 2024, voorlopig``). Never an id or a file path."""
    entry = source(source_id)
    detail = _detail(entry)
    return f"{entry.short}, {detail}" if detail else entry.short


def citation_text(source_id: str, section: str = "") -> str:
    """A document and the place in it: ``Notitie Voorschoten …, § 'Algemeen'``."""
    name = source_name(source_id)
    return f"{name}, {section}" if section else name


def _join(items: list[str]) -> str:
    """``a``, ``a en b``, ``a, b en c``; empty for no items."""
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + " en " + items[-1]


def source_line(*source_ids: str, extra: str = "") -> str:
    """``Bron: CBS, Kerncijfers wijken en buurten 2024 (85984NED): personen met bijstand en
    personen met WW (31 december 2024, voorlopig); …`` for a caption.

    The one wording of sources for pages, PDF, slides and CLI: each table or document once,
    its topics grouped by period.
    """
    tables: dict[str, dict[str, list[str]]] = {}
    for entry in (source(s) for s in dict.fromkeys(source_ids)):
        period = Period(entry.period_label, provisional=entry.provisional).text
        topics = tables.setdefault(entry.short, {}).setdefault(
            period if entry.period_label else "", []
        )
        if entry.topic:
            topics.append(entry.topic)
    parts = []
    for short, periods in tables.items():
        details = [
            f"{_join(topics)} ({period})" if topics and period else _join(topics) or period
            for period, topics in periods.items()
        ]
        details = [d for d in details if d]
        parts.append(f"{short}: {'; '.join(details)}" if details else short)
    text = "Bron: " + "; ".join(parts)
    return f"{text}. {extra}".strip() if extra else text + "."


def source_tables(*source_ids: str) -> str:
    """The tables and documents the ids come from, each once, without topics or periods
    (``CBS, Kerncijfers wijken en buurten 2024 (85984NED); CBS, Wijk- en buurtkaart 2023 v1``):
    for a row of a table whose label and date columns already say those; the table's own
    :func:`source_line` gives them in full."""
    return "; ".join(dict.fromkeys(source(s).short for s in source_ids))


def _source_parts(line: str, shorts: list[str]) -> tuple[list[tuple[str, list[str]]], str]:
    """A source line split into its sources, each with its details (topics and periods), and
    the remark after them: ``"Bron: A: x (2024); B. Eigen berekening."`` →
    ``([("A", ["x (2024)"]), ("B", [])], "Eigen berekening.")``."""
    if not line.startswith("Bron: "):
        return [], line.strip()
    body, pos, parts = line.removeprefix("Bron: "), 0, []

    def short_at(i: int) -> str | None:
        return next((s for s in shorts if body.startswith(s, i)), None)

    while (match := short_at(pos)) is not None:
        pos += len(match)
        details: list[str] = []
        if body.startswith(": ", pos):
            start = pos + 2
            ends = [i for i in range(start, len(body)) if body.startswith("; ", i)]
            stop = next((i for i in ends if short_at(i + 2)), None)
            if stop is None:
                stop = body.find(". ", start)
                stop = len(body.rstrip(".")) if stop == -1 else stop
            details = [d for d in body[start:stop].split("; ") if d]
            pos = stop
        parts.append((match, details))
        if not body.startswith("; ", pos):
            break
        pos += 2
    if not parts:
        return [], line.strip()
    return parts, body[pos:].lstrip(".").strip()


def _source_shorts() -> list[str]:
    """Every source's short name, longest first (so a name that starts another is not taken
    for it when a line is split into its sources)."""
    return sorted({s.short for s in load_sources().values()}, key=len, reverse=True)


def lines_not_shown(lines: Iterable[str], shown: Iterable[str]) -> list[str]:
    """The source lines of ``lines`` that name something the ``shown`` lines (the sources
    printed under a section's tables and charts) do not: a source, one of its topics and
    periods, or a remark. A line whose every part already stands in a shown line is left out,
    so a section never repeats under its last table, in a shorter line, the source that table's
    own line just gave. Order and first occurrences are kept."""
    shorts = _source_shorts()
    named: set[tuple[str, str]] = set()
    remarks: list[str] = []
    shown = list(shown)
    for line in shown:
        found, remark = _source_parts(line, shorts)
        for short, details in found:
            named.add((short, ""))
            named.update((short, d) for d in details)
        if remark:
            remarks.append(remark.lower().rstrip("."))

    def says_more(line: str) -> bool:
        found, remark = _source_parts(line, shorts)
        if not found:
            return True  # not a source line this module wrote: shown as it is
        parts = {(short, d) for short, details in found for d in ("", *details)}
        folded = remark.lower().rstrip(".")
        return bool(parts - named) or bool(folded and not any(folded in r for r in remarks))

    return [line for line in dict.fromkeys(lines) if line not in shown and says_more(line)]


def merge_source_lines(lines: list[str], limit: int | None = None) -> tuple[str, list[str]]:
    """One source line from several (a step of the Presentatie, a slide): every source and topic
    once, remarks once, at most ``limit`` characters when given. Returns the line and, when it
    had to be shortened, the full line (for a slide's speaker notes)."""
    shorts = _source_shorts()
    items: dict[str, list[str]] = {}
    remarks: list[str] = []
    for line in lines:
        found, remark = _source_parts(line, shorts)
        for short, details in found:
            known = items.setdefault(short, [])
            known += [d for d in details if d not in known]
        if remark:
            remarks.append(remark)
    # "Eigen berekening." beside "Gevoeligheid: eigen berekening.": the fuller one says both
    folded = [r.lower().rstrip(".") for r in remarks]
    remarks = [
        r
        for i, r in enumerate(remarks)
        if not any(
            folded[i] in other and (folded[i] != other or j < i)
            for j, other in enumerate(folded)
            if j != i
        )
    ]

    def text(kept: list[tuple[str, list[str]]], said: list[str], cut: bool) -> str:
        tail = " ".join(said)
        if not kept:
            return f"{tail} Meer in de notities.".strip() if cut else tail
        named = "; ".join(f"{s}: {'; '.join(d)}" if d else s for s, d in kept)
        more = "; meer in de notities" if cut else ""
        return f"Bron: {named}{more}. {tail}".strip()

    full = [(s, list(d)) for s, d in items.items()]
    kept = [(s, list(d)) for s, d in full]
    said = list(remarks)

    def shortened() -> bool:
        return kept != full or said != remarks

    while limit is not None and len(text(kept, said, shortened())) > limit:
        detailed = [d for _, d in kept if d]
        if detailed:  # topics first (the table's name stays), from the last source back
            detailed[-1].pop()
        elif said:
            said.pop()  # a long remark (a caveat) goes to the notes whole, not cut mid-sentence
        elif len(kept) > 1:
            kept.pop()
        else:
            break
    full_text = text(full, remarks, False)
    return text(kept, said, shortened()), ([full_text] if shortened() else [])
