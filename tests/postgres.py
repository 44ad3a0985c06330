"""The ``postgres_server`` and ``store_url`` fixtures over ``support.postgres.PostgresServer``
(Debian's PostgreSQL in a temporary folder, stopped and removed after the session).

``DASHBOARD_TEST_POSTGRES=1`` (set by ``.ci/run``) means PostgreSQL is required: if it cannot
start, the PostgreSQL tests FAIL. Without it they are skipped, with the reason, when no server
can be started.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from support.postgres import PostgresServer, PostgresUnavailable

REQUESTED = os.environ.get("DASHBOARD_TEST_POSTGRES", "").strip() == "1"


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """A running PostgreSQL server for the whole session (or skip/fail, see module doc)."""
    try:
        server = PostgresServer()
    except (PostgresUnavailable, OSError, subprocess.SubprocessError) as err:
        if REQUESTED:
            pytest.fail(f"DASHBOARD_TEST_POSTGRES=1, maar PostgreSQL start niet: {err}")
        pytest.skip(f"PostgreSQL niet beschikbaar (en niet gevraagd): {err}")
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A SQLAlchemy URL of an empty database: a SQLite file, or a fresh PostgreSQL schema."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'scenarios.sqlite'}"
        return
    server: PostgresServer = request.getfixturevalue("postgres_server")
    url = server.create_database()
    try:
        yield url
    finally:
        server.drop_database(url)
