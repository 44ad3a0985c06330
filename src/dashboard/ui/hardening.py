"""Server-side limits on what a browser may ask of the shared Streamlit process.

Streamlit lets any connected browser send a "clear cache" message over its websocket; the server
then empties ``st.cache_data`` and ``st.cache_resource`` for *every* user (the map geometry,
the scenario store, the derived tables) and each of them pays the rebuild. The menu item is
hidden (``client.toolbarMode = "viewer"``), but the message can still be sent by hand.
:func:`protect_shared_caches` makes it clear only the sender's own session state.
"""

from __future__ import annotations

import logging
from typing import Any

from streamlit.runtime.app_session import AppSession

log = logging.getLogger("dashboard")


def _clear_own_session_only(self: Any) -> None:
    log.info("Verzoek om de gedeelde cache te legen genegeerd; alleen de eigen sessie is gewist")
    self._session_state.clear()


def protect_shared_caches() -> None:
    """Make a browser's "clear cache" request clear only its own session (idempotent)."""
    AppSession._handle_clear_cache_request = _clear_own_session_only  # type: ignore[method-assign]


__all__ = ["protect_shared_caches"]
