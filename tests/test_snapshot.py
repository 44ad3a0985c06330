"""The embedded snapshot and the order in which data folders are chosen."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from dashboard.cli import main
from dashboard.core.config import CACHE_COMPLETE_FILE, SNAPSHOT_DIR, data_source
from dashboard.data.artefacts import FILE_NAME, FORMAT_VERSION
from dashboard.data.embedded import snapshot_info
from dashboard.data.snapshot import build_files
from dashboard.presentation.maps.first_look import build

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
    """The data and what the code derives from them now (the Kaart's choices and default map):
    a change to the map's drawing fails here until the snapshot is rebuilt (CONTRIBUTING)."""
    fresh = build_files(SHARED_CBS, derive=build)
    committed = {p.name: p.read_bytes() for p in SNAPSHOT_DIR.iterdir() if p.is_file()}
    assert sorted(fresh) == sorted(committed)
    assert FILE_NAME in committed
    for name, data in fresh.items():
        assert data == committed[name], (
            f"{name} wijkt af; maak de momentopname opnieuw: "
            "python -m dashboard data snapshot --uit ../shared/data/cbs"
        )


def test_the_contents_list_names_the_derived_file_its_format_and_sources() -> None:
    derived = snapshot_info()["derived"][FILE_NAME]
    assert derived["format"] == FORMAT_VERSION
    assert derived["derived_from"] == sorted(
        p.name for p in SNAPSHOT_DIR.iterdir() if p.is_file() and p.suffix in (".csv", ".geojson")
    )
    assert FILE_NAME in snapshot_info()["files"]  # its sum is checked like the data's


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
        "from dashboard.core.config import data_source; "
        "from dashboard.presentation.maps import build_map_layers; "
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


# --- the output folder of ``data snapshot`` and ``data download`` ---------------------------------
needs_shared = pytest.mark.skipif(
    not (SHARED_CBS / "kwb_2024_gemeente.csv").is_file(),
    reason="../shared/data/cbs is niet aanwezig",
)


def _source(tmp_path: Path) -> Path:
    """A copy of the CBS folder the snapshot is built from."""
    source = tmp_path / "bron"
    shutil.copytree(SHARED_CBS, source)
    return source


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def _one_dutch_line(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and err.startswith("Fout: "), err
    assert "Error" not in err and "Traceback" not in err
    return err


@needs_shared
def test_snapshot_into_a_folder_of_other_files_is_refused(tmp_path: Path, capsys) -> None:
    """Regression: ``write_snapshot`` deleted every other file in the target folder."""
    target = tmp_path / "elders"
    target.mkdir()
    (target / "notities.txt").write_text("van mij")
    assert main(["data", "snapshot", "--uit", str(SHARED_CBS), "--uitvoer", str(target)]) == 2
    assert "andere bestanden" in _one_dutch_line(capsys)
    assert _files(target) == {"notities.txt": b"van mij"}


@needs_shared
def test_snapshot_with_the_source_as_target_is_refused(tmp_path: Path, capsys) -> None:
    """Regression: with the source folder as target the source files were destroyed."""
    source = _source(tmp_path)
    before = _files(source)
    assert main(["data", "snapshot", "--uit", str(source), "--uitvoer", str(source)]) == 2
    assert "bronmap" in _one_dutch_line(capsys)
    assert _files(source) == before
    assert main(["data", "snapshot", "--uit", str(source), "--uitvoer", str(source / "sub")]) == 2
    assert "bronmap" in _one_dutch_line(capsys)


@needs_shared
def test_snapshot_never_writes_through_a_symlink(tmp_path: Path, capsys) -> None:
    victim = tmp_path / "slachtoffer.txt"
    victim.write_text("blijft")
    target = tmp_path / "momentopname"
    target.mkdir()
    (target / "SNAPSHOT.json").write_text("{}")
    (target / "gemeente_2025.geojson").symlink_to(victim)
    assert main(["data", "snapshot", "--uit", str(SHARED_CBS), "--uitvoer", str(target)]) == 2
    assert "symbolische koppeling" in _one_dutch_line(capsys)
    assert victim.read_text() == "blijft"
    link = tmp_path / "koppeling"
    link.symlink_to(target, target_is_directory=True)
    assert main(["data", "snapshot", "--uit", str(SHARED_CBS), "--uitvoer", str(link)]) == 2
    assert "symbolische koppeling" in _one_dutch_line(capsys)


@needs_shared
def test_snapshot_replaces_only_its_own_files(tmp_path: Path, capsys) -> None:
    """An earlier snapshot is renewed: its files replaced, a file it listed and the new one
    does not removed, every other file kept; no staging folder left.

    The earlier snapshot is a copy of the committed one, which
    ``test_committed_snapshot_equals_a_fresh_rebuild`` holds equal to a fresh build; so the
    renewed folder must hold exactly the committed files again (and the reader's own file)."""
    target = tmp_path / "momentopname"
    shutil.copytree(SNAPSHOT_DIR, target)
    fresh = _files(target)
    meta = json.loads((target / "SNAPSHOT.json").read_text())
    meta["files"]["provincie_2025.geojson"] = "0" * 64  # written by an older version
    (target / "SNAPSHOT.json").write_text(json.dumps(meta))
    (target / "provincie_2025.geojson").write_text("{}")
    (target / "LEESMIJ.txt").write_text("van mij")
    (target / "gemeente_2025.geojson").write_text("oud")
    assert main(["data", "snapshot", "--uit", str(SHARED_CBS), "--uitvoer", str(target)]) == 0
    assert _files(target) == {**fresh, "LEESMIJ.txt": b"van mij"}
    assert not [p for p in target.iterdir() if p.name.startswith(".")]


def test_snapshot_flag_is_documented(capsys) -> None:
    with pytest.raises(SystemExit):
        main(["data", "snapshot", "--help"])
    assert "--uitvoer" in capsys.readouterr().out


@pytest.mark.parametrize("kind", ["device", "file", "foreign"])
def test_download_refuses_a_bad_output_folder_before_any_request(
    tmp_path: Path, capsys, kind: str
) -> None:
    """Regression: ``--uitvoer /dev/null`` ended in ``FileExistsError … '/dev/null'``."""
    if kind == "device":
        target = Path("/dev/null")
    elif kind == "file":
        target = tmp_path / "bestand.txt"
        target.write_text("x")
    else:
        target = tmp_path / "thuis"
        target.mkdir()
        (target / "brief.docx").write_text("x")
    # an unreachable service: a refusal must come before any request is tried
    args = ["data", "download", "--uitvoer", str(target), "--pdok-url", "http://127.0.0.1:9/x"]
    assert main(args) == 2
    err = _one_dutch_line(capsys)
    assert "niet bereikbaar" not in err and "FileExistsError" not in err
    if kind == "foreign":
        assert _files(target) == {"brief.docx": b"x"}


def test_an_edited_snapshot_file_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Regression: SNAPSHOT.json lists a sha256 per file that nothing checked; an edited
    inwoners figure in the embedded snapshot went unnoticed."""
    copy = tmp_path / "snapshot"
    shutil.copytree(SNAPSHOT_DIR, copy)
    monkeypatch.setattr("dashboard.core.config.SNAPSHOT_DIR", copy)
    monkeypatch.delenv("DASHBOARD_DATA_DIR", raising=False)
    monkeypatch.setenv("DASHBOARD_CACHE_DIR", str(tmp_path / "cache"))
    assert data_source().path == copy
    assert main(["regions", "--formaat", "json"]) == 0
    capsys.readouterr()
    figures = copy / "gemeente_kerncijfers.csv"
    lines = figures.read_text(encoding="utf-8").splitlines(keepends=True)
    fields = lines[1].split(",")
    fields[3] = str(int(float(fields[3])) + 1000)  # inwoners
    lines[1] = ",".join(fields)
    figures.write_text("".join(lines), encoding="utf-8")
    assert main(["regions", "--formaat", "json"]) == 2
    err = _one_dutch_line(capsys)
    assert "momentopname is beschadigd" in err and "gemeente_kerncijfers.csv" in err
