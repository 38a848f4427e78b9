"""A follow-up (one event or a period) as CSV for Swedish Excel: blocks for status counts,
attendance, breadth per party and organisation kind, no-shows per organisation and catering counts.
Written by ``formats.spreadsheet`` (formula guard included)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from shk_tui.formats import spreadsheet


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
    return spreadsheet.to_csv([
        ["Uppföljning", title],
        [],
        ["Status", "Antal"],
        *counts,
        ["Närvaro (deltog / (deltog + uteblev))", attendance],
        [],
        [f"Bredd per part ({basis})", "Antal"],
        *breadth_party,
        [],
        ["Organisationstyp", "Antal"],
        *breadth_kind,
        [],
        ["Organisation", "Deltog", "Uteblev", "Andel uteblev"],
        *no_shows,
        [],
        ["Kost", "Antal"],
        *dietary,
    ])
