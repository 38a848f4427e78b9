"""Exports of events and participant lists: CSV/XLSX attendance sheets, e-mail lists, catering
counts and iCalendar files. Used by the TUI (key ``x``) and by ``shk export``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from sqlmodel import select

from shk_tui.db.engine import Database
from shk_tui.db.models import Event
from shk_tui.enums import ParticipationStatus as PS
from shk_tui.errors import BadInput, NotFound
from shk_tui.fmt import format_date
from shk_tui.formats import participants as fmt
from shk_tui.formats import tables
from shk_tui.formats.ical import events_to_ics
from shk_tui.services.events import events as events_svc
from shk_tui.services.events import followup
from shk_tui.services.events.participants import list_participants
from shk_tui.services.files import export_dir, write_in
from shk_tui.services.rows import existing

EVENTS_HEADER = ("Datum", "Tid", "Titel", "Typ", "Plats", "Ort", "Fokusområde", "Status", "Anmälda", "Platser",
                 "Deltog")
EMAILS_HEADER = ("Namn", "E-post", "Organisation")


def _header(db: Database, event_id: int) -> list[tuple[str, str]]:
    e = events_svc.get_event(db, event_id)
    when = format_date(e.starts_at) + (f" – {e.ends_at:%H:%M}" if e.ends_at and e.ends_at.date() == e.starts_at.date() else "")
    if e.ends_at and e.ends_at.date() != e.starts_at.date():
        when += f" – {format_date(e.ends_at)}"
    return [("Evenemang", e.title), ("Datum", when), ("Plats", e.place or "–")]


def participant_table(db: Database, event_id: int, statuses: tuple[PS, ...] | None = None) -> list[tuple]:
    """Rows in ``formats.participants.HEADER`` order (names, organisation, labels, times: datetimes,
    date cells in XLSX, ``2026-12-03 09:15`` in CSV)."""
    events_svc.get_event(db, event_id)  # NotFound for an unknown id
    return [
        (
            r.name,
            r.organisation,
            r.status.label,
            r.role.label,
            r.dietary,
            r.registered_at,
            r.checked_in_at,
        )
        for r in list_participants(db, event_id)
        if statuses is None or r.status in statuses
    ]


#: Added to the name of an export file holding someone's dietary needs (GDPR art. 9).
SENSITIVE_SUFFIX = "-kansligt"


@dataclass(frozen=True)
class ExportData:
    data: bytes
    sensitive: bool  # it names people with their dietary needs: marked, named with SENSITIVE_SUFFIX


def participant_export(db: Database, event_id: int, fmt_name: str = "csv", *, sheet: bool = False) -> ExportData:
    """The participant list as CSV or XLSX. ``sheet`` (XLSX): only people expected at the door
    (anmäld, deltog, reserv), for a printed attendance sheet. When anyone listed has dietary needs
    the file is marked as holding sensitive personal data (its first line)."""
    if fmt_name not in ("csv", "xlsx"):
        raise BadInput(f"Formatet {fmt_name} stöds inte för deltagarlistor (välj csv eller xlsx)")
    statuses = (PS.ANMALD, PS.DELTOG, PS.RESERV) if sheet else None
    rows = participant_table(db, event_id, statuses)
    sensitive = any(row[4] for row in rows)
    if fmt_name == "csv":
        return ExportData(fmt.participants_csv(rows, sensitive=sensitive), sensitive)
    return ExportData(fmt.participants_xlsx(_header(db, event_id), rows, sensitive=sensitive), sensitive)


def participants(db: Database, event_id: int, fmt_name: str = "csv", *, sheet: bool = False) -> bytes:
    return participant_export(db, event_id, fmt_name, sheet=sheet).data


def participants_name(stem: str, kind: str, sensitive: bool) -> str:
    """``2026-12-03-Samhällsforum-deltagare-kansligt.xlsx``: the suggested file name."""
    return f"{stem}-deltagare{SENSITIVE_SUFFIX if sensitive else ''}.{kind}"


def emails(db: Database, event_id: int, status: PS | str = PS.ANMALD) -> str:
    """The ``;``-separated e-mail addresses of everyone with one status."""
    wanted = _status(status)
    events_svc.get_event(db, event_id)
    return fmt.email_list(r.email for r in list_participants(db, event_id) if r.status == wanted)


def email_rows(db: Database, event_id: int, status: PS | str = PS.ANMALD) -> list[tuple[str, str, str]]:
    """(name, e-mail, organisation) of everyone with one status who has an address, each address once
    (the first seen, as in the ``;`` list)."""
    wanted = _status(status)
    events_svc.get_event(db, event_id)
    seen: set[str] = set()
    rows = []
    for r in list_participants(db, event_id):
        email = (r.email or "").strip()
        if r.status == wanted and email and email.casefold() not in seen:
            seen.add(email.casefold())
            rows.append((r.name, email, r.organisation))
    return rows


def emails_csv(db: Database, event_id: int, status: PS | str = PS.ANMALD) -> bytes:
    """The e-mail list as CSV for Swedish Excel (Namn, E-post, Organisation)."""
    return tables.to_csv(tables.Sheet("E-post", EMAILS_HEADER, list(email_rows(db, event_id, status))))


def _status(status: PS | str) -> PS:
    try:
        return PS.parse(status) if isinstance(status, str) else status
    except ValueError:
        raise BadInput(f"Okänd status: {status} (välj {', '.join(s.value for s in PS)})") from None


def _time(row: events_svc.EventRow) -> str:
    start = f"{row.starts_at:%H:%M}"
    if row.ends_at is None:
        return start
    if row.ends_at.date() != row.starts_at.date():
        return f"{start}–{row.ends_at:%Y-%m-%d %H:%M}"
    return f"{start}–{row.ends_at:%H:%M}"


def events_sheet(db: Database, start: date | None = None, end: date | None = None,
                 event_id: int | None = None) -> tables.Sheet:
    """The events of a period (both ends included; all without) in start order, as the Evenemang
    list has them; Anmälda and Platser count seats as the participant list does."""
    found = events_svc.list_events(db, start or date.today(), limit=10**9).rows
    rows = sorted((r for r in found
                   if (start is None or r.starts_at.date() >= start) and (end is None or r.starts_at.date() <= end)
                   and (event_id is None or r.id == event_id)), key=lambda r: (r.starts_at, r.id))
    if event_id is not None and not rows:
        raise NotFound(f"Evenemang {event_id} finns inte")
    sheet = tables.Sheet("Evenemang", EVENTS_HEADER, widths=[12, 14, 40, 16, 30, 16, 28, 12, 10, 10, 10])
    for r in rows:
        sheet.rows.append([r.starts_at.date(), _time(r), r.title, r.kind, r.location, r.city, r.focus_area, r.status,
                           r.seated, r.capacity, r.attended])
    return sheet


def events_table(db: Database, fmt_name: str, start: date | None = None, end: date | None = None,
                 event_id: int | None = None) -> bytes:
    """The events as CSV (Swedish Excel) or XLSX (date cells, numbers, filter)."""
    sheet = events_sheet(db, start, end, event_id)
    if fmt_name == "xlsx":
        return tables.to_xlsx([sheet])
    if fmt_name == "csv":
        return tables.to_csv(sheet)
    raise BadInput(f"Formatet {fmt_name} stöds inte för evenemang (välj ics, csv eller xlsx)")


def catering(db: Database, event_id: int) -> bytes:
    expected, diets = followup.catering(db, event_id)
    return fmt.catering_csv(_header(db, event_id), expected, diets)


def percent(value: float | None) -> str:
    return "–" if value is None else f"{round(value * 100)} %"


def followup_csv(f: followup.Followup) -> bytes:
    """A follow-up as CSV (counts only: no names)."""
    from shk_tui.formats.followup import followup_csv as render

    return render(
        f.title,
        [(s.label, f.counts[s]) for s in PS],
        percent(f.attendance_rate),
        f.breadth_party,
        f.breadth_kind,
        [(r.organisation, r.attended, r.no_show, percent(r.rate)) for r in f.no_shows],
        f.dietary,
        f.basis,
    )


def ics_for_event(db: Database, event_id: int) -> bytes:
    with db.read() as s:
        event = existing(s, Event, event_id, f"Evenemang {event_id} finns inte")
        return events_to_ics([event])


def ics_for_events(db: Database, event_ids: list[int]) -> bytes:
    """Several events (e.g. the filtered list) as one calendar file, in start order."""
    if not event_ids:
        raise BadInput("Inga evenemang att exportera")
    with db.read() as s:
        found = s.exec(select(Event).where(Event.id.in_(event_ids)).order_by(Event.starts_at, Event.id)).all()
        return events_to_ics(found)


def ics_for_period(db: Database, start: date | None, end: date | None) -> bytes:
    """Every event in the period (both ends included), as one calendar file."""
    where = []
    if start is not None:
        where.append(Event.starts_at >= datetime.combine(start, time.min))
    if end is not None:
        where.append(Event.starts_at < datetime.combine(end + timedelta(days=1), time.min))
    with db.read() as s:
        found = s.exec(select(Event).where(*where).order_by(Event.starts_at, Event.id)).all()
        return events_to_ics(found)


def slug(text: str) -> str:
    keep = re.sub(r"[^\wåäöÅÄÖ-]+", "-", text.strip(), flags=re.UNICODE).strip("-")
    return keep[:60] or "export"


def file_stem(db: Database, event_id: int) -> str:
    e = events_svc.get_event(db, event_id)
    return f"{e.starts_at:%Y-%m-%d}-{slug(e.title)}"


def write(data: bytes | str, name: str, directory: Path | None = None) -> Path:
    """Write an export file into ``directory`` (default: the export folder) with ``files.write_in``:
    atomic, mode 0600 (it may hold personal data); returns its path."""
    return write_in(directory or export_dir(), name, data)
