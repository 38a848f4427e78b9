"""What the benchmarks share besides Pilot: a migrated SQLite file filled by a generator (in a temporary
folder, opened afresh so the generator's garbage and caches are gone), and the printed result line."""

from __future__ import annotations

import gc
import os
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass
class Generated:
    db: Any  # shk_tui.db.engine.Database, opened after the data was generated
    path: Path  # the SQLite file
    folder: Path  # the temporary folder (removed afterwards)
    seconds: float  # how long generating took
    value: Any  # what the generator returned


@contextmanager
def generated(generate: Callable[[Any], Any]) -> Iterator[Generated]:
    from shk_tui.config import resolve
    from shk_tui.db import migrate
    from shk_tui.db.engine import Database

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        os.environ.setdefault("SHK_DATA_DIR", str(folder / "data"))
        path = folder / "bench.sqlite3"
        db = Database(resolve(str(path)))
        migrate.upgrade(db)
        t0 = time.perf_counter()
        value = generate(db)
        seconds = time.perf_counter() - t0
        db.dispose()
        gc.collect()  # the generator's rows are garbage now; don't time their collection
        db = Database(resolve(str(path)))
        try:
            yield Generated(db, path, folder, seconds, value)
        finally:
            db.dispose()


def line(name: str, value: float, target: float, unit: str = "ms") -> str:
    """``name: 123 ms (mål < 300 ms) PASS``; ``value`` and ``target`` in seconds (or in ``unit``)."""
    if unit == "ms":
        shown, goal = f"{value * 1000:.0f} ms", f"{target * 1000:.0f} ms"
    else:
        shown, goal = f"{value:.2f} {unit}", f"{target:g} {unit}"
    return f"{name}: {shown} (mål < {goal}) {'PASS' if value < target else 'FAIL'}"


def ratio_line(name: str, figure: float, floor: float, ratio: float | None = None, *, target: float = 1.5,
               unit: str = "s") -> str:
    """``name: 1.20 s, golv 0.90 s, 1.33× (mål ≤ 1.5×) PASS``: figure and floor in seconds, measured in
    the same run; ``ratio`` (the median of per-round ratios) defaults to figure / floor."""
    if ratio is None:
        ratio = figure / floor if floor else float("inf")
    shown = (lambda v: f"{v * 1000:.0f} ms") if unit == "ms" else (lambda v: f"{v:.2f} {unit}")
    return (f"{name}: {shown(figure)}, golv {shown(floor)}, {ratio:.2f}× (mål ≤ {target:g}×) "
            f"{'PASS' if ratio <= target else 'FAIL'}")


def interleaved(figure: Callable[[], float], floor: Callable[[], float], rounds: int) -> tuple[float, float, float]:
    """Measure ``figure`` and ``floor`` alternately (which goes first alternates too) ``rounds`` times, so
    the load of the machine falls on both alike; returns the median figure, the median floor and the median
    of the per-round ratios."""
    import statistics

    figures, floors, ratios = [], [], []
    for i in range(rounds):
        if i % 2:
            b = floor()
            a = figure()
        else:
            a = figure()
            b = floor()
        figures.append(a)
        floors.append(b)
        ratios.append(a / b)
    return statistics.median(figures), statistics.median(floors), statistics.median(ratios)
