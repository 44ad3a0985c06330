"""One validation for every way in: what the CLI, a share link or a page accepts, a scenario
file accepts too, so an export can always be imported again; what one refuses, all refuse."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from dashboard import cli
from dashboard.commands.score import parse_weights
from dashboard.core.errors import ValidationError
from dashboard.core.limits import REASON, SCALE, WEIGHT, Limit
from dashboard.core.usertext import _BIDI_CONTROLS as BIDI_CONTROLS
from dashboard.mcda.criteria import RATINGS, Rating
from dashboard.mcda.scoring import DEFAULT_SCALE, problem_from_mapping
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


#: Weightings the core accepts, drawn directly (no draw is thrown away for an unknown code, a
#: number outside the limits table, a reason without an own rating, a scale out of order, a
#: hidden character or a reason that is too long): numbers anywhere within the limits and on
#: their edges, reasons up to exactly the longest allowed. What is refused is tested above.
keys = st.sampled_from(["gemeenten_uwv", "werkgevers", "werkzoekenden"])
criteria = st.sampled_from(["gu01", "gu08", "wg03", "wz04"])
variants = st.sampled_from(["V1", "V3"])


def _within(limit: Limit) -> st.SearchStrategy[float]:
    low, high = int(limit.low), int(limit.high)
    return st.one_of(
        st.sampled_from([low, high, float(low), float(high)]),
        st.integers(min_value=low, max_value=high),
        st.floats(min_value=low, max_value=high, allow_nan=False),
    )


def _full_scale(values: list[float]) -> dict[str, float]:
    return dict(zip([r.value for r in RATINGS], sorted(values, reverse=True), strict=True))


def _one_symbol(rating: Rating) -> st.SearchStrategy[dict[str, float]]:
    """One symbol changed, between its neighbours' default values (the others keep theirs)."""
    i = RATINGS.index(rating)
    high = DEFAULT_SCALE[RATINGS[i - 1]] if i > 0 else SCALE.high
    low = DEFAULT_SCALE[RATINGS[i + 1]] if i + 1 < len(RATINGS) else SCALE.low
    return _between(low, high).map(lambda v: {rating.value: v})


def _between(low: float, high: float) -> st.SearchStrategy[float]:
    return st.one_of(st.sampled_from([low, high]), st.floats(min_value=low, max_value=high))


scales = st.one_of(
    st.lists(_within(SCALE), min_size=len(RATINGS), max_size=len(RATINGS))
    .map(_full_scale)
    .filter(lambda scale: scale["++"] > scale["-/-"]),  # rare: all five equal
    *(_one_symbol(rating) for rating in RATINGS),
)
reason_texts = st.text(
    st.characters(exclude_categories=("Cc", "Cs", "Zl", "Zp"), exclude_characters=BIDI_CONTROLS),
    max_size=2,
).map(lambda t: t * (int(REASON.high) // 2))
ratings = st.dictionaries(criteria, st.dictionaries(variants, st.just("+"), max_size=2))


@st.composite
def configs(draw: st.DrawFn) -> dict:
    config: dict = {}
    if draw(st.booleans()):
        config["groups"] = draw(st.dictionaries(keys, _within(WEIGHT), max_size=3))
    if draw(st.booleans()):
        config["criteria"] = draw(st.dictionaries(criteria, _within(WEIGHT), max_size=3))
    if draw(st.booleans()):
        config["scale"] = draw(scales)
    if draw(st.booleans()):
        config["ratings"] = draw(ratings)
        rated = sorted((c, v) for c, per in config["ratings"].items() for v in per)
        if rated and draw(st.booleans()):
            reasons: dict[str, dict[str, str]] = {}
            for c, v in draw(st.lists(st.sampled_from(rated), unique=True, min_size=1)):
                reasons.setdefault(c, {})[v] = draw(reason_texts)
            config["reasons"] = reasons
    return config


@settings(max_examples=150, deadline=None)
@given(config=configs())
def test_whatever_a_scenario_accepts_imports_again(config: dict) -> None:
    try:
        scenario = Scenario("x", config)
    except ValidationError as refused:
        # rare: every group weight 0, or all criteria of a weighted group 0
        assume("wegen 0" not in str(refused) and "groepsgewichten zijn 0" not in str(refused))
        raise
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
