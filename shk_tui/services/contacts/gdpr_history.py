"""The history part of the register extract: which audit entries are about this person, and how they
read to the person ("Förnamn: – → Kerstin", organisation and tag names instead of ids, Swedish
actions, ISO dates, never Python notation).

Only this person's entries: those of the contact row (and of its participations) from the row's own
creation on. An id may have belonged to someone else before (SQLite reused the highest id before
migration 0005); their entries end with a delete entry, and an entry older than the row itself is not
about it either, so the extract does not rely on ids alone."""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlmodel import select

from shk_tui.db.audit import SCRUBBED
from shk_tui.db.models import AuditEntry, Contact, Event, Organisation, Participation, Tag
from shk_tui.enums import AuditAction, LabelledEnum, LegalBasis, ParticipationRole, ParticipationStatus
from shk_tui.fmt import sv_sorted

NOTHING = "–"
#: How much earlier than the row's creation time an entry about it may be stamped (clocks of two
#: computers writing to one PostgreSQL server differ a little).
TOLERANCE = timedelta(minutes=5)

FIELDS: dict[str, dict[str, str]] = {
    "contact": {"first_name": "Förnamn", "last_name": "Efternamn", "title": "Titel", "organisation_id": "Organisation",
                "email": "E-post", "phone": "Telefon", "note": "Anteckning", "legal_basis": "Rättslig grund",
                "consent_on": "Datum för grund", "source": "Källa", "archived": "Arkiverad", "erased_on": "Raderad",
                "tags": "Taggar"},
    "participation": {"event_id": "Evenemang", "contact_id": "Kontakt", "status": "Status", "role": "Roll",
                      "dietary": "Kost", "registered_at": "Anmäld", "checked_in_at": "Incheckad",
                      "note": "Anteckning"},
    "contact_tag": {"tag_id": "Tagg"},
}
#: What the entries of merges and erasures (written with ``audit.record``) say.
RECORD_FIELDS = {"merged_from": "Sammanslagen med", "fields_from_merged": "Fält från den sammanslagna posten",
                 "participations": "Flyttade deltaganden", "contracts": "Flyttade avtal",
                 "initiatives": "Flyttade initiativ", "tags": "Flyttade taggar",
                 "conflicts": "Deltaganden i samma evenemang", "reason": "Skäl", "fields": "Raderade fält",
                 "participations_kept": "Deltaganden kvar",
                 "payments_pseudonymised": "Utbetalningar där namnet ersatts"}
_ENUMS: dict[str, type[LabelledEnum]] = {"legal_basis": LegalBasis, "status": ParticipationStatus,
                                         "role": ParticipationRole}
_WHAT = {"contact": "Kontakt", "participation": "Deltagande", "contact_tag": "Tagg"}
_OTHER_ACTIONS = {"undo": "Ångrad"}
_TAG_ACTIONS = {"insert": "Tillagd", "delete": "Borttagen"}
_ROW_ACTIONS = ("insert", "update", "delete")
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")


def own_entries(s, contact: Contact, participations: list[Participation]) -> list[AuditEntry]:
    """The audit entries about this contact: its row's, its participations', its tag links'."""
    created = {("contact", contact.id): contact.created_at, **{("participation", p.id): p.created_at
                                                                for p in participations}}
    conds = [sa.and_(AuditEntry.table_name == "contact", AuditEntry.row_id == contact.id)]
    if participations:
        conds.append(sa.and_(AuditEntry.table_name == "participation",
                             AuditEntry.row_id.in_([p.id for p in participations])))
    by_row: dict[tuple[str, int], list[AuditEntry]] = defaultdict(list)
    for e in s.exec(select(AuditEntry).where(sa.or_(*conds)).order_by(AuditEntry.id)).all():
        by_row[(e.table_name, e.row_id)].append(e)
    found: list[AuditEntry] = []
    for key, entries in by_row.items():
        found += _since_creation(entries, created[key])
    # Link rows (tags) have no row id: their key names the contact; only those since its creation.
    own = [e for e in found if e.table_name == "contact"]
    links = select(AuditEntry).where(AuditEntry.table_name == "contact_tag",
                                     AuditEntry.at >= contact.created_at - TOLERANCE)
    if own:
        links = links.where(AuditEntry.id >= own[0].id)
    for e in s.exec(links).all():
        if (e.changes or {}).get("key", {}).get("contact_id") == contact.id:
            found.append(e)
    return sorted(found, key=lambda e: (e.at, e.id))


def _since_creation(entries: list[AuditEntry], created_at: datetime | None) -> list[AuditEntry]:
    """``entries`` (of one row id, oldest first) from the current row's creation on: after the last
    delete entry (it ended an earlier row), from the last insert entry, none stamped before the row."""
    deletes = [i for i, e in enumerate(entries) if e.action == "delete"]
    if deletes:
        entries = entries[deletes[-1] + 1:]
    inserts = [i for i, e in enumerate(entries) if e.action == "insert"]
    if inserts:
        entries = entries[inserts[-1]:]
    if created_at is None:
        return entries
    return [e for e in entries if e.at >= created_at - TOLERANCE]


