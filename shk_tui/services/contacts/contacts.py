"""One contact: the contact form's values and rules (e-mail, phone, legal basis), save, archive,
delete (only without history), tags. Översikt's row for contacts without a legal basis: ``contact_attention``.

The list (search, filters, paging, e-mail addresses shown) is ``shk_tui.services.contacts.contact_list``."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlmodel import select

from shk_tui.db import audit
from shk_tui.db.engine import Database
from shk_tui.db.models import (
    Contact,
    Contract,
    Event,
    Initiative,
    Organisation,
    Participation,
    Tag,
)
from shk_tui.enums import LegalBasis
from shk_tui.errors import ShkError, StaleEdit, ValidationError
from shk_tui.fmt import count, format_date, parse_date, sv_sorted
from shk_tui.services import versioning
from shk_tui.services.contacts.phones import normalise_phone  # noqa: F401  (the form's and the import's one normaliser)
from shk_tui.services.rows import existing, saved

_EMAIL_RE = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$")


# --- values --------------------------------------------------------------------------------


def valid_email(email: str) -> bool:
    return bool(_EMAIL_RE.match(email)) and len(email) <= 254


def legal_bases() -> list[tuple[str, str]]:
    return LegalBasis.choices()


# --- one contact ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ContactDetail:
    id: int
    first_name: str
    last_name: str
    title: str
    organisation_id: int | None
    organisation: str
    email: str
    phone: str
    note: str
    legal_basis: str  # value ("" when missing)
    consent_on: str
    source: str
    archived: bool
    erased_on: str
    tags: list[str]
    version: int = 1  # of the row when read: the form passes it back to save()
    events: list[tuple[str, str, str]] = field(default_factory=list)  # (date, title, status label)
    contracts: list[tuple[str, str]] = field(default_factory=list)  # (title, status label)
    initiatives: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def has_history(self) -> bool:
        return bool(self.events or self.contracts or self.initiatives)


def _get(s, contact_id: int) -> Contact:
    return existing(s, Contact, contact_id, f"Kontakten {contact_id} finns inte")


def get(db: Database, contact_id: int) -> ContactDetail:
    with db.read() as s:
        c = _get(s, contact_id)
        events = s.exec(
            select(Event.starts_at, Event.title, Participation.status)
            .join(Event, Event.id == Participation.event_id)
            .where(Participation.contact_id == contact_id).order_by(Event.starts_at.desc())
        ).all()
        contracts = s.exec(
            select(Contract.title, Contract.status).where(Contract.responsible_id == contact_id)
            .order_by(Contract.title)
        ).all()
        initiatives = s.exec(select(Initiative.name).where(Initiative.owner_id == contact_id)).all()
        return ContactDetail(
            id=c.saved_id, first_name=c.first_name, last_name=c.last_name, title=c.title or "",
            organisation_id=c.organisation_id, organisation=c.organisation.name if c.organisation else "",
            email=c.email or "", phone=c.phone or "", note=c.note or "",
            legal_basis=c.legal_basis.value if c.legal_basis else "", consent_on=format_date(c.consent_on),
            source=c.source or "", archived=c.archived, erased_on=format_date(c.erased_on),
            tags=sv_sorted(t.name for t in c.tags), version=c.version,
            events=[(format_date(at.date()), title, status.label) for at, title, status in events],
            contracts=[(title, status.label) for title, status in contracts],
            initiatives=sv_sorted(initiatives),
        )


@dataclass
class ContactInput:
    """What the contact form holds: text as typed."""

    first_name: str = ""
    last_name: str = ""
    title: str = ""
    organisation: str = ""  # a name; a new one is created
    email: str = ""
    phone: str = ""
    note: str = ""
    legal_basis: str = ""  # LegalBasis value or ""
    consent_on: str = ""
    source: str = ""


def find_by_email(db: Database, email: str, *, exclude_id: int | None = None) -> tuple[int, str] | None:
    """An existing contact with this e-mail address (any case): (id, name), or None."""
    if not email.strip():
        return None
    with db.read() as s:
        query = select(Contact.id, Contact.first_name, Contact.last_name).where(
            sa.func.lower(Contact.email) == email.strip().lower()
        )
        if exclude_id is not None:
            query = query.where(Contact.id != exclude_id)
        row = s.exec(query.order_by(Contact.id)).first()
    return (row[0], f"{row[1]} {row[2]}".strip()) if row else None


def validate(db: Database, data: ContactInput, contact_id: int | None = None) -> dict[str, object]:
    """Check the form; return cleaned values or raise ValidationError({field: Swedish message})."""
    errors: dict[str, str] = {}
    clean: dict[str, object] = {}
    first, last = data.first_name.strip(), data.last_name.strip()
    if not first and not last:
        errors["first_name"] = "Namn måste anges"
    elif not first:  # one name only: keep it as first_name (the column is required)
        first, last = last, ""
    clean.update(first_name=first, last_name=last)
    email = data.email.strip()
    if email:
        if not valid_email(email):
            errors["email"] = f"Ogiltig e-postadress: {email}"
        elif (other := find_by_email(db, email, exclude_id=contact_id)) is not None:
            errors["email"] = f"E-postadressen finns redan hos {other[1]} (ctrl+o öppnar)"
    clean["email"] = email or None
    try:
        clean["phone"] = normalise_phone(data.phone) or None
    except ValueError as exc:
        errors["phone"] = str(exc)
    basis = data.legal_basis.strip()
    try:
        clean["legal_basis"] = LegalBasis.parse(basis) if basis else None
    except ValueError:
        errors["legal_basis"] = f"Okänd rättslig grund: {basis}"
    try:
        clean["consent_on"] = parse_date(data.consent_on) if data.consent_on.strip() else None
    except ValueError as exc:
        errors["consent_on"] = str(exc)
    if clean.get("consent_on") and not clean.get("legal_basis") and "legal_basis" not in errors:
        errors["legal_basis"] = "Ange rättslig grund för datumet"
    clean.update(title=data.title.strip() or None, note=data.note.strip() or None,
                 source=data.source.strip() or None, organisation=data.organisation.strip())
    for key, limit in _LIMITS.items():
        value = clean.get(key)
        if isinstance(value, str) and len(value) > limit and key not in errors:
            errors[key] = f"För långt (högst {limit} tecken)"
    if errors:
        raise ValidationError(errors)
    return clean


_LIMITS = {"first_name": 100, "last_name": 100, "title": 200, "source": 200, "organisation": 200}


_LABELS = {"first_name": "Förnamn", "last_name": "Efternamn", "title": "Titel", "organisation": "Organisation",
           "email": "E-post", "phone": "Telefon", "note": "Anteckning", "legal_basis": "Rättslig grund",
           "consent_on": "Samtycke", "source": "Källa"}


def save(db: Database, data: ContactInput, contact_id: int | None = None, *,
         expected_version: int | None = None) -> int:
    """Create (``contact_id`` None) or update a contact; returns its id. Raises ValidationError, and
    StaleEdit when the contact changed since the form read it at ``expected_version``."""
    from shk_tui.services.contacts.organisations import get_or_create

    clean = validate(db, data, contact_id)
    org_name = str(clean.pop("organisation"))
    with versioning.session(db) as s:
        contact = Contact(first_name="") if contact_id is None else _get(s, contact_id)
        if contact.erased_on is not None:
            raise ShkError("Kontakten är raderad enligt GDPR och kan inte ändras")
        if contact_id is not None and contact.version != expected_version and expected_version is not None:
            mine = {**clean, "organisation": org_name}
            now = {**{k: getattr(contact, k) for k in clean}, "organisation":
                   contact.organisation.name if contact.organisation else ""}
            raise StaleEdit(versioning.differences(now, mine, _LABELS))
        for key, value in clean.items():
            setattr(contact, key, value)
        contact.organisation_id = get_or_create(s, org_name) if org_name else None
        return saved(s, contact)


def set_archived(db: Database, contact_id: int, archived: bool, *, expected_version: int | None = None) -> None:
    with versioning.session(db) as s:
        contact = _get(s, contact_id)
        versioning.check_version(contact, expected_version, {"archived": archived}, {"archived": "Arkiverad"})
        contact.archived = archived
        s.add(contact)


#: The nouns of ``history_counts`` (one, many).
HISTORY_NOUNS = {"deltaganden": ("deltagande", "deltaganden"), "avtal": ("avtal", "avtal"),
                 "initiativ": ("initiativ", "initiativ")}


def history_counts(db: Database, contact_id: int) -> dict[str, int]:
    """What ties a contact to the organisation's history (participations, contracts, initiatives)."""
    with db.read() as s:
        _get(s, contact_id)
        counts = {
            "deltaganden": s.exec(select(sa.func.count()).where(Participation.contact_id == contact_id)).one(),
            "avtal": s.exec(select(sa.func.count()).where(Contract.responsible_id == contact_id)).one(),
            "initiativ": s.exec(select(sa.func.count()).where(Initiative.owner_id == contact_id)).one(),
        }
    return {k: v for k, v in counts.items() if v}


