"""A throw-away PostgreSQL 15 server for the test run, started from the local binaries.

initdb refuses to run as root, so as root the data dir is chowned to ``postgres`` and the
commands run through ``runuser -u postgres --`` (see DESIGN.md, Storage)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

PG_BIN = Path(os.environ.get("SHK_PG_BIN", "/usr/lib/postgresql/15/bin"))


def available() -> bool:
    return (PG_BIN / "initdb").exists() and (PG_BIN / "pg_ctl").exists()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _run(cmd: list[str], as_postgres: bool) -> None:
    if as_postgres:
        cmd = ["runuser", "-u", "postgres", "--", *cmd]
    subprocess.run(cmd, check=True, capture_output=True, timeout=120)


@contextmanager
def server() -> Iterator[str]:
    """Yield ``postgresql+psycopg://postgres@127.0.0.1:PORT/postgres``; stop and remove on exit."""
    as_root = os.geteuid() == 0
    tmp = Path(tempfile.mkdtemp(prefix="shk-pg-"))
    if as_root:
        shutil.chown(tmp, "postgres", "postgres")
    data, log = tmp / "data", tmp / "log"
    port = _free_port()
    _run([str(PG_BIN / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres", "-E", "UTF8",
          "--locale=C.UTF-8"], as_root)
    opts = f"-p {port} -k {tmp} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off"
    _run([str(PG_BIN / "pg_ctl"), "-D", str(data), "-w", "-l", str(log), "-o", opts, "start"], as_root)
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    finally:
        try:
            _run([str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"], as_root)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