def text(value: Any) -> str:
    """One value as the person reads it: "–" for nothing, "ja"/"nej", ISO dates, lists as "a, b"."""
    if value is None or value == "" or value == [] or value == {}:
        return NOTHING
    if value == SCRUBBED:
        return "raderat"
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, list | tuple | set):
        return ", ".join(text(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}: {text(v)}" for k, v in value.items())
    shown = " ".join(str(value).split())
    if _DATETIME.match(shown):
        return shown[:16].replace("T", " ")
    return shown


def label(enum_cls: type[LabelledEnum], value: Any) -> str:
    try:
        return enum_cls(value).label
    except ValueError:
        return text(value)


class _Names:
    """Names for the ids in the entries (organisations, tags, events), looked up once."""

    def __init__(self, s, entries: list[AuditEntry], contact: Contact, events: set[int]) -> None:
        self.contact = contact
        events = set(events)
        orgs: set[int] = set()
        tags: set[int] = set()
        for e in entries:
            for key, change in (e.changes or {}).items():
                values = change if isinstance(change, list) else [change]
                ints = {v for v in values if isinstance(v, int) and not isinstance(v, bool)}
                if key == "organisation_id":
                    orgs |= ints
                elif key == "event_id":
                    events |= ints
                elif key == "tags" and e.action in _ROW_ACTIONS:
                    tags |= {x for v in values if isinstance(v, list) for x in v if isinstance(x, int)}
                elif key == "key" and isinstance(change, dict) and isinstance(change.get("tag_id"), int):
                    tags.add(change["tag_id"])
        self.orgs = _lookup(s, Organisation.id, Organisation.name, orgs)
        self.tags = _lookup(s, Tag.id, Tag.name, tags)
        self.events = {i: (title, at) for i, title, at in s.exec(
            select(Event.id, Event.title, Event.starts_at).where(Event.id.in_(events))).all()} if events else {}

    def event(self, event_id: Any) -> str:
        if event_id not in self.events:
            return text(event_id) if event_id in (None, SCRUBBED) else "borttaget evenemang"
        title, at = self.events[event_id]
        return f"{title} {at:%Y-%m-%d}"

    def value(self, table: str, key: str, value: Any) -> str:
        if value is None or value == SCRUBBED:
            return text(value)
        if key == "organisation_id":
            return self.orgs.get(value, "borttagen organisation")
        if key in ("tags", "tag_id"):
            ids = value if isinstance(value, list) else [value]
            return text(sv_sorted(self.tags.get(i, "borttagen tagg") for i in ids))
        if key == "event_id":
            return self.event(value)
        if key == "contact_id" and table == "participation":
            return self.contact.full_name if value == self.contact.id else "en annan kontaktpost"
        if key in _ENUMS:
            return label(_ENUMS[key], value)
        return text(value)


def _lookup(s, id_col, name_col, ids: set[int]) -> dict[int, str]:
    return dict(s.exec(select(id_col, name_col).where(id_col.in_(ids))).all()) if ids else {}


def field_label(table: str, key: str, *, record: bool = False) -> str:
    """The Swedish name of a changed field (``record``: of a key in a merge or erasure entry)."""
    first, then = (RECORD_FIELDS, FIELDS.get(table, {})) if record else (FIELDS.get(table, {}), RECORD_FIELDS)
    return first.get(key) or then.get(key) or key.replace("_", " ").capitalize()


def _action(e: AuditEntry) -> str:
    if e.table_name == "contact_tag" and e.action in _TAG_ACTIONS:
        return _TAG_ACTIONS[e.action]
    try:
        return AuditAction(e.action).label
    except ValueError:
        return _OTHER_ACTIONS.get(e.action, e.action.capitalize())


def _changes(e: AuditEntry, names: _Names) -> list[dict[str, str]]:
    out: list[dict[str, str]] = []
    table = e.table_name
    for key, change in (e.changes or {}).items():
        if key == "key" and isinstance(change, dict):  # a link row: the tag added or removed
            if "tag_id" in change:
                name = names.value(table, "tag_id", change["tag_id"])
                before, after = (NOTHING, name) if e.action == "insert" else (name, NOTHING)
                out.append({"field": "Tagg", "from": before, "to": after})
        elif e.action in _ROW_ACTIONS and isinstance(change, list) and len(change) == 2:
            out.append({"field": field_label(table, key), "from": names.value(table, key, change[0]),
                        "to": names.value(table, key, change[1])})
        elif key in ("fields", "fields_from_merged") and isinstance(change, list):
            out.append({"field": field_label(table, key, record=True),
                        "value": text(sv_sorted(field_label("contact", f) for f in change))})
        elif key == "merged_from":
            out.append({"field": field_label(table, key, record=True), "value": f"kontaktpost {text(change)}"})
        else:
            out.append({"field": field_label(table, key, record=True), "value": text(change)})
    return out


def readable(s, entries: list[AuditEntry], contact: Contact,
             participations: list[Participation]) -> list[dict[str, Any]]:
    """The entries as the person reads them (JSON-serialisable, every value a string)."""
    event_of = {p.id: p.event_id for p in participations}
    names = _Names(s, entries, contact, set(event_of.values()))
    history = []
    for e in entries:
        what = _WHAT.get(e.table_name, e.table_name)
        if e.table_name == "participation":
            what = f"{what}: {names.event(event_of.get(e.row_id))}" if e.row_id in event_of else what
        history.append({"at": e.at.strftime("%Y-%m-%d %H:%M:%S"), "what": what, "action": _action(e),
                        "actor": e.actor or NOTHING, "changes": _changes(e, names)})
    return history


def change_text(change: dict[str, str]) -> str:
    if "value" in change:
        return f"{change['field']}: {change['value']}"
    return f"{change['field']}: {change['from']} → {change['to']}"
