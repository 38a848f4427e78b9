"""GDPR for the contact register: the register extract (registerutdrag) and erasure.

``extract`` gathers everything held about one person: fields, tags, organisation,
participations, contracts and initiatives where responsible, the payments they decided or attested
and the contract notes they wrote (``gdpr_contracts``), and the history of them (this person's audit
entries only, readable: ``gdpr_history``).
``erase`` anonymises the person's identifying fields, keeps the participations (so event
statistics keep their counts) without their personal notes, scrubs the erased values from every
earlier audit entry (a deliberate exception to "audit entries are immutable") and records the
erasure itself without the values. Elsewhere (other rows, other people's history) only what identifies
the person is replaced, found as whole words (``gdpr_names``: "Anna Berg" is not "Anna Bergström"); in
the payments they decided or attested the name becomes the erased contact's pseudonym."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlmodel import select

from shk_tui.db import audit
from shk_tui.db.engine import Database
from shk_tui.db.models import AuditEntry, Contact, Contract, Event, Initiative, Participation
from shk_tui.enums import LegalBasis, ParticipationRole, ParticipationStatus
from shk_tui.errors import BadInput, ShkError
from shk_tui.fmt import format_date, sv_sorted
from shk_tui.services.contacts import gdpr_contracts, gdpr_names, restriction
from shk_tui.services.contacts.gdpr_history import change_text, label, own_entries, readable, text
from shk_tui.services.files import write_private
from shk_tui.services.rows import existing

ERASED_FIRST, ERASED_LAST = "Raderad", "person"
SCRUBBED = audit.SCRUBBED
IDENTIFYING = ("first_name", "last_name", "title", "email", "phone", "note", "source", "legal_basis", "consent_on")
PARTICIPATION_PERSONAL = ("dietary", "note")
_FIELD_SV = {"first_name": "Förnamn", "last_name": "Efternamn", "title": "Titel", "organisation": "Organisation",
             "email": "E-post", "phone": "Telefon", "note": "Anteckning", "legal_basis": "Rättslig grund",
             "consent_on": "Datum för grund", "source": "Källa", "archived": "Arkiverad",
             "created_at": "Registrerad", "updated_at": "Senast ändrad", "erased_on": "Raderad",
             "restricted_on": "Begränsad", "restriction_reason": "Skäl för begränsning", "reviewed_on": "Granskad"}
_STATE = ("archived", "created_at", "updated_at", "erased_on", "restricted_on", "restriction_reason", "reviewed_on")


def _value(v: Any) -> Any:
    return audit.jsonable(v)


def extract(db: Database, contact_id: int, *, today: date | None = None) -> dict[str, Any]:
    """Everything held about the person, JSON-serialisable, with what is kept under which rule
    (``kept``; the rules in force on ``today``) and why it cannot be erased (``must_keep``)."""
    with db.read() as s:
        c = existing(s, Contact, contact_id, f"Kontakten {contact_id} finns inte")
        fields = {k: _value(getattr(c, k)) for k in (*IDENTIFYING, *_STATE)}
        fields["organisation"] = c.organisation.name if c.organisation else None
        parts = s.exec(
            select(Participation, Event).join(Event, Event.id == Participation.event_id)
            .where(Participation.contact_id == contact_id).order_by(Event.starts_at)
        ).all()
        participations = [
            {"event": e.title, "starts_at": _value(e.starts_at), "status": p.status.value, "role": p.role.value,
             "dietary": p.dietary, "registered_at": _value(p.registered_at), "checked_in_at": _value(p.checked_in_at),
             "note": p.note}
            for p, e in parts
        ]
        contracts = [{"title": k.title, "diarienummer": k.diarienummer, "status": k.status.value}
                     for k in s.exec(select(Contract).where(Contract.responsible_id == contact_id)).all()]
        initiatives = [i.name for i in s.exec(select(Initiative).where(Initiative.owner_id == contact_id)).all()]
        payments = gdpr_contracts.extract(s, c)
        notes = gdpr_contracts.notes_written(s, c)
        own = [p for p, _ in parts]
        history = readable(s, own_entries(s, c, own), c, own)
        data = {
            "contact_id": c.id,
            "fields": fields,
            "tags": sv_sorted(t.name for t in c.tags),
            "participations": participations,
            "contracts_responsible": contracts,
            "initiatives_owned": initiatives,
            "payments_attest": payments,
            "contract_notes_written": notes,
            "audit": history,
            "must_keep": restriction.ties_in(s, c),
        }
    data["kept"] = restriction.kept(data, today or date.today())
    return data


def to_json(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


def save_extract(data: dict[str, Any], path: Path, *, today: date | None = None) -> tuple[Path, Path]:
    """Write the extract as ``NAME.md`` and ``NAME.json`` (``path`` with or without either suffix), both
    readable by their owner only; returns the two paths. Raises BadInput."""
    base = path.with_suffix("") if path.suffix in (".md", ".json") else path
    if not base.name:
        raise BadInput("Ange en fil, inte en katalog")
    md, js = base.with_suffix(".md"), base.with_suffix(".json")
    write_private(md, to_markdown(data, today=today).encode("utf-8"))
    write_private(js, to_json(data).encode("utf-8"))
    return md, js


def _paren(text: str | None) -> str:
    return f" ({text})" if text else ""


def to_markdown(data: dict[str, Any], *, today: date | None = None) -> str:
    f = data["fields"]
    name = f"{f.get('first_name') or ''} {f.get('last_name') or ''}".strip()
    lines = [f"# Registerutdrag – {name}", "",
             f"Utdrag ur Samhällskontraktets kontaktregister{f' {format_date(today)}' if today else ''}. "
             "Så här behandlas uppgifterna om dig.", "", "## Uppgifter", "", "| Fält | Värde |", "|---|---|"]
    for key, name in _FIELD_SV.items():
        value = f.get(key)
        if value not in (None, ""):
            shown = label(LegalBasis, value) if key == "legal_basis" else text(value)
            lines.append(f"| {name} | {_cell(shown)} |")
    lines += ["", "## Taggar", "", ", ".join(data["tags"]) or "Inga."]
    lines += ["", "## Deltagande i evenemang", ""]
    if data["participations"]:
        lines += ["| Evenemang | Datum | Status | Roll | Kost | Anteckning |", "|---|---|---|---|---|---|"]
        for p in data["participations"]:
            lines.append(f"| {_cell(text(p['event']))} | {p['starts_at'][:10]} | "
                         f"{label(ParticipationStatus, p['status'])} | {label(ParticipationRole, p['role'])} | "
                         f"{_cell(text(p['dietary']))} | {_cell(text(p['note']))} |")
    else:
        lines.append("Inga.")
    lines += ["", "## Ansvarig för avtal", ""]
    lines += [f"- {k['title']}{_paren(k['diarienummer'])} – {k['status']}"
              for k in data["contracts_responsible"]] or ["Inga."]
    lines += ["", "## Ägare av initiativ", ""]
    lines += [f"- {i}" for i in data["initiatives_owned"]] or ["Inga."]
    lines += ["", "## Beslut och attest av utbetalningar", ""]
    if data.get("payments_attest"):
        lines += ["| Avtal | Förfallodag | Belopp | Roll |", "|---|---|---|---|"]
        lines += [f"| {_cell(p['contract'] + _paren(p['diarienummer']))} | {p['due_on']} | {p['amount']} | "
                  f"{p['role']} |" for p in data["payments_attest"]]
    else:
        lines.append("Inga.")
    lines += ["", "## Författare till avtalsanteckningar", ""]
    lines += [f"- {n['contract']}{_paren(n['diarienummer'])}, {n['noted_on']}"
              for n in data.get("contract_notes_written", [])] or ["Inga."]
    lines += ["", "## Vad som sparas och varför", "", "| Uppgifter | Regel | Hur länge | Källa |", "|---|---|---|---|"]
    lines += [f"| {k['what']} | {k['rule']} | {_cell(k['period'])} | {k['source']} |" for k in data.get("kept", [])]
    if data.get("must_keep"):
        lines += ["", "Uppgifterna kan inte raderas, de ingår i allmänna handlingar som ska bevaras: "
                  + "; ".join(data["must_keep"]) + "."]
    lines += ["", "## Ändringshistorik", "", "| Tid | Vad | Händelse | Av | Ändringar |", "|---|---|---|---|---|"]
    for e in data["audit"]:
        changes = "; ".join(change_text(c) for c in e["changes"]) or "–"
        lines.append(f"| {e['at']} | {_cell(e['what'])} | {e['action']} | {_cell(e['actor'])} | {_cell(changes)} |")
    return "\n".join(lines) + "\n"


def _cell(value: str) -> str:
    """Text for one Markdown table cell: one line, no column break."""
    return " ".join(value.split()).replace("|", "\\|")


def _scrub(value: Any, secrets: list[str], *, words: bool = False) -> tuple[Any, bool]:
    """Replace every occurrence of a secret inside a JSON value; (new value, changed?). ``words``: only
    where a secret stands as whole words (``gdpr_names``), for what is other people's too."""
    if isinstance(value, str):
        if words:
            new = gdpr_names.replace(value, secrets, SCRUBBED)
            return new, new != value
        new = value
        for secret in secrets:
            if secret.casefold() in new.casefold():
                new = SCRUBBED if len(secret) >= len(new) - 1 else _replace_ci(new, secret)
        return new, new != value
    if isinstance(value, list):
        out = [_scrub(v, secrets, words=words) for v in value]
        return [v for v, _ in out], any(c for _, c in out)
    if isinstance(value, dict):
        scrubbed = {k: _scrub(v, secrets, words=words) for k, v in value.items()}
        return {k: v for k, (v, _) in scrubbed.items()}, any(c for _, c in scrubbed.values())
    return value, False


