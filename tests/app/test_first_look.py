"""The Kaart's map and choices as they came with the data, or from the derived cache: no pandas,
and never stale."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import streamlit as st

from tests.app.page_text import plain

ROOT = Path(__file__).resolve().parents[2]

#: In a new process: the Kaart's choices and default map, then which heavy modules got loaded.
PROBE = textwrap.dedent(
    """
    import sys
    from dashboard.ui import first_look
    from dashboard.region.settings import CASE
    choices = first_look.choices()
    svg = first_look.region_map(
        choices.years["inwoners"][-1], "inwoners", show_gemeenten=False,
        highlight_regions=CASE.regions, highlight_gemeenten=(CASE.gemeente,), zoom_to=(),
    )
    assert svg.startswith("<svg") and 'data-code="AM34"' in svg, svg[:200]
    assert choices.region_names["AM19"] == "Holland Rijnland"
    print(" ".join(m for m in ("pandas", "geopandas", "vl_convert") if m in sys.modules))
    """
)


def run_probe(env: dict[str, str]) -> str:
    done = subprocess.run(
        [sys.executable, "-c", PROBE],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout.strip()


@pytest.fixture
def probe_env(tmp_path: Path, cbs_dir: Path) -> dict[str, str]:
    data = tmp_path / "data"
    shutil.copytree(cbs_dir, data)
    return {
        **os.environ,
        "DASHBOARD_DATA_DIR": str(data),
        "DASHBOARD_CACHE_DIR": str(tmp_path / "cache"),
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]),
    }


@pytest.mark.slow
def test_the_embedded_snapshot_draws_the_first_map_without_pandas_even_the_first_time(
    tmp_path: Path,
) -> None:
    """The embedded data bring the Kaart's choices and default map with them: a first start after
    installing (an empty cache) draws nothing and loads no pandas, geopandas or Vega."""
    env = {k: v for k, v in os.environ.items() if k != "DASHBOARD_DATA_DIR"}
    env |= {
        "HOME": str(tmp_path / "home"),
        "XDG_CACHE_HOME": "",
        "DASHBOARD_CACHE_DIR": str(tmp_path / "cache"),
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]),
    }
    assert run_probe(env) == ""
    assert not (tmp_path / "cache").exists()  # nothing derived on disk either


@pytest.mark.slow
def test_a_raw_data_folder_is_derived_once_then_drawn_without_pandas(
    probe_env: dict[str, str],
) -> None:
    assert "pandas" in run_probe(probe_env).split()  # the first time: computed from the data
    assert run_probe(probe_env) == ""  # then: from the derived cache, no pandas, no Vega


@pytest.mark.slow
def test_a_changed_data_file_is_drawn_again_not_taken_from_the_cache(
    probe_env: dict[str, str],
) -> None:
    run_probe(probe_env)
    figures = Path(probe_env["DASHBOARD_DATA_DIR"]) / "gemeente_kerncijfers.csv"
    figures.write_bytes(figures.read_bytes() + b"\n")  # the same figures, other content
    assert "pandas" in run_probe(probe_env).split()


def test_what_app_py_and_the_kaart_load_before_the_map_needs_neither_numpy_nor_pandas() -> None:
    """A new server process runs app.py and the Kaart's first part before it can send the map;
    numpy and pandas (about 0.5 s together) are loaded only after that."""
    code = textwrap.dedent(
        """
        import sys
        import streamlit
        import dashboard.ui.hardening, dashboard.ui.layout, dashboard.ui.state
        import dashboard.data.indicators, dashboard.region.settings, dashboard.ui.first_look
        import dashboard.ui.svg_map
        heavy = ("numpy", "pandas", "geopandas", "sqlalchemy")
        print(" ".join(m for m in heavy if m in sys.modules))
        """
    )
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]),
    }
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == ""


APP = str(ROOT / "app.py")


def _kaart_pictures(at) -> list[str]:  # type: ignore[no-untyped-def]
    """The Markdown pictures of the Kaart's own map (not the pendel map further down)."""
    return [
        m.value
        for m in at.markdown
        if "data:image/svg+xml;base64," in m.value
        and plain(m.value).startswith("![Kaart van de arbeidsmarktregio's: inwoners")
    ]


def test_a_new_tabs_first_run_is_the_whole_page_with_the_map_once(cbs_dir: Path) -> None:
    """One run, no pause and no second run: the map (one picture, no interactive copy of it),
    the controls, the region's details and the reset, all at once."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert len(_kaart_pictures(at)) == 1
    assert not at.get("bidi_component")  # no component that draws the same map again
    assert at.selectbox(key="kaart_indicator").value == "inwoners"
    assert at.selectbox(key="kaart_regio").value == "AM34"
    assert at.button(key="reset_all")
    assert "Tekstversie van de kaart" in " ".join(c.value for c in at.caption)
    # later runs are the same whole runs
    at.selectbox(key="kaart_regio").set_value("AM19").run()
    assert not at.exception
    assert len(_kaart_pictures(at)) == 1
    assert plain(at.subheader[0].value) == "Holland Rijnland (AM19)"  # names are escaped


def test_the_hover_lines_are_worked_out_once_per_map(
    cbs_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The SVG's region names and the free-zoom map's hover text are the same lines, worked out
    once per year and indicator (they were worked out twice for every drawing)."""
    from dashboard.presentation.maps import first_look, specs
    from dashboard.ui import cache

    calls: list[str] = []
    real = specs.region_details

    def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(kwargs.get("indicator_label", ""))
        return real(*args, **kwargs)

    monkeypatch.setattr(specs, "region_details", counted)  # where the map spec asks for them
    monkeypatch.setattr(first_look, "region_details", counted)  # where the cache asks for them
    st.cache_data.clear()
    cache.region_map(2024, "inwoners")
    cache.region_map(2024, "inwoners", show_gemeenten=True)
    assert calls == ["Inwoners"], calls
