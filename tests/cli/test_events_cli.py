"""``shk export participants|catering|emails|events`` in-process: outputs and bad input (exit 2)."""

from __future__ import annotations

from datetime import datetime

from icalendar import Calendar
from openpyxl import load_workbook

from shk_tui.config import resolve
from shk_tui.db import migrate
from shk_tui.db.engine import Database
from shk_tui.db.models import Contact, Event, Participation
from shk_tui.enums import ParticipationStatus as PS
from shk_tui.formats.participants import SENSITIVE_NOTE
from tests.helpers.cli import run


def _db(tmp_path) -> tuple[str, int]:
    path = tmp_path / "shk.sqlite3"
    db = Database(resolve(str(path)))
    migrate.upgrade(db)
    with db.session() as s:
        ev = Event(title="Styrelsemöte", starts_at=datetime(2026, 12, 9, 9), ends_at=datetime(2026, 12, 9, 12))
        s.add(ev)
        s.add(Event(title="Forum", starts_at=datetime(2027, 3, 1, 9)))
        s.flush()
        for first, status, diet in [("Anna", PS.ANMALD, "vegetarisk"), ("Bo", PS.INBJUDEN, None)]:
            c = Contact(first_name=first, last_name="Lund", email=f"{first.lower()}@ex.se")
            s.add(c)
            s.flush()
            s.add(Participation(event_id=ev.id, contact_id=c.id, status=status, dietary=diet))
        eid = ev.id
    db.dispose()
    return str(path), eid



def test_exports(tmp_path, capsys):
    path, eid = _db(tmp_path)
    code, out, _ = run(capsys, "--db", path, "export", "emails", "--event", str(eid), "--status", "inbjuden")
    assert code == 0 and out.strip() == "bo@ex.se"
    code, out, _ = run(capsys, "--db", path, "export", "emails", "--event", str(eid))
    assert out.strip() == "anna@ex.se"
    code, out, err = run(capsys, "--db", path, "export", "participants", "--event", str(eid))
    assert code == 0 and "Anna Lund;;Anmäld" in out
    assert out.lstrip("\ufeff").splitlines()[0] == SENSITIVE_NOTE  # Anna's dietary needs are listed
    assert "specialkost" in err
    code, out, _ = run(capsys, "--db", path, "export", "catering", "--event", str(eid))
    assert "vegetarisk;1" in out and "Anna" not in out
    xlsx = tmp_path / "lista.xlsx"
    code, _, err = run(capsys, "--db", path, "export", "participants", "--event", str(eid), "--format", "xlsx",
                       "-o", str(xlsx))
    sheet = load_workbook(xlsx).active
    assert code == 0 and sheet.cell(1, 1).value == SENSITIVE_NOTE and sheet.cell(2, 2).value == "Styrelsemöte"
    code, out, _ = run(capsys, "--db", path, "export", "followup", "--from", "2026-12-01", "--to", "2026-12-31")
    assert code == 0 and "Anmäld;1" in out and "Inbjuden;1" in out and "vegetarisk;1" in out and "Anna" not in out
    code, out, _ = run(capsys, "--db", path, "export", "followup", "--event", str(eid))
    assert code == 0 and out.splitlines()[0].startswith("\ufeffUppföljning;Styrelsemöte 2026-12-09")
    ics = tmp_path / "kalender.ics"
    code, _, _ = run(capsys, "--db", path, "export", "events", "--format", "ics", "--from", "2026-12-01",
                     "--to", "2026-12-31", "-o", str(ics))
    assert code == 0
    assert [str(e["summary"]) for e in Calendar.from_ical(ics.read_bytes()).walk("VEVENT")] == ["Styrelsemöte"]


def test_bad_input_exits_2(tmp_path, capsys):
    path, eid = _db(tmp_path)
    cases = [
        (["export", "participants"], "--event"),
        (["export", "participants", "--event", "999"], "finns inte"),
        (["export", "participants", "--event", str(eid), "--format", "pdf"], "stöds inte"),
        (["export", "participants", "--event", str(eid), "--format", "xlsx"], "-o"),
        (["export", "emails", "--event", str(eid), "--status", "kanske"], "Okänd status"),
        (["export", "events", "--from", "igår"], "--from"),
        (["export", "events", "--from", "2026-12-31", "--to", "2026-12-01"], "--to"),
        (["export", "followup", "--from", "2026-12-31", "--to", "2026-12-01"], "Periodens slut"),
        (["export", "followup", "--event", "999"], "finns inte"),
        (["export", "participants", "--event", str(10**20)], "--event: ogiltigt id"),
        (["export", "events", "--event", "-1"], "--event: ogiltigt id"),
        (["export", "catering", "--event", str(2**31)], "finns inte"),
    ]
    for argv, message in cases:
        code, out, err = run(capsys, "--db", path, *argv)
        assert code == 2, (argv, err)
        assert message in err and err.count("\n") == 1, (argv, err)
    assert not (tmp_path / "lista.xlsx").exists()
