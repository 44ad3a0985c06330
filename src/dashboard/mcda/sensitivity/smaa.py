"""SMAA: rank acceptability and central weights of random weightings.

Group shares are drawn uniformly from the simplex (Dirichlet(1, …, 1)) and criterion shares
uniformly from each group's simplex; ``mode="near"`` draws each raw weight uniformly within
± a percentage of its current value (a weight of 0 stays 0) and ``mode="ranking"`` keeps the
user's order of the groups (a sorted uniform draw, which is uniform on the ordered part of the
simplex). Rank acceptability: the share of samples in which a variant is 1st, 2nd, 3rd; scores
within the tolerance count as a tie and a tie goes to the earliest variant id. Central weights:
the mean group shares and mean within-group criterion shares of the samples a variant wins —
itself a valid weighting for the weights file.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from dashboard.core.errors import ValidationError
from dashboard.core.formatting import fmt_int
from dashboard.core.limits import SAMPLES
from dashboard.mcda.sampling import DEFAULT_SAMPLES, DEFAULT_SEED, SamplingSettings
from dashboard.mcda.scoring import DecisionProblem, tolerance

#: Samples per chunk: small enough to stay in the processor's cache (measured fastest here,
#: see benchmarks/bench_smaa.py) and fixed, so the same seed gives the same result.
CHUNK = 16_384


@dataclass(frozen=True)
class SmaaResult:
    """Rank acceptability and central weights."""

    variant_ids: tuple[str, ...]
    group_ids: tuple[str, ...]
    criterion_ids: tuple[str, ...]
    samples: int
    seed: int | None
    options: SamplingSettings
    #: acceptability[v][r] = share of samples in which v has rank r + 1
    acceptability: Mapping[str, tuple[float, ...]]
    #: per variant {"groups": {id: mean share}, "criteria": {id: mean share in group}} or None
    central_weights: Mapping[str, Mapping[str, Mapping[str, float]] | None]

    def first(self, variant: str) -> float:
        return self.acceptability[variant][0]

    def standard_error(self, variant: str, rank: int = 1) -> float:
        p = self.acceptability[variant][rank - 1]
        return math.sqrt(p * (1 - p) / self.samples)


def _rng(seed: int | np.random.Generator | None) -> np.random.Generator:
    return seed if isinstance(seed, np.random.Generator) else np.random.default_rng(seed)


@dataclass(frozen=True)
class _Layout:
    """Criteria reordered so each group is a contiguous block (draws are i.i.d., so the order
    in which they are drawn is only a relabelling)."""

    order: np.ndarray  # position in the block layout -> criterion index (table order)
    blocks: tuple[slice, ...]  # per group, its rows in the block layout

    @classmethod
    def of(cls, problem: DecisionProblem) -> _Layout:
        gi = problem.group_index()
        order = np.argsort(gi, kind="stable")
        counts = np.bincount(gi, minlength=len(problem.matrix.groups))
        ends = np.cumsum(counts)
        blocks = tuple(slice(int(e - c), int(e)) for c, e in zip(counts, ends, strict=True))
        return cls(order, blocks)


def _draw(
    problem: DecisionProblem,
    n: int,
    rng: np.random.Generator,
    options: SamplingSettings,
    layout: _Layout,
) -> tuple[np.ndarray, np.ndarray, list[np.ndarray]]:
    """Draw ``n`` weightings, column-wise for speed.

    Returns group shares (G × n), raw criterion draws in block layout (C × n) and per group
    the reciprocal of its draws' sum (so within-group share = raw × reciprocal; 0 for a block
    summing to 0).
    """
    n_groups = len(layout.blocks)
    n_crit = len(layout.order)
    if options.mode == "near":
        p = options.near_pct / 100.0
        gw = problem.group_weight_vector()[:, None]
        cw = problem.criterion_weight_vector()[layout.order][:, None]
        graw = gw * (1.0 + p * (2.0 * rng.random((n_groups, n)) - 1.0))
        raw = cw * (1.0 + p * (2.0 * rng.random((n_crit, n)) - 1.0))
        gtotal = graw.sum(axis=0)
        gshares = np.divide(graw, gtotal, out=np.zeros_like(graw), where=gtotal > 0)
    else:
        g = rng.standard_exponential((n_groups, n))
        gshares = g / g.sum(axis=0)
        if options.mode == "ranking":
            rows = [problem.matrix.group_ids.index(x) for x in options.group_ranking]
            ranked = -np.sort(-gshares, axis=0)
            gshares = np.empty_like(ranked)
            gshares[rows] = ranked
        raw = rng.standard_exponential((n_crit, n))
    recips = []
    for block in layout.blocks:
        total = raw[block].sum(axis=0)
        recips.append(np.divide(1.0, total, out=np.zeros_like(total), where=total > 0))
    return gshares, raw, recips


def sample_weights(
    problem: DecisionProblem,
    n: int,
    seed: int | np.random.Generator | None = DEFAULT_SEED,
    options: SamplingSettings | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Draw ``n`` weightings: (n × groups) group shares and (n × criteria) within-group shares.

    The draws are the ones :func:`smaa` uses for the same seed when ``n`` ≤ :data:`CHUNK`.
    """
    options = (options or SamplingSettings()).checked(problem)
    layout = _Layout.of(problem)
    gshares, raw, recips = _draw(problem, n, _rng(seed), options, layout)
    within_blocks = np.empty_like(raw)
    for block, recip in zip(layout.blocks, recips, strict=True):
        within_blocks[block] = raw[block] * recip
    within = np.empty_like(within_blocks)
    within[layout.order] = within_blocks
    return gshares.T.copy(), within.T.copy()


