"""Two scenarios side by side, and the group weighting of several stakeholders.

Weights are compared as *effective* weights (the share of the total weight a criterion gets,
see :mod:`dashboard.mcda.scoring`), because raw slider values of two people are not comparable:
``werkgevers: 2`` with everything else 1 is the same weighting as ``werkgevers: 4`` with
everything else 2.

The sentences that say what a comparison or a group weighting shows are in
:mod:`dashboard.presentation.narrative.scenarios`.

The mean weighting of a group is the mean of the members' effective weights, written back as a
weights-file mapping (group weight = the group's summed mean share, criterion weight = its
mean share) so that its effective weights are exactly those means.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from dashboard.core.errors import ValidationError
from dashboard.mcda.criteria import RATINGS, Matrix, load_matrix
from dashboard.mcda.scoring import DecisionProblem, ScoreResult, Weights, score
from dashboard.scenarios.model import Scenario


@dataclass(frozen=True)
class WeightRow:
    """One group or criterion; ``share_*`` are effective weights (fractions summing to 1)."""

    kind: str  # "groep" or "criterium"
    id: str
    label: str
    group: str
    raw_a: float
    raw_b: float
    share_a: float
    share_b: float

    @property
    def difference(self) -> float:
        return self.share_b - self.share_a


@dataclass(frozen=True)
class RatingRow:
    """A rating where at least one scenario deviates from the handreiking."""

    criterion: str
    label: str
    variant: str
    handreiking: str
    a: str
    b: str


@dataclass(frozen=True)
class ResultRow:
    variant: str
    name: str
    score_a: float
    score_b: float
    score_0_100_a: float
    score_0_100_b: float
    rank_a: int
    rank_b: int


@dataclass(frozen=True)
class ScenarioComparison:
    """The differences between scenario A and B and both results."""

    name_a: str
    name_b: str
    result_a: ScoreResult
    result_b: ScoreResult
    weights: tuple[WeightRow, ...]
    ratings: tuple[RatingRow, ...]
    scale: tuple[tuple[str, float, float], ...]
    results: tuple[ResultRow, ...]

    @property
    def same_ranking(self) -> bool:
        return self.result_a.ranking == self.result_b.ranking

    def changed_weights(self, tolerance: float = 1e-9) -> tuple[WeightRow, ...]:
        return tuple(r for r in self.weights if abs(r.difference) > tolerance)

    def tables(self) -> dict[str, pd.DataFrame]:
        """Dutch tables for the page and the CSV/Excel downloads."""
        a, b = self.name_a, self.name_b
        results = pd.DataFrame(
            [
                {
                    "Variant": r.name,
                    f"Score {a}": r.score_a,
                    f"Score {b}": r.score_b,
                    f"0–100 {a}": r.score_0_100_a,
                    f"0–100 {b}": r.score_0_100_b,
                    f"Rang {a}": r.rank_a,
                    f"Rang {b}": r.rank_b,
                }
                for r in self.results
            ]
        )
        weights = pd.DataFrame(
            [
                {
                    "Soort": r.kind,
                    "Code": r.id,
                    "Omschrijving": r.label,
                    f"Aandeel {a} (%)": r.share_a * 100,
                    f"Aandeel {b} (%)": r.share_b * 100,
                    "Verschil (procentpunt)": r.difference * 100,
                }
                for r in self.weights
            ]
        )
        ratings = pd.DataFrame(
            [
                {
                    "Criterium": r.criterion,
                    "Omschrijving": r.label,
                    "Variant": r.variant,
                    "Handreiking": r.handreiking,
                    a: r.a,
                    b: r.b,
                }
                for r in self.ratings
            ],
            columns=["Criterium", "Omschrijving", "Variant", "Handreiking", a, b],
        )
        scale = pd.DataFrame(
            [{"Oordeel": s, a: va, b: vb} for s, va, vb in self.scale],
            columns=["Oordeel", a, b],
        )
        return {"Uitkomst": results, "Gewichten": weights, "Oordelen": ratings, "Schaal": scale}


def _problem(scenario: Scenario, matrix: Matrix) -> DecisionProblem:
    return scenario.problem(matrix)


def compare(a: Scenario, b: Scenario, matrix: Matrix | None = None) -> ScenarioComparison:
    """Compare two scenarios' weights, ratings, scales and results."""
    matrix = matrix or load_matrix()
    pa, pb = _problem(a, matrix), _problem(b, matrix)
    ra, rb = score(pa), score(pb)
    rows: list[WeightRow] = []
    for group in matrix.groups:
        rows.append(
            WeightRow(
                "groep",
                group.id,
                group.label,
                group.id,
                pa.weights.group(group.id),
                pb.weights.group(group.id),
                ra.group_shares[group.id],
                rb.group_shares[group.id],
            )
        )
    for crit in matrix.criteria:
        rows.append(
            WeightRow(
                "criterium",
                crit.id,
                crit.label,
                crit.group,
                pa.weights.criterion(crit.id),
                pb.weights.criterion(crit.id),
                ra.effective_weights[crit.id],
                rb.effective_weights[crit.id],
            )
        )
    ratings = []
    for crit in matrix.criteria:
        for vid in matrix.variant_ids:
            if pa.is_overridden(crit.id, vid) or pb.is_overridden(crit.id, vid):
                ratings.append(
                    RatingRow(
                        crit.id,
                        crit.label,
                        vid,
                        matrix.rating(crit.id, vid).value,
                        pa.rating(crit.id, vid).value,
                        pb.rating(crit.id, vid).value,
                    )
                )
    scale = tuple((r.value, pa.scale.value(r), pb.scale.value(r)) for r in RATINGS)
    results = tuple(
        ResultRow(
            v.id,
            v.name,
            ra.scores[v.id],
            rb.scores[v.id],
            ra.scores_0_100[v.id],
            rb.scores_0_100[v.id],
            ra.ranks[v.id],
            rb.ranks[v.id],
        )
        for v in matrix.variants
    )
    return ScenarioComparison(a.name, b.name, ra, rb, tuple(rows), tuple(ratings), scale, results)


