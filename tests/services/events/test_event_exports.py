"""Event exports: XLSX attendance sheet read back by openpyxl, catering counts without names,
e-mail lists per status, .ics for one event and a period parsed by icalendar."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime

import pytest
from icalendar import Calendar
from openpyxl import load_workbook

from shk_tui.db.models import Contact, Event, Organisation, Participation
from shk_tui.enums import ParticipationStatus as PS
from shk_tui.errors import BadInput, NotFound
from shk_tui.formats.participants import HEADER, SENSITIVE_NOTE, catering_csv, participants_xlsx
from shk_tui.services.events import event_export


def _seed(db) -> int:
    with db.session() as s:
        org = Organisation(name="Västerås stad")
        s.add(org)
        s.flush()
        ev = Event(title="Samhällsforum: äldres hälsa", starts_at=datetime(2026, 12, 3, 13),
                   ends_at=datetime(2026, 12, 3, 16), location="Aros Congress Center", city="Västerås")
        s.add(ev)
        s.add(Event(title="Labb", starts_at=datetime(2027, 1, 20, 9)))
        s.flush()
        for first, last, status, diet, mail in [
            ("Åsa", "Öberg", PS.ANMALD, "vegetarisk", "asa@ex.se"),
            ("Bo", "Ek", PS.INBJUDEN, None, "bo@ex.se"),
            ("Cia", "Lund", PS.ANMALD, "Vegetarisk, glutenfri", "cia@ex.se"),
            ("Dan", "Berg", PS.AVBOKAD, "vegan", "dan@ex.se"),
        ]:
            c = Contact(first_name=first, last_name=last, organisation_id=org.id, email=mail)
            s.add(c)
            s.flush()
            s.add(Participation(event_id=ev.id, contact_id=c.id, status=status, dietary=diet,
                                registered_at=datetime(2026, 11, 20, 10) if status == PS.ANMALD else None))
        return ev.id


def test_xlsx_has_header_block_and_signature_column():
    data = participants_xlsx(
        [("Evenemang", "Styrelsemöte"), ("Datum", "2026-12-09 09:00"), ("Plats", "MDU")],
        [("Åsa Öberg", "Västerås stad", "Anmäld", "Talare", None, "2026-11-20 10:00", "")],
    )
    ws = load_workbook(io.BytesIO(data)).active
    assert [ws.cell(r, 1).value for r in (1, 2, 3)] == ["Evenemang", "Datum", "Plats"]
    assert ws.cell(1, 2).value == "Styrelsemöte"
    assert [c.value for c in ws[5]] == [*HEADER, "Signatur"]
    assert ws.cell(6, 1).value == "Åsa Öberg" and ws.cell(6, 8).value is None
    assert ws.freeze_panes == "A6"


def test_participant_exports_from_the_database(db):
    eid = _seed(db)
    sheet = load_workbook(io.BytesIO(event_export.participants(db, eid, "xlsx", sheet=True))).active
    assert sheet.cell(1, 1).value == SENSITIVE_NOTE  # dietary needs are listed
    assert sheet.cell(2, 2).value == "Samhällsforum: äldres hälsa"
    assert sheet.cell(3, 2).value == "2026-12-03 13:00 – 16:00"
    assert sheet.cell(4, 2).value == "Aros Congress Center, Västerås"
    names = [sheet.cell(r, 1).value for r in range(7, sheet.max_row + 1)]
    assert names == ["Cia Lund", "Åsa Öberg"]  # only people expected at the door, Swedish order
    text = event_export.participants(db, eid, "csv")[3:].decode()
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    assert rows[0] == [SENSITIVE_NOTE] and rows[1] == list(HEADER)
    assert [r[0] for r in rows[2:]] == ["Dan Berg", "Bo Ek", "Cia Lund", "Åsa Öberg"]
    assert rows[5][2:6] == ["Anmäld", "Deltagare", "vegetarisk", "2026-11-20 10:00"]
    with pytest.raises(BadInput):
        event_export.participants(db, eid, "pdf")
    with pytest.raises(NotFound):
        event_export.participants(db, 999, "csv")


def test_email_list_per_status_and_catering_counts(db):
    eid = _seed(db)
    assert event_export.emails(db, eid, "anmäld") == "cia@ex.se; asa@ex.se"
    assert event_export.emails(db, eid, PS.INBJUDEN) == "bo@ex.se"
    with pytest.raises(BadInput):
        event_export.emails(db, eid, "kanske")
    text = event_export.catering(db, eid)[3:].decode()
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    assert ["Antal personer", "2"] in rows
    assert ["vegetarisk", "2"] in rows and ["glutenfri", "1"] in rows
    assert not any("vegan" in r for r in rows)  # cancelled people do not eat
    assert "Åsa" not in text and "Cia" not in text  # counts only, no names


def test_catering_csv_format():
    data = catering_csv([("Evenemang", "Forum")], 12, [("vegetarisk", 5), ("glutenfri", 2)])
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data
    rows = list(csv.reader(io.StringIO(data[3:].decode(), newline=""), delimiter=";"))
    assert rows == [["Evenemang", "Forum"], [], ["Antal personer", "12"], ["Kost", "Antal"],
                    ["vegetarisk", "5"], ["glutenfri", "2"]]


def test_ics_for_one_event_and_a_period(db):
    eid = _seed(db)
    (ve,) = Calendar.from_ical(event_export.ics_for_event(db, eid)).walk("VEVENT")
    assert str(ve["summary"]) == "Samhällsforum: äldres hälsa"
    assert ve["dtstart"].params["TZID"] == "Europe/Stockholm" and "dtstamp" in ve
    period = Calendar.from_ical(event_export.ics_for_period(db, date(2026, 12, 1), date(2027, 1, 20)))
    assert sorted(str(e["summary"]) for e in period.walk("VEVENT")) == ["Labb", "Samhällsforum: äldres hälsa"]
    only_dec = Calendar.from_ical(event_export.ics_for_period(db, date(2026, 12, 1), date(2026, 12, 31)))
    assert len(only_dec.walk("VEVENT")) == 1
    assert len({str(e["uid"]) for e in period.walk("VEVENT")}) == 2


def test_write_export_file_is_private(tmp_path):
    path = event_export.write("a@ex.se", "lista.txt", tmp_path / "ut")
    assert path.read_text() == "a@ex.se" and (path.stat().st_mode & 0o777) == 0o600
    assert event_export.slug("Styrelsemöte / Core Team: 2026") == "Styrelsemöte-Core-Team-2026"


def test_followup_csv_counts_only(db):
    from shk_tui.services.events import followup

    eid = _seed(db)
    data = event_export.followup_csv(followup.for_event(db, eid))
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data[3:].decode(), newline=""), delimiter=";"))
    assert rows[0] == ["Uppföljning", "Samhällsforum: äldres hälsa 2026-12-03"]
    assert ["Anmäld", "2"] in rows and ["Närvaro (deltog / (deltog + uteblev))", "–"] in rows
    assert ["Övrig", "2"] in rows  # breadth per party: the organisation's kind
    assert ["vegetarisk", "2"] in rows
    assert not any("Åsa" in cell or "Cia" in cell for row in rows for cell in row)


def test_bar_chart_text():
    from shk_tui.ui.widgets.bar_chart import bar, render_bars

    assert bar(10, 10, 4) == "████" and bar(1, 8, 1) == "▏" and bar(0, 5, 10) == ""
    lines = render_bars([("MDU", 4), ("Västerås stad", 2)], width=8).splitlines()
    assert lines == ["MDU            ████████ 4", "Västerås stad  ████     2"]
    assert render_bars([]) == "Inga uppgifter"