def _replace_ci(text: str, secret: str) -> str:
    return re.sub(re.escape(secret), SCRUBBED, text, flags=re.IGNORECASE)


def erase(db: Database, contact_id: int, reason: str, *, today: date) -> None:
    """Anonymise the person and scrub the erased values from the whole database (one transaction)."""
    reason = " ".join((reason or "").split())
    if not reason:
        raise BadInput("Ange ett skäl för raderingen")
    with db.session() as s:
        c = existing(s, Contact, contact_id, f"Kontakten {contact_id} finns inte")
        if c.erased_on is not None:
            raise ShkError(f"Kontakten {contact_id} är redan raderad ({format_date(c.erased_on)})")
        tied = restriction.ties_in(s, c)
        if tied:
            raise restriction.MustKeep(contact_id, c.full_name, tied)
        secrets = {str(getattr(c, k)) for k in ("first_name", "last_name", "title", "email", "phone", "note", "source")
                   if getattr(c, k)}
        secrets |= {p for p in (c.phone or "").split() if len(p) > 3}
        parts = s.exec(select(Participation).where(Participation.contact_id == contact_id)).all()
        secrets |= {str(getattr(p, k)) for p in parts for k in PARTICIPATION_PERSONAL if getattr(p, k)}
        full = f"{c.first_name} {c.last_name}".strip()
        secrets.add(full)
        # What identifies the person wherever it is written (not a bare first name or a title: those are
        # other people's too): the full name, the e-mail address, the phone number. Found as whole words
        # only, so a short full name ("Bo Ek") is safe to look for ("Bo Eklund" is someone else).
        identifying = [x for x in (full if c.last_name else "", *(v for v in (c.email, c.phone) if len(v or "") >= 6))
                       if x]
        # Longest first, so "Anna Andersson" goes before "Anna"; very short values (e.g. "Bo") only whole.
        ordered = sorted((x for x in secrets if x), key=len, reverse=True)
        for k in IDENTIFYING:
            setattr(c, k, None)
        c.first_name, c.last_name = ERASED_FIRST, f"{ERASED_LAST} {c.id}"
        c.tags = []
        c.archived = True
        c.erased_on = today
        c.restricted_on = c.restriction_reason = None
        s.add(c)
        for p in parts:
            for k in PARTICIPATION_PERSONAL:
                setattr(p, k, None)
            s.add(p)
        payments = gdpr_contracts.erase(s, full if c.last_name else "", c.full_name)
        _scrub_other_rows(s, identifying, contact_id)
        s.flush()  # the automatic audit entries of this very change are scrubbed below too
        related_entries = own_entries(s, c, list(parts))
        related = {e.id for e in related_entries}
        # Earlier values (an old title, an old e-mail) are in the history, not in the row: erase them too.
        for entry in related_entries:
            personal = IDENTIFYING if entry.table_name == "contact" else PARTICIPATION_PERSONAL
            for key, change in (entry.changes or {}).items():
                if key in personal and isinstance(change, list):
                    # Not the anonymised values this erasure just wrote ("Raderad", "person 7").
                    earlier = [str(v) for v in change if v not in (None, "", SCRUBBED, c.first_name, c.last_name)]
                    if key not in ("legal_basis", "consent_on"):
                        ordered += earlier
                    if key in ("email", "phone"):  # an old address identifies the person anywhere, too
                        identifying += [v for v in earlier if len(v) >= 6]
        ordered = sorted(set(ordered), key=len, reverse=True)
        # Other people's entries: only what identifies this person (a shared last name, title or source
        # is theirs too). Only entries whose JSON may hold it are loaded (every entry of a big register
        # as ORM objects took 13 s at 100 000 contacts).
        distinctive = sorted(set(identifying), key=len, reverse=True)
        others = s.exec(select(AuditEntry).where(
            AuditEntry.id.not_in(related or {-1}),
            sa.or_(*[_may_hold(sa.cast(AuditEntry.changes, sa.Text), x) for x in distinctive]),
        )).all() if distinctive else []
        for entry in [*related_entries, *others]:
            if entry.changes is None:
                continue
            own = entry.id in related
            new, changed = _scrub(entry.changes, ordered if own else distinctive, words=not own)
            if changed:
                entry.changes = new
                s.add(entry)
        audit.record(s, "contact", contact_id, "erase",
                     {"reason": _scrub(reason, ordered)[0], "fields": sorted([*IDENTIFYING, "tags"]),
                      "participations_kept": len(parts), "payments_pseudonymised": payments})


