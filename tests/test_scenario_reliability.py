"""Reliability of the scenario store: concurrent writers, killed writers, damaged files.

Writers are real (forked) processes, so SQLite file locking and PostgreSQL sessions are
exercised as in production. Concurrency and kill tests run on SQLite and PostgreSQL.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import random
import signal
import sqlite3
import time
from pathlib import Path

import pytest

from dashboard.core.errors import StorageError
from dashboard.scenarios import Scenario, ScenarioStore
from dashboard.scenarios.store import SCENARIOS

PROCESSES = 10
SAVES = 50
SHARED_EVERY = 5
#: Writers come from a fork server: one clean, single-threaded process that imports the
#: package once and forks each writer from there. They start in milliseconds (the test measures
#: the store, not interpreter start-up), and unlike a plain fork of the pytest process (which
#: may run threads, e.g. under xdist) a child cannot inherit a lock held by another thread.
#: They are separate processes all the same: own connections, file locks, PostgreSQL sessions.
FORK = multiprocessing.get_context("forkserver")
FORK.set_forkserver_preload(["dashboard.scenarios", "tests.test_scenario_reliability"])


def _saver(url: str, wid: int, ready, go, errors) -> None:
    try:
        store = ScenarioStore(url)
        ready.put(wid)
        go.wait(60)
        for i in range(SAVES):
            store.save(Scenario(f"w{wid:02d}-{i:03d}", {"groups": {"werkgevers": wid + i / 1000}}))
            if i % SHARED_EVERY == 0:
                store.save(Scenario("Gedeeld", {"criteria": {"gu01": wid}}))
        store.close()
    except BaseException as err:  # report to the parent; a child must not raise into pytest
        errors.put(f"{wid}: {type(err).__name__}: {err}")
        errors.close()
        errors.join_thread()  # os._exit would drop a message the feeder thread has not sent
        os._exit(1)
    os._exit(0)


def _holder(url: str, conn) -> None:
    """Save five scenarios, then hold a write transaction open until killed."""
    store = ScenarioStore(url)
    for i in range(5):
        store.save(Scenario(f"vooraf-{i}", {"groups": {"werkgevers": i + 1}}))
    with store._transaction(write=True) as tx:
        tx.execute(SCENARIOS.update().values(note="half geschreven"))
        tx.execute(SCENARIOS.delete().where(SCENARIOS.c.name == "vooraf-0"))
        tx.execute(
            SCENARIOS.insert().values(
                name="half",
                name_key="half",
                author="",
                note="",
                problem_config="{}",
                overstap="{}",
                data_year=2025,
                app_version="x",
                created="2026-01-01T00:00:00+00:00",
                updated="2026-01-01T00:00:00+00:00",
            )
        )
        conn.send("IN_TRANSACTIE")
        time.sleep(120)
    os._exit(0)


def _looper(url: str, prefix: str, conn) -> None:
    """Save scenarios in a loop; report each name only after its save returned (committed)."""
    store = ScenarioStore(url)
    conn.send("START")
    i = 0
    while True:
        name = f"{prefix}-{i:05d}"
        store.save(Scenario(name, {"criteria": {"wz04": i % 7}}, note="x" * (i % 500)))
        conn.send(name)
        i += 1


def _sqlite_path(url: str) -> Path | None:
    return Path(url.removeprefix("sqlite:///")) if url.startswith("sqlite:///") else None


def _integrity_ok(url: str) -> None:
    path = _sqlite_path(url)
    if path is not None:
        with sqlite3.connect(path) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]


def _kill(proc) -> None:
    os.kill(proc.pid, signal.SIGKILL)
    proc.join(30)
    assert proc.exitcode == -signal.SIGKILL


def _drain(queue) -> list[str]:
    out = []
    while True:
        try:
            out.append(queue.get(timeout=0.2))
        except Exception:  # queue.Empty
            return out


@pytest.mark.slow
def test_concurrent_saves_from_processes_lose_nothing(store_url: str) -> None:
    ready, errors, go = FORK.Queue(), FORK.Queue(), FORK.Event()
    workers = [
        FORK.Process(target=_saver, args=(store_url, w, ready, go, errors))
        for w in range(PROCESSES)
    ]
    try:
        for proc in workers:
            proc.start()
        deadline = time.monotonic() + 120
        opened = 0
        while opened < PROCESSES and time.monotonic() < deadline:
            try:  # all opened the (fresh) store; then they write at the same time
                ready.get(timeout=1)
                opened += 1
            except Exception:  # queue.Empty: check nobody died
                if any(p.exitcode not in (None, 0) for p in workers):
                    break
        assert opened == PROCESSES, _drain(errors) or "schrijvers startten niet op tijd"
        go.set()
        for proc in workers:
            proc.join(120)
        assert [p.exitcode for p in workers] == [0] * PROCESSES, _drain(errors)
    finally:
        for proc in workers:  # never leave a writer behind (it would block the schema drop)
            if proc.is_alive():
                proc.kill()
                proc.join(30)
    with ScenarioStore(store_url) as store:
        infos = {i.name: i for i in store.list()}
        assert len(infos) == PROCESSES * SAVES + 1
        for w in range(PROCESSES):
            for i in range(SAVES):
                assert f"w{w:02d}-{i:03d}" in infos
        assert store.get("w07-049").problem_config == {"groups": {"werkgevers": 7.049}}
        # every save of the shared scenario counted: no update was lost
        assert infos["Gedeeld"].revision == PROCESSES * len(range(0, SAVES, SHARED_EVERY))
    _integrity_ok(store_url)


@pytest.mark.slow
def test_writer_killed_mid_transaction_leaves_earlier_scenarios(store_url: str) -> None:
    with ScenarioStore(store_url) as store:
        for i in range(3):
            store.save(Scenario(f"eerder-{i}", {"criteria": {"gu01": i}}, note="bewaard"))
    parent, child = FORK.Pipe()
    holder = FORK.Process(target=_holder, args=(store_url, child))
    holder.start()
    assert parent.poll(60) and parent.recv() == "IN_TRANSACTIE"
    _kill(holder)
    _integrity_ok(store_url)
    with ScenarioStore(store_url, busy_timeout=5) as store:
        names = store.names()
        assert names == ["eerder-0", "eerder-1", "eerder-2"] + [f"vooraf-{i}" for i in range(5)]
        assert {store.get(n).note for n in names if n.startswith("eerder")} == {"bewaard"}
        assert all(store.get(f"vooraf-{i}").note == "" for i in range(5))
        store.save(Scenario("daarna"))  # the lock died with the writer
        assert store.exists("daarna")


@pytest.mark.slow
def test_writer_killed_at_random_moments_keeps_every_committed_save(store_url: str) -> None:
    rng = random.Random(6)
    committed: list[str] = []
    for round_ in range(3):
        parent, child = FORK.Pipe(duplex=False)
        proc = FORK.Process(target=_looper, args=(store_url, f"ronde{round_}", child))
        proc.start()
        assert parent.poll(60) and parent.recv() == "START"
        time.sleep(rng.uniform(0.1, 0.5))
        _kill(proc)
        child.close()
        while parent.poll(0.2):
            try:
                committed.append(parent.recv())
            except (EOFError, OSError):
                break
        _integrity_ok(store_url)
        with ScenarioStore(store_url, busy_timeout=5) as store:
            present = set(store.names())
        missing = [n for n in committed if n not in present]
        assert not missing, f"verloren na kill: {missing[:5]}"
    assert len(committed) > 3  # the loop really ran


# --- damaged and unreadable files -------------------------------------------------------------
def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _valid_db(path: Path, n: int = 40) -> None:
    with ScenarioStore(f"sqlite:///{path}") as store:
        for i in range(n):
            store.save(Scenario(f"s{i:03d}", note="tekst " * 100))


def _garbage(path: Path) -> None:
    path.write_bytes(random.Random(1).randbytes(16384))


def _header_then_garbage(path: Path) -> None:
    _valid_db(path)
    data = bytearray(path.read_bytes())
    rng = random.Random(2)
    for offset in range(4096 + 200, len(data), 97):  # page 1 intact, later pages scribbled
        data[offset] = rng.randrange(256)
    path.write_bytes(bytes(data))


def _truncated(path: Path) -> None:
    _valid_db(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])


def _short_file(path: Path) -> None:
    path.write_bytes(b"SQLite format 3\x00" + b"\x10\x00")


@pytest.mark.parametrize(
    "damage", [_garbage, _header_then_garbage, _truncated, _short_file], ids=lambda f: f.__name__
)
def test_damaged_file_gives_clear_message_and_stays_untouched(
    tmp_path: Path, damage, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "scenarios.sqlite"
    damage(path)
    for extra in ("-wal", "-shm"):
        Path(f"{path}{extra}").unlink(missing_ok=True)
    before = _digest(path)
    with pytest.raises(StorageError) as caught:
        ScenarioStore(f"sqlite:///{path}")
    message = str(caught.value)
    assert "beschadigd" in message and str(path) in message and "ongemoeid" in message
    assert _digest(path) == before
    # the CLI says the same in one line, exit code 2, and still does not write
    from dashboard import cli

    monkeypatch.setenv("DASHBOARD_DATABASE_URL", f"sqlite:///{path}")
    assert cli.main(["scenario", "list"]) == 2
    assert _digest(path) == before


def test_directory_instead_of_file(tmp_path: Path) -> None:
    with pytest.raises(StorageError, match="is een map"):
        ScenarioStore(f"sqlite:///{tmp_path}")


def test_empty_file_becomes_a_new_database(tmp_path: Path) -> None:
    path = tmp_path / "leeg.sqlite"
    path.touch()
    with ScenarioStore(f"sqlite:///{path}") as store:
        store.save(Scenario("eerste"))
        assert store.names() == ["eerste"]


def _open_as(uid: int, gid: int, url: str) -> str:
    """Open the store in a forked child with dropped rights; return its message."""
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # child: no exec needed, the package is already imported
        os.close(read_fd)
        message = "GEOPEND"
        try:
            os.setgid(gid)
            os.setuid(uid)
            ScenarioStore(url).close()
        except StorageError as err:
            message = f"FOUT {err}"
        except BaseException as err:  # report anything else to the parent, never raise here
            message = f"ANDERS {type(err).__name__}: {err}"
        os.write(write_fd, message.encode())
        os._exit(0)
    os.close(write_fd)
    with os.fdopen(read_fd, "rb") as handle:
        data = handle.read().decode()
    os.waitpid(pid, 0)
    return data


def test_unreadable_file_gives_clear_message() -> None:
    """A mode-000 file. Root reads anything, so as root the check runs as user ``postgres``."""
    import pwd
    import shutil
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="dashboard-unreadable-"))  # in /tmp, reachable
    try:
        folder.chmod(0o755)
        path = folder / "scenarios.sqlite"
        _valid_db(path, n=3)
        before = _digest(path)
        path.chmod(0o000)
        if os.geteuid() == 0:
            try:
                entry = pwd.getpwnam("postgres")
            except KeyError:
                pytest.skip("as root this needs a user 'postgres' to drop rights to")
            result = _open_as(entry.pw_uid, entry.pw_gid, f"sqlite:///{path}")
        else:
            result = _open_as(os.getuid(), os.getgid(), f"sqlite:///{path}")
        path.chmod(0o600)
        assert result.startswith("FOUT"), result
        assert "kan niet worden gelezen" in result and str(path) in result
        assert _digest(path) == before
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_file_check_never_writes(tmp_path: Path) -> None:
    path = tmp_path / "x.sqlite"
    _garbage(path)
    mtime = path.stat().st_mtime_ns
    with pytest.raises(StorageError, match="geen SQLite-bestand"):
        ScenarioStore(f"sqlite:///{path}")
    assert path.stat().st_mtime_ns == mtime
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.sqlite"]


def test_a_store_opened_while_another_creates_the_tables_opens(
    store_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two replicas start on an empty database: one creates the tables between the other's
    looks at them. The late one must see one state (both tables or neither), not half.

    Found by the concurrent-writers test on PostgreSQL in CI: one writer of ten died with
    "een tabel 'scenarios' zonder schemaversie" (its two looks straddled the other's commit).
    """
    import dashboard.scenarios.store as store_module

    real_inspect = store_module.inspect
    other: list[ScenarioStore] = []

    class Interrupted:
        """The first inspector of the late store: the other replica commits the tables
        right after its first answer."""

        def __init__(self, conn) -> None:
            self._real = real_inspect(conn)

        def __getattr__(self, name: str):
            method = getattr(self._real, name)

            def call(*args, **kwargs):
                answer = method(*args, **kwargs)
                if not other:
                    monkeypatch.setattr(store_module, "inspect", real_inspect)
                    other.append(ScenarioStore(store_url))  # creates the tables, commits
                return answer

            return call

    monkeypatch.setattr(store_module, "inspect", Interrupted)
    with ScenarioStore(store_url) as late:
        assert other, "the other replica did not run"
        late.save(Scenario("na de race"))
        assert late.names() == ["na de race"]
    other[0].close()
