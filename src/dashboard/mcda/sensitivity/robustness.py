"""Why the winner wins, and everything the page and the CLI show, computed once."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from dashboard.mcda.sampling import SamplingSettings
from dashboard.mcda.scoring import DecisionProblem, ScoreResult, score, tolerance
from dashboard.mcda.sensitivity.oneway import OneWay, one_way
from dashboard.mcda.sensitivity.scales import ScaleSensitivity, scale_sensitivity
from dashboard.mcda.sensitivity.smaa import SmaaResult, smaa


@dataclass(frozen=True)
class WinReason:
    winner: str
    runner_up: str
    gap: float
    #: (criterion id, contribution difference winner − runner-up), largest first
    for_winner: tuple[tuple[str, float], ...]
    for_runner_up: tuple[tuple[str, float], ...]


def _top_with_ties(
    diffs: list[tuple[str, float]], top: int, tol: float
) -> tuple[tuple[str, float], ...]:
    """The first ``top`` of ``diffs`` (largest magnitude first), plus every later one that
    is as large as the last of them: a tie at the cut is kept whole, never broken by id."""
    if len(diffs) <= top:
        return tuple(diffs)
    cut = abs(diffs[top - 1][1])
    return tuple(d for d in diffs if abs(d[1]) >= cut - tol)


def why_it_wins(
    problem: DecisionProblem, top: int = 3, result: ScoreResult | None = None
) -> WinReason:
    """The criteria that separate the winner from the runner-up most (by contribution).

    At least ``top`` criteria per side when there are that many; criteria that tie with the
    last of them are included (so five criteria with the same contribution are five reasons).
    """
    result = result or score(problem)
    winner, runner_up = result.ranking[0], result.ranking[1]
    diffs = [
        (c, result.contributions[c][winner] - result.contributions[c][runner_up])
        for c in result.criterion_ids
    ]
    tol = tolerance(problem)
    pos = sorted((d for d in diffs if d[1] > tol), key=lambda d: (-d[1], d[0]))
    neg = sorted((d for d in diffs if d[1] < -tol), key=lambda d: (d[1], d[0]))
    return WinReason(
        winner,
        runner_up,
        result.scores[winner] - result.scores[runner_up],
        _top_with_ties(pos, top, tol),
        _top_with_ties(neg, top, tol),
    )


@dataclass(frozen=True)
class Robustness:
    """Everything the page and the CLI show, computed once."""

    winner: str
    tied_winners: tuple[str, ...]
    one_way: tuple[OneWay, ...]
    smaa: SmaaResult
    scales: ScaleSensitivity
    reason: WinReason
    dominance: tuple[tuple[str, str], ...] = field(default=())


def analyse(
    problem: DecisionProblem,
    settings: SamplingSettings | None = None,
    *,
    smaa_result: SmaaResult | None = None,
) -> Robustness:
    """One-way, SMAA (unless given, e.g. from a cache), scale sensitivity and the reason, with
    the random weightings of ``settings`` (the defaults when None)."""
    settings = settings or SamplingSettings()
    result = score(problem)
    return Robustness(
        winner=result.winners[0],
        tied_winners=result.winners,
        one_way=tuple(one_way(problem)),
        smaa=smaa_result or smaa(problem, settings.samples, settings.seed, settings),
        scales=scale_sensitivity(problem, seed=settings.seed),
        reason=why_it_wins(problem, result=result),
        dominance=result.dominance,
    )


def to_json(rob: Robustness) -> dict[str, Any]:
    """The JSON of ``python -m dashboard sensitivity --formaat json`` (with ``random_scales``)."""
    return {
        "winner": rob.winner,
        "one_way": [ow.as_dict() for ow in rob.one_way],
        "acceptability": {v: list(p) for v, p in rob.smaa.acceptability.items()},
        "central_weights": {
            v: (None if cw is None else {k: dict(x) for k, x in cw.items()})
            for v, cw in rob.smaa.central_weights.items()
        },
        "samples": rob.smaa.samples,
        "seed": rob.smaa.seed,
        "scale_variants": [s.as_dict() for s in rob.scales.variants],
        "random_scales": {
            "samples": rob.scales.random_samples,
            "winner_shares": dict(rob.scales.random_winner_shares),
        },
    }
