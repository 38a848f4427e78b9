"""Run a TUI as a whole process in a pseudo-terminal (120×40) and time it from the start of the process
until a given text has been painted on the screen (escape sequences stripped from what it wrote)."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import signal
import struct
import subprocess
import termios
import time
from collections.abc import Sequence

_ESCAPES = re.compile(rb"\x1b(\[[0-9;?<>=]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[()][0-9A-Za-z]|[@-Z\\-_])")


def painted(argv: Sequence[str], marker: str, *, env: dict[str, str] | None = None, cwd: str | None = None,
            timeout: float = 60.0, size: tuple[int, int] = (120, 40)) -> float:
    """Seconds from starting ``argv`` in a terminal until ``marker`` shows; the process is then ended."""
    main, child = pty.openpty()
    fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
    wanted = marker.encode("utf-8")
    seen = b""
    t0 = time.perf_counter()
    proc = subprocess.Popen(argv, stdin=child, stdout=child, stderr=child, env={**(env or os.environ),
                            "TERM": "xterm-256color", "COLUMNS": str(size[0]), "LINES": str(size[1])},
                            cwd=cwd, start_new_session=True)
    os.close(child)
    try:
        while True:
            left = t0 + timeout - time.perf_counter()
            if left <= 0:
                raise TimeoutError(f"{marker!r} visades inte; sist: {_ESCAPES.sub(b'', seen)[-300:]!r}")
            ready, _, _ = select.select([main], [], [], left)
            if not ready:
                continue
            try:
                chunk = os.read(main, 65536)
            except OSError:  # the process ended
                raise RuntimeError(f"processen avslutades: {_ESCAPES.sub(b'', seen)[-300:]!r}") from None
            seen += chunk
            if wanted in _ESCAPES.sub(b"", seen[-200_000:]):
                return time.perf_counter() - t0
    finally:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        os.close(main)
