"""The import dialog with a phone's vCard: warnings are shown as well as rejected rows, a company card is
previewed and saved as an organisation, the counts are in correct Swedish."""

from __future__ import annotations

from sqlmodel import select
from textual.widgets import Button, Static

from shk_tui.db.models import Contact, Organisation
from shk_tui.services.contacts import contacts
from shk_tui.services.contacts.contacts import ContactInput
from shk_tui.ui.contacts.contacts import ContactsScreen
from tests.helpers.contacts_pilot import import_dialog, open_contacts, rows
from tests.ui.conftest import SIZE, notices, settle

CARDS = (
    "BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=C3=96berg;=C3=85sa;;;\r\n"
    "TEL;CELL:021-12 34 56 ankn 12\r\nEMAIL;WORK:asa@example.se\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nN:;;;;\r\nFN:Västerås stad växel\r\nORG:Västerås stad växel;\r\n"
    "TEL;type=WORK:021-39 00 00\r\nX-ABShowAs:COMPANY\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Avklippt;Anna;;;\r\n"
)


async def test_dialog_shows_warnings_rejected_rows_and_company_cards(app_db, make_app, tmp_path):
    contacts.save(app_db, ContactInput(first_name="Bo", last_name="Berg"))
    path = tmp_path / "telefon.vcf"
    path.write_bytes(CARDS.encode())
    app = make_app(app_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_contacts(app, pilot)
        dialog = await import_dialog(app, pilot, path)
        summary = str(dialog.query_one("#import-summary", Static).render())
        assert "1 ny, 1 organisation, 0 dubbletter, 1 felaktig rad, 1 varning" in summary
        problems = str(dialog.query_one("#import-problems", Static).render())
        assert "Rad 15: Anna Avklippt – vCard utan END:VCARD" in problems
        assert "Importeras med 1 varning:" in problems
        assert "Rad 1: Åsa Öberg – telefon '021-12 34 56 ankn 12' (inget telefonnummer) sparades i anteckningen" \
            in problems
        assert rows(dialog, "#import-preview") == [("1", "Åsa Öberg", "", "asa@example.se", "", ""),
                                                   ("7", "(organisation)", "Västerås stad växel", "", "", "")]
        assert str(dialog.query_one("#import-run", Button).label) == "Importera 2 (ctrl+s)"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ContactsScreen)
        assert "1 kontakt importerad, 1 organisation sparade" in notices(app)
    with app_db.read() as s:
        asa = s.exec(select(Contact).where(Contact.first_name == "Åsa")).one()
        assert (asa.first_name, asa.last_name, asa.phone, asa.note) == (
            "Åsa", "Öberg", None, "Telefon (cell): 021-12 34 56 ankn 12")
        org = s.exec(select(Organisation).where(Organisation.name == "Västerås stad växel")).one()
        assert org.note == "Telefon: +46 21 39 00 00"
