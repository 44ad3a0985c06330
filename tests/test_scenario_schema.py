"""The scenario JSON file format: round trip, hostile imports, and hypothesis.

Whatever is uploaded, :func:`scenario_from_json` either returns a valid :class:`Scenario` or
raises one Dutch :class:`ValidationError` naming the field.
"""

from __future__ import annotations

import json
import math
from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard.core.errors import ValidationError
from dashboard.scenarios import Scenario
from dashboard.scenarios.schema import (
    MAX_BYTES,
    scenario_from_json,
    scenario_to_dict,
    scenario_to_json,
)


def doc(**scenario) -> dict:
    return {
        "format": "dashboard-scenario",
        "schema_version": 1,
        "scenario": {"name": "x", **scenario},
    }


def dumps(value) -> str:
    return json.dumps(value, allow_nan=True)


def test_round_trip_is_exact() -> None:
    original = Scenario(
        "Raad <script>alert('x')</script> & co",
        {
            "groups": {"werkgevers": 2.5, "gemeenten_uwv": 1},
            "criteria": {"wz04": 0.1 + 0.2},
            "scale": {"++": 3.0, "-/-": -3.0},
            "ratings": {"gu08": {"V3": "++"}},
            "reasons": {"gu08": {"V3": "<img src=x onerror=alert(1)>"}},
        },
        {"gemeente": "GM0626", "naar": "AM19", "budgets": {"AM19": 1e6}, "frictiekosten": None},
        author="Wethouder É. Ünal",
        note="Regel 1\nRegel 2\t<b>vet</b>",
        data_year=2024,
        created=datetime(2026, 3, 1, 10, 0, tzinfo=UTC),
        updated=datetime(2026, 3, 2, 11, 30, 15, 123456, tzinfo=UTC),
    )
    text = scenario_to_json(original)
    back = scenario_from_json(text)
    assert back == original
    assert back.problem_config["criteria"]["wz04"] == 0.1 + 0.2  # floats bit-exact
    assert scenario_from_json(text.encode("utf-8")) == original
    assert scenario_from_json(b"\xef\xbb\xbf" + text.encode("utf-8")) == original  # BOM


