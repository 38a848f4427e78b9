"""The register extract holds this person's history only (never that of an earlier row with the same
id) and is readable by the person: Swedish field names and actions, names instead of ids, "–" for
nothing, ISO dates, no Python notation. SQLite and PostgreSQL."""

from __future__ import annotations

import json
import re
from datetime import datetime

import sqlalchemy as sa
from sqlmodel import select

from shk_tui.db.models import AuditEntry, Contact, Event, Participation
from shk_tui.enums import ParticipationStatus
from shk_tui.services.contacts import contacts, duplicates, gdpr
from shk_tui.services.contacts.contacts import ContactInput

A_NAME, A_EMAIL = ("Astrid", "Fjällström"), "astrid.fjallstrom@example.se"


def history_section(md: str) -> str:
    return md.split("## Ändringshistorik", 1)[1]


def assert_readable(text: str) -> None:
    """No Python or JSON notation and no column names."""
    for bad in ("None", "True", "False", "[", "]", "{", "}", "'", '"', "_id", "first_name", "legal_basis"):
        assert bad not in text, f"{bad!r} in {text}"


def audit_text(db) -> str:
    with db.session() as s:
        return json.dumps(s.exec(select(AuditEntry.changes)).all(), ensure_ascii=False).casefold()


def both(db, cid: int) -> tuple[str, str]:
    data = gdpr.extract(db, cid)
    return gdpr.to_json(data), gdpr.to_markdown(data)


def test_a_new_contact_gets_nothing_of_a_deleted_one(db):
    a = contacts.save(db, ContactInput(first_name=A_NAME[0], last_name=A_NAME[1], email=A_EMAIL))
    contacts.delete(db, a)
    b = contacts.save(db, ContactInput(first_name="Bertil", last_name="Ek", email="bertil@example.se"))
    for text in both(db, b):
        assert A_NAME[1] not in text and A_EMAIL not in text and "Borttagen" not in text
    assert A_NAME[1].casefold() not in audit_text(db) and A_EMAIL not in audit_text(db)
    history = gdpr.extract(db, b)["audit"]
    assert [e["action"] for e in history] == ["Skapad"]
    assert {"field": "Förnamn", "from": "–", "to": "Bertil"} in history[0]["changes"]


def _legacy_history(db, row_id: int, *, deleted: bool) -> None:
    """Entries as an older version left them for a deleted person: with every value."""
    with db.session() as s:
        s.connection().execute(sa.insert(AuditEntry), [
            {"at": datetime(2020, 1, 1, 9), "table_name": "contact", "row_id": row_id, "action": "insert",
             "actor": "x", "changes": {"first_name": [None, A_NAME[0]], "email": [None, A_EMAIL]}},
            {"at": datetime(2020, 1, 2, 9), "table_name": "contact", "row_id": row_id, "action": "update",
             "actor": "x", "changes": {"last_name": [None, A_NAME[1]]}},
            *([{"at": datetime(2020, 1, 3, 9), "table_name": "contact", "row_id": row_id, "action": "delete",
                "actor": "x", "changes": {"email": [A_EMAIL, None]}}] if deleted else []),
        ])


def test_an_old_history_of_the_same_id_never_shows(db):
    """Before ids were never reused, a new contact could get a deleted one's id: the extract starts at
    this contact's own creation."""
    _legacy_history(db, 500, deleted=True)
    with db.session() as s:
        s.add(Contact(id=500, first_name="Bertil", last_name="Ek"))
    for text in both(db, 500):
        assert A_NAME[0] not in text and A_NAME[1] not in text and A_EMAIL not in text
    assert [e["action"] for e in gdpr.extract(db, 500)["audit"]] == ["Skapad"]


def test_without_its_own_creation_entry_the_row_creation_time_decides(db):
    """Defensively: a row written without an entry (by hand, a restore) whose id has an older
    history with no delete entry still shows none of it."""
    _legacy_history(db, 501, deleted=False)
    with db.session() as s:
        s.connection().execute(sa.insert(Contact.__table__).values(
            id=501, first_name="Bertil", last_name="Ek", archived=False, created_at=datetime(2026, 1, 1, 9),
            updated_at=datetime(2026, 1, 1, 9)))
    contacts.save(db, ContactInput(first_name="Bertil", last_name="Ek", title="Rektor"), 501)
    for text in both(db, 501):
        assert A_NAME[0] not in text and A_NAME[1] not in text and A_EMAIL not in text
    assert [e["action"] for e in gdpr.extract(db, 501)["audit"]] == ["Ändrad"]


