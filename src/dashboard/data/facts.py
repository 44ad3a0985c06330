"""Facts about arbeidsmarktregio's transcribed from the seed documents (``data/regions/``).

Every fact carries a :class:`Citation`: a source id that must exist in ``data/SOURCES.yaml``, the
section of that document, and the literal quote it rests on. :func:`load_facts` refuses files
whose facts cite unknown sources or lack a section; :func:`verify_quotes` checks the quotes against
the seed texts (used by the tests; the seeds are not shipped with the app).

Regions the seeds do not describe have no facts: :func:`centrumgemeente` then returns
``(None, None)`` and the app shows "niet vastgelegd".
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from dashboard.core import yamlfile as yaml
from dashboard.core.config import project_data_dir
from dashboard.core.errors import DataMissingError
from dashboard.data.sources import citation_text, load_sources

NIET_VASTGELEGD = "niet vastgelegd in de bronnen"

#: Seed file name prefix → source id (``000_…txt`` → ``seed_000``).
SEED_ID = re.compile(r"^seed_(\d{3})$")


@dataclass(frozen=True)
class Citation:
    """Where a fact comes from."""

    source: str
    section: str
    quotes: tuple[str, ...] = ()

    def document(self) -> str:
        """``Notitie Voorschoten …, § 'Algemeen'``: the document's title and place, no
        id (the wording is :func:`dashboard.data.sources.citation_text`)."""
        return citation_text(self.source, self.section)


@dataclass(frozen=True)
class Fact:
    """One qualitative fact about a region."""

    id: str
    region: str
    topic: str
    value: str
    citation: Citation
    date: str = ""
    location: str = ""
    gemeente: str = ""


@dataclass(frozen=True)
class Topic:
    id: str
    label: str


@dataclass(frozen=True)
class SeedMember:
    """A gemeente as a seed lists it for a region (may differ from the 2025 CBS indeling)."""

    region: str
    region_name_in_source: str
    gemeente_naam: str
    #: 2025 CBS code; empty when the gemeente no longer exists in the 2025 indeling
    gemeente_code: str
    subregio: str
    #: True when the seed does not name the subregio for this gemeente (derived by elimination)
    subregio_afgeleid: bool
    subregio_fact: str
    centrumgemeente: bool
    citation: Citation


@dataclass(frozen=True)
class Amount:
    """An amount of money named in a seed."""

    id: str
    region: str
    gemeente_code: str
    label: str
    amount_eur: float
    approx: bool
    period: str
    citation: Citation


@dataclass(frozen=True)
class ProcedureStep:
    """One step of the overstap route."""

    id: str
    order: int
    applies_to: str  # "altijd" or a region code
    title: str
    who: str
    rule: str
    result: str
    citation: Citation


@dataclass(frozen=True)
class Consequence:
    """A consequence or open question the memo names."""

    id: str
    kind: str  # "gevolg" or "open_vraag"
    title: str
    text: str
    citation: Citation
    #: "altijd", or "GM0626>AM19" when the memo states it only for that move
    scope: str = "altijd"

    def applies(self, gemeente_code: str, naar: str) -> bool:
        return self.scope == "altijd" or self.scope == f"{gemeente_code}>{naar}"


@dataclass(frozen=True)
class VariantAssumption:
    """The dashboard's default guess which ontwikkelvariant a region's WSP resembles."""

    region: str
    variant: str
    reason: str
    citation: Citation
    #: the variant description the comparison rests on (seed 004)
    variant_citation: Citation


@dataclass(frozen=True)
class ContextNote:
    """Something a source says that belongs next to a page's own content (not a region fact)."""

    id: str
    #: where it is shown: "overstap", "kosten" (beside the cost model) or "varianten"
    where: str
    #: region codes it concerns; empty = always shown on its page
    regions: tuple[str, ...]
    title: str
    text: str
    citation: Citation


CONTEXT_PLACES = ("overstap", "kosten", "varianten")


