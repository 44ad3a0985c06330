"""Two app replicas, one scenario database: each sees what the other saved.

Each replica is a separate Python process with its own open :class:`ScenarioStore` (its own
engine and connection pool), as two ``streamlit run`` processes behind a reverse proxy would
have. The browser version (two app servers, save on one, open on the other) lives in
``tests/e2e/test_multi_replica.py``.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

WORKER = textwrap.dedent(
    """
    import json, sys
    from dashboard.scenarios import Scenario, open_store

    store = open_store(sys.argv[1])
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        cmd, _, arg = line.strip().partition(" ")
        if cmd == "save":
            store.save(Scenario(name=arg, problem_config={"groups": {"werkgevers": 2}},
                                author=sys.argv[2], note="opgeslagen door " + sys.argv[2]))
            print(json.dumps({"saved": arg}), flush=True)
        elif cmd == "list":
            print(json.dumps({"names": store.names()}), flush=True)
        elif cmd == "author":
            print(json.dumps({"author": store.get(arg).author}), flush=True)
    store.close()
    """
)


class Replica:
    """A long-lived process holding one open store, driven line by line."""

    def __init__(self, url: str, label: str) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-c", WORKER, url, label],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert self._read() == {"ready": True}

    def _read(self) -> dict:
        line = self.proc.stdout.readline()  # type: ignore[union-attr]
        if not line:
            raise AssertionError(f"replica stopte: {self.proc.stderr.read()}")  # type: ignore[union-attr]
        return json.loads(line)

    def ask(self, command: str) -> dict:
        self.proc.stdin.write(command + "\n")  # type: ignore[union-attr]
        self.proc.stdin.flush()  # type: ignore[union-attr]
        return self._read()

    def close(self) -> None:
        self.proc.stdin.close()  # type: ignore[union-attr]
        self.proc.wait(timeout=30)


def test_two_replicas_see_each_others_scenarios(store_url: str) -> None:
    """Against SQLite and (in .ci/run) a real PostgreSQL server (``store_url`` fixture)."""
    a = Replica(store_url, "replica-a")
    b = Replica(store_url, "replica-b")
    try:
        assert a.ask("list") == {"names": []}
        assert b.ask("list") == {"names": []}  # both stores open before anything is saved
        a.ask("save Wethouder Jansen")
        assert "Wethouder Jansen" in b.ask("list")["names"]
        b.ask("save Wethouder de Vries")
        assert set(a.ask("list")["names"]) == {"Wethouder Jansen", "Wethouder de Vries"}
        # an update from one replica is what the other reads next
        b.ask("save Wethouder Jansen")
        assert a.ask("author Wethouder Jansen") == {"author": "replica-b"}
    finally:
        a.close()
        b.close()
