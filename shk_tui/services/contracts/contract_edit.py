"""Writing contracts: the form's parsing and validation (field → Swedish message), create/update,
archive, delete. Follow-up notes and persisted auto-renewals live in ``contract_notes`` (re-exported
here). Every write is one transaction and audited (``shk_tui.db.audit``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlmodel import select

from shk_tui.db.engine import Database
from shk_tui.db.models import Contact, Contract, Initiative, Organisation
from shk_tui.db.search import fold
from shk_tui.enums import ContractKind, ContractStatus
from shk_tui.errors import NotFound, StaleEdit, ValidationError
from shk_tui.fmt import format_date, format_kr, parse_date, parse_kr, sv_key
from shk_tui.services import versioning
from shk_tui.services.contacts import organisations
from shk_tui.services.contracts import contract_money
from shk_tui.services.contracts import contract_rules as rules
from shk_tui.services.contracts.contract_archive import LIVE, Archived
from shk_tui.services.contracts.contract_notes import (  # noqa: F401  (re-exported: the contract writes in one place)
    Rolled,
    add_note,
    roll_renewals,
)
from shk_tui.services.rows import existing

#: The form's fields, in order; every value is the text the user typed (auto_renew: bool).
FIELDS = (
    "title", "kind", "counterparty", "responsible", "diarienummer", "initiative_id", "signed_on",
    "starts_on", "ends_on", "notice_months", "auto_renew", "renewal_months", "amount", "status",
    "registered_on", "archived_on", "archive_location", "document_ref", "note", *contract_money.FIELDS,
)
DATE_FIELDS = ("signed_on", "starts_on", "ends_on", "registered_on", "archived_on")


@dataclass(frozen=True)
class FormChoices:
    organisations: list[str]
    initiatives: list[tuple[str, int]]


# Contacts may be 100 000: labels are built only for the names asked about, never for everyone.
_FULL_NAME = sa.func.trim(Contact.first_name + " " + Contact.last_name)
_ACTIVE = sa.and_(Contact.archived.is_(False), Contact.erased_on.is_(None), Contact.restricted_on.is_(None))
SUGGEST_NAMES = 20


def _labels_for(s, names: list[str]) -> dict[str, int]:
    """label → contact id for everyone with one of ``names``. A name shared by several people gets
    "(Organisation)" when that tells them apart, else "#id"."""
    if not names:
        return {}
    rows = s.exec(
        select(Contact.id, _FULL_NAME, Organisation.name)
        .join(Organisation, Organisation.id == Contact.organisation_id, isouter=True)
        .where(_ACTIVE, _FULL_NAME.in_(names))
    ).all()
    by_name: dict[str, list[tuple[int, str | None]]] = {}
    for cid, name, org in rows:
        by_name.setdefault(name, []).append((cid, org))
    labels: dict[str, int] = {}
    for name, people in by_name.items():
        if len(people) == 1:
            labels[name] = people[0][0]
            continue
        for cid, org in people:
            label = f"{name} ({org})" if org and sum(o == org for _, o in people) == 1 else f"{name} #{cid}"
            labels[label] = cid
    return labels


def _base_name(label: str) -> str:
    """``Anna Berg (MDU)`` / ``Anna Berg #12`` → ``Anna Berg``."""
    text = label.strip()
    if text.endswith(")") and " (" in text:
        return text[: text.rindex(" (")]
    head, _, tail = text.rpartition(" #")
    return head if head and tail.isdigit() else text


def _resolve_contact(s, label: str) -> int | None:
    name = _base_name(label)
    # the folded full name leads the search text (SQL lower() folds ASCII only: "örjan" ≠ "Örjan")
    key = fold(name)
    names = s.exec(select(_FULL_NAME).where(
        _ACTIVE, sa.or_(Contact.search_text == key, Contact.search_text.startswith(f"{key}|", autoescape=True))
    ).distinct()).all()
    labels = _labels_for(s, list(names) or [name])
    wanted = fold(label)
    return labels.get(label.strip()) or next((v for k, v in labels.items() if fold(k) == wanted), None)


