"""One-way sensitivity (exact)
---------------------------
---------------------------
For one weight we vary its *share of its level* ``t`` from 0 to 1: a group's share of all group
weight, or a criterion's share of the weight inside its group. The other weights of that level
keep their mutual proportions, so they share ``1 − t``. Every score is then a straight line
``α_v + β_v·t``, and the points where the current winner's line crosses another line are found
by solving ``α_w + β_w·t = α_v + β_v·t``; no grid is searched. The interval reported is the
closed interval of shares, containing the baseline share, in which the winner scores at least
as high as every other variant; ``below``/``above`` name the variant that takes over just beyond
each end (``None`` when the interval reaches 0 or 1).

Edge cases, decided here:

* *The current winner* is the first of :attr:`ScoreResult.winners` (ties at baseline go to the
  earliest variant id, as in SMAA). With a tie the interval may be a single point.
* *Others all weigh 0* (the varied weight holds the whole level): for ``t < 1`` the others share
  ``1 − t`` equally (for groups: only groups with at least one criterion weighing more than 0).
* *A group whose criteria all weigh 0* has no content: its group score is 0 for every variant
  (as in :mod:`dashboard.mcda.scoring`), so giving it weight only shrinks all scores alike. Its
  interval is [0, 1] and ``has_effect`` is False. Likewise for the only group with content
  when no other group has any.
* *A criterion in a group with weight 0* (or the only criterion of its group) has no effect on
  any score: interval [0, 1], ``has_effect`` False.
* Parallel lines (slope difference within the tolerance) never cross.
* Tolerance: :data:`~dashboard.mcda.scoring.TIE_TOLERANCE` times ``max(1, max |scale value|)``, the
  largest value ``scores_equal`` can allow for scores on that scale.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np

from dashboard.mcda.scoring import DecisionProblem, score, tolerance

Kind = Literal["group", "criterion"]


@dataclass(frozen=True)
class OneWay:
    """One-way sensitivity of one weight; scores are ``intercepts[v] + slopes[v] × share``."""

    kind: Kind
    id: str
    label: str
    #: For a criterion: its group id; for a group: its own id.
    group: str
    baseline_share: float
    winner: str
    low: float
    high: float
    below: str | None
    above: str | None
    intercepts: Mapping[str, float]
    slopes: Mapping[str, float]
    #: False when this weight cannot change any score (see module docstring).
    has_effect: bool
    #: Per variant the closed interval of shares where it scores at least as high as every
    #: other variant, or None when it never does (or only at a single point).
    regions: Mapping[str, tuple[float, float] | None]
    #: Shares where two lines cross inside [0, 1] (for the plots).
    crossings: tuple[tuple[float, str, str], ...] = ()

    def score_at(self, variant: str, share: float) -> float:
        return self.intercepts[variant] + self.slopes[variant] * share

    @property
    def width(self) -> float:
        return self.high - self.low

    def as_dict(self) -> dict[str, Any]:
        """The CLI's JSON form."""
        return {
            "kind": self.kind,
            "id": self.id,
            "baseline_share": self.baseline_share,
            "stays_winner_between": [self.low, self.high],
            "below": self.below,
            "above": self.above,
        }


def _lines_interval(
    alpha: np.ndarray, beta: np.ndarray, w: int, tol: float, baseline: float | None
) -> tuple[float, float, int | None, int | None] | None:
    """Interval in [0, 1] where line ``w`` is ≥ every other line, and who beats it beyond.

    With ``baseline`` given the interval is widened to contain it (rounding at a tie);
    without, ``None`` is returned when the set is empty.
    """
    lo, hi = 0.0, 1.0
    lo_by: list[tuple[float, int]] = []  # (slope of the difference, variant) binding at lo
    hi_by: list[tuple[float, int]] = []
    for v in range(len(alpha)):
        if v == w:
            continue
        a = alpha[w] - alpha[v]
        b = beta[w] - beta[v]
        if abs(b) <= tol:
            if a < -tol and baseline is None:
                return None
            continue
        cross = -a / b
        if b > 0:  # the winner's advantage grows with t: it binds from below
            if cross > lo + 1e-15:
                lo, lo_by = cross, [(b, v)]
            elif abs(cross - lo) <= 1e-15 and cross > 0:
                lo_by.append((b, v))
        else:
            if cross < hi - 1e-15:
                hi, hi_by = cross, [(b, v)]
            elif abs(cross - hi) <= 1e-15 and cross < 1:
                hi_by.append((b, v))
    lo, hi = max(lo, 0.0), min(hi, 1.0)
    if baseline is not None:
        if lo > baseline:
            lo = baseline
        if hi < baseline:
            hi = baseline
    elif lo > hi + 1e-12:
        return None
    # Beyond an end the variant with the steepest relative line is best just outside;
    # equal slopes go to the earliest variant.
    below = max(lo_by, key=lambda bv: (bv[0], -bv[1]))[1] if lo_by and lo > 0 else None
    above = min(hi_by, key=lambda bv: (bv[0], bv[1]))[1] if hi_by and hi < 1 else None
    return float(lo), float(hi), below, above


