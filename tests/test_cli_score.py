"""``python -m dashboard score``: output format, and exit 2 with one Dutch line for bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard.cli import main
from dashboard.commands.score import load_problem, parse_weights
from dashboard.core.errors import DashboardError

ISSUE_EXAMPLE = {
    "groups": {"werkgevers": 2},
    "criteria": {"wz04": 0.5},
    "scale": {"-/-": -1},
    "ratings": {"gu08": {"V3": "+/-"}},
}


def run_cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    try:
        code = main(["score", *args])
    except SystemExit as stop:  # argparse errors exit directly (code 2, one Dutch line)
        code = int(stop.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_default_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli([], capsys)
    assert code == 0 and err == ""
    data = json.loads(out)
    assert [v["id"] for v in data["variants"]] == ["V1", "V2", "V3"]
    v1 = data["variants"][0]
    assert set(v1) >= {"id", "name", "score", "score_0_100", "rank", "group_scores"}
    assert v1["score"] == pytest.approx(4.3 / 3)
    assert v1["rank"] == 1 and v1["name"] == "Variant 1"
    assert set(v1["group_scores"]) == {"gemeenten_uwv", "werkgevers", "werkzoekenden"}
    assert data["dominance"] == [["V1", "V2"]]
    assert len(data["weights"]["effective"]) == 21
    assert data["weights"]["group_shares"]["werkgevers"] == pytest.approx(1 / 3)


def test_issue_example_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Werkgevers weigh 2 of 4; within werkzoekenden wz04 weighs 0.5 of 3.5; '-/-' = -1;
    Branding of V3 becomes '+/-'. V3 werkzoekenden = (-1×1 + 0 + 1 + 1×0.5)/3.5 = 0.5/3.5."""
    path = tmp_path / "weging.json"
    path.write_text(json.dumps(ISSUE_EXAMPLE), encoding="utf-8")
    code, out, _ = run_cli(["--weging", str(path)], capsys)
    assert code == 0
    data = json.loads(out)
    v3 = next(v for v in data["variants"] if v["id"] == "V3")
    assert v3["group_scores"]["werkzoekenden"] == pytest.approx(0.5 / 3.5)
    assert v3["group_scores"]["gemeenten_uwv"] == pytest.approx(0.4)
    assert data["weights"]["group_shares"] == pytest.approx(
        {"gemeenten_uwv": 0.25, "werkgevers": 0.5, "werkzoekenden": 0.25}
    )
    assert data["overrides"][0]["handreiking"] == "-"


def test_table_format(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(["--formaat", "tabel"], capsys)
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split()[:2] == ["Plaats", "Variant"]
    assert "Variant 1" in lines[2] and "1,433" in lines[2]
    assert "Met deze weging scoort Variant 1 het hoogst" in out
    assert "geen weging" in out
    assert "Aanname" in out


def test_stdin(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO('{"groups": {"werkzoekenden": 0}}'))
    code, out, _ = run_cli(["--weging", "-"], capsys)
    assert code == 0
    assert json.loads(out)["weights"]["group_shares"]["werkzoekenden"] == 0


BAD_FILES = {
    "kapotte JSON": ("{", "geen geldige JSON"),
    "lijst": ("[1, 2]", "JSON-object"),
    "NaN": ('{"groups": {"werkgevers": NaN}}', "NaN"),
    "Infinity": ('{"groups": {"werkgevers": Infinity}}', "Infinity"),
    "te groot": ('{"groups": {"werkgevers": 1e999}}', "eindig"),
    "onbekende groep": ('{"groups": {"burgers": 1}}', "onbekende groep"),
    "onbekend criterium": ('{"criteria": {"gu99": 1}}', "onbekend criterium"),
    "onbekende variant": ('{"ratings": {"gu01": {"V9": "+"}}}', "onbekende variant"),
    "onbekend teken": ('{"ratings": {"gu01": {"V1": "+++"}}}', "onbekend oordeel"),
    "tekst als gewicht": ('{"groups": {"werkgevers": "2"}}', "geen getal"),
    "negatief": ('{"criteria": {"wz04": -0.5}}', "negatief"),
    "alles 0": ('{"groups": {"gemeenten_uwv": 0, "werkgevers": 0, "werkzoekenden": 0}}', "0"),
    "schaal niet monotoon": ('{"scale": {"+": 3}}', "volgorde"),
    "onbekend veld": ('{"gewichten": {}}', "onbekend veld"),
    "leeg bestand": ("", "geen geldige JSON"),
}


@pytest.mark.parametrize(("content", "words"), BAD_FILES.values(), ids=BAD_FILES.keys())
def test_bad_files_exit_2_with_one_dutch_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, words: str
) -> None:
    path = tmp_path / "weging.json"
    path.write_text(content, encoding="utf-8")
    code, out, err = run_cli(["--weging", str(path)], capsys)
    assert code == 2
    assert out == ""
    assert err.startswith("Fout: ") and err.count("\n") == 1
    assert words in err