def contact_suggestion(db: Database, typed: str) -> str | None:
    """The first contact label (Swedish order) starting with what was typed, case-insensitively."""
    text = typed.strip()
    if not text:
        return None
    # The folded full name leads the search text (SQLite's lower()/LIKE fold ASCII only: "örjan ö"
    # would not find "Örjan Östlund" in the name columns).
    key = fold(text)
    with db.read() as s:
        names = s.exec(
            select(_FULL_NAME, Contact.sort_key)
            .where(_ACTIVE, Contact.search_text.startswith(key, autoescape=True))
            .order_by(Contact.sort_key).limit(SUGGEST_NAMES)
        ).all()
        labels = _labels_for(s, list(dict.fromkeys(name for name, _ in names)))
    found = sorted((k for k in labels if fold(k).startswith(key)), key=lambda k: (sv_key(k), k))
    return found[0] if found else None


def form_choices(db: Database) -> FormChoices:
    with db.read() as s:
        orgs = s.exec(select(Organisation.name).where(Organisation.archived.is_(False))).all()
        inis = s.exec(select(Initiative.name, Initiative.id)).all()
    return FormChoices(
        sorted(orgs, key=lambda n: (sv_key(n), n)),
        sorted(((n, i) for n, i in inis), key=lambda p: (sv_key(p[0]), p[1])),
    )


def form_values(db: Database, contract_id: int) -> dict[str, Any]:
    """The stored contract as form text (the inverse of ``save_contract``'s parsing), with its
    ``version`` (pass it back to ``save_contract`` as ``expected_version``)."""
    with db.read() as s:
        c = existing(s, Contract, contract_id, f"Avtalet finns inte (id {contract_id})")
        return _form_values(s, c)


def _form_values(s, c: Contract) -> dict[str, Any]:
    org = s.get(Organisation, c.counterparty_id) if c.counterparty_id else None
    person = s.get(Contact, c.responsible_id) if c.responsible_id else None
    responsible = _label_of(s, person) if person is not None else ""
    return {
        "title": c.title, "kind": c.kind.value, "counterparty": org.name if org else "",
        "responsible": responsible, "diarienummer": c.diarienummer or "",
        "initiative_id": str(c.initiative_id or ""),
        **{f: format_date(getattr(c, f)) for f in DATE_FIELDS},
        "notice_months": "" if c.notice_months is None else str(c.notice_months),
        "auto_renew": c.auto_renew,
        "renewal_months": "" if c.renewal_months is None else str(c.renewal_months),
        "amount": "" if c.amount_ore is None else format_kr(c.amount_ore).removesuffix(" kr"),
        "status": c.status.value, "archive_location": c.archive_location or "",
        "document_ref": c.document_ref or "", "note": c.note or "", **contract_money.form_values(c),
        "version": c.version,
    }


#: Swedish field labels (what a refused stale save lists).
LABELS = {
    "title": "Titel", "kind": "Typ", "counterparty": "Motpart", "responsible": "Ansvarig",
    "diarienummer": "Diarienummer", "initiative_id": "Initiativ", "signed_on": "Undertecknat",
    "starts_on": "Startdatum", "ends_on": "Slutdatum", "notice_months": "Uppsägningstid",
    "auto_renew": "Förlängs automatiskt", "renewal_months": "Förlängning", "amount": "Belopp",
    "status": "Status", "registered_on": "Registrerat", "archived_on": "Arkiverat",
    "archive_location": "Arkivplats", "document_ref": "Dokument", "note": "Anteckning", **contract_money.LABELS,
}


def _check(s, c: Contract, expected_version: int | None, mine: dict[str, Any]) -> None:
    """StaleEdit when ``c`` is not at ``expected_version``: the form fields in ``mine`` that differ."""
    if expected_version is not None and c.version != expected_version:
        now = _form_values(s, c)
        for key in ("kind", "status"):  # compare labels, not codes
            for values in (mine, now):
                if values.get(key):
                    enum_cls = ContractKind if key == "kind" else ContractStatus
                    try:
                        values[key] = enum_cls.parse(str(values[key])).label
                    except ValueError:
                        pass
        raise StaleEdit(versioning.differences(now, mine, LABELS))


def _text(values: dict[str, Any], key: str) -> str:
    return str(values.get(key) or "").strip()


