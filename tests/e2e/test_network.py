"""`streamlit run app.py` sends to browsers without Nagle's wait (``dashboard.ui.network``).

Looks at the server's own sockets: copies of them are taken with ``pidfd_getfd`` (Linux 5.6+,
allowed for a child process), so the check needs no timing.
"""

from __future__ import annotations

import ctypes
import errno
import os
import socket
from pathlib import Path

import pytest

from benchmarks.streamlit_client import run_once
from support.server import running_app

_SYS_PIDFD_GETFD = 438  # the same number on every Linux architecture


def server_sockets(pid: int, port: int) -> list[bool]:
    """TCP_NODELAY of each socket of process ``pid`` on ``port`` (listener and connections)."""
    libc = ctypes.CDLL(None, use_errno=True)
    pidfd = os.pidfd_open(pid)
    found = []
    try:
        for name in os.listdir(f"/proc/{pid}/fd"):
            try:
                if not os.readlink(f"/proc/{pid}/fd/{name}").startswith("socket:"):
                    continue
            except OSError:
                continue  # closed meanwhile
            fd = libc.syscall(_SYS_PIDFD_GETFD, pidfd, int(name), 0)
            if fd < 0:
                code = ctypes.get_errno()
                if code in (errno.EPERM, errno.ENOSYS, errno.EACCES):
                    pytest.skip(f"pidfd_getfd niet toegestaan hier: {os.strerror(code)}")
                continue  # closed meanwhile
            with socket.socket(fileno=fd) as sock:
                if (
                    sock.family in (socket.AF_INET, socket.AF_INET6)
                    and sock.type == socket.SOCK_STREAM
                    and sock.getsockname()[1] == port
                ):
                    found.append(bool(sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)))
    finally:
        os.close(pidfd)
    return found


@pytest.mark.skipif(not hasattr(os, "pidfd_open"), reason="needs Linux")
def test_the_server_sends_without_delay_after_its_first_run(tmp_path: Path) -> None:
    with running_app(
        database_url=f"sqlite:///{tmp_path / 'scenarios.sqlite'}", log_name="streamlit-network.log"
    ) as app:
        before = server_sockets(app.process.pid, app.port)  # Streamlit's own listener
        assert before and not any(before), before

        run_once(app.url, "")  # the first visitor runs app.py
        after = server_sockets(app.process.pid, app.port)
        assert after and all(after), after  # the listener, and the connections it accepts
