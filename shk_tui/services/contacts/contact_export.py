"""Exporting contacts (CSV that Excel in Swedish locale opens, CSV for Outlook's import, XLSX, vCard
4.0 and 3.0) for the TUI and the CLI:
the contacts matching a filter, all of them, in list order. Import is in ``contact_import``."""

from __future__ import annotations

from pathlib import Path

from sqlmodel import select

from shk_tui.db.engine import Database
from shk_tui.db.models import Contact, ContactTag, Organisation, Tag
from shk_tui.errors import BadInput
from shk_tui.formats import csv_contacts, outlook_csv, vcard, xlsx_contacts
from shk_tui.formats.csv_contacts import ContactRecord
from shk_tui.services.contacts.contact_list import ContactFilter, ids_matching
from shk_tui.services.files import write_private

#: csv: Swedish Excel (;); outlook: Outlook's import (,); vcf: vCard 4.0; vcf3: vCard 3.0 (older phones).
EXPORT_FORMATS = ("csv", "xlsx", "vcf", "vcf3", "outlook")
#: The file name suffix of each format.
SUFFIX = {"csv": "csv", "xlsx": "xlsx", "vcf": "vcf", "vcf3": "vcf", "outlook": "csv"}


def records(db: Database, flt: ContactFilter = ContactFilter()) -> list[ContactRecord]:
    """The contacts matching ``flt`` (all of them, in list order) as records for the writers."""
    ids = ids_matching(db, flt)
    out: list[ContactRecord] = []
    with db.session() as s:
        for start in range(0, len(ids), 1000):
            chunk = ids[start:start + 1000]
            tags: dict[int, list[str]] = {}
            for cid, name in s.exec(select(ContactTag.contact_id, Tag.name).join(Tag, Tag.id == ContactTag.tag_id)
                                    .where(ContactTag.contact_id.in_(chunk))).all():
                tags.setdefault(cid, []).append(name)
            rows = {c.id: (c, o) for c, o in s.exec(
                select(Contact, Organisation).join(Organisation, Contact.organisation_id == Organisation.id,
                                                   isouter=True).where(Contact.id.in_(chunk))).all()}
            for cid in chunk:
                c, o = rows[cid]
                out.append(ContactRecord(
                    c.first_name, c.last_name, c.title or "", o.name if o else "", c.email or "", c.phone or "",
                    sorted(tags.get(cid, []), key=str.casefold), c.note or "",
                    c.legal_basis.value if c.legal_basis else "", c.consent_on.isoformat() if c.consent_on else "",
                ))
    return out


def export_file(db: Database, flt: ContactFilter, fmt: str, path: Path) -> int:
    """Write the contacts matching ``flt`` to ``path`` (readable by its owner only); returns how many."""
    found = records(db, flt)
    write_private(path, _render(found, fmt))
    return len(found)


def export_bytes(db: Database, flt: ContactFilter, fmt: str) -> bytes:
    return _render(records(db, flt), fmt)


def _render(found: list[ContactRecord], fmt: str) -> bytes:
    if fmt == "csv":
        return csv_contacts.write_csv(found)
    if fmt == "xlsx":
        return xlsx_contacts.write_xlsx(found)
    if fmt == "outlook":
        return outlook_csv.write_outlook_csv(found)
    if fmt in ("vcf", "vcard"):
        return vcard.write_vcards(found, version="4.0")
    if fmt == "vcf3":
        return vcard.write_vcards(found, version="3.0")
    raise BadInput(f"Okänt format: {fmt} (välj {', '.join(EXPORT_FORMATS)})")