# --- group weighting ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Spread:
    """How far the members' effective weights of one criterion or group lie apart."""

    kind: str
    id: str
    label: str
    shares: tuple[float, ...]  # per member, in member order
    mean: float

    @property
    def low(self) -> float:
        return min(self.shares)

    @property
    def high(self) -> float:
        return max(self.shares)

    @property
    def range(self) -> float:
        return self.high - self.low


@dataclass(frozen=True)
class GroupWeighting:
    """Each member's ranking, the mean weighting and where members disagree most."""

    names: tuple[str, ...]
    results: tuple[ScoreResult, ...]  # in member order
    mean_config: dict[str, Any]
    mean_result: ScoreResult
    #: True when members used different scales or rating overrides; the mean then uses the
    #: handreiking's ratings and the default scale.
    mixed_judgements: bool
    criteria: tuple[Spread, ...]  # sorted: largest disagreement first
    groups: tuple[Spread, ...]
    variant_names: dict[str, str]

    def disagreements(self, n: int = 3) -> tuple[Spread, ...]:
        return self.criteria[:n]

    def tables(self) -> dict[str, pd.DataFrame]:
        ranks = pd.DataFrame(
            {
                "Variant": [self.variant_names[v] for v in self.mean_result.variant_ids],
                **{
                    f"Rang {name}": [r.ranks[v] for v in r.variant_ids]
                    for name, r in zip(self.names, self.results, strict=True)
                },
                "Rang gemiddelde weging": [
                    self.mean_result.ranks[v] for v in self.mean_result.variant_ids
                ],
                "Score gemiddelde weging (0–100)": [
                    self.mean_result.scores_0_100[v] for v in self.mean_result.variant_ids
                ],
            }
        )
        spread = pd.DataFrame(
            [
                {
                    "Soort": s.kind,
                    "Code": s.id,
                    "Omschrijving": s.label,
                    **{
                        f"{n} (%)": share * 100
                        for n, share in zip(self.names, s.shares, strict=True)
                    },
                    "Gemiddeld (%)": s.mean * 100,
                    "Verschil hoogste–laagste (procentpunt)": s.range * 100,
                }
                for s in (*self.groups, *self.criteria)
            ]
        )
        return {"Rangorde": ranks, "Onenigheid": spread}


def _same(values: Sequence[Any]) -> bool:
    return all(v == values[0] for v in values[1:])


def group_weighting(members: Sequence[Scenario], matrix: Matrix | None = None) -> GroupWeighting:
    """Combine two or more members' scenarios (each alderman, each party)."""
    if len(members) < 2:
        raise ValidationError("kies minstens twee scenario's voor een groepsweging")
    names = [m.name for m in members]
    if len(set(names)) != len(names):
        raise ValidationError("kies elk scenario maar één keer")
    matrix = matrix or load_matrix()
    problems = [m.problem(matrix) for m in members]
    results = [score(p) for p in problems]
    eff = {c: [r.effective_weights[c] for r in results] for c in matrix.criterion_ids}
    mean_eff = {c: sum(v) / len(v) for c, v in eff.items()}
    group_sums = {
        g.id: sum(mean_eff[c.id] for c in matrix.criteria_in(g.id)) for g in matrix.groups
    }
    mixed = not (
        _same([dict(p.scale.values) for p in problems])
        and _same(
            [sorted((o.criterion, o.variant, o.rating) for o in p.overrides) for p in problems]
        )
    )
    base = problems[0] if not mixed else DecisionProblem(matrix)
    mean_problem = DecisionProblem(
        matrix,
        base.scale,
        Weights(group_sums, mean_eff),
        base.overrides,
    )
    mean_config = {"groups": dict(group_sums), "criteria": dict(mean_eff)}
    if not mixed:
        base_config = members[0].config()
        for key in ("scale", "ratings", "reasons"):
            if key in base_config:
                mean_config[key] = base_config[key]
    crit_spread = sorted(
        (
            Spread("criterium", c.id, c.label, tuple(eff[c.id]), mean_eff[c.id])
            for c in matrix.criteria
        ),
        key=lambda s: (-s.range, s.id),
    )
    group_spread = tuple(
        Spread(
            "groep",
            g.id,
            g.label,
            tuple(r.group_shares[g.id] for r in results),
            sum(r.group_shares[g.id] for r in results) / len(results),
        )
        for g in matrix.groups
    )
    return GroupWeighting(
        tuple(names),
        tuple(results),
        mean_config,
        score(mean_problem),
        mixed,
        tuple(crit_spread),
        group_spread,
        {v.id: v.name for v in matrix.variants},
    )
