"""Tables as Excel and LibreOffice save them (written here): XLSX date and number cells, Excel's ``sep=;``
line, a CSV mixing UTF-8 and cp1252 lines, text garbled earlier; the dry run says what the import does;
export → import round trips."""

from __future__ import annotations

import io
from datetime import datetime

import pytest
from openpyxl import Workbook
from sqlmodel import select

from shk_tui import cli
from shk_tui.db.models import Contact
from shk_tui.services.contacts import contact_export, contacts
from shk_tui.services.contacts import contact_import as imp
from shk_tui.services.contacts.contact_list import ContactFilter
from shk_tui.services.contacts.contacts import ContactInput


def workbook(rows: list[list]) -> bytes:
    wb = Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)  # ints, floats and datetimes become number and date cells, as typed in Excel
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_xlsx_number_and_date_cells(db):
    data = workbook([
        ["Förnamn", "Efternamn", "Mobil", "Rättslig grund", "Datum för grund"],
        ["Anna", "Berg", 701234567, "samtycke", datetime(2025, 3, 1)],
        ["Bo", "Ek", 701234568.0, "", None],
        ["Cia", "Ås", 46701234569, "", None],
        ["Dan", "Öst", 21123456, "", None],
    ])
    plan = imp.plan(db, data, "kontakter.xlsx")
    assert not plan.bad
    assert [(r.name, r.phone, r.consent_on) for r in plan.new] == [
        ("Anna Berg", "+46 70 123 45 67", "2025-03-01"), ("Bo Ek", "+46 70 123 45 68", ""),
        ("Cia Ås", "+46 70 123 45 69", ""), ("Dan Öst", "+46 21 12 34 56", "")]
    assert [(w.line, w.reason) for w in plan.warnings] == [
        (5, "telefon '21123456' saknade inledande 0 och lästes som +46 21 12 34 56")]
    imp.apply(db, plan)
    with db.read() as s:
        anna = s.exec(select(Contact).where(Contact.first_name == "Anna")).one()
        assert (anna.phone, anna.consent_on.isoformat(), anna.legal_basis.value) == (
            "+46 70 123 45 67", "2025-03-01", "samtycke")


def test_excel_sep_line_is_honoured(db):
    for sep in (";", ","):
        data = f"sep={sep}\r\nFörnamn{sep}Efternamn{sep}E-post\r\nÅsa{sep}Öberg{sep}asa@example.se\r\n"
        plan = imp.plan(db, data.encode("cp1252"), "excel.csv")
        assert plan.delimiter == sep and [(r.name, r.email, r.line) for r in plan.new] == [
            ("Åsa Öberg", "asa@example.se", 3)]


def test_mixed_utf8_and_cp1252_lines_are_decoded_and_named(db):
    data = ("Förnamn;Efternamn\r\nMärta;Åberg\r\n".encode() + "Örjan;Ängström\r\n".encode("cp1252")
            + "Göran;Öst\r\n".encode())
    plan = imp.plan(db, data, "blandad.csv")
    assert [r.name for r in plan.new] == ["Märta Åberg", "Örjan Ängström", "Göran Öst"]
    assert [(w.line, w.reason) for w in plan.warnings] == [(3, "rad 3: teckenkodningen var cp1252")]
    imp.apply(db, plan)
    with db.read() as s:
        assert "Ã" not in "".join(s.exec(select(Contact.first_name)).all())


def test_text_garbled_earlier_is_repaired_and_named(db):
    data = "Förnamn;Efternamn;Organisation\nMÃ¤rta;Ã…berg;VÃ¤sterÃ¥s stad Ã–st Ã„ngen\nEva;Ek;MDU\n".encode()
    plan = imp.plan(db, data, "trasig.csv")
    assert [(r.name, r.organisation) for r in plan.new] == [("Märta Åberg", "Västerås stad Öst Ängen"),
                                                            ("Eva Ek", "MDU")]
    assert [w.line for w in plan.warnings] == [2] and "Ã¤ för ä" in plan.warnings[0].reason


def test_dry_run_says_what_the_import_does(tmp_path, capsys):
    path = tmp_path / "shk.sqlite3"
    assert cli.main(["--db", str(path), "db", "upgrade"]) == 0
    src = tmp_path / "k.csv"
    src.write_bytes(("sep=;\nFörnamn;Efternamn;E-post;Telefon;Organisation\n"
                     "Åsa;Öberg;asa@example.se;021-12 34 56 ankn 12;MDU\n"
                     ";;;;Västerås stad\n"
                     "Bo;Bäck;bo@@example;08-123 456 78;\n").encode())
    capsys.readouterr()
    assert cli.main(["--db", str(path), "import", "contacts", str(src), "--dry-run"]) == 0
    dry = capsys.readouterr().out.splitlines()
    assert cli.main(["--db", str(path), "import", "contacts", str(src)]) == 0
    real = capsys.readouterr().out.splitlines()
    assert dry[-1] == "Provkörning: inget sparades."
    assert real[-1] == "2 kontakter importerade, 1 organisation (företagskort) sparade."
    assert dry[:-1] == real[:-1]
    assert "2 nya, 1 organisation, 0 dubbletter, 0 felaktiga rader, 2 varningar" in real
    assert sum(line.startswith("  varning rad") for line in real) == 2


@pytest.fixture
def hard(db):
    for first, last, email, phone, note in [
        ("Åsa", "Öberg", "asa@example.se", "010-123 45 67", "Rad ett\nrad två; med semikolon, och komma"),
        ("Ola", "Nordmann", "ola@example.no", "+47 22 12 34 56", ""),
        ("Eva", "=Strand", "", "0900-123 45 67", "-- ring först"),
    ]:
        contacts.save(db, ContactInput(first_name=first, last_name=last, email=email, phone=phone, note=note,
                                       organisation="Mälardalens universitet", title="Forskare",
                                       legal_basis="samtycke", consent_on="2025-03-01"))
    return db


def stored(db) -> list[tuple]:
    with db.read() as s:
        return sorted((c.first_name, c.last_name, c.email, c.phone, c.note, c.title, c.legal_basis, c.consent_on,
                       c.organisation_id) for c in s.exec(select(Contact)).all())


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_then_import_gives_the_same_contacts(hard, fmt):
    before = stored(hard)
    data = contact_export.export_bytes(hard, ContactFilter(), fmt)
    with hard.session() as s:
        for c in s.exec(select(Contact)).all():
            s.delete(c)
    plan = imp.plan(hard, data, f"export.{fmt}")
    assert not plan.bad and not plan.warnings and not plan.duplicates
    imp.apply(hard, plan)
    assert stored(hard) == before