def test_minimal_file() -> None:
    s = scenario_from_json(dumps(doc()))
    assert s.name == "x" and s.problem_config == {} and s.overstap == {}


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        # wrong types
        (doc(name=5), "scenario.name: moet tekst zijn"),
        (doc(weights=[]), "scenario.weights: moet een object zijn"),
        (doc(weights={"groups": {"werkgevers": "2"}}), "scenario.weights.groups.werkgevers"),
        (doc(weights={"groups": {"werkgevers": True}}), "moet een getal zijn"),
        (doc(data_year="2025"), "scenario.data_year: moet een geheel getal zijn"),
        (doc(data_year=2025.5), "scenario.data_year"),
        (doc(weights={"ratings": {"gu08": {"V3": "+++"}}}), "scenario.weights.ratings.gu08.V3"),
        (doc(overstap={"key": "alles"}), "scenario.overstap.key"),
        (doc(overstap={"gemeente": "Voorschoten"}), "scenario.overstap.gemeente"),
        ({"format": "iets anders", "schema_version": 1, "scenario": {"name": "x"}}, "format"),
        ({"format": "dashboard-scenario", "schema_version": 99, "scenario": {}}, "schema_version"),
        ([1, 2, 3], "bestand: moet een object zijn"),
        ("tekst", "bestand: moet een object zijn"),
        # unknown fields
        ({**doc(), "extra": 1}, "extra: onbekend veld"),
        (doc(admin=True), "scenario.admin: onbekend veld"),
        (doc(weights={"groups": {}, "bonus": {}}), "scenario.weights.bonus: onbekend veld"),
        (doc(overstap={"wachtwoord": "x"}), "scenario.overstap.wachtwoord: onbekend veld"),
        # unknown codes, invalid weighting as a whole
        (doc(weights={"groups": {"bestuur": 1}}), "onbekende groep 'bestuur'"),
        (doc(weights={"criteria": {"zz99": 1}}), "onbekend criterium"),
        (
            doc(weights={"groups": {"gemeenten_uwv": 0, "werkgevers": 0, "werkzoekenden": 0}}),
            "alle groepsgewichten zijn 0",
        ),
        (doc(weights={"scale": {"++": -5}}), "scenario.weights: schaal"),
        # numbers
        (doc(weights={"groups": {"werkgevers": -1}}), "moet minstens 0 zijn"),
        (doc(weights={"groups": {"werkgevers": 1e300}}), "mag hoogstens"),
        (doc(weights={"groups": {"werkgevers": 10**400}}), "scenario.weights.groups.werkgevers"),
        (doc(overstap={"budgets": {"AM19": 1e13}}), "scenario.overstap.budgets.AM19"),
        # text lengths and control characters
        (doc(name=""), "scenario.name: mag niet leeg zijn"),
        (doc(name="n" * 101), "scenario.name: tekst is te lang (hoogstens 100 tekens)"),
        (doc(note="n" * 2001), "scenario.note: tekst is te lang"),
        (doc(name="a\u0000b"), "stuurteken"),
        (doc(created="gisteren"), "scenario.created"),
        # too many entries
        (doc(weights={"criteria": {f"c{i}": 1 for i in range(201)}}), "te veel onderdelen"),
    ],
)
def test_hostile_content_rejected_with_dutch_message(content, expected: str) -> None:
    with pytest.raises(ValidationError) as caught:
        scenario_from_json(dumps(content))
    assert expected in str(caught.value)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            '{"format": "dashboard-scenario", "schema_version": 1, "scenario": {"name": "x", '
            '"weights": {"groups": {"werkgevers": NaN}}}}',
            "NaN is geen geldig getal",
        ),
        (
            '{"format": "dashboard-scenario", "schema_version": 1, "scenario": {"name": "x", '
            '"weights": {"groups": {"werkgevers": Infinity}}}}',
            "Infinity is geen geldig getal",
        ),
        (
            '{"format": "dashboard-scenario", "schema_version": 1, "scenario": {"name": "x", '
            '"weights": {"groups": {"werkgevers": 1e999}}}}',
            "eindig getal",
        ),
        ('{"a": 1, "a": 2}', "staat er twee keer in"),
        ('{"format": ', "geen geldige JSON (fout op regel 1"),
        ("", "geen geldige JSON"),
        ("[" * 100_000 + "]" * 100_000, "te diep genest"),
        ('{"a":' * 20 + "1" + "}" * 20, "te diep genest"),
        ('{"x": ' + "9" * 5000 + "}", "te veel cijfers"),
    ],
    ids=[
        "nan",
        "infinity",
        "overflow",
        "dubbel",
        "afgebroken",
        "leeg",
        "diep-lijst",
        "diep-object",
        "lang-getal",
    ],
)
def test_malformed_json_rejected(raw: str, expected: str) -> None:
    with pytest.raises(ValidationError, match=expected.replace("(", r"\(")):
        scenario_from_json(raw)


def test_ten_megabyte_file_rejected_before_parsing() -> None:
    big = json.dumps(doc(note="x" * 100)).encode() + b" " * (10 * 1024 * 1024)
    with pytest.raises(ValidationError, match=r"groter dan 1 MB \(10,5 MB\)"):
        scenario_from_json(big)
    with pytest.raises(ValidationError, match="1 MB"):
        scenario_from_json(b"x" * (MAX_BYTES + 1))


def test_invalid_utf8_rejected() -> None:
    with pytest.raises(ValidationError, match="geen UTF-8"):
        scenario_from_json(b'{"name": "\xff\xfe"}')


def test_html_in_names_and_notes_kept_verbatim() -> None:
    """Escaping is the page's job; the data keeps exactly what the user typed."""
    s = scenario_from_json(dumps(doc(name="<b>x</b>", note="<script>alert(1)</script>")))
    assert s.name == "<b>x</b>" and s.note == "<script>alert(1)</script>"


