"""The one definition of an event's seats (services/events/seats.py) on SQLite and PostgreSQL: which
statuses hold a seat, what a reserve is, and what a check-in of a reserve or a walk-in does at a full
event; every reader (the event list, the participant list's figures, check-in, Översikt's attention
item) gives the same figures. Also: role and dietary changes from an old list are refused."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlmodel import select

from shk_tui.db.models import Contact, Event, Participation
from shk_tui.enums import ParticipationRole as PR
from shk_tui.enums import ParticipationStatus as PS
from shk_tui.errors import StaleEdit
from shk_tui.services.events import attendance, event_attention, seats
from shk_tui.services.events import events as events_svc
from shk_tui.services.events import participants as parts
from shk_tui.services.events.checkin import CheckinIndex
from shk_tui.services.events.seats import EventFull, Seats

TODAY = date(2026, 11, 25)
NOW = datetime(2026, 11, 25, 13, 5)
#: One person in every status: only anmäld and deltog hold a seat, reserv waits.
ONE_OF_EACH = (PS.INBJUDEN, PS.ANMALD, PS.RESERV, PS.DELTOG, PS.UTEBLEV, PS.AVBOKAD)


def _event(db, statuses, capacity: int | None, starts_at: datetime = datetime(2026, 11, 25, 13)) -> tuple[int, list]:
    with db.session() as s:
        event = Event(title="Workshop", starts_at=starts_at, capacity=capacity)
        s.add(event)
        people = [Contact(first_name=f"Person{i}", last_name="Ek") for i in range(len(statuses) + 2)]
        s.add_all(people)
        s.flush()
        s.add_all(Participation(event_id=event.id, contact_id=c.id, status=st, registered_at=datetime(2026, 11, i + 1))
                  for i, (c, st) in enumerate(zip(people, statuses, strict=False)))
        s.flush()
        return event.id, [c.id for c in people]


def _pid(db, contact_id: int) -> int:
    with db.read() as s:
        return s.exec(select(Participation.id).where(Participation.contact_id == contact_id)).one()


def _everywhere(db, event_id: int) -> dict[str, Seats]:
    """The seats as each reader counts them."""
    row = next(r for r in events_svc.list_events(db, TODAY).rows if r.id == event_id)
    listed = parts.list_participants(db, event_id)
    capacity = row.capacity
    return {
        "list": row.seats,
        "participants": seats.from_counts(parts.counts_of(listed), capacity),
        "checkin": CheckinIndex(listed).seats(capacity),
        "db": seats.for_event(db, event_id),
    }


def test_only_anmald_and_deltog_hold_a_seat_and_every_reader_agrees(db):
    event_id, _ = _event(db, ONE_OF_EACH, capacity=20)
    found = _everywhere(db, event_id)
    assert set(found.values()) == {Seats(taken=2, capacity=20, reserves=1)}
    assert found["list"].fill == "2/20 +1 res." and found["list"].text == "2/20 platser"
    assert seats.holds_seat(PS.ANMALD) and seats.holds_seat(PS.DELTOG)
    assert not any(seats.holds_seat(s) for s in (PS.INBJUDEN, PS.RESERV, PS.UTEBLEV, PS.AVBOKAD))


def test_texts_without_capacity_and_over_it():
    assert Seats(1, None).text == "1 plats (ingen gräns)" and Seats(3, None).fill == "3"
    assert Seats(3, 2, 0).text == "3/2 platser (1 över)" and Seats(3, 2).over == 1
    assert Seats(2, 2).full and not Seats(1, 2).full and not Seats(9, None).full
    assert Seats(2, 2, 3).summary == "2/2 platser, 3 på reservlistan"


def test_a_reserve_checks_in_to_a_free_seat_without_a_question(db):
    event_id, people = _event(db, (PS.ANMALD, PS.RESERV), capacity=2)
    attendance.check_in(db, _pid(db, people[1]), NOW)
    assert seats.for_event(db, event_id) == Seats(2, 2, 0)


def test_a_reserve_at_a_full_event_is_asked_about_then_seated_beyond_the_capacity(db):
    event_id, people = _event(db, (PS.ANMALD, PS.ANMALD, PS.RESERV, PS.RESERV), capacity=2)
    reserve = _pid(db, people[2])
    with pytest.raises(EventFull) as refused:
        attendance.check_in(db, reserve, NOW)
    assert refused.value.seats == Seats(2, 2, 2) and refused.value.name == "Person2 Ek"
    assert seats.for_event(db, event_id) == Seats(2, 2, 2)  # nothing written
    attendance.check_in(db, reserve, NOW, beyond_capacity=True)
    found = _everywhere(db, event_id)
    assert set(found.values()) == {Seats(3, 2, 1)}
    assert found["list"].text == "3/2 platser (1 över)"
    item = next(i for i in event_attention.attention_items(db, TODAY) if i.target_id == event_id)
    assert item.text.endswith(": 3/2 platser (1 över), 1 på reservlistan")


def test_someone_holding_a_seat_checks_in_at_a_full_event_without_a_question(db):
    event_id, people = _event(db, (PS.ANMALD, PS.ANMALD), capacity=2)
    attendance.check_in(db, _pid(db, people[0]), NOW)
    assert seats.for_event(db, event_id) == Seats(2, 2, 0)


def test_a_walk_in_at_a_full_event_is_asked_about_and_a_no_writes_nothing(db):
    event_id, people = _event(db, (PS.ANMALD, PS.ANMALD), capacity=2)
    walk_in = people[2]
    with pytest.raises(EventFull):
        attendance.walk_in(db, event_id, walk_in, NOW)
    with db.read() as s:
        assert s.exec(select(Participation).where(Participation.contact_id == walk_in)).first() is None
    added, change = attendance.walk_in(db, event_id, walk_in, NOW, beyond_capacity=True)
    assert (added.name, added.already) == ("Person2 Ek", False)
    assert seats.for_event(db, event_id) == Seats(3, 2, 0)
    parts.undo(db, change)  # undone, the walk-in stays registered at the door: on the reserve list (full)
    assert seats.for_event(db, event_id) == Seats(2, 2, 1)


def test_a_walk_in_with_a_free_seat_is_registered_and_checked_in_in_one_step(db):
    event_id, people = _event(db, (PS.ANMALD,), capacity=2)
    added, change = attendance.walk_in(db, event_id, people[1], NOW)
    assert added.already is False and change.before[0].status == PS.ANMALD
    with db.read() as s:
        p = s.get(Participation, added.participation_id)
        assert (p.status, p.checked_in_at, p.registered_at) == (PS.DELTOG, NOW, NOW)


def test_check_in_and_no_shows_open_on_the_events_day():
    day = datetime(2026, 12, 8, 9)
    assert not attendance.door_open(day, date(2026, 11, 25))
    assert attendance.door_open(day, date(2026, 12, 8)) and attendance.door_open(day, date(2026, 12, 9))
    assert "om 13 dagar" in attendance.early_checkin(day, date(2026, 11, 25))
    assert "i morgon" in attendance.early_no_shows(day, date(2026, 12, 7), 1)
    assert "1 anmäld som uteblev" in attendance.early_no_shows(day, date(2026, 12, 7), 1)


def test_a_role_or_dietary_change_from_an_old_list_is_refused(db):
    event_id, people = _event(db, (PS.ANMALD, PS.ANMALD), capacity=None)
    listed = {r.contact_id: r for r in parts.list_participants(db, event_id)}
    first, second = listed[people[0]].id, listed[people[1]].id
    parts.set_role(db, [first], PR.TALARE)  # someone else, meanwhile
    parts.set_dietary(db, [second], "vegetarisk")
    with pytest.raises(StaleEdit):
        parts.set_role(db, [first], PR.ARRANGOR, shown={first: PR.DELTAGARE})
    with pytest.raises(StaleEdit):
        parts.set_dietary(db, [second], "vegansk", shown={second: None})
    with db.read() as s:
        assert (s.get(Participation, first).role, s.get(Participation, second).dietary) == (PR.TALARE, "vegetarisk")
    # what the list shows now is accepted
    parts.set_role(db, [first], PR.ARRANGOR, shown={first: PR.TALARE})
    parts.set_dietary(db, [second], "vegansk", shown={second: "vegetarisk"})
    with db.read() as s:
        assert (s.get(Participation, first).role, s.get(Participation, second).dietary) == (PR.ARRANGOR, "vegansk")


def test_the_no_show_change_counts_in_swedish(db):
    event_id, _ = _event(db, (PS.ANMALD, PS.DELTOG), capacity=None, starts_at=datetime(2026, 11, 20, 13))
    assert attendance.no_shows(db, event_id).description.startswith("1 anmäld → uteblev")
    other, _ = _event(db, (PS.ANMALD, PS.ANMALD), capacity=None, starts_at=datetime(2026, 11, 20, 13))
    assert attendance.no_shows(db, other).description.startswith("2 anmälda → uteblev")
