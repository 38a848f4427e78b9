"""Pilot: Kontakter's export dialog offers Outlook's CSV and vCard 3.0 beside the Swedish CSV, XLSX and
vCard 4.0; the file name gets the format's suffix (.csv, .vcf) and the file is what the tool reads."""

from __future__ import annotations

import csv
import io

import vobject
from textual.widgets import Input, Select

from shk_tui.formats import outlook_csv
from shk_tui.services.contacts import contacts
from shk_tui.services.contacts.contacts import ContactInput
from shk_tui.ui.contacts.contacts import ContactsScreen
from tests.helpers.contacts_pilot import open_contacts
from tests.ui.conftest import SIZE, settle


async def test_export_for_outlook_and_as_vcard_3(app_db, make_app, tmp_path):
    contacts.save(app_db, ContactInput(first_name="Åsa", last_name="Öberg", email="asa@example.se",
                                       phone="070-123 45 67", organisation="Västerås stad"))
    app = make_app(app_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_contacts(app, pilot)
        for fmt, suffix in (("outlook", "csv"), ("vcf3", "vcf")):
            await pilot.press("x")
            await settle(pilot)
            dialog = app.screen
            dialog.query_one("#export-path", Input).value = str(tmp_path / f"{fmt}.xlsx")
            dialog.query_one("#export-format", Select).value = fmt
            await settle(pilot)
            assert dialog.query_one("#export-path", Input).value == str(tmp_path / f"{fmt}.{suffix}")
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert isinstance(app.screen, ContactsScreen)
    data = (tmp_path / "outlook.csv").read_bytes()
    (row,) = csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=",")
    assert list(row) == list(outlook_csv.HEADER)
    assert (row["First Name"], row["Company"], row["Mobile Phone"]) == ("Åsa", "Västerås stad", "070-123 45 67")
    card = next(vobject.readComponents((tmp_path / "vcf3.vcf").read_text("utf-8")))
    assert card.version.value == "3.0" and card.tel.params["TYPE"] == ["CELL"]
