"""Duplicate contacts: find candidates with a score, and merge two contacts.

Candidates: the same e-mail address (100), the same name within one organisation (90), names that
differ only by case or accents (70), names one typo apart (60). Merging keeps one contact, takes
each field from the side the user picked, moves participations, contract and initiative links and
tags to it, deletes the other and records the merge in the audit trail."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, replace

from sqlmodel import select

from shk_tui.db import audit
from shk_tui.db.engine import Database
from shk_tui.db.models import Contact, Contract, Initiative, Organisation, Participation
from shk_tui.db.search import fold
from shk_tui.enums import ParticipationStatus
from shk_tui.errors import BadInput, NotFound, ShkError
from shk_tui.fmt import sv_sorted
from shk_tui.services.rows import existing

MERGE_FIELDS = ("first_name", "last_name", "title", "organisation_id", "email", "phone", "note", "legal_basis",
                "consent_on", "source")
FIELD_LABELS = {"first_name": "Förnamn", "last_name": "Efternamn", "title": "Titel", "organisation_id": "Organisation",
                "email": "E-post", "phone": "Telefon", "note": "Anteckning", "legal_basis": "Rättslig grund",
                "consent_on": "Datum för grund", "source": "Källa"}
# When both contacts took part in the same event, the participation that says most is kept.
_STATUS_RANK = {ParticipationStatus.DELTOG: 5, ParticipationStatus.UTEBLEV: 4, ParticipationStatus.ANMALD: 3,
                ParticipationStatus.RESERV: 2, ParticipationStatus.INBJUDEN: 1, ParticipationStatus.AVBOKAD: 0}


@dataclass(frozen=True)
class Candidate:
    a_id: int
    a_name: str
    a_detail: str
    b_id: int
    b_name: str
    b_detail: str
    score: int
    reason: str

    def cells(self) -> tuple[str, ...]:
        return (str(self.score), self.a_name, self.b_name, self.reason, self.a_detail, self.b_detail)


#: Dubbletter's columns and widths: the pair and the reason in view at 80×24, their details too at 120×40.
COLUMNS = ("Poäng", "Kontakt A", "Kontakt B", "Skäl", "Uppgifter A", "Uppgifter B")
WIDTHS = (5, 18, 18, 26, 18, 18)


def _name_key(first: str, last: str) -> str:
    return re.sub(r"[^a-z0-9åäö]", "", fold(f"{first}{last}"))


def _within_one_edit(a: str, b: str) -> bool:
    """True when a and b differ by one insertion, deletion, substitution or adjacent swap."""
    if a == b or abs(len(a) - len(b)) > 1:
        return a == b
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]]
                                  and a[diff[1]] == b[diff[0]])
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    i = 0
    while i < len(short) and short[i] == long_[i]:
        i += 1
    return short[i:] == long_[i + 1:]


def candidates(db: Database, *, contact_id: int | None = None, limit: int = 500) -> list[Candidate]:
    """Duplicate candidates, best first (only pairs with ``contact_id`` when given).

    The rules run from the highest score down; once ``limit`` pairs are found, lower scores could not
    make the list and are not looked for. Typos are found through each name's one-letter-deleted
    variants (names one edit apart share one), not by comparing every pair of names."""
    with db.read() as s:
        rows = s.exec(
            select(Contact.id, Contact.first_name, Contact.last_name, Contact.email, Contact.organisation_id,
                   Organisation.name, Contact.sort_key)
            .join(Organisation, Contact.organisation_id == Organisation.id, isouter=True)
            .where(Contact.erased_on.is_(None), Contact.restricted_on.is_(None))  # restricted (GDPR art. 18): hidden
        ).all()
    info = {r[0]: r for r in rows}
    found: dict[tuple[int, int], tuple[int, str]] = {}

    def add(a: int, b: int, score: int, reason: str) -> None:
        pair = (min(a, b), max(a, b))
        if (contact_id is None or contact_id in pair) and pair not in found:
            found[pair] = (score, reason)

    def pairs(ids: list[int], score: int, reason: str) -> None:
        if 1 < len(ids) <= 50:  # a huge group is a data problem, not a duplicate
            for i, a in enumerate(ids):
                for b in ids[i + 1:]:
                    add(a, b, score, reason)

    by_email: dict[str, list[int]] = defaultdict(list)
    by_name_org: dict[tuple, list[int]] = defaultdict(list)
    by_name: dict[str, list[int]] = defaultdict(list)
    for cid, first, last, email, org_id, _, _ in rows:
        key = _name_key(first, last)
        if email:
            by_email[email.strip().lower()].append(cid)
        if key:
            by_name[key].append(cid)
            if org_id is not None:
                by_name_org[(key, org_id)].append(cid)
    for ids in by_email.values():
        pairs(ids, 100, "samma e-post")
    if len(found) < limit:
        for ids in by_name_org.values():
            pairs(ids, 90, "samma namn och organisation")
    if len(found) < limit:
        for ids in by_name.values():
            differs = len({info[i][1] + info[i][2] for i in ids}) > 1
            pairs(ids, 70, "samma namn (skiftläge/accenter)" if differs else "samma namn")
    if len(found) < limit:
        for ka, kb in _one_edit_apart([k for k in by_name if len(k) >= 5]):
            if len(by_name[ka]) * len(by_name[kb]) <= 100:
                for a in by_name[ka]:
                    for b in by_name[kb]:
                        add(a, b, 60, "liknande namn (stavfel?)")
    best = sorted(found.items(), key=lambda item: (-item[1][0], info[item[0][0]][6], item[0]))[:limit]
    result = []
    for (a, b), (score, reason) in best:
        ra, rb = info[a], info[b]
        result.append(Candidate(a, f"{ra[1]} {ra[2]}".strip(), _detail(ra), b, f"{rb[1]} {rb[2]}".strip(),
                                _detail(rb), score, reason))
    return result


def _one_edit_apart(keys: list[str]) -> set[tuple[str, str]]:
    """Pairs of different keys one insertion, deletion, substitution or adjacent swap apart: keys that
    share a variant with one letter deleted (or where one is the other's variant), then checked."""
    by_variant: dict[str, list[str]] = defaultdict(list)
    for key in keys:
        by_variant[key].append(key)
        for i in range(len(key)):
            by_variant[key[:i] + key[i + 1:]].append(key)
    out: set[tuple[str, str]] = set()
    for group in by_variant.values():
        if 1 < len(group) <= 50:
            for i, ka in enumerate(group):
                for kb in group[i + 1:]:
                    if ka != kb and (kb, ka) not in out and _within_one_edit(ka, kb):
                        out.add((ka, kb))
    return out


def _detail(row) -> str:
    return " · ".join(x for x in (row[3], row[5]) if x)


# --- merge ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class MergeSide:
    id: int
    values: dict[str, str]  # field → display text
    participations: int
    contracts: int
    tags: list[str]
    shared: int = 0  # participations on events the other contact is on too (merged into one, not moved)
    initiatives: int = 0  # initiatives this contact owns (they move with a merge, as contracts do)

    @property
    def name(self) -> str:
        return f"{self.values['first_name']} {self.values['last_name']}".strip() or f"Kontakt {self.id}"

    @property
    def moving(self) -> int:
        """Participations that move when this contact is merged into the other (as ``merge`` counts them)."""
        return self.participations - self.shared


def sides(db: Database, a_id: int, b_id: int) -> tuple[MergeSide, MergeSide]:
    """Both contacts as display values, for the side-by-side merge screen."""
    if a_id == b_id:
        raise BadInput("En kontakt kan inte slås ihop med sig själv")
    with db.session() as s:
        out, events = [], []
        for cid in (a_id, b_id):
            c = existing(s, Contact, cid, f"Kontakten {cid} finns inte")
            values = {}
            for f in MERGE_FIELDS:
                v = getattr(c, f)
                if f == "organisation_id":
                    v = c.organisation.name if c.organisation else ""
                elif f == "legal_basis":
                    v = v.label if v else ""
                values[f] = "" if v is None else str(v)
            events.append(set(s.exec(select(Participation.event_id).where(Participation.contact_id == cid)).all()))
            contracts = len(s.exec(select(Contract.id).where(Contract.responsible_id == cid)).all())
            initiatives = len(s.exec(select(Initiative.id).where(Initiative.owner_id == cid)).all())
            out.append(MergeSide(cid, values, len(events[-1]), contracts, sv_sorted(t.name for t in c.tags),
                                 initiatives=initiatives))
    shared = len(events[0] & events[1])
    return replace(out[0], shared=shared), replace(out[1], shared=shared)


def merge(db: Database, keep_id: int, drop_id: int, take_from_drop: set[str] | frozenset[str] = frozenset()) -> dict:
    """Merge ``drop_id`` into ``keep_id``; fields in ``take_from_drop`` get the dropped contact's value.

    Returns counts of what moved. One transaction; audited (the merge entry holds ids, not values)."""
    if keep_id == drop_id:
        raise BadInput("En kontakt kan inte slås ihop med sig själv")
    unknown = set(take_from_drop) - set(MERGE_FIELDS)
    if unknown:
        raise BadInput(f"Okända fält: {', '.join(sorted(unknown))}")
    with db.session() as s:
        keep, drop = s.get(Contact, keep_id), s.get(Contact, drop_id)
        if keep is None or drop is None:
            raise NotFound(f"Kontakten {keep_id if keep is None else drop_id} finns inte")
        if keep.erased_on or drop.erased_on:
            raise ShkError("En raderad (GDPR) kontakt kan inte slås ihop")
        values = {f: getattr(drop, f) for f in take_from_drop}
        moved = {"participations": 0, "contracts": 0, "initiatives": 0, "tags": 0, "conflicts": 0}
        mine = {p.event_id: p for p in s.exec(select(Participation).where(Participation.contact_id == keep_id)).all()}
        for p in s.exec(select(Participation).where(Participation.contact_id == drop_id)).all():
            other = mine.get(p.event_id)
            if other is None:
                p.contact_id = keep_id
                s.add(p)
                moved["participations"] += 1
            else:  # both were on the same event: keep the one that says most
                moved["conflicts"] += 1
                if _STATUS_RANK[p.status] > _STATUS_RANK[other.status]:
                    for attr in ("status", "role", "registered_at", "checked_in_at"):
                        setattr(other, attr, getattr(p, attr))
                other.dietary = other.dietary or p.dietary
                other.note = "\n".join(x for x in (other.note, p.note) if x) or None
                s.add(other)
                s.delete(p)
        for c in s.exec(select(Contract).where(Contract.responsible_id == drop_id)).all():
            c.responsible_id = keep_id
            s.add(c)
            moved["contracts"] += 1
        for i in s.exec(select(Initiative).where(Initiative.owner_id == drop_id)).all():
            i.owner_id = keep_id
            s.add(i)
            moved["initiatives"] += 1
        new_tags = [t for t in drop.tags if t not in keep.tags]
        moved["tags"] = len(new_tags)
        keep.tags = [*keep.tags, *new_tags]
        drop.tags = []
        drop.email = None  # the kept contact may take the address
        s.flush()
        for f, v in values.items():
            setattr(keep, f, v)
        keep.archived = keep.archived and drop.archived
        s.add(keep)
        s.flush()
        s.delete(drop)
        s.flush()
        audit.record(s, "contact", keep_id, "merge",
                     {"merged_from": drop_id, "fields_from_merged": sorted(take_from_drop), **moved})
    return moved
