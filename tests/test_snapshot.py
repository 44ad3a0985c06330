"""The embedded snapshot and the order in which data folders are chosen."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from dashboard.config import CACHE_COMPLETE_FILE, SNAPSHOT_DIR, data_source
from dashboard.snapshot import build_files, snapshot_info

PROJECT_ROOT = Path(__file__).resolve().parents[1]
SHARED_CBS = PROJECT_ROOT.parent / "shared" / "data" / "cbs"


def test_precedence_env_then_download_cache_then_snapshot(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.delenv("DASHBOARD_CACHE_DIR", raising=False)
    monkeypatch.delenv("DASHBOARD_DATA_DIR", raising=False)
    assert data_source().kind == "ingebouwd"
    assert data_source().path == SNAPSHOT_DIR

    cache = tmp_path / "home" / ".cache" / "arbeidsmarktregio-dashboard" / "cbs"
    cache.mkdir(parents=True)
    (cache / "gemeente_2025.geojson").write_text("{}")  # an unfinished download is not used
    assert data_source().kind == "ingebouwd"
    (cache / CACHE_COMPLETE_FILE).write_text("gemeente_code\n")
    assert (data_source().kind, data_source().path) == ("download", cache)

    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(tmp_path / "elders"))
    assert (data_source().kind, data_source().path) == ("omgeving", tmp_path / "elders")
    assert "DASHBOARD_DATA_DIR" in data_source().description


def test_snapshot_is_small_and_attributed() -> None:
    size = sum(p.stat().st_size for p in SNAPSHOT_DIR.iterdir() if p.is_file())
    assert size <= 600 * 1024
    info = snapshot_info()
    assert info["licence"] == "CC BY 4.0" and "CBS" in info["attribution"]
    assert info["data_date"]
    assert not (SNAPSHOT_DIR / "provincie_2025.geojson").exists()  # only what is used


@pytest.mark.skipif(
    not (SHARED_CBS / "kwb_2024_gemeente.csv").is_file(),
    reason="../shared/data/cbs is niet aanwezig; de momentopname kan niet worden nagebouwd",
)
def test_committed_snapshot_equals_a_fresh_rebuild() -> None:
    fresh = build_files(SHARED_CBS)
    committed = {p.name: p.read_bytes() for p in SNAPSHOT_DIR.iterdir() if p.is_file()}
    assert sorted(fresh) == sorted(committed)
    for name, data in fresh.items():
        assert data == committed[name], f"{name} wijkt af; maak de momentopname opnieuw"


def test_without_any_data_folder_the_snapshot_serves_map_and_profile(tmp_path: Path) -> None:
    """A new user's machine: no DASHBOARD_DATA_DIR, an empty cache (HOME in a temporary
    folder), run from a folder without ../shared."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DASHBOARD_DATA_DIR", "DASHBOARD_CACHE_DIR", "XDG_CACHE_HOME")
    }
    env["HOME"] = str(tmp_path / "home")
    env["PYTHONPATH"] = str(PROJECT_ROOT / "src")
    work = tmp_path / "ergens" / "diep"
    work.mkdir(parents=True)
    script = (
        "from dashboard.config import data_source; from dashboard.maps import build_map_layers;"
        "print(data_source().kind, len(build_map_layers().regions_geojson['features']))"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], env=env, cwd=work, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["ingebouwd", "35"]
    profile = subprocess.run(
        [sys.executable, "-m", "dashboard", "profile", "AM34", "AM19", "--formaat", "json"],
        env=env,
        cwd=work,
        capture_output=True,
        text=True,
    )
    assert profile.returncode == 0, profile.stderr
    doc = json.loads(profile.stdout)
    zhc = doc["regions"][0]["indicators"]
    assert zhc["bijstand"]["value"] == 6750
    assert zhc["bijstand_per_1000"]["sources"] == ["cbs_kwb_2024_bijstand"]
    assert doc["regions"][1]["indicators"]["bedrijfsvestigingen"]["value"] > 0