def _is_text(col: sa.ColumnElement[Any]) -> bool:
    """A free-text column (SQLModel's ``AutoString`` is a TypeDecorator over String; enums are not text)."""
    kind = col.type.impl if isinstance(col.type, sa.types.TypeDecorator) else col.type
    return isinstance(kind, sa.String) and not isinstance(kind, sa.Enum)


def _scrub_other_rows(s, secrets: list[str], erased_id: int) -> None:
    """Replace ``secrets`` in every free-text column of every other row (an event's notes, a contract's
    note, another contact's note …), through the ORM so the change is audited like any other; the
    audit entries this writes are scrubbed with the rest."""
    if not secrets:
        return
    for mapper in Contact._sa_registry.mappers:
        if mapper.class_ is AuditEntry:
            continue
        columns = [c for c in mapper.local_table.columns
                   if _is_text(c) and not c.primary_key and c.name not in _DERIVED]
        if not columns:
            continue
        found = s.exec(select(mapper.class_).where(sa.or_(*[_may_hold(c, x) for c in columns for x in secrets])))
        for row in found.all():
            if mapper.class_ is Contact and row.id == erased_id:
                continue
            for col in columns:
                key = mapper.get_property_by_column(col).key
                value = getattr(row, key)
                if isinstance(value, str):
                    new, changed = _scrub(value, secrets, words=True)
                    if changed:
                        setattr(row, key, new)
            s.add(row)


