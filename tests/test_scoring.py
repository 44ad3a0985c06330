"""Scoring engine: worked examples, invariants, validation."""

from __future__ import annotations

import math
import pickle

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from dashboard.core.errors import UnknownCodeError, ValidationError
from dashboard.mcda.criteria import RATINGS, Rating, load_matrix
from dashboard.mcda.scoring import (
    DecisionProblem,
    RatingOverride,
    Scale,
    Weights,
    competition_ranks,
    default_problem,
    problem_from_mapping,
    problem_to_mapping,
    score,
)

MATRIX = load_matrix()


def test_worked_example_default_weights() -> None:
    """Hand-worked from the handreiking's matrix (seed 004, §8) with the default scale
    ``++``=2, ``+``=1, ``+/-``=0, ``-``=-1, ``-/-``=-2 and the three groups weighted equally.

    Variant 1, group scores (mean of the ratings in the group, criteria weigh the same):

    * gemeenten & UWV: ++ ++ ++ ++ ++ ++ + ++ ++ +  → (8×2 + 2×1) / 10 = 18/10 = 1.8
    * werkgevers:      ++ ×7                        → 14/7 = 2.0
    * werkzoekenden:   ++ + + -/-                   → (2 + 1 + 1 − 2) / 4 = 2/4 = 0.5

    Score V1 = (1.8 + 2.0 + 0.5) / 3 = 4.3/3 = 1.4333…; on 0–100: (1.4333 + 2) / 4 × 100 = 85.83.

    Variant 2: gemeenten & UWV (2+2+1+1+1+1+1+1+1+0)/10 = 1.1; werkgevers (2+2+1+1+1+1+1)/7 = 9/7;
    werkzoekenden (2+1+1−2)/4 = 0.5; score = (1.1 + 9/7 + 0.5)/3 = 0.96190…

    Variant 3: gemeenten & UWV (1+1+0+1+1+0+0−1+0+0)/10 = 0.3; werkgevers (1+1−2−2−2−2+0)/7 = −6/7;
    werkzoekenden (−2+0+1+1)/4 = 0; score = (0.3 − 6/7 + 0)/3 = −0.18571…
    """
    result = score(default_problem())
    assert result.scores["V1"] == pytest.approx(4.3 / 3)
    assert result.scores_0_100["V1"] == pytest.approx(85.8333333)
    assert result.group_scores["V1"] == pytest.approx(
        {"gemeenten_uwv": 1.8, "werkgevers": 2.0, "werkzoekenden": 0.5}
    )
    assert result.scores["V2"] == pytest.approx((1.1 + 9 / 7 + 0.5) / 3)
    assert result.scores["V3"] == pytest.approx((0.3 - 6 / 7) / 3)
    assert result.ranks == {"V1": 1, "V2": 2, "V3": 3}
    assert result.group_shares == pytest.approx({g: 1 / 3 for g in MATRIX.group_ids})


def test_worked_example_all_criteria_equal() -> None:
    """All 21 criteria weigh the same: group weights 10, 7, 4 (gemeenten & UWV gets 10/21).

    V1 = (18 + 14 + 2) / 21 = 34/21 = 1.6190…; V3 = (3 − 6 + 0) / 21 = −3/21.
    """
    problem = DecisionProblem(
        MATRIX, weights=Weights({"gemeenten_uwv": 10, "werkgevers": 7, "werkzoekenden": 4})
    )
    result = score(problem)
    assert result.scores["V1"] == pytest.approx(34 / 21)
    assert result.scores["V3"] == pytest.approx(-3 / 21)
    assert result.group_shares["gemeenten_uwv"] == pytest.approx(10 / 21)
    assert all(w == pytest.approx(1 / 21) for w in result.effective_weights.values())


def test_worked_example_werkzoekenden_only_gives_a_tie() -> None:
    """Only werkzoekenden: V1 = V2 = 0.5 (same ratings in that table), V3 = 0; V1 and V2 share
    rank 1 and V3 is third (competition ranking 1, 1, 3)."""
    problem = DecisionProblem(
        MATRIX, weights=Weights({"gemeenten_uwv": 0, "werkgevers": 0, "werkzoekenden": 1})
    )
    result = score(problem)
    assert result.scores["V1"] == pytest.approx(0.5)
    assert result.ranks == {"V1": 1, "V2": 1, "V3": 3}
    assert result.ties() == [("V1", "V2")]
    assert result.winners == ("V1", "V2")


def test_v1_dominates_v2_in_the_handreiking() -> None:
    """V1's rating is ≥ V2's on all 21 criteria and > on 14: V1 dominates V2, nothing else."""
    assert score(default_problem()).dominance == (("V1", "V2"),)


def test_contributions_of_one_criterion() -> None:
    """Branding (gu08), default weights: effective weight = 1/3 × 1/10; V1 '++' → 2/30."""
    result = score(default_problem())
    assert result.effective_weights["gu08"] == pytest.approx(1 / 30)
    assert result.contributions["gu08"]["V1"] == pytest.approx(2 / 30)
    assert result.contributions["gu08"]["V3"] == pytest.approx(-1 / 30)


