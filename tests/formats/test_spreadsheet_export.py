"""Every CSV/XLSX export guards text a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@``,
tab, CR, also after leading spaces): CSV cells get a leading apostrophe, XLSX cells are text cells
(never formulas) marked with Excel's quote prefix. Real numbers, amounts and dates stay numbers."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date, datetime

import pytest
from openpyxl import load_workbook

from shk_tui.db.models import Contact, Contract, Event, Initiative, Organisation, Participation
from shk_tui.enums import ParticipationStatus as PS
from shk_tui.formats import contracts_export, csv_contacts, participants, tables, xlsx_contacts
from shk_tui.formats.followup import followup_csv
from shk_tui.formats.tables import Money, Sheet
from shk_tui.services.contacts import contact_export
from shk_tui.services.contacts.contact_list import ContactFilter
from shk_tui.services.contracts import contract_edit
from shk_tui.services.events import event_export, followup
from shk_tui.services.portfolio import portfolio_export
from tests.services.contracts.test_contracts_service import TODAY, form

PAYLOADS = ["=1+cmd|' /C calc'!A0", "+46 70 123", "-2+3", "@SUM(A1)", "\t=x", "\r=x", " =x"]
SAFE = ["Åsa Öberg", "5-a-side", "a=b", "kr 12"]


def csv_cells(data: bytes) -> list[str]:
    assert data.startswith(b"\xef\xbb\xbf"), "UTF-8 with BOM for Swedish Excel"
    assert b"\r\n" in data
    rows = list(csv.reader(io.StringIO(data[3:].decode("utf-8"), newline=""), delimiter=";"))
    return [cell for row in rows for cell in row]


def assert_csv_guarded(data: bytes, payloads: list[str]) -> None:
    cells = csv_cells(data)
    for p in payloads:
        assert "'" + p in cells, f"{p!r} not written as '{p!r}"
        assert p not in cells, f"{p!r} written as a live formula"
        assert ("'" + p).encode() in data


def xlsx_cells(data: bytes) -> list:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in z.read(name) and b"<f " not in z.read(name), "a formula in the file"
    wb = load_workbook(io.BytesIO(data))
    cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None]
    assert not any(c.data_type == "f" for c in cells)
    return cells


def xlsx_text(p: str) -> str:
    return p.replace("\r", "\n")  # Excel's line break in a cell is LF; XML would turn a lone CR into LF


def assert_xlsx_guarded(data: bytes, payloads: list[str]) -> None:
    cells = xlsx_cells(data)
    for p in payloads:
        found = [c for c in cells if c.value == xlsx_text(p)]
        assert found, f"{p!r} missing from the workbook"
        assert all(c.data_type == "s" and c.quotePrefix for c in found), f"{p!r} not stored as text"


# --- the guard itself -------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [*PAYLOADS, "=", "+", "\n=x", "  @x", "\u00a0=x", "－1", "＝A1"])
def test_formula_like_text_is_guarded(text):
    from shk_tui.formats import spreadsheet

    assert spreadsheet.formula_like(text)
    assert spreadsheet.csv_cell(text) == "'" + text


@pytest.mark.parametrize("text", [*SAFE, "", " ", "'=x"])
def test_ordinary_text_is_left_alone(text):
    from shk_tui.formats import spreadsheet

    assert not spreadsheet.formula_like(text)
    assert spreadsheet.csv_cell(text) == text


def test_numbers_amounts_and_dates_are_never_guarded():
    from shk_tui.formats import spreadsheet

    assert [spreadsheet.csv_cell(v) for v in (-5, Money(-250_050), Money(-250_000), -12.5, date(2026, 1, 2),
                                              datetime(2026, 1, 2, 9, 30), None, True)] == [
        "-5", "-2500,50", "-2500", "-12,50", "2026-01-02", "2026-01-02 09:30", "", "ja"]
    data = tables.to_xlsx([Sheet("Tal", ["Tal", "Belopp", "Datum"], rows=[[-5, Money(-250_000), date(2026, 1, 2)]])])
    ws = load_workbook(io.BytesIO(data)).active
    assert (ws["A2"].value, ws["A2"].data_type) == (-5, "n")
    assert (ws["B2"].value, ws["B2"].data_type) == (-2500, "n")
    assert ws["C2"].value == datetime(2026, 1, 2) and ws["C2"].is_date


def test_xlsx_drops_control_characters_openpyxl_refuses():
    data = tables.to_xlsx([Sheet("Text", ["Namn"], rows=[["a\x00b\x07c\x1b=d"], ["\x01=x"]])])
    ws = load_workbook(io.BytesIO(data)).active
    assert ws["A2"].value == "abc=d" and not ws["A2"].quotePrefix
    assert ws["A3"].value == "=x" and ws["A3"].data_type == "s" and ws["A3"].quotePrefix


# --- every export kind --------------------------------------------------------------------------------

@pytest.fixture
def people(db):
    """One contact, organisation and participation per payload on one event with a payload title."""
    with db.session() as s:
        ev = Event(title=PAYLOADS[0], starts_at=datetime(2026, 12, 3, 13), location=PAYLOADS[3])
        s.add(ev)
        s.flush()
        for i, p in enumerate(PAYLOADS + SAFE):
            org = Organisation(name=p if p in PAYLOADS else f"{p} AB")
            s.add(org)
            s.flush()
            c = Contact(first_name="", last_name=p, title=p, organisation_id=org.id, email=f"p{i}@ex.se")
            s.add(c)
            s.flush()
            s.add(Participation(event_id=ev.id, contact_id=c.id, status=PS.DELTOG if i % 2 else PS.UTEBLEV,
                                dietary=p))
        return ev.id


def test_contacts_csv(db, people):
    data = contact_export.export_bytes(db, ContactFilter(), "csv")
    assert_csv_guarded(data, PAYLOADS)
    assert all(p in csv_cells(data) for p in SAFE)
    back = {r.last_name for r in csv_contacts.read_csv(data).records}  # imported back: the guard undone
    assert {p.strip() for p in PAYLOADS + SAFE} <= back


def test_contacts_xlsx_and_reading_it_back(db, people):
    data = contact_export.export_bytes(db, ContactFilter(), "xlsx")
    assert_xlsx_guarded(data, PAYLOADS)
    back = {r.last_name for r in xlsx_contacts.read_xlsx(data)}
    assert {xlsx_text(p).strip() for p in PAYLOADS + SAFE} <= back  # the reader trims cells


def test_contacts_xlsx_written_before_the_change_still_reads_back():
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["Förnamn", "Efternamn"])
    wb.active.append(["'=Eva", "'-2+3"])
    buf = io.BytesIO()
    wb.save(buf)
    (rec,) = xlsx_contacts.read_xlsx(buf.getvalue())
    assert (rec.first_name, rec.last_name) == ("=Eva", "-2+3")


def test_participants_csv_and_catering(db, people):
    data = event_export.participants(db, people, "csv")
    assert_csv_guarded(data, PAYLOADS)  # organisation column: names are trimmed, organisations are not
    assert "'" + PAYLOADS[0] in csv_cells(event_export.catering(db, people))  # the event's title
    assert_csv_guarded(participants.catering_csv([("Evenemang", p) for p in PAYLOADS], 3, [("=x", 1)]),
                       [*PAYLOADS, "=x"])


def test_participants_xlsx(db, people):
    data = event_export.participants(db, people, "xlsx")
    assert_xlsx_guarded(data, PAYLOADS)
    ws = load_workbook(io.BytesIO(data)).active
    title = next(row[1] for row in ws.iter_rows() if row[0].value == "Evenemang")  # below the sensitivity note
    assert title.value == PAYLOADS[0] and title.data_type == "s"  # the title in the header block


@pytest.fixture
def contract_titles(db):
    ids = [contract_edit.save_contract(db, form(title=f"Avtal {i}", diarienummer=""))
           for i in range(len(PAYLOADS))]
    with db.session() as s:
        for cid, p in zip(ids, PAYLOADS, strict=True):
            s.get(Contract, cid).title = p
    return ids


def test_contracts_csv(db, contract_titles):
    data = contracts_export_bytes(db, "csv")
    assert_csv_guarded(data, PAYLOADS)
    assert ";1272000,00;" in data.decode("utf-8-sig")  # the amount stays a number (decimal comma)


def test_contracts_xlsx(db, contract_titles):
    data = contracts_export_bytes(db, "xlsx")
    assert_xlsx_guarded(data, PAYLOADS)
    ws = load_workbook(io.BytesIO(data)).active
    assert ws.cell(2, 12).value == 1272000 and ws.cell(2, 12).data_type == "n"


def contracts_export_bytes(db, fmt: str) -> bytes:
    from shk_tui.services.contracts import contract_export

    return contract_export.contracts(db, TODAY, fmt)


def test_contract_due_list_csv_of_the_cli():
    assert_csv_guarded(contracts_export.to_csv(["Titel"], [[p] for p in PAYLOADS]), PAYLOADS)


def test_followup_csv(db, people):
    data = event_export.followup_csv(followup.for_event(db, people))
    assert "'" + PAYLOADS[0] + " 2026-12-03" in csv_cells(data)  # the title
    assert_csv_guarded(data, PAYLOADS)  # organisations in the no-show block
    cells = csv_cells(data)
    assert cells[cells.index("'-2+3") + 1:][:2] == ["0", "1"]  # attended, no-show: counts stay numbers


def test_followup_csv_every_block():
    rows = [(p, 1) for p in PAYLOADS]
    data = followup_csv(PAYLOADS[0], rows, "50 %", rows, rows, [(p, 1, 1, "50 %") for p in PAYLOADS], rows, "deltog")
    assert_csv_guarded(data, PAYLOADS)


@pytest.fixture
def initiatives(db):
    with db.session() as s:
        for i, p in enumerate(PAYLOADS):
            s.add(Initiative(name=p, next_step=p, budget_ore=(i + 1) * 100_000_00, context=p))


def test_report_csv(db, initiatives):
    data = portfolio_export.render(portfolio_export.initiatives_sheet(db), "csv")
    assert_csv_guarded(data, PAYLOADS)
    assert "100000" in csv_cells(data)  # Money: a plain number


def test_report_xlsx(db, initiatives):
    data = portfolio_export.render(portfolio_export.initiatives_sheet(db), "xlsx")
    assert_xlsx_guarded(data, PAYLOADS)
    amounts = [c for c in xlsx_cells(data) if isinstance(c.value, int)]
    assert sorted(c.value for c in amounts) == [100_000 * (i + 1) for i in range(len(PAYLOADS))]
    assert all(c.data_type == "n" and c.number_format == tables.MONEY_FORMAT for c in amounts)


def test_beslutsunderlag_xlsx_and_preamble(db, initiatives):
    from shk_tui.enums import FocusArea
    from shk_tui.services.portfolio import reports

    report = reports.beslutsunderlag(db, FocusArea.OVERGRIPANDE)
    assert_xlsx_guarded(portfolio_export.render_report(report, "xlsx"), PAYLOADS)
    sheet = Sheet("S", ["A"], rows=[["x"]], preamble=[[p] for p in PAYLOADS])
    assert_csv_guarded(tables.to_csv(sheet), PAYLOADS)
    assert_xlsx_guarded(tables.to_xlsx([sheet]), PAYLOADS)
