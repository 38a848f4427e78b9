"""One initiative: detail with indicators and links (events, contracts, contacts), the form's
validation and save, indicator measurements, and the phase history from the audit trail."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from sqlmodel import select

from shk_tui.db.engine import Database, sv_order
from shk_tui.db.models import (
    AuditEntry,
    Contact,
    Contract,
    Event,
    Indicator,
    Initiative,
    InitiativePartner,
    Organisation,
    Participation,
)
from shk_tui.enums import BudgetSource, DecisionBody, FocusArea, Function, InitiativeKind, Phase
from shk_tui.errors import ValidationError
from shk_tui.fmt import parse_date, parse_kr, sv_key
from shk_tui.services import versioning
from shk_tui.services.budget import links
from shk_tui.services.portfolio.portfolio import decision_errors
from shk_tui.services.rows import existing, saved

#: Editable text fields of the form, in order (key, Swedish label).
TEXT_FIELDS = (
    ("name", "Namn *"),
    ("description", "Beskrivning / förslagets text"),
    ("societal_goal", "Samhällsmål"),
    ("proposed_start", "Förslag på start"),
    ("context", "Kontext"),
    ("party_resources", "Resurser parterna"),
    ("budget_note", "Budgettillägg (t.ex. + del av …)"),
    ("next_step", "Nästa steg"),
    ("decision_note", "Beslutsanteckning (diarienummer: Dnr …)"),
    ("note", "Anteckning"),
)


@dataclass
class InitiativeInput:
    """The form's values as typed (strings; enums by value)."""

    name: str = ""
    description: str = ""
    societal_goal: str = ""
    proposed_start: str = ""
    context: str = ""
    party_resources: str = ""
    budget_note: str = ""
    next_step: str = ""
    decision_note: str = ""
    note: str = ""
    focus_area: str = FocusArea.OVERGRIPANDE.value
    kind: str = InitiativeKind.INNOVATION.value
    function: str = ""
    phase: str = Phase.FORSLAG.value
    budget: str = ""
    budget_source: str = BudgetSource.INGEN.value
    pilot: str = ""
    owner_id: int | None = None
    starts_on: str = ""
    ends_on: str = ""
    next_step_on: str = ""
    decided_by: str = ""
    decided_on: str = ""
    version: int | None = None  # of the row the form was loaded from (None: a new one)
    budget_line_id: str = ""  # the budget line and year its budget is charged to (the forecast, #18)
    budget_year: str = ""


@dataclass(frozen=True)
class IndicatorRow:
    id: int
    name: str
    target: float | None
    current: float | None
    unit: str
    measured_on: date | None


@dataclass(frozen=True)
class Link:
    kind: str  # "evenemang", "avtal", "kontakt", "organisation"
    id: int
    text: str


@dataclass(frozen=True)
class Detail:
    id: int
    values: InitiativeInput
    owner: str
    indicators: list[IndicatorRow]
    links: list[Link]
    history: list[tuple[str, str, str]]  # (date, from phase, to phase)


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value.isoformat() if isinstance(value, date) else str(value)


def _kr_text(ore: int) -> str:
    kronor, rest = divmod(ore, 100)
    return f"{kronor},{rest:02d}" if rest else (str(kronor) if ore else "")


def _load(s, initiative_id: int) -> Initiative:
    return existing(s, Initiative, initiative_id, f"Initiativet {initiative_id} finns inte")


