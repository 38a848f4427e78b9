"""The contract records that name a person in a name field, for the GDPR register extract and erasure:
the payments a person decided (beslutsattestant, ``Payment.decided_by``) or attested
(``Payment.attested_by``), and the contract notes they wrote (``ContractNote.author``).

These fields are free text holding a name, so a payment (a note) is the person's when a field names them by
their full name, found as :mod:`gdpr_names` finds it (folded, whole words: "Anna Berg" is not "Anna
Bergström"). A contact without a last name names no payment (a bare first name is other people's too).
The erasure replaces the name with the erased contact's pseudonym ("Raderad person 7") and keeps the
payment itself (amount, dates, reference: bookkeeping), so the attest check still tells one person in
both roles from two erased people. A note's author is replaced like any other free text (``gdpr.erase``)."""

from __future__ import annotations

from typing import Any

from sqlmodel import select

from shk_tui.db import search
from shk_tui.db.models import Contact, Contract, ContractNote, Payment
from shk_tui.fmt import format_kr
from shk_tui.services.contacts import gdpr_names

#: The roles, in the order they are named, and the Swedish word for each.
ROLES = (("decided_by", "beslutade"), ("attested_by", "attesterade"))


def full_name(contact: Contact) -> str:
    """What names the person in a payment ("" when nothing does: no last name)."""
    return " ".join(contact.full_name.split()) if contact.last_name.strip() else ""


def _named(s, name: str) -> list[tuple[Payment, Contract, list[str]]]:
    """The payments naming ``name`` in either field, with their contract and which fields name it."""
    if not name:
        return []
    found = s.exec(select(Payment, Contract).join(Contract, Contract.id == Payment.contract_id)
                   .where(search.matches([Payment.decided_by, Payment.attested_by], name))
                   .order_by(Payment.due_on, Payment.id)).all()
    out = []
    for p, k in found:
        keys = [key for key, _ in ROLES if gdpr_names.mentions(getattr(p, key), [name])]
        if keys:
            out.append((p, k, keys))
    return out


def role_text(keys: list[str]) -> str:
    """ "beslutade", "attesterade" or "beslutade och attesterade"."""
    return " och ".join(word for key, word in ROLES if key in keys)


def extract(s, contact: Contact) -> list[dict[str, Any]]:
    """The person's payments for the register extract (JSON-serialisable), by due date."""
    return [{"contract": k.title, "diarienummer": k.diarienummer, "due_on": p.due_on.isoformat(),
             "amount_ore": p.amount_ore, "amount": format_kr(p.amount_ore), "role": role_text(keys)}
            for p, k, keys in _named(s, full_name(contact))]


def erase(s, name: str, pseudonym: str) -> int:
    """Replace ``name`` (the person's full name before the erasure) with ``pseudonym`` in every payment
    naming it, through the ORM (audited, the search index kept in step); returns how many payments."""
    changed = 0
    for p, _, keys in _named(s, name):
        for key in keys:
            setattr(p, key, gdpr_names.replace(getattr(p, key), [name], pseudonym))
        s.add(p)
        changed += 1
    return changed



def notes_written(s, contact: Contact) -> list[dict[str, Any]]:
    """The contract notes the person wrote (contract, date), for the register extract."""
    name = full_name(contact)
    if not name:
        return []
    found = s.exec(select(ContractNote, Contract).join(Contract, Contract.id == ContractNote.contract_id)
                   .where(search.matches([ContractNote.author], name))
                   .order_by(ContractNote.noted_on, ContractNote.id)).all()
    return [{"contract": k.title, "diarienummer": k.diarienummer, "noted_on": n.noted_on.isoformat()}
            for n, k in found if gdpr_names.mentions(n.author, [name])]
