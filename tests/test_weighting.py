"""Presets, rank-order-centroid weights, overrides and the Dutch sentences."""

from __future__ import annotations

import pytest

from dashboard.core.errors import UnknownCodeError, ValidationError
from dashboard.mcda.criteria import load_matrix
from dashboard.mcda.scoring import (
    Weights,
    default_problem,
    problem_from_mapping,
    problem_to_mapping,
    score,
)
from dashboard.mcda.weighting import (
    CRITERIA_EQUAL,
    DEFAULT_PRESET,
    apply_preset,
    clear_overrides,
    matching_preset,
    presets,
    rank_order_criteria,
    rank_order_groups,
    remove_override,
    roc_weights,
    set_override,
    with_scale,
    with_weights,
)
from dashboard.presentation.narrative import (
    dominance_sentences,
    explanation,
    group_shares_sentence,
    join_nl,
    preset_note,
    summary_sentence,
    tie_sentence,
)

MATRIX = load_matrix()
DEFAULT = default_problem()


@pytest.mark.parametrize(
    ("items", "text"),
    [([], ""), (["a"], "a"), (["a", "b"], "a en b"), (["a", "b", "c"], "a, b en c")],
)
def test_join_nl(items: list[str], text: str) -> None:
    assert join_nl(items) == text


def test_presets_default_first_and_single_perspectives() -> None:
    ids = [p.id for p in presets(MATRIX)]
    assert ids[0] == DEFAULT_PRESET
    assert ids == [
        "perspectieven_gelijk",
        "criteria_gelijk",
        "alleen_gemeenten_uwv",
        "alleen_werkgevers",
        "alleen_werkzoekenden",
    ]
    assert problem_to_mapping(apply_preset(DEFAULT, DEFAULT_PRESET)) == {}


def test_all_criteria_equal_says_gemeenten_uwv_gets_10_of_21() -> None:
    problem = apply_preset(problem_from_mapping({"scale": {"-/-": -1}}), CRITERIA_EQUAL)
    assert problem.group_shares()["gemeenten_uwv"] == pytest.approx(10 / 21)
    assert problem.scale.as_symbols()["-/-"] == -1  # scale is kept
    note = preset_note(MATRIX, CRITERIA_EQUAL)
    assert "gemeenten & UWV 10/21 (48%)" in note
    assert "werkzoekenden 4/21 (19%)" in note
    assert matching_preset(problem) == CRITERIA_EQUAL


def test_single_perspective_preset() -> None:
    problem = apply_preset(DEFAULT, "alleen_werkgevers")
    assert problem.group_shares() == {"gemeenten_uwv": 0, "werkgevers": 1, "werkzoekenden": 0}
    assert "werkgevers" in preset_note(MATRIX, "alleen_werkgevers")
    with pytest.raises(UnknownCodeError):
        apply_preset(DEFAULT, "alleen_burgers")


def test_matching_preset_ignores_scale_of_weights() -> None:
    problem = default_problem().with_changes(weights=Weights({g: 5 for g in MATRIX.group_ids}))
    assert matching_preset(problem) == DEFAULT_PRESET
    assert matching_preset(problem_from_mapping({"criteria": {"gu01": 2}})) is None


def test_roc_weights() -> None:
    """ROC for n = 3: (1 + 1/2 + 1/3)/3, (1/2 + 1/3)/3, (1/3)/3 = 11/18, 5/18, 2/18."""
    assert roc_weights(3) == pytest.approx([11 / 18, 5 / 18, 2 / 18])
    assert roc_weights(1) == [1.0]
    for n in range(1, 25):
        w = roc_weights(n)
        assert sum(w) == pytest.approx(1.0)
        assert w == sorted(w, reverse=True)
    with pytest.raises(ValidationError):
        roc_weights(0)


def test_rank_order_groups() -> None:
    weights = rank_order_groups(MATRIX, ["werkzoekenden", "gemeenten_uwv", "werkgevers"])
    assert weights == pytest.approx(
        {"werkzoekenden": 11 / 18, "gemeenten_uwv": 5 / 18, "werkgevers": 2 / 18}
    )
    partial = rank_order_groups(MATRIX, ["werkgevers"])
    assert partial == {"gemeenten_uwv": 0.0, "werkgevers": 1.0, "werkzoekenden": 0.0}


@pytest.mark.parametrize(
    "ranking", [[], ["werkgevers", "werkgevers"], ["burgers"]], ids=["leeg", "dubbel", "onbekend"]
)
def test_rank_order_rejects_bad_rankings(ranking: list[str]) -> None:
    with pytest.raises(ValidationError, match="rangorde"):
        rank_order_groups(MATRIX, ranking)


def test_rank_order_criteria_gives_roc_as_effective_weights() -> None:
    ranking = ["wz04", "gu01", "wg03"]
    groups, criteria = rank_order_criteria(MATRIX, ranking)
    problem = with_weights(DEFAULT, groups, criteria)
    eff = score(problem).effective_weights
    assert [eff[c] for c in ranking] == pytest.approx(roc_weights(3))
    assert sum(v for c, v in eff.items() if c not in ranking) == 0


def test_with_weights_drops_defaults() -> None:
    start = problem_from_mapping({"scale": {"-/-": -1}, "criteria": {"wz04": 3}})
    problem = with_weights(start, {"werkgevers": 1, "werkzoekenden": 2}, {"gu01": 1})
    assert problem_to_mapping(problem) == {
        "scale": problem.scale.as_symbols(),
        "groups": {"werkzoekenden": 2.0},
    }
    assert problem.scale == start.scale  # only the weights change
    assert with_weights(start, {"werkgevers": 2}).weights.criteria == {"wz04": 3}  # None: kept