@pytest.mark.parametrize(
    ("scores", "ranks"),
    [
        ({"a": 3, "b": 2, "c": 1}, {"a": 1, "b": 2, "c": 3}),
        ({"a": 1, "b": 1, "c": 0}, {"a": 1, "b": 1, "c": 3}),
        ({"a": 0, "b": 1, "c": 1}, {"a": 3, "b": 1, "c": 1}),
        ({"a": 1, "b": 1, "c": 1}, {"a": 1, "b": 1, "c": 1}),
        ({"a": 0.1 + 0.2, "b": 0.3, "c": 0}, {"a": 1, "b": 1, "c": 3}),
    ],
)
def test_competition_ranks(scores: dict[str, float], ranks: dict[str, int]) -> None:
    assert competition_ranks(scores) == ranks


# --- invariants --------------------------------------------------------------------------------
# 0 or a normal number: scaling a subnormal weight by 1e-3 would underflow to 0.
weight = st.one_of(st.just(0.0), st.floats(min_value=1e-6, max_value=100))
group_weights = st.fixed_dictionaries({g: weight for g in MATRIX.group_ids})
criterion_weights = st.fixed_dictionaries({c: weight for c in MATRIX.criterion_ids})


def _problem(groups: dict[str, float], criteria: dict[str, float]) -> DecisionProblem | None:
    try:
        return DecisionProblem(MATRIX, weights=Weights(groups, criteria))
    except ValidationError:
        return None  # e.g. all groups 0: refused, which is tested elsewhere


@settings(max_examples=60, deadline=None)
@given(group_weights, criterion_weights, st.floats(min_value=1e-3, max_value=1e3))
def test_scaling_all_weights_changes_nothing(groups, criteria, factor) -> None:
    base = _problem(groups, criteria)
    assume(base is not None)
    scaled = _problem(
        {k: v * factor for k, v in groups.items()}, {k: v * factor for k, v in criteria.items()}
    )
    assert scaled is not None
    a, b = score(base), score(scaled)
    for v in MATRIX.variant_ids:
        assert b.scores[v] == pytest.approx(a.scores[v], abs=1e-9)
    assert a.ranking == b.ranking or a.ties() or b.ties()


@settings(max_examples=60, deadline=None)
@given(group_weights, criterion_weights)
def test_contributions_sum_to_the_score(groups, criteria) -> None:
    problem = _problem(groups, criteria)
    assume(problem is not None)
    result = score(problem)
    assert sum(result.effective_weights.values()) == pytest.approx(1.0)
    for v in MATRIX.variant_ids:
        total = sum(result.contributions[c][v] for c in MATRIX.criterion_ids)
        assert total == pytest.approx(result.scores[v], abs=1e-12)
        # the score is the share-weighted mean of the group scores
        mean = sum(result.group_shares[g] * result.group_scores[v][g] for g in MATRIX.group_ids)
        assert mean == pytest.approx(result.scores[v], abs=1e-12)
        assert 0 - 1e-9 <= result.scores_0_100[v] <= 100 + 1e-9


@settings(max_examples=80, deadline=None)
@given(
    group_weights,
    criterion_weights,
    st.sampled_from(MATRIX.criterion_ids),
    st.sampled_from(MATRIX.variant_ids),
)
def test_raising_one_rating_never_lowers_that_variant(groups, criteria, cid, vid) -> None:
    problem = _problem(groups, criteria)
    assume(problem is not None)
    before = score(problem).scores[vid]
    current = problem.rating(cid, vid)
    for better in (r for r in RATINGS if r.order > current.order):
        raised = problem.with_changes(overrides=(RatingOverride(cid, vid, better, "test"),))
        assert score(raised).scores[vid] >= before - 1e-12


@settings(max_examples=60, deadline=None)
@given(group_weights, criterion_weights)
def test_dominance_does_not_depend_on_weights(groups, criteria) -> None:
    problem = _problem(groups, criteria)
    assume(problem is not None)
    result = score(problem)
    assert result.dominance == (("V1", "V2"),)
    # and a dominating variant never scores lower, whatever the weights
    assert result.scores["V1"] >= result.scores["V2"] - 1e-12


def test_dominance_does_not_depend_on_scale() -> None:
    flat = Scale({Rating.PLUS_PLUS: 1, Rating.PLUS: 0, Rating.NEUTRAL: 0, Rating.MINUS: 0,
                  Rating.MINUS_MINUS: 0})  # fmt: skip
    assert score(DecisionProblem(MATRIX, scale=flat)).dominance == (("V1", "V2"),)


def test_override_can_remove_dominance() -> None:
    """A local judgement that V2 beats V1 somewhere ends V1's dominance over V2."""
    problem = DecisionProblem(MATRIX, overrides=(RatingOverride("gu10", "V2", Rating.PLUS_PLUS),))
    assert problem.is_overridden("gu10", "V2")
    assert score(problem).dominance == ()


