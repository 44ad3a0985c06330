"""The wording helpers every conclusion shares."""

from __future__ import annotations

import pytest

from dashboard.presentation.narrative import count, lower_first, own_ratings


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Gemeenten & UWV", "gemeenten & UWV"),
        ("UWV-loket in de regio", "UWV-loket in de regio"),  # an acronym keeps its case
        ("WSP", "WSP"),
        ("1 (publiek) contactpersoon", "1 (publiek) contactpersoon"),
        ("Werkzoekenden", "werkzoekenden"),
        ("", ""),
    ],
)
def test_lower_first_keeps_acronyms(text: str, expected: str) -> None:
    assert lower_first(text) == expected


def test_counts_agree_in_number() -> None:
    assert count(1, "criterium", "criteria") == "1 criterium"
    assert count(3, "criterium", "criteria") == "3 criteria"
    assert own_ratings(1) == "1 eigen oordeel dat afwijkt van de handreiking"
    assert own_ratings(2) == "2 eigen oordelen die afwijken van de handreiking"


def test_chart_and_sentence_round_an_interval_the_same_way() -> None:
    """11.22 % is "12%" in the sentence (rounded inwards, so it stays true); the chart's bar
    label used to say "11%"."""
    from dashboard.mcda.scoring import problem_from_mapping
    from dashboard.mcda.sensitivity import one_way
    from dashboard.presentation.charts.robustness import tornado_spec
    from dashboard.presentation.narrative import interval_text, stays_highest_sentence

    problem = problem_from_mapping({"criteria": {"wz04": 15}})
    results = one_way(problem)
    werkgevers = next(ow for ow in results if ow.id == "werkgevers")
    assert interval_text(werkgevers) == "12% – 100%"
    assert "tussen 12% en 100% van het gewicht" in stays_highest_sentence(problem, werkgevers)
    # one spec for the page, the Presentatie page and the PDF/slides
    spec, _ = tornado_spec(results, problem)
    values = [row["label"] for row in spec["data"]["values"]]
    assert "12% – 100%" in values and "11% – 100%" not in values


def test_scenario_summary_says_1_criterium() -> None:
    from dashboard.presentation.scenario_display import config_summary

    assert "; 1 criterium met een eigen gewicht;" in config_summary({"criteria": {"wz04": 2}})
    assert "; 2 criteria met een eigen gewicht;" in config_summary(
        {"criteria": {"wz04": 2, "gu01": 3}}
    )


def test_the_scale_assumption_is_worded_once_and_used_by_cli_pages_and_method_text():
    """It was worded six ways (page, CLI score, CLI sensitivity, Bronnen, report); one function
    now writes it, and nobody else spells out the coding."""
    from pathlib import Path

    from dashboard.mcda.scoring import Scale
    from dashboard.presentation.narrative import scale_assumption

    assert scale_assumption() == (
        "Aanname: de handreiking geeft alleen tekens (++ tot -/-), geen getallen. Dat ++ = 2, "
        "+ = 1, +/- = 0, - = -1, -/- = -2 telt, is een keuze van dit dashboard."
    )
    odd = Scale({**Scale().values})  # same coding, same words
    assert scale_assumption(odd) == scale_assumption()
    root = Path(__file__).resolve().parents[1]
    own_words = ["alleen tekens", "2, 1, 0, -1 en -2", "geen getallen."]
    for path in [*root.joinpath("pages").glob("*.py"), *root.joinpath("src").rglob("*.py")]:
        if path.name == "scores.py" and path.parent.name == "narrative":
            continue
        text = path.read_text(encoding="utf-8")
        assert not any(w in text for w in own_words), path


def _code_files():
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    return [*root.joinpath("pages").glob("*.py"), *root.joinpath("src").rglob("*.py")]


def test_ties_are_worded_once_for_scores_and_once_for_random_weightings() -> None:
    """The rank of equal scores was said four ways ("delen een rang", "delen dezelfde rang", "de
    hoogste rang (1, 1, 3)" in ScoreResult, "Ze krijgen dezelfde plaats"), the random weightings'
    rule twice; each now lives in narrative, and the CLI's JSON carries the same words."""
    import json

    from dashboard.commands.score import result_to_json
    from dashboard.mcda.scoring import default_problem, score
    from dashboard.presentation.narrative import FIRST_ON_TIES, TIE_POLICY, tie_policy_sentence

    problem = default_problem()
    result = score(problem)
    assert result_to_json(result, problem)["tie_policy"] == TIE_POLICY
    assert json.dumps(result_to_json(result, problem))  # still plain JSON
    assert tie_policy_sentence() == "Gelijke scores delen de hoogste rang (1, 1, 3)."
    assert not hasattr(result, "tie_policy")  # Dutch words do not live in the result object
    own_words = ["delen een rang", "delen dezelfde rang", "dezelfde plaats.", "delen de hoogste"]
    for path in _code_files():
        text = path.read_text(encoding="utf-8")
        if path.parent.name == "narrative":
            continue
        assert not any(w in text for w in own_words), path
        assert "telt de eerste variant" not in text, path
    assert "laagste nummer" in FIRST_ON_TIES


def test_cli_score_table_says_shares_and_own_ratings_as_page_and_report() -> None:
    """The CLI wrote "Gewicht per perspectief: Gemeenten & UWV 33%, …" and its own line per own
    rating; the page and the report say both in the narrative's words."""
    from dashboard.commands.score import result_to_table
    from dashboard.mcda.scoring import problem_from_mapping, score
    from dashboard.presentation.narrative import NO_REASON, group_shares_sentence, override_line

    problem = problem_from_mapping({"groups": {"werkgevers": 2}, "ratings": {"gu08": {"V3": "++"}}})
    table = result_to_table(score(problem), problem)
    assert group_shares_sentence(problem) in table.splitlines()
    (override,) = problem.overrides
    line = override_line(problem, override)
    assert line in table.splitlines()
    assert line.startswith("Eigen oordeel: ") and line.endswith(f"Reden: {NO_REASON}")
    assert override_line(problem, override, mark=" (*)").startswith("Eigen oordeel (*): ")


def test_a_long_reason_is_shortened_with_an_ellipsis() -> None:
    from dashboard.mcda.scoring import problem_from_mapping
    from dashboard.presentation.narrative import override_line

    problem = problem_from_mapping(
        {"ratings": {"gu08": {"V3": "++"}}, "reasons": {"gu08": {"V3": "x" * 200}}}
    )
    line = override_line(problem, problem.overrides[0], reason_chars=120)
    assert line.endswith("Reden: " + "x" * 119 + "…")
