"""Running the real ``shk`` command as a separate process, for the reliability tests."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def shk_env(data_dir: Path, **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env["SHK_DATA_DIR"] = str(data_dir)
    env.setdefault("SHK_ACTOR", "testare")
    env.pop("SHK_DATABASE_URL", None)
    env.update(extra)
    return env


def run_shk(args: list[str], *, data_dir: Path, timeout: float = 60, input: bytes | None = None,
            **extra: str) -> subprocess.CompletedProcess[str]:
    """``shk ARGS`` in its own process; returns the completed process (text stdout/stderr)."""
    return subprocess.run([sys.executable, "-m", "shk_tui", *args], capture_output=True, text=True,
                          timeout=timeout, env=shk_env(data_dir, **extra), input=None if input is None else
                          input.decode())


def start_shk(args: list[str], *, data_dir: Path, **extra: str) -> subprocess.Popen[str]:
    """``shk ARGS`` started in the background (kill it, or ``communicate()`` to wait)."""
    return subprocess.Popen([sys.executable, "-m", "shk_tui", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=shk_env(data_dir, **extra))


def record_notifications(app) -> list[str]:  # noqa: ANN001 - any Textual App
    """The texts ``app.notify`` is called with from now on (the notification is still shown)."""
    notes: list[str] = []
    shown = app.notify

    def recording(message, **kwargs):  # noqa: ANN001, ANN003
        notes.append(str(message))
        return shown(message, **kwargs)

    app.notify = recording
    return notes
