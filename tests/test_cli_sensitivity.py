"""``python -m dashboard sensitivity``: its JSON, Dutch text, exit 2 for bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from dashboard.cli import main

SMALL = ["--aantal", "2000"]


def run_cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    try:
        code = main(["sensitivity", *args])
    except SystemExit as stop:  # argparse errors exit directly (code 2, one Dutch line)
        code = int(stop.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_json_has_the_keys_of_the_issue(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli([*SMALL, "--startwaarde", "3", "--formaat", "json"], capsys)
    assert code == 0 and err == ""
    data = json.loads(out)
    assert list(data)[:8] == [
        "winner", "one_way", "acceptability", "central_weights", "samples", "seed",
        "scale_variants", "random_scales",
    ]  # fmt: skip
    assert data["winner"] == "V1" and data["samples"] == 2000 and data["seed"] == 3
    assert len(data["one_way"]) == 24
    first = data["one_way"][0]
    assert first == {
        "kind": "group",
        "id": "gemeenten_uwv",
        "baseline_share": pytest.approx(1 / 3),
        "stays_winner_between": [0.0, 1.0],
        "below": None,
        "above": None,
    }
    assert {o["kind"] for o in data["one_way"]} == {"group", "criterion"}
    assert set(data["acceptability"]) == {"V1", "V2", "V3"}
    assert all(len(p) == 3 for p in data["acceptability"].values())
    assert data["acceptability"]["V2"][0] == 0.0
    assert data["central_weights"]["V2"] is None
    assert set(data["central_weights"]["V1"]) == {"groups", "criteria"}
    assert all(set(s) == {"scale", "winner"} for s in data["scale_variants"])
    assert data["scale_variants"][1]["scale"]["-/-"] == -1


def test_weights_file_and_seed_reproducible(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Crossing of the hand computation in test_sensitivity: werkzoekenden up to 793/1493."""
    path = tmp_path / "w.json"
    path.write_text(json.dumps({"criteria": {"wz04": 10}}), encoding="utf-8")
    args = ["--weging", str(path), *SMALL, "--startwaarde", "9", "--formaat", "json"]
    code, out, _ = run_cli(args, capsys)
    assert code == 0
    data = json.loads(out)
    wz = next(o for o in data["one_way"] if o["id"] == "werkzoekenden")
    assert wz["stays_winner_between"] == [0.0, pytest.approx(793 / 1493)]
    assert wz["above"] == "V3"
    code, again, _ = run_cli(args, capsys)
    assert again == out


def test_text_output_is_dutch(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(SMALL, capsys)
    assert code == 0 and err == ""
    assert "Variant 1 scoort het hoogst in" in out
    assert "van alle denkbare wegingen" in out
    assert "Aanname: de handreiking geeft alleen tekens (++ tot -/-), geen getallen" in out


def test_near_and_group_order(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli([*SMALL, "--rond", "20"], capsys)
    assert code == 0 and "rond de huidige" in out
    order = "werkzoekenden,werkgevers,gemeenten_uwv"
    code, out, _ = run_cli([*SMALL, "--groepsvolgorde", order], capsys)
    assert code == 0 and "met de volgorde werkzoekenden, werkgevers, gemeenten en UWV" in out


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["--aantal", "abc"], "--aantal"),
        (["--aantal", "0"], "--aantal: 0 is kleiner dan 1.000"),
        (["--aantal", "2000000"], "--aantal: 2.000.000 is groter dan 1.000.000"),
        (["--aantal", "99999999"], "--aantal"),
        (["--aantal", "1.5"], "geen geheel getal"),
        (["--startwaarde", "x"], "--startwaarde"),
        (["--startwaarde", "-1"], "--startwaarde: -1 is negatief"),
        # the settings, scenario files and links allow up to 2^31 - 1; the CLI allowed 2^63 - 1
        (["--startwaarde", str(2**31)], "--startwaarde: 2.147.483.648 is groter dan"),
        (["--startwaarde", str(2**64)], "--startwaarde"),
        (["--weging", "/nonexistent/w.json"], "bestaat niet"),
        (["--rond", "0"], "--rond"),
        (["--rond", "abc"], "--rond"),
        (["--rond", "10", "--groepsvolgorde", "werkgevers"], "niet allebei"),
        (["--groepsvolgorde", "werkgevers,x,y"], "onbekende groep"),
        (["--groepsvolgorde", "werkgevers"], "precies één keer"),
        (["--formaat", "xml"], "ongeldige invoer"),
    ],
)
def test_bad_input_exits_2_with_one_dutch_line(
    args: list[str], fragment: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run_cli(args, capsys)
    assert code == 2 and out == ""
    assert err.startswith("Fout:") and err.count("\n") == 1 and fragment in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b"{bad", "geen geldige JSON"),
        (b"[1, 2]", "JSON-object"),
        (b'{"groups": {"werkgevers": -1}}', "negatief"),
        (b'{"groups": {"nope": 1}}', "onbekende groep"),
        (b'{"scale": {"++": -5}}', "volgorde"),
        (b"\xff\xfe\x00", "UTF-8"),
        (b'{"groups": {"werkgevers": NaN}}', "NaN"),
    ],
)
def test_bad_weights_file(
    tmp_path: Path, content: bytes, fragment: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "w.json"
    path.write_bytes(content)
    code, out, err = run_cli(["--weging", str(path), *SMALL], capsys)
    assert code == 2 and out == ""
    assert err.startswith("Fout:") and err.count("\n") == 1 and fragment in err


def test_as_a_real_process() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "dashboard", "sensitivity", "--aantal", "nope"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr.strip().count("\n") == 0 and proc.stderr.startswith("Fout:")
