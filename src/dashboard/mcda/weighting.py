"""Weightings: presets, rank-order-centroid weights, rating overrides and scale edits.

Every edit takes a validated :class:`~dashboard.mcda.scoring.DecisionProblem` and returns a new one
through :meth:`~dashboard.mcda.scoring.DecisionProblem.with_changes`, so an edit that would make the
weighting invalid raises a Dutch error and changes nothing; nothing imports Streamlit. Their
wording lives in :mod:`dashboard.presentation.narrative`.

Presets
-------
* ``perspectieven_gelijk`` (default): the three perspectives (groups) weigh the same and, inside a
  group, every criterion weighs the same.
* ``criteria_gelijk``: every one of the 21 criteria weighs the same. Because the groups have 10, 7
  and 4 criteria, this silently gives gemeenten & UWV 10/21 of the weight;
  :func:`dashboard.presentation.narrative.preset_note` says so.
* ``alleen_<group id>``: one perspective only.

Rank-order centroid (ROC)
-------------------------
For *n* ranked items the item in place *i* (1 = most important) gets
``(1/n) × Σ_{k=i..n} 1/k``; the weights sum to 1. For ``n = 3``: 0.611, 0.278, 0.111.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from dashboard.core.errors import UnknownCodeError, ValidationError
from dashboard.core.limits import REASON
from dashboard.mcda.criteria import Matrix, Rating
from dashboard.mcda.scoring import DecisionProblem, RatingOverride, Scale, Weights

DEFAULT_PRESET = "perspectieven_gelijk"
CRITERIA_EQUAL = "criteria_gelijk"
SINGLE_PREFIX = "alleen_"

#: Keys of the weights-file mapping that describe the weighting (not scale or ratings).
WEIGHT_KEYS = ("groups", "criteria")


@dataclass(frozen=True)
class Preset:
    """A named weighting an alderman can pick without touching a slider."""

    id: str
    label: str
    #: raw group weights (missing = 1)
    groups: Mapping[str, float]
    #: raw criterion weights (missing = 1)
    criteria: Mapping[str, float]


# --- presets ------------------------------------------------------------------------------
def presets(matrix: Matrix) -> tuple[Preset, ...]:
    """All presets, the default first."""
    out = [
        Preset(DEFAULT_PRESET, "Drie perspectieven even zwaar", {}, {}),
        Preset(
            CRITERIA_EQUAL,
            "Alle criteria even zwaar",
            {g.id: float(len(matrix.criteria_in(g.id))) for g in matrix.groups},
            {},
        ),
    ]
    for group in matrix.groups:
        out.append(
            Preset(
                SINGLE_PREFIX + group.id,
                f"Alleen {group.short}",
                {g.id: (1.0 if g.id == group.id else 0.0) for g in matrix.groups},
                {},
            )
        )
    return tuple(out)


def preset(matrix: Matrix, preset_id: str) -> Preset:
    for item in presets(matrix):
        if item.id == preset_id:
            return item
    known = ", ".join(p.id for p in presets(matrix))
    raise UnknownCodeError(f"onbekende voorinstelling {preset_id!r}; bekend zijn {known}")


def apply_preset(problem: DecisionProblem, preset_id: str) -> DecisionProblem:
    """``problem`` with the preset's weights; scale and own ratings are kept."""
    chosen = preset(problem.matrix, preset_id)
    return with_weights(problem, chosen.groups, chosen.criteria)


def with_weights(
    problem: DecisionProblem,
    groups: Mapping[str, float] | None = None,
    criteria: Mapping[str, float] | None = None,
) -> DecisionProblem:
    """``problem`` with new raw weights (``None``: those stay); weights equal to the default 1
    are left out, so a weighting is written the same way however it was reached."""

    def kept(new: Mapping[str, float] | None, old: Mapping[str, float]) -> dict[str, float]:
        if new is None:
            return dict(old)
        return {k: float(v) for k, v in new.items() if not _is_one(v)}

    weights = Weights(
        kept(groups, problem.weights.groups), kept(criteria, problem.weights.criteria)
    )
    return problem.with_changes(weights=weights)


def _is_one(value: Any) -> bool:
    try:
        return float(value) == 1.0
    except (TypeError, ValueError):
        return False


def matching_preset(problem: DecisionProblem) -> str | None:
    """The id of the preset whose effective weights equal the problem's, if any."""
    current = problem.effective_weights()
    for item in presets(problem.matrix):
        candidate = problem.with_changes(
            weights=Weights(dict(item.groups), dict(item.criteria))
        ).effective_weights()
        if all(math.isclose(a, b, abs_tol=1e-12) for a, b in zip(current, candidate, strict=True)):
            return item.id
    return None


