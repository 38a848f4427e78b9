"""Pilot: Översikt shows "Gallring att göra (N)"; enter on its heading (or g) opens the gallring dialog with
each rule and what it does now; ctrl+r gallrar after a confirmation; a contact to review is kept with b or
opened in its GDPR dialog. The GDPR dialog of a contract's responsible person offers restriction instead
of erasure, says why, and restricts."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlmodel import select
from textual.widgets import DataTable, Input, Static

from shk_tui.db.models import Contact, Contract, Event, Participation
from shk_tui.enums import ContractStatus, LegalBasis
from shk_tui.enums import ParticipationStatus as PS
from shk_tui.ui.base.confirm import ConfirmScreen
from shk_tui.ui.contacts.contacts import ContactsScreen
from shk_tui.ui.contacts.gdpr import GdprScreen
from shk_tui.ui.overview.gallring import GallringScreen
from shk_tui.ui.overview.overview import OverviewScreen
from tests.helpers.contacts_pilot import open_contacts, rows
from tests.helpers.tables import table_rows
from tests.ui.conftest import SIZE, TODAY, settle


def seed(db) -> dict[str, int]:
    with db.session() as s:
        ev = Event(title="Forum", starts_at=datetime(2026, 9, 1, 9), ends_at=datetime(2026, 9, 1, 16))
        diner = Contact(first_name="Dina", last_name="Diet", legal_basis=LegalBasis.AVTAL)
        idle = Contact(first_name="Ivar", last_name="Inaktiv", legal_basis=LegalBasis.SAMTYCKE)
        signer = Contact(first_name="Sigrid", last_name="Östlund", legal_basis=LegalBasis.ALLMANT_INTRESSE)
        s.add_all([ev, diner, idle, signer])
        s.flush()
        s.add(Participation(event_id=ev.id, contact_id=diner.id, status=PS.DELTOG, dietary="vegetarisk"))
        s.add(Contract(title="Samverkansavtal", responsible_id=signer.id, status=ContractStatus.AKTIVT))
        ids = {"event": ev.id, "idle": idle.id, "signer": signer.id}
    with db.engine.begin() as conn:
        conn.execute(sa.update(Contact.__table__).where(Contact.__table__.c.id == ids["idle"])
                     .values(updated_at=datetime(2024, 1, 1)))
    return ids


async def test_gallring_from_oversikt(sqlite_db, make_app):
    db = sqlite_db
    ids = seed(db)
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#attention", DataTable)
        shown = table_rows(table)
        at = next(i for i, r in enumerate(shown) if r[2].startswith("Gallring att göra"))
        assert shown[at][2] == "Gallring att göra (2) – enter (eller g) öppnar gallringen"
        assert sorted(r[2][:40] for r in shown[at + 1:at + 3]) == [
            "1 kontakt utan aktivitet på 24 månader f", "1 kostuppgift i 1 evenemang tas bort (30"]
        table.move_cursor(row=at)
        await pilot.press("enter")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, GallringScreen)
        rules = table_rows(dialog.query_one("#gallring-rules", DataTable))
        assert rules[0][:3] == ["Kostuppgifter", "gallras", "30 dagar efter evenemangets slut"]
        assert rules[0][4] == "GDPR art. 5.1 c och e, art. 9; MDU:s gallringsbeslut"
        assert ["Avtal och utbetalningar", "bevaras", "7 år efter räkenskapsårets slut"] in [r[:3] for r in rules]
        assert table_rows(dialog.query_one("#gallring-review", DataTable)) == [
            ["Ivar Inaktiv", "", "Samtycke", "2024-01-01"]]
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await settle(pilot)
        assert app.screen is dialog
        assert "Inget att gallra 2026-11-25" in str(dialog.query_one("#gallring-summary", Static).render())
        dialog.query_one("#gallring-review", DataTable).focus()
        await pilot.press("b")
        await settle(pilot)
        assert table_rows(dialog.query_one("#gallring-review", DataTable)) == []
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, OverviewScreen)
        assert not any(r[2].startswith("Gallring att göra") for r in table_rows(app.screen.query_one("#attention", DataTable)))
    with db.read() as s:
        assert s.exec(select(Participation.dietary)).all() == [None]
        assert s.get(Event, ids["event"]).dietary_counts == {"vegetarisk": 1}
        assert s.get(Contact, ids["idle"]).reviewed_on == TODAY


async def test_review_row_opens_gdpr_and_g_opens_the_dialog(sqlite_db, make_app):
    ids = seed(sqlite_db)
    app = make_app(sqlite_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("g")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, GallringScreen)
        dialog.query_one("#gallring-review", DataTable).focus()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, GdprScreen) and app.screen.contact_id == ids["idle"]
        app.screen.query_one("#gdpr-reason", Input).value = "Inaktiv sedan 2024"
        await pilot.click("#gdpr-erase")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert app.screen is dialog
        assert table_rows(dialog.query_one("#gallring-review", DataTable)) == []
    with sqlite_db.read() as s:
        assert s.get(Contact, ids["idle"]).erased_on == TODAY


async def test_erase_of_a_contracts_responsible_offers_restriction(sqlite_db, make_app):
    ids = seed(sqlite_db)
    app = make_app(sqlite_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_contacts(app, pilot)
        assert [r[0] for r in rows(screen)] == ["Dina Diet", "Ivar Inaktiv", "Sigrid Östlund"]
        screen.query_one(DataTable).move_cursor(row=2)
        await pilot.press("g")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, GdprScreen)
        assert not dialog.query("#gdpr-erase")  # erasure is not offered
        why = str(dialog.query_one("#gdpr-must-keep", Static).render())
        assert "Kan inte raderas: uppgifterna ska bevaras enligt arkivlagen (ansvarig för avtalet Samverkansavtal)" in why
        assert "Begränsa behandlingen i stället (GDPR art. 18)" in why
        assert "kan inte raderas, de ingår i allmänna handlingar" in dialog.query_one("#gdpr-extract").text
        await pilot.click("#gdpr-restrict")
        await settle(pilot)
        assert "Ange ett skäl för begränsningen" in str(dialog.query_one("#err-reason", Static).render())
        reason = dialog.query_one("#gdpr-reason", Input)
        reason.value = "Begäran om radering"
        reason.focus()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, ContactsScreen)
        assert [r[0] for r in rows(app.screen)] == ["Dina Diet", "Ivar Inaktiv"]
    with sqlite_db.read() as s:
        c = s.get(Contact, ids["signer"])
        assert (c.restricted_on, c.restriction_reason, c.erased_on) == (TODAY, "Begäran om radering", None)
