"""The vocabulary of the handreiking's criteria matrix (seed 004, §8) and its loader."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from enum import StrEnum
from functools import cache, cached_property
from pathlib import Path

from dashboard.core.config import project_data_dir
from dashboard.core.errors import DataMissingError, ValidationError


class Rating(StrEnum):
    """A rating exactly as printed in the handreiking, best first."""

    PLUS_PLUS = "++"
    PLUS = "+"
    NEUTRAL = "+/-"
    MINUS = "-"
    MINUS_MINUS = "-/-"

    @property
    def order(self) -> int:
        """4 for ``++`` down to 0 for ``-/-``; used for dominance, independent of any scale."""
        return _ORDER[self]

    @classmethod
    def parse(cls, text: object) -> Rating:
        """Parse a symbol; raise :class:`ValidationError` naming the allowed symbols."""
        if isinstance(text, Rating):
            return text
        if isinstance(text, str):
            cleaned = text.strip().replace("−", "-").replace("–", "-")
            for rating in cls:
                if rating.value == cleaned:
                    return rating
        allowed = ", ".join(r.value for r in cls)
        raise ValidationError(f"onbekend oordeel {text!r}; toegestaan zijn {allowed}")


_ORDER = {
    Rating.PLUS_PLUS: 4,
    Rating.PLUS: 3,
    Rating.NEUTRAL: 2,
    Rating.MINUS: 1,
    Rating.MINUS_MINUS: 0,
}

#: Ratings from best to worst.
RATINGS: tuple[Rating, ...] = tuple(sorted(Rating, key=lambda r: -r.order))


@dataclass(frozen=True)
class Group:
    """A stakeholder group (perspective) of the criteria matrix."""

    id: str
    label: str
    short: str
    source: str


@dataclass(frozen=True)
class Criterion:
    """One row of the criteria matrix."""

    id: str
    group: str
    label: str
    source: str


@dataclass(frozen=True)
class Variant:
    """One of the three ontwikkelvarianten."""

    id: str
    name: str
    title: str
    source: str


@dataclass(frozen=True)
class Matrix:
    """The handreiking's matrix: groups, criteria (table order), variants and ratings."""

    groups: tuple[Group, ...]
    criteria: tuple[Criterion, ...]
    variants: tuple[Variant, ...]
    #: ((criterion id, variant id), rating) pairs; a tuple so the matrix stays hashable.
    ratings: tuple[tuple[tuple[str, str], Rating], ...]

    def rating(self, criterion_id: str, variant_id: str) -> Rating:
        return self._rating_of[(criterion_id, variant_id)]

    @cached_property
    def _rating_of(self) -> dict[tuple[str, str], Rating]:
        """The ratings looked up by (criterion, variant): made once per matrix (the robustness
        analysis asks some 1.700 times)."""
        return dict(self.ratings)

    def __getstate__(self) -> dict[str, object]:
        # pickled (st.cache_data keys, worker processes) by its fields only, looked up or not
        return {k: v for k, v in self.__dict__.items() if k != "_rating_of"}

    @property
    def group_ids(self) -> tuple[str, ...]:
        return tuple(g.id for g in self.groups)

    @property
    def criterion_ids(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.criteria)

    @property
    def variant_ids(self) -> tuple[str, ...]:
        return tuple(v.id for v in self.variants)

    def criterion(self, criterion_id: str) -> Criterion:
        for crit in self.criteria:
            if crit.id == criterion_id:
                return crit
        raise ValidationError(f"onbekend criterium {criterion_id!r}")

    def group(self, group_id: str) -> Group:
        for grp in self.groups:
            if grp.id == group_id:
                return grp
        raise ValidationError(f"onbekende groep {group_id!r}")

    def variant(self, variant_id: str) -> Variant:
        for var in self.variants:
            if var.id == variant_id:
                return var
        raise ValidationError(f"onbekende variant {variant_id!r}")

    def criteria_in(self, group_id: str) -> tuple[Criterion, ...]:
        return tuple(c for c in self.criteria if c.group == group_id)


def _read_csv(path: Path) -> list[dict[str, str]]:
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))
    except OSError as err:
        raise DataMissingError(
            f"het bestand {path} kan niet worden gelezen ({err.strerror or err})", str(path)
        ) from err


@cache
def load_matrix(folder: Path | None = None) -> Matrix:
    """Load ``data/criteria/{groups,criteria,variants}.csv`` (transcribed from seed 004, §8)."""
    base = folder or project_data_dir() / "criteria"
    groups = tuple(
        Group(r["id"], r["label"], r["short"], r["source"]) for r in _read_csv(base / "groups.csv")
    )
    variants = tuple(
        Variant(r["id"], r["name"], r["title"], r["source"])
        for r in _read_csv(base / "variants.csv")
    )
    criteria: list[Criterion] = []
    ratings: list[tuple[tuple[str, str], Rating]] = []
    group_ids = {g.id for g in groups}
    for row in _read_csv(base / "criteria.csv"):
        if row["group"] not in group_ids:
            raise DataMissingError(
                f"criteria.csv: criterium {row['id']} noemt onbekende groep {row['group']!r}",
                str(base / "criteria.csv"),
            )
        criteria.append(Criterion(row["id"], row["group"], row["label"], row["source"]))
        for variant in variants:
            ratings.append(((row["id"], variant.id), Rating.parse(row[variant.id])))
    return Matrix(groups, tuple(criteria), variants, tuple(ratings))