# --- rank-order centroid --------------------------------------------------------------------
def roc_weights(n: int) -> list[float]:
    """Rank-order-centroid weights for ``n`` ranked items, most important first; sum 1.

    >>> [round(w, 3) for w in roc_weights(3)]
    [0.611, 0.278, 0.111]
    """
    if n < 1:
        raise ValidationError("rangorde: kies minstens één onderdeel")
    return [sum(1.0 / k for k in range(i, n + 1)) / n for i in range(1, n + 1)]


def _check_ranking(ranking: Sequence[str], known: Sequence[str], what: str) -> list[str]:
    order = list(ranking)
    if not order:
        raise ValidationError(f"rangorde: zet minstens één {what} in volgorde")
    for item in order:
        if item not in known:
            raise UnknownCodeError(f"rangorde: onbekende {what} {item!r}")
    if len(set(order)) != len(order):
        raise ValidationError(f"rangorde: elke {what} mag maar één keer voorkomen")
    return order


def rank_order_groups(matrix: Matrix, ranking: Sequence[str]) -> dict[str, float]:
    """ROC group weights from a ranking of group ids; unranked groups weigh 0."""
    order = _check_ranking(ranking, matrix.group_ids, "perspectief")
    weights = dict(zip(order, roc_weights(len(order)), strict=True))
    return {g: weights.get(g, 0.0) for g in matrix.group_ids}


def rank_order_criteria(
    matrix: Matrix, ranking: Sequence[str]
) -> tuple[dict[str, float], dict[str, float]]:
    """Group and criterion weights whose *effective* weights are the ROC weights of the ranking.

    The ranking runs over criteria of all groups together; unranked criteria weigh 0. Group
    weight = the sum of its criteria's ROC weights, so that
    ``effective(c) = (W_g / ΣW) × (w_c / W_g) = roc(c)``.
    """
    order = _check_ranking(ranking, matrix.criterion_ids, "criterium")
    roc = dict(zip(order, roc_weights(len(order)), strict=True))
    criteria = {c: roc.get(c, 0.0) for c in matrix.criterion_ids}
    groups = {g.id: sum(criteria[c.id] for c in matrix.criteria_in(g.id)) for g in matrix.groups}
    return groups, criteria


# --- rating overrides (local judgements) ----------------------------------------------------
def set_override(
    problem: DecisionProblem, criterion_id: str, variant_id: str, symbol: str, reason: str
) -> DecisionProblem:
    """``problem`` with one local rating; a rating equal to the handreiking's removes it."""
    matrix = problem.matrix
    matrix.criterion(criterion_id)
    matrix.variant(variant_id)
    rating = Rating.parse(symbol)
    reason = " ".join(str(reason).split())
    if rating == matrix.rating(criterion_id, variant_id):
        return remove_override(problem, criterion_id, variant_id)
    if not reason:
        raise ValidationError(
            "geef een korte reden voor het eigen oordeel (bijvoorbeeld de ervaring in uw regio)"
        )
    own = RatingOverride(criterion_id, variant_id, rating, reason[: int(REASON.high)])
    others = tuple(
        o for o in problem.overrides if (o.criterion, o.variant) != (criterion_id, variant_id)
    )
    return problem.with_changes(overrides=_in_table_order(matrix, (*others, own)))


def _in_table_order(matrix: Matrix, overrides: tuple[RatingOverride, ...]) -> tuple:
    """Own ratings in the order of the table: criteria as listed, variants as listed."""
    return tuple(
        sorted(
            overrides,
            key=lambda o: (
                matrix.criterion_ids.index(o.criterion),
                matrix.variant_ids.index(o.variant),
            ),
        )
    )


def remove_override(
    problem: DecisionProblem, criterion_id: str, variant_id: str
) -> DecisionProblem:
    """``problem`` without the local rating of this criterion and variant (if it had one)."""
    kept = tuple(
        o for o in problem.overrides if (o.criterion, o.variant) != (criterion_id, variant_id)
    )
    return problem.with_changes(overrides=kept)


def clear_overrides(problem: DecisionProblem) -> DecisionProblem:
    """``problem`` with the handreiking's ratings only."""
    return problem.with_changes(overrides=())


def with_scale(problem: DecisionProblem, values: Mapping[str, float] | None) -> DecisionProblem:
    """``problem`` with a new scale (``None`` = back to the default)."""
    scale = Scale() if values is None else Scale.from_symbols(values)
    return problem.with_changes(scale=scale)
