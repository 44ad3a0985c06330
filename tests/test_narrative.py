"""The wording helpers every conclusion shares."""

from __future__ import annotations

import pytest

from dashboard.narrative import count, lower_first, own_ratings


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
    from dashboard.charts.robustness import tornado_figure
    from dashboard.charts.specs import tornado_spec
    from dashboard.narrative import interval_text, stays_highest_sentence
    from dashboard.scoring import problem_from_mapping
    from dashboard.sensitivity import one_way

    problem = problem_from_mapping({"criteria": {"wz04": 15}})
    results = one_way(problem)
    werkgevers = next(ow for ow in results if ow.id == "werkgevers")
    assert interval_text(werkgevers) == "12% – 100%"
    assert "tussen 12% en 100% van het gewicht" in stays_highest_sentence(problem, werkgevers)
    labels = [t for trace in tornado_figure(results, problem).data for t in (trace.text or ())]
    assert "12% – 100%" in labels and "11% – 100%" not in labels
    # the picture on the Presentatie page and in the PDF/slides is drawn from a Vega-Lite spec
    spec, _ = tornado_spec(results, problem)
    values = [row["label"] for row in spec["data"]["values"]]
    assert "12% – 100%" in values and "11% – 100%" not in values


def test_scenario_summary_says_1_criterium() -> None:
    from dashboard.scenarios.display import config_summary

    assert "; 1 criterium met een eigen gewicht;" in config_summary({"criteria": {"wz04": 2}})
    assert "; 2 criteria met een eigen gewicht;" in config_summary(
        {"criteria": {"wz04": 2, "gu01": 3}}
    )


def test_the_scale_assumption_is_worded_once_and_used_by_cli_pages_and_method_text():
    """It was worded six ways (page, CLI score, CLI sensitivity, Bronnen, report); one function
    now writes it, and nobody else spells out the coding."""
    from pathlib import Path

    from dashboard.narrative import scale_assumption
    from dashboard.scoring import Scale

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
