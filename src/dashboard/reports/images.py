"""Plotly figures → PNG bytes with kaleido 1.x and a local Chromium (Debian: /usr/bin/chromium).

Kaleido 1.x no longer ships its own browser: it drives an installed Chrome/Chromium through
choreographer. choreographer looks for the browser in ``BROWSER_PATH`` and then on ``PATH``; we
resolve the path ourselves first (``DASHBOARD_CHROMIUM``, ``BROWSER_PATH``, ``chromium``,
``chromium-browser``, ``google-chrome``) so a missing browser gives a clear Dutch message instead of
a hung or English error. choreographer already starts Chromium headless and with ``--no-sandbox``
(its default ``enable_sandbox=False``), which is what running as root in a container needs.

Starting Chromium takes several seconds, so one :class:`ImageRenderer` keeps one browser open on a
private asyncio loop in a background thread and renders every chart through it;
:func:`shared_renderer` hands out one per process.
"""

from __future__ import annotations

import asyncio
import atexit
import hashlib
import json
import logging
import os
import shutil
import threading
from collections import OrderedDict
from collections.abc import Coroutine
from concurrent.futures import TimeoutError as FutureTimeout
from pathlib import Path
from typing import Any

from dashboard.config import CHROMIUM_ENVS, chromium_setting
from dashboard.errors import ChromiumMissingError, DashboardError

log = logging.getLogger(__name__)

#: Environment variable with the path of the Chromium executable to use for chart images.
CHROMIUM_ENV = CHROMIUM_ENVS[0]
_CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")

#: Seconds to wait for the browser to start and for one image.
START_TIMEOUT = 90.0
RENDER_TIMEOUT = 60.0
#: Rendered images kept per renderer.
CACHE_SIZE = 32


def find_chromium() -> str:
    """Path of the Chromium executable; raise :class:`ChromiumMissingError` naming the fix."""
    setting = chromium_setting()
    if setting:
        env, configured = setting
        path = Path(configured).expanduser()
        if path.is_file() and os.access(path, os.X_OK):
            return str(path)
        raise ChromiumMissingError(
            f"de browser voor grafiekafbeeldingen is niet gevonden op {configured} "
            f"(omgevingsvariabele {env}); zet daar het pad naar chromium"
        )
    for name in _CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    raise ChromiumMissingError(
        "voor de grafieken in PDF en PowerPoint is Chromium nodig, maar die is niet gevonden; "
        "installeer het pakket 'chromium' (apt-get install chromium) of zet "
        f"{CHROMIUM_ENV} op het pad van chromium of chrome"
    )


class ImageRenderer:
    """One headless Chromium, reused for every chart.

    Parameters
    ----------
    browser_path
        Chromium executable; default :func:`find_chromium`.

    Use as a context manager or call :meth:`close`; the browser starts on the first
    :meth:`png` call.
    """

    def __init__(self, browser_path: str | None = None) -> None:
        self._browser_path = browser_path
        self._lock = threading.RLock()  # close() runs under the lock after a failed render
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._kaleido: Any = None
        # The PDF and the deck of one view draw the same figures; maps take seconds each.
        self._cache: OrderedDict[tuple[str, int, int, float], bytes] = OrderedDict()

    # --- lifecycle -----------------------------------------------------------------------
    def _run(self, coro: Coroutine[Any, Any, Any], timeout: float) -> Any:
        assert self._loop is not None
        future = asyncio.run_coroutine_threadsafe(coro, self._loop)
        try:
            return future.result(timeout)
        except FutureTimeout as err:
            future.cancel()
            raise DashboardError(
                f"het tekenen van een grafiekafbeelding duurde langer dan {timeout:.0f} seconden"
            ) from err

    def _start(self) -> None:
        if self._kaleido is not None:
            return
        path = self._browser_path or find_chromium()
        import kaleido  # slow import; only when images are really needed

        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(
            target=self._loop.run_forever, name="kaleido-loop", daemon=True
        )
        self._thread.start()

        async def open_browser() -> Any:
            # mathjax=False: no CDN request (meeting rooms are often offline; we use no LaTeX).
            k = kaleido.Kaleido(path=path, mathjax=False, n=1, timeout=RENDER_TIMEOUT)
            await k.open()
            return k

        try:
            self._kaleido = self._run(open_browser(), START_TIMEOUT)
        except DashboardError:
            self._stop_loop()
            raise
        except Exception as err:  # choreographer raises several kinds; the user needs one line
            self._stop_loop()
            raise ChromiumMissingError(
                f"Chromium ({path}) kon niet worden gestart voor de grafiekafbeeldingen: {err}"
            ) from err

    def _stop_loop(self) -> None:
        if self._loop is not None:
            self._loop.call_soon_threadsafe(self._loop.stop)
            if self._thread is not None:
                self._thread.join(timeout=5)
        self._loop = None
        self._thread = None

    def close(self) -> None:
        """Stop the browser (safe to call twice)."""
        with self._lock:
            if self._kaleido is not None:
                try:
                    self._run(self._kaleido.close(), 30)
                except Exception:  # closing is best effort; the process may already be gone
                    log.warning("Chromium voor afbeeldingen sloot niet netjes af", exc_info=True)
                self._kaleido = None
            self._stop_loop()

    def __enter__(self) -> ImageRenderer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- rendering -----------------------------------------------------------------------
    def png(self, figure: Any, width: int = 1000, height: int = 560, scale: float = 2.0) -> bytes:
        """PNG bytes of a plotly figure (``go.Figure`` or its dict); repeated figures are cached."""
        as_json = (
            figure.to_json() if hasattr(figure, "to_json") else json.dumps(figure, default=str)
        )
        key = (hashlib.sha256(as_json.encode()).hexdigest(), width, height, scale)
        with self._lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
            self._start()
            opts = {"format": "png", "width": width, "height": height, "scale": scale}
            try:
                data = self._run(self._kaleido.calc_fig(figure, opts=opts), RENDER_TIMEOUT + 5)
            except Exception as err:
                # A hung or crashed browser must not stay around: the next image starts afresh.
                self.close()
                if isinstance(err, DashboardError):
                    raise
                raise DashboardError(
                    f"een grafiek kon niet als afbeelding worden getekend: {err}"
                ) from err
        if not isinstance(data, bytes | bytearray) or not bytes(data).startswith(b"\x89PNG"):
            raise DashboardError("een grafiek kon niet als afbeelding worden getekend (geen PNG)")
        with self._lock:
            self._cache[key] = bytes(data)
            while len(self._cache) > CACHE_SIZE:
                self._cache.popitem(last=False)
        return bytes(data)


_shared: ImageRenderer | None = None
_shared_lock = threading.Lock()


def shared_renderer() -> ImageRenderer:
    """One renderer per process (the browser start takes seconds); closed at exit."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = ImageRenderer()
            atexit.register(_shared.close)
        return _shared