def test_overrides_set_reset_and_reason_required() -> None:
    problem = set_override(DEFAULT, "gu08", "V3", "+/-", "  eigen   ervaring ")
    assert problem_to_mapping(problem) == {
        "ratings": {"gu08": {"V3": "+/-"}},
        "reasons": {"gu08": {"V3": "eigen ervaring"}},
    }
    # the handreiking's own rating is no deviation: the override disappears
    assert set_override(problem, "gu08", "V3", "-", "").overrides == ()
    assert remove_override(problem, "gu08", "V3").overrides == ()
    weighted = with_weights(problem, {"werkgevers": 2})
    assert problem_to_mapping(clear_overrides(weighted)) == {"groups": {"werkgevers": 2}}
    with pytest.raises(ValidationError, match="reden"):
        set_override(DEFAULT, "gu08", "V3", "+", " ")
    with pytest.raises(ValidationError, match="onbekend oordeel"):
        set_override(DEFAULT, "gu08", "V3", "+++", "x")


def test_own_ratings_stand_in_table_order_and_a_second_one_replaces_the_first() -> None:
    problem = set_override(DEFAULT, "wz01", "V1", "-/-", "eerst")
    problem = set_override(problem, "gu08", "V3", "+", "tweede")
    problem = set_override(problem, "wz01", "V1", "-", "vervangen")
    assert [(o.criterion, o.variant, o.reason) for o in problem.overrides] == [
        ("gu08", "V3", "tweede"),
        ("wz01", "V1", "vervangen"),
    ]


def test_an_edit_that_would_make_the_weighting_invalid_changes_nothing() -> None:
    only_werkgevers = apply_preset(DEFAULT, "alleen_werkgevers")
    with pytest.raises(ValidationError):
        with_weights(only_werkgevers, criteria={c: 0 for c in MATRIX.criterion_ids})
    assert only_werkgevers.group_shares()["werkgevers"] == 1


def test_equal_weightings_share_one_key_whichever_way_they_came_in() -> None:
    by_hand = with_weights(DEFAULT, {"werkgevers": 2})
    from_a_file = problem_from_mapping({"groups": {"werkgevers": 2.0, "werkzoekenden": 1}})
    assert by_hand.key == problem_from_mapping({"groups": {"werkgevers": 2}}).key
    assert by_hand.key != DEFAULT.key
    # a reason alone does not change what the scores depend on
    with_reason = set_override(DEFAULT, "gu08", "V3", "+", "a")
    assert with_reason.key == set_override(DEFAULT, "gu08", "V3", "+", "b").key
    assert from_a_file.group_shares() == by_hand.group_shares()


def test_with_scale() -> None:
    assert problem_to_mapping(with_scale(problem_from_mapping({"scale": {"+": 1}}), None)) == {}
    assert with_scale(DEFAULT, {"-/-": -1}).scale.as_symbols()["-/-"] == -1.0


# --- sentences ---------------------------------------------------------------------------------
def test_summary_sentence_default() -> None:
    problem = default_problem()
    assert summary_sentence(score(problem), problem) == (
        "Met deze weging scoort Variant 1 het hoogst (86 van 100), gevolgd door Variant 2 (74) "
        "en Variant 3 (45)."
    )


def test_summary_and_tie_sentence_when_variants_tie() -> None:
    problem = apply_preset(DEFAULT, "alleen_werkzoekenden")
    result = score(problem)
    text = summary_sentence(result, problem)
    assert text.startswith("Met deze weging scoren Variant 1 en Variant 2 gelijk het hoogst")
    assert tie_sentence(result, MATRIX) == (
        "Variant 1 en Variant 2 scoren precies gelijk en delen plaats 1."
    )
    assert tie_sentence(score(default_problem()), MATRIX) == ""


def test_summary_sentence_all_equal() -> None:
    # werkzoekenden, criterion wz03 only: '+' for all three variants
    problem = with_weights(
        apply_preset(DEFAULT, "alleen_werkzoekenden"), criteria={"wz01": 0, "wz02": 0, "wz04": 0}
    )
    text = summary_sentence(score(problem), problem)
    assert "precies gelijk" in text and "geen verschil" in text


def test_summary_sentence_mentions_overrides() -> None:
    problem = set_override(DEFAULT, "gu08", "V3", "+", "eigen ervaring")
    assert "1 eigen oordeel verwerkt" in summary_sentence(score(problem), problem)


def test_dominance_sentence_says_no_weighting_changes_it() -> None:
    problem = default_problem()
    (sentence,) = dominance_sentences(score(problem), problem)
    assert sentence.startswith("Variant 1 krijgt in de beoordeling op elk criterium")
    assert "geen weging" in sentence and "nooit lager dan Variant 2" in sentence


def test_dominance_sentence_without_dominance() -> None:
    problem = set_override(DEFAULT, "gu10", "V2", "++", "eigen ervaring")
    (sentence,) = dominance_sentences(score(problem), problem)
    assert sentence.startswith("Geen variant is op alle criteria")
    assert "eigen oordelen" in sentence


def test_group_shares_sentence() -> None:
    assert group_shares_sentence(default_problem()) == (
        "Gewicht per perspectief: gemeenten & UWV 33%, werkgevers 33% en werkzoekenden 33%."
    )


def test_explanation_names_reasons_unless_the_top_ties() -> None:
    problem = default_problem()
    why, dominance = explanation(score(problem), problem)
    assert why.startswith("Variant 1 wint vooral doordat het")
    assert dominance.startswith("Variant 1 krijgt in de beoordeling")
    tie = apply_preset(DEFAULT, "alleen_werkzoekenden")
    assert explanation(score(tie), tie) == dominance_sentences(score(tie), tie)