def get(db: Database, initiative_id: int) -> Detail:
    with db.read() as s:
        i = _load(s, initiative_id)
        values = InitiativeInput(
            **{key: _text(getattr(i, key)) for key, _ in TEXT_FIELDS},
            focus_area=i.focus_area.value, kind=i.kind.value, function=i.function.value if i.function else "",
            phase=i.phase.value, budget=_kr_text(i.budget_ore), budget_source=i.budget_source.value,
            pilot=_kr_text(i.pilot_ore), owner_id=i.owner_id, starts_on=_text(i.starts_on),
            ends_on=_text(i.ends_on), next_step_on=_text(i.next_step_on),
            decided_by=i.decided_by or (i.decision_body.label if i.decision_body else ""),
            decided_on=_text(i.decided_on), version=i.version, **links.form_text(i.budget_line_id, i.budget_year),
        )
        owner = s.get(Contact, i.owner_id) if i.owner_id else None
        indicators = [
            IndicatorRow(x.saved_id, x.name, x.target, x.current, x.unit or "", x.measured_on)
            for x in s.exec(select(Indicator).where(Indicator.initiative_id == i.id).order_by(Indicator.id))
        ]
        return Detail(
            id=i.saved_id, values=values, owner=f"{owner.first_name} {owner.last_name}".strip() if owner else "",
            indicators=indicators, links=_links(s, i), history=_history(s, i.saved_id),
        )


def _links(s, i: Initiative) -> list[Link]:
    links = [
        Link("evenemang", e.id, f"{e.starts_at:%Y-%m-%d} {e.title}")
        for e in s.exec(select(Event).where(Event.initiative_id == i.id).order_by(Event.starts_at))
    ]
    links += [
        Link("avtal", c.id, f"{c.title} ({c.status.label})")
        for c in s.exec(select(Contract).where(Contract.initiative_id == i.id).order_by(sv_order(Contract.title)))
    ]
    links += [
        Link("organisation", o.id, o.name)
        for o in s.exec(
            select(Organisation).join(InitiativePartner, InitiativePartner.organisation_id == Organisation.id)
            .where(InitiativePartner.initiative_id == i.id).order_by(sv_order(Organisation.name))
        )
    ]
    people: dict[int, str] = {}
    if i.owner_id:
        owner = s.get(Contact, i.owner_id)
        if owner:
            people[owner.id] = f"{owner.first_name} {owner.last_name} (ägare)".strip()
    attended = s.exec(
        select(Contact.id, Contact.first_name, Contact.last_name, sa.func.count())
        .join(Participation, Participation.contact_id == Contact.id)
        .join(Event, Event.id == Participation.event_id)
        .where(Event.initiative_id == i.id, Contact.restricted_on.is_(None))  # restricted (GDPR art. 18): hidden
        .group_by(Contact.id, Contact.first_name, Contact.last_name)
        .order_by(sv_order(Contact.last_name), sv_order(Contact.first_name))
        .limit(50)
    ).all()
    for cid, first, last, count in attended:
        people.setdefault(cid, f"{first} {last} ({count} evenemang)")
    responsible = s.exec(
        select(Contact.id, Contact.first_name, Contact.last_name)
        .join(Contract, Contract.responsible_id == Contact.id)
        .where(Contract.initiative_id == i.id)
        .order_by(sv_order(Contact.last_name), sv_order(Contact.first_name))
    ).all()
    for cid, first, last in responsible:
        people.setdefault(cid, f"{first} {last} (ansvarig för avtal)")
    links += [Link("kontakt", cid, text) for cid, text in people.items()]
    return links


def _history(s, initiative_id: int) -> list[tuple[str, str, str]]:
    entries = s.exec(
        select(AuditEntry.at, AuditEntry.changes)
        .where(AuditEntry.table_name == "initiative", AuditEntry.row_id == initiative_id)
        .order_by(AuditEntry.at, AuditEntry.id)
    ).all()
    history = []
    for at, changes in entries:
        if changes and "phase" in changes:
            old, new = changes["phase"]
            history.append((at.date().isoformat(), Phase(old).label if old else "", Phase(new).label if new else ""))
    return history


def _named(rows) -> list[tuple[str, int]]:
    return sorted(((f"{first} {last}".strip(), cid) for cid, first, last in rows), key=lambda c: (sv_key(c[0]), c[1]))


