"""Page tests fail on any unexpected exception, even one the page turned into a polite message.

``run_guarded`` shows an unexpected exception as a Dutch ``st.error`` and logs it, so
``at.exception`` stays empty and a broken page would look healthy to a test checking only that.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

#: ``run_guarded`` logs the exception it swallowed on this logger.
GUARD_LOGGER = "dashboard"


@pytest.fixture(autouse=True)
def no_unexpected_page_errors(caplog: pytest.LogCaptureFixture) -> Iterator[None]:
    caplog.set_level(logging.ERROR, logger=GUARD_LOGGER)
    yield
    crashes = [
        r
        for r in caplog.get_records("setup") + caplog.get_records("call")
        if r.name.split(".")[0] == GUARD_LOGGER and r.levelno >= logging.ERROR
    ]
    assert not crashes, "een pagina gaf een onverwachte fout:\n" + "\n".join(
        f"{r.getMessage()}: {r.exc_info[1]!r}" if r.exc_info else r.getMessage() for r in crashes
    )


@pytest.fixture
def db_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A scenario database of the test's own (SQLite in its temporary folder)."""
    url = f"sqlite:///{tmp_path / 'pagina.sqlite'}"
    monkeypatch.setenv("DASHBOARD_DATABASE_URL", url)
    return url
