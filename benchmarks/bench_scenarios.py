"""Scenario store: save/get/list latency and concurrent writers, beside raw sqlite3.

Usage: ``python benchmarks/bench_scenarios.py [--saves 200] [--postgres]``

Prints, for an embedded SQLite file in a temporary folder (WAL, synchronous=FULL):
* median latency of ``store.save`` (insert), ``store.save`` (update), ``store.get`` and
  ``store.list`` with 500 scenarios;
* the baseline measured in the same run: a bare ``sqlite3`` INSERT + COMMIT with the same
  pragmas, and the ratio save / baseline (the cost of validation, JSON and SQLAlchemy);
* 10 forked processes × 50 saves at once: wall time, saves per second, and how many were lost.
With ``--postgres`` the same against a throw-away PostgreSQL server (support/postgres.py).
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dashboard.scenarios import Scenario, ScenarioStore

CONFIG = {"groups": {"werkgevers": 2}, "criteria": {"wz04": 0.5}, "ratings": {"gu08": {"V3": "+"}}}


def _median_ms(fn, n: int) -> float:
    times = []
    for i in range(n):
        t = time.perf_counter()
        fn(i)
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000


def _baseline_ms(folder: Path, n: int) -> float:
    conn = sqlite3.connect(folder / "raw.sqlite", isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("CREATE TABLE t (name TEXT UNIQUE, payload TEXT)")

    def insert(i: int) -> None:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO t VALUES (?, ?)", (f"r{i}", '{"groups": {"werkgevers": 2}}'))
        conn.execute("COMMIT")

    result = _median_ms(insert, n)
    conn.close()
    return result


def _writer(url: str, wid: int, saves: int, go) -> None:
    store = ScenarioStore(url)
    go.wait(60)
    for i in range(saves):
        store.save(Scenario(f"p{wid:02d}-{i:03d}", CONFIG))
    store.close()
    os._exit(0)


def measure(url: str, label: str, n: int, folder: Path | None) -> None:
    store = ScenarioStore(url)
    insert = _median_ms(lambda i: store.save(Scenario(f"s{i:05d}", CONFIG)), n)
    upd = _median_ms(lambda i: store.save(Scenario(f"s{i:05d}", {}, note="bijgewerkt")), n)
    get = _median_ms(lambda i: store.get(f"s{i:05d}"), n)
    for i in range(n, 500):
        store.save(Scenario(f"s{i:05d}", CONFIG))
    lst = _median_ms(lambda i: store.list(), 20)
    print(f"[{label}] save (nieuw)      mediaan {insert:7.2f} ms  (n={n})")
    print(f"[{label}] save (bijwerken)  mediaan {upd:7.2f} ms")
    print(f"[{label}] get               mediaan {get:7.2f} ms")
    print(f"[{label}] list (500)        mediaan {lst:7.2f} ms")
    if folder is not None:
        base = _baseline_ms(folder, n)
        print(
            f"[{label}] baseline sqlite3 INSERT+COMMIT mediaan {base:7.2f} ms;"
            f" save/baseline = {insert / base:.2f}x"
        )
    store.close()

    ctx = multiprocessing.get_context("fork")
    go = ctx.Event()
    procs = [ctx.Process(target=_writer, args=(url, w, 50, go)) for w in range(10)]
    for p in procs:
        p.start()
    time.sleep(1.0)  # let every writer open the store
    t = time.perf_counter()
    go.set()
    for p in procs:
        p.join()
    wall = time.perf_counter() - t
    with ScenarioStore(url) as check:
        present = sum(1 for name in check.names() if name.startswith("p"))
    print(
        f"[{label}] 10 processen x 50 saves: {wall:5.2f} s, {500 / wall:6.1f} saves/s, "
        f"verloren: {500 - present}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--saves", type=int, default=200)
    parser.add_argument("--postgres", action="store_true")
    args = parser.parse_args()
    print(f"load average (1 min): {os.getloadavg()[0]:.1f}; cpus: {os.cpu_count()}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        measure(f"sqlite:///{folder / 'bench.sqlite'}", "sqlite", args.saves, folder)
    if args.postgres:
        from support.postgres import PostgresServer

        server = PostgresServer()
        try:
            measure(server.create_database(), "postgresql (fsync=off)", args.saves, None)
        finally:
            server.stop()


if __name__ == "__main__":
    main()
