"""Contact type-ahead for pickers (participant lists and other forms) and quick creation of a
contact without leaving the list."""

from __future__ import annotations

import re
from dataclasses import dataclass

import sqlalchemy as sa
from sqlmodel import select

from shk_tui.db.engine import Database, sv_order
from shk_tui.db.models import Contact, Event, Organisation, Participation
from shk_tui.db.search import matches
from shk_tui.enums import LegalBasis
from shk_tui.enums import ParticipationStatus as PS
from shk_tui.errors import ValidationError
from shk_tui.fmt import fold, sv_key

EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True)
class Hit:
    id: int
    name: str
    organisation: str
    email: str | None
    on_list: PS | None = None  # status on the event's list, when the person is on it

    @property
    def label(self) -> str:
        text = self.name + (f" – {self.organisation}" if self.organisation else "")
        if self.email:
            text += f" <{self.email}>"
        if self.on_list is not None:
            text += f" (redan {self.on_list.label.lower()})"
        return text


def search(db: Database, text: str, *, event_id: int | None = None, limit: int = 10) -> list[Hit]:
    """Active contacts where every typed word occurs in the name, title, e-mail, phone, organisation
    or tags (the Kontakter search text, folded in Python: 'åsa' finds 'ÅSA', 'jose' finds 'José');
    those whose names start with the words come first."""
    tokens = fold(text).split()
    if not tokens:
        return []
    with db.read() as s:
        rows = s.exec(
            select(Contact.id, Contact.first_name, Contact.last_name, Organisation.name, Contact.email)
            .join(Organisation, Organisation.id == Contact.organisation_id, isouter=True)
            .where(Contact.archived.is_(False), Contact.erased_on.is_(None), Contact.restricted_on.is_(None),
                   matches([Contact.search_text], text, prefolded=True))
            .order_by(sa.collate(Contact.sort_key, "C") if db.dialect == "postgresql" else Contact.sort_key,
                      Contact.id)
            .limit(limit * 5)
        ).all()
        on_list: dict[int, PS] = {}
        if event_id is not None and rows:
            for cid, st in s.exec(
                select(Participation.contact_id, Participation.status).where(
                    Participation.event_id == event_id, Participation.contact_id.in_([r[0] for r in rows])
                )
            ).all():
                on_list[cid] = PS(st)

    def rank(row) -> tuple[int, str]:
        words = fold(f"{row[1]} {row[2]}").split()
        starts = all(any(w.startswith(t) for w in words) for t in tokens)
        return (0 if starts else 1, sv_key(f"{row[2]} {row[1]}"))

    rows = sorted(rows, key=rank)[:limit]
    return [
        Hit(cid, f"{first} {last}".strip(), org or "", email, on_list.get(cid))
        for cid, first, last, org, email in rows
    ]


def organisation_choices(db: Database) -> list[tuple[str, int]]:
    with db.read() as s:
        rows = s.exec(
            select(Organisation.name, Organisation.id)
            .where(Organisation.archived.is_(False))
            .order_by(sv_order(Organisation.name))
        ).all()
    return [(n, i) for n, i in rows]


def split_name(text: str) -> tuple[str, str]:
    """'Anna Maria Lind' → ('Anna Maria', 'Lind'), for prefilling a new contact from typed text."""
    words = text.split()
    if len(words) < 2:
        return (text.strip().capitalize() if text.strip().islower() else text.strip(), "")
    first, last = " ".join(words[:-1]), words[-1]
    return (first.title() if first.islower() else first, last.capitalize() if last.islower() else last)


def create_contact(
    db: Database,
    *,
    first_name: str,
    last_name: str = "",
    organisation_id: int | None = None,
    email: str = "",
    source: str | None = None,
) -> Hit:
    """A new contact from the quick form. Legal basis: berättigat intresse (taking part in an event)."""
    first, last, mail = first_name.strip(), last_name.strip(), email.strip()
    errors: dict[str, str] = {}
    if not first:
        errors["first_name"] = "Förnamn måste anges"
    if len(first) > 100:
        errors["first_name"] = "Högst 100 tecken"
    if len(last) > 100:
        errors["last_name"] = "Högst 100 tecken"
    if len(mail) > 254:
        errors["email"] = "Högst 254 tecken"
    elif mail and not EMAIL_RE.match(mail):
        errors["email"] = f"Ogiltig e-postadress: {mail}"
    if errors:
        raise ValidationError(errors)
    with db.session() as s:
        org = s.get(Organisation, organisation_id) if organisation_id else None
        if organisation_id and org is None:
            raise ValidationError({"organisation_id": "Organisationen finns inte"})
        contact = Contact(
            first_name=first,
            last_name=last,
            organisation_id=organisation_id,
            email=mail or None,
            legal_basis=LegalBasis.BERATTIGAT_INTRESSE,
            source=source,
        )
        s.add(contact)
        s.flush()
        return Hit(contact.saved_id, contact.full_name, org.name if org else "", contact.email)


def event_source(db: Database, event_id: int) -> str:
    """A contact's source text when created from an event's list."""
    with db.read() as s:
        event = s.get(Event, event_id)
        return f"Evenemang: {event.title} {event.starts_at:%Y-%m-%d}"[:200] if event else "Evenemang"