# --- variant descriptions, building blocks (Bijlage 1) and examples (§5) -----------------------
# Plain data files in data/criteria/, each row citing document and section.


@dataclass(frozen=True)
class VariantDescription:
    """Full title and short description of a variant (seed 004, §5)."""

    id: str
    title_full: str
    description: str
    #: True when the description leaves out sentences (marked ``[...]``) for length.
    shortened: bool
    note: str
    source: str


@dataclass(frozen=True)
class BuildingBlock:
    """One building block of Bijlage 1 with each variant's wording from the schema."""

    id: str
    category: str
    block: str
    level: str
    #: ((variant id, text), ...) in variant order
    texts: tuple[tuple[str, str], ...]
    source: str

    def text(self, variant_id: str) -> str:
        return dict(self.texts)[variant_id]


@dataclass(frozen=True)
class Example:
    """One of the three practice examples of §5 and the variant(s) it is closest to."""

    id: str
    name: str
    title: str
    #: variant ids; two when the text places the example between two variants
    closest: tuple[str, ...]
    #: whether the text itself names the variant (otherwise it follows from placement and wording)
    stated_in_text: bool
    basis: str
    quote: str
    speaker: str
    source: str


def _require(rows: list[dict[str, str]], columns: tuple[str, ...], path: Path) -> None:
    for number, row in enumerate(rows, start=2):
        missing = [c for c in columns if not (row.get(c) or "").strip() and c != "level"]
        if missing:
            raise DataMissingError(
                f"{path.name}, regel {number}: lege kolom(men) {', '.join(missing)}", str(path)
            )


@cache
def load_variant_descriptions(folder: Path | None = None) -> tuple[VariantDescription, ...]:
    """Read ``data/criteria/variants.yaml`` (seed 004, §5), in the order of ``variants.csv``."""
    from dashboard.core import yamlfile as yaml  # local: only this loader needs it

    base = folder or project_data_dir() / "criteria"
    path = base / "variants.yaml"
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as err:
        raise DataMissingError(
            f"het bestand {path} kan niet worden gelezen ({err})", str(path)
        ) from err
    order = load_matrix(folder).variant_ids
    out = []
    for vid in order:
        entry = raw.get(vid)
        if not isinstance(entry, dict) or not entry.get("description") or not entry.get("source"):
            raise DataMissingError(
                f"{path.name}: omschrijving of bron van {vid} ontbreekt", str(path)
            )
        out.append(
            VariantDescription(
                id=vid,
                title_full=" ".join(str(entry.get("title_full", "")).split()),
                description=" ".join(str(entry["description"]).split()),
                shortened=bool(entry.get("shortened", False)),
                note=" ".join(str(entry.get("note", "")).split()),
                source=str(entry["source"]),
            )
        )
    return tuple(out)


@cache
def load_building_blocks(folder: Path | None = None) -> tuple[BuildingBlock, ...]:
    """Read ``data/criteria/building_blocks.csv`` (seed 004, Bijlage 1), in table order."""
    base = folder or project_data_dir() / "criteria"
    path = base / "building_blocks.csv"
    rows = _read_csv(path)
    variant_ids = load_matrix(folder).variant_ids
    _require(rows, ("id", "category", "block", "source", *variant_ids), path)
    return tuple(
        BuildingBlock(
            id=r["id"],
            category=r["category"],
            block=r["block"],
            level=r.get("level") or "",
            texts=tuple((v, r[v]) for v in variant_ids),
            source=r["source"],
        )
        for r in rows
    )


@cache
def load_examples(folder: Path | None = None) -> tuple[Example, ...]:
    """Read ``data/criteria/examples.csv`` (seed 004, §5: the three practice examples)."""
    base = folder or project_data_dir() / "criteria"
    path = base / "examples.csv"
    rows = _read_csv(path)
    _require(rows, ("id", "name", "title", "closest", "basis", "source"), path)
    variant_ids = set(load_matrix(folder).variant_ids)
    out = []
    for r in rows:
        closest = tuple(v.strip() for v in r["closest"].split(";") if v.strip())
        unknown = [v for v in closest if v not in variant_ids]
        if unknown or not closest:
            raise DataMissingError(
                f"{path.name}: voorbeeld {r['id']} noemt onbekende variant {r['closest']!r}",
                str(path),
            )
        out.append(
            Example(
                id=r["id"],
                name=r["name"],
                title=r["title"],
                closest=closest,
                stated_in_text=r.get("stated_in_text", "").strip().lower() == "ja",
                basis=r["basis"],
                quote=r.get("quote", ""),
                speaker=r.get("speaker", ""),
                source=r["source"],
            )
        )
    return tuple(out)