@dataclass(frozen=True)
class FactBase:
    """Everything in ``data/regions/``, validated."""

    topics: tuple[Topic, ...]
    region_names_in_source: Mapping[str, tuple[str, Citation]]
    facts: tuple[Fact, ...]
    composition: tuple[SeedMember, ...]
    amounts: tuple[Amount, ...]
    steps: tuple[ProcedureStep, ...]
    consequences: tuple[Consequence, ...]
    variant_assumptions: tuple[VariantAssumption, ...]
    context: tuple[ContextNote, ...] = ()

    def context_for(self, where: str, regions: Iterable[str] = ()) -> tuple[ContextNote, ...]:
        """Notes for a page; those tied to regions only when one of ``regions`` is involved."""
        involved = set(regions)
        return tuple(
            n
            for n in self.context
            if n.where == where and (not n.regions or involved.intersection(n.regions))
        )

    def facts_for(self, region: str, topic: str | None = None) -> tuple[Fact, ...]:
        return tuple(
            f for f in self.facts if f.region == region and (topic is None or f.topic == topic)
        )

    def fact(self, fact_id: str) -> Fact:
        for f in self.facts:
            if f.id == fact_id:
                return f
        raise KeyError(fact_id)

    def described_regions(self) -> tuple[str, ...]:
        """Region codes the seeds describe."""
        return tuple(dict.fromkeys(f.region for f in self.facts))

    def seed_members(self, region: str) -> tuple[SeedMember, ...]:
        return tuple(m for m in self.composition if m.region == region)

    def amounts_for(self, region: str) -> tuple[Amount, ...]:
        return tuple(a for a in self.amounts if a.region == region)

    def variant_assumption(self, region: str) -> VariantAssumption | None:
        for v in self.variant_assumptions:
            if v.region == region:
                return v
        return None

    def citations(self) -> Iterable[Citation]:
        """Every citation in the fact base (for validation and the sources page)."""
        for f in self.facts:
            yield f.citation
        for m in self.composition:
            yield m.citation
        for a in self.amounts:
            yield a.citation
        for s in self.steps:
            yield s.citation
        for c in self.consequences:
            yield c.citation
        for v in self.variant_assumptions:
            yield v.citation
            yield v.variant_citation
        for n in self.context:
            yield n.citation
        for _, cit in self.region_names_in_source.values():
            yield cit


# --- loading ------------------------------------------------------------------------------------
def _quotes(value: Any) -> tuple[str, ...]:
    if value is None or value == "":
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(q) for q in value)


def _citation(entry: Mapping[str, Any], where: str) -> Citation:
    source = str(entry.get("source") or "").strip()
    if not source:
        raise DataMissingError(f"{where}: bron (source) ontbreekt")
    return Citation(source, str(entry.get("section") or "").strip(), _quotes(entry.get("quote")))


def _read_yaml(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as err:
        raise DataMissingError(f"{path} is niet leesbaar: {err}", str(path)) from err
    if not isinstance(data, dict):
        raise DataMissingError(f"{path} moet een YAML-object zijn", str(path))
    return data


def _read_csv(path: Path) -> list[dict[str, str]]:
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))
    except OSError as err:
        raise DataMissingError(f"{path} is niet leesbaar: {err}", str(path)) from err


def _yes(text: str) -> bool:
    return str(text).strip().lower() in {"ja", "true", "1", "yes"}


