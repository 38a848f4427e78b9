"""``shk export events --format csv|xlsx`` (the events as a table) and ``shk export emails --format
csv``, read back with the csv module and openpyxl, on SQLite and PostgreSQL: the Evenemang list's rows,
seats counted as the participant list counts them (anmäld + deltog against the capacity)."""

from __future__ import annotations

import csv
import io
from datetime import datetime

import pytest
from openpyxl import load_workbook

from shk_tui import cli
from shk_tui.db.models import Contact, Event, Organisation, Participation
from shk_tui.enums import EventKind, EventStatus, FocusArea
from shk_tui.enums import ParticipationStatus as PS
from shk_tui.formats.spreadsheet import DATE_FORMAT
from shk_tui.services.events import event_export
from shk_tui.services.events import participants as participants_svc


@pytest.fixture
def events(db):
    with db.session() as s:
        org = Organisation(name="Västerås stad")
        forum = Event(title="Samhällsforum", kind=EventKind.KONFERENS, starts_at=datetime(2026, 12, 3, 13),
                      ends_at=datetime(2026, 12, 3, 16, 30), location="Aulan, MDU", city="Västerås",
                      focus_area=FocusArea.BARN, capacity=30, status=EventStatus.GENOMFORD)
        later = Event(title="=Workshop", starts_at=datetime(2027, 2, 1, 9), city="Eskilstuna")
        s.add_all([org, forum, later])
        s.flush()
        for i, status in enumerate([PS.ANMALD, PS.ANMALD, PS.DELTOG, PS.UTEBLEV, PS.RESERV, PS.INBJUDEN,
                                    PS.AVBOKAD, PS.ANMALD]):
            c = Contact(first_name=f"Person{i}", last_name="=Lund" if i == 0 else "Ek",
                        email="dubbel@ex.se" if i in (1, 7) else f"p{i}@ex.se", organisation_id=org.id)
            s.add(c)
            s.flush()
            s.add(Participation(event_id=forum.id, contact_id=c.id, status=status))
        ids = forum.id, later.id
    return db, ids


def export(db, *argv: str, capsys) -> str:
    code = cli.main(["--db", db.config.url, "export", *argv])
    out, err = capsys.readouterr()
    assert code == 0 and "Traceback" not in out + err, err
    return out


def test_events_csv_has_the_list_columns_and_participant_counts(events, capsys):
    db, (forum, _) = events
    out = export(db, "events", "--format", "csv", capsys=capsys)
    rows = list(csv.reader(io.StringIO(out.lstrip("\ufeff")), delimiter=";"))
    assert rows[0] == ["Datum", "Tid", "Titel", "Typ", "Plats", "Ort", "Fokusområde", "Status", "Anmälda", "Platser",
                       "Deltog"]
    first, second = rows[1:]
    counts = participants_svc.status_counts(db, forum)
    seated = sum(counts[s] for s in participants_svc.TAKING_SEAT)
    assert first == ["2026-12-03", "13:00–16:30", "Samhällsforum", EventKind.KONFERENS.label, "Aulan, MDU",
                     "Västerås", FocusArea.BARN.label, EventStatus.GENOMFORD.label, str(seated), "30", "1"]
    assert seated == 4  # three anmäld and one deltog; uteblev, reserv, inbjuden, avbokad take no seat
    assert second[:3] == ["2027-02-01", "09:00", "'=Workshop"] and second[8:] == ["0", "", "0"]
    out = export(db, "events", "--format", "csv", "--from", "2027-01-01", capsys=capsys)
    assert [r[2] for r in csv.reader(io.StringIO(out.lstrip("\ufeff")), delimiter=";")][1:] == ["'=Workshop"]


def test_events_xlsx_has_date_cells_and_numbers(events, capsys, tmp_path):
    db, _ = events
    target = tmp_path / "evenemang.xlsx"
    export(db, "events", "--format", "xlsx", "-o", str(target), capsys=capsys)
    ws = load_workbook(target).active
    assert [c.value for c in ws[1]][:3] == ["Datum", "Tid", "Titel"]
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref.startswith("A1:")
    day = ws["A2"]
    assert day.value == datetime(2026, 12, 3) and day.is_date and day.number_format == DATE_FORMAT
    assert (ws["I2"].value, ws["J2"].value, ws["K2"].value) == (4, 30, 1)
    assert all(ws[f"{c}2"].data_type == "n" for c in "IJK")
    assert ws["C3"].value == "=Workshop" and ws["C3"].data_type == "s"  # text, never a formula


def test_events_ics_stays_the_default(events, capsys):
    db, _ = events
    assert export(db, "events", capsys=capsys).startswith("BEGIN:VCALENDAR")


def test_emails_csv_names_addresses_and_organisations(events, capsys):
    db, (forum, _) = events
    out = export(db, "emails", "--event", str(forum), "--format", "csv", capsys=capsys)
    rows = list(csv.reader(io.StringIO(out.lstrip("\ufeff")), delimiter=";"))
    assert rows[0] == ["Namn", "E-post", "Organisation"]
    by_mail = {r[1]: r for r in rows[1:]}
    assert set(by_mail) == {"p0@ex.se", "dubbel@ex.se"}  # anmäld only, the shared address once
    assert by_mail["p0@ex.se"] == ["Person0 =Lund", "p0@ex.se", "Västerås stad"]
    assert export(db, "emails", "--event", str(forum), capsys=capsys).strip() == event_export.emails(db, forum)
    assert export(db, "emails", "--event", str(forum), "--format", "txt", capsys=capsys).count("@") == 2


def test_events_table_of_an_unknown_event_or_format(events, capsys):
    db, _ = events
    code = cli.main(["--db", db.config.url, "export", "events", "--format", "xlsx", "--event", "999", "-o", "x.xlsx"])
    _, err = capsys.readouterr()
    assert code == 2 and "Evenemang 999 finns inte" in err and "Traceback" not in err
    code = cli.main(["--db", db.config.url, "export", "events", "--format", "pdf"])
    _, err = capsys.readouterr()
    assert code == 2 and "ics, csv, xlsx" in err