def _positions(scores: np.ndarray, tol: float) -> np.ndarray:
    """K × n positions (0 = first); ``u`` before ``v`` when ``s_u − s_v > tol``, or when they
    are within ``tol`` of each other and ``u`` is the earlier variant."""
    k, n = scores.shape
    pos = np.zeros((k, n), dtype=np.int8)
    for u in range(k):
        for v in range(u + 1, k):
            v_first = (scores[u] - scores[v]) < -tol
            pos[u] += v_first
            pos[v] += ~v_first
    return pos


def rank_positions(scores: np.ndarray, tol: float) -> np.ndarray:
    """Position (0 = first) of every variant per sample (n × K in, n × K out); ties go to the
    earliest variant."""
    return _positions(np.ascontiguousarray(scores.T), tol).T


def smaa(
    problem: DecisionProblem,
    samples: int = DEFAULT_SAMPLES,
    seed: int | np.random.Generator | None = DEFAULT_SEED,
    options: SamplingSettings | None = None,
) -> SmaaResult:
    """Stochastic multicriteria acceptability analysis of a problem (vectorised, chunked).

    Parameters
    ----------
    samples
        Number of weightings drawn (1 up to the high end of :data:`dashboard.core.limits.SAMPLES`).
    seed
        An int, a :class:`numpy.random.Generator`, or None for fresh entropy. The same int
        gives the same result.
    options
        Which weightings (its mode, band and group order; ``samples`` and ``seed`` are
        the defaults of the two arguments above); see
        :class:`~dashboard.mcda.sampling.SamplingSettings`.
    """
    if isinstance(samples, bool) or not isinstance(samples, int | np.integer):
        raise ValidationError(f"aantal steekproeven {samples!r} is geen geheel getal")
    if not 1 <= samples <= SAMPLES.high:
        raise ValidationError(
            f"aantal steekproeven {samples}: kies een getal van 1 tot en met "
            f"{fmt_int(SAMPLES.high)}"
        )
    samples = int(samples)
    options = (options or SamplingSettings()).checked(problem)
    rng = _rng(seed)
    m = problem.matrix
    layout = _Layout.of(problem)
    values_t = problem.value_matrix()[layout.order].T.copy()  # K × C, block layout
    n_var, n_grp, n_crit = len(m.variant_ids), len(m.group_ids), len(m.criterion_ids)
    tol = tolerance(problem)
    variant_rows = np.arange(n_var)[:, None]
    rank_counts = np.zeros((n_var, n_var), dtype=np.int64)
    first_counts = np.zeros(n_var, dtype=np.int64)
    gsum = np.zeros((n_var, n_grp))
    csum = np.zeros((n_var, n_crit))  # block layout
    done = 0
    while done < samples:
        n = min(CHUNK, samples - done)
        gshares, raw, recips = _draw(problem, n, rng, options, layout)
        scores = np.zeros((n_var, n))
        for k, block in enumerate(layout.blocks):
            # group score × group share = (values · raw) × (share / Σ raw)
            scores += (values_t[:, block] @ raw[block]) * (gshares[k] * recips[k])
        pos = _positions(scores, tol)
        for v in range(n_var):
            rank_counts[v] += np.bincount(pos[v], minlength=n_var)[:n_var]
        first = np.argmin(pos, axis=0)
        is_first = (first == variant_rows).astype(float)  # K × n
        first_counts += np.bincount(first, minlength=n_var)
        gsum += is_first @ gshares.T
        for block, recip in zip(layout.blocks, recips, strict=True):
            csum[:, block] += (is_first * recip) @ raw[block].T
        done += n
    csum_table = np.empty_like(csum)
    csum_table[:, layout.order] = csum
    accept = rank_counts / samples
    central: dict[str, dict[str, dict[str, float]] | None] = {}
    for v, vid in enumerate(m.variant_ids):
        if first_counts[v] == 0:
            central[vid] = None
            continue
        central[vid] = {
            "groups": dict(zip(m.group_ids, (gsum[v] / first_counts[v]).tolist(), strict=True)),
            "criteria": dict(
                zip(m.criterion_ids, (csum_table[v] / first_counts[v]).tolist(), strict=True)
            ),
        }
    return SmaaResult(
        variant_ids=m.variant_ids,
        group_ids=m.group_ids,
        criterion_ids=m.criterion_ids,
        samples=samples,
        seed=int(seed) if isinstance(seed, int | np.integer) else None,
        options=options,
        acceptability={vid: tuple(accept[v].tolist()) for v, vid in enumerate(m.variant_ids)},
        central_weights=central,
    )
