"""Every XLSX export as Swedish Excel and LibreOffice show it, read back with openpyxl: amounts are
numbers with ``#,##0 "kr"`` (``#,##0.00 "kr"`` with öre; the locale shows ``1 100 000 kr``), dates and
times are date cells (``yyyy-mm-dd``, ``yyyy-mm-dd hh:mm``), the header is bold, frozen and filtered,
on SQLite and PostgreSQL (example data)."""

from __future__ import annotations

import io
from datetime import date, datetime

import pytest
from openpyxl import load_workbook
from sqlmodel import select

from shk_tui.db.models import Contact, Event, FundingApplication, Participation
from shk_tui.enums import FocusArea
from shk_tui.enums import ParticipationStatus as PS
from shk_tui.formats.spreadsheet import DATE_FORMAT, DATETIME_FORMAT, MONEY_FORMAT, MONEY_ORE_FORMAT, Money
from shk_tui.services.contacts import contact_export
from shk_tui.services.contacts.contact_list import ContactFilter
from shk_tui.services.contracts import contract_edit, contract_export, payments
from shk_tui.services.demo import seed as demo
from shk_tui.services.events import event_export
from shk_tui.services.portfolio import portfolio_export, reports
from tests.services.contracts.test_contracts_service import form

TODAY = date(2026, 11, 25)


@pytest.fixture
def demo_data(db):
    demo.load(db, today=TODAY)
    return db


def sheet(data: bytes):
    return load_workbook(io.BytesIO(data)).active


def rows_below_header(ws, first: str) -> tuple[int, list]:
    """(header row number, the data rows below it) of the table whose first heading is ``first``."""
    for row in ws.iter_rows():
        if row[0].value == first:
            head = row[0].row
            return head, [r for r in ws.iter_rows(min_row=head + 1) if any(c.value is not None for c in r)]
    raise AssertionError(f"no header {first!r}")


def column(ws, head: int, name: str) -> int:
    return next(c.column for c in ws[head] if c.value == name)


def assert_money(cells) -> None:
    cells = [c for c in cells if c.value is not None]
    assert cells, "no amounts"
    for c in cells:
        assert isinstance(c.value, int | float) and c.data_type == "n", (c.coordinate, c.value)
        expected = MONEY_FORMAT if float(c.value).is_integer() else MONEY_ORE_FORMAT
        assert c.number_format == expected, (c.coordinate, c.number_format)


def assert_header(ws, head: int) -> None:
    assert ws.freeze_panes == f"A{head + 1}"
    assert ws.auto_filter.ref and ws.auto_filter.ref.startswith(f"A{head}:")
    assert all(c.font.b for c in ws[head] if c.value)


def test_money_formats_show_kronor_and_ore():
    assert MONEY_FORMAT.startswith('#,##0 "kr"') and MONEY_ORE_FORMAT.startswith('#,##0.00 "kr"')
    assert Money(110_000_000).number_format == MONEY_FORMAT and Money(1_250_050).number_format == MONEY_ORE_FORMAT
    assert Money.kronor(12500.5) == Money(1_250_050)


def test_contacts_xlsx_date_of_legal_basis_is_a_date_cell(db):
    with db.session() as s:
        s.add(Contact(first_name="Åsa", last_name="Öberg", consent_on=date(2025, 3, 1), legal_basis="samtycke"))
    ws = sheet(contact_export.export_bytes(db, ContactFilter(), "xlsx"))
    head, body = rows_below_header(ws, "Förnamn")
    cell = body[0][column(ws, head, "Datum för grund") - 1]
    assert cell.value == datetime(2025, 3, 1) and cell.is_date and cell.number_format == DATE_FORMAT
    assert_header(ws, head)
    from shk_tui.formats import xlsx_contacts

    back = xlsx_contacts.read_xlsx(contact_export.export_bytes(db, ContactFilter(), "xlsx"))
    assert back[0].consent_on == "2025-03-01"  # a date cell reads back as the ISO date


def test_participants_xlsx_times_are_date_cells(db):
    with db.session() as s:
        ev = Event(title="Samhällsforum", starts_at=datetime(2026, 12, 3, 13))
        c = Contact(first_name="Per", last_name="Ek")
        s.add_all([ev, c])
        s.flush()
        s.add(Participation(event_id=ev.id, contact_id=c.id, status=PS.DELTOG,
                            registered_at=datetime(2026, 11, 2, 9, 15), checked_in_at=datetime(2026, 12, 3, 12, 55)))
        event_id = ev.id
    ws = sheet(event_export.participants(db, event_id, "xlsx"))
    head, body = rows_below_header(ws, "Namn")
    registered = body[0][column(ws, head, "Anmäld") - 1]
    checked_in = body[0][column(ws, head, "Incheckad") - 1]
    assert registered.value == datetime(2026, 11, 2, 9, 15) and registered.number_format == DATETIME_FORMAT
    assert checked_in.value == datetime(2026, 12, 3, 12, 55) and checked_in.number_format == DATETIME_FORMAT
    csv_text = event_export.participants(db, event_id, "csv").decode("utf-8-sig")
    assert ";2026-11-02 09:15;2026-12-03 12:55" in csv_text  # the CSV keeps its ISO text


