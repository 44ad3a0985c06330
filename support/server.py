"""Start and stop the Streamlit app as a real server process for browser tests and benchmarks.

Kept free of pytest so the benchmarks can use it too.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = PROJECT_ROOT / "test-artifacts"

#: Debian's chromium; never a downloaded browser build.
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]


def free_port() -> int:
    """A TCP port on 127.0.0.1 that is free right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class AppServer:
    """A running ``streamlit run`` process on loopback."""

    process: subprocess.Popen[bytes]
    port: int
    log_path: Path
    database_url: str

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def log_tail(self, lines: int = 40) -> str:
        try:
            text = self.log_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""
        return "\n".join(text.splitlines()[-lines:])


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as resp:
            return resp.status == 200
    except (urllib.error.URLError, OSError):
        return False


@contextmanager
def running_app(
    *,
    database_url: str,
    app: str = "app.py",
    port: int | None = None,
    extra_env: dict[str, str] | None = None,
    log_name: str | None = None,
    timeout: float = 90.0,
) -> Iterator[AppServer]:
    """Run ``streamlit run <app>`` on 127.0.0.1 until the block ends.

    ``DASHBOARD_DATA_DIR`` comes from the environment; the scenario database is the one given.
    The server's output goes to ``test-artifacts/logs/``.
    """
    options = {"database_url": database_url, "app": app, "port": port, "extra_env": extra_env}
    with running_apps({**options, "log_name": log_name}, timeout=timeout) as (server,):
        yield server


@contextmanager
def running_apps(*servers: dict[str, Any], timeout: float = 90.0) -> Iterator[list[AppServer]]:
    """Several servers (each given by :func:`running_app`'s keyword arguments) started side by
    side: all are launched before the first is waited for, so their start-ups overlap."""
    started: list[AppServer] = []
    try:
        for options in servers:
            started.append(_launch(**options))
        for server in started:
            _wait_until_healthy(server, timeout)
        yield started
    finally:
        for server in started:
            stop(server.process)


def _launch(
    *,
    database_url: str,
    app: str = "app.py",
    port: int | None = None,
    extra_env: dict[str, str] | None = None,
    log_name: str | None = None,
) -> AppServer:
    port = port or free_port()
    env = dict(os.environ)
    env["DASHBOARD_DATABASE_URL"] = database_url
    env["PYTHONUNBUFFERED"] = "1"
    env.update(extra_env or {})
    log_dir = ARTIFACTS / "logs"
    log_dir.mkdir(parents=True, exist_ok=True)
    log_path = log_dir / (log_name or f"streamlit-{port}.log")
    cmd = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        app,
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
    ]
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            cmd,
            cwd=PROJECT_ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, so we stop exactly what we started
        )
    return AppServer(process, port, log_path, database_url)


def _wait_until_healthy(server: AppServer, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not _healthy(server.url):
        if server.process.poll() is not None:
            raise RuntimeError(
                f"Streamlit stopte bij het starten (code {server.process.returncode}):\n"
                + server.log_tail()
            )
        if time.monotonic() > deadline:
            raise RuntimeError(
                f"Streamlit werd niet gezond binnen {timeout:.0f} s:\n" + server.log_tail()
            )
        time.sleep(0.2)


def stop(process: subprocess.Popen[bytes], grace: float = 10.0) -> None:
    """Stop the process group we started: SIGTERM, then SIGKILL after ``grace`` seconds."""
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    try:
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        with suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=grace)


def rss_bytes_tree(pid: int) -> int:
    """Resident memory of ``pid`` and all its descendants, read from /proc."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # the command name may hold spaces and parentheses: split after the last ')'
        fields = stat[stat.rfind(")") + 2 :].split()
        children.setdefault(int(fields[1]), []).append(int(entry.name))
    total = 0
    todo = [pid]
    page = os.sysconf("SC_PAGE_SIZE")
    while todo:
        current = todo.pop()
        try:
            statm = (Path("/proc") / str(current) / "statm").read_text().split()
            total += int(statm[1]) * page
        except OSError:
            pass
        todo.extend(children.get(current, []))
    return total
