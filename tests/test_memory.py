"""The server's loaded objects left out of full garbage collections, once per process."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator

import pytest

from dashboard.ui import memory


class Node:
    def __init__(self) -> None:
        self.other: Node | None = None


@pytest.fixture
def fresh() -> Iterator[None]:
    """As in a new server process (an AppTest of app.py may have frozen this one)."""
    gc.unfreeze()
    memory.leave_loaded_objects_out_of_collections.cache_clear()
    yield
    gc.unfreeze()
    memory.leave_loaded_objects_out_of_collections.cache_clear()


@pytest.mark.usefixtures("fresh")
def test_the_objects_loaded_before_are_frozen_once() -> None:
    loaded = len(gc.get_objects())
    frozen = memory.leave_loaded_objects_out_of_collections()
    assert frozen == gc.get_freeze_count() >= loaded * 0.9
    assert len(gc.get_objects()) < loaded / 10  # out of the collector's sight
    assert memory.leave_loaded_objects_out_of_collections() == frozen  # not again


@pytest.mark.usefixtures("fresh")
def test_what_is_made_later_is_collected_and_frozen_objects_are_still_freed() -> None:
    before = Node()
    freed_before = weakref.ref(before)
    memory.leave_loaded_objects_out_of_collections()

    del before  # no cycle: freed when nothing refers to it, frozen or not
    assert freed_before() is None

    a, b = Node(), Node()
    a.other, b.other = b, a  # a cycle made after the freeze
    collected = weakref.ref(a)
    del a, b
    gc.collect()
    assert collected() is None