def test_contracts_and_payments_xlsx_amounts_in_kronor(db):
    cid = contract_edit.save_contract(db, form(amount="1 100 000"))
    payments.add_payment(db, cid, "2027-01-31", "12 500,50")
    ws = sheet(contract_export.contracts(db, TODAY, "xlsx"))
    assert_header(ws, 1)
    amount = ws.cell(2, column(ws, 1, "Belopp (kr)"))
    assert amount.value == 1_100_000 and isinstance(amount.value, int) and amount.number_format == MONEY_FORMAT
    for name in ("Start", "Slut", "Säg upp senast"):
        day = ws.cell(2, column(ws, 1, name))
        assert day.is_date and day.number_format == DATE_FORMAT, name
    ws = sheet(contract_export.payments(db, TODAY, "xlsx"))
    assert_header(ws, 1)
    paid = ws.cell(2, column(ws, 1, "Belopp (kr)"))
    assert paid.value == 12500.5 and paid.number_format == MONEY_ORE_FORMAT
    due = ws.cell(2, column(ws, 1, "Förfaller"))
    assert due.value == datetime(2027, 1, 31) and due.number_format == DATE_FORMAT


def test_budget_initiatives_applications_xlsx(demo_data):
    with demo_data.session() as s:
        s.exec(select(FundingApplication).order_by(FundingApplication.id)).first().submitted_on = date(2026, 3, 2)
    ws = sheet(portfolio_export.render(portfolio_export.budget_sheet(demo_data), "xlsx"))
    head, body = rows_below_header(ws, "Budgetrad")
    assert_header(ws, head)
    budget_columns = [c.column for c in ws[head] if str(c.value).startswith(("Budget ", "Utfall 2", "Kvar "))]
    assert_money([r[i - 1] for r in body for i in budget_columns])

    ws = sheet(portfolio_export.render(portfolio_export.initiatives_sheet(demo_data), "xlsx"))
    head, body = rows_below_header(ws, "Namn")
    assert_header(ws, head)
    assert_money([r[column(ws, head, "Budget") - 1] for r in body])
    when = [r[column(ws, head, "Nästa steg datum") - 1] for r in body if r[column(ws, head, "Nästa steg datum") - 1].value]
    assert when and all(c.is_date and c.number_format == DATE_FORMAT for c in when)

    ws = sheet(portfolio_export.render(portfolio_export.applications_sheet(demo_data), "xlsx"))
    summary = {ws.cell(r, 1).value: ws.cell(r, 2) for r in range(1, 5)}
    assert list(summary)[0] == "Mål (styrelsens mål 5)" and summary["Mål (styrelsens mål 5)"].value == 10_000_000
    assert_money(summary.values())
    assert all(ws.cell(r, 1).font.b for r in range(1, 5))  # the labels bold
    head, body = rows_below_header(ws, "Titel")
    assert_header(ws, head)
    assert_money([r[column(ws, head, "Belopp") - 1] for r in body])
    sent = [r[column(ws, head, "Inskickad") - 1] for r in body if r[column(ws, head, "Inskickad") - 1].value]
    assert sent and all(c.is_date and c.number_format == DATE_FORMAT for c in sent)


def test_beslutsunderlag_xlsx_row_amounts_are_numbers(demo_data):
    report = reports.beslutsunderlag(demo_data, FocusArea.BARN)
    ws = sheet(portfolio_export.render_report(report, "xlsx"))
    head, body = rows_below_header(ws, "Initiativets namn")
    assert_header(ws, head)
    budget = column(ws, head, "Budget processtöd")
    initiatives = [r for r in body if r[0].value not in ("TOTALT", "Från ordinarie budget", "Från pilotbudget")]
    assert len(initiatives) == len(report.rows)
    assert_money([r[budget - 1] for r in initiatives])
    total = next(r for r in body if r[0].value == "TOTALT")
    assert sum(r[budget - 1].value for r in initiatives) == total[budget - 1].value == 1_272_000
    notes = {r[0].value: r[column(ws, head, "Kommentar budget") - 1].value for r in initiatives}
    assert any(notes.values()), "the text after the amount ('+ del av …') keeps a column of its own"
