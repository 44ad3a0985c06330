"""The on-disk cache of derived data is keyed on the source files and never served stale."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from dashboard import derived_cache
from dashboard.maps import build_map_layers
from dashboard.regions import load_region_index


def test_round_trip_and_misses(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DASHBOARD_CACHE_DIR", str(tmp_path))
    assert derived_cache.load("x", [1]) is None
    derived_cache.store("x", [1], {"a": [1, 2]})
    assert derived_cache.load("x", [1]) == {"a": [1, 2]}
    assert derived_cache.load("x", [2]) is None


def test_corrupt_entry_is_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DASHBOARD_CACHE_DIR", str(tmp_path))
    derived_cache.store("x", [1], {"a": 1})
    for path in (tmp_path / "derived").glob("*.json"):
        path.write_text("{kapot", encoding="utf-8")
    assert derived_cache.load("x", [1]) is None


def test_unwritable_cache_is_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("DASHBOARD_CACHE_DIR", str(blocker))  # a file, not a folder
    derived_cache.store("x", [1], {"a": 1})  # no exception


def test_changed_source_file_is_derived_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cbs_dir: Path
) -> None:
    monkeypatch.setenv("DASHBOARD_CACHE_DIR", str(tmp_path / "cache"))
    data = tmp_path / "data"
    data.mkdir()
    for name in ("arbeidsmarktregio_2025.topojson", "gemeente_2025.topojson"):
        shutil.copy(cbs_dir / name, data / name)
    first = load_region_index(2025, data)
    layers = build_map_layers(2025, data)
    assert len(list((tmp_path / "cache" / "derived").glob("*.json"))) == 2
    stat = (data / "gemeente_2025.topojson").stat()
    os.utime(data / "gemeente_2025.topojson", ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
    second = load_region_index(2025, data)
    assert second == first
    assert build_map_layers(2025, data).names == layers.names
    assert len(list((tmp_path / "cache" / "derived").glob("*.json"))) == 4
