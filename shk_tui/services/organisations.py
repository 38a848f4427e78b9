"""Organisations: list with contact counts, type-ahead lookup, the form's rules."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlmodel import select

from shk_tui.db.engine import Database, sv_order
from shk_tui.db.models import Contact, Contract, FundingApplication, Organisation
from shk_tui.enums import OrganisationKind
from shk_tui.errors import NotFound, ShkError, ValidationError


@dataclass(frozen=True)
class OrganisationRow:
    id: int
    name: str
    short_name: str
    kind: str  # label
    city: str
    contacts: int
    archived: bool

    def cells(self) -> tuple[str, ...]:
        return (self.name, self.short_name, self.kind, self.city, str(self.contacts))


COLUMNS = ("Namn", "Kortnamn", "Typ", "Ort", "Kontakter")


@dataclass(frozen=True)
class OrganisationDetail:
    id: int | None
    name: str = ""
    short_name: str = ""
    kind: str = OrganisationKind.OVRIG.value
    city: str = ""
    note: str = ""
    archived: bool = False


def _fold_like(text: str) -> str:
    return "%" + text.strip().lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def list_organisations(db: Database, text: str = "", *, limit: int = 1000) -> tuple[list[OrganisationRow], int]:
    """Organisations (Swedish order) with their number of active contacts; (rows, total)."""
    counts = (
        select(Contact.organisation_id, sa.func.count().label("n"))
        .where(Contact.archived.is_(False)).group_by(Contact.organisation_id).subquery()
    )
    conds = []
    if text.strip():
        like = _fold_like(text)
        conds.append(sa.or_(sa.func.lower(Organisation.name).like(like, escape="\\"),
                            sa.func.lower(Organisation.short_name).like(like, escape="\\"),
                            sa.func.lower(Organisation.city).like(like, escape="\\")))
    with db.session() as s:
        total = s.exec(select(sa.func.count()).select_from(Organisation).where(*conds)).one()
        found = s.exec(
            select(Organisation, sa.func.coalesce(counts.c.n, 0))
            .join(counts, counts.c.organisation_id == Organisation.id, isouter=True)
            .where(*conds).order_by(sv_order(Organisation.name), Organisation.id).limit(limit)
        ).all()
        rows = [OrganisationRow(o.id, o.name, o.short_name or "", o.kind.label, o.city or "", n, o.archived)
                for o, n in found]
    return rows, total


def names_starting(db: Database, prefix: str, *, limit: int = 8) -> list[str]:
    """Type-ahead: organisation names starting with (else containing) ``prefix``, case-insensitive."""
    text = prefix.strip().lower()
    if not text:
        return []
    with db.session() as s:
        esc = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        found = list(s.exec(
            select(Organisation.name).where(sa.func.lower(Organisation.name).like(esc + "%", escape="\\"))
            .order_by(sv_order(Organisation.name)).limit(limit)
        ).all())
        if len(found) < limit:
            more = s.exec(
                select(Organisation.name).where(
                    sa.or_(sa.func.lower(Organisation.name).like("%" + esc + "%", escape="\\"),
                           sa.func.lower(Organisation.short_name) == text)
                ).order_by(sv_order(Organisation.name)).limit(limit)
            ).all()
            found += [n for n in more if n not in found][: limit - len(found)]
    return found


def get_or_create(session, name: str) -> int:
    """The id of the organisation called ``name`` (any case, or its short name); created when missing."""
    name = " ".join(name.split())
    org = session.exec(select(Organisation).where(sa.func.lower(Organisation.name) == name.lower())).first()
    if org is None:
        org = session.exec(select(Organisation).where(sa.func.lower(Organisation.short_name) == name.lower())).first()
    if org is None:
        if len(name) > 200:
            raise ValidationError({"organisation": "Organisationens namn är för långt (högst 200 tecken)"})
        org = Organisation(name=name)
        session.add(org)
        session.flush()
    return org.id


def get(db: Database, org_id: int) -> OrganisationDetail:
    with db.session() as s:
        o = s.get(Organisation, org_id)
        if o is None:
            raise NotFound(f"Organisationen {org_id} finns inte")
        return OrganisationDetail(o.id, o.name, o.short_name or "", o.kind.value, o.city or "", o.note or "",
                                  o.archived)


def save(db: Database, data: OrganisationDetail) -> int:
    """Create (``data.id`` None) or update; the name must be unique (any case)."""
    errors: dict[str, str] = {}
    name = " ".join(data.name.split())
    if not name:
        errors["name"] = "Namn måste anges"
    elif len(name) > 200:
        errors["name"] = "Namnet är för långt (högst 200 tecken)"
    try:
        kind = OrganisationKind.parse(data.kind or OrganisationKind.OVRIG.value)
    except ValueError:
        errors["kind"] = f"Okänd typ: {data.kind}"
    with db.session() as s:
        if name and "name" not in errors:
            clash = s.exec(select(Organisation.id).where(
                sa.func.lower(Organisation.name) == name.lower(), Organisation.id != (data.id or -1))).first()
            if clash is not None:
                errors["name"] = f"Det finns redan en organisation som heter {name}"
        if errors:
            raise ValidationError(errors)
        org = Organisation(name=name) if data.id is None else s.get(Organisation, data.id)
        if org is None:
            raise NotFound(f"Organisationen {data.id} finns inte")
        org.name = name
        org.short_name = data.short_name.strip() or None
        org.kind = kind
        org.city = data.city.strip() or None
        org.note = data.note.strip() or None
        org.archived = data.archived
        s.add(org)
        s.flush()
        return org.id


def delete(db: Database, org_id: int) -> None:
    """Remove an organisation nobody refers to (contacts, contracts, applications)."""
    with db.session() as s:
        org = s.get(Organisation, org_id)
        if org is None:
            raise NotFound(f"Organisationen {org_id} finns inte")
        used = (
            s.exec(select(sa.func.count()).where(Contact.organisation_id == org_id)).one()
            + s.exec(select(sa.func.count()).where(Contract.counterparty_id == org_id)).one()
            + s.exec(select(sa.func.count()).where(FundingApplication.funder_id == org_id)).one()
        )
        if used:
            raise ShkError(f"{org.name} används av kontakter, avtal eller ansökningar och kan inte tas bort")
        s.delete(org)
