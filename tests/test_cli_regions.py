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
