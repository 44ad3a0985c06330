"""The scenario store: SQLAlchemy Core on SQLite (default) or any SQLAlchemy URL.

Reliability rules
-----------------
* Every change is one short transaction. On SQLite the write transaction starts with
  ``BEGIN IMMEDIATE`` (the write lock is taken up front, so two writers never deadlock on a
  lock upgrade), the database runs in WAL mode with ``synchronous=FULL`` and a busy timeout;
  a writer that still finds the database locked retries with back-off.
* Every save counts up ``revision``. A save that says which revision it started from
  (``expected_revision``) is refused with :class:`ScenarioChangedError` when someone saved in
  between, so nobody overwrites a newer version unseen; :meth:`ScenarioStore.save_copy` keeps
  the refused version under a free name.
* An import that replaces a scenario (:meth:`ScenarioStore.import_scenario`) and a delete
  go through the same check: the revision in the file, or the one the user chose, must still
  be the stored one. :meth:`ScenarioStore.import_scenario` with ``restore`` is the explicit way
  back to an older version: the version it replaces is kept as a copy.
* Rows are validated when read, as when saved: the JSON columns through the bounded parser of
  :mod:`dashboard.core.safejson` (size, depth), then the rules of :class:`Scenario`. A row that
  fails is skipped by :meth:`ScenarioStore.list_checked` with a Dutch description, and
  :meth:`ScenarioStore.get` raises :class:`StorageError` for it; the other rows stay usable.
* Names are unique case-insensitively through a ``UNIQUE`` column (``name_key``); two processes
  saving the same new name at once end with one row (the loser retries as an update).
* A SQLite file that is unreadable or not a (healthy) SQLite database raises
  :class:`~dashboard.core.errors.StorageError` *before* anything is written: SQLite itself reads it
  (``PRAGMA quick_check``), and only then may the store write (WAL mode, schema).
* One engine per SQLite file per process: every store on the same file shares it (counted,
  disposed with the last store), and nothing in this module opens the file with a plain
  Python handle. POSIX locks belong to the process, and closing *any* handle on the file drops
  them all, after which another process may take the database for unused and delete its
  write-ahead log under the open connections (SQLite's "How To Corrupt An SQLite Database
  File", section 2.2).
* The schema carries a version (table ``schema_version``); :data:`MIGRATIONS` bring an older
  database up to :data:`SCHEMA_VERSION` inside one transaction. A database from a newer app is
  refused, not touched.
"""

from __future__ import annotations

import builtins
import json
import os
import random
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import (
    Column,
    Connection,
    Engine,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    delete,
    event,
    func,
    inspect,
    select,
    text,
    update,
)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, IntegrityError, OperationalError, SQLAlchemyError

from dashboard.core.config import database_url
from dashboard.core.errors import (
    ScenarioChangedError,
    ScenarioExistsError,
    ScenarioNotFoundError,
    StorageError,
    ValidationError,
)
from dashboard.core.safejson import load_json
from dashboard.core.usertext import clean_text, name_key
from dashboard.scenarios.model import MAX_NAME, Scenario, check_timestamp, utc_now

T = TypeVar("T")

#: The schema version this code writes and reads.
SCHEMA_VERSION = 2
#: Seconds SQLite waits for a lock before giving up (then the store retries).
BUSY_TIMEOUT_S = 30.0
#: Attempts for a transaction that meets a busy database or a name race.
MAX_ATTEMPTS = 6
#: For a page: a user waits a few seconds at most, then reads that the database is busy.
INTERACTIVE_BUSY_TIMEOUT_S = 2.0
INTERACTIVE_ATTEMPTS = 2
_PG_LOCK_ID = 7_253_106  # advisory lock serialising schema creation on PostgreSQL


# --- tables ------------------------------------------------------------------------------------
def _scenario_columns(version: int) -> list[Column[Any]]:
    cols: list[Column[Any]] = [
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("name", String(MAX_NAME), nullable=False),
        Column("name_key", String(4 * MAX_NAME), nullable=False, unique=True),
        Column("author", String(100), nullable=False),
        Column("note", Text, nullable=False),
        Column("problem_config", Text, nullable=False),  # JSON
        Column("overstap", Text, nullable=False),  # JSON
        Column("data_year", Integer, nullable=True),
        Column("app_version", String(40), nullable=False),
        Column("created", String(40), nullable=False),  # ISO 8601, UTC
        Column("updated", String(40), nullable=False),
    ]
    if version >= 2:
        cols.append(Column("revision", Integer, nullable=False, server_default=text("1")))
    return cols


