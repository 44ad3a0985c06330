"""Many users at once: concurrent sessions on the Varianten page, on loopback, bounded.

What it measures (all in one run, on this machine):

1. For each N in ``--sessions`` (default 1, 5, 10, 20): N sessions open the Varianten page; each
   changes one weight every ``--interval`` seconds (default 2) for ``--duration`` seconds
   (default 60). Reported: rerun time p50/p95/max (from sending the changed weight to the
   server's "script finished") and the server's memory (RSS of the streamlit process and its
   children, read from /proc; peak and at the end of the round).
2. Closed-loop throughput (reruns per second, no pause between reruns) of the Varianten page
   beside a minimal Streamlit app (``benchmarks/minimal_app.py``), for 1 and 4 clients.

The sessions are lightweight websocket clients that speak Streamlit's own protocol (the
protobuf ``BackMsg``/``ForwardMsg`` messages the browser sends and receives), so the load
generator costs little CPU next to the server on a 2-core machine. They change a weight the
way the browser does: a ``rerun_script`` message with the new widget value (and the fragment
id when the widget sits in a fragment). Charts are serialised and sent by the server as for a
browser, but not drawn.

Usage::

    python benchmarks/load.py                         # full run, about 6 minutes
    python benchmarks/load.py --sessions 1,5 --duration 10 --throughput-seconds 5   # quick

Everything runs on 127.0.0.1; sessions are capped at 50 and the duration at 600 s.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from streamlit_client import StreamlitSession  # benchmarks/streamlit_client.py, beside this file

PROJECT_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT_ROOT))

from support.server import AppServer, rss_bytes_tree, running_app  # noqa: E402

MAX_SESSIONS = 50
MAX_DURATION = 600.0


class MemorySampler:
    """Peak RSS of a process tree, sampled in the background."""

    def __init__(self, pid: int, every: float = 0.25) -> None:
        self.pid = pid
        self.every = every
        self.peak = 0
        self._task: asyncio.Task[None] | None = None

    async def _run(self) -> None:
        while True:
            self.peak = max(self.peak, rss_bytes_tree(self.pid))
            await asyncio.sleep(self.every)

    def __enter__(self) -> MemorySampler:
        self.peak = rss_bytes_tree(self.pid)
        self._task = asyncio.get_running_loop().create_task(self._run())
        return self

    def __exit__(self, *exc: object) -> None:
        if self._task:
            self._task.cancel()


def cpu_seconds_tree(pid: int) -> float:
    """User + system CPU seconds of ``pid`` and its children so far, from /proc."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for proc in [pid, *_children(pid)]:
        try:
            stat = (Path("/proc") / str(proc) / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rfind(")") + 2 :].split()
        total += (int(fields[11]) + int(fields[12])) / ticks  # utime, stime
    return total


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat[stat.rfind(")") + 2 :].split()[1]) == pid:
                found.append(int(entry.name))
                found.extend(_children(int(entry.name)))
    return found


