from datetime import datetime, timedelta

from sqlmodel import select

from shk_tui.db.models import Contact, Event, Participation
from shk_tui.enums import ParticipationStatus as PS
from shk_tui.services.events import attendance
from shk_tui.services.events import participants as svc

T0 = datetime(2026, 11, 25, 9, 0)


def _setup(db, n, capacity):
    with db.session() as s:
        ev = Event(title="Styrelsemöte", starts_at=T0, capacity=capacity)
        s.add(ev)
        people = [Contact(first_name=f"Person{i}", last_name="Andersson") for i in range(n)]
        s.add_all(people)
        s.flush()
        return ev.id, [c.id for c in people]


def test_waitlist_order_and_promotion(db):
    ev, ids = _setup(db, 4, 2)
    got = [svc.register(db, ev, cid, T0 + timedelta(minutes=i)) for i, cid in enumerate(ids)]
    assert got == [PS.ANMALD, PS.ANMALD, PS.RESERV, PS.RESERV]
    with db.session() as s:
        pid = {p.contact_id: p.id for p in s.exec(select(Participation)).all()}
    promote_id = svc.cancel(db, pid[ids[0]])
    assert promote_id == pid[ids[2]]
    svc.promote(db, promote_id)
    with db.session() as s:
        status = {p.contact_id: p.status for p in s.exec(select(Participation)).all()}
    assert status == {ids[0]: PS.AVBOKAD, ids[1]: PS.ANMALD, ids[2]: PS.ANMALD, ids[3]: PS.RESERV}
    assert svc.cancel(db, pid[ids[3]]) is None


def test_attendance_rate():
    assert svc.attendance_rate({PS.DELTOG: 3, PS.UTEBLEV: 1, PS.ANMALD: 5}) == 0.75
    assert svc.attendance_rate({PS.ANMALD: 2}) is None


def test_check_in_no_shows_and_counts(db):
    ev, ids = _setup(db, 3, None)
    for cid in ids:
        assert svc.register(db, ev, cid, T0) == PS.ANMALD
    with db.session() as s:
        first = s.exec(select(Participation).where(Participation.contact_id == ids[0])).one().id
    attendance.check_in(db, first, T0 + timedelta(hours=1))
    assert attendance.mark_no_shows(db, ev) == 2
    counts = svc.status_counts(db, ev)
    assert counts[PS.DELTOG] == 1 and counts[PS.UTEBLEV] == 2 and counts[PS.ANMALD] == 0
    assert svc.attendance_rate(counts) == 1 / 3
    with db.session() as s:
        assert s.get(Participation, first).checked_in_at == T0 + timedelta(hours=1)