def history_text(history: dict[str, int]) -> str:
    """``1 deltagande, 2 avtal`` (``history_counts``' counts in words, in the right number)."""
    return ", ".join(count(n, *HISTORY_NOUNS[k]) for k, n in history.items())


@dataclass(frozen=True)
class DeletedContact:
    """A contact ``delete`` removed, as it was: ``undelete`` puts the same row back (ctrl+z)."""

    id: int
    name: str
    values: dict[str, Any]  # column → value, everything but the id and the derived columns
    tags: tuple[str, ...]


#: Not kept for ``undelete``: the id (kept apart), what the database or the ORM hooks set again.
_NOT_RESTORED = {"id", "version", "updated_at", "search_text", "sort_key"}


def delete(db: Database, contact_id: int) -> DeletedContact:
    """Remove a contact that has no history (otherwise raise ShkError: archive it instead); returns what
    was removed, for ``undelete``. The audit trail keeps the deletion without the personal values."""
    history = history_counts(db, contact_id)
    if history:
        raise ShkError(f"Kontakten har historik ({history_text(history)}) och kan inte tas bort – "
                       "arkivera den i stället")
    with db.session() as s:
        contact = _get(s, contact_id)
        removed = DeletedContact(
            contact_id, contact.full_name,
            {c.name: getattr(contact, c.name) for c in Contact.__table__.columns if c.name not in _NOT_RESTORED},
            tuple(t.name for t in contact.tags))
        contact.tags = []
        s.flush()
        s.delete(contact)
    return removed