def _tables(version: int) -> tuple[MetaData, Table, Table]:
    md = MetaData()
    scenarios = Table("scenarios", md, *_scenario_columns(version))
    versions = Table(
        "schema_version",
        md,
        Column("id", Integer, primary_key=True, autoincrement=False),
        Column("version", Integer, nullable=False),
    )
    return md, scenarios, versions


_V1_METADATA, _, _ = _tables(1)
_METADATA, SCENARIOS, SCHEMA_VERSION_TABLE = _tables(SCHEMA_VERSION)


def _migrate_1_to_2(conn: Connection) -> None:
    """v2 counts saves per scenario (``revision``), so a page can tell a stale copy."""
    conn.execute(text("ALTER TABLE scenarios ADD COLUMN revision INTEGER NOT NULL DEFAULT 1"))


#: from-version -> step bringing the schema to from-version + 1
MIGRATIONS: dict[int, Callable[[Connection], None]] = {1: _migrate_1_to_2}


@dataclass(frozen=True)
class ScenarioInfo:
    """One line of :meth:`ScenarioStore.list` (no weights; cheap and never invalid)."""

    name: str
    author: str
    note: str
    data_year: int | None
    app_version: str
    created: datetime
    updated: datetime
    revision: int


@dataclass(frozen=True)
class Imported:
    """What :meth:`ScenarioStore.import_scenario` stored.

    ``scenario`` as stored (under a copy name when ``copied``); ``kept``: the name under which
    a restore kept the version it replaced (``None`` when there was none).
    """

    scenario: Scenario
    copied: bool = False
    kept: str | None = None


@dataclass
class _SharedEngine:
    engine: Engine
    users: int = 0


#: The one engine of each SQLite file this process has open, by resolved path.
_ENGINES: dict[str, _SharedEngine] = {}
_ENGINES_LOCK = threading.Lock()


def _forget_engines_after_fork() -> None:
    """A child process must not use (or close) its parent's SQLite connections."""
    global _ENGINES_LOCK
    for shared in _ENGINES.values():
        shared.engine.dispose(close=False)
    _ENGINES.clear()
    _ENGINES_LOCK = threading.Lock()


os.register_at_fork(after_in_child=_forget_engines_after_fork)


def _copy_name(name: str, number: int) -> str:
    """ "NAAM (kopie)", "NAAM (kopie 2)", ...: within the name limit."""
    suffix = " (kopie)" if number == 1 else f" (kopie {number})"
    return name[: MAX_NAME - len(suffix)].rstrip() + suffix


#: SQLite's words for a file it cannot use, in the words of the message.
_SQLITE_DETAILS = {
    "file is not a database": "geen SQLite-bestand",
    "database disk image is malformed": "de inhoud is beschadigd",
}


def _ts(value: datetime) -> str:
    return value.astimezone(UTC).isoformat(timespec="microseconds")


def _parse_ts(value: str) -> datetime:
    """A stored timestamp; :class:`ValidationError` for one that is damaged or out of range."""
    try:
        parsed = datetime.fromisoformat(str(value))
    except ValueError:
        raise ValidationError(f"tijdstip {str(value)[:40]!r} is onleesbaar") from None
    return check_timestamp(parsed, "tijdstip")


def _transient(err: OperationalError) -> bool:
    message = str(err.orig).lower()
    if "database is locked" in message or "database is busy" in message:
        return True
    return getattr(err.orig, "sqlstate", None) in {"40001", "40P01"}  # serialisation, deadlock


