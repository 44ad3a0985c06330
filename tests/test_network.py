"""Nagle's algorithm off on the server's sockets: the listening one and every connection."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from dashboard.ui import network


def nodelay(sock: socket.socket) -> bool:
    return bool(sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))


@pytest.fixture
def listener() -> Iterator[socket.socket]:
    """A listening socket made as Streamlit's server makes it: protocol 0, no TCP_NODELAY."""
    with socket.socket(family=socket.AF_INET) as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        yield sock


def connect(listener: socket.socket) -> tuple[socket.socket, socket.socket]:
    client = socket.create_connection(listener.getsockname())
    accepted, _ = listener.accept()
    return client, accepted


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs Linux /proc")
def test_the_listening_socket_and_its_connections_send_without_delay(
    listener: socket.socket,
) -> None:
    port = listener.getsockname()[1]
    open_client, open_accepted = connect(listener)
    with socket.socket() as elsewhere:  # another port: a database, a download
        elsewhere.bind(("127.0.0.1", 0))
        elsewhere.listen()
        with open_client, open_accepted:
            assert not nodelay(open_accepted)  # as a browser connection is without the fix

            assert network.send_without_delay(port) == 2  # the listener and the open connection

            assert nodelay(listener) and nodelay(open_accepted)
            later_client, later_accepted = connect(listener)
            with later_client, later_accepted:
                assert nodelay(later_accepted)  # taken from the listening socket
        assert not nodelay(elsewhere)


def test_without_proc_nothing_changes(
    listener: socket.socket, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(network, "_FD_FOLDER", str(tmp_path / "geen-proc"))
    assert network.send_without_delay(listener.getsockname()[1]) == 0
    assert not nodelay(listener)
