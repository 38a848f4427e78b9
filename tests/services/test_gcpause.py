"""The collector is paused for bulk work and enabled again afterwards, also when uses nest or fail."""

from __future__ import annotations

import gc
import threading

import pytest

from shk_tui.gcpause import paused


def test_paused_and_restored_even_after_an_error():
    assert gc.isenabled()
    with pytest.raises(RuntimeError), paused():
        assert not gc.isenabled()
        raise RuntimeError("boom")
    assert gc.isenabled()


def test_nested_and_concurrent_uses_enable_it_once_the_last_ends():
    inside, release = threading.Event(), threading.Event()

    def other() -> None:
        with paused():
            inside.set()
            release.wait(5)

    thread = threading.Thread(target=other)
    with paused():
        thread.start()
        inside.wait(5)
        with paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert not gc.isenabled()  # the other thread is still importing
    release.set()
    thread.join(5)
    assert gc.isenabled()


def test_stays_disabled_when_it_was_disabled_before():
    gc.disable()
    try:
        with paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
