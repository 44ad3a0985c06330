"""Shared fixtures. The real CBS files are used only through these fixtures."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.census import Census, read_census
from tests.needs import unavailable

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
        unavailable(f"CBS data folder {path} not present (point DASHBOARD_DATA_DIR at it)")
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

# --- the order in which two workers take the test files (bash scripts/test.sh: --dist loadfile) --
#: Files whose tests read the pages the browser session opens once (the ``opened_page`` fixture):
#: one work unit, so one worker opens each page once instead of both opening all eight.
SHARED_UNITS = {
    "tests/e2e/test_pages.py": "tests/e2e/opened-pages",
    "tests/e2e/test_a11y.py": "tests/e2e/opened-pages",
}
#: Files outside tests/e2e that take long for their few tests (processes, servers, pip; mypy
#: in test_quality.py on a machine that has not run it before).
LONG_FILES = (
    "tests/test_packaging.py",
    "tests/test_multi_replica.py",
    "tests/test_scenario_reliability.py",
    "tests/test_snapshot.py",
    "tests/test_quality.py",
    "tests/app/test_first_look.py",
)


def _unit_rank(scope: str, size: int) -> tuple[int, int]:
    """Long units first (browser files, then the long files, then by number of tests), so no
    worker starts a long file while the other has nothing left to do."""
    kind = 0 if scope.startswith("tests/e2e/") else 1 if scope in LONG_FILES else 2
    return kind, -size


def pytest_xdist_make_scheduler(config: pytest.Config, log):  # type: ignore[no-untyped-def]
    """``--dist loadfile`` with the shared page units and the long-first order above."""
    if config.getoption("dist", None) != "loadfile":
        return None
    from xdist.scheduler import LoadFileScheduling

    class LongFilesFirst(LoadFileScheduling):
        def _split_scope(self, nodeid: str) -> str:
            path = nodeid.split("::", 1)[0]
            return SHARED_UNITS.get(path, path)

        def _assign_work_unit(self, node):  # type: ignore[no-untyped-def]
            scope = min(self.workqueue, key=lambda s: _unit_rank(s, len(self.workqueue[s])))
            self.workqueue.move_to_end(scope, last=False)
            super()._assign_work_unit(node)

    return LongFilesFirst(config, log)