def undelete(db: Database, removed: DeletedContact) -> int:
    """Put a contact back that ``delete`` removed: the same row with the same id and tags (its
    organisation when it still exists). The id is free: ids are never reused (AUTOINCREMENT on SQLite,
    a sequence on PostgreSQL), so no other contact ever got it. Audited: the insert and a "restore"
    entry. Refused when the contact is back already or its e-mail address is another contact's now."""
    with db.session() as s:
        if s.get(Contact, removed.id) is not None:
            raise ShkError(f"{removed.name} finns redan")
        values = dict(removed.values)
        email = values.get("email")
        if email and (other := s.exec(select(Contact).where(
                sa.func.lower(Contact.email) == str(email).lower())).first()) is not None:
            raise ShkError(f"Kan inte återställa {removed.name}: e-postadressen finns nu hos {other.full_name}")
        org_id = values.get("organisation_id")
        if org_id is not None and s.get(Organisation, org_id) is None:
            values["organisation_id"] = None  # removed meanwhile
        contact = Contact(id=removed.id, **values)
        existing_tags = {t.name.casefold(): t for t in s.exec(select(Tag)).all()}
        contact.tags = [existing_tags.get(name.casefold()) or Tag(name=name) for name in removed.tags]
        s.add(contact)
        s.flush()
        audit.record(s, "contact", removed.id, "restore", {"undone": "delete"})
    return removed.id


def set_tags(db: Database, contact_id: int, names: list[str]) -> list[str]:
    """Replace a contact's tags (new tag names are created); returns them in Swedish order."""
    wanted: dict[str, str] = {}
    for name in names:
        name = re.sub(r"\s+", " ", name).strip()
        if name:
            if len(name) > 80:
                raise ValidationError({"tags": f"Taggen är för lång (högst 80 tecken): {name[:20]}…"})
            wanted.setdefault(name.casefold(), name)
    with db.session() as s:
        contact = _get(s, contact_id)
        existing = {t.name.casefold(): t for t in s.exec(select(Tag)).all()}
        contact.tags = [existing.get(key) or Tag(name=name) for key, name in wanted.items()]
        s.add(contact)
        return sv_sorted(t.name for t in contact.tags)


def parse_tags(text: str) -> list[str]:
    return [t.strip() for t in re.split(r"[,;]", text or "") if t.strip()]
