"""The server's long-lived objects left out of Python's full garbage collections.

A server process holds some 190,000 objects that live as long as it does: the modules of
Streamlit, pandas and the dashboard, and the data and drawings cached for every session. Python's
full collection walks all of them each time it runs, while holding the lock every session's run
waits for: measured here, 43–256 ms, about once in four or five page visits
(``benchmarks/RESULTS.md``). Once the first run has loaded them, :func:`gc.freeze` moves them out
of the collector's sight; objects made later are collected as before, and objects no longer used
are still freed when nothing refers to them. What is no longer collected is garbage with
reference cycles among the objects alive at that moment: one run's worth at most, once.
"""

from __future__ import annotations

import functools
import gc


@functools.cache
def leave_loaded_objects_out_of_collections() -> int:
    """Once per server process, at the end of its first complete run: :func:`gc.freeze`.
    Returns the number of objects it moved out of the collector's sight."""
    gc.freeze()
    return gc.get_freeze_count()


__all__ = ["leave_loaded_objects_out_of_collections"]