def owner_choices(db: Database, *, limit: int = 2000, include: int | None = None) -> list[tuple[str, int]]:
    """(name, id) of contacts who may own an initiative, in Swedish order: at most ``limit``, and
    always ``include`` (the current owner), so saving a form never drops an owner it did not offer."""
    with db.read() as s:
        rows = s.exec(
            select(Contact.id, Contact.first_name, Contact.last_name)
            .where(Contact.archived.is_(False), Contact.erased_on.is_(None), Contact.restricted_on.is_(None))
            .order_by(sv_order(Contact.first_name), sv_order(Contact.last_name)).limit(limit)
        ).all()
        if include is not None and include not in {r[0] for r in rows}:
            rows = [*rows, *s.exec(select(Contact.id, Contact.first_name, Contact.last_name)
                                   .where(Contact.id == include)).all()]
    return _named(rows)


def initiative_owners(db: Database) -> list[tuple[str, int]]:
    """(name, id) of the contacts who own an initiative, in Swedish order (the list's owner filter)."""
    with db.read() as s:
        rows = s.exec(
            select(Contact.id, Contact.first_name, Contact.last_name)
            .where(Contact.id.in_(select(Initiative.owner_id).where(Initiative.owner_id.is_not(None))))
        ).all()
    return _named(rows)


def _enum(cls, value: str, key: str, errors: dict[str, str], *, optional: bool = False):
    if not value:
        if optional:
            return None
        errors[key] = "Välj ett värde"
        return None
    try:
        return cls(value)
    except ValueError:
        try:
            return cls.parse(value)
        except ValueError:
            errors[key] = f"Okänt värde: {value}"
            return None


def _date(value: str, key: str, errors: dict[str, str]) -> date | None:
    if not value.strip():
        return None
    try:
        return parse_date(value)
    except ValueError as exc:
        errors[key] = str(exc)
        return None


def _money(value: str, key: str, errors: dict[str, str]) -> int:
    if not value.strip():
        return 0
    try:
        ore = parse_kr(value)
    except ValueError as exc:
        errors[key] = str(exc)
        return 0
    if ore < 0:
        errors[key] = "Beloppet kan inte vara negativt"
    return ore


def validate(data: InitiativeInput) -> dict:
    """Field values ready for the model, or ValidationError with Swedish messages per field."""
    errors: dict[str, str] = {}
    name = data.name.strip()
    if not name:
        errors["name"] = "Namn saknas"
    elif len(name) > 200:
        errors["name"] = "Högst 200 tecken"
    out: dict = {key: (getattr(data, key) or "").strip() or None for key, _ in TEXT_FIELDS}
    out["name"] = name
    if len(out["societal_goal"] or "") > 200:
        errors["societal_goal"] = "Högst 200 tecken"
    out["focus_area"] = _enum(FocusArea, data.focus_area, "focus_area", errors)
    out["kind"] = _enum(InitiativeKind, data.kind, "kind", errors)
    out["function"] = _enum(Function, data.function, "function", errors, optional=True)
    out["phase"] = _enum(Phase, data.phase, "phase", errors)
    out["budget_source"] = _enum(BudgetSource, data.budget_source, "budget_source", errors)
    budget = _money(data.budget, "budget", errors)
    pilot = _money(data.pilot, "pilot", errors)
    source = out["budget_source"]
    if source is BudgetSource.BLANDAD:
        if pilot > budget:
            errors["pilot"] = "Pilotdelen kan inte vara större än budgeten"
    else:
        pilot = budget if source is BudgetSource.PILOT else 0
    if source is BudgetSource.INGEN and budget:
        errors["budget_source"] = "Välj varifrån budgeten kommer"
    out["budget_ore"], out["pilot_ore"] = budget, pilot
    out["owner_id"] = data.owner_id
    for key in ("starts_on", "ends_on", "next_step_on", "decided_on"):
        out[key] = _date(getattr(data, key), key, errors)
    if out["starts_on"] and out["ends_on"] and out["ends_on"] < out["starts_on"]:
        errors["ends_on"] = "Slutdatum före startdatum"
    out["decided_by"] = data.decided_by.strip() or None
    # who decided, as recorded for the attest check (services.contracts.attest): the choice's body, if it is one
    out["decision_body"] = next((b for b in DecisionBody if b.label.casefold() == (out["decided_by"] or "").casefold()),
                                None)
    out.update(links.parse(data.budget_line_id, data.budget_year, errors))
    if out["phase"] is not None and "decided_on" not in errors:
        errors.update(decision_errors(out["phase"], budget, out["decided_by"], out["decided_on"]))
    if errors:
        raise ValidationError(errors)
    return out


