"""Participant lists for Swedish Excel: CSV (UTF-8 with BOM, ``;`` separator, CRLF) and e-mail lists."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

HEADER = ("Namn", "Organisation", "Status", "Roll", "Kost", "Anmäld", "Incheckad")


def participants_csv(rows: Iterable[Sequence[object]]) -> bytes:
    """Rows in HEADER order; ``None`` becomes an empty cell. Opens directly in Excel with Swedish locale."""
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(HEADER)
    for row in rows:
        writer.writerow(["" if v is None else str(v) for v in row])
    return "\ufeff".encode() + buf.getvalue().encode("utf-8")


def email_list(emails: Iterable[str | None]) -> str:
    """Unique, non-empty addresses separated by ``;`` (Outlook's recipient separator), in first-seen order."""
    seen: dict[str, None] = {}
    for e in emails:
        if e and e.strip() and e.strip().lower() not in {k.lower() for k in seen}:
            seen[e.strip()] = None
    return "; ".join(seen)
