"""Weighted-sum scoring of the three ontwikkelvarianten.

Definitions
-----------
* Scale: a value per rating; must keep ``++ ≥ + ≥ +/- ≥ - ≥ -/-`` and have ``++ > -/-``.
* Effective weight of criterion *c* in group *g* = ``(W_g / ΣW) × (w_c / Σ_{c' in g} w_c')``.
* Score of *v* = ``Σ_c effective(c) × value(rating(v, c))``; on 0–100 as
  ``(score − min) / (max − min) × 100`` with min/max the scale's ``-/-`` and ``++`` values.
* Group score of *v* = ``Σ_{c in g} (w_c / Σ_{c' in g} w_c') × value(rating(v, c))``.
* Ranks: highest first; equal scores share the lowest rank number (1, 1, 3).
* Dominance: A dominates B when A's rating is at least B's on every criterion and higher on
  at least one; this is a property of the ratings, not of weights or scale.

``DecisionProblem`` validates itself when built; :func:`score` is a thin kernel behind it.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType
from typing import Any

import numpy as np

from dashboard.core.errors import UnknownCodeError, ValidationError
from dashboard.core.formatting import fmt_plain
from dashboard.core.limits import REASON, SCALE, WEIGHT
from dashboard.core.usertext import check_characters
from dashboard.mcda.criteria import RATINGS, Matrix, Rating, load_matrix

#: The default coding (an assumption: the handreiking gives no numbers).
DEFAULT_SCALE: Mapping[Rating, float] = MappingProxyType(
    {
        Rating.PLUS_PLUS: 2.0,
        Rating.PLUS: 1.0,
        Rating.NEUTRAL: 0.0,
        Rating.MINUS: -1.0,
        Rating.MINUS_MINUS: -2.0,
    }
)

#: Relative tolerance under which two scores count as equal.
TIE_TOLERANCE = 1e-9

# The limits for every way a weighting comes in (CLI, share link, scenario file, the pages)
# are dashboard.core.limits.WEIGHT, SCALE and REASON, so whatever one accepts the others accept too.


def _finite_number(value: Any, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float | np.floating | np.integer):
        raise ValidationError(f"{what}: {value!r} is geen getal")
    try:
        number = float(value)
    except OverflowError:  # an int too large for a float, e.g. 10**400 in a JSON file
        raise ValidationError(f"{what}: het getal is te groot") from None
    if not math.isfinite(number):
        raise ValidationError(f"{what}: {value!r} is geen eindig getal")
    return number + 0.0  # -0.0 becomes 0.0, so it never prints as "-0"


def check_weight(value: Any, what: str) -> float:
    """A raw weight within :data:`dashboard.core.limits.WEIGHT`; else a Dutch error."""
    number = _finite_number(value, what)
    return WEIGHT.check(number, what)


def key_text(key: Any) -> str:
    """A key or field name from a file as it can stand in a one-line message: a name that is
    empty, has a line break or an invisible character, or is over 40 characters long is quoted,
    escaped and shortened."""
    text = str(key)
    if text and text.isprintable() and len(text) <= 40:
        return text
    shown = repr(text)
    return f"{shown[:40]}{'…' if len(shown) > 40 else ''}"


def check_reason(value: Any, what: str) -> str:
    """The reason for an own rating: one line within :data:`dashboard.core.limits.REASON`, without
    control, direction or hidden characters (the rules of :mod:`dashboard.core.usertext`, as for the
    text of a scenario)."""
    if not isinstance(value, str):
        raise ValidationError(f"{what} moet tekst zijn")
    check_characters(REASON.check_length(value, what), what)
    return value


@dataclass(frozen=True)
class Scale:
    """Numeric value per rating symbol."""

    values: Mapping[Rating, float] = field(default_factory=lambda: dict(DEFAULT_SCALE))

    def __post_init__(self) -> None:
        checked: dict[Rating, float] = {}
        for rating in RATINGS:
            if rating not in self.values:
                raise ValidationError(f"schaal: waarde voor '{rating.value}' ontbreekt")
            checked[rating] = _finite_number(self.values[rating], f"schaal '{rating.value}'")
            checked[rating] = SCALE.check(checked[rating], f"schaal '{rating.value}'")
        for better, worse in itertools.pairwise(RATINGS):
            if checked[better] < checked[worse]:
                raise ValidationError(
                    "schaal: de volgorde ++ ≥ + ≥ +/- ≥ - ≥ -/- moet blijven gelden, maar "
                    f"'{better.value}' = {fmt_plain(checked[better])} is lager dan "
                    f"'{worse.value}' = {fmt_plain(checked[worse])}"
                )
        if checked[Rating.PLUS_PLUS] <= checked[Rating.MINUS_MINUS]:
            raise ValidationError("schaal: '++' moet hoger zijn dan '-/-'")
        if not math.isfinite(checked[Rating.PLUS_PLUS] - checked[Rating.MINUS_MINUS]):
            raise ValidationError("schaal: de waarden liggen te ver uit elkaar")
        object.__setattr__(self, "values", MappingProxyType(checked))

    # MappingProxyType cannot be pickled; st.cache_data and multiprocessing pickle results.
    def __getstate__(self) -> dict[str, Any]:
        return {"values": dict(self.values)}

    def __setstate__(self, state: dict[str, Any]) -> None:
        object.__setattr__(self, "values", MappingProxyType(dict(state["values"])))

    @classmethod
    def from_symbols(cls, mapping: Mapping[str, Any], base: Scale | None = None) -> Scale:
        """Build from ``{"++": 2, ...}``; missing symbols keep ``base`` (default scale)."""
        values = dict((base or cls()).values)
        for symbol, value in mapping.items():
            rating = Rating.parse(symbol)  # first, so an odd key is named only as repr
            values[rating] = _finite_number(value, f"schaal '{rating.value}'")
        return cls(values)

    def value(self, rating: Rating) -> float:
        return self.values[rating]

    @property
    def minimum(self) -> float:
        return self.values[Rating.MINUS_MINUS]

    @property
    def maximum(self) -> float:
        return self.values[Rating.PLUS_PLUS]

    def as_symbols(self) -> dict[str, float]:
        return {r.value: self.values[r] for r in RATINGS}


@dataclass(frozen=True)
class RatingOverride:
    """A local judgement replacing one rating of the handreiking, with its reason."""

    criterion: str
    variant: str
    rating: Rating
    reason: str = ""


@dataclass(frozen=True)
class Weights:
    """Raw (unnormalised) group and criterion weights; missing ids weigh 1."""

    groups: Mapping[str, float] = field(default_factory=dict)
    criteria: Mapping[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "groups", MappingProxyType(dict(self.groups)))
        object.__setattr__(self, "criteria", MappingProxyType(dict(self.criteria)))

    def __getstate__(self) -> dict[str, Any]:
        return {"groups": dict(self.groups), "criteria": dict(self.criteria)}

    def __setstate__(self, state: dict[str, Any]) -> None:
        object.__setattr__(self, "groups", MappingProxyType(dict(state["groups"])))
        object.__setattr__(self, "criteria", MappingProxyType(dict(state["criteria"])))

    # "+ 0.0" turns a weight of -0.0 into 0.0, so a share never prints as "-0%".
    def group(self, group_id: str) -> float:
        return float(self.groups.get(group_id, 1.0)) + 0.0

    def criterion(self, criterion_id: str) -> float:
        return float(self.criteria.get(criterion_id, 1.0)) + 0.0


@dataclass(frozen=True)
class DecisionProblem:
    """Matrix, scale, weights and rating overrides, validated when built."""

    matrix: Matrix
    scale: Scale = field(default_factory=Scale)
    weights: Weights = field(default_factory=Weights)
    overrides: tuple[RatingOverride, ...] = ()

    def __post_init__(self) -> None:
        m = self.matrix
        for gid, w in self.weights.groups.items():
            if gid not in m.group_ids:
                raise UnknownCodeError(
                    f"onbekende groep {gid!r}; bekend zijn {', '.join(m.group_ids)}"
                )
            self._check_weight(w, f"gewicht groep {gid}")
        for cid, w in self.weights.criteria.items():
            if cid not in m.criterion_ids:
                raise UnknownCodeError(f"onbekend criterium {cid!r}; bekend zijn gu01–wz04")
            self._check_weight(w, f"gewicht criterium {cid}")
        seen: set[tuple[str, str]] = set()
        for ov in self.overrides:
            if ov.criterion not in m.criterion_ids:
                raise UnknownCodeError(f"afwijkend oordeel: onbekend criterium {ov.criterion!r}")
            if ov.variant not in m.variant_ids:
                raise UnknownCodeError(f"afwijkend oordeel: onbekende variant {ov.variant!r}")
            if (ov.criterion, ov.variant) in seen:
                raise ValidationError(
                    f"afwijkend oordeel voor {ov.criterion}/{ov.variant} staat er twee keer in"
                )
            seen.add((ov.criterion, ov.variant))
        group_total = sum(self.weights.group(g) for g in m.group_ids)
        if group_total <= 0:
            raise ValidationError("alle groepsgewichten zijn 0; geef minstens één groep gewicht")
        if not math.isfinite(group_total) or not math.isfinite(
            sum(self.weights.criterion(c) for c in m.criterion_ids)
        ):
            raise ValidationError("gewichten: de getallen zijn te groot om mee te rekenen")
        for group in m.groups:
            if self.weights.group(group.id) > 0 and (
                sum(self.weights.criterion(c.id) for c in m.criteria_in(group.id)) <= 0
            ):
                raise ValidationError(
                    f"groep '{group.label}' heeft gewicht, maar al haar criteria wegen 0"
                )

    @staticmethod
    def _check_weight(value: Any, what: str) -> None:
        check_weight(value, what)

    # --- derived views -------------------------------------------------------------------
    def rating(self, criterion_id: str, variant_id: str) -> Rating:
        for ov in self.overrides:
            if ov.criterion == criterion_id and ov.variant == variant_id:
                return ov.rating
        return self.matrix.rating(criterion_id, variant_id)

    def is_overridden(self, criterion_id: str, variant_id: str) -> bool:
        return any(o.criterion == criterion_id and o.variant == variant_id for o in self.overrides)

    def rating_orders(self) -> np.ndarray:
        """Criteria × variants array of rating orders (4 = ``++`` … 0 = ``-/-``)."""
        m = self.matrix
        return np.array(
            [[self.rating(c, v).order for v in m.variant_ids] for c in m.criterion_ids],
            dtype=np.int64,
        )

    def value_matrix(self) -> np.ndarray:
        """Criteria × variants array of scale values (after overrides)."""
        m = self.matrix
        return np.array(
            [[self.scale.value(self.rating(c, v)) for v in m.variant_ids] for c in m.criterion_ids],
            dtype=float,
        )

    def group_index(self) -> np.ndarray:
        """For each criterion (table order) the index of its group in ``matrix.groups``."""
        ids = self.matrix.group_ids
        return np.array([ids.index(c.group) for c in self.matrix.criteria], dtype=np.int64)

    def group_weight_vector(self) -> np.ndarray:
        return np.array([self.weights.group(g) for g in self.matrix.group_ids], dtype=float)

    def criterion_weight_vector(self) -> np.ndarray:
        return np.array([self.weights.criterion(c) for c in self.matrix.criterion_ids], dtype=float)

    def group_shares(self) -> dict[str, float]:
        w = self.group_weight_vector()
        return dict(zip(self.matrix.group_ids, (w / w.sum()).tolist(), strict=True))

    def within_group_shares(self) -> np.ndarray:
        """w_c / Σ_{c' in g} w_c' per criterion (0 for a group whose criteria all weigh 0)."""
        w = self.criterion_weight_vector()
        gi = self.group_index()
        totals = np.bincount(gi, weights=w, minlength=len(self.matrix.groups))
        denom = totals[gi]
        return np.divide(w, denom, out=np.zeros_like(w), where=denom > 0)

    def effective_weights(self) -> np.ndarray:
        gw = self.group_weight_vector()
        return (gw / gw.sum())[self.group_index()] * self.within_group_shares()

    @cached_property
    def key(self) -> str:
        """A stable hash of what the scores depend on (weights, scale, ratings; not the
        reasons), so equal weightings share cached results whichever way they came in."""
        # a weight of 1 is the default whether it is written or not; 2 and 2.0 are one weight
        groups = {g: self.weights.group(g) for g in self.weights.groups}
        criteria = {c: self.weights.criterion(c) for c in self.weights.criteria}
        content = {
            "groups": {k: v for k, v in groups.items() if v != 1.0},
            "criteria": {k: v for k, v in criteria.items() if v != 1.0},
            "scale": {r.value: float(v) for r, v in self.scale.values.items()},
            "ratings": sorted((o.criterion, o.variant, o.rating.value) for o in self.overrides),
        }
        text = json.dumps(content, sort_keys=True, allow_nan=False)
        return hashlib.sha256(text.encode()).hexdigest()

    def with_changes(
        self,
        *,
        weights: Weights | None = None,
        scale: Scale | None = None,
        overrides: tuple[RatingOverride, ...] | None = None,
    ) -> DecisionProblem:
        """A new, validated problem with some parts replaced."""
        return DecisionProblem(
            self.matrix,
            scale or self.scale,
            weights or self.weights,
            self.overrides if overrides is None else overrides,
        )


@dataclass(frozen=True)
class ScoreResult:
    """Scores, ranks, contributions and dominance for one problem."""

    variant_ids: tuple[str, ...]
    criterion_ids: tuple[str, ...]
    group_ids: tuple[str, ...]
    scores: Mapping[str, float]
    scores_0_100: Mapping[str, float]
    ranks: Mapping[str, int]
    group_scores: Mapping[str, Mapping[str, float]]
    #: contributions[criterion][variant] = effective(c) × value
    contributions: Mapping[str, Mapping[str, float]]
    effective_weights: Mapping[str, float]
    group_shares: Mapping[str, float]
    #: (a, b) pairs: a dominates b
    dominance: tuple[tuple[str, str], ...]

    @property
    def ranking(self) -> tuple[str, ...]:
        """Variant ids from best to worst (ties keep table order)."""
        return tuple(sorted(self.variant_ids, key=lambda v: (self.ranks[v], v)))

    @property
    def winners(self) -> tuple[str, ...]:
        return tuple(v for v in self.ranking if self.ranks[v] == 1)

    def ties(self) -> list[tuple[str, ...]]:
        """Groups of two or more variants that share a rank."""
        by_rank: dict[int, list[str]] = {}
        for v in self.ranking:
            by_rank.setdefault(self.ranks[v], []).append(v)
        return [tuple(vs) for vs in by_rank.values() if len(vs) > 1]


def scores_equal(a: float, b: float) -> bool:
    return abs(a - b) <= TIE_TOLERANCE * max(1.0, abs(a), abs(b))


def tolerance(problem: DecisionProblem) -> float:
    """Absolute score tolerance consistent with :func:`scores_equal` on the problem's scale."""
    biggest = max(abs(v) for v in problem.scale.values.values())
    return TIE_TOLERANCE * max(1.0, biggest)


def competition_ranks(scores: Mapping[str, float]) -> dict[str, int]:
    """Rank highest first; equal scores (within tolerance) share the lowest rank number."""
    ranks: dict[str, int] = {}
    for vid, s in scores.items():
        ranks[vid] = 1 + sum(
            1 for other, t in scores.items() if other != vid and t > s and not scores_equal(t, s)
        )
    return ranks


def dominance_pairs(
    orders: np.ndarray, variant_ids: tuple[str, ...]
) -> tuple[tuple[str, str], ...]:
    """Pairs (a, b) where a's rating is ≥ b's everywhere and > somewhere."""
    pairs = []
    for i, a in enumerate(variant_ids):
        for j, b in enumerate(variant_ids):
            at_least = bool(np.all(orders[:, i] >= orders[:, j]))
            if i != j and at_least and bool(np.any(orders[:, i] > orders[:, j])):
                pairs.append((a, b))
    return tuple(pairs)


def score(problem: DecisionProblem) -> ScoreResult:
    """Score a validated problem."""
    m = problem.matrix
    values = problem.value_matrix()
    eff = problem.effective_weights()
    within = problem.within_group_shares()
    gi = problem.group_index()
    contrib = eff[:, None] * values
    totals = contrib.sum(axis=0)
    span = problem.scale.maximum - problem.scale.minimum
    scores = {v: float(totals[j]) for j, v in enumerate(m.variant_ids)}
    group_scores = {
        v: {
            g: float((within[gi == k] * values[gi == k, j]).sum())
            for k, g in enumerate(m.group_ids)
        }
        for j, v in enumerate(m.variant_ids)
    }
    return ScoreResult(
        variant_ids=m.variant_ids,
        criterion_ids=m.criterion_ids,
        group_ids=m.group_ids,
        scores=scores,
        scores_0_100={v: (s - problem.scale.minimum) / span * 100 for v, s in scores.items()},
        ranks=competition_ranks(scores),
        group_scores=group_scores,
        contributions={
            c: {v: float(contrib[i, j]) for j, v in enumerate(m.variant_ids)}
            for i, c in enumerate(m.criterion_ids)
        },
        effective_weights={c: float(eff[i]) for i, c in enumerate(m.criterion_ids)},
        group_shares=problem.group_shares(),
        dominance=dominance_pairs(problem.rating_orders(), m.variant_ids),
    )


def problem_from_mapping(data: Mapping[str, Any], matrix: Matrix | None = None) -> DecisionProblem:
    """Build a problem from the weights-file format of the CLI, share links and scenarios.

    ``{"groups": {"werkgevers": 2}, "criteria": {"wz04": 0.5}, "scale": {"-/-": -1},
    "ratings": {"gu08": {"V3": "+/-"}}, "reasons": {"gu08": {"V3": "..."}}}``; every key optional.
    """
    matrix = matrix or load_matrix()
    if not isinstance(data, Mapping):
        raise ValidationError('de weging moet een JSON-object zijn, bijvoorbeeld {"groups": {}}')
    allowed = {"groups", "criteria", "scale", "ratings", "reasons"}
    unknown = sorted(set(data) - allowed)
    if unknown:
        raise ValidationError(
            f"onbekend veld {unknown[0]!r}; toegestaan zijn {', '.join(sorted(allowed))}"
        )

    def section(name: str) -> Mapping[str, Any]:
        value = data.get(name, {})
        if value is None:
            return {}
        if not isinstance(value, Mapping):
            raise ValidationError(f"veld {name!r} moet een object zijn")
        for key in value:
            if not isinstance(key, str):
                raise ValidationError(f"veld {name!r}: sleutel {key!r} is geen tekst")
        return value

    weights = Weights(dict(section("groups")), dict(section("criteria")))
    scale = Scale.from_symbols(section("scale"))
    ratings = section("ratings")
    reasons = section("reasons")
    for cid, per_variant in reasons.items():
        if not isinstance(per_variant, Mapping):
            raise ValidationError(f'reasons.{cid!r} moet een object zijn, bijv. {{"V3": "..."}}')
        for vid, reason in per_variant.items():
            where = (
                f"reasons.{key_text(cid)}.{key_text(vid)}"
                if isinstance(vid, str)
                else f"reasons.{key_text(cid)}"
            )
            check_reason(reason, where)
            own = ratings.get(cid)
            if not (isinstance(own, Mapping) and vid in own):
                raise ValidationError(
                    f"{where[:60]}: een toelichting hoort bij een eigen oordeel, maar er is "
                    "geen eigen oordeel voor dit criterium en deze variant"
                )
    overrides: list[RatingOverride] = []
    for cid, per_variant in ratings.items():
        if cid not in matrix.criterion_ids:
            raise UnknownCodeError(f"ratings: onbekend criterium {cid!r}")
        if not isinstance(per_variant, Mapping):
            raise ValidationError(
                f'ratings.{key_text(cid)} moet een object zijn, bijv. {{"V3": "+/-"}}'
            )
        for vid, symbol in per_variant.items():
            if vid not in matrix.variant_ids:
                raise UnknownCodeError(f"ratings.{cid}: onbekende variant {vid!r}")
            reason = reasons.get(cid, {}).get(vid, "")
            overrides.append(RatingOverride(cid, vid, Rating.parse(symbol), reason))
    return DecisionProblem(matrix, scale, weights, tuple(overrides))


def problem_to_mapping(problem: DecisionProblem) -> dict[str, Any]:
    """Inverse of :func:`problem_from_mapping` (only non-default parts)."""
    out: dict[str, Any] = {}
    if problem.weights.groups:
        out["groups"] = dict(problem.weights.groups)
    if problem.weights.criteria:
        out["criteria"] = dict(problem.weights.criteria)
    if dict(problem.scale.values) != dict(DEFAULT_SCALE):
        out["scale"] = problem.scale.as_symbols()
    if problem.overrides:
        out["ratings"] = {}
        out["reasons"] = {}
        for ov in problem.overrides:
            out["ratings"].setdefault(ov.criterion, {})[ov.variant] = ov.rating.value
            if ov.reason:
                out["reasons"].setdefault(ov.criterion, {})[ov.variant] = ov.reason
        if not out["reasons"]:
            del out["reasons"]
    return out


def default_problem() -> DecisionProblem:
    """The handreiking's matrix with the default scale and equal weights."""
    return DecisionProblem(load_matrix())