# --- validation ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("mapping", "error", "words"),
    [
        ({"groups": {"gemeenten_uwv": 0, "werkgevers": 0, "werkzoekenden": 0}},
         ValidationError, "alle groepsgewichten zijn 0"),
        ({"criteria": {c: 0 for c in MATRIX.criterion_ids if c.startswith("wz")}},
         ValidationError, "al haar criteria wegen 0"),
        ({"groups": {"werkgevers": -1}}, ValidationError, "negatief"),
        ({"groups": {"werkgevers": float("nan")}}, ValidationError, "geen eindig getal"),
        ({"groups": {"werkgevers": float("inf")}}, ValidationError, "geen eindig getal"),
        ({"groups": {"werkgevers": 10**400}}, ValidationError, "te groot"),
        (
            {"groups": {"werkgevers": 1e308, "werkzoekenden": 1e308}},
            ValidationError,
            "groter dan 1.000.000.000",
        ),
        ({"criteria": {"gu01": 999999999999999}}, ValidationError, "groter dan 1.000.000.000"),
        ({"scale": {"++": 1e6}}, ValidationError, "van -100 tot en met 100"),
        ({"ratings": {"gu08": {"V3": "+"}}, "reasons": {"gu08": {"V3": "x" * 501}}},
         ValidationError, "langer dan 500 tekens"),
        ({"reasons": {"zz99": {"V3": "x"}}}, ValidationError, "hoort bij een eigen oordeel"),
        ({"groups": {"werkgevers": "2"}}, ValidationError, "geen getal"),
        ({"groups": {"werkgevers": True}}, ValidationError, "geen getal"),
        ({"groups": {"gemeenten": 1}}, UnknownCodeError, "onbekende groep"),
        ({"criteria": {"gu11": 1}}, UnknownCodeError, "onbekend criterium"),
        ({"scale": {"+": 3}}, ValidationError, "volgorde"),
        ({"scale": {"++": 0, "+": 0, "+/-": 0, "-": 0, "-/-": 0}}, ValidationError, "hoger"),
        ({"scale": {"+++": 3}}, ValidationError, "onbekend oordeel"),
        ({"scale": {"++": 1e308, "-/-": -1e308}}, ValidationError, "van -100 tot en met 100"),
        ({"ratings": {"gu08": {"V3": "++-"}}}, ValidationError, "onbekend oordeel"),
        ({"ratings": {"gu08": {"V4": "+"}}}, UnknownCodeError, "onbekende variant"),
        ({"ratings": {"xx": {"V3": "+"}}}, UnknownCodeError, "onbekend criterium"),
        ({"ratings": {"gu08": "+"}}, ValidationError, "moet een object zijn"),
        ({"weights": {}}, ValidationError, "onbekend veld"),
        ({"groups": [1, 2]}, ValidationError, "moet een object zijn"),
    ],
)  # fmt: skip
def test_invalid_input_is_rejected_in_dutch(mapping, error, words) -> None:
    with pytest.raises(error, match=words):
        problem_from_mapping(mapping)


def test_zero_weight_group_may_have_zero_criteria() -> None:
    """A group that weighs 0 may have all its criteria at 0 too: nothing to divide."""
    problem = problem_from_mapping(
        {"groups": {"werkzoekenden": 0}, "criteria": {"wz01": 0, "wz02": 0, "wz03": 0, "wz04": 0}}
    )
    assert score(problem).effective_weights["wz01"] == 0


def test_mapping_round_trip_and_pickle() -> None:
    mapping = {
        "groups": {"werkgevers": 2.0},
        "criteria": {"wz04": 0.5},
        "scale": {"++": 2.0, "+": 1.0, "+/-": 0.0, "-": -1.0, "-/-": -1.0},
        "ratings": {"gu08": {"V3": "+/-"}},
        "reasons": {"gu08": {"V3": "eigen ervaring"}},
    }
    problem = problem_from_mapping(mapping)
    assert problem_to_mapping(problem) == mapping
    # st.cache_data pickles what it returns
    again = pickle.loads(pickle.dumps(problem))
    assert score(again).scores == score(problem).scores
    assert again.scale.values[Rating.MINUS_MINUS] == -1.0


def test_effective_weights_formula() -> None:
    """(W_g / ΣW) × (w_c / Σ_{c' in g} w_c'): werkgevers 2 of 4, wg01 weight 3 of 3+6×1=9."""
    problem = problem_from_mapping({"groups": {"werkgevers": 2}, "criteria": {"wg01": 3}})
    eff = dict(zip(MATRIX.criterion_ids, problem.effective_weights(), strict=True))
    assert eff["wg01"] == pytest.approx(0.5 * 3 / 9)
    assert eff["gu01"] == pytest.approx(0.25 / 10)
    assert math.fsum(eff.values()) == pytest.approx(1.0)
    assert np.all(problem.effective_weights() >= 0)
