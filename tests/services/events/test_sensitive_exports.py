"""Dietary needs can reveal health or religion (GDPR art. 9): a participant list naming them is marked
(first line of the CSV, first row of the XLSX, "-kansligt" in the file name) and written 0600; one
without any stays unmarked; duplicating an event never copies dietary needs or notes."""

from __future__ import annotations

import csv
import io
import stat
from datetime import datetime

from openpyxl import load_workbook
from sqlmodel import select

from shk_tui.db.models import Contact, Event, Participation
from shk_tui.enums import ParticipationRole as PR
from shk_tui.enums import ParticipationStatus as PS
from shk_tui.formats.participants import HEADER, SENSITIVE_NOTE
from shk_tui.services.events import event_edit, event_export
from shk_tui.services.files import write_private
from shk_tui.ui.events.participant_export import build_export


def write_export(db, eid: int, kind: str, folder):
    """An export as the participant list saves it: built, then written where the dialog says."""
    built = build_export(db, eid, kind)
    return write_private(folder / built.filename, built.data), built.sensitive


def _event(db, diets: dict[str, tuple[PS, str | None]]) -> int:
    with db.session() as s:
        ev = Event(title="Samhällsforum", starts_at=datetime(2026, 12, 3, 13))
        s.add(ev)
        s.flush()
        for name, (status, diet) in diets.items():
            c = Contact(first_name=name, last_name="Ek")
            s.add(c)
            s.flush()
            s.add(Participation(event_id=ev.id, contact_id=c.id, status=status, dietary=diet, role=PR.TALARE,
                                note="Vill sitta nära utgången (allergi)"))
        return ev.id


def _csv(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))


def test_list_with_dietary_needs_is_marked_and_named(db, tmp_path):
    eid = _event(db, {"Åsa": (PS.ANMALD, "halal"), "Bo": (PS.ANMALD, None)})
    export = event_export.participant_export(db, eid, "csv")
    assert export.sensitive
    rows = _csv(export.data)
    assert rows[0] == [SENSITIVE_NOTE] and rows[1] == list(HEADER) and ["halal"] == [r[4] for r in rows[2:] if r[4]]
    path, sensitive = write_export(db, eid, "csv", tmp_path)
    assert path.name == "2026-12-03-Samhällsforum-deltagare-kansligt.csv" and sensitive
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    path, _ = write_export(db, eid, "xlsx", tmp_path)
    assert path.name == "2026-12-03-Samhällsforum-deltagare-kansligt.xlsx"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    ws = load_workbook(path).active
    assert ws.cell(1, 1).value == SENSITIVE_NOTE and ws.cell(1, 1).font.bold
    assert ws.cell(2, 1).value == "Evenemang"
    catering, sensitive = write_export(db, eid, "catering", tmp_path)  # counts only, no names: not marked
    assert not sensitive and SENSITIVE_NOTE not in catering.read_text("utf-8-sig")


def test_list_without_dietary_needs_is_not_marked(db, tmp_path):
    # the only dietary need belongs to someone not on the printed attendance sheet (avbokad)
    eid = _event(db, {"Åsa": (PS.ANMALD, None), "Dan": (PS.AVBOKAD, "vegan")})
    sheet = event_export.participant_export(db, eid, "xlsx", sheet=True)
    assert not sheet.sensitive
    assert load_workbook(io.BytesIO(sheet.data)).active.cell(1, 1).value == "Evenemang"
    path, _ = write_export(db, eid, "xlsx", tmp_path)
    assert path.name == "2026-12-03-Samhällsforum-deltagare.xlsx"
    with db.session() as s:
        s.exec(select(Participation).where(Participation.dietary == "vegan")).one().dietary = None
    export = event_export.participant_export(db, eid, "csv")
    assert not export.sensitive and _csv(export.data)[0] == list(HEADER)


def test_duplicate_invites_without_dietary_needs_or_notes(db):
    eid = _event(db, {"Åsa": (PS.DELTOG, "glutenfri, laktosfri"), "Bo": (PS.ANMALD, "halal")})
    values = event_edit.duplicate_values(event_edit.get_event(db, eid), datetime(2026, 11, 25).date())
    new = event_edit.duplicate_event(db, eid, values, with_invitations=True)
    with db.session() as s:
        copied = s.exec(select(Participation).where(Participation.event_id == new)).all()
        assert [(p.status, p.role, p.dietary, p.note) for p in copied] == [(PS.INBJUDEN, PR.TALARE, None, None)] * 2
        kept = s.exec(select(Participation.dietary).where(Participation.event_id == eid)).all()
    assert sorted(kept) == ["glutenfri, laktosfri", "halal"]  # the source event keeps its own
