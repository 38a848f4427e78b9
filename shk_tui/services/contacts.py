"""Contacts: search (paged, as you type), the contact form's rules, archive, delete, tags.

Search runs on ``Contact.search_text`` (casefolded in Python, see ``shk_tui.db.contact_search``,
whose ORM hook keeps it in sync for every writer) with ``LIKE``, ordered by the indexed
``Contact.sort_key`` (Swedish order), one page at a time (keyset paging)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa
from sqlmodel import select

from shk_tui.db import contact_search
from shk_tui.db.engine import Database
from shk_tui.db.models import (
    Contact,
    ContactTag,
    Contract,
    Event,
    Initiative,
    Organisation,
    Participation,
    Tag,
)
from shk_tui.enums import LegalBasis, OrganisationKind
from shk_tui.errors import NotFound, ShkError, ValidationError
from shk_tui.fmt import format_date, parse_date, sv_sorted

contact_search.install()

PAGE = 100
ARCHIVED_NO, ARCHIVED_ONLY, ARCHIVED_ALL = "aktiva", "arkiverade", "alla"
_EMAIL_RE = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$")
# Swedish area codes with two digits after the 0 (the rest have three; 08 has one; 07x mobile two).
_TWO_DIGIT_AREAS = {"11", "13", "16", "18", "19", "21", "23", "26", "31", "33", "35", "36", "40", "42",
                    "44", "46", "54", "60", "63", "90"}


# --- values --------------------------------------------------------------------------------


def valid_email(email: str) -> bool:
    return bool(_EMAIL_RE.match(email)) and len(email) <= 254


def _group(digits: str) -> str:
    if len(digits) <= 4:
        return digits
    if len(digits) == 5:
        return f"{digits[:3]} {digits[3:]}"
    if len(digits) == 6:
        return f"{digits[:2]} {digits[2:4]} {digits[4:]}"
    if len(digits) == 7:
        return f"{digits[:3]} {digits[3:5]} {digits[5:]}"
    return f"{digits[:3]} {digits[3:6]} {digits[6:]}"


def normalise_phone(text: str) -> str:
    """``070-123 45 67`` → ``+46 70 123 45 67``; ``08-123 456 78`` → ``+46 8 123 456 78``; foreign
    numbers keep their country code. Raises ValueError (Swedish) when it is not a phone number."""
    raw = (text or "").strip()
    if not raw:
        return ""
    if re.search(r"[^\d\s+()./-]", raw) or raw.count("+") > 1 or ("+" in raw and not raw.startswith("+")):
        raise ValueError(f"Ogiltigt telefonnummer: {raw!r}")
    digits = re.sub(r"\D", "", raw)
    if raw.startswith("+"):
        international = digits
    elif digits.startswith("00"):
        international = digits[2:]
    elif digits.startswith("0"):
        international = "46" + digits[1:]
    else:
        raise ValueError(f"Ogiltigt telefonnummer: {raw!r} (börja med 0 eller +landsnummer)")
    if not international.startswith("46"):
        if not 7 <= len(international) <= 15:
            raise ValueError(f"Ogiltigt telefonnummer: {raw!r}")
        body = raw[1:] if raw.startswith("+") else re.sub(r"^\D*00", "", raw)
        return "+" + " ".join(re.findall(r"\d+", body))  # foreign: keep the caller's grouping
    national = international[2:].removeprefix("0")  # +46 (0)70 …
    if not 7 <= len(national) <= 9:
        raise ValueError(f"Ogiltigt telefonnummer: {raw!r} (för {'kort' if len(national) < 7 else 'långt'})")
    if national.startswith("8"):
        area = 1
    elif national.startswith("7") or national[:2] in _TWO_DIGIT_AREAS:
        area = 2
    else:
        area = 3
    return f"+46 {national[:area]} {_group(national[area:])}"


# --- search --------------------------------------------------------------------------------


@dataclass(frozen=True)
class ContactFilter:
    text: str = ""
    tag: str | None = None
    organisation_id: int | None = None
    organisation_kind: str | None = None
    archived: str = ARCHIVED_NO
    no_legal_basis: bool = False
    ids: tuple[int, ...] | None = None  # an explicit selection (e.g. duplicates of one contact)


@dataclass(frozen=True)
class ContactRow:
    id: int
    name: str
    title: str
    organisation: str
    email: str
    phone: str
    tags: str
    archived: bool
    legal_basis: str

    def cells(self) -> tuple[str, ...]:
        name = f"{self.name} (arkiverad)" if self.archived else self.name
        return (name, self.title, self.organisation, self.email, self.phone, self.tags)


COLUMNS = ("Namn", "Titel", "Organisation", "E-post", "Telefon", "Taggar")


@dataclass(frozen=True)
class Page:
    rows: list[ContactRow]
    total: int
    cursor: tuple[str, int] | None  # pass as ``after`` for the next page; None when no more rows


def _like_escape(term: str) -> str:
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _where(flt: ContactFilter, dialect: str) -> list:
    conds: list = []
    for term in contact_search.fold(flt.text).split():
        conds.append(Contact.search_text.like(f"%{_like_escape(term)}%", escape="\\"))
    if flt.archived == ARCHIVED_NO:
        conds.append(Contact.archived.is_(False))
    elif flt.archived == ARCHIVED_ONLY:
        conds.append(Contact.archived.is_(True))
    if flt.no_legal_basis:
        conds.append(Contact.legal_basis.is_(None))
        conds.append(Contact.erased_on.is_(None))
    if flt.organisation_id is not None:
        conds.append(Contact.organisation_id == flt.organisation_id)
    if flt.organisation_kind:
        kind = OrganisationKind(flt.organisation_kind)
        conds.append(Contact.organisation_id.in_(select(Organisation.id).where(Organisation.kind == kind)))
    if flt.tag:
        conds.append(
            Contact.id.in_(
                select(ContactTag.contact_id).join(Tag, Tag.id == ContactTag.tag_id).where(Tag.name == flt.tag)
            )
        )
    if flt.ids is not None:
        conds.append(Contact.id.in_(flt.ids or (-1,)))
    return conds


def _sort_col(dialect: str):
    return sa.collate(Contact.sort_key, "C") if dialect == "postgresql" else Contact.sort_key


def search(db: Database, flt: ContactFilter = ContactFilter(), *, after: tuple[str, int] | None = None,
           limit: int = PAGE, with_total: bool = True) -> Page:
    """One page of contacts matching ``flt`` in Swedish order; ``after`` is the previous page's cursor."""
    conds = _where(flt, db.dialect)
    key = _sort_col(db.dialect)
    with db.session() as s:
        query = (
            select(Contact.id, Contact.first_name, Contact.last_name, Contact.title, Organisation.name,
                   Contact.email, Contact.phone, Contact.archived, Contact.legal_basis, Contact.sort_key)
            .join(Organisation, Contact.organisation_id == Organisation.id, isouter=True)
            .where(*conds)
            .order_by(key, Contact.id)
            .limit(limit + 1)
        )
        if after is not None:
            query = query.where(sa.tuple_(key, Contact.id) > sa.tuple_(sa.literal(after[0]), sa.literal(after[1])))
        found = s.exec(query).all()
        more = len(found) > limit
        found = found[:limit]
        if not with_total:
            total = -1
        elif after is None and not more:  # the whole result is on this page: no second scan to count it
            total = len(found)
        else:
            total = s.exec(select(sa.func.count()).select_from(Contact).where(*conds)).one()
        tags = _tags_of(s, [r[0] for r in found])
    rows = [
        ContactRow(r[0], f"{r[1]} {r[2]}".strip(), r[3] or "", r[4] or "", r[5] or "", r[6] or "",
                   ", ".join(sv_sorted(tags.get(r[0], []))), bool(r[7]), r[8].label if r[8] else "")
        for r in found
    ]
    cursor = (found[-1][9], found[-1][0]) if more and found else None
    return Page(rows, total, cursor)


