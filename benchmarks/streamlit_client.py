"""A browser-less Streamlit client: the websocket protocol the browser speaks, in Python.

The load benchmark (``benchmarks/load.py``) runs many light sessions with it; the browser tests
use it to warm up a fresh server. It needs only Streamlit's protobuf messages and ``websockets``,
nothing from the dashboard or the tests.
A session sends ``rerun_script`` messages (with the changed widget value, and the fragment id
when the widget sits in a fragment, as the browser does) and reads ``ForwardMsg`` messages until
the server says the script has finished.
"""

from __future__ import annotations

import random
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import connect

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
        self.nav_pages: list[str] = []  # page names of the last navigation message
        self.page_title = ""  # from st.set_page_config
        self.rng = rng
        self.ws: Any = None
        self.last: RunResult | None = None
        #: called with every message as it arrives (e.g. to time when one came)
        self.on_message: Callable[[ForwardMsg], None] | None = None

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
            if self.on_message is not None:
                self.on_message(fwd)
            kind = fwd.WhichOneof("type")
            if kind == "new_session":
                self.page_hash = fwd.new_session.page_script_hash
            elif kind == "delta":
                self._read_delta(fwd, errors)
            elif kind == "navigation":
                self.nav_pages = [p.page_name for p in fwd.navigation.app_pages]
            elif kind == "page_config_changed":
                self.page_title = fwd.page_config_changed.title
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


def run_once(
    base_url: str, page_name: str = "", on_message: Callable[[ForwardMsg], None] | None = None
) -> StreamlitSession:
    """Open one session on a page, run the script once, close (e.g. to warm up a server).

    The returned session holds what the run showed: ``nav_pages``, ``page_title``, ``widgets``
    and ``last`` (the :class:`RunResult`). ``on_message`` sees every message as it arrives.
    """
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    async def go() -> StreamlitSession:
        session = StreamlitSession(base_url, page_name, random.Random(0))
        session.on_message = on_message
        try:
            session.last = await session.open()
        finally:
            await session.close()
        return session

    # Playwright's sync API keeps an event loop in this thread: run ours in another thread.
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, go()).result()
