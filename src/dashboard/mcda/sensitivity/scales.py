"""Scale sensitivity: the winner under other codings of ++ … -/-."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from dashboard.mcda.criteria import RATINGS, Rating
from dashboard.mcda.sampling import DEFAULT_SEED
from dashboard.mcda.scoring import TIE_TOLERANCE, DecisionProblem, Scale, score
from dashboard.mcda.sensitivity.smaa import _rng, rank_positions


def _scale(pp: float, p: float, o: float, mi: float, mm: float) -> Scale:
    return Scale(
        {
            Rating.PLUS_PLUS: pp,
            Rating.PLUS: p,
            Rating.NEUTRAL: o,
            Rating.MINUS: mi,
            Rating.MINUS_MINUS: mm,
        }
    )


#: Other order-preserving codings tried (name, scale). The handreiking gives no numbers.
ALTERNATIVE_SCALES: tuple[tuple[str, Scale], ...] = (
    ("standaard: ++ = 2, + = 1, +/- = 0, - = -1, -/- = -2", _scale(2, 1, 0, -1, -2)),
    ("-/- telt als -1 (even erg als -)", _scale(2, 1, 0, -1, -1)),
    ("++ telt als 3", _scale(3, 1, 0, -1, -2)),
    ("1 tot en met 5", _scale(5, 4, 3, 2, 1)),
    ("minnen wegen zwaar: - = -2, -/- = -4", _scale(2, 1, 0, -2, -4)),
    ("plussen wegen zwaar: + = 2, ++ = 4", _scale(4, 2, 0, -1, -2)),
    ("alleen plussen tellen: minnen = 0", _scale(2, 1, 0, 0, 0)),
)


@dataclass(frozen=True)
class ScaleVariant:
    name: str
    scale: Scale
    winner: str
    tied: tuple[str, ...]

    def as_dict(self) -> dict[str, Any]:
        return {"scale": self.scale.as_symbols(), "winner": self.winner}


@dataclass(frozen=True)
class ScaleSensitivity:
    """Winners under other codings, and under random order-preserving codings."""

    current_winner: str
    variants: tuple[ScaleVariant, ...]
    random_samples: int
    #: share of random codings in which each variant wins
    random_winner_shares: Mapping[str, float]

    @property
    def changed(self) -> tuple[ScaleVariant, ...]:
        return tuple(s for s in self.variants if s.winner != self.current_winner)


def _rating_mass(problem: DecisionProblem) -> np.ndarray:
    """K × 5: effective weight each variant gets per rating (best first)."""
    eff = problem.effective_weights()
    orders = problem.rating_orders()  # C × K, 4 = ++
    mass = np.zeros((orders.shape[1], len(RATINGS)))
    for r_index, rating in enumerate(RATINGS):
        mass[:, r_index] = eff @ (orders == rating.order)
    return mass


def scale_sensitivity(
    problem: DecisionProblem,
    random_samples: int = 10_000,
    seed: int | np.random.Generator | None = DEFAULT_SEED,
) -> ScaleSensitivity:
    """Recompute the winner under :data:`ALTERNATIVE_SCALES` and random order-preserving codings.

    A weighted sum with weights summing to 1 ranks the same under any positive linear
    transformation of the coding, so a random coding is drawn as ``-/- = 0``, ``++ = 1`` and
    the three middle values as sorted uniform numbers between them.
    """
    current = score(problem).winners[0]
    variants = []
    for name, scale in ALTERNATIVE_SCALES:
        result = score(problem.with_changes(scale=scale))
        variants.append(ScaleVariant(name, scale, result.winners[0], result.winners))
    vids = problem.matrix.variant_ids
    shares = dict.fromkeys(vids, 0.0)
    if random_samples > 0:
        rng = _rng(seed)
        middle = -np.sort(-rng.random((random_samples, 3)), axis=1)
        codings = np.column_stack(
            [np.ones(random_samples), middle, np.zeros(random_samples)]
        )  # best first
        scores = codings @ _rating_mass(problem).T  # n × K
        first = np.argmin(rank_positions(scores, TIE_TOLERANCE), axis=1)
        counts = np.bincount(first, minlength=len(vids))
        shares = {v: float(counts[i] / random_samples) for i, v in enumerate(vids)}
    return ScaleSensitivity(current, tuple(variants), random_samples, shares)