def _crossings(alpha: np.ndarray, beta: np.ndarray, tol: float) -> list[tuple[float, int, int]]:
    out = []
    for i in range(len(alpha)):
        for j in range(i + 1, len(alpha)):
            b = beta[i] - beta[j]
            if abs(b) > tol:
                t = -(alpha[i] - alpha[j]) / b
                if 0.0 <= t <= 1.0:
                    out.append((float(t), i, j))
    return sorted(out)


def _group_scores(problem: DecisionProblem) -> np.ndarray:
    """Groups × variants: Σ_{c in g} (w_c / Σ w) × value, 0 for a group whose criteria weigh 0."""
    values = problem.value_matrix()
    within = problem.within_group_shares()
    gi = problem.group_index()
    out = np.zeros((len(problem.matrix.groups), values.shape[1]))
    np.add.at(out, gi, within[:, None] * values)
    return out


def _make_oneway(
    problem: DecisionProblem,
    kind: Kind,
    wid: str,
    label: str,
    group: str,
    baseline: float,
    alpha: np.ndarray,
    beta: np.ndarray,
    winner: int,
    has_effect: bool,
    tol: float,
) -> OneWay:
    vids = problem.matrix.variant_ids
    if not has_effect:
        beta = np.zeros_like(beta)
    found = _lines_interval(alpha, beta, winner, tol, baseline)
    assert found is not None  # a baseline is given, so never empty
    lo, hi, below, above = found
    regions: dict[str, tuple[float, float] | None] = {}
    for k, vid in enumerate(vids):
        region = _lines_interval(alpha, beta, k, tol, None)
        regions[vid] = None if region is None or region[1] - region[0] <= 1e-12 else region[:2]
    regions[vids[winner]] = (lo, hi)
    return OneWay(
        kind=kind,
        id=wid,
        label=label,
        group=group,
        baseline_share=float(baseline),
        winner=vids[winner],
        low=float(lo),
        high=float(hi),
        below=None if below is None else vids[below],
        above=None if above is None else vids[above],
        intercepts=dict(zip(vids, alpha.tolist(), strict=True)),
        slopes=dict(zip(vids, beta.tolist(), strict=True)),
        has_effect=has_effect,
        regions=regions,
        crossings=tuple((t, vids[i], vids[j]) for t, i, j in _crossings(alpha, beta, tol)),
    )


def one_way(problem: DecisionProblem) -> list[OneWay]:
    """Exact one-way sensitivity of every group weight, then every criterion weight."""
    m = problem.matrix
    tol = tolerance(problem)
    result = score(problem)
    winner = m.variant_ids.index(result.winners[0])
    values = problem.value_matrix()
    gscores = _group_scores(problem)  # G × K
    gw = problem.group_weight_vector()
    cw = problem.criterion_weight_vector()
    gi = problem.group_index()
    n_groups = len(m.groups)
    group_has_content = np.array([cw[gi == k].sum() > 0 for k in range(n_groups)])
    group_share = gw / gw.sum()
    out: list[OneWay] = []

    for k, group in enumerate(m.groups):
        others = np.arange(n_groups) != k
        rest = gw * others
        eligible = others & group_has_content
        effect = bool(group_has_content[k])
        if rest.sum() > 0:
            p = rest / rest.sum()
            r = p @ gscores  # K: score of the other groups together
        elif eligible.any():  # this group holds all weight: the others share the rest equally
            r = (eligible / eligible.sum()) @ gscores
        else:  # no other group has content: a share only scales all scores alike
            r, effect = gscores[k].copy(), False
        out.append(
            _make_oneway(
                problem,
                "group",
                group.id,
                group.label,
                group.id,
                group_share[k],
                r,
                gscores[k] - r,
                winner,
                effect,
                tol,
            )
        )

    for i, crit in enumerate(m.criteria):
        k = int(gi[i])
        in_group = np.flatnonzero(gi == k)
        peers = in_group[in_group != i]
        total = cw[in_group].sum()
        baseline = cw[i] / total if total > 0 else 0.0
        if peers.size and cw[peers].sum() > 0:
            q = cw[peers] / cw[peers].sum()
        elif peers.size:
            q = np.full(peers.size, 1.0 / peers.size)
        else:
            q = np.zeros(0)
        rest_in_group = q @ values[peers] if peers.size else values[i]
        others = group_share * (np.arange(n_groups) != k)
        base = others @ gscores
        a_g = group_share[k]
        alpha = base + a_g * rest_in_group
        beta = a_g * (values[i] - rest_in_group)
        has_effect = bool(a_g > 0 and peers.size > 0)
        out.append(
            _make_oneway(
                problem,
                "criterion",
                crit.id,
                crit.label,
                crit.group,
                baseline,
                alpha,
                beta,
                winner,
                has_effect,
                tol,
            )
        )
    return out
