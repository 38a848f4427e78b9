"""Events: input the database would refuse is caught in the form with a Swedish message per field;
searches fold Å/Ä/Ö and accents on SQLite as on PostgreSQL (event list and contact picker)."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlmodel import select

from shk_tui.db.models import Contact, Event, Organisation
from shk_tui.errors import ValidationError
from shk_tui.services.contacts import picker
from shk_tui.services.events import events as svc

TODAY = date(2026, 11, 25)


def _form(**values: str) -> dict[str, str]:
    return {"title": "Styrelsemöte", "starts_at": "2026-12-09 09:00", **values}


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"capacity": "99999999999999999999"}, "capacity", "högst 100 000 platser"),
        ({"capacity": "100001"}, "capacity", "högst 100 000 platser"),
        ({"starts_at": "20266-12-09 09:00"}, "starts_at", "Ogiltig tid"),
        ({"starts_at": "0202-12-09 09:00"}, "starts_at", "mellan 1900 och 2999"),
        ({"ends_at": "9999-12-31"}, "ends_at", "mellan 1900 och 2999"),
        ({"initiative_id": "99999999999999"}, "initiative_id", "Ogiltigt initiativ"),
        ({"title": "x" * 201}, "title", "högst 200 tecken"),
        ({"location": "x" * 201}, "location", "Högst 200 tecken"),
    ],
)
def test_input_the_database_refuses_is_a_message_beside_the_field(db, values, field, message):
    with pytest.raises(ValidationError) as err:
        svc.save_event(db, _form(**values))
    assert message in err.value.errors[field]
    with db.session() as s:
        assert s.exec(select(Event)).all() == []


def test_largest_capacity_is_stored(db):
    event_id = svc.save_event(db, _form(capacity="100000"))
    assert svc.get_event(db, event_id).capacity == 100_000


def test_event_search_folds_swedish_letters_and_takes_every_word(db):
    with db.session() as s:
        s.add_all([
            Event(title="Träff på Öland", starts_at=datetime(2026, 12, 1, 9)),
            Event(title="ÅRSMÖTE", starts_at=datetime(2026, 12, 2, 9), city="Västerås"),
            Event(title="Labb 100%", starts_at=datetime(2026, 12, 3, 9), location="Café Élan"),
        ])

    def found(text: str) -> list[str]:
        return [r.title for r in svc.list_events(db, TODAY, svc.EventFilter(search=text)).rows]

    assert found("träff på öland") == ["Träff på Öland"]
    assert found("TRÄFF PÅ ÖLAND") == ["Träff på Öland"]
    assert found("årsmöte") == ["ÅRSMÖTE"]
    assert found("möte VÄSTERÅS") == ["ÅRSMÖTE"]  # words in different columns
    assert found("élan") == ["Labb 100%"]
    assert found("100%") == ["Labb 100%"]
    assert found("%") == ["Labb 100%"]  # a LIKE wildcard is taken literally
    assert found("öland västerås") == []


def test_picker_folds_case_and_accents(db):
    with db.session() as s:
        org = Organisation(name="Örebro universitet")
        s.add(org)
        s.flush()
        s.add_all([
            Contact(first_name="Per-Åke", last_name="ÖDMARK", organisation_id=org.id),
            Contact(first_name="José", last_name="Åström"),
            Contact(first_name="Arkiverad", last_name="Åström", archived=True),
        ])
    assert [h.name for h in picker.search(db, "per-åke")] == ["Per-Åke ÖDMARK"]
    assert [h.name for h in picker.search(db, "ödmark")] == ["Per-Åke ÖDMARK"]
    assert [h.name for h in picker.search(db, "ÖREBRO")] == ["Per-Åke ÖDMARK"]
    assert [h.name for h in picker.search(db, "jose åst")] == ["José Åström"]
    assert picker.search(db, "%") == []


def test_quick_contact_refuses_what_the_columns_cannot_hold(db):
    with pytest.raises(ValidationError) as err:
        picker.create_contact(db, first_name="Å" * 101, last_name="Ö" * 101, email="a" * 250 + "@ex.se")
    assert err.value.errors == {
        "first_name": "Högst 100 tecken", "last_name": "Högst 100 tecken", "email": "Högst 254 tecken"}
    with db.session() as s:
        assert s.exec(select(Contact)).all() == []