@cache
def load_facts(folder: Path | None = None, sources_path: Path | None = None) -> FactBase:
    """Load and validate ``data/regions/``.

    Raises
    ------
    DataMissingError
        When a file is unreadable, a fact has no source or section, cites a source id that is not
        in ``data/SOURCES.yaml``, or refers to an unknown topic or fact.
    """
    base = folder or project_data_dir() / "regions"
    raw = _read_yaml(base / "facts.yaml")
    topics = tuple(Topic(str(t["id"]), str(t["label"])) for t in raw.get("topics", []))
    topic_ids = {t.id for t in topics}
    names = {
        str(code): (str(entry["name_in_source"]), _citation(entry, f"facts.yaml regio {code}"))
        for code, entry in (raw.get("regions") or {}).items()
    }
    facts: list[Fact] = []
    for entry in raw.get("facts", []):
        fid = str(entry.get("id") or "")
        where = f"facts.yaml feit {fid or '?'}"
        if not fid or not entry.get("value"):
            raise DataMissingError(f"{where}: id of value ontbreekt", str(base / "facts.yaml"))
        if entry.get("topic") not in topic_ids:
            raise DataMissingError(
                f"{where}: onbekend onderwerp {entry.get('topic')!r}", str(base / "facts.yaml")
            )
        facts.append(
            Fact(
                id=fid,
                region=str(entry["region"]),
                topic=str(entry["topic"]),
                value=str(entry["value"]),
                citation=_citation(entry, where),
                date=str(entry.get("date") or ""),
                location=str(entry.get("location") or ""),
                gemeente=str(entry.get("gemeente") or ""),
            )
        )
    composition = tuple(
        SeedMember(
            region=r["region_code"],
            region_name_in_source=r["region_name_in_source"],
            gemeente_naam=r["gemeente_naam"],
            gemeente_code=r["gemeente_code"].strip(),
            subregio=r["subregio"],
            subregio_afgeleid=_yes(r["subregio_afgeleid"]),
            subregio_fact=r["subregio_fact"].strip(),
            centrumgemeente=_yes(r["centrumgemeente"]),
            citation=_citation(r, f"composition.csv {r['gemeente_naam']}"),
        )
        for r in _read_csv(base / "composition.csv")
    )
    amounts = tuple(
        Amount(
            id=r["id"],
            region=r["region_code"],
            gemeente_code=r["gemeente_code"].strip(),
            label=r["label"],
            amount_eur=float(r["amount_eur"]),
            approx=_yes(r["approx"]),
            period=r["period"],
            citation=_citation(r, f"amounts.csv {r['id']}"),
        )
        for r in _read_csv(base / "amounts.csv")
    )
    proc = _read_yaml(base / "procedure.yaml")
    steps = tuple(
        sorted(
            (
                ProcedureStep(
                    id=str(s["id"]),
                    order=int(s["order"]),
                    applies_to=str(s["applies_to"]),
                    title=str(s["title"]),
                    who=str(s["who"]),
                    rule=str(s["rule"]),
                    result=str(s["result"]),
                    citation=_citation(s, f"procedure.yaml stap {s.get('id')}"),
                )
                for s in proc.get("steps", [])
            ),
            key=lambda s: s.order,
        )
    )
    consequences = tuple(
        Consequence(
            id=str(c["id"]),
            kind=str(c["kind"]),
            title=str(c["title"]),
            text=str(c["text"]),
            citation=_citation(c, f"procedure.yaml gevolg {c.get('id')}"),
            scope=str(c.get("scope") or "altijd"),
        )
        for c in proc.get("consequences", [])
    )
    var = _read_yaml(base / "variants.yaml")
    variant_citation = _citation(var.get("variant_source") or {}, "variants.yaml variant_source")
    assumptions = tuple(
        VariantAssumption(
            region=str(v["region"]),
            variant=str(v["variant"]),
            reason=str(v["reason"]),
            citation=_citation(v, f"variants.yaml {v.get('region')}"),
            variant_citation=variant_citation,
        )
        for v in var.get("regions", [])
    )
    context: list[ContextNote] = []
    context_file = base / "context.yaml"
    for n in (_read_yaml(context_file).get("notes") or []) if context_file.is_file() else []:
        where = f"context.yaml {n.get('id')}"
        if n.get("where") not in CONTEXT_PLACES:
            raise DataMissingError(
                f"{where}: onbekende plek {n.get('where')!r}; bekend: {', '.join(CONTEXT_PLACES)}",
                str(context_file),
            )
        context.append(
            ContextNote(
                id=str(n["id"]),
                where=str(n["where"]),
                regions=tuple(str(r) for r in n.get("regions") or ()),
                title=str(n["title"]),
                text=str(n["text"]),
                citation=_citation(n, where),
            )
        )
    fact_base = FactBase(
        topics=topics,
        region_names_in_source=names,
        facts=tuple(facts),
        composition=composition,
        amounts=amounts,
        steps=steps,
        consequences=consequences,
        variant_assumptions=assumptions,
        context=tuple(context),
    )
    validate(fact_base, sources_path)
    return fact_base


