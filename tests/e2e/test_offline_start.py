"""The README's start command on a machine without ../shared and without internet: no
DASHBOARD_DATA_DIR, an empty download cache (HOME in a temporary folder). The app runs on the
embedded CBS snapshot and says so."""

from __future__ import annotations

from pathlib import Path

import pytest

from support.browser import assert_no_error_box, expect_title, open_page
from support.server import running_app

pytestmark = pytest.mark.e2e


def test_app_runs_on_the_embedded_snapshot(page, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    env = {
        "DASHBOARD_DATA_DIR": "",  # empty = not set
        "DASHBOARD_CACHE_DIR": "",
        "XDG_CACHE_HOME": "",
        "HOME": str(tmp_path / "home"),
    }
    with running_app(
        database_url=f"sqlite:///{tmp_path / 'scenarios.sqlite'}",
        extra_env=env,
        log_name="streamlit-offline-start.log",
    ) as app:
        open_page(page, app.url, "")
        expect_title(page, "Kaart")
        assert_no_error_box(page, app.log_path)
        assert "35 arbeidsmarktregio" in page.locator('[data-testid="stMain"]').inner_text()

        open_page(page, app.url, "regios")
        assert_no_error_box(page, app.log_path)
        text = page.locator('[data-testid="stMain"]').inner_text()
        assert "Arbeidsmarkt, inkomen en bedrijven" in text

        open_page(page, app.url, "bronnen")
        text = page.locator('[data-testid="stMain"]').inner_text()
        assert "ingebouwde momentopname" in text and "CC BY 4.0" in text
    assert not (tmp_path / "home" / ".cache" / "arbeidsmarktregio-dashboard" / "cbs").exists()