def _parse(values: dict[str, Any], errors: dict[str, str]) -> dict[str, Any]:
    out: dict[str, Any] = {"title": _text(values, "title")}
    if not out["title"]:
        errors["title"] = "Ange en titel"
    elif len(out["title"]) > 200:
        errors["title"] = "Titeln får vara högst 200 tecken"
    for key, enum_cls, default in (("kind", ContractKind, ContractKind.OVRIGT),
                                   ("status", ContractStatus, ContractStatus.UTKAST)):
        raw = _text(values, key)
        try:
            out[key] = enum_cls.parse(raw) if raw else default
        except ValueError:
            errors[key] = f"Okänt värde: {raw}"
    for key in DATE_FIELDS:
        raw = _text(values, key)
        try:
            out[key] = parse_date(raw) if raw else None
        except ValueError as exc:
            errors[key] = str(exc)
            continue
        if problem := rules.year_error(out[key]):
            errors[key] = problem
    for key, low, high in (("notice_months", 0, rules.MAX_NOTICE_MONTHS), ("renewal_months", 1, 120)):
        raw = _text(values, key)
        if not raw:
            out[key] = None
        elif not raw.isdigit() or not low <= int(raw) <= high:
            errors[key] = f"Ange ett helt antal månader, {low}–{high}"
        else:
            out[key] = int(raw)
    raw = _text(values, "amount")
    try:
        out["amount_ore"] = parse_kr(raw) if raw else None
        if out["amount_ore"] is not None and out["amount_ore"] < 0:
            errors["amount"] = "Beloppet får inte vara negativt"
    except ValueError as exc:
        errors["amount"] = str(exc)
    if out.get("starts_on") and out.get("ends_on") and out["ends_on"] < out["starts_on"]:
        errors["ends_on"] = "Slutdatum kan inte vara före startdatum"
    out["auto_renew"] = bool(values.get("auto_renew"))
    if out["auto_renew"] and out.get("ends_on") is None and "ends_on" not in errors:
        errors["ends_on"] = "Ett avtal som förlängs automatiskt behöver ett slutdatum"
    raw = _text(values, "initiative_id")
    out["initiative_id"] = int(raw) if raw.isdigit() and len(raw) < 10 else None
    if raw and out["initiative_id"] is None:
        errors["initiative_id"] = "Initiativet finns inte"
    for key, limit in (("diarienummer", 100), ("archive_location", 200), ("document_ref", 300)):
        out[key] = _text(values, key) or None
        if out[key] and len(out[key]) > limit:
            errors[key] = f"Högst {limit} tecken"
    out["note"] = _text(values, "note") or None
    out.update(contract_money.parse(values, errors))
    return out


def new_counterparty_message(name: str) -> str:
    return f"{name} finns inte bland organisationerna – spara igen för att skapa den"


