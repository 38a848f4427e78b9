"""A follow-up (one event or a period) as CSV for Swedish Excel: blocks for status counts,
attendance, breadth per party and organisation kind, no-shows per organisation and catering counts."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence


def followup_csv(
    title: str,
    counts: Sequence[tuple[str, int]],
    attendance: str,
    breadth_party: Iterable[tuple[str, int]],
    breadth_kind: Iterable[tuple[str, int]],
    no_shows: Iterable[tuple[str, int, int, str]],
    dietary: Iterable[tuple[str, int]],
    basis: str,
) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    w.writerow(["Uppföljning", title])
    w.writerow([])
    w.writerow(["Status", "Antal"])
    w.writerows(counts)
    w.writerow(["Närvaro (deltog / (deltog + uteblev))", attendance])
    w.writerow([])
    w.writerow([f"Bredd per part ({basis})", "Antal"])
    w.writerows(breadth_party)
    w.writerow([])
    w.writerow(["Organisationstyp", "Antal"])
    w.writerows(breadth_kind)
    w.writerow([])
    w.writerow(["Organisation", "Deltog", "Uteblev", "Andel uteblev"])
    w.writerows(no_shows)
    w.writerow([])
    w.writerow(["Kost", "Antal"])
    w.writerows(dietary)
    return "\ufeff".encode() + buf.getvalue().encode("utf-8")
