"""How firm is the outcome of a weighting? One-way sensitivity, SMAA, scale sensitivity.

Everything takes a validated :class:`~dashboard.scoring.DecisionProblem`, so the weights, the
scale and the rating overrides of the scoring page are all taken into account.

One-way sensitivity (exact)
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
  (as in :mod:`dashboard.scoring`), so giving it weight only shrinks all scores alike. Its
  interval is [0, 1] and ``has_effect`` is False. Likewise for the only group with content
  when no other group has any.
* *A criterion in a group with weight 0* (or the only criterion of its group) has no effect on
  any score: interval [0, 1], ``has_effect`` False.
* Parallel lines (slope difference within the tolerance) never cross.
* Tolerance: :data:`~dashboard.scoring.TIE_TOLERANCE` times ``max(1, max |scale value|)``, the
  largest value ``scores_equal`` can allow for scores on that scale.

SMAA
----
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
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np

from dashboard.criteria import RATINGS, Rating
from dashboard.errors import UnknownCodeError, ValidationError
from dashboard.formatting import fmt_int
from dashboard.limits import SAMPLES
from dashboard.scoring import TIE_TOLERANCE, DecisionProblem, Scale, ScoreResult, score
from dashboard.settings import DEFAULT_SAMPLES, DEFAULT_SEED

#: Largest number of samples we accept (memory is bounded by the chunking, time is not).
#: Samples per chunk: small enough to stay in the processor's cache (measured fastest here,
#: see benchmarks/bench_smaa.py) and fixed, so the same seed gives the same result.
CHUNK = 16_384

Kind = Literal["group", "criterion"]
SamplingMode = Literal["all", "near", "ranking"]


def tolerance(problem: DecisionProblem) -> float:
    """Absolute score tolerance consistent with :func:`dashboard.scoring.scores_equal`."""
    biggest = max(abs(v) for v in problem.scale.values.values())
    return TIE_TOLERANCE * max(1.0, biggest)


# =============================================================================================
# One-way sensitivity
# =============================================================================================
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


# =============================================================================================
# SMAA
# =============================================================================================
@dataclass(frozen=True)
class SamplingOptions:
    """Which weightings to draw.

    ``mode``: ``"all"`` (every conceivable weighting), ``"near"`` (each raw weight within
    ± ``near_pct`` percent of its current value) or ``"ranking"`` (group shares in the order of
    ``group_ranking``, most important first; criterion shares free).
    """

    mode: SamplingMode = "all"
    near_pct: float = 20.0
    group_ranking: tuple[str, ...] = ()

    def checked(self, problem: DecisionProblem) -> SamplingOptions:
        if self.mode not in ("all", "near", "ranking"):
            raise ValidationError(
                f"onbekende steekproefsoort {self.mode!r}; kies all, near of ranking"
            )
        if self.mode == "near":
            pct = self.near_pct
            if (
                isinstance(pct, bool)
                or not isinstance(pct, int | float)
                or not (math.isfinite(pct) and 0 < pct <= 100)
            ):
                raise ValidationError(
                    f"bandbreedte {pct!r}: kies een percentage groter dan 0 en hoogstens 100"
                )
        if self.mode == "ranking":
            ids = problem.matrix.group_ids
            ranking = tuple(self.group_ranking)
            unknown = [g for g in ranking if g not in ids]
            if unknown:
                raise UnknownCodeError(
                    f"volgorde van de groepen: onbekende groep {unknown[0]!r}; "
                    f"bekend zijn {', '.join(ids)}"
                )
            if sorted(ranking) != sorted(ids):
                raise ValidationError(
                    f"volgorde van de groepen: noem elke groep precies één keer ({', '.join(ids)})"
                )
        return self

    def as_dict(self) -> dict[str, Any]:
        return {
            "mode": self.mode,
            "near_pct": self.near_pct,
            "group_ranking": list(self.group_ranking),
        }


@dataclass(frozen=True)
class SmaaResult:
    """Rank acceptability and central weights."""

    variant_ids: tuple[str, ...]
    group_ids: tuple[str, ...]
    criterion_ids: tuple[str, ...]
    samples: int
    seed: int | None
    options: SamplingOptions
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
    options: SamplingOptions,
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
    options: SamplingOptions | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Draw ``n`` weightings: (n × groups) group shares and (n × criteria) within-group shares.

    The draws are the ones :func:`smaa` uses for the same seed when ``n`` ≤ :data:`CHUNK`.
    """
    options = (options or SamplingOptions()).checked(problem)
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
    options: SamplingOptions | None = None,
) -> SmaaResult:
    """Stochastic multicriteria acceptability analysis of a problem (vectorised, chunked).

    Parameters
    ----------
    samples
        Number of weightings drawn (1 up to the high end of :data:`dashboard.limits.SAMPLES`).
    seed
        An int, a :class:`numpy.random.Generator`, or None for fresh entropy. The same int
        gives the same result.
    options
        Which weightings; see :class:`SamplingOptions`.
    """
    if isinstance(samples, bool) or not isinstance(samples, int | np.integer):
        raise ValidationError(f"aantal steekproeven {samples!r} is geen geheel getal")
    if not 1 <= samples <= SAMPLES.high:
        raise ValidationError(
            f"aantal steekproeven {samples}: kies een getal van 1 tot en met "
            f"{fmt_int(SAMPLES.high)}"
        )
    samples = int(samples)
    options = (options or SamplingOptions()).checked(problem)
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


# =============================================================================================
# Scale sensitivity
# =============================================================================================
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


# =============================================================================================
# Why does it win?
# =============================================================================================
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
    samples: int = DEFAULT_SAMPLES,
    seed: int | np.random.Generator | None = DEFAULT_SEED,
    options: SamplingOptions | None = None,
    smaa_result: SmaaResult | None = None,
) -> Robustness:
    """One-way, SMAA (unless given, e.g. from a cache), scale sensitivity and the reason."""
    result = score(problem)
    return Robustness(
        winner=result.winners[0],
        tied_winners=result.winners,
        one_way=tuple(one_way(problem)),
        smaa=smaa_result or smaa(problem, samples, seed, options),
        scales=scale_sensitivity(problem, seed=seed if isinstance(seed, int) else DEFAULT_SEED),
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
