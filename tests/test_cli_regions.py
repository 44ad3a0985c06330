"""``python -m dashboard regions`` as a user runs it (subprocess), and its error handling."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.census import Census


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "dashboard", *args],
        capture_output=True, text=True, env={**os.environ, **(env or {})}, timeout=120,
    )  # fmt: skip


def test_regions_json(census: Census) -> None:
    result = run("regions", "--formaat", "json")
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["year"] == 2025
    assert len(doc["regions"]) == 35
    zhc = next(r for r in doc["regions"] if r["code"] == "AM34")
    assert zhc["name"] == "Zuid-Holland Centraal"
    assert {"code": "GM0626", "name": "Voorschoten"} in zhc["gemeenten"]
    assert len(zhc["gemeenten"]) == 6
    assert zhc["inwoners"] == census.region("AM34")  # the latest year with inwoners
    assert sum(r["inwoners"] for r in doc["regions"]) == census.total()


def test_missing_data_exit_2_one_dutch_line(tmp_path: Path) -> None:
    result = run("regions", "--formaat", "json", env={"DASHBOARD_DATA_DIR": str(tmp_path / "weg")})
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Fout:") and "DASHBOARD_DATA_DIR" in lines[0]
    assert result.stdout == ""


def test_bad_argument_exit_2_one_line() -> None:
    result = run("regions", "--formaat", "xml")
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1


def test_the_table_writes_inwoners_as_every_page_does(monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    """The text table formatted its own thousands ("f'{n:,}'.replace") and wrote a missing
    figure as "n.b."; it now uses the one formatter: "1.234.567", "niet beschikbaar"."""
    from dashboard.cli import main

    regions = [
        {"code": "AM01", "name": "Een", "gemeenten": [{}], "inwoners": 1_234_567},
        {"code": "AM02", "name": "Twee", "gemeenten": [{}, {}], "inwoners": None},
    ]
    monkeypatch.setattr(
        "dashboard.commands.regions.regions_payload", lambda year: {"regions": regions}
    )
    assert main(["regions"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[1].endswith(" 1.234.567") and lines[2].endswith(" niet beschikbaar"), lines
    assert len({len(line) for line in lines}) == 1  # the columns line up
