"""The one definition of an event's seats: what "registered", "capacity" and "reserve" mean wherever
they are shown (the event list, the participant list's header, check-in, Översikt) or used
(registration, status changes, exports).

- A seat is held by *anmäld* (registered, expected at the door) and *deltog* (came). Nobody else
  holds one: *inbjuden* has not answered, *uteblev* did not come (marking a no-show frees the seat),
  *avbokad* cancelled, and *reserv* waits for a seat.
- The capacity is the event's number of seats (none: no limit). "Registered" is the seats taken:
  ``taken/capacity``, e.g. ``15/20 platser``.
- A reserve is a participation with the status *reserv*: registered while the event was full,
  waiting in registration order. Registration beyond the capacity puts a person on the reserve list;
  a seat freed by a cancellation is offered to the first reserve.
- At the door, checking in someone who holds no seat (a reserve, a walk-in, an invited person, a
  no-show who turns up after all) gives that person a seat. While seats are free that needs no
  question. At a full event the check-in asks first (``EventFull``); confirmed, the person gets a
  seat beyond the capacity and every figure says so: ``21/20 platser (1 över)``. A walk-in is put
  on the list and checked in in one step, so a "no" leaves the list as it was.

Pure definitions, no database (light: Översikt's rows and ``shk due`` use them); the reads are in
``seats``."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from shk_tui.enums import ParticipationStatus as PS
from shk_tui.errors import BadInput
from shk_tui.fmt import count

#: Statuses holding a seat against the capacity.
SEATED = (PS.ANMALD, PS.DELTOG)
#: The status of someone waiting for a seat.
RESERVE = PS.RESERV


def holds_seat(status: PS) -> bool:
    return PS(status) in SEATED


@dataclass(frozen=True)
class Seats:
    """An event's seats: ``taken`` (anmäld + deltog), its ``capacity`` (None: no limit) and the
    number of ``reserves`` waiting."""

    taken: int
    capacity: int | None
    reserves: int = 0

    @property
    def free(self) -> int | None:
        """Seats left (never below 0); None without a capacity."""
        return None if self.capacity is None else max(0, self.capacity - self.taken)

    @property
    def full(self) -> bool:
        """No seat left: a registration goes on the reserve list, a check-in of someone without a
        seat asks first."""
        return self.capacity is not None and self.taken >= self.capacity

    @property
    def over(self) -> int:
        """Seats taken beyond the capacity (people checked in at a full event)."""
        return 0 if self.capacity is None else max(0, self.taken - self.capacity)

    @property
    def fill(self) -> str:
        """The event list's cell: ``15/20``, ``15`` without a capacity, ``+3 res.`` appended."""
        text = f"{self.taken}/{self.capacity}" if self.capacity is not None else str(self.taken)
        return f"{text} +{self.reserves} res." if self.reserves else text

    @property
    def text(self) -> str:
        """``15/20 platser``, ``21/20 platser (1 över)``, ``15 platser (ingen gräns)``."""
        if self.capacity is None:
            return f"{self.taken} {'plats' if self.taken == 1 else 'platser'} (ingen gräns)"
        text = f"{self.taken}/{self.capacity} platser"
        return f"{text} ({self.over} över)" if self.over else text

    @property
    def reserve_text(self) -> str:
        """``3 på reservlistan``."""
        return f"{self.reserves} på reservlistan"

    @property
    def summary(self) -> str:
        """``15/20 platser, 3 på reservlistan``: the seats and the reserve list in one line."""
        return f"{self.text}, {self.reserve_text}"

    def with_taken(self, taken: int) -> Seats:
        return Seats(taken, self.capacity, self.reserves)


def from_counts(counts: Mapping[PS, int], capacity: int | None) -> Seats:
    """Seats from the number of participations per status."""
    return Seats(sum(counts.get(s, 0) for s in SEATED), capacity, counts.get(RESERVE, 0))


def of_statuses(statuses: Iterable[PS], capacity: int | None) -> Seats:
    """Seats from the statuses of everyone on a list (the participant list, check-in)."""
    counts: dict[PS, int] = {}
    for status in statuses:
        counts[PS(status)] = counts.get(PS(status), 0) + 1
    return from_counts(counts, capacity)


class EventFull(BadInput):
    """A check-in would take a seat beyond the capacity: the caller asks, then retries with
    ``beyond_capacity=True``."""

    def __init__(self, name: str, seats: Seats) -> None:
        self.name = name
        self.seats = seats
        super().__init__(f"Fullt ({seats.text}): {name} får en plats utöver kapaciteten om hen checkas in")


def full_question(name: str, seats: Seats) -> str:
    """The question before checking someone in beyond the capacity."""
    after = seats.with_taken(seats.taken + 1)
    return (f"Evenemanget är fullt ({seats.text}). Checka in {name} ändå? Det blir {after.text}"
            + (f"; {count(seats.reserves, 'reserv väntar', 'reserver väntar')}." if seats.reserves else "."))
