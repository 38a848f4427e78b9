"""Contacts service: search (folded, paged, Swedish order), form rules, archive, delete, tags."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlmodel import select

from shk_tui.db.models import AuditEntry, Contract, Event, Participation
from shk_tui.enums import LegalBasis
from shk_tui.errors import ShkError, ValidationError
from shk_tui.services.contacts import contact_attention, contact_list, contacts, organisations
from shk_tui.services.contacts.contact_list import ContactFilter
from shk_tui.services.contacts.contacts import ContactInput, normalise_phone


def add(db, first, last, **kw) -> int:
    tags = kw.pop("tags", [])
    cid = contacts.save(db, ContactInput(first_name=first, last_name=last, **kw))
    if tags:
        contacts.set_tags(db, cid, tags)
    return cid


@pytest.fixture
def people(db):
    add(db, "Anna", "Andersson", email="anna@mdu.se", organisation="Mälardalens universitet", tags=["styrelse"])
    add(db, "Örjan", "Östlund", phone="070-123 45 67", organisation="Västerås stad", legal_basis="samtycke")
    add(db, "Åsa", "Åberg", title="Forskare", organisation="Mälardalens universitet", tags=["forskare"])
    add(db, "Zlatan", "Zetterberg")
    add(db, "Émile", "Ekström", email="emile@example.com")
    return db


def names(page) -> list[str]:
    return [r.name for r in page.rows]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("070-123 45 67", "+46 70 123 45 67"),
        ("0701234567", "+46 70 123 45 67"),
        ("+46 (0)70 123 45 67", "+46 70 123 45 67"),
        ("08-123 456 78", "+46 8 123 456 78"),
        ("021-12 34 56", "+46 21 12 34 56"),
        ("0046 16 123 456", "+46 16 12 34 56"),
        ("+47 22 33 44 55", "+47 22 33 44 55"),
        ("", ""),
    ],
)
def test_phone_is_normalised(typed, expected):
    assert normalise_phone(typed) == expected


@pytest.mark.parametrize("bad", ["070-12", "ring mig", "12345678", "070+1234567", "+46 70 123 45 67 89 00"])
def test_bad_phone_is_refused(bad):
    with pytest.raises(ValueError, match="Ogiltigt telefonnummer"):
        normalise_phone(bad)


def test_list_is_in_swedish_order_and_hides_archived(people):
    assert names(contact_list.search(people)) == [
        "Anna Andersson", "Émile Ekström", "Zlatan Zetterberg", "Åsa Åberg", "Örjan Östlund"]
    zid = contact_list.search(people, ContactFilter(text="zlatan")).rows[0].id
    contacts.set_archived(people, zid, True)
    assert "Zlatan Zetterberg" not in names(contact_list.search(people))
    assert names(contact_list.search(people, ContactFilter(archived=contact_list.ARCHIVED_ONLY))) == ["Zlatan Zetterberg"]
    assert contact_list.search(people, ContactFilter(archived=contact_list.ARCHIVED_ALL)).total == 5


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("åberg", ["Åsa Åberg"]),
        ("ÅBERG", ["Åsa Åberg"]),
        ("emile", ["Émile Ekström"]),
        ("mälardalens", ["Anna Andersson", "Åsa Åberg"]),
        ("mdu.se", ["Anna Andersson"]),
        ("0701234567", ["Örjan Östlund"]),
        ("styrelse", ["Anna Andersson"]),
        ("anna mälar", ["Anna Andersson"]),
        ("forskare", ["Åsa Åberg"]),
        ("100%", []),
    ],
)
def test_search_matches_name_org_email_phone_tags(people, text, expected):
    assert names(contact_list.search(people, ContactFilter(text=text))) == expected


def test_filters_by_tag_kind_and_missing_legal_basis(people):
    assert names(contact_list.search(people, ContactFilter(tag="forskare"))) == ["Åsa Åberg"]
    assert "Örjan Östlund" not in names(contact_list.search(people, ContactFilter(no_legal_basis=True)))
    assert contact_list.search(people, ContactFilter(no_legal_basis=True)).total == 4
    org = organisations.list_organisations(people, "västerås")[0][0]
    assert org.contacts == 1
    assert names(contact_list.search(people, ContactFilter(organisation_id=org.id))) == ["Örjan Östlund"]
    assert names(contact_list.search(people, ContactFilter(organisation_kind="övrig")))[0] == "Anna Andersson"


def test_pages_follow_each_other_without_gaps(db):
    for i in range(25):
        add(db, f"Person{i:02d}", "Lind")
    first = contact_list.search(db, limit=10)
    second = contact_list.search(db, after=first.cursor, limit=10)
    third = contact_list.search(db, after=second.cursor, limit=10)
    assert first.total == 25 and len(third.rows) == 5 and third.cursor is None
    assert names(first) + names(second) + names(third) == [f"Person{i:02d} Lind" for i in range(25)]


def test_total_is_right_whether_or_not_the_page_holds_every_match(db):
    """The count query is skipped when the first page holds every match; the totals must not differ."""
    for i in range(12):
        add(db, f"Person{i:02d}", "Lind" if i < 10 else "Berg")
    assert contact_list.search(db, ContactFilter(text="lind"), limit=10).total == 10  # exactly a full page
    assert contact_list.search(db, ContactFilter(text="lind"), limit=9).total == 10  # more than a page
    assert contact_list.search(db, ContactFilter(text="berg"), limit=10).total == 2
    assert contact_list.search(db, ContactFilter(text="ingen sådan"), limit=10).total == 0
    assert contact_list.search(db, ContactFilter(text="lind"), limit=10, with_total=False).total == -1
    later = contact_list.search(db, ContactFilter(text="lind"), after=contact_list.search(db, limit=4).cursor, limit=20)
    assert later.total == 10


def test_email_list_covers_all_matching_rows(people):
    text = contact_list.email_list(people, ContactFilter())
    assert text == "anna@mdu.se; emile@example.com"


def test_renaming_an_organisation_updates_search(people):
    org = organisations.list_organisations(people, "Västerås stad")[0][0]
    organisations.save(people, organisations.OrganisationDetail(org.id, "Västerås kommunkoncern", kind="strategisk part"))
    assert names(contact_list.search(people, ContactFilter(text="kommunkoncern"))) == ["Örjan Östlund"]


def test_bad_form_saves_nothing(db):
    with pytest.raises(ValidationError) as err:
        contacts.save(db, ContactInput(first_name="", last_name="", email="inte-en-adress", phone="abc",
                                       consent_on="igår"))
    assert set(err.value.errors) == {"first_name", "email", "phone", "consent_on"}
    assert contact_list.search(db).total == 0


def test_duplicate_email_is_refused_with_the_existing_name(people):
    assert contacts.find_by_email(people, "ANNA@mdu.se")[1] == "Anna Andersson"
    with pytest.raises(ValidationError) as err:
        add(people, "Annika", "A", email="Anna@MDU.se")
    assert "Anna Andersson" in err.value.errors["email"]


def test_save_stores_clean_values_and_is_audited(db):
    cid = add(db, " Kim ", "Berg", phone="0701234567", legal_basis="allmänt intresse",
              consent_on="2026-01-02", organisation="Ny förening")
    detail = contacts.get(db, cid)
    assert (detail.first_name, detail.phone, detail.legal_basis, detail.organisation) == (
        "Kim", "+46 70 123 45 67", LegalBasis.ALLMANT_INTRESSE.value, "Ny förening")
    with db.session() as s:
        entries = s.exec(select(AuditEntry).where(AuditEntry.table_name == "contact")).all()
        assert entries[0].action == "insert" and "search_text" not in entries[0].changes


def test_delete_only_without_history(db):
    lone = add(db, "Ensam", "Person")
    busy = add(db, "Aktiv", "Person")
    with db.session() as s:
        ev = Event(title="Forum", starts_at=datetime(2026, 5, 1, 9))
        s.add(ev)
        s.flush()
        s.add(Participation(event_id=ev.id, contact_id=busy))
        s.add(Contract(title="Avtal A", responsible_id=busy))
    contacts.delete(db, lone)
    with pytest.raises(ShkError, match="arkivera"):
        contacts.delete(db, busy)
    detail = contacts.get(db, busy)
    assert detail.events[0][1:] == ("Forum", "Inbjuden") and detail.contracts == [("Avtal A", "Utkast")]
    assert contact_list.search(db).total == 1


def test_tags_are_replaced_and_shared(people):
    cid = contact_list.search(people, ContactFilter(text="zlatan")).rows[0].id
    assert contacts.set_tags(people, cid, contacts.parse_tags("student; Styrelse, student")) == ["student", "styrelse"]
    assert contact_list.tag_names(people) == ["forskare", "student", "styrelse"]
    assert names(contact_list.search(people, ContactFilter(tag="styrelse"))) == ["Anna Andersson", "Zlatan Zetterberg"]


def test_organisation_form_rules(db):
    oid = organisations.save(db, organisations.OrganisationDetail(None, "Röda Korset", kind="civilsamhälle"))
    with pytest.raises(ValidationError) as err:
        organisations.save(db, organisations.OrganisationDetail(None, "röda korset"))
    assert "finns redan" in err.value.errors["name"]
    with pytest.raises(ValidationError):
        organisations.save(db, organisations.OrganisationDetail(None, "  "))
    assert organisations.names_starting(db, "röd") == ["Röda Korset"]
    organisations.delete(db, oid)
    assert organisations.list_organisations(db)[1] == 0


def test_attention_item_counts_missing_legal_basis(people):
    items = contact_attention.attention_items(people, date(2026, 11, 25))
    assert [i.text for i in items] == ["4 kontakter saknar rättslig grund"]
    assert items[0].section == "kontakter"


def test_organisation_names_match_whatever_the_case_of_å_ä_ö(db):
    """SQLite's lower() folds ASCII only: the service must still see "ÖREBRO universitet" as Örebro universitet."""
    oid = organisations.save(db, organisations.OrganisationDetail(None, "Örebro universitet", short_name="ORU",
                                                                  city="Örebro"))
    organisations.save(db, organisations.OrganisationDetail(None, "Åre kommun"))
    with pytest.raises(ValidationError, match="finns redan"):
        organisations.save(db, organisations.OrganisationDetail(None, "ÖREBRO  UNIVERSITET"))
    organisations.save(db, organisations.OrganisationDetail(oid, "Örebro Universitet", "ORU", city="Örebro"))  # itself
    cid = contacts.save(db, ContactInput(first_name="Eva", organisation="örebro universitet"))
    assert contacts.get(db, cid).organisation == "Örebro Universitet"
    assert contacts.get(db, contacts.save(db, ContactInput(first_name="Ola", organisation="oru"))).organisation_id == oid
    assert organisations.names_starting(db, "ÖRE") == ["Örebro Universitet"]
    assert organisations.names_starting(db, "åre") == ["Åre kommun"]
    assert organisations.names_starting(db, "kommun") == ["Åre kommun"]  # containing, after the prefix matches
    rows, total = organisations.list_organisations(db, "ÖREBRO")
    assert ([r.name for r in rows], total, rows[0].contacts) == (["Örebro Universitet"], 1, 2)
    assert organisations.list_organisations(db, "ingen sådan") == ([], 0)
    assert [r.name for r in organisations.list_organisations(db)[0]] == ["Åre kommun", "Örebro Universitet"]


def test_too_long_values_are_refused_beside_their_field(db):
    """PostgreSQL refuses a value longer than its column (SQLite would store it): the rules say so first."""
    with pytest.raises(ValidationError) as err:
        contacts.save(db, ContactInput(first_name="A" * 101, title="T" * 201, source="S" * 201,
                                       organisation="O" * 201))
    assert set(err.value.errors) == {"first_name", "title", "source", "organisation"}
    assert "högst 100 tecken" in err.value.errors["first_name"]
    with pytest.raises(ValidationError) as err:
        organisations.save(db, organisations.OrganisationDetail(None, "Kort", short_name="K" * 51, city="C" * 101))
    assert set(err.value.errors) == {"short_name", "city"}
    assert contact_list.search(db).total == 0 and organisations.list_organisations(db)[1] == 0
    cid = contacts.save(db, ContactInput(first_name="A" * 100, title="T" * 200, organisation="O" * 200))
    assert contacts.get(db, cid).organisation == "O" * 200
