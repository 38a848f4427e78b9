"""``shk due`` as a whole process on the example data (interpreter start included) against the floor
``bench/floor_due.py`` (``import sqlalchemy, sqlite3`` and one query of the same kind), alternately,
several times; medians."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from bench import _setup

ROUNDS = 9
ROOT = str(Path(__file__).resolve().parents[1])


def _timed(argv: list[str], env: dict[str, str]) -> float:
    t0 = time.perf_counter()
    subprocess.run(argv, env=env, cwd=ROOT, check=True, capture_output=True)
    return time.perf_counter() - t0


def run() -> list[str]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        env = {**os.environ, "SHK_DATA_DIR": str(folder / "data"), "SHK_CONFIG_DIR": str(folder / "config")}
        db_path = folder / "shk.sqlite3"
        subprocess.run([sys.executable, "-m", "shk_tui", "--db", str(db_path), "demo"], env=env, cwd=ROOT,
                       check=True, capture_output=True)
        due = [sys.executable, "-m", "shk_tui", "--db", str(db_path), "due"]
        floor = [sys.executable, "-m", "bench.floor_due", str(db_path), (date.today() + timedelta(days=30)).isoformat()]
        _timed(due, env)  # the first run rolls due auto-renewals once, and warms the OS file cache
        _timed(floor, env)
        figure, base, ratio = _setup.interleaved(lambda: _timed(due, env), lambda: _timed(floor, env), ROUNDS)
    return [
        f"datorns belastning (load average) {os.getloadavg()[0]:.1f}; median av {ROUNDS} körningar var",
        _setup.ratio_line("shk due som process mot import sqlalchemy, sqlite3 + en fråga", figure, base, ratio,
                          unit="ms"),
    ]


if __name__ == "__main__":
    for text in run():
        print(text)
