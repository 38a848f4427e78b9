"""Events service on SQLite and PostgreSQL: list order and filters, form validation, duplicate with
and without the invitation list, attention items; participant changes with undo."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlmodel import select

from shk_tui.db.models import AuditEntry, Contact, Event, Initiative, Participation
from shk_tui.enums import EventKind, FocusArea, Function
from shk_tui.enums import ParticipationRole as PR
from shk_tui.enums import ParticipationStatus as PS
from shk_tui.errors import BadInput, NotFound, ValidationError
from shk_tui.services.events import attendance, event_attention
from shk_tui.services.events import events as svc
from shk_tui.services.events import participants as parts

TODAY = date(2026, 11, 25)
T0 = datetime(2026, 11, 25, 9, 0)


def _events(db) -> dict[str, int]:
    with db.session() as s:
        ini = Initiative(name="Måltider och möten", focus_area=FocusArea.ALDRE)
        s.add(ini)
        s.flush()
        rows = {
            "past": Event(title="Styrelsemöte", kind=EventKind.STYRELSEMOTE, starts_at=datetime(2026, 10, 1, 9)),
            "older": Event(title="Öppen verkstad", kind=EventKind.OPPEN_VERKSTAD, starts_at=datetime(2025, 3, 1, 9)),
            "soon": Event(
                title="Labb: Åldrande i Eskilstuna", kind=EventKind.LABB, starts_at=datetime(2026, 11, 30, 13),
                city="Eskilstuna", function=Function.SAMHALLSLABBET, focus_area=FocusArea.ALDRE,
                initiative_id=ini.id, capacity=2,
            ),
            "later": Event(title="Samhällsforum", kind=EventKind.FORUM, starts_at=datetime(2027, 2, 1, 9),
                           focus_area=FocusArea.BARN),
        }
        s.add_all(rows.values())
        s.flush()
        return {k: e.id for k, e in rows.items()} | {"initiative": ini.id}


def _people(db, n: int) -> list[int]:
    with db.session() as s:
        people = [Contact(first_name=f"Person{i}", last_name=f"Ål{i}", email=f"p{i}@ex.se") for i in range(n)]
        s.add_all(people)
        s.flush()
        return [c.id for c in people]


def test_list_upcoming_first_then_past_latest_first_with_counts(db):
    ids = _events(db)
    cids = _people(db, 3)
    for i, cid in enumerate(cids):
        parts.register(db, ids["soon"], cid, T0 + timedelta(minutes=i))
    result = svc.list_events(db, TODAY)
    assert [r.id for r in result.rows] == [ids["soon"], ids["later"], ids["past"], ids["older"]]
    assert result.total == 4
    soon = result.rows[0]
    assert (soon.registered, soon.reserves, soon.capacity, soon.fill) == (2, 1, 2, "2/2 +1 res.")
    assert soon.week == 49 and soon.place == "Eskilstuna"


@pytest.mark.parametrize(
    ("flt", "expected"),
    [
        (svc.EventFilter(period="kommande"), ["soon", "later"]),
        (svc.EventFilter(period="tidigare"), ["past", "older"]),
        (svc.EventFilter(period="i_ar"), ["soon", "past"]),
        (svc.EventFilter(period="30"), ["soon"]),
        (svc.EventFilter(kind="labb"), ["soon"]),
        (svc.EventFilter(focus_area="aldre"), ["soon"]),
        (svc.EventFilter(function="samhällslabbet"), ["soon"]),
        (svc.EventFilter(search="åldrande"), ["soon"]),
        (svc.EventFilter(search="ÖPPEN"), ["older"]),
        (svc.EventFilter(search="sTyReLsE"), ["past"]),
        (svc.EventFilter(search="100%"), []),
        (svc.EventFilter(search="eskilstuna"), ["soon"]),
    ],
)
def test_filters(db, flt, expected):
    ids = _events(db)
    assert [r.id for r in svc.list_events(db, TODAY, flt).rows] == [ids[k] for k in expected]


def test_filter_by_initiative(db):
    ids = _events(db)
    rows = svc.list_events(db, TODAY, svc.EventFilter(initiative_id=ids["initiative"])).rows
    assert [r.id for r in rows] == [ids["soon"]]
    assert svc.initiative_choices(db) == [("Måltider och möten", ids["initiative"])]


def test_validation_messages_per_field_and_nothing_saved(db):
    with pytest.raises(ValidationError) as err:
        svc.save_event(db, {"title": " ", "starts_at": "2026-12-03 13:00", "ends_at": "2026-12-03 12:59",
                            "capacity": "-2"})
    assert set(err.value.errors) == {"title", "ends_at", "capacity"}
    with pytest.raises(ValidationError) as err:
        svc.save_event(db, {"title": "X", "starts_at": "3 december", "capacity": "tio"})
    assert "ÅÅÅÅ-MM-DD" in err.value.errors["starts_at"] and "heltal" in err.value.errors["capacity"]
    with pytest.raises(ValidationError) as err:
        svc.save_event(db, {"title": "X", "starts_at": "2026-12-03 13:00", "initiative_id": "999"})
    assert "initiative_id" in err.value.errors
    with db.session() as s:
        assert s.exec(select(Event)).all() == []


def test_save_new_and_edit(db):
    eid = svc.save_event(db, {"title": "Workshop", "kind": "workshop", "starts_at": "2026-12-03T13:00",
                              "ends_at": "2026-12-03", "capacity": "0", "function": "testbädd"})
    detail = svc.get_event(db, eid)
    assert detail.capacity == 0 and detail.ends_at == datetime(2026, 12, 3, 23, 59)
    assert detail.kind == EventKind.WORKSHOP and detail.function == Function.TESTBADD
    values = detail.form_values() | {"title": "Workshop 2", "capacity": ""}
    assert svc.save_event(db, values, eid) == eid
    detail = svc.get_event(db, eid)
    assert detail.title == "Workshop 2" and detail.capacity is None
    with pytest.raises(NotFound):
        svc.save_event(db, values, 12345)


@pytest.mark.parametrize("with_invitations", [True, False])
def test_duplicate_with_or_without_invitation_list(db, with_invitations):
    ids = _events(db)
    cids = _people(db, 3)
    for cid in cids:
        parts.register(db, ids["past"], cid, T0)
    with db.session() as s:
        p = s.exec(select(Participation).where(Participation.contact_id == cids[0])).one()
        p.role, p.dietary = PR.TALARE, "vegetarisk"
        s.get(Contact, cids[2]).archived = True
    detail = svc.get_event(db, ids["past"])
    values = svc.duplicate_values(detail, TODAY)
    assert values["starts_at"] == "2026-11-26 09:00"  # a week at a time until not in the past
    new = svc.duplicate_event(db, ids["past"], values, with_invitations=with_invitations)
    with db.session() as s:
        copied = s.exec(select(Participation).where(Participation.event_id == new)).all()
    if with_invitations:
        assert {p.contact_id: (p.status, p.role, p.dietary) for p in copied} == {
            cids[0]: (PS.INBJUDEN, PR.TALARE, None),  # dietary needs are never copied (GDPR art. 9)
            cids[1]: (PS.INBJUDEN, PR.DELTAGARE, None),
        }
    else:
        assert copied == []
    assert svc.get_event(db, new).title == "Styrelsemöte"


def test_attention_items(db):
    ids = _events(db)
    cids = _people(db, 4)
    for cid in cids[:3]:
        parts.register(db, ids["soon"], cid, T0)  # capacity 2: one on the reserve
    parts.add(db, ids["soon"], cids[3], T0, invite=True)
    parts.register(db, ids["past"], cids[0], T0)
    items = event_attention.attention_items(db, TODAY)
    by_cat = {i.category: i for i in items}
    assert by_cat["Evenemang fullbokade"].target_id == ids["soon"]
    assert "1 på reservlistan" in by_cat["Evenemang fullbokade"].text
    assert by_cat["Obesvarade inbjudningar"].target_id == ids["soon"]
    assert by_cat["Evenemang att följa upp"].target_id == ids["past"]
    assert all(i.section == "evenemang" for i in items)
    attendance.mark_no_shows(db, ids["past"])
    assert "Evenemang att följa upp" not in {i.category for i in event_attention.attention_items(db, TODAY)}


def test_set_status_many_capacity_and_undo(db):
    ids = _events(db)
    cids = _people(db, 4)
    added = [parts.add(db, ids["soon"], cid, T0, invite=True) for cid in cids]
    assert {a.status for a in added} == {PS.INBJUDEN}
    change = parts.set_status(db, [a.participation_id for a in added], PS.ANMALD, T0)
    rows = {r.contact_id: r for r in parts.list_participants(db, ids["soon"])}
    assert [rows[c].status for c in cids] == [PS.ANMALD, PS.ANMALD, PS.RESERV, PS.RESERV]
    assert "reservlistan" in change.description
    assert parts.undo(db, change) == 4
    assert {r.status for r in parts.list_participants(db, ids["soon"])} == {PS.INBJUDEN}
    with db.session() as s:
        assert s.exec(select(AuditEntry).where(AuditEntry.action == "undo")).all()
    role = parts.set_role(db, [added[0].participation_id], PR.FACILITATOR)
    assert parts.list_participants(db, ids["soon"])[0].role == PR.FACILITATOR
    parts.undo(db, role)
    assert {r.role for r in parts.list_participants(db, ids["soon"])} == {PR.DELTAGARE}


def test_cancel_offers_first_reserve_and_add_keeps_existing(db):
    ids = _events(db)
    cids = _people(db, 4)
    got = [parts.add(db, ids["soon"], cid, T0 + timedelta(minutes=i)) for i, cid in enumerate(cids)]
    assert [(g.status, g.reserve_place) for g in got] == [
        (PS.ANMALD, None), (PS.ANMALD, None), (PS.RESERV, 1), (PS.RESERV, 2)]
    again = parts.add(db, ids["soon"], cids[0], T0)
    assert again.already and again.status == PS.ANMALD
    change = parts.set_status(db, [got[1].participation_id], PS.AVBOKAD, T0)
    assert change.promote_candidate == got[2].participation_id
    parts.promote(db, change.promote_candidate)
    # cancelling a reserve frees no seat
    assert parts.set_status(db, [got[3].participation_id], PS.AVBOKAD, T0).promote_candidate is None
    # a cancelled person who registers again queues behind (capacity is full)
    back = parts.add(db, ids["soon"], cids[1], T0 + timedelta(hours=1))
    assert back.status == PS.RESERV and not back.already


def test_set_status_rejects_nothing_selected_or_unknown(db):
    with pytest.raises(BadInput):
        parts.set_status(db, [], PS.DELTOG, T0)
    with pytest.raises(NotFound):
        parts.set_status(db, [999], PS.DELTOG, T0)
    with pytest.raises(NotFound):
        parts.add(db, 999, 1, T0)


def test_list_participants_in_swedish_order(db):
    ids = _events(db)
    with db.session() as s:
        people = [Contact(first_name="Öjvind", last_name="Zorn"), Contact(first_name="Åke", last_name="Öst"),
                  Contact(first_name="Anna", last_name="Ängel"), Contact(first_name="Bo", last_name="Ek")]
        s.add_all(people)
        s.flush()
        cids = [c.id for c in people]
    for cid in cids:
        parts.register(db, ids["later"], cid, T0)
    assert [r.name for r in parts.list_participants(db, ids["later"])] == [
        "Bo Ek", "Öjvind Zorn", "Anna Ängel", "Åke Öst"]


def test_dietary_undo_and_remove(db):
    ids = _events(db)
    cids = _people(db, 2)
    added = [parts.add(db, ids["later"], cid, T0) for cid in cids]
    pids = [a.participation_id for a in added]
    change = parts.set_dietary(db, pids, "  vegetarisk,   glutenfri ")
    assert {r.dietary for r in parts.list_participants(db, ids["later"])} == {"vegetarisk, glutenfri"}
    parts.undo(db, change)
    assert {r.dietary for r in parts.list_participants(db, ids["later"])} == {None}
    with pytest.raises(BadInput):
        parts.set_dietary(db, pids, "x" * 201)
    assert parts.remove(db, pids[:1]) == 1
    assert [r.id for r in parts.list_participants(db, ids["later"])] == pids[1:]


def test_no_shows_complete_the_event_and_undo_restores_it(db):
    ids = _events(db)
    cids = _people(db, 2)
    for cid in cids:
        parts.register(db, ids["past"], cid, T0)
    change = attendance.no_shows(db, ids["past"])
    assert change.count == 2 and "genomfört" in change.description
    assert svc.get_event(db, ids["past"]).status.value == "genomförd"
    parts.undo(db, change)
    assert svc.get_event(db, ids["past"]).status.value == "planerad"
    assert {r.status for r in parts.list_participants(db, ids["past"])} == {PS.ANMALD}


def test_sort_rows():
    from shk_tui.services.events.participants import ParticipantRow

    def row(i, name, org, status, reg):
        return ParticipantRow(i, i, name, org, None, status, PR.DELTAGARE, None, reg, None)

    rows = [
        row(1, "Åsa Öberg", "", PS.ANMALD, datetime(2026, 11, 3)),
        row(2, "Bo Ek", "Västerås stad", PS.RESERV, datetime(2026, 11, 1)),
        row(3, "Cia Lund", "Eskilstuna kommun", PS.INBJUDEN, None),
    ]
    assert [r.id for r in parts.sort_rows(rows)] == [2, 3, 1]
    assert [r.id for r in parts.sort_rows(rows, "status")] == [3, 1, 2]
    assert [r.id for r in parts.sort_rows(rows, "organisation")] == [3, 2, 1]
    assert [r.id for r in parts.sort_rows(rows, "registered")] == [2, 1, 3]
    with pytest.raises(BadInput):
        parts.sort_rows(rows, "ålder")


def test_delete_event_with_its_list(db):
    ids = _events(db)
    cids = _people(db, 2)
    for cid in cids:
        parts.register(db, ids["soon"], cid, T0)
    assert svc.participant_count(db, ids["soon"]) == 2
    assert svc.delete_event(db, ids["soon"]) == 2
    with db.session() as s:
        assert s.get(Event, ids["soon"]) is None
        assert s.exec(select(Participation)).all() == []
        assert s.get(Contact, cids[0]) is not None
        deleted = s.exec(select(AuditEntry).where(AuditEntry.action == "delete")).all()
    assert {e.table_name for e in deleted} == {"event", "participation"}
    with pytest.raises(NotFound):
        svc.delete_event(db, ids["soon"])
