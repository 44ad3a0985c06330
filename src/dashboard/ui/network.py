"""The server's connections to browsers without Nagle's wait.

Streamlit 1.67's own server (uvicorn) binds its listening socket itself, as
``socket.socket(family)``: protocol 0. Python's asyncio turns Nagle's algorithm off
(``TCP_NODELAY``) only on sockets whose protocol is ``IPPROTO_TCP`` (the same check skips it on
macOS, cpython#148783), so every browser connection keeps it on. A small message that follows one
the browser has not yet acknowledged then waits for the browser's delayed acknowledgement, 40 ms
on Linux: measured here, a script run's messages reached the browser 40 ms after the server sent
them, and each static file of a first visit could wait as long (``benchmarks/RESULTS.md``).

On Linux a connection accepted on a listening socket takes the listening socket's ``TCP_NODELAY``,
so setting it once on the server's listening socket covers every later connection; the ones open
at that moment get it as well. Where ``/proc/self/fd`` does not exist nothing changes.
"""

from __future__ import annotations

import functools
import os
import socket

import streamlit as st

_FD_FOLDER = "/proc/self/fd"


def _tcp_socket_on(fd: int, port: int) -> socket.socket | None:
    """A duplicate of ``fd`` if it is a TCP socket whose own address has ``port``, else None."""
    try:
        if not os.readlink(f"{_FD_FOLDER}/{fd}").startswith("socket:"):
            return None
        sock = socket.socket(fileno=os.dup(fd))
    except (OSError, ValueError):
        return None
    try:
        if (
            sock.family in (socket.AF_INET, socket.AF_INET6)
            and sock.type == socket.SOCK_STREAM
            and sock.getsockname()[1] == port
        ):
            return sock
    except OSError:
        pass
    sock.close()
    return None


def send_without_delay(port: int) -> int:
    """Turn Nagle's algorithm off on this process's TCP sockets on ``port``; return how many.

    Those are the server's listening socket (connections accepted later take the setting) and the
    connections open now. Sockets on other ports (a database, a download) are left alone.
    """
    try:
        names = os.listdir(_FD_FOLDER)
    except OSError:
        return 0
    done = 0
    for name in names:
        sock = _tcp_socket_on(int(name), port) if name.isdigit() else None
        if sock is None:
            continue
        with sock:  # closes the duplicate only
            try:
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                done += 1
            except OSError:
                pass
    return done


@functools.cache
def server_sends_without_delay() -> int:
    """Once per server process: :func:`send_without_delay` on Streamlit's port."""
    return send_without_delay(int(st.get_option("server.port")))


__all__ = ["send_without_delay", "server_sends_without_delay"]