def start_profiler(pid: int, out: Path, duration: float) -> subprocess.Popen[bytes]:
    """py-spy (PyPI) sampling the server for the round; collapsed stacks go to ``out``."""
    py_spy = shutil.which("py-spy")
    if not py_spy:
        raise SystemExit("py-spy ontbreekt: pip install py-spy")
    seconds = max(5, int(duration) - 5)
    cmd = [py_spy, "record", "--pid", str(pid), "--duration", str(seconds), "--rate", "50"]
    cmd += ["--format", "raw", "--nonblocking", "--threads", "-o", str(out)]
    return subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def summarise_profile(path: Path, top: int = 12) -> dict[str, list[tuple[str, float]]]:
    """Where the server's samples went: busiest leaf functions ("self"), and the busiest of
    our own functions (pages/, src/dashboard/) counted with what they call ("ours")."""
    self_counts: dict[str, int] = {}
    ours: dict[str, int] = {}
    total = 0
    for line in path.read_text(errors="replace").splitlines():
        stack, _, n = line.rpartition(" ")
        if not n.isdigit():
            continue
        count = int(n)
        total += count
        frames = stack.split(";")
        self_counts[frames[-1]] = self_counts.get(frames[-1], 0) + count
        for frame in set(frames):
            if "pages/" in frame or "dashboard/" in frame:
                ours[frame] = ours.get(frame, 0) + count
    if not total:
        return {"self": [], "ours": []}

    def rank(counts: dict[str, int]) -> list[tuple[str, float]]:
        return [(f, n / total) for f, n in sorted(counts.items(), key=lambda kv: -kv[1])[:top]]

    return {"self": rank(self_counts), "ours": rank(ours)}


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = (len(ordered) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


async def paced_round(
    server: AppServer,
    page: str,
    n: int,
    duration: float,
    interval: float,
    pattern: re.Pattern[str],
    seed: int,
    profile: Path | None = None,
) -> dict[str, Any]:
    """N sessions, each changing one weight every ``interval`` seconds for ``duration``.

    With ``profile``, py-spy samples the server during the round (collapsed stacks to that file).
    """
    sessions = [StreamlitSession(server.url, page, random.Random(seed + i)) for i in range(n)]
    latencies: list[float] = []
    opens: list[float] = []
    failures: list[str] = []

    async def user(session: StreamlitSession, offset: float) -> None:
        first = await session.open()
        opens.append(first.seconds)
        failures.extend(first.errors)
        await asyncio.sleep(offset)  # spread the users over the interval, as real people are
        end = time.monotonic() + duration
        next_at = time.monotonic()
        while True:
            next_at += interval
            result = await session.change(pattern)
            latencies.append(result.seconds)
            if not result.ok:
                failures.extend(result.errors or ["script niet goed afgerond"])
            if next_at >= end:
                break
            await asyncio.sleep(max(0.0, next_at - time.monotonic()))

    profiler = start_profiler(server.process.pid, profile, duration) if profile else None
    with MemorySampler(server.process.pid) as memory:
        before = rss_bytes_tree(server.process.pid)
        cpu_server = cpu_seconds_tree(server.process.pid)
        cpu_client = time.process_time()
        started = time.monotonic()
        try:
            await asyncio.gather(*(user(s, interval * i / n) for i, s in enumerate(sessions)))
        finally:
            await asyncio.gather(*(s.close() for s in sessions), return_exceptions=True)
        wall = time.monotonic() - started
        after = rss_bytes_tree(server.process.pid)
        cpu_server = cpu_seconds_tree(server.process.pid) - cpu_server
        cpu_client = time.process_time() - cpu_client
    if profiler is not None:
        profiler.wait(timeout=duration + 60)
    return {
        "sessions": n,
        "reruns": len(latencies),
        "p50_s": percentile(latencies, 0.50),
        "p95_s": percentile(latencies, 0.95),
        "max_s": max(latencies) if latencies else float("nan"),
        "open_p50_s": percentile(opens, 0.5),
        "rss_before_mb": before / 2**20,
        "rss_peak_mb": memory.peak / 2**20,
        "rss_after_mb": after / 2**20,
        "wall_s": wall,
        "server_cpu": cpu_server / wall,  # 1.0 = one core busy all the time
        "client_cpu": cpu_client / wall,
        "failures": sorted(set(failures))[:5],
        "failure_count": len(failures),
    }


async def closed_loop(
    server: AppServer, page: str, clients: int, seconds: float, pattern: re.Pattern[str]
) -> dict[str, Any]:
    """Reruns per second when ``clients`` sessions change a weight again as soon as possible."""
    sessions = [StreamlitSession(server.url, page, random.Random(1000 + i)) for i in range(clients)]
    counts = [0] * clients
    latencies: list[float] = []

    async def user(i: int, session: StreamlitSession, end: float) -> None:
        while time.monotonic() < end:
            result = await session.change(pattern)
            counts[i] += 1
            latencies.append(result.seconds)

    try:
        for s in sessions:
            await s.open()
        for s in sessions:  # warm the caches: the first weight change may compile/cache
            await s.change(pattern)
        start = time.monotonic()
        end = start + seconds
        await asyncio.gather(*(user(i, s, end) for i, s in enumerate(sessions)))
        wall = time.monotonic() - start
    finally:
        await asyncio.gather(*(s.close() for s in sessions), return_exceptions=True)
    return {
        "clients": clients,
        "reruns": sum(counts),
        "reruns_per_s": sum(counts) / wall,
        "p50_s": percentile(latencies, 0.5),
    }


def parse_list(text: str) -> list[int]:
    values = [int(x) for x in text.split(",") if x.strip()]
    if not values or min(values) < 1 or max(values) > MAX_SESSIONS:
        raise argparse.ArgumentTypeError(f"tussen 1 en {MAX_SESSIONS} sessies")
    return values


def bounded_seconds(text: str) -> float:
    value = float(text)
    if not 0 < value <= MAX_DURATION:
        raise argparse.ArgumentTypeError(f"tussen 0 en {MAX_DURATION:.0f} seconden")
    return value


def machine() -> str:
    cores = os.cpu_count()
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{cores} cores, {mem:.0f} GiB, Python {platform.python_version()}, {platform.machine()}"


async def main_async(args: argparse.Namespace) -> dict[str, Any]:
    pattern = re.compile(args.widget, re.I)
    minimal_pattern = re.compile(".", re.I)
    results: dict[str, Any] = {"machine": machine(), "date": time.strftime("%Y-%m-%d %H:%M")}
    with tempfile.TemporaryDirectory() as tmp, ExitStack() as stack:
        db = f"sqlite:///{Path(tmp) / 'scenarios.sqlite'}"
        dash = stack.enter_context(
            running_app(database_url=db, app=args.app, log_name="load-dashboard.log")
        )
        mini = stack.enter_context(
            running_app(
                database_url=db, app="benchmarks/minimal_app.py", log_name="load-minimal.log"
            )
        )
        # one warm-up session so the first round does not pay for imports and cold caches
        warm = StreamlitSession(dash.url, args.page, random.Random(0))
        first = await warm.open()
        await warm.change(pattern)
        await warm.close()
        results["first_open_s"] = first.seconds
        results["first_open_errors"] = first.errors
        results["widgets"] = sorted({w.label for w in warm.widgets.values()})
        results["rss_idle_mb"] = rss_bytes_tree(dash.process.pid) / 2**20
        results["rss_minimal_idle_mb"] = rss_bytes_tree(mini.process.pid) / 2**20
        print(f"opstart: {first.seconds:.2f} s, weging via {warm.pick_widget(pattern).label!r}")
        results["rounds"] = []
        for n in args.sessions:
            profile = args.profile if (args.profile and n == max(args.sessions)) else None
            row = await paced_round(
                dash,
                args.page,
                n,
                args.duration,
                args.interval,
                pattern,
                seed=n * 97,
                profile=profile,
            )
            results["rounds"].append(row)
            print(
                f"N={n:>2}: {row['reruns']:>4} reruns  p50 {row['p50_s'] * 1000:7.0f} ms  "
                f"p95 {row['p95_s'] * 1000:7.0f} ms  max {row['max_s'] * 1000:7.0f} ms  "
                f"RSS piek {row['rss_peak_mb']:6.0f} MB  CPU server {row['server_cpu']:.2f} "
                f"client {row['client_cpu']:.2f}  fouten {row['failure_count']}"
            )
        results["throughput"] = []
        for clients in args.throughput_clients:
            d = await closed_loop(dash, args.page, clients, args.throughput_seconds, pattern)
            m = await closed_loop(mini, "", clients, args.throughput_seconds, minimal_pattern)
            ratio = d["reruns_per_s"] / m["reruns_per_s"] if m["reruns_per_s"] else float("nan")
            results["throughput"].append({"dashboard": d, "minimal": m, "ratio": ratio})
            print(
                f"doorvoer {clients} client(s): varianten {d['reruns_per_s']:.1f}/s, "
                f"minimale app {m['reruns_per_s']:.1f}/s, verhouding {ratio:.2f}"
            )
        results["rss_end_mb"] = rss_bytes_tree(dash.process.pid) / 2**20
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=parse_list, default=[1, 5, 10, 20])
    parser.add_argument("--duration", type=bounded_seconds, default=60.0)
    parser.add_argument("--interval", type=bounded_seconds, default=2.0)
    parser.add_argument("--throughput-seconds", type=bounded_seconds, default=15.0)
    parser.add_argument("--throughput-clients", type=parse_list, default=[1, 4])
    parser.add_argument("--app", default="app.py", help="het script dat Streamlit draait")
    parser.add_argument("--page", default="varianten", help="URL-pad van de pagina")
    parser.add_argument(
        "--widget",
        default="werkgevers",
        help="reguliere expressie op het label van het gewicht dat de gebruikers verschuiven",
    )
    parser.add_argument("--json", type=Path, help="schrijf alle uitkomsten ook naar dit bestand")
    parser.add_argument(
        "--profile",
        type=Path,
        help="py-spy-profiel van de server tijdens de grootste ronde (collapsed stacks)",
    )
    args = parser.parse_args(argv)
    results = asyncio.run(main_async(args))
    worst = max(results["rounds"], key=lambda r: r["sessions"])
    print(
        f"doel: {worst['sessions']} sessies p95 {worst['p95_s']:.2f} s (≤ 1 s), "
        f"geheugen piek {worst['rss_peak_mb']:.0f} MB (< 400 MB), doorvoer-verhouding "
        f"{results['throughput'][0]['ratio']:.2f} (≥ 0.5)"
    )
    if args.profile and args.profile.exists():
        summary = summarise_profile(args.profile)
        print(f"profiel van de server ({args.profile}), aandeel van alle samples:")
        print("  zelf (de functie die op dat moment liep):")
        for frame, share in summary["self"]:
            print(f"    {share:6.1%}  {frame}")
        print("  eigen code (met wat die aanroept):")
        for frame, share in summary["ours"]:
            print(f"    {share:6.1%}  {frame}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False), "utf-8")
    print(
        json.dumps(
            {"p95_by_sessions": {r["sessions"]: round(r["p95_s"], 3) for r in results["rounds"]}}
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
