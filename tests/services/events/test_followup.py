"""Follow-up: counts, attendance rate, breadth per party and organisation kind, no-shows per
organisation, dietary counts; on SQLite and PostgreSQL. Check-in matching and the contact picker."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from shk_tui.db.models import Contact, Event, Organisation, Participation
from shk_tui.enums import EventStatus, OrganisationKind
from shk_tui.enums import ParticipationStatus as PS
from shk_tui.errors import BadInput, NotFound, ValidationError
from shk_tui.services.contacts import picker
from shk_tui.services.events import followup
from shk_tui.services.events.checkin import CheckinIndex, best
from shk_tui.services.events.participants import list_participants

K = OrganisationKind


def _seed(db) -> dict[str, int]:
    """Two events in November 2026: one followed up, one not; plus a cancelled one."""
    with db.session() as s:
        orgs = {
            "vst": Organisation(name="Västerås stad", kind=K.STRATEGISK_PART),
            "esk": Organisation(name="Eskilstuna kommun", kind=K.STRATEGISK_PART),
            "mdu": Organisation(name="Mälardalens universitet", short_name="MDU", kind=K.STRATEGISK_PART),
            "rk": Organisation(name="Röda Korset", kind=K.CIVILSAMHALLE),
            "abb": Organisation(name="ABB", kind=K.NARINGSLIV),
        }
        s.add_all(orgs.values())
        s.flush()
        people = [
            ("Anna", "vst", PS.DELTOG, "Vegetarisk"),
            ("Bo", "vst", PS.DELTOG, "vegetarisk, glutenfri"),
            ("Cia", "esk", PS.UTEBLEV, "laktosfri"),
            ("Dan", "mdu", PS.DELTOG, None),
            ("Eva", "rk", PS.DELTOG, "Glutenfri"),
            ("Fia", "abb", PS.UTEBLEV, None),
            ("Gun", None, PS.DELTOG, "inga"),
            ("Hans", "abb", PS.AVBOKAD, "vegan"),
            ("Ida", "mdu", PS.RESERV, "vegan"),
        ]
        e1 = Event(title="Forum", starts_at=datetime(2026, 11, 10, 9), status=EventStatus.GENOMFORD)
        e2 = Event(title="Labb", starts_at=datetime(2026, 11, 28, 9))
        e3 = Event(title="Inställt", starts_at=datetime(2026, 11, 12, 9), status=EventStatus.INSTALLD)
        s.add_all([e1, e2, e3])
        s.flush()
        for first, org, status, diet in people:
            c = Contact(first_name=first, last_name="Test", organisation_id=orgs[org].id if org else None)
            s.add(c)
            s.flush()
            s.add(Participation(event_id=e1.id, contact_id=c.id, status=status, dietary=diet))
            if first in ("Anna", "Eva"):
                s.add(Participation(event_id=e2.id, contact_id=c.id, status=PS.ANMALD, dietary=diet))
            s.add(Participation(event_id=e3.id, contact_id=c.id, status=PS.ANMALD))
        return {"e1": e1.id, "e2": e2.id, "e3": e3.id}


def test_event_follow_up(db):
    ids = _seed(db)
    f = followup.for_event(db, ids["e1"])
    assert f.counts[PS.DELTOG] == 5 and f.counts[PS.UTEBLEV] == 2 and f.counts[PS.AVBOKAD] == 1
    assert f.attendance_rate == pytest.approx(5 / 7)
    assert f.breadth_party == [
        ("MDU", 1), ("Västerås stad", 2), ("Civilsamhälle", 1), ("Utan organisation", 1)]
    assert f.breadth_kind == [("Strategisk part", 3), ("Civilsamhälle", 1), ("Utan organisation", 1)]
    assert f.participants == 5 and f.basis == "deltog"
    noshow = {r.organisation: (r.attended, r.no_show) for r in f.no_shows}
    assert noshow["Eskilstuna kommun"] == (0, 1) and noshow["ABB"] == (0, 1) and noshow["Västerås stad"] == (2, 0)
    assert f.no_shows[-1].rate == 0
    # catering: only those who came or are registered; counts, no names
    assert f.eating == 5
    assert f.dietary == [("glutenfri", 2), ("vegetarisk", 2)]
    assert followup.diet_text(f.dietary) == "glutenfri 2, vegetarisk 2"
    assert followup.catering(db, ids["e2"]) == (2, [("glutenfri", 1), ("vegetarisk", 1)])
    not_yet = followup.for_event(db, ids["e2"])  # nobody followed up: breadth counts the registered
    assert not_yet.basis.startswith("anmälda") and not_yet.breadth_party == [("Västerås stad", 1), ("Civilsamhälle", 1)]
    assert not_yet.attendance_rate is None


def test_period_follow_up_skips_cancelled_and_counts_registered_where_not_followed_up(db):
    ids = _seed(db)
    f = followup.for_period(db, date(2026, 11, 1), date(2026, 11, 30))
    assert f.events == 2
    assert f.counts[PS.ANMALD] == 2 and f.counts[PS.DELTOG] == 5
    assert dict(f.breadth_party)["Västerås stad"] == 3  # Anna twice (registered for the Labb) + Bo
    assert "anmälda" in f.basis
    assert [(name[:10], d, u) for name, d, u in f.per_event] == [("2026-11-10", 5, 2), ("2026-11-28", 0, 0)]
    assert followup.for_period(db, date(2027, 1, 1), date(2027, 1, 31)).participants == 0
    with pytest.raises(BadInput):
        followup.for_period(db, date(2026, 12, 1), date(2026, 11, 1))
    with pytest.raises(NotFound):
        followup.for_event(db, 999)
    assert ids["e3"]


def test_diet_parts():
    assert followup.diet_parts("Vegetarisk och glutenfri; laktosfri / nötallergi.") == [
        "vegetarisk", "glutenfri", "laktosfri", "nötallergi"]
    assert followup.diet_parts("Nej") == [] and followup.diet_parts(None) == []


def test_party_of():
    assert followup.party_of("Mälardalens universitet", "MDU", K.STRATEGISK_PART) == "MDU"
    assert followup.party_of("Västerås stad", "Västerås", K.STRATEGISK_PART) == "Västerås stad"
    assert followup.party_of("ABB", None, K.NARINGSLIV) == "Näringsliv"
    assert followup.party_of(None, None, None) == "Utan organisation"


def test_checkin_matching(db):
    ids = _seed(db)
    index = CheckinIndex(list_participants(db, ids["e1"]))
    assert [r.name for r in index.match("an")] == ["Anna Test", "Dan Test"]  # word starts first, then inside
    assert [r.name for r in index.match("ann")] == ["Anna Test"]
    assert best(index.match("ann")).name == "Anna Test"
    assert best(index.match("test")) is None  # ambiguous: many
    assert index.match("hans") == []  # cancelled people are not expected at the door
    assert [r.name for r in index.match("röda")] == ["Eva Test"]  # by organisation
    assert index.match("  ") == []
    assert index.counts() == (5, 5)
    assert len(index.match("t", limit=3)) == 4  # one more than the limit says "more"


def test_picker_search_and_quick_create(db):
    ids = _seed(db)
    hits = picker.search(db, "anna", event_id=ids["e2"])
    assert [(h.name, h.organisation, h.on_list) for h in hits] == [("Anna Test", "Västerås stad", PS.ANMALD)]
    assert "redan anmäld" in hits[0].label
    assert [h.name for h in picker.search(db, "röda")] == ["Eva Test"]
    assert picker.search(db, "") == []
    new = picker.create_contact(db, first_name=" Örjan ", last_name="Åberg", email="orjan@ex.se",
                                source="Evenemang: Forum")
    assert new.name == "Örjan Åberg"
    assert [h.id for h in picker.search(db, "örjan åb")] == [new.id]
    with pytest.raises(ValidationError) as err:
        picker.create_contact(db, first_name="", email="inte-en-adress")
    assert set(err.value.errors) == {"first_name", "email"}
    assert picker.split_name("anna maria lind") == ("Anna Maria", "Lind")
    assert picker.split_name("Åsa") == ("Åsa", "")
    with db.session() as s:
        assert s.get(Contact, new.id).legal_basis.value == "berättigat intresse"


def test_period_follow_up_narrowed_like_the_event_list(db):
    from shk_tui.services.events.events import EventFilter

    _seed(db)
    f = followup.for_period(db, date(2026, 11, 1), date(2026, 11, 30), EventFilter(period="kommande", search="labb"))
    assert f.events == 1 and f.counts[PS.ANMALD] == 2 and f.counts[PS.DELTOG] == 0
    assert f.title == "2026-11-01 – 2026-11-30 · ”labb”"
    assert followup.for_period(db, date(2026, 11, 1), date(2026, 11, 30), EventFilter(kind="labb")).events == 0
