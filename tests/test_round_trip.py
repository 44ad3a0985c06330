"""One validation for every way in: what the CLI, a share link or a page accepts, a scenario
file accepts too, so an export can always be imported again; what one refuses, all refuse."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, reject, settings
from hypothesis import strategies as st

from dashboard import cli
from dashboard.commands.score import parse_weights
from dashboard.core.errors import DashboardError, ValidationError
from dashboard.mcda.scoring import problem_from_mapping
from dashboard.presentation.narrative import group_shares_sentence
from dashboard.scenarios import Scenario
from dashboard.scenarios.schema import scenario_from_json, scenario_to_json
from dashboard.scenarios.sharelink import decode

#: Weightings that one way in used to accept while another refused.
REFUSED = {
    "weight above 1e9": ({"criteria": {"gu01": 999999999999999}}, "1.000.000.000"),
    "reason of 501 characters": (
        {"ratings": {"gu08": {"V3": "+"}}, "reasons": {"gu08": {"V3": "x" * 501}}},
        "500 tekens",
    ),
    "reason for an unknown criterion": (
        {"ratings": {"gu08": {"V3": "+"}}, "reasons": {"zz99": {"V3": "waarom"}}},
        "eigen oordeel",
    ),
    "scale value 1e6": ({"scale": {"++": 1e6}}, "-100 tot en met 100"),
}


@pytest.mark.parametrize(("config", "words"), REFUSED.values(), ids=REFUSED.keys())
def test_refused_by_the_core_the_cli_and_the_import(
    config: dict, words: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    with pytest.raises(ValidationError, match=words):
        problem_from_mapping(config)
    with pytest.raises(ValidationError, match=words):
        Scenario("x", config)  # what 'scenario save' and the Scenario's page build
    document = {"format": "dashboard-scenario", "schema_version": 1}
    document["scenario"] = {"name": "x", "weights": config}
    with pytest.raises(ValidationError):
        scenario_from_json(json.dumps(document))
    monkeypatch.setenv("DASHBOARD_DATABASE_URL", f"sqlite:///{tmp_path / 'db.sqlite'}")
    weights = tmp_path / "w.json"
    weights.write_text(json.dumps(config), encoding="utf-8")
    assert cli.main(["scenario", "save", "x", "--weights", str(weights)]) == 2
    assert cli.main(["score", "--weights", str(weights)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 2 and words in err


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ({"cw": "gu01:999999999999999"}, "groter dan 1.000.000.000"),
        ({"gw": "wg:1e10"}, "groter dan 1.000.000.000"),
        ({"ov": "gu08.V3:p", "rd.gu08.V3": "x" * 501}, "langer dan 500 tekens"),
        ({"rd.zz99.V3": "waarom"}, "hoort bij geen afwijkend oordeel"),
        ({"sc": "pp:1000"}, "-100 tot en met 100"),
    ],
)
def test_a_share_link_drops_the_same_values_with_a_notice(query: dict, words: str) -> None:
    view = decode(query)
    assert any(words in n for n in view.notices), view.notices
    # what the link keeps is a weighting a scenario file accepts
    scenario = Scenario("uit een link", view.problem_config)
    assert scenario_from_json(scenario_to_json(scenario)) == scenario


keys = st.sampled_from(["gemeenten_uwv", "werkgevers", "werkzoekenden"])
criteria = st.sampled_from(["gu01", "gu08", "wg03", "wz04", "zz99"])
numbers = st.one_of(
    st.integers(min_value=-5, max_value=10**16),
    st.floats(min_value=-1e12, max_value=1e16, allow_nan=False),
)
configs = st.fixed_dictionaries(
    {},
    optional={
        "groups": st.dictionaries(keys, numbers, max_size=3),
        "criteria": st.dictionaries(criteria, numbers, max_size=3),
        "scale": st.dictionaries(st.sampled_from(["++", "+", "-", "-/-"]), numbers, max_size=2),
        "ratings": st.dictionaries(
            criteria, st.dictionaries(st.sampled_from(["V1", "V3"]), st.just("+"), max_size=2)
        ),
        "reasons": st.dictionaries(
            criteria,
            st.dictionaries(
                st.sampled_from(["V1", "V3"]), st.text(max_size=3).map(lambda t: t * 200)
            ),
        ),
    },
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(config=configs)
def test_whatever_a_scenario_accepts_imports_again(config: dict) -> None:
    try:
        scenario = Scenario("x", config)
    except DashboardError:
        reject()
    assert scenario_from_json(scenario_to_json(scenario)) == scenario


def test_score_refuses_duplicate_keys_like_scenario_save() -> None:
    with pytest.raises(ValidationError, match="'werkgevers' staat er twee keer in"):
        parse_weights('{"groups": {"werkgevers": 1, "werkgevers": 5}}')


@pytest.mark.parametrize(
    "text",
    ['{"groups": {"werkgevers": 1 "x": 2}}', '{"groups": {"werkgevers": ' + "9" * 5000 + "}}"],
    ids=["missing comma", "integer with 5000 digits"],
)
def test_json_errors_are_dutch(text: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_weights(text)
    message = str(caught.value)
    for english in ("Expecting", "delimiter", "sys.set_int_max_str_digits", "Exceeds"):
        assert english not in message


def test_minus_zero_never_prints_as_minus_zero() -> None:
    problem = problem_from_mapping({"groups": {"werkgevers": -0.0}})
    assert "-0%" not in group_shares_sentence(problem)
    assert "werkgevers 0%" in group_shares_sentence(problem)
