"""``shk due`` and ``shk export contracts|payments|deadlines`` on a database with known dates, on
SQLite and PostgreSQL; bad input exits 2 with one Swedish line."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from icalendar import Calendar
from openpyxl import load_workbook

from shk_tui.commands import contracts as contract_commands
from shk_tui.services.contracts import contract_edit, payments
from tests.helpers.cli import run

TODAY = "2026-11-25"



@pytest.fixture(autouse=True)
def _fixed_today(monkeypatch):
    """Exports have no --today; they use the same fixed day as ``shk due --today``."""
    monkeypatch.setattr(contract_commands, "default_today", lambda: date(2026, 11, 25))


@pytest.fixture
def known(db):
    """Two contracts with dates around 2026-11-25."""
    a = contract_edit.save_contract(db, {
        "title": "Forskningsavtal MDU", "kind": "forskningsavtal", "counterparty": "Mälardalens universitet",
        "status": "aktivt", "starts_on": "2026-01-01", "ends_on": "2027-01-31", "notice_months": "2",
        "amount": "100 000", "diarienummer": ""})
    payments.add_payment(db, a, "2026-11-24", "40 000")  # overdue by one day
    payments.add_payment(db, a, "2026-11-25", "10 000")  # due today
    paid = payments.add_payment(db, a, "2026-10-01", "50 000")
    payments.mark_paid(db, paid, "2026-10-01", "50 000", "F-1", today=date(2026, 11, 25))
    b = contract_edit.save_contract(db, {
        "title": "Ramavtal lokaler", "kind": "upphandling/ramavtal", "counterparty": "Västerås stad",
        "status": "aktivt", "starts_on": "2025-01-01", "ends_on": "2028-12-31", "notice_months": "3",
        "amount": "12 500,50", "diarienummer": "KS 2016-254/322"})
    payments.add_payment(db, b, "2027-03-01", "12 500,50")
    return db


def test_due_text_lists_the_attention_items(known, capsys):
    code, out, err = run(capsys, "--db", known.config.url, "due", "--today", TODAY)
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0] == "Att åtgärda 2026-11-25: 5 st"
    assert lines[2:4] == [
        "Förfallna utbetalningar (1)",
        "  2026-11-24  Forskningsavtal MDU: 40 000 kr förföll 2026-11-24 (1 dag sedan)",
    ]
    assert "Sista dag för uppsägning inom 30 dagar (1)" in lines
    assert "Avtal som löper ut inom 90 dagar (1)" in lines
    assert ("  2026-11-30  Forskningsavtal MDU: säg upp senast 2026-11-30 (om 5 dagar); avtalet slutar 2027-01-31"
            in lines)
    assert "  2026-11-25  Forskningsavtal MDU: 10 000 kr förfaller 2026-11-25 (i dag)" in lines
    assert "              Forskningsavtal MDU: aktivt men inte diariefört" in lines
    assert "  2027-01-31  Forskningsavtal MDU: slutar 2027-01-31 (om 67 dagar)" in lines
    assert "Ramavtal" not in out  # nothing to act on for it


def test_due_days_and_csv(known, capsys):
    code, out, _ = run(capsys, "--db", known.config.url, "due", "--today", TODAY, "--days", "3", "--format", "csv")
    assert code == 0
    rows = list(csv.reader(io.StringIO(out.lstrip("\ufeff")), delimiter=";"))
    assert rows[0] == ["Kategori", "Allvar", "Datum", "Vad", "Sektion", "Id"]
    assert [(r[0], r[1], r[2]) for r in rows[1:]] == [
        ("Förfallna utbetalningar", "nu", "2026-11-24"),
        ("Utbetalningar inom 30 dagar", "snart", "2026-11-25"),
        ("Aktiva avtal utan diarienummer", "snart", ""),
    ]
    assert all(r[4] == "avtal" for r in rows[1:])


def test_due_on_an_empty_day(sqlite_db, capsys):
    code, out, _ = run(capsys, "--db", sqlite_db.config.url, "due", "--today", TODAY)
    assert code == 0 and out == "Inget att åtgärda (2026-11-25).\n"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("due", "--days", "-1"), "--days: måste vara mellan 0 och 3650"),
        (("due", "--today", "igår"), "--today: Ogiltigt datum"),
        (("export", "contracts", "--format", "ics"), "Formatet ics stöds inte för contracts"),
        (("export", "payments", "--format", "xlsx"), "Ange -o FIL"),
        (("export", "deadlines", "--from", "2027-01-01", "--to", "2026-01-01"), "--to måste vara"),
    ],
)
def test_bad_input_exits_2(sqlite_db, capsys, argv, message):
    code, out, err = run(capsys, "--db", sqlite_db.config.url, *argv)
    assert code == 2 and out == ""
    assert err.startswith("shk: ") and message in err and err.count("\n") == 1


def test_export_contracts_and_payments(known, capsys, tmp_path):
    code, out, _ = run(capsys, "--db", known.config.url, "export", "payments")
    assert code == 0
    rows = list(csv.reader(io.StringIO(out.lstrip("\ufeff")), delimiter=";"))
    assert rows[1][:6] == ["Forskningsavtal MDU", "", "Mälardalens universitet", "2026-10-01", "50000,00", "50000,00"]
    assert [r[8] for r in rows[1:]] == ["Betald", "Förfallen", "Planerad", "Planerad"]
    target = tmp_path / "avtal.xlsx"
    code, _, err = run(capsys, "--db", known.config.url, "export", "contracts", "--format", "xlsx",
                       "-o", str(target))
    assert code == 0 and f"Skrev {target}" in err
    ws = load_workbook(target).active
    header = [c.value for c in ws[1]]
    values = {row[1]: dict(zip(header, row, strict=True)) for row in ws.iter_rows(min_row=2, values_only=True)}
    mdu = values["Forskningsavtal MDU"]
    assert mdu["Säg upp senast"].date() == date(2026, 11, 30)
    assert mdu["Belopp (kr)"] == 100000 and mdu["Betalt (kr)"] == 50000
    assert "1 förfallen" in mdu["Varningar"] and "ej diarieförd" in mdu["Varningar"]
    assert values["Ramavtal lokaler"]["Belopp (kr)"] == 12500.5


def test_export_deadlines_ics(known, capsys):
    code, out, _ = run(capsys, "--db", known.config.url, "export", "deadlines", "--format", "ics",
                       "--to", "2027-12-31")
    assert code == 0
    cal = Calendar.from_ical(out.encode())
    events = {str(e["uid"]).split("@")[0].rsplit("-", 1)[0] + ":" + e["dtstart"].dt.isoformat(): e
              for e in cal.walk("VEVENT")}
    # the Ramavtal's notice deadline (2028-09-30) and end (2028-12-31) are after --to; paid rows are left out
    assert sorted(events) == sorted([
        "payment:2026-11-24", "payment:2026-11-25", "payment:2027-03-01", "notice:2026-11-30", "end:2027-01-31"])
    notice = events["notice:2026-11-30"]
    assert str(notice["summary"]) == "Sista dag att säga upp: Forskningsavtal MDU"
    assert notice.walk("VALARM")  # a reminder a week before
    assert all(e["uid"] for e in cal.walk("VEVENT"))