def _tags_of(s, ids: list[int]) -> dict[int, list[str]]:
    tags: dict[int, list[str]] = {}
    if ids:
        for contact_id, name in s.exec(
            select(ContactTag.contact_id, Tag.name).join(Tag, Tag.id == ContactTag.tag_id)
            .where(ContactTag.contact_id.in_(ids))
        ).all():
            tags.setdefault(contact_id, []).append(name)
    return tags


def emails(db: Database, flt: ContactFilter) -> list[str]:
    """The e-mail addresses of every contact matching ``flt`` (all pages), unique, in list order."""
    with db.session() as s:
        found = s.exec(
            select(Contact.email).where(*_where(flt, db.dialect), Contact.email.is_not(None), Contact.email != "")
            .order_by(_sort_col(db.dialect), Contact.id)
        ).all()
    seen: dict[str, str] = {}
    for e in found:
        seen.setdefault(e.strip().lower(), e.strip())
    return list(seen.values())


def email_list(db: Database, flt: ContactFilter) -> str:
    """``a@x.se; b@y.se`` for Outlook's recipient field."""
    return "; ".join(emails(db, flt))


def ids_matching(db: Database, flt: ContactFilter) -> list[int]:
    with db.session() as s:
        return list(s.exec(select(Contact.id).where(*_where(flt, db.dialect))
                           .order_by(_sort_col(db.dialect), Contact.id)).all())


