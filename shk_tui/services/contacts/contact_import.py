"""Importing contacts (CSV, vCard, XLSX), used by the TUI and the CLI (exporting: ``contact_export``).

``plan`` reads a file and sorts its rows into new contacts, duplicates (the e-mail address is
already in the register, or earlier in the file: never updated silently) and bad rows (line number
and reason). ``apply`` writes the new contacts in ONE transaction: a cancel or an error leaves the
database as it was. Asked to (``with_duplicates``), it writes the duplicates too, as contacts of
their own, so they can be compared and merged field by field under Dubbletter. It inserts with
SQLAlchemy Core in batches (``contact_bulk``: rows, search columns and audit entries built in one pass)
and writes the same audit entries the ORM hook would."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa
from sqlmodel import select

from shk_tui.db import audit
from shk_tui.db.engine import Database, lock_tables
from shk_tui.db.models import AuditEntry, Contact, Organisation, Tag, now
from shk_tui.enums import OrganisationKind
from shk_tui.errors import BadInput, ShkError
from shk_tui.fmt import count
from shk_tui.formats import csv_contacts, vcard, xlsx_contacts
from shk_tui.formats.csv_contacts import ContactRecord, FormatError
from shk_tui.gcpause import paused
from shk_tui.services.contacts import contact_bulk, contact_checks
from shk_tui.services.contacts.contact_bulk_sqlite import bulk_mode
from shk_tui.services.contacts.contacts import valid_email
from shk_tui.services.input_files import read_input

BATCH = 2000
MAX_BYTES = 50 * 1024 * 1024  # 100 000 contacts as CSV are about 10 MB


class Cancelled(ShkError):
    def __init__(self) -> None:
        super().__init__("Importen avbröts – inget sparades")


@dataclass(frozen=True)
class Problem:
    line: int
    name: str
    reason: str


@dataclass(frozen=True)
class Duplicate:
    line: int
    name: str
    email: str
    existing_id: int | None  # None: the same address earlier in the file
    existing_name: str
    record: ContactRecord | None = None  # what the file holds (written only ``with_duplicates``)


#: Swedish names of the fields a column can be read into (``--column RUBRIK=FÄLT`` takes either).
FIELD_LABELS = {"first_name": "förnamn", "last_name": "efternamn", "full_name": "namn", "title": "titel",
                "organisation": "organisation", "email": "e-post", "phone": "telefon", "tags": "taggar",
                "note": "anteckning", "legal_basis": "rättslig grund", "consent_on": "datum för grund"}


def parse_columns(pairs: list[str]) -> dict[str, str]:
    """``["Mejladress=email", "Fax="]`` → header → field ("" ignores the column); fields by code or
    Swedish name. Raises BadInput."""
    by_label = {label: code for code, label in FIELD_LABELS.items()}
    out: dict[str, str] = {}
    for pair in pairs:
        if not pair.strip():
            continue
        header, sep, name = pair.partition("=")
        if not sep or not header.strip():
            raise BadInput(f"Kolumner skrivs RUBRIK=FÄLT, inte {pair.strip()!r}")
        name = name.strip()
        target = name if name in csv_contacts.FIELDS else by_label.get(name.casefold(), None if name else "")
        if target is None:
            raise BadInput(f"Okänt fält {name!r} (välj {', '.join(FIELD_LABELS.values())})")
        out[header.strip()] = target
    return out


@dataclass
class ImportPlan:
    source: str
    kind: str  # "csv", "vcard", "xlsx"
    encoding: str = ""
    delimiter: str = ""
    columns: dict[str, str] = field(default_factory=dict)  # header in the file → field
    ignored: list[str] = field(default_factory=list)  # headers read into no field
    new: list[ContactRecord] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    bad: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)  # imported, but something was repaired or moved
    organisations: list[ContactRecord] = field(default_factory=list)  # company cards

    def summary(self) -> str:
        """``2 nya, 1 organisation, 0 dubbletter, 1 felaktig rad, 3 varningar`` (organisations only when
        the file has company cards)."""
        parts = [count(len(self.new), "ny", "nya")]
        if self.organisations:
            parts.append(count(len(self.organisations), "organisation", "organisationer"))
        parts += [count(len(self.duplicates), "dubblett", "dubbletter"),
                  count(len(self.bad), "felaktig rad", "felaktiga rader"),
                  count(len(self.warnings), "varning", "varningar")]
        return ", ".join(parts)

    def columns_text(self) -> str:
        """``Förnamn → förnamn, Mejl → e-post; används inte: Fax`` (CSV only)."""
        text = ", ".join(f"{h} → {FIELD_LABELS.get(f, f)}" for h, f in self.columns.items())
        return text + (f"; används inte: {', '.join(self.ignored)}" if self.ignored else "")


def read_records(data: bytes, filename: str, *, delimiter: str | None = None, encoding: str | None = None,
                 columns: dict[str, str] | None = None) -> tuple[list[ContactRecord], ImportPlan]:
    suffix = Path(filename).suffix.lower()
    try:
        if suffix in (".vcf", ".vcard") or data.lstrip(b"\xef\xbb\xbf \r\n").upper().startswith(b"BEGIN:VCARD"):
            return vcard.read_vcards(data, encoding=encoding), ImportPlan(filename, "vcard")
        if suffix == ".xlsx" or data.startswith(b"PK\x03\x04"):
            return xlsx_contacts.read_xlsx(data, columns=columns), ImportPlan(filename, "xlsx")
        parsed = csv_contacts.read_csv(data, delimiter=delimiter, encoding=encoding, columns=columns)
    except FormatError as exc:
        raise BadInput(f"{Path(filename).name}: {exc}") from None
    plan = ImportPlan(filename, "csv", parsed.encoding, parsed.delimiter, parsed.columns, parsed.unknown)
    return parsed.records, plan


def plan(db: Database, data: bytes, filename: str, **options) -> ImportPlan:
    """Read and check a file; nothing is written."""
    with paused():
        return _plan(db, data, filename, **options)


def _plan(db: Database, data: bytes, filename: str, **options) -> ImportPlan:
    records, result = read_records(data, filename, **options)
    with db.read() as s:
        existing: dict[str, tuple[int, str]] = {}
        for cid, email, first, last in s.exec(
            select(Contact.id, Contact.email, Contact.first_name, Contact.last_name).where(Contact.email.is_not(None))
        ).all():
            assert email is not None  # WHERE email IS NOT NULL
            existing.setdefault(email.strip().lower(), (cid, f"{first} {last}".strip()))
    seen: dict[str, ContactRecord] = {}
    companies: dict[str, ContactRecord] = {}
    for r in records:
        errors, warnings = contact_checks.check(r, valid_email)
        if errors:  # a rejected row is reported once, as rejected
            result.bad.append(Problem(r.line, r.name, ", ".join(errors)))
            continue
        if warnings:
            result.warnings += [Problem(r.line, r.name, w) for w in warnings]
        if r.company:
            key = r.organisation.casefold()
            if key in companies:  # the same company twice in the file: one organisation, both notes
                earlier = companies[key]
                earlier.note = "\n".join(part for part in (earlier.note, r.note) if part)
            else:
                companies[key] = r
                result.organisations.append(r)
            continue
        key = r.email.lower()
        if key and key in existing:
            cid, name = existing[key]
            result.duplicates.append(Duplicate(r.line, r.name, r.email, cid, name, r))
        elif key and key in seen:
            earlier = seen[key]
            result.duplicates.append(Duplicate(r.line, r.name, r.email, None, f"rad {earlier.line} i filen", r))
        else:
            if key:
                seen[key] = r
            result.new.append(r)
    return result


def plan_file(db: Database, path: Path, **options) -> ImportPlan:
    return plan(db, read_input(path, MAX_BYTES), str(path), **options)


Progress = Callable[[int, int], None]


def apply(db: Database, result: ImportPlan, *, progress: Progress | None = None,
          cancelled: Callable[[], bool] | None = None, with_duplicates: bool = False) -> int:
    """Write the plan's new contacts (and, ``with_duplicates``, its duplicates as contacts of their own,
    to be merged under Dubbletter) in one transaction; returns how many. Raises Cancelled."""
    records = result.new + ([d.record for d in result.duplicates if d.record] if with_duplicates else [])
    with paused():
        return _apply(db, result, records, progress, cancelled)


def _apply(db: Database, result: ImportPlan, records: list[ContactRecord], progress: Progress | None,
           cancelled: Callable[[], bool] | None) -> int:
    at = now()
    source = f"import: {Path(result.source).name}"[:200]
    with db.session() as s:
        lock_tables(s, "organisation", "contact", "tag")  # PostgreSQL: one bulk writer at a time
        records = _not_added_meanwhile(s, result, records)
        total = len(records)
        who = audit.actor(s)
        org_ids = _organisations(s, {r.organisation for r in records + result.organisations if r.organisation})
        _company_notes(s, result.organisations, org_ids)
        tag_ids = _tags(s, {t for r in records for t in r.tags})
        conn = s.connection()
        writer = contact_bulk.Writer(conn, at=at, who=who)
        with bulk_mode(conn, total):
            for start in range(0, total, BATCH):
                if cancelled is not None and cancelled():
                    raise Cancelled()
                writer.write(contact_bulk.build(records[start:start + BATCH], org_ids, tag_ids, at=at,
                                                source=source))
                if progress is not None:
                    progress(min(start + BATCH, total), total)
            writer.finish()
        if cancelled is not None and cancelled():
            raise Cancelled()
    return total


def _not_added_meanwhile(s, result: ImportPlan, records: list[ContactRecord]) -> list[ContactRecord]:
    """The records still to add now that this transaction holds the lock: a new contact of the plan
    whose e-mail someone else stored since the plan was made (another import of the same file at the
    same time) is left out instead of being stored twice."""
    planned_new = {id(r) for r in result.new}
    wanted = {r.email.strip().lower() for r in result.new if r.email}
    if not wanted:
        return records
    stored = {e.strip().lower() for e in s.exec(select(Contact.email).where(Contact.email.is_not(None))).all()}
    clash = wanted & stored
    if not clash:
        return records
    return [r for r in records if id(r) not in planned_new or not r.email or r.email.strip().lower() not in clash]


def _organisations(s, names: set[str]) -> dict[str, int]:
    """casefolded name (or short name) → id; missing organisations are created."""
    found: dict[str, int] = {}
    for oid, name, short in s.exec(select(Organisation.id, Organisation.name, Organisation.short_name)).all():
        found.setdefault(name.casefold(), oid)
        if short:
            found.setdefault(short.casefold(), oid)
    missing: dict[str, str] = {}
    for name in sorted(names):
        if name.casefold() not in found:
            missing.setdefault(name.casefold(), name)
    if missing:  # one bulk insert (thousands of new organisations must not mean thousands of flushes)
        at, who = now(), audit.actor(s)
        rows = [{"name": name, "kind": OrganisationKind.OVRIG, "archived": False, "created_at": at, "updated_at": at}
                for name in missing.values()]
        conn = s.connection()
        conn.execute(sa.insert(Organisation), rows)
        by_name = dict(conn.execute(
            sa.select(Organisation.name, Organisation.id).where(Organisation.name.in_([r["name"] for r in rows]))
        ).all())
        ids = [by_name[r["name"]] for r in rows]
        conn.execute(sa.insert(AuditEntry), [
            {"at": at, "table_name": "organisation", "row_id": oid, "action": "insert", "actor": who,
             "changes": {"name": [None, row["name"]], "kind": [None, OrganisationKind.OVRIG.value],
                         "archived": [None, False]}}
            for oid, row in zip(ids, rows, strict=True)
        ])
        for key, oid in zip(missing, ids, strict=True):
            found[key] = oid
    return found


def _company_notes(s, cards: list[ContactRecord], org_ids: dict[str, int]) -> None:
    """A company card's phone, e-mail and note go to its organisation's note (the ORM audits the
    change); what the note already holds is not added twice."""
    for card in cards:
        if not card.note:
            continue
        org = s.get(Organisation, org_ids[card.organisation.casefold()])
        if card.note not in (org.note or ""):
            org.note = f"{org.note}\n{card.note}" if org.note else card.note
    s.flush()


def _tags(s, names: set[str]) -> dict[str, int]:
    found = {name.casefold(): tid for tid, name in s.exec(select(Tag.id, Tag.name)).all()}
    for name in sorted(names):
        if name.casefold() not in found and len(name) <= 80:
            tag = Tag(name=name)
            s.add(tag)
            s.flush()
            found[name.casefold()] = tag.id
    return found
