"""Benchmark: SMAA — 100,000 samples in at most 50 ms, 1,000,000 in at most 0.5 s.

Beside it, in the same run, a plain-Python loop doing the same work per sample (draw the
weights with :mod:`random`, score the three variants, rank them with the same tie rule, sum the
central weights) over a smaller number of samples; the figure that travels between machines is
the per-sample ratio.

Usage::

    python benchmarks/bench_smaa.py [--repeats 7] [--loop-samples 20000]

On processors where ``OPENBLAS_CORETYPE``/``OPENBLAS_L2_SIZE`` are set (see the machine notes),
run it once as is and once as
``env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python benchmarks/bench_smaa.py``; the script
prints both variables and the BLAS kernel in use (threadpoolctl) so the two runs can be told
apart. Tests and CI never change those variables.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import numpy as np

from dashboard.mcda.scoring import DecisionProblem, default_problem, tolerance
from dashboard.mcda.sensitivity import CHUNK, smaa

TARGETS = {100_000: 0.050, 1_000_000: 0.500}


def machine() -> str:
    try:
        mem_kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f"{mem_kb / 1024 / 1024:.0f} GiB"
    except (OSError, ValueError, IndexError):
        mem = "onbekend geheugen"
    blas = "threadpoolctl niet geïnstalleerd"
    try:
        from threadpoolctl import threadpool_info

        info = [i for i in threadpool_info() if i.get("user_api") == "blas"]
        if info:
            i = info[0]
            blas = (
                f"{i.get('internal_api')} {i.get('version')} kernel {i.get('architecture')}, "
                f"{i.get('num_threads')} threads"
            )
    except ImportError:
        pass
    env = ", ".join(
        f"{k}={os.environ[k]!r}" if k in os.environ else f"{k} niet gezet"
        for k in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")
    )
    return (
        f"{os.cpu_count()} cores, {mem}, Python {platform.python_version()}, "
        f"numpy {np.__version__}, BLAS: {blas}; {env}; "
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC"
    )


def plain_python_smaa(problem: DecisionProblem, samples: int, seed: int) -> list[list[int]]:
    """The same work as :func:`dashboard.mcda.sensitivity.smaa`, one sample at a time."""
    rng = random.Random(seed)
    m = problem.matrix
    values = problem.value_matrix().tolist()
    gi = problem.group_index().tolist()
    n_groups, n_crit, k = len(m.group_ids), len(m.criterion_ids), len(m.variant_ids)
    tol = tolerance(problem)
    counts = [[0] * k for _ in range(k)]
    gsum = [[0.0] * n_groups for _ in range(k)]
    csum = [[0.0] * n_crit for _ in range(k)]
    for _ in range(samples):
        g = [rng.expovariate(1.0) for _ in range(n_groups)]
        gt = sum(g)
        gs = [x / gt for x in g]
        raw = [rng.expovariate(1.0) for _ in range(n_crit)]
        totals = [0.0] * n_groups
        for c in range(n_crit):
            totals[gi[c]] += raw[c]
        within = [raw[c] / totals[gi[c]] for c in range(n_crit)]
        s = [0.0] * k
        for c in range(n_crit):
            eff = gs[gi[c]] * within[c]
            row = values[c]
            for v in range(k):
                s[v] += eff * row[v]
        first = 0
        for v in range(k):
            pos = 0
            for u in range(k):
                if u != v and (s[u] - s[v] > tol or (abs(s[u] - s[v]) <= tol and u < v)):
                    pos += 1
            counts[v][pos] += 1
            if pos == 0:
                first = v
        for j in range(n_groups):
            gsum[first][j] += gs[j]
        for c in range(n_crit):
            csum[first][c] += within[c]
    return counts


def timed(func, repeats: int) -> tuple[list[float], list[float]]:  # type: ignore[no-untyped-def]
    """Wall-clock and CPU seconds (this process, all threads) per run."""
    wall, cpu = [], []
    for _ in range(repeats):
        start, start_cpu = time.perf_counter(), time.process_time()
        func()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return wall, cpu


def blas_threads(n: int | None):  # type: ignore[no-untyped-def]
    """A context limiting BLAS threads (no-op without threadpoolctl or for None)."""
    import contextlib

    if n is None:
        return contextlib.nullcontext()
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:
        return contextlib.nullcontext()
    return threadpool_limits(limits=n, user_api="blas")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=9)
    parser.add_argument("--loop-samples", type=int, default=2_000)
    parser.add_argument("--blas-threads", type=int, default=None)
    args = parser.parse_args(argv)
    repeats = max(3, min(args.repeats, 50))
    loop_n = max(500, args.loop_samples)
    problem = default_problem()

    print(machine())
    print(
        f"chunk {CHUNK} samples; seed 2012; {repeats} rounds, each: plain-Python loop over "
        f"{loop_n:,} samples, then numpy 100,000 and 1,000,000 samples (interleaved, so a "
        "busy machine slows both sides alike); BLAS threads: "
        + ("default" if args.blas_threads is None else str(args.blas_threads))
    )
    smaa(problem, samples=CHUNK, seed=1)  # warm-up (imports, first allocations)
    loop_wall: list[float] = []
    wall: dict[int, list[float]] = {n: [] for n in TARGETS}
    cpu: dict[int, list[float]] = {n: [] for n in TARGETS}
    ratio: dict[int, list[float]] = {n: [] for n in TARGETS}
    with blas_threads(args.blas_threads):
        for _ in range(repeats):
            (lw,), _ = timed(lambda: plain_python_smaa(problem, loop_n, 2012), 1)
            loop_wall.append(lw)
            for n in TARGETS:
                (w,), (c,) = timed(lambda n=n: smaa(problem, samples=n, seed=2012), 1)
                wall[n].append(w)
                cpu[n].append(c)
                ratio[n].append((lw / loop_n) / (w / n))
    loop_med = statistics.median(loop_wall)
    print(
        f"plain Python loop: {loop_n:>9,} samples  median {loop_med * 1000:8.1f} ms  "
        f"= {loop_med / loop_n * 1e6:6.2f} µs per sample"
    )
    ok = True
    for n, target in TARGETS.items():
        med, best = statistics.median(wall[n]), min(wall[n])
        good = med <= target
        ok &= good
        print(
            f"numpy SMAA:        {n:>9,} samples  median {med * 1000:8.1f} ms  best "
            f"{best * 1000:7.1f} ms  cpu {statistics.median(cpu[n]) * 1000:7.1f} ms  "
            f"target {target * 1000:4.0f} ms  {'OK' if good else 'TE TRAAG'}  "
            f"per sample {med / n * 1e6:.3f} µs; loop/numpy per sample (median of rounds) "
            f"{statistics.median(ratio[n]):,.0f}×"
        )
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"load average (1 min) at the end: {load:.2f}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