def tag_names(db: Database) -> list[str]:
    with db.session() as s:
        return sv_sorted(s.exec(select(Tag.name)).all())


def organisation_kinds() -> list[tuple[str, str]]:
    return OrganisationKind.choices()


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
    contact = s.get(Contact, contact_id)
    if contact is None:
        raise NotFound(f"Kontakten {contact_id} finns inte")
    return contact


def get(db: Database, contact_id: int) -> ContactDetail:
    with db.session() as s:
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
            id=c.id, first_name=c.first_name, last_name=c.last_name, title=c.title or "",
            organisation_id=c.organisation_id, organisation=c.organisation.name if c.organisation else "",
            email=c.email or "", phone=c.phone or "", note=c.note or "",
            legal_basis=c.legal_basis.value if c.legal_basis else "", consent_on=format_date(c.consent_on),
            source=c.source or "", archived=c.archived, erased_on=format_date(c.erased_on),
            tags=sv_sorted(t.name for t in c.tags),
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
    with db.session() as s:
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
    clean.update(first_name=first[:100], last_name=last[:100])
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
    if errors:
        raise ValidationError(errors)
    return clean


def save(db: Database, data: ContactInput, contact_id: int | None = None) -> int:
    """Create (``contact_id`` None) or update a contact; returns its id. Raises ValidationError."""
    from shk_tui.services.organisations import get_or_create

    clean = validate(db, data, contact_id)
    org_name = str(clean.pop("organisation"))
    with db.session() as s:
        contact = Contact(first_name="") if contact_id is None else _get(s, contact_id)
        if contact.erased_on is not None:
            raise ShkError("Kontakten är raderad enligt GDPR och kan inte ändras")
        for key, value in clean.items():
            setattr(contact, key, value)
        contact.organisation_id = get_or_create(s, org_name) if org_name else None
        s.add(contact)
        s.flush()
        return contact.id


def set_archived(db: Database, contact_id: int, archived: bool) -> None:
    with db.session() as s:
        contact = _get(s, contact_id)
        contact.archived = archived
        s.add(contact)


def history_counts(db: Database, contact_id: int) -> dict[str, int]:
    """What ties a contact to the organisation's history (participations, contracts, initiatives)."""
    with db.session() as s:
        _get(s, contact_id)
        counts = {
            "deltaganden": s.exec(select(sa.func.count()).where(Participation.contact_id == contact_id)).one(),
            "avtal": s.exec(select(sa.func.count()).where(Contract.responsible_id == contact_id)).one(),
            "initiativ": s.exec(select(sa.func.count()).where(Initiative.owner_id == contact_id)).one(),
        }
    return {k: v for k, v in counts.items() if v}


def delete(db: Database, contact_id: int) -> None:
    """Remove a contact that has no history; otherwise raise ShkError (archive it instead)."""
    history = history_counts(db, contact_id)
    if history:
        what = ", ".join(f"{n} {k}" for k, n in history.items())
        raise ShkError(f"Kontakten har historik ({what}) och kan inte tas bort – arkivera den i stället")
    with db.session() as s:
        contact = _get(s, contact_id)
        contact.tags = []
        s.flush()
        s.delete(contact)


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


# --- Översikt ------------------------------------------------------------------------------


def attention_items(db: Database, today: date) -> list:
    """Contacts kept without a legal basis (GDPR): one Översikt row."""
    from shk_tui.services.attention import AttentionItem

    with db.session() as s:
        missing = s.exec(
            select(sa.func.count()).select_from(Contact).where(
                Contact.legal_basis.is_(None), Contact.erased_on.is_(None), Contact.archived.is_(False)
            )
        ).one()
    if not missing:
        return []
    noun = "kontakt saknar" if missing == 1 else "kontakter saknar"
    return [AttentionItem("Kontakter (GDPR)", 2, None, f"{missing} {noun} rättslig grund", "kontakter", None)]
