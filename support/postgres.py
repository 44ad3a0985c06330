"""A throw-away PostgreSQL server for the scenario-store tests and the scenario benchmark.

The server is Debian's PostgreSQL (``/usr/lib/postgresql/<n>/bin``): ``initdb`` in a temporary
folder, ``pg_ctl start`` on 127.0.0.1 on a free port, stopped and removed by ``stop()``.
When run as root, the server runs as the ``postgres`` user (PostgreSQL refuses root).
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path
from typing import Any


class PostgresUnavailable(RuntimeError):
    pass


def _bin_dir() -> Path:
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True)
    if not candidates:
        raise PostgresUnavailable("geen initdb gevonden onder /usr/lib/postgresql/*/bin")
    return Path(candidates[0]).parent


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class PostgresServer:
    """One running server; :attr:`url` is a SQLAlchemy URL of its ``postgres`` database."""

    def __init__(self) -> None:
        self.bin = _bin_dir()
        self.as_user: str | None = None
        if os.geteuid() == 0:
            try:
                pwd.getpwnam("postgres")
            except KeyError as err:
                raise PostgresUnavailable("als root nodig: een gebruiker 'postgres'") from err
            if not shutil.which("runuser"):
                raise PostgresUnavailable("als root nodig: runuser")
            self.as_user = "postgres"
        self.root = Path(tempfile.mkdtemp(prefix="dashboard-pg-"))
        self.data = self.root / "data"
        self.sock = self.root / "sock"
        self.sock.mkdir()
        if self.as_user:
            entry = pwd.getpwnam(self.as_user)
            for path in (self.root, self.sock):
                os.chown(path, entry.pw_uid, entry.pw_gid)
        self.port = 0
        self._run(
            "initdb",
            "-D",
            str(self.data),
            "-A",
            "trust",
            "-U",
            "postgres",
            "-E",
            "UTF8",
            "--locale=C",
            "--no-sync",
        )
        last = ""
        for _ in range(3):  # the free port may be taken between choosing and binding
            self.port = _free_port()
            options = (
                f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.sock} "
                "-c fsync=off -c max_connections=60"
            )
            result = self._run(
                "pg_ctl",
                "-D",
                str(self.data),
                "-l",
                str(self.root / "server.log"),
                "-w",
                "-t",
                "30",
                "-o",
                options,
                "start",
                check=False,
            )
            if result.returncode == 0:
                break
            last = result.stdout + result.stderr
        else:
            self.stop()
            raise PostgresUnavailable(f"pg_ctl start mislukte: {last.strip()[-300:]}")
        self.url = f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def _run(self, tool: str, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        cmd = [str(self.bin / tool), *args]
        if self.as_user:
            cmd = ["runuser", "-u", self.as_user, "--", *cmd]
        result = subprocess.run(cmd, capture_output=True, text=True, timeout=120, cwd=self.root)
        if check and result.returncode != 0:
            self.stop()
            raise PostgresUnavailable(
                f"{tool} mislukte: {(result.stdout + result.stderr).strip()[-300:]}"
            )
        return result

    def _admin(self) -> Any:
        import psycopg

        return psycopg.connect(
            f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres", autocommit=True
        )

    def create_database(self) -> str:
        """A fresh, empty schema (instant, unlike CREATE DATABASE); returns a SQLAlchemy URL
        whose connections use it as their search path."""
        name = "t_" + uuid.uuid4().hex[:12]
        with self._admin() as conn:
            conn.execute(f'CREATE SCHEMA "{name}"')
        return (
            f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"
            f"?options=-csearch_path%3D{name}"
        )

    def drop_database(self, url: str) -> None:
        name = url.rsplit("%3D", 1)[1]
        with self._admin() as conn:
            conn.execute(f'DROP SCHEMA IF EXISTS "{name}" CASCADE')

    def stop(self) -> None:
        if self.data.exists() and (self.data / "postmaster.pid").exists():
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "stop", check=False)
        shutil.rmtree(self.root, ignore_errors=True)