def _may_hold(col: sa.ColumnElement[Any], secret: str) -> sa.ColumnElement[bool]:
    """A pre-filter for rows that may hold ``secret``; ``_scrub`` decides. ILIKE on each of the (up to
    three) longest runs of printable ASCII other than space, quote and backslash, in any order: SQLite
    folds the case of ASCII letters only ("ÖBERG" is not ILIKE "öberg"), JSON text escapes the rest ("ö"
    is stored as \\u00f6), and a name may be written the other way round or with more spaces."""
    runs = sorted(set(re.findall(r'[!#-\[\]-~]{3,}', secret) or re.findall(r'[!#-\[\]-~]{2,}', secret)),
                  key=len, reverse=True)[:3]
    if not runs:
        return col.is_not(None)
    return sa.and_(*[col.icontains(run, autoescape=True) for run in runs])


_DERIVED = ("search_text", "sort_key")  # recomputed from the other columns on every flush


def remaining_values(db: Database, values: list[str]) -> list[str]:
    """Where any of ``values`` still occurs in the database (table.column); for checks and tests."""
    hits: list[str] = []
    with db.session() as s:
        for table in Contact.metadata.sorted_tables:
            for col in table.columns:
                if not (_is_text(col) or isinstance(col.type, sa.JSON)):
                    continue
                for (v,) in s.execute(sa.select(col).where(col.is_not(None))).all():
                    text = json.dumps(v, ensure_ascii=False) if isinstance(col.type, sa.JSON) else str(v)
                    for secret in values:
                        if secret.casefold() in text.casefold():
                            hits.append(f"{table.name}.{col.name}")
    return sorted(set(hits))

