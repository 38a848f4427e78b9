"""Pausing Python's cyclic garbage collector during bulk work.

Reading and writing 100 000 contacts allocates millions of objects that live until the work is done
and form no reference cycles; the collector would walk all of them again and again (a third of an
import's time). Reference counting still frees everything as usual while the collector is paused."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_depth = 0
_was_enabled = False


@contextmanager
def paused() -> Iterator[None]:
    """Pause the collector for the block (nested and concurrent uses are counted: it is enabled
    again when the last one ends, and only if it was enabled when the first began)."""
    global _depth, _was_enabled
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _was_enabled:
                gc.enable()
