"""Helpers the TUI benchmarks share: wait for a condition with millisecond resolution, and let the app
settle between measurements (Pilot's own idle waits are never inside a timed span)."""

from __future__ import annotations

import asyncio
import time


async def until(cond, timeout: float = 30.0) -> None:
    """Return as soon as ``cond()`` is true (an exception counts as not yet: the screen is composing)."""
    end = time.perf_counter() + timeout
    while True:
        try:
            if cond():
                return
        except Exception:  # not composed yet
            pass
        if time.perf_counter() > end:
            raise TimeoutError
        await asyncio.sleep(0.001)


async def idle(pilot, repaint: float = 0.0) -> None:
    """Wait until workers are done and messages handled; ``repaint`` seconds more for a last repaint."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    if repaint:
        await asyncio.sleep(repaint)


async def timed_press(pilot, key: str, cond) -> float:
    """Seconds from pressing ``key`` until ``cond()`` holds (the press's own waits are not counted)."""
    t0 = time.perf_counter()
    press = asyncio.create_task(pilot.press(key))
    await until(cond)
    elapsed = time.perf_counter() - t0
    await press
    return elapsed
