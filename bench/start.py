"""Start of ``shk`` as a whole process in a terminal (a pseudo-terminal of 120×40), on the example data,
until Översikt's first rows are painted (its first category heading shows), against the floor
``bench/floor_app.py`` (a bare Textual app with a header, 30 rows and a footer, until its last row
shows). The two are started alternately, several times; medians. A first start before the rounds takes
the day's backup, as the first start of a morning would; the rounds start as the day's later starts."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

from bench import _setup, _term, floor_app

ROUNDS = 7
ROOT = str(Path(__file__).resolve().parents[1])


def first_heading(db_path: Path, today: date) -> str:
    """What Översikt's first row says: its first category and how many items it holds (after rolling due
    auto-renewals, a write the first opening of Översikt makes once)."""
    from shk_tui.config import resolve
    from shk_tui.db.engine import Database
    from shk_tui.services import attention
    from shk_tui.services.contracts import contract_edit

    db = Database(resolve(str(db_path)))
    try:
        contract_edit.roll_renewals(db, today)
        category, items = attention.group(attention.collect(db, today))[0]
    finally:
        db.dispose()
    return f"{category} ({len(items)})"


def run() -> list[str]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        env = {**os.environ, "SHK_DATA_DIR": str(folder / "data"), "SHK_CONFIG_DIR": str(folder / "config")}
        db_path = folder / "shk.sqlite3"
        subprocess.run([sys.executable, "-m", "shk_tui", "--db", str(db_path), "demo"], env=env, cwd=ROOT,
                       check=True, capture_output=True)
        marker = first_heading(db_path, date.today())
        shk = [sys.executable, "-m", "shk_tui", "--db", str(db_path)]
        floor = [sys.executable, "-m", "bench.floor_app"]
        _term.painted(shk, marker, env=env, cwd=ROOT)  # the day's first start: its backup, the OS file cache
        _term.painted(floor, floor_app.MARKER, env=env, cwd=ROOT)
        figure, base, ratio = _setup.interleaved(lambda: _term.painted(shk, marker, env=env, cwd=ROOT),
                                                 lambda: _term.painted(floor, floor_app.MARKER, env=env, cwd=ROOT),
                                                 ROUNDS)
    return [
        f"datorns belastning (load average) {os.getloadavg()[0]:.1f}; median av {ROUNDS} starter var",
        _setup.ratio_line(f"Start till Översiktens första rader ({marker}) mot en bar Textual-app", figure, base,
                          ratio, unit="ms"),
    ]


if __name__ == "__main__":
    for text in run():
        print(text)
