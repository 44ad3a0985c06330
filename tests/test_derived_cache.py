"""The on-disk cache of derived data is keyed on the source files and never served stale."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from dashboard.data import derived_cache
from dashboard.data.regions import load_region_index
from dashboard.presentation.maps import build_map_layers


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


def test_an_edited_entry_is_a_miss(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Regression: an edited entry (an ``<img onerror>`` appended to the map's SVG) was served
    as it was; now its content sum no longer matches and the value is derived again."""
    monkeypatch.setenv("DASHBOARD_CACHE_DIR", str(tmp_path))
    derived_cache.store("kaart-tekening", [1], {"svg": "<svg></svg>"})
    (path,) = (tmp_path / "derived").glob("kaart-tekening-*.json")
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("</svg>", "</svg><img src=x onerror=alert(1)>"), "utf-8")
    assert derived_cache.load("kaart-tekening", [1]) is None


def test_the_map_picture_gets_only_the_clean_drawing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Whatever reaches ``map_picture`` (from the cache on disk too) is rebuilt from the
    allowlist before it goes to the browser."""
    import base64

    from dashboard.ui import svg_map

    pictures: list[str] = []
    monkeypatch.setattr(svg_map.st, "markdown", lambda text, **_: pictures.append(text))
    svg = '<svg width="1" height="1"><g data-code="AM34"><path d="M0,0"/></g></svg>'
    hostile = svg + '<img src=x onerror="alert(1)">'
    svg_map.map_picture(hostile, label="Kaart", selected=None)
    (picture,) = pictures
    assert "onerror" not in base64.b64decode(picture.split(",", 1)[1][:-1]).decode()
