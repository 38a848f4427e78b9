"""Run every benchmark module in this package and print its figures.

A module bench/<name>.py takes part when it defines ``run() -> list[str]``: lines of measured figures
with their targets and PASS/FAIL. Exit status 1 when any line says FAIL."""

from __future__ import annotations

import importlib
import pkgutil
import sys
import time
from pathlib import Path


def main() -> int:
    here = Path(__file__).parent
    failed = False
    names = sorted(m.name for m in pkgutil.iter_modules([str(here)]) if not m.name.startswith("_"))
    if not names:
        print("Inga benchmarks ännu.")
        return 0
    for name in names:
        module = importlib.import_module(f"bench.{name}")
        run = getattr(module, "run", None)
        if run is None:
            continue
        print(f"== {name}")
        started = time.perf_counter()
        for line in run():
            print(f"   {line}")
            failed = failed or "FAIL" in line
        print(f"   ({time.perf_counter() - started:.1f} s)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