def save_contract(
    db: Database, values: dict[str, Any], contract_id: int | None = None, *, new_counterparty_ok: bool = True,
    expected_version: int | None = None,
) -> int:
    """Create (``contract_id`` None) or update a contract from form text; returns its id.
    Raises ValidationError (field → Swedish message) and saves nothing when anything is wrong. A
    counterparty name that is not yet an organisation creates it; with ``new_counterparty_ok``
    False that is refused with ``new_counterparty_message`` first (the form asks once, so a typo
    or half-typed name does not silently become a new organisation). StaleEdit when the contract changed
    since the form read it at ``expected_version``."""
    errors: dict[str, str] = {}
    data = _parse(values, errors)
    with versioning.session(db) as s:
        contract = Contract(title=data["title"] or "-") if contract_id is None else s.get(Contract, contract_id)
        if contract is None:
            raise NotFound(f"Avtalet finns inte (id {contract_id})")
        if contract_id is not None:
            _check(s, contract, expected_version, {k: values.get(k) for k in LABELS if k in values})
        dnr = data["diarienummer"]
        clash = _dnr_clash(s, dnr, contract_id) if dnr else None
        if clash:
            errors["diarienummer"] = f"Diarienumret används redan av {clash}"
        if data["initiative_id"] is not None and s.get(Initiative, data["initiative_id"]) is None:
            errors["initiative_id"] = "Initiativet finns inte"
        contract_money.check(s, data, errors)
        responsible = _text(values, "responsible")
        responsible_id = None
        current = s.get(Contact, contract.responsible_id) if contract.responsible_id else None
        if current is not None and responsible == _label_of(s, current):
            # unchanged: kept even when the person has been archived or erased since (not offered any more)
            responsible_id = current.id
        elif responsible:
            responsible_id = _resolve_contact(s, responsible)
            if responsible_id is None:
                shared = _labels_for(s, [_base_name(responsible)])
                errors["responsible"] = (f"Flera heter så – välj bland förslagen: {', '.join(sorted(shared))}"
                                         if len(shared) > 1 else f"Ingen kontakt heter {responsible}")
        counterparty = _text(values, "counterparty")
        org = None
        if counterparty:
            # Unicode case (SQLite's lower() folds ASCII only: "ÖREBRO …" is Örebro …), or the short name.
            found = organisations.find_id(s, counterparty)
            org = s.get(Organisation, found) if found is not None else None
            if org is None and len(counterparty) > 200:
                errors["counterparty"] = "Högst 200 tecken"
            elif org is None and not new_counterparty_ok:
                errors["counterparty"] = new_counterparty_message(counterparty)
        if errors:
            raise ValidationError(errors)
        if counterparty and org is None:
            org = Organisation(name=counterparty)
            s.add(org)
            s.flush()
        org_id = org.id if org is not None else None
        for key in ("title", "kind", "status", "notice_months", "auto_renew", "renewal_months", "amount_ore",
                    "diarienummer", "initiative_id", "archive_location", "document_ref", "note", *DATE_FIELDS,
                    *contract_money.ATTRS):
            setattr(contract, key, data[key])
        contract.counterparty_id = org_id
        contract.responsible_id = responsible_id
        s.add(contract)
        try:
            s.flush()
        except sa.exc.IntegrityError as exc:  # saved by someone else meanwhile (team database)
            if "diarienummer" in str(exc.orig):
                raise ValidationError({"diarienummer": "Diarienumret används redan av ett annat avtal"}) from None
            raise ValidationError({"": "Någon annan sparade samma uppgifter samtidigt – försök igen"}) from None
        return contract.saved_id


def _dnr_clash(s, dnr: str, contract_id: int | None) -> str | None:
    """The title of another contract with this diarienummer in any letter case. Compared in Python:
    SQLite's lower() folds ASCII only, so 'ÖK 1' and 'ök 1' (or even 'ÖK 1' twice) would slip past
    a lower() = lower() test and hit the unique index."""
    wanted = dnr.casefold()
    found = s.exec(select(Contract.title, Contract.diarienummer).where(
        Contract.id != (contract_id or -1),
        sa.or_(Contract.diarienummer == dnr, sa.func.length(Contract.diarienummer) == len(dnr)))).all()
    return next((title for title, other in found if other.casefold() == wanted), None)


def _label_of(s, person: Contact) -> str:
    """The form's label for ``person``: the name, told apart from namesakes when needed."""
    labels = _labels_for(s, [person.full_name])
    return next((k for k, v in labels.items() if v == person.id), person.full_name)


def archive_contract(db: Database, contract_id: int, archived_on: str, location: str, today: date, *,
                     expected_version: int | None = None) -> Archived:
    """Mark a contract archived (date, where). A live contract is set to avslutat at the same time.
    StaleEdit when the contract changed since it was read at ``expected_version``. Returns what it
    changed (``contract_archive.undo_archive`` puts it back)."""
    errors: dict[str, str] = {}
    day = rules.parse_day(archived_on, "archived_on", errors, default=today)
    if len(location.strip()) > 200:
        errors["archive_location"] = "Högst 200 tecken"
    if errors:
        raise ValidationError(errors)
    with versioning.session(db) as s:
        c = existing(s, Contract, contract_id, f"Avtalet finns inte (id {contract_id})")
        _check(s, c, expected_version, {"archived_on": format_date(day), "archive_location": location.strip()})
        before = (c.status, c.archived_on, c.archive_location)
        c.archived_on = day
        c.archive_location = location.strip() or c.archive_location
        if c.status in LIVE:
            c.status = ContractStatus.AVSLUTAT
        s.add(c)
        s.flush()  # the version counter moves on: the undo checks against it
        return Archived(contract_id, c.title, *before, version=c.version)


def delete_contract(db: Database, contract_id: int) -> None:
    with db.session() as s:
        c = existing(s, Contract, contract_id, f"Avtalet finns inte (id {contract_id})")
        s.delete(c)
