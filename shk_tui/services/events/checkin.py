"""Check-in at the door: find a participant from a few typed letters, in memory (no database work
per keystroke). Pure Python."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from shk_tui.enums import ParticipationStatus as PS
from shk_tui.fmt import fold
from shk_tui.services.events.participants import ParticipantRow
from shk_tui.services.events.seats import Seats, of_statuses

#: Who can be checked in (cancelled people are not expected at the door).
CHECKABLE = (PS.ANMALD, PS.RESERV, PS.INBJUDEN, PS.DELTOG, PS.UTEBLEV)


@dataclass
class CheckinIndex:
    """The participant list prepared for fast matching; keep it up to date with ``update``."""

    rows: list[ParticipantRow]

    def __post_init__(self) -> None:
        self._entries: list[tuple[ParticipantRow, str, tuple[str, ...]]] = []
        self._pos: dict[int, int] = {}
        for row in self.rows:
            self._add(row)

    def _add(self, row: ParticipantRow) -> None:
        name = fold(row.name)
        words = tuple(name.split()) + tuple(fold(row.organisation).split())
        self._pos[row.id] = len(self._entries)
        self._entries.append((row, name, words))

    def update(self, row: ParticipantRow) -> None:
        i = self._pos.get(row.id)
        if i is None:
            self._add(row)
            return
        _, name, words = self._entries[i]
        self._entries[i] = (row, name, words)

    def get(self, participation_id: int) -> ParticipantRow | None:
        i = self._pos.get(participation_id)
        return None if i is None else self._entries[i][0]

    def match(self, query: str, limit: int = 8) -> list[ParticipantRow]:
        """Participants whose name (or organisation) words start with every typed word; names that
        contain the text anywhere come after. Cancelled participations are left out."""
        tokens = fold(query).split()
        if not tokens:
            return []
        whole = " ".join(tokens)
        prefix: list[ParticipantRow] = []
        inside: list[ParticipantRow] = []
        for row, name, words in self._entries:
            if row.status not in CHECKABLE:
                continue
            if all(any(w.startswith(t) for w in words) for t in tokens):
                prefix.append(row)
            elif whole in name:
                inside.append(row)
        found = prefix + inside
        return found[: limit + 1] if len(found) > limit else found

    def counts(self) -> tuple[int, int]:
        """(checked in, expected): expected = the seats taken (registered + checked in, ``seats``)."""
        checked = sum(1 for r, _, _ in self._entries if r.status == PS.DELTOG)
        return checked, self.seats(None).taken

    def seats(self, capacity: int | None) -> Seats:
        """The event's seats as the list in memory has them (the one definition, ``seats``)."""
        return of_statuses((r.status for r, _, _ in self._entries), capacity)


def best(matches: Iterable[ParticipantRow], query: str = "") -> ParticipantRow | None:
    """The one match to check in on enter: the only match, or the only one whose whole name was
    typed ('ann ek' when 'Ann Eklund' is on the list too); None when there are none or several."""
    found = list(matches)
    if len(found) == 1:
        return found[0]
    typed = " ".join(fold(query).split())
    exact = [r for r in found if typed and " ".join(fold(r.name).split()) == typed]
    return exact[0] if len(exact) == 1 else None
