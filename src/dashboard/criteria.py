"""The vocabulary of the handreiking's criteria matrix (seed 004, §8) and its loader."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from pathlib import Path

from dashboard.config import project_data_dir
from dashboard.errors import DataMissingError, ValidationError


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
        return dict(self.ratings)[(criterion_id, variant_id)]

    def ratings_dict(self) -> dict[tuple[str, str], Rating]:
        """A fresh dict copy of the ratings."""
        return dict(self.ratings)

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