def validate(fact_base: FactBase, sources_path: Path | None = None) -> None:
    """Every citation names a known source and a section; cross references resolve."""
    known = set(load_sources(sources_path) if sources_path else load_sources())
    for cit in fact_base.citations():
        if cit.source not in known:
            raise DataMissingError(
                f"data/regions: bron {cit.source!r} staat niet in data/SOURCES.yaml "
                f"(bekend: {', '.join(sorted(known))})"
            )
        if not cit.section:
            raise DataMissingError(f"data/regions: een feit uit {cit.source} mist de vindplaats")
        if SEED_ID.match(cit.source) and not cit.quotes:
            raise DataMissingError(
                f"data/regions: een feit uit {cit.source} ({cit.section}) mist het citaat"
            )
    ids = [f.id for f in fact_base.facts]
    duplicates = {i for i in ids if ids.count(i) > 1}
    if duplicates:
        raise DataMissingError(f"data/regions: dubbele feit-id's {sorted(duplicates)}")
    for member in fact_base.composition:
        if member.subregio_fact and member.subregio_fact not in ids:
            raise DataMissingError(
                f"composition.csv: {member.gemeente_naam} verwijst naar onbekend feit "
                f"{member.subregio_fact!r}"
            )


# --- quote verification -----------------------------------------------------------------------
def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def seed_texts(seeds_dir: Path) -> dict[str, str]:
    """``{"seed_000": <text without whitespace>, ...}`` from the seed folder."""
    texts = {}
    for path in sorted(seeds_dir.glob("[0-9][0-9][0-9]_*.txt")):
        texts[f"seed_{path.name[:3]}"] = _squash(path.read_text(encoding="utf-8"))
    return texts


def verify_quotes(fact_base: FactBase, seeds_dir: Path) -> list[str]:
    """Quotes that do not occur literally (ignoring whitespace) in their seed; empty when all do."""
    texts = seed_texts(seeds_dir)
    problems = []
    for cit in fact_base.citations():
        if not SEED_ID.match(cit.source):
            continue
        text = texts.get(cit.source)
        if text is None:
            problems.append(f"{cit.source}: seedbestand niet gevonden in {seeds_dir}")
            continue
        for quote in cit.quotes:
            if _squash(quote) not in text:
                problems.append(f"{cit.source} ({cit.section}): citaat niet gevonden: {quote!r}")
    return problems


# --- small public helpers -----------------------------------------------------------------------
def centrumgemeente(
    region_code: str, fact_base: FactBase | None = None
) -> tuple[str | None, str | None]:
    """The centrumgemeente of a region as a seed names it, and that seed's source id.

    Returns ``(None, None)`` for regions whose centrumgemeente no seed names ("niet vastgelegd").
    """
    fb = fact_base or load_facts()
    code = str(region_code).strip().upper()
    for fact in fb.facts_for(code, "centrumgemeente"):
        # the first centrumgemeente fact of a region is its name; later ones describe its role
        name = fact.value.split(" (")[0].strip()
        return name, fact.citation.source
    return None, None


def centrumgemeente_label(region_code: str, fact_base: FactBase | None = None) -> str:
    """Name for display, or ``niet vastgelegd``."""
    name, _ = centrumgemeente(region_code, fact_base)
    return name or "niet vastgelegd"