#: Swedish labels of the stored fields (what a refused stale save lists).
LABELS = {
    **{key: label.removesuffix(" *") for key, label in TEXT_FIELDS}, "focus_area": "Fokusområde", "kind": "Typ",
    "function": "Funktion", "phase": "Fas", "budget_ore": "Budget", "budget_source": "Budgetkälla",
    "pilot_ore": "Pilotdel", "owner_id": "Ägare", "starts_on": "Start", "ends_on": "Slut",
    "next_step_on": "Nästa steg senast", "decided_by": "Beslutad av", "decided_on": "Beslutsdatum",
    "decision_body": "Beslutsorgan", **links.LABELS,
}


def save(db: Database, data: InitiativeInput, initiative_id: int | None = None) -> int:
    """Create or update an initiative; returns its id. An update based on an older version than the
    row's (``data.version``) raises StaleEdit."""
    values = validate(data)
    with versioning.session(db) as s:
        errors: dict[str, str] = {}
        links.check(s, values[links.LINE], errors)
        if errors:
            raise ValidationError(errors)
        if initiative_id is None:
            initiative = Initiative(**values)
            s.add(initiative)
        else:
            initiative = _load(s, initiative_id)
            versioning.check_version(initiative, data.version, values, LABELS)
            for key, value in values.items():
                setattr(initiative, key, value)
        s.flush()
        return initiative.saved_id


def _number(value: str, key: str, errors: dict[str, str]) -> float | None:
    text = value.strip().replace(" ", "").replace(",", ".")
    if not text:
        return None
    try:
        number = float(text)
    except ValueError:
        number = math.nan
    if not math.isfinite(number):
        errors[key] = f"Ogiltigt tal: {value!r}"
        return None
    return number


def add_indicator(db: Database, initiative_id: int, name: str, target: str, unit: str) -> int:
    errors: dict[str, str] = {}
    if not name.strip():
        errors["name"] = "Namn saknas"
    elif len(name.strip()) > 200:
        errors["name"] = "Högst 200 tecken"
    if len(unit.strip()) > 40:
        errors["unit"] = "Högst 40 tecken"
    target_value = _number(target, "target", errors)
    if errors:
        raise ValidationError(errors)
    with db.session() as s:
        _load(s, initiative_id)
        indicator = Indicator(initiative_id=initiative_id, name=name.strip(), target=target_value,
                              unit=unit.strip() or None)
        return saved(s, indicator)


def measure(db: Database, indicator_id: int, current: str, measured_on: str, today: date) -> IndicatorRow:
    """Record a new measurement (current value, dated today unless given)."""
    errors: dict[str, str] = {}
    value = _number(current, "current", errors)
    if value is None and "current" not in errors:
        errors["current"] = "Ange uppmätt värde"
    when = _date(measured_on, "measured_on", errors) or today
    if errors:
        raise ValidationError(errors)
    with db.session() as s:
        indicator = existing(s, Indicator, indicator_id, f"Indikatorn {indicator_id} finns inte")
        indicator.current, indicator.measured_on = value, when
        s.flush()
        return IndicatorRow(indicator.saved_id, indicator.name, indicator.target, indicator.current,
                            indicator.unit or "", indicator.measured_on)
