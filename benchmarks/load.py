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
import sys
import tempfile
import time
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT_ROOT))

from streamlit.proto.BackMsg_pb2 import BackMsg  # noqa: E402
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: E402
from websockets.asyncio.client import connect  # noqa: E402

from tests.e2e.server import AppServer, rss_bytes_tree, running_app  # noqa: E402

MAX_SESSIONS = 50
MAX_DURATION = 600.0
FINISHED_OK = {
    ForwardMsg.FINISHED_SUCCESSFULLY,
    ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY,
}


@dataclass
class Widget:
    """A numeric widget the load client can move (slider or number input)."""

    id: str
    label: str
    kind: str  # "slider" or "number_input"
    minimum: float
    maximum: float
    step: float
    value: float
    is_int: bool
    fragment_id: str = ""


@dataclass
class RunResult:
    seconds: float
    ok: bool
    errors: list[str] = field(default_factory=list)


class StreamlitSession:
    """One browser-less Streamlit session over the websocket."""

    def __init__(self, base_url: str, page_name: str, rng: random.Random) -> None:
        self.ws_url = base_url.replace("http://", "ws://") + "/_stcore/stream"
        self.page_name = page_name
        self.page_hash = ""
        self.widgets: dict[str, Widget] = {}
        self.rng = rng
        self.ws: Any = None

    async def open(self) -> RunResult:
        self.ws = await connect(
            self.ws_url, subprotocols=["streamlit"], max_size=None, compression=None
        )
        return await self.rerun()

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()

    async def rerun(self, widget: Widget | None = None, value: float | None = None) -> RunResult:
        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = ""
        state.page_script_hash = self.page_hash
        state.page_name = "" if self.page_hash else self.page_name
        if widget is not None and value is not None:
            ws = state.widget_states.widgets.add()
            ws.id = widget.id
            if widget.kind == "slider":
                ws.double_array_value.data.append(value)
            elif widget.is_int:
                ws.int_value = int(value)
            else:
                ws.double_value = value
            if widget.fragment_id:
                state.fragment_id = widget.fragment_id
        start = time.perf_counter()
        await self.ws.send(msg.SerializeToString())
        errors: list[str] = []
        while True:
            raw = await self.ws.recv()
            fwd = ForwardMsg()
            fwd.ParseFromString(raw)
            kind = fwd.WhichOneof("type")
            if kind == "new_session":
                self.page_hash = fwd.new_session.page_script_hash
            elif kind == "delta":
                self._read_delta(fwd, errors)
            elif kind == "page_not_found":
                errors.append(f"pagina niet gevonden: {fwd.page_not_found.page_name}")
            elif kind == "script_finished":
                status = fwd.script_finished
                if status == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    continue
                elapsed = time.perf_counter() - start
                ok = status in FINISHED_OK and not errors
                return RunResult(elapsed, ok, errors)

    def _read_delta(self, fwd: ForwardMsg, errors: list[str]) -> None:
        delta = fwd.delta
        if delta.WhichOneof("type") != "new_element":
            return
        element = delta.new_element
        kind = element.WhichOneof("type")
        if kind == "exception":
            errors.append(f"exception: {element.exception.message[:200]}")
        elif kind == "alert" and element.alert.format == 1:  # Alert.ERROR
            errors.append(f"st.error: {element.alert.body[:200]}")
        elif kind == "slider":
            s = element.slider
            if len(s.default) != 1 or s.options:  # ranges and select sliders are not weights
                return
            current = self.widgets.get(s.id)
            self.widgets[s.id] = Widget(
                id=s.id,
                label=s.label,
                kind="slider",
                minimum=s.min,
                maximum=s.max,
                step=s.step or 1.0,
                value=current.value if current else (s.value[0] if s.value else s.default[0]),
                is_int=s.data_type == 0,
                fragment_id=delta.fragment_id,
            )
        elif kind == "number_input":
            n = element.number_input
            if not (n.has_min and n.has_max):
                return
            current = self.widgets.get(n.id)
            self.widgets[n.id] = Widget(
                id=n.id,
                label=n.label,
                kind="number_input",
                minimum=n.min,
                maximum=n.max,
                step=n.step or 1.0,
                value=current.value if current else n.default,
                is_int=n.data_type == 0,
                fragment_id=delta.fragment_id,
            )

    def pick_widget(self, pattern: re.Pattern[str]) -> Widget:
        matching = [w for w in self.widgets.values() if pattern.search(w.label)]
        pool = matching or list(self.widgets.values())
        if not pool:
            raise RuntimeError(f"geen schuifregelaar of getalveld gevonden op {self.page_name!r}")
        return pool[0]

    async def change(self, pattern: re.Pattern[str]) -> RunResult:
        """Move one weight to another value on its grid, as a user dragging a slider."""
        widget = self.pick_widget(pattern)
        steps = max(1, round((widget.maximum - widget.minimum) / widget.step))
        for _ in range(10):
            value = widget.minimum + self.rng.randint(0, steps) * widget.step
            if abs(value - widget.value) > widget.step / 2:
                break
        widget.value = value
        return await self.rerun(widget, value)


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
) -> dict[str, Any]:
    """N sessions, each changing one weight every ``interval`` seconds for ``duration``."""
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

    with MemorySampler(server.process.pid) as memory:
        before = rss_bytes_tree(server.process.pid)
        started = time.monotonic()
        try:
            await asyncio.gather(*(user(s, interval * i / n) for i, s in enumerate(sessions)))
        finally:
            await asyncio.gather(*(s.close() for s in sessions), return_exceptions=True)
        wall = time.monotonic() - started
        after = rss_bytes_tree(server.process.pid)
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
            row = await paced_round(
                dash, args.page, n, args.duration, args.interval, pattern, seed=n * 97
            )
            results["rounds"].append(row)
            print(
                f"N={n:>2}: {row['reruns']:>4} reruns  p50 {row['p50_s'] * 1000:7.0f} ms  "
                f"p95 {row['p95_s'] * 1000:7.0f} ms  max {row['max_s'] * 1000:7.0f} ms  "
                f"RSS piek {row['rss_peak_mb']:6.0f} MB  fouten {row['failure_count']}"
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
    args = parser.parse_args(argv)
    results = asyncio.run(main_async(args))
    worst = max(results["rounds"], key=lambda r: r["sessions"])
    print(
        f"doel: {worst['sessions']} sessies p95 {worst['p95_s']:.2f} s (≤ 1 s), "
        f"geheugen piek {worst['rss_peak_mb']:.0f} MB (< 400 MB), doorvoer-verhouding "
        f"{results['throughput'][0]['ratio']:.2f} (≥ 0.5)"
    )
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