def test_export_is_plain_json() -> None:
    d = scenario_to_dict(Scenario("a", {"groups": {"werkgevers": 2}}))
    assert json.loads(json.dumps(d, allow_nan=False)) == d


# --- hypothesis -------------------------------------------------------------------------------
json_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from(["++", "+", "+/-", "-", "-/-", "werkgevers", "gu01", "V3", "AM19", "GM0626"]),
)
json_values = st.recursive(
    json_scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(
            st.one_of(
                st.text(max_size=12),
                st.sampled_from(
                    [
                        "name",
                        "weights",
                        "groups",
                        "criteria",
                        "scale",
                        "ratings",
                        "overstap",
                        "budgets",
                        "werkgevers",
                        "gu08",
                        "V3",
                        "note",
                        "created",
                    ]
                ),
            ),
            children,
            max_size=4,
        ),
    ),
    max_leaves=25,
)
scenario_bodies = st.fixed_dictionaries(
    {"name": st.one_of(st.text(max_size=120), json_values)},
    optional={
        "author": json_values,
        "note": st.one_of(st.text(max_size=50), json_values),
        "weights": st.one_of(
            json_values,
            st.fixed_dictionaries(
                {},
                optional={
                    "groups": st.dictionaries(
                        st.sampled_from(["gemeenten_uwv", "werkgevers", "werkzoekenden", "x"]),
                        json_scalars,
                    ),
                    "criteria": st.dictionaries(
                        st.sampled_from(["gu01", "wz04", "zz"]), json_scalars
                    ),
                    "scale": st.dictionaries(
                        st.sampled_from(["++", "+", "-/-", "?"]), json_scalars
                    ),
                    "ratings": st.dictionaries(
                        st.sampled_from(["gu08", "x"]),
                        st.dictionaries(st.sampled_from(["V1", "V3", "V9"]), json_scalars),
                    ),
                },
            ),
        ),
        "overstap": json_values,
        "data_year": json_scalars,
        "created": json_scalars,
    },
)


def _check(text_or_bytes) -> None:
    try:
        result = scenario_from_json(text_or_bytes)
    except ValidationError as err:
        assert str(err) and "\n" not in str(err)
        return
    assert isinstance(result, Scenario)
    result.problem()  # a returned scenario is always usable


@pytest.mark.parametrize("name", ["\n", "a\u202eb", "x" * 500])
def test_a_field_name_from_the_file_stands_in_one_short_line(name: str) -> None:
    """An unknown field named with a line break, an invisible character or 500 letters: the
    message stays one line and short, the name quoted (found by the generated documents below)."""
    body = {"name": "0", "overstap": {name: None}}
    with pytest.raises(ValidationError) as caught:
        scenario_from_json(
            dumps({"format": "dashboard-scenario", "schema_version": 1, "scenario": body})
        )
    message = str(caught.value)
    assert "\n" not in message and "\u202e" not in message and len(message) < 120, message
    assert message.endswith("onbekend veld; dat is niet toegestaan"), message


@pytest.mark.slow
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=scenario_bodies)
def test_generated_documents_never_raise_anything_else(body) -> None:
    _check(dumps({"format": "dashboard-scenario", "schema_version": 1, "scenario": body}))


@settings(max_examples=100, deadline=None)
@given(value=json_values)
def test_generated_json_never_raises_anything_else(value) -> None:
    _check(dumps(value))


@settings(max_examples=100, deadline=None)
@given(data=st.binary(max_size=300))
def test_generated_bytes_never_raise_anything_else(data: bytes) -> None:
    _check(data)


@settings(max_examples=100, deadline=None)
@given(
    weight=st.floats(min_value=0, max_value=1e9, allow_nan=False),
    other=st.floats(min_value=0.001, max_value=1e6, allow_nan=False),
)
def test_valid_weights_round_trip(weight: float, other: float) -> None:
    s = Scenario("h", {"groups": {"werkgevers": weight, "werkzoekenden": other}})
    back = scenario_from_json(scenario_to_json(s))
    assert back.problem_config == s.problem_config
    assert all(math.isfinite(v) for v in back.problem_config["groups"].values())