def test_unreadable_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for args, words in (
        (["--weging", str(tmp_path / "bestaat-niet.json")], "bestaat niet"),
        (["--weging", str(tmp_path)], "is een map"),
        (["--formaat", "xml"], "ongeldige invoer"),
    ):
        code, _, err = run_cli(args, capsys)
        assert code == 2, args
        assert err.startswith("Fout: ") and err.count("\n") == 1 and words in err
    binary = tmp_path / "binair.json"
    binary.write_bytes(b"\xff\xfe\x00")
    code, _, err = run_cli(["--weging", str(binary)], capsys)
    assert code == 2 and "UTF-8" in err


def test_real_process_exit_code_and_no_traceback(tmp_path: Path) -> None:
    path = tmp_path / "weging.json"
    path.write_text('{"scale": {"+": 5}}', encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "dashboard", "score", "--weging", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1


# --- hypothesis: the validator never raises anything but a Dutch DashboardError ------------
json_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**500), max_value=10**500),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=6),
    st.sampled_from(["++", "+", "+/-", "-", "-/-", "−", "+/−"]),
)
keys = st.one_of(
    st.sampled_from(
        ["groups", "criteria", "scale", "ratings", "reasons", "gemeenten_uwv", "werkgevers",
         "werkzoekenden", "gu01", "gu08", "wz04", "V1", "V3", "++", "+", "-/-", "+/-"]
    ),
    st.text(max_size=5),
)  # fmt: skip
json_values = st.recursive(
    json_scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=3), st.dictionaries(keys, children, max_size=4)
    ),
    max_leaves=12,
)
weights_like = st.fixed_dictionaries(
    {},
    optional={
        "groups": st.dictionaries(keys, json_scalars, max_size=4),
        "criteria": st.dictionaries(keys, json_scalars, max_size=4),
        "scale": st.dictionaries(keys, json_scalars, max_size=5),
        "ratings": st.dictionaries(keys, st.dictionaries(keys, json_scalars, max_size=3)),
        "reasons": json_values,
    },
)


def _check(text: str) -> None:
    try:
        problem = load_problem_from_text(text)
    except DashboardError as err:
        assert str(err).strip(), "an error must carry a Dutch message"
        assert "\n" not in str(err)
    else:
        assert problem is not None


def load_problem_from_text(text: str):  # type: ignore[no-untyped-def]
    from dashboard.mcda.scoring import problem_from_mapping

    return problem_from_mapping(parse_weights(text))


@pytest.mark.slow
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(weights_like, json_values))
def test_validator_never_raises_unhandled_on_json(data: object) -> None:
    _check(json.dumps(data, allow_nan=True))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_validator_never_raises_unhandled_on_text(text: str) -> None:
    _check(text)


def test_load_problem_defaults() -> None:
    assert load_problem(None).weights.groups == {}
