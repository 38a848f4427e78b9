"""The GDPR dialog (``g`` in Kontakter) shows the payments the person decided or attested, and after
the erasure through the dialog those payments carry the pseudonym while another person's keep theirs."""

from __future__ import annotations

from textual.widgets import Input, TextArea

from shk_tui.db.models import Contract, Payment
from shk_tui.services.contacts import contacts
from shk_tui.services.contacts.contacts import ContactInput
from shk_tui.services.contracts import payments
from shk_tui.ui.base.confirm import ConfirmScreen
from shk_tui.ui.contacts.contacts import ContactsScreen
from shk_tui.ui.contacts.gdpr import GdprScreen
from tests.helpers.contacts_pilot import open_contacts, rows
from tests.ui.conftest import SIZE, notices, settle


async def test_the_dialog_lists_her_payments_and_erasure_pseudonymises_them(app_db, make_app):
    db = app_db
    anna = contacts.save(db, ContactInput(first_name="Anna", last_name="Berg", email="anna.berg@example.se"))
    contacts.save(db, ContactInput(first_name="Anna", last_name="Bergström"))
    with db.session() as s:
        k = Contract(title="Skolavtal", diarienummer="MDU 2026/7")
        s.add(k)
        s.flush()
        contract = k.id
    decided = payments.add_payment(db, contract, "2026-03-31", "1272000", decided_by="Anna Berg",
                                   attested_by="Anna Bergström")
    attested = payments.add_payment(db, contract, "2026-06-30", "50000", decided_by="Anna Bergström",
                                    attested_by="ANNA BERG")
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_contacts(app, pilot)
        assert [r[0] for r in rows(screen)][:1] == ["Anna Berg"]  # the cursor is on her
        await pilot.press("g")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, GdprScreen)
        shown = dialog.query_one("#gdpr-extract", TextArea).text
        section = shown.split("## Beslut och attest av utbetalningar", 1)[1].split("##", 1)[0]
        assert section.strip().splitlines() == [
            "| Avtal | Förfallodag | Belopp | Roll |", "|---|---|---|---|",
            "| Skolavtal (MDU 2026/7) | 2026-03-31 | 1 272 000 kr | beslutade |",
            "| Skolavtal (MDU 2026/7) | 2026-06-30 | 50 000 kr | attesterade |"]
        reason = dialog.query_one("#gdpr-reason", Input)
        reason.value = "Begäran från personen"
        reason.focus()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, ContactsScreen)
        assert "Personen är raderad (anonymiserad)" in notices(app)
        assert [r[0] for r in rows(app.screen)] == ["Anna Bergström"]
    with db.read() as s:
        assert (s.get(Payment, decided).decided_by, s.get(Payment, decided).attested_by) == (
            f"Raderad person {anna}", "Anna Bergström")
        assert (s.get(Payment, attested).decided_by, s.get(Payment, attested).attested_by) == (
            "Anna Bergström", f"Raderad person {anna}")
        assert s.get(Payment, decided).amount_ore == 127_200_000
