"""A non-editable install works outside the checkout: the package finds its own data files."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SKIP = shutil.ignore_patterns(
    ".git", "node_modules", ".cache", "var", "build", "*.egg-info", "__pycache__", ".*_cache",
    "test-artifacts", "tests", "benchmarks",
)  # fmt: skip


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``pip install --target`` of a copy of the checkout (the checkout itself stays clean)."""
    base = tmp_path_factory.mktemp("install")
    source, target = base / "source", base / "site"
    shutil.copytree(ROOT, source, ignore=SKIP)
    build = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps",
         "--disable-pip-version-check", "--target", str(target), str(source)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert build.returncode == 0, build.stderr[-3000:]
    return target


def run_installed(target: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DASHBOARD_", "XDG_")) and k != "PYTHONPATH"
    }
    env |= {"PYTHONPATH": str(target), "HOME": str(cwd)}
    return subprocess.run(
        [sys.executable, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120
    )


@pytest.mark.slow
def test_installed_package_runs_from_another_folder(installed: Path, tmp_path: Path) -> None:
    where = run_installed(installed, tmp_path, "-c", "import dashboard; print(dashboard.__file__)")
    assert where.stdout.startswith(str(installed)), where.stdout + where.stderr
    regions = run_installed(installed, tmp_path, "-m", "dashboard", "regions", "--formaat", "json")
    assert regions.returncode == 0, regions.stderr
    assert len(json.loads(regions.stdout)["regions"]) == 35
    # criteria and region facts come from the project's data/ folder, shipped inside the package
    score = run_installed(installed, tmp_path, "-m", "dashboard", "score")
    assert score.returncode == 0, score.stderr
    profile = run_installed(installed, tmp_path, "-m", "dashboard", "profile", "AM34", "AM19")
    assert profile.returncode == 0, profile.stderr
    assert not list(tmp_path.iterdir()) or not (tmp_path / "var").exists()