class ScenarioStore:
    """Saved scenarios in a SQL database.

    Parameters
    ----------
    url
        A SQLAlchemy URL; default :func:`dashboard.core.config.database_url` (env
        ``DASHBOARD_DATABASE_URL``, else ``var/scenarios.sqlite`` in the project).
    busy_timeout
        Seconds a SQLite writer waits for the lock before retrying.
    attempts
        Tries for a transaction that meets a busy database; a page uses
        :data:`INTERACTIVE_BUSY_TIMEOUT_S` and :data:`INTERACTIVE_ATTEMPTS` so a user waits
        seconds, not minutes, for the message that the database is busy.

    Raises
    ------
    StorageError
        The database cannot be opened, is damaged, or comes from a newer app. Nothing was
        written to it.
    """

    def __init__(
        self,
        url: str | None = None,
        *,
        busy_timeout: float = BUSY_TIMEOUT_S,
        attempts: int = MAX_ATTEMPTS,
    ) -> None:
        raw_url = url or database_url()
        try:
            parsed = make_url(raw_url)
        except ArgumentError as err:
            raise StorageError(
                f"het adres van de scenariodatabase is ongeldig: {raw_url!r}"
            ) from err
        self.url = parsed
        self.attempts = max(1, attempts)
        self.busy_timeout = busy_timeout
        self.is_sqlite = parsed.get_backend_name() == "sqlite"
        self.path: Path | None = None
        self._shared_key: str | None = None
        self._closed = False
        if self.is_sqlite and parsed.database not in (None, "", ":memory:"):
            self.path = Path(parsed.database).expanduser()
            self._shared_key = str(self.path.resolve())
            with _ENGINES_LOCK:
                shared = _ENGINES.get(self._shared_key)
                if shared is None:
                    _check_sqlite_file(self.path)
                    shared = _SharedEngine(self._make_engine(busy_timeout))
                    _ENGINES[self._shared_key] = shared
                shared.users += 1
            self.engine = shared.engine
        else:
            self.engine = self._make_engine(busy_timeout)
        try:
            if self.is_sqlite:
                self._retry(self._probe_sqlite)
            self._retry(self._ensure_schema)
        except BaseException:
            self.close()
            raise

    # --- public API ------------------------------------------------------------------------
    @property
    def description(self) -> str:
        """Where the scenarios live, for messages (no password)."""
        if self.path is not None:
            return str(self.path)
        return self.url.render_as_string(hide_password=True)

    def schema_version(self) -> int:
        def read(conn: Connection) -> int:
            return int(conn.execute(select(SCHEMA_VERSION_TABLE.c.version)).scalar_one())

        return self._run(read)

    def list(self) -> list[ScenarioInfo]:
        """All readable scenarios, sorted by name (case-insensitive); damaged rows left out."""
        return self.list_checked()[0]

    def list_checked(self) -> tuple[builtins.list[ScenarioInfo], builtins.list[str]]:
        """The readable scenarios, and a Dutch sentence for every row that cannot be read.

        Every row is validated as :meth:`get` validates it, so a scenario in the list can be
        opened.
        """

        def read(conn: Connection) -> builtins.list[Any]:
            return builtins.list(
                conn.execute(select(SCENARIOS).order_by(SCENARIOS.c.name_key)).all()
            )

        infos: builtins.list[ScenarioInfo] = []
        problems: builtins.list[str] = []
        for r in self._run(read):
            try:
                scenario, created, updated = self._checked_row(r)
            except (ValueError, TypeError) as err:  # includes ValidationError
                problems.append(
                    f"scenario {str(r.name)[:MAX_NAME]!r} in de database is beschadigd en wordt "
                    f"overgeslagen ({err})"
                )
                continue
            infos.append(
                ScenarioInfo(
                    scenario.name,
                    scenario.author,
                    scenario.note,
                    scenario.data_year,
                    scenario.app_version,
                    created,
                    updated,
                    int(r.revision),
                )
            )
        return infos, problems

    def names(self) -> builtins.list[str]:
        return [info.name for info in self.list()]

    def exists(self, name: str) -> bool:
        key = name_key(name)
        return bool(
            self._run(
                lambda conn: conn.execute(
                    select(func.count()).where(SCENARIOS.c.name_key == key)
                ).scalar_one()
            )
        )

    def get(self, name: str) -> Scenario:
        """The scenario called ``name`` (case-insensitive).

        Raises :class:`ScenarioNotFoundError` when there is none.
        """
        key = name_key(name)

        def read(conn: Connection) -> Any:
            return conn.execute(select(SCENARIOS).where(SCENARIOS.c.name_key == key)).first()

        row = self._run(read)
        if row is None:
            raise ScenarioNotFoundError(f"er is geen scenario met de naam {name!r}")
        return self._from_row(row)

    def save(
        self,
        scenario: Scenario,
        *,
        replace: bool = True,
        expected_revision: int | None = None,
    ) -> Scenario:
        """Insert, or update the scenario with the same name; returns the stored version.

        On update ``created`` is kept and ``revision`` goes up by one. With ``replace=False``
        an existing name raises :class:`ScenarioExistsError` and nothing changes. With
        ``expected_revision`` (the revision the caller's copy came from) an update of a
        scenario saved since then raises :class:`ScenarioChangedError` and nothing changes.
        """
        values = self._values(scenario)

        def write(conn: Connection) -> tuple[str, str, int]:
            existing = conn.execute(
                select(SCENARIOS.c.id, SCENARIOS.c.created, SCENARIOS.c.revision).where(
                    SCENARIOS.c.name_key == scenario.key
                )
            ).first()
            now = _ts(utc_now())
            if existing is None:
                created = _ts(scenario.created) if scenario.created else now
                conn.execute(SCENARIOS.insert().values(**values, created=created, updated=now))
                return created, now, 1
            if not replace:
                raise ScenarioExistsError(f"er bestaat al een scenario {scenario.name!r}")
            current = int(existing.revision)
            if expected_revision is not None and current != expected_revision:
                raise ScenarioChangedError(scenario.name, current, expected_revision)
            statement = update(SCENARIOS).where(SCENARIOS.c.id == existing.id)
            if expected_revision is not None:
                # a database without write locks (PostgreSQL) may see a save in between
                statement = statement.where(SCENARIOS.c.revision == current)
            changed = conn.execute(
                statement.values(**values, updated=now, revision=SCENARIOS.c.revision + 1)
            ).rowcount
            if not changed:
                raise ScenarioChangedError(scenario.name, current + 1, current)
            return existing.created, now, current + 1

        created, updated, revision = self._run(write, write=True, retry_integrity=True)
        return scenario.replace(
            created=_parse_ts(created), updated=_parse_ts(updated), revision=revision
        )

    def save_copy(self, scenario: Scenario) -> Scenario:
        """Save under the first free name "NAAM (kopie)", "NAAM (kopie 2)", ...: never replaces."""
        for number in range(1, 100):
            name = _copy_name(scenario.name, number)
            try:
                return self.save(
                    scenario.replace(name=name, created=None, updated=None, revision=None),
                    replace=False,
                )
            except ScenarioExistsError:
                continue
        raise ScenarioExistsError(f"er zijn al te veel kopieën van {scenario.name!r}")

    def rename(self, old: str, new: str) -> Scenario:
        """Give a scenario another name (only a change of capitals is allowed too)."""
        new_name = clean_text(new, "nieuwe naam", MAX_NAME, required=True, name=True)
        old_key, new_key = name_key(old), name_key(new_name)

        def write(conn: Connection) -> None:
            row = conn.execute(
                select(SCENARIOS.c.id).where(SCENARIOS.c.name_key == old_key)
            ).first()
            if row is None:
                raise ScenarioNotFoundError(f"er is geen scenario met de naam {old!r}")
            if (
                new_key != old_key
                and conn.execute(
                    select(SCENARIOS.c.id).where(SCENARIOS.c.name_key == new_key)
                ).first()
            ):
                raise ScenarioExistsError(f"er bestaat al een scenario {new_name!r}")
            conn.execute(
                update(SCENARIOS)
                .where(SCENARIOS.c.id == row.id)
                .values(name=new_name, name_key=new_key, updated=_ts(utc_now()))
            )

        self._run(write, write=True)
        return self.get(new_name)

    def duplicate(self, name: str, new_name: str) -> Scenario:
        """A copy under a new name (new created/updated times, revision 1)."""
        original = self.get(name)
        copy_ = original.replace(name=new_name, created=None, updated=None, revision=None)
        return self.save(copy_, replace=False)

    def import_scenario(
        self,
        scenario: Scenario,
        *,
        replace: bool = False,
        as_copy: bool = False,
        restore: bool = False,
    ) -> Imported:
        """Store a scenario read from a file: the one way in for the page and the CLI.

        A new name is inserted. An existing name is replaced only with ``replace``, and only
        when the file's ``revision`` is still the stored one (a file without a revision was
        written by hand and replaces as it is); otherwise :class:`ScenarioExistsError` or
        :class:`ScenarioChangedError`, and nothing changes. With ``as_copy`` such a refusal
        stores the file under a free copy name instead. ``restore`` replaces whatever the
        stored revision, after keeping the stored version as a copy (one transaction): the way
        to put back a version from a backup.
        """
        if restore:
            return self._restore(scenario)
        try:
            expected = scenario.revision if replace else None
            return Imported(self.save(scenario, replace=replace, expected_revision=expected))
        except ScenarioChangedError as err:
            if not as_copy:
                raise ScenarioChangedError(
                    scenario.name, err.current, err.expected, "import"
                ) from None
        except ScenarioExistsError:
            if not as_copy:
                raise
        return Imported(self.save_copy(scenario), copied=True)

    def delete(self, name: str, *, expected_revision: int | None = None) -> None:
        """Remove a scenario; :class:`ScenarioNotFoundError` when there is none.

        With ``expected_revision`` (the revision the user chose to delete) a scenario saved
        since then is kept and :class:`ScenarioChangedError` raised.
        """
        key = name_key(name)

        def write(conn: Connection) -> bool:
            row = conn.execute(
                select(SCENARIOS.c.id, SCENARIOS.c.revision).where(SCENARIOS.c.name_key == key)
            ).first()
            if row is None:
                return False
            current = int(row.revision)
            if expected_revision is not None and current != expected_revision:
                raise ScenarioChangedError(name, current, expected_revision, "delete")
            # a database without write locks (PostgreSQL) may see a save in between
            statement = delete(SCENARIOS).where(
                SCENARIOS.c.id == row.id, SCENARIOS.c.revision == current
            )
            if not conn.execute(statement).rowcount:
                raise ScenarioChangedError(name, current + 1, current, "delete")
            return True

        if not self._run(write, write=True):
            raise ScenarioNotFoundError(f"er is geen scenario met de naam {name!r}")

    def backup(self, target: Path) -> None:
        """Copy the whole database into the new SQLite file ``target``, consistently, also while
        others write (SQLite's backup API, through this store's own connection).

        Raises :class:`ValidationError` for a database that is not a SQLite file and
        :class:`StorageError` when the copy fails or is not healthy.
        """
        if not self.is_sqlite or self.path is None:
            raise ValidationError(f"{self.description} is geen SQLite-bestand")
        if self.is_database_file(target):
            raise ValidationError(
                f"de reservekopie kan niet in de database zelf ({target}) worden geschreven"
            )

        def copy() -> bool:
            with self.engine.connect() as conn:
                source = conn.connection.dbapi_connection
                assert source is not None
                with closing(sqlite3.connect(target)) as out:
                    source.backup(out)
                    return bool(out.execute("PRAGMA quick_check").fetchone() == ("ok",))

        try:
            healthy = self._retry(copy)
        except sqlite3.Error as err:
            raise StorageError(
                f"de reservekopie van {self.description} lukte niet "
                f"({_sqlite_detail(str(err))}); er is niets geschreven"
            ) from err
        if not healthy:
            raise StorageError("de reservekopie is niet in orde; er is niets geschreven")

    def is_database_file(self, path: str | Path) -> bool:
        """Whether ``path`` is this store's SQLite file or one of its companion files
        (``-wal``, ``-shm``, ``-journal``): writing there would destroy the database."""
        if self.path is None:
            return False
        target = Path(path).expanduser().resolve()
        own = self.path.resolve()
        candidates = [own, *(Path(f"{own}{extra}") for extra in ("-wal", "-shm", "-journal"))]
        if target in candidates:
            return True
        for candidate in candidates:  # another name for the same file (a hard link)
            try:
                if candidate.exists() and target.exists() and os.path.samefile(candidate, target):
                    return True
            except OSError:
                continue
        return False

    def close(self) -> None:
        """Let go of the database; the engine closes with the last store on the same file."""
        if self._closed:
            return
        self._closed = True
        if self._shared_key is None:
            self.engine.dispose()
            return
        with _ENGINES_LOCK:
            shared = _ENGINES.get(self._shared_key)
            if shared is None or shared.engine is not self.engine:  # after a fork
                self.engine.dispose()
                return
            shared.users -= 1
            if shared.users <= 0:
                del _ENGINES[self._shared_key]
                shared.engine.dispose()

    def __enter__(self) -> ScenarioStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- engine and transactions ---------------------------------------------------------
    def _make_engine(self, busy_timeout: float) -> Engine:
        try:
            if self.is_sqlite:
                engine = create_engine(
                    self.url,
                    connect_args={"timeout": busy_timeout, "check_same_thread": False},
                )

                @event.listens_for(engine, "connect")
                def _on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
                    # We emit BEGIN ourselves (see _on_begin): the driver must not.
                    dbapi_conn.isolation_level = None
                    dbapi_conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
                    dbapi_conn.execute("PRAGMA synchronous = FULL")

                @event.listens_for(engine, "begin")
                def _on_begin(conn: Connection) -> None:
                    options = conn.get_execution_options()
                    # stores with different patience share this engine: each sets its own
                    if "sqlite_busy_ms" in options:
                        conn.exec_driver_sql(f"PRAGMA busy_timeout = {options['sqlite_busy_ms']}")
                    conn.exec_driver_sql(f"BEGIN {options.get('sqlite_begin', 'DEFERRED')}")

                return engine
            engine = create_engine(self.url)
            if self.url.get_backend_name() == "postgresql":

                @event.listens_for(engine, "connect")
                def _on_pg_connect(dbapi_conn: Any, _record: Any) -> None:
                    # wait at most 30 s for a row lock; then the store retries or gives up
                    with dbapi_conn.cursor() as cur:
                        cur.execute("SET lock_timeout = '30s'")
                    dbapi_conn.commit()

            return engine
        except (ArgumentError, ImportError, SQLAlchemyError) as err:
            # the driver's own (English) text is no help to the reader
            why = (
                "het stuurprogramma voor dit soort database is niet geïnstalleerd"
                if isinstance(err, ImportError)
                else "het adres of een instelling ervan is ongeldig"
            )
            raise StorageError(
                f"de scenariodatabase {self.description} kan niet worden geopend: {why}"
            ) from err

    @contextmanager
    def _connect(self, write: bool = False) -> Iterator[Connection]:
        with self.engine.connect() as conn:
            if self.is_sqlite:
                conn.execution_options(sqlite_busy_ms=int(self.busy_timeout * 1000))
                if write:
                    conn.execution_options(sqlite_begin="IMMEDIATE")
            yield conn

    @contextmanager
    def _transaction(self, write: bool) -> Iterator[Connection]:
        with self._connect(write) as conn, conn.begin():
            yield conn

    def _run(
        self,
        fn: Callable[[Connection], T],
        *,
        write: bool = False,
        retry_integrity: bool = False,
    ) -> T:
        def attempt() -> T:
            with self._transaction(write) as conn:
                return fn(conn)

        return self._retry(attempt, retry_integrity=retry_integrity)

    def _retry(self, fn: Callable[[], T], *, retry_integrity: bool = False) -> T:
        delay = 0.02
        for attempt in range(1, self.attempts + 1):
            try:
                return fn()
            except IntegrityError as err:
                if retry_integrity and attempt < self.attempts:
                    time.sleep(random.uniform(0, delay))
                    continue
                raise StorageError(
                    f"de scenariodatabase weigerde de wijziging: {_first_line(err)}"
                ) from err
            except OperationalError as err:
                if (_transient(err) or err.connection_invalidated) and attempt < self.attempts:
                    time.sleep(random.uniform(delay / 2, delay))
                    delay = min(delay * 2, 1.0)
                    continue
                raise self._storage_error(err) from err
            except SQLAlchemyError as err:
                raise self._storage_error(err) from err
        raise AssertionError("unreachable")  # pragma: no cover

    def _storage_error(self, err: SQLAlchemyError) -> StorageError:
        detail = _first_line(err)
        lowered = detail.lower()
        if "not a database" in lowered or "malformed" in lowered or "corrupt" in lowered:
            return StorageError(_corrupt_message(self.description, _sqlite_detail(detail)))
        if isinstance(err, OperationalError) and _transient(err):
            return StorageError(
                f"de scenariodatabase {self.description} is te lang bezet door een andere "
                "gebruiker; er is niets opgeslagen. Probeer het zo opnieuw."
            )
        if "readonly" in lowered or "read-only" in lowered:
            return StorageError(
                f"de scenariodatabase {self.description} is alleen-lezen; er is niets opgeslagen"
            )
        return StorageError(
            f"de scenariodatabase {self.description} is niet bereikbaar of niet bruikbaar; "
            "het dashboard werkt verder, maar kan nu geen scenario's opslaan"
        )

    # --- opening -----------------------------------------------------------------------------
    def _probe_sqlite(self) -> None:
        """Read-only health check by SQLite itself (a file that is no SQLite database, is cut
        short or damaged is refused here), then WAL mode (the first write this store may do)."""
        with self._connect() as conn:
            raw = conn.connection.dbapi_connection
            assert raw is not None
            try:
                raw.execute(f"PRAGMA busy_timeout = {int(self.busy_timeout * 1000)}")
                result = raw.execute("PRAGMA quick_check").fetchall()
            except sqlite3.DatabaseError as err:
                if "locked" in str(err).lower() or "busy" in str(err).lower():
                    raise OperationalError("PRAGMA quick_check", None, err) from err
                raise StorageError(
                    _corrupt_message(self.description, _sqlite_detail(str(err)))
                ) from err
            if [tuple(r) for r in result] != [("ok",)]:
                found = "; ".join(str(r[0]) for r in result[:3])
                raise StorageError(_corrupt_message(self.description, found))
            if self.path is not None:
                try:
                    raw.execute("PRAGMA journal_mode = WAL").fetchall()
                except sqlite3.OperationalError as err:
                    raise OperationalError("PRAGMA journal_mode", None, err) from err

    def _ensure_schema(self) -> None:
        with self._connect() as conn:
            version = self._read_version(conn)
            conn.rollback()
        if version == SCHEMA_VERSION:
            return
        self._check_not_newer(version)
        with self._transaction(write=True) as conn:
            if self.url.get_backend_name() == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": _PG_LOCK_ID})
            version = self._read_version(conn)  # another process may have done it meanwhile
            self._check_not_newer(version)
            if version is None:
                _V1_METADATA.create_all(conn)
                conn.execute(SCHEMA_VERSION_TABLE.insert().values(id=1, version=1))
                version = 1
            while version < SCHEMA_VERSION:
                MIGRATIONS[version](conn)
                version += 1
            conn.execute(update(SCHEMA_VERSION_TABLE).values(version=version))

    @staticmethod
    def _read_version(conn: Connection) -> int | None:
        # one look at the tables: on PostgreSQL (read committed) two looks can straddle another
        # replica's commit of both tables and see "scenarios without schema_version"
        tables = set(inspect(conn).get_table_names())
        if "schema_version" not in tables:
            if "scenarios" in tables:
                raise StorageError(
                    "de scenariodatabase heeft een tabel 'scenarios' zonder schemaversie; "
                    "het dashboard past die niet aan"
                )
            return None
        value = conn.execute(select(SCHEMA_VERSION_TABLE.c.version)).scalar()
        if value is None:
            raise StorageError("de scenariodatabase mist haar schemaversie; niet aangepast")
        return int(value)

    @staticmethod
    def _check_not_newer(version: int | None) -> None:
        if version is not None and version > SCHEMA_VERSION:
            raise StorageError(
                f"de scenariodatabase heeft schemaversie {version}; deze versie van het "
                f"dashboard kent tot en met {SCHEMA_VERSION}. Gebruik een nieuwere versie; "
                "de database is niet aangepast."
            )

    # --- rows ----------------------------------------------------------------------------------
    @staticmethod
    def _values(scenario: Scenario) -> dict[str, Any]:
        return {
            "name": scenario.name,
            "name_key": scenario.key,
            "author": scenario.author,
            "note": scenario.note,
            "problem_config": json.dumps(
                scenario.problem_config, allow_nan=False, ensure_ascii=False, sort_keys=True
            ),
            "overstap": json.dumps(
                scenario.overstap, allow_nan=False, ensure_ascii=False, sort_keys=True
            ),
            "data_year": scenario.data_year,
            "app_version": scenario.app_version,
        }

    @staticmethod
    def _checked_row(row: Any) -> tuple[Scenario, datetime, datetime]:
        """The scenario of a row, validated as on save; ``ValueError`` or ``TypeError``
        (``ValidationError`` included) for a row that is damaged."""
        created, updated = _parse_ts(row.created), _parse_ts(row.updated)
        scenario = Scenario(
            name=row.name,
            # bounded parse: a deeply nested or huge value is refused, not a RecursionError
            problem_config=load_json(row.problem_config, "weging"),
            overstap=load_json(row.overstap, "overstap"),
            author=row.author,
            note=row.note,
            data_year=row.data_year,
            app_version=row.app_version,
            created=created,
            updated=updated,
            revision=int(row.revision),
        )
        return scenario, created, updated

    def _from_row(self, row: Any) -> Scenario:
        try:
            return self._checked_row(row)[0]
        except (ValueError, TypeError) as err:  # includes ValidationError
            raise StorageError(
                f"scenario {str(row.name)[:MAX_NAME]!r} in de database kan niet worden gelezen: "
                f"{err}"
            ) from err

    def _restore(self, scenario: Scenario) -> Imported:
        """Replace the stored version whatever its revision; keep it as a copy first."""
        values = self._values(scenario)

        def write(conn: Connection) -> tuple[str, str, int, str | None]:
            existing = conn.execute(
                # the row stays locked until the copy is kept (PostgreSQL; SQLite locks it all)
                select(SCENARIOS).where(SCENARIOS.c.name_key == scenario.key).with_for_update()
            ).first()
            now = _ts(utc_now())
            if existing is None:
                created = _ts(scenario.created) if scenario.created else now
                conn.execute(SCENARIOS.insert().values(**values, created=created, updated=now))
                return created, now, 1, None
            kept = self._free_copy_name(conn, str(existing.name))
            conn.execute(
                SCENARIOS.insert().values(
                    name=kept,
                    name_key=name_key(kept),
                    author=existing.author,
                    note=existing.note,
                    problem_config=existing.problem_config,
                    overstap=existing.overstap,
                    data_year=existing.data_year,
                    app_version=existing.app_version,
                    created=now,
                    updated=now,
                )
            )
            revision = int(existing.revision) + 1
            try:
                created = _ts(_parse_ts(existing.created))
            except ValidationError:  # a damaged row: the restored version starts afresh
                created = now
            conn.execute(
                update(SCENARIOS)
                .where(SCENARIOS.c.id == existing.id)
                .values(**values, created=created, updated=now, revision=revision)
            )
            return created, now, revision, kept

        created, updated, revision, kept = self._run(write, write=True, retry_integrity=True)
        stored = scenario.replace(
            created=_parse_ts(created), updated=_parse_ts(updated), revision=revision
        )
        return Imported(stored, kept=kept)

    @staticmethod
    def _free_copy_name(conn: Connection, name: str) -> str:
        for number in range(1, 100):
            candidate = _copy_name(name, number)
            taken = conn.execute(
                select(SCENARIOS.c.id).where(SCENARIOS.c.name_key == name_key(candidate))
            ).first()
            if taken is None:
                return candidate
        raise ScenarioExistsError(f"er zijn al te veel kopieën van {name!r}")


