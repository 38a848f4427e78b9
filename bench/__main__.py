"""Run every benchmark module in this package and print its figures.

A module bench/<name>.py takes part when it defines ``run() -> list[str]``: lines of measured figures
with their targets and PASS/FAIL. Each module runs in a fresh Python process, as the app would start:
one benchmark's data and garbage must not slow the next. Exit status 1 when any line says FAIL.
``python -m bench NAME …`` runs only those modules."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
import time
from pathlib import Path


def main(argv: list[str]) -> int:
    here = Path(__file__).parent
    failed = False
    names = sorted(m.name for m in pkgutil.iter_modules([str(here)]) if not m.name.startswith("_"))
    if argv:
        names = [n for n in names if n in argv]
    if not names:
        print("Inga benchmarks ännu.")
        return 0
    for name in names:
        source = (here / f"{name}.py").read_text(encoding="utf-8")
        if "def run(" not in source:
            continue
        print(f"== {name}", flush=True)
        started = time.perf_counter()
        proc = subprocess.run(
            [sys.executable, "-c", f"import bench.{name} as m\nfor line in m.run(): print(line, flush=True)"],
            cwd=here.parent, capture_output=True, text=True,
        )
        for line in proc.stdout.splitlines():
            print(f"   {line}")
            failed = failed or "FAIL" in line
        if proc.returncode != 0:
            failed = True
            print(f"   FAIL: benchmarken avbröts (kod {proc.returncode})")
            for line in proc.stderr.strip().splitlines()[-8:]:
                print(f"   {line}")
        print(f"   ({time.perf_counter() - started:.1f} s)", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
