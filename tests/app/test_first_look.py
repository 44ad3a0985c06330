"""The Kaart's map and choices from the on-disk record: no pandas, and never stale."""

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
    from dashboard.settings import CASE
    choices = first_look.choices()
    svg, details = first_look.region_map(
        choices.years["inwoners"][-1], "inwoners", show_gemeenten=False,
        highlight_regions=CASE.regions, highlight_gemeenten=(CASE.gemeente,), zoom_to=(),
    )
    assert svg.startswith("<svg") and 'data-code="AM34"' in svg, svg[:200]
    assert details["AM34"][0] == "Zuid-Holland Centraal (AM34)", details["AM34"]
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
def test_a_new_process_draws_the_kaart_map_without_pandas_once_it_was_drawn(
    probe_env: dict[str, str],
) -> None:
    assert "pandas" in run_probe(probe_env).split()  # the first time: computed from the data
    assert run_probe(probe_env) == ""  # then: from the record, no pandas, no geopandas, no Vega


@pytest.mark.slow
def test_a_changed_data_file_is_drawn_again_not_taken_from_the_record(
    probe_env: dict[str, str],
) -> None:
    run_probe(probe_env)
    figures = Path(probe_env["DASHBOARD_DATA_DIR"]) / "gemeente_kerncijfers.csv"
    stat = figures.stat()
    os.utime(figures, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
    assert "pandas" in run_probe(probe_env).split()


def test_the_key_covers_data_code_and_project_data() -> None:
    from dashboard.ui.first_look import source_key

    key = repr(source_key())
    for part in ("gemeente_kerncijfers.csv", "maps.py", "svg_map.py", "SOURCES.yaml"):
        assert part in key, part


def test_what_app_py_and_the_kaart_load_before_the_map_needs_neither_numpy_nor_pandas() -> None:
    """A new server process runs app.py and the Kaart's first part before it can send the map;
    numpy and pandas (about 0.5 s together) are loaded only after that."""
    code = textwrap.dedent(
        """
        import sys
        import streamlit
        import dashboard.ui.hardening, dashboard.ui.layout, dashboard.ui.state
        import dashboard.indicators, dashboard.settings, dashboard.ui.first_look
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


def test_a_new_tabs_first_run_sends_the_map_and_nothing_after_it(
    cbs_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The map-only run: title, introduction, the controls' place and the picture;
    not the controls, the clickable map, the details or the reset button."""
    from streamlit.testing.v1 import AppTest

    from dashboard.ui import first_look

    ended: list[bool] = []

    def stop_here(*, pause: bool = True) -> None:
        ended.append(pause)
        st.stop()

    monkeypatch.setattr(first_look, "send_the_rest", stop_here)
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert ended == [True]  # ended by the Kaart after its map, with the pause
    assert at.title[0].value == "Kaart van de arbeidsmarktregio's"
    pictures = [m.value for m in at.markdown if "data:image/svg+xml;base64," in m.value]
    assert len(pictures) == 1 and plain(pictures[0]).startswith(
        "![Kaart van de arbeidsmarktregio's"
    )
    assert not at.selectbox and not at.button and not at.info and not at.caption


def test_a_share_links_notices_come_with_the_whole_page_in_the_first_run(
    cbs_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Notices stand above the title: sent after the map, they would push it down."""
    from streamlit.testing.v1 import AppTest

    from dashboard.ui import first_look

    ended: list[bool] = []
    monkeypatch.setattr(first_look, "send_the_rest", lambda **kw: ended.append(True))
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["gw"] = "wg:abc"
    at.run()
    assert not at.exception
    assert ended == []
    assert any("Werkgevers 'abc' is geen getal" in i.value.replace("\\", "") for i in at.info)
    assert at.selectbox(key="kaart_indicator") and at.button(key="reset_all")


def test_the_map_only_run_is_followed_by_the_whole_page_once_per_tab(cbs_dir: Path) -> None:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    # the same first load ends with the whole Kaart and the reset
    assert at.selectbox(key="kaart_indicator").value == "inwoners"
    assert at.selectbox(key="kaart_regio").value == "AM34"
    assert at.button(key="reset_all")
    assert "Tekstversie van de kaart" in " ".join(c.value for c in at.caption)
    # later runs of the tab are whole runs (no second map-only run)
    at.selectbox(key="kaart_regio").set_value("AM19").run()
    assert not at.exception
    assert plain(at.subheader[0].value) == "Holland Rijnland (AM19)"  # names are escaped
