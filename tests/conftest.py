"""Shared fixtures. The real CBS files are used only through these fixtures."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.census import Census, read_census

PROJECT_ROOT = Path(__file__).resolve().parents[1]
SHARED_CBS = PROJECT_ROOT.parent / "shared" / "data" / "cbs"

# Tests run against ../shared/data/cbs unless the caller set DASHBOARD_DATA_DIR (as .ci/run does).
os.environ.setdefault("DASHBOARD_DATA_DIR", str(SHARED_CBS))
# A fresh derived-data cache per test session, so the indeling is really derived in the tests.
if "DASHBOARD_CACHE_DIR" not in os.environ:
    import tempfile

    os.environ["DASHBOARD_CACHE_DIR"] = tempfile.mkdtemp(prefix="dashboard-cache-")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Browser tests are slow too, so ``-m "not slow"`` is the quick loop while editing."""
    for item in items:
        if item.get_closest_marker("e2e"):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def cbs_dir() -> Path:
    """The folder with the real CBS files; tests that need it skip with a reason if absent."""
    path = Path(os.environ["DASHBOARD_DATA_DIR"])
    if not (path / "gemeente_kerncijfers.csv").exists():
        if os.environ.get("CI") == "true":
            pytest.fail(
                f"CBS data folder {path} not present (CI must point DASHBOARD_DATA_DIR at it)"
            )
        pytest.skip(f"CBS data folder {path} not present")
    return path


@pytest.fixture(scope="session")
def census(cbs_dir: Path) -> Census:
    return read_census(cbs_dir)


# --- scenario store ----------------------------------------------------------------------------
# Tests never write the project's own var/scenarios.sqlite: default to a throw-away file.
import tempfile  # noqa: E402

os.environ.setdefault(
    "DASHBOARD_DATABASE_URL",
    f"sqlite:///{Path(tempfile.mkdtemp(prefix='dashboard-test-db-')) / 'scenarios.sqlite'}",
)
from tests.postgres import postgres_server, store_url  # noqa: E402, F401
