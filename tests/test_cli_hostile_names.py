"""Names from a data folder reach the terminal as text: ``regions``, ``profile`` and ``overstap``
show control characters as visible escapes, never as commands to the terminal."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.hostile_data import TERMINAL_NAMES, make_hostile_data

#: what a terminal would act on: ESC, BEL, and the right-to-left override
ACTING = ("\x1b", "\x07", "\u202e")


@pytest.fixture(scope="module")
def terminal_data(cbs_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_hostile_data(cbs_dir, tmp_path_factory.mktemp("cbs-terminal"), TERMINAL_NAMES)


def run(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DASHBOARD_DATA_DIR": str(data)}
    return subprocess.run(
        [sys.executable, "-m", "dashboard", *args],
        capture_output=True, text=True, env=env, timeout=180,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("argv", "shown"),
    [
        (("regions",), "Holland Rijnland\\x1b]0;gehackt\\x07\\x1b[2J"[:32]),
        (("profile", "AM19"), "Holland Rijnland\\x1b]0;gehackt\\x07\\x1b[2J"),
        (("profile", "AM19"), "Leiden\\x1b]0;gehackt\\x07\\x1b[2J\\u202e"),
        (("overstap", "--gemeente", "GM0546", "--naar", "AM34"), "Leiden\\x1b]0;gehackt"),
        (("overstap", "--gemeente", "GM0626", "--naar", "AM19"), "Holland Rijnland\\x1b]0;"),
    ],
)
def test_table_output_shows_control_characters_as_escapes(
    terminal_data: Path, argv: tuple[str, ...], shown: str
) -> None:
    result = run(terminal_data, *argv)
    assert result.returncode == 0, result.stderr
    assert not any(c in result.stdout for c in ACTING), result.stdout[:400]
    assert shown in result.stdout


def test_json_output_keeps_the_names_as_data(terminal_data: Path) -> None:
    """JSON is for programs: the name stays the name, its control and direction characters
    written as JSON escapes (``\\u202e``)."""
    import json

    result = run(terminal_data, "regions", "--formaat", "json")
    assert result.returncode == 0, result.stderr
    assert not any(c in result.stdout for c in ACTING), result.stdout[:400]
    names = {r["code"]: r["name"] for r in json.loads(result.stdout)["regions"]}
    assert names["AM19"] == TERMINAL_NAMES["AM19"]
    gemeenten = {
        g["code"]: g["name"] for r in json.loads(result.stdout)["regions"] for g in r["gemeenten"]
    }
    assert gemeenten["GM0546"] == TERMINAL_NAMES["GM0546"]  # with its right-to-left override


@pytest.mark.parametrize(
    "argv", [("profile", "AM19"), ("overstap", "--gemeente", "GM0546", "--naar", "AM34")]
)
def test_json_of_profile_and_overstap_cannot_drive_the_terminal(
    terminal_data: Path, argv: tuple[str, ...]
) -> None:
    import json

    result = run(terminal_data, *argv, "--formaat", "json")
    assert result.returncode == 0, result.stderr
    assert not any(c in result.stdout for c in ACTING), result.stdout[:400]

    def strings(value: object) -> list[str]:
        if isinstance(value, dict):
            return [s for v in value.values() for s in strings(v)]
        if isinstance(value, list):
            return [s for v in value for s in strings(v)]
        return [value] if isinstance(value, str) else []

    assert TERMINAL_NAMES["GM0546"] in strings(json.loads(result.stdout))  # the name as it is


def test_the_one_error_line_shows_names_from_data_as_escapes(terminal_data: Path) -> None:
    """A refusal that quotes a name from data stays one visible line on stderr."""
    result = run(terminal_data, "overstap", "--gemeente", "GM0546", "--naar", "AM19")
    assert result.returncode == 2
    assert not any(c in result.stderr for c in ACTING), result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Fout:"), lines
    assert "Holland Rijnland\\x1b]0;gehackt" in lines[0]
