"""Presets, rank-order-centroid weights, overrides and the Dutch sentences."""

from __future__ import annotations

import pytest

from dashboard.criteria import load_matrix
from dashboard.errors import UnknownCodeError, ValidationError
from dashboard.narrative import (
    dominance_sentences,
    explanation,
    group_shares_sentence,
    join_nl,
    preset_note,
    summary_sentence,
    tie_sentence,
)
from dashboard.scoring import Weights, default_problem, problem_from_mapping, score
from dashboard.weighting import (
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

MATRIX = load_matrix()


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
    assert apply_preset({}, MATRIX, DEFAULT_PRESET) == {}


def test_all_criteria_equal_says_gemeenten_uwv_gets_10_of_21() -> None:
    config = apply_preset({"scale": {"-/-": -1}}, MATRIX, CRITERIA_EQUAL)
    problem = problem_from_mapping(config)
    assert problem.group_shares()["gemeenten_uwv"] == pytest.approx(10 / 21)
    assert config["scale"] == {"-/-": -1}  # scale is kept
    note = preset_note(MATRIX, CRITERIA_EQUAL)
    assert "gemeenten & UWV 10/21 (48%)" in note
    assert "werkzoekenden 4/21 (19%)" in note
    assert matching_preset(problem) == CRITERIA_EQUAL


def test_single_perspective_preset() -> None:
    problem = problem_from_mapping(apply_preset({}, MATRIX, "alleen_werkgevers"))
    assert problem.group_shares() == {"gemeenten_uwv": 0, "werkgevers": 1, "werkzoekenden": 0}
    assert "werkgevers" in preset_note(MATRIX, "alleen_werkgevers")
    with pytest.raises(UnknownCodeError):
        apply_preset({}, MATRIX, "alleen_burgers")


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
    problem = problem_from_mapping(with_weights({}, groups, criteria))
    eff = score(problem).effective_weights
    assert [eff[c] for c in ranking] == pytest.approx(roc_weights(3))
    assert sum(v for c, v in eff.items() if c not in ranking) == 0


def test_with_weights_drops_defaults() -> None:
    config = with_weights({"scale": {"+": 1}}, {"werkgevers": 1, "werkzoekenden": 2}, {"gu01": 1})
    assert config == {"scale": {"+": 1}, "groups": {"werkzoekenden": 2.0}}


def test_overrides_set_reset_and_reason_required() -> None:
    config = set_override({}, MATRIX, "gu08", "V3", "+/-", "  eigen   ervaring ")
    assert config == {
        "ratings": {"gu08": {"V3": "+/-"}},
        "reasons": {"gu08": {"V3": "eigen ervaring"}},
    }
    # the handreiking's own rating is no deviation: the override disappears
    assert set_override(config, MATRIX, "gu08", "V3", "-", "") == {}
    assert remove_override(config, "gu08", "V3") == {}
    assert clear_overrides({**config, "groups": {"werkgevers": 2}}) == {"groups": {"werkgevers": 2}}
    with pytest.raises(ValidationError, match="reden"):
        set_override({}, MATRIX, "gu08", "V3", "+", " ")
    with pytest.raises(ValidationError, match="onbekend oordeel"):
        set_override({}, MATRIX, "gu08", "V3", "+++", "x")


def test_with_scale() -> None:
    assert with_scale({"scale": {"+": 1}}, None) == {}
    assert with_scale({}, {"-/-": -1})["scale"] == {"-/-": -1.0}


# --- sentences ---------------------------------------------------------------------------------
def test_summary_sentence_default() -> None:
    problem = default_problem()
    assert summary_sentence(score(problem), problem) == (
        "Met deze weging scoort Variant 1 het hoogst (86 van 100), gevolgd door Variant 2 (74) "
        "en Variant 3 (45)."
    )


def test_summary_and_tie_sentence_when_variants_tie() -> None:
    problem = problem_from_mapping(apply_preset({}, MATRIX, "alleen_werkzoekenden"))
    result = score(problem)
    text = summary_sentence(result, problem)
    assert text.startswith("Met deze weging scoren Variant 1 en Variant 2 gelijk het hoogst")
    assert tie_sentence(result, MATRIX) == (
        "Variant 1 en Variant 2 scoren precies gelijk en delen plaats 1."
    )
    assert tie_sentence(score(default_problem()), MATRIX) == ""


def test_summary_sentence_all_equal() -> None:
    # werkzoekenden, criterion wz03 only: '+' for all three variants
    config = apply_preset({}, MATRIX, "alleen_werkzoekenden")
    config["criteria"] = {"wz01": 0, "wz02": 0, "wz04": 0}
    problem = problem_from_mapping(config)
    text = summary_sentence(score(problem), problem)
    assert "precies gelijk" in text and "geen verschil" in text


def test_summary_sentence_mentions_overrides() -> None:
    problem = problem_from_mapping(set_override({}, MATRIX, "gu08", "V3", "+", "eigen ervaring"))
    assert "1 eigen oordeel verwerkt" in summary_sentence(score(problem), problem)


def test_dominance_sentence_says_no_weighting_changes_it() -> None:
    problem = default_problem()
    (sentence,) = dominance_sentences(score(problem), problem)
    assert sentence.startswith("Variant 1 krijgt in de beoordeling op elk criterium")
    assert "geen weging" in sentence and "nooit lager dan Variant 2" in sentence


def test_dominance_sentence_without_dominance() -> None:
    problem = problem_from_mapping(set_override({}, MATRIX, "gu10", "V2", "++", "eigen ervaring"))
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
    tie = problem_from_mapping(apply_preset({}, MATRIX, "alleen_werkzoekenden"))
    assert explanation(score(tie), tie) == dominance_sentences(score(tie), tie)
