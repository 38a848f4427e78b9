"""Files the app writes for the user (exports, register extracts): they may hold personal data, so
they are created readable by their owner only (mode 0600)."""

from __future__ import annotations

import os
from pathlib import Path

from shk_tui.errors import BadInput


def write_private(path: Path, payload: bytes) -> None:
    """Write ``payload`` to ``path`` (mode 0600 when created). Raises BadInput (Swedish) on failure."""
    path = Path(path)
    if path.is_dir():
        raise BadInput(f"Det är en katalog, inte en fil: {path}")
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
    except OSError as exc:
        raise BadInput(f"Kan inte skriva {path}: {exc.strerror}") from None
