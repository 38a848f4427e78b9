"""Importing 100 000 contacts (Swedish Excel CSV) through the real path (``contact_import.plan_file`` +
``apply``: reading, validation, duplicates, search columns, audit) against the raw sqlite3 floor
(``bench/floor_import.py``: the same rows into the same schema with its indexes and one audit row per
contact). Each round imports into fresh copies of one migrated database, the two alternately."""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path

from bench import _setup, floor_import
from bench.contacts import N_IMPORT, write_import_csv

ROUNDS = 3


def run() -> list[str]:
    from shk_tui.config import resolve
    from shk_tui.db import migrate
    from shk_tui.db.engine import Database
    from shk_tui.services.contacts import contact_import

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        os.environ.setdefault("SHK_DATA_DIR", str(folder / "data"))
        template = folder / "template.sqlite3"
        db = Database(resolve(str(template)))
        migrate.upgrade(db)
        db.dispose()
        csv_path = folder / "kontakter.csv"
        write_import_csv(csv_path)
        counts: list[int] = []

        def fresh(name: str) -> Path:
            path = folder / f"{name}.sqlite3"
            for extra in ("", "-wal", "-shm"):
                Path(f"{path}{extra}").unlink(missing_ok=True)
            shutil.copyfile(template, path)
            return path

        def real() -> float:
            db = Database(resolve(str(fresh("real"))))
            t0 = time.perf_counter()
            plan = contact_import.plan_file(db, csv_path)
            counts.append(contact_import.apply(db, plan))
            seconds = time.perf_counter() - t0
            db.dispose()
            return seconds

        def floor() -> float:
            path = fresh("floor")
            t0 = time.perf_counter()
            floor_import.import_csv(path, csv_path)
            return time.perf_counter() - t0

        figure, base, ratio = _setup.interleaved(real, floor, ROUNDS)
    assert counts and all(n == N_IMPORT for n in counts), counts
    return [
        f"datorns belastning (load average) {os.getloadavg()[0]:.1f}; median av {ROUNDS} omgångar",
        _setup.ratio_line(f"Import av {N_IMPORT} kontakter (CSV) mot rå sqlite3", figure, base, ratio),
        _setup.line(f"Import av {N_IMPORT} kontakter (CSV)", figure, 5.0, unit="s"),
    ]


if __name__ == "__main__":
    for text in run():
        print(text)