def _first_line(err: BaseException) -> str:
    orig = getattr(err, "orig", None)
    lines = str(orig if orig is not None else err).strip().splitlines()
    return lines[0] if lines else type(err).__name__


def _corrupt_message(where: str, detail: str) -> str:
    return (
        f"het scenariobestand {where} is beschadigd of geen scenariodatabase ({detail}). "
        "Het dashboard werkt verder zonder opslaan en laat het bestand ongemoeid; "
        "vraag uw beheerder een reservekopie terug te zetten of een ander bestand in te stellen "
        "met DASHBOARD_DATABASE_URL."
    )


def _sqlite_detail(message: str) -> str:
    return _SQLITE_DETAILS.get(message.strip().lower(), message)


def _check_sqlite_file(path: Path) -> None:
    """Refuse a folder or an unreadable file, without opening it: a plain Python handle on a
    database that another store in this process has open would drop that store's locks when
    it closes. Whether the content is a healthy SQLite database, SQLite itself checks."""
    if path.is_dir():
        raise StorageError(
            f"het scenariobestand {path} is een map, geen bestand; kies een ander pad met "
            "DASHBOARD_DATABASE_URL"
        )
    if path.exists():
        if not os.access(path, os.R_OK):
            raise StorageError(
                f"het scenariobestand {path} kan niet worden gelezen (geen leesrechten); "
                "het dashboard werkt verder zonder opslaan"
            )
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise StorageError(
            f"de map voor het scenariobestand {path.parent} kan niet worden gemaakt "
            f"({err.strerror or err})"
        ) from err


def open_store(url: str | None = None, **options: Any) -> ScenarioStore:
    """Open (and if needed create) the scenario store at ``url`` (default from the env)."""
    return ScenarioStore(url, **options)
