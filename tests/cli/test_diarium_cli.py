"""``shk due`` lists what must be registered (diarieföras) and ``shk export diarium`` gives the
registry's rows, as CSV on stdout or an XLSX file (mode 0600), on SQLite and PostgreSQL."""

from __future__ import annotations

import io
import stat

from openpyxl import load_workbook

from shk_tui.services.contracts import contract_edit
from tests.helpers.cli import run


def _signed(db) -> int:
    return contract_edit.save_contract(db, {
        "title": "Samverkansavtal Västerås", "kind": "samarbetsavtal", "counterparty": "Västerås stad",
        "status": "aktivt", "signed_on": "2026-11-20", "amount": "1 272 000", "diarienummer": ""})


def test_due_lists_the_contract_to_register_from_tuesday(db, capsys):
    _signed(db)
    code, out, _ = run(capsys, "--db", db.config.url, "due", "--today", "2026-11-23")
    assert code == 0 and "Ska diarieföras" not in out
    assert "Aktiva avtal utan diarienummer (1)" in out  # signed on Friday, in time on Monday
    code, out, err = run(capsys, "--db", db.config.url, "due", "--today", "2026-11-24")
    assert code == 0 and err == ""
    lines = out.splitlines()
    at = lines.index("Ska diarieföras (1)")
    assert lines[at + 1] == ("  2026-11-23  Samverkansavtal Västerås (Västerås stad): signerat 2026-11-20, skulle ha "
                             "diarieförts senast 2026-11-23 (1 dag sedan); fyll i diarienumret i avtalet")
    assert "Aktiva avtal utan diarienummer" not in out  # not listed twice


def test_export_diarium_csv_and_xlsx(db, capsys, tmp_path):
    cid = _signed(db)
    code, out, err = run(capsys, "--db", db.config.url, "export", "diarium")
    assert code == 0
    assert out.lstrip("\ufeff").splitlines() == [
        "Typ;Datum;Parter;Ärende;Vår referens;Belopp;Internt id",
        f"Avtal;2026-11-20;Västerås stad;Samverkansavtal Västerås;;1272000;avtal {cid}",
    ]
    target = tmp_path / "diarium.xlsx"
    code, _, err = run(capsys, "--db", db.config.url, "export", "diarium", "--format", "xlsx", "-o", str(target))
    assert code == 0 and err.strip() == f"Skrev {target}"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    ws = load_workbook(io.BytesIO(target.read_bytes())).active
    row = [c.value for c in ws[2]]
    assert (row[0], row[2], row[3], row[6]) == ("Avtal", "Västerås stad", "Samverkansavtal Västerås", f"avtal {cid}")
    assert ws.cell(2, 2).value.date().isoformat() == "2026-11-20" and ws.cell(2, 6).value == 1_272_000
    code, _, err = run(capsys, "--db", db.config.url, "export", "diarium", "--format", "ics")
    assert code == 2 and "stöds inte" in err
