"""A helper process with its own chart engine: :class:`HelperProcess` starts it and talks to it.

vl-convert holds Python's GIL for much of its work (see
:mod:`dashboard.presentation.charts.render`), so a
thread gains little while the process computes something else. This helper process starts the
engine as soon as it runs and then draws the Vega-Lite specifications it is sent, in order.
Protocol: the parent writes one pickled ``(spec, png_scale, drawing)`` after another to the
helper's stdin; the helper answers each with one pickled ``("svg", text, png, made)`` on stdout
(``png`` None unless a scale was given; ``made`` None unless ``drawing`` was asked: then the
PDF's font names and the chart as a pickled reportlab drawing, see
:func:`dashboard.presentation.reports.images.pdf_drawing`) or ``("error", message, None, None)``.
Closing
stdin, or killing the helper, ends it; it holds nothing worth keeping. Started with
``drawings``, it loads svglib and the PDF's fonts right after the engine, while the parent is
still computing the report.

:class:`HelperProcess` is the parent's side; :mod:`dashboard.presentation.charts.render` uses it
and falls back
to drawing in its own process whenever the helper is not there or fails. The helper's own side
is :mod:`dashboard.presentation.charts.helper_child` (it draws with
:mod:`dashboard.presentation.charts.render`'s settings,
so it lives apart from this module, which the renderer imports).
"""

from __future__ import annotations

import pickle
import queue
import subprocess
import sys
import threading
from collections import deque
from concurrent.futures import Future

from dashboard.core.config import PACKAGE_DIR

#: The PDF's (regular, bold) font names and a pickled reportlab drawing in them.
MadeDrawing = tuple[tuple[str, str], bytes]
#: What the helper sends back for one chart: its SVG and, when asked, its PNG and drawing.
Drawn = tuple[str, bytes | None, MadeDrawing | None]
#: The helper's command-line word for "make the PDF's drawings too".
DRAWINGS = "drawings"
#: A one-point chart: drawing it starts the engine (about half a second).
WARM_UP = {"data": {"values": [{"a": 1}]}, "mark": "point"}


def _stopped() -> RuntimeError:
    """What a caller gets when the helper is not running (stopped, could not start, died)."""
    return RuntimeError("de tekenhulp draait niet")


class HelperProcess:
    """The parent's side: starts the helper, sends specs, hands out each answer as a Future."""

    def __init__(self, drawings: bool = False) -> None:
        # this very copy of the package, wherever it was imported from
        package_root = str(PACKAGE_DIR.parent)
        code = (
            f"import sys; sys.path.insert(0, {package_root!r}); "
            "from dashboard.presentation.charts.helper_child import main; raise SystemExit(main())"
        )
        self._process = subprocess.Popen(
            [sys.executable, "-c", code, *([DRAWINGS] if drawings else [])],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self._lock = threading.Lock()
        self._waiting: deque[Future[Drawn]] = deque()
        self._stopped = False
        # A large spec (the national map) fills the pipe before the helper reads it, so the
        # writing happens in a thread: the caller goes on computing meanwhile.
        self._outbox: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()
        self._threads = (
            threading.Thread(target=self._write, name="grafiekhulp-schrijven", daemon=True),
            threading.Thread(target=self._read, name="grafiekhulp-lezen", daemon=True),
        )
        for thread in self._threads:
            thread.start()

    def draw(
        self, spec: dict, png_scale: float | None = None, drawing: bool = False
    ) -> Future[Drawn]:
        """The SVG of ``spec``, with ``png_scale`` its PNG, with ``drawing`` its drawing for
        the PDF, made by the helper; answers come in the order asked."""
        future: Future[Drawn] = Future()
        with self._lock:
            if self._stopped:
                raise _stopped()
            self._waiting.append(future)
        request = (spec, png_scale, drawing)
        self._outbox.put(pickle.dumps(request, protocol=pickle.HIGHEST_PROTOCOL))
        return future

    def stop(self) -> None:
        """Kill the helper at once (a clean exit of its engine takes up to a second)."""
        with self._lock:
            self._stopped = True
        self._outbox.put(None)
        self._process.kill()
        self._process.wait()
        for thread in self._threads:
            thread.join(timeout=1.0)
        for pipe in (self._process.stdin, self._process.stdout):
            if pipe is not None:
                pipe.close()
        self._fail_waiting()

    def _write(self) -> None:
        pipe = self._process.stdin
        assert pipe is not None
        while (data := self._outbox.get()) is not None:
            try:
                pipe.write(data)
                pipe.flush()
            except (OSError, ValueError):  # the helper is gone
                self._fail_waiting()
                return

    def _read(self) -> None:
        pipe = self._process.stdout
        assert pipe is not None
        while True:
            try:
                kind, value, png, made = pickle.load(pipe)
            except Exception:  # end of the pipe: the helper stopped or died
                self._fail_waiting()
                return
            with self._lock:
                future = self._waiting.popleft() if self._waiting else None
            if future is None:
                continue
            if kind == "svg":
                future.set_result((str(value), png, made))
            else:
                future.set_exception(ValueError(str(value)))

    def _fail_waiting(self) -> None:
        with self._lock:
            self._stopped = True
            waiting, self._waiting = list(self._waiting), deque()
        for future in waiting:
            if not future.done():
                future.set_exception(_stopped())