def test_the_history_is_readable(db):
    cid = contacts.save(db, ContactInput(first_name="Kerstin", last_name="Qvarnström", email="k@example.se",
                                         phone="070-999 88 77", organisation="Kvarnbyskolan",
                                         legal_basis="allmänt intresse", consent_on="2025-01-10"))
    contacts.set_tags(db, cid, ["skola", "forskare"])
    contacts.save(db, ContactInput(first_name="Kerstin", last_name="Qvarnström", email="k@example.se",
                                   title="Rektor", organisation="Kvarnbyskolan", legal_basis="allmänt intresse",
                                   consent_on="2025-01-10"), cid)
    with db.session() as s:
        ev = Event(title="Samhällsforum", starts_at=datetime(2026, 3, 3, 9))
        s.add(ev)
        s.flush()
        s.add(Participation(event_id=ev.id, contact_id=cid, status=ParticipationStatus.DELTOG,
                            registered_at=datetime(2026, 2, 1, 10, 30)))
    data = gdpr.extract(db, cid)
    md = gdpr.to_markdown(data)
    history = history_section(md)
    assert_readable(history)
    for shown in ("Förnamn: – → Kerstin", "E-post: – → k@example.se", "Organisation: – → Kvarnbyskolan",
                  "Rättslig grund: – → Allmänt intresse", "Datum för grund: – → 2025-01-10",
                  "Taggar: – → forskare, skola", "Titel: – → Rektor", "Telefon: +46 70 999 88 77 → –",
                  "Deltagande: Samhällsforum", "Status: – → Deltog", "Anmäld: – → 2026-02-01 10:30",
                  "Kontakt: – → Kerstin Qvarnström", "| Skapad |", "| Ändrad |"):
        assert shown in history, shown
    assert re.search(r"\| \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} \| Kontakt \| Skapad \| (testare|postgres)", history)
    assert_readable(json.dumps([e["changes"] for e in data["audit"]], ensure_ascii=False)
                    .replace('"', "").replace("[", "").replace("]", "").replace("{", "").replace("}", ""))
    assert "| Rättslig grund | Allmänt intresse |" in md


def test_merge_and_erasure_read_as_sentences(db):
    keep = contacts.save(db, ContactInput(first_name="Anna", last_name="Andersson", email="anna@mdu.se"))
    drop = contacts.save(db, ContactInput(first_name="Anna", last_name="Anderson", title="Lektor"))
    duplicates.merge(db, keep, drop, {"title"})
    history = history_section(gdpr.to_markdown(gdpr.extract(db, keep)))
    assert "| Sammanslagen |" in history and "Fält från den sammanslagna posten: Titel" in history
    assert "Anderson" not in history  # the merged-away record's own history is not this contact's
    gdpr.erase(db, keep, "Begäran från personen", today=datetime(2026, 11, 25).date())
    history = history_section(gdpr.to_markdown(gdpr.extract(db, keep)))
    assert_readable(history)
    assert "| Raderad (GDPR) |" in history and "Skäl: Begäran från personen" in history
    assert "E-post: – → raderat" in history and "anna@mdu.se" not in history


async def test_the_gdpr_dialog_shows_this_persons_readable_history(sqlite_db):
    from textual.widgets import TextArea

    from shk_tui.app import ShkApp
    from shk_tui.ui.contacts.gdpr import GdprScreen

    a = contacts.save(sqlite_db, ContactInput(first_name=A_NAME[0], last_name=A_NAME[1], email=A_EMAIL))
    contacts.delete(sqlite_db, a)
    b = contacts.save(sqlite_db, ContactInput(first_name="Bertil", last_name="Ek", organisation="MDU"))
    app = ShkApp(sqlite_db, today=datetime(2026, 11, 25).date())
    async with app.run_test(size=(120, 40)) as pilot:
        await app.push_screen(GdprScreen(b))
        await pilot.pause()
        shown = app.screen.query_one("#gdpr-extract", TextArea).text
    history = history_section(shown)
    assert "| Kontakt | Skapad | testare |" in history and "Organisation: – → MDU" in history
    assert A_NAME[1] not in shown and A_EMAIL not in shown
    assert_readable(history)
