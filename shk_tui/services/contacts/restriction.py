"""Restriction of processing (GDPR art. 18) and the records that forbid erasure (arkivlagen).

A person who is part of a public record that must be kept (responsible for a contract that is more
than a draft, owner of an initiative with a decision, or the one who decided it) cannot be erased: :func:`ties` says why, and
``gdpr.erase`` refuses with :class:`MustKeep`. Such a person (or anyone who asks) can be
*restricted* instead: the data is kept with the reason and the rule that keeps it, and the person is
hidden from every list, search and export (the services filter on :data:`VISIBLE`; participant lists
show ``participants.HIDDEN_NAME`` in place of the name, the participation stays for the statistics). The
register extract (``gdpr.extract``) still shows everything, and which rule keeps what
(:func:`kept`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlmodel import select

from shk_tui.db.engine import Database
from shk_tui.db.models import Contact, Contract, Initiative
from shk_tui.enums import ContractStatus, LegalBasis
from shk_tui.errors import BadInput, ShkError
from shk_tui.fmt import format_date, sv_key
from shk_tui.services import retention
from shk_tui.services.rows import existing

#: The condition every list, search, picker and export of contacts adds.
VISIBLE = Contact.restricted_on.is_(None)


class MustKeep(ShkError):
    """The person is part of records that must be kept: restrict instead of erasing."""

    def __init__(self, contact_id: int, name: str, reasons: list[str]) -> None:
        self.contact_id, self.reasons = contact_id, reasons
        # The command first: a CLI error line is cut at 200 characters, and the reasons may be many.
        super().__init__(
            f"{name} kan inte raderas: uppgifterna ska bevaras (arkivlagen). Begränsa i stället (GDPR art. 18): "
            f"shk gdpr restrict {contact_id} --reason … Varför: {'; '.join(reasons)}")


@dataclass(frozen=True)
class Restricted:
    id: int
    name: str
    restricted_on: date
    reason: str


def ties_in(s, contact: Contact) -> list[str]:
    """Why the person's data must be kept (Swedish, one line each); [] when nothing ties it."""
    # A draft (utkast) is not yet a public record (TF 2 kap. 12 §): it does not tie the person.
    out = [f"ansvarig för avtalet {k.title}" + (f" ({k.diarienummer})" if k.diarienummer else "")
           for k in s.exec(select(Contract).where(Contract.responsible_id == contact.id,
                                                  Contract.status != ContractStatus.UTKAST).order_by(Contract.id)).all()]
    for i in s.exec(select(Initiative).where(Initiative.owner_id == contact.id).order_by(Initiative.id)).all():
        if i.decided_on is not None or i.decided_by:
            out.append(f"ägare av initiativet {i.name}, beslutat {format_date(i.decided_on) or 'av ' + i.decided_by}")
    full = " ".join(contact.full_name.split()).casefold()
    if contact.last_name and full:
        for i in s.exec(select(Initiative).where(Initiative.decided_by.is_not(None)).order_by(Initiative.id)).all():
            if " ".join(i.decided_by.split()).casefold() == full:
                out.append(f"fattade beslutet om initiativet {i.name}")
    return out


def ties(db: Database, contact_id: int) -> list[str]:
    with db.read() as s:
        return ties_in(s, _get(s, contact_id))


def _get(s, contact_id: int) -> Contact:
    return existing(s, Contact, contact_id, f"Kontakten {contact_id} finns inte")


def restrict(db: Database, contact_id: int, reason: str, *, today: date) -> None:
    """Restrict the processing of the person's data: kept, hidden from every list, search and export."""
    reason = " ".join((reason or "").split())
    if not reason:
        raise BadInput("Ange ett skäl för begränsningen")
    with db.session() as s:
        c = _get(s, contact_id)
        if c.erased_on is not None:
            raise ShkError(f"Kontakten {contact_id} är raderad ({format_date(c.erased_on)})")
        if c.restricted_on is not None:
            raise ShkError(f"Kontakten {contact_id} är redan begränsad sedan {format_date(c.restricted_on)}")
        c.restricted_on, c.restriction_reason = today, reason
        s.add(c)


def unrestrict(db: Database, contact_id: int) -> str:
    """Lift the restriction; returns the person's name."""
    with db.session() as s:
        c = _get(s, contact_id)
        if c.restricted_on is None:
            raise ShkError(f"Kontakten {contact_id} är inte begränsad")
        c.restricted_on, c.restriction_reason = None, None
        s.add(c)
        return c.full_name


def restricted(db: Database) -> list[Restricted]:
    """Every restricted person (for ``shk gdpr restricted``), in Swedish name order."""
    with db.read() as s:
        found = s.exec(select(Contact).where(Contact.restricted_on.is_not(None))).all()
        rows = [Restricted(c.saved_id, c.full_name, c.restricted_on, c.restriction_reason or "") for c in found
                if c.restricted_on is not None]
    return sorted(rows, key=lambda r: (sv_key(r.name.split(" ")[-1]), sv_key(r.name), r.id))


def kept(data: dict[str, Any], today: date) -> list[dict[str, str]]:
    """For the register extract: which of the person's data is kept, and under which rule."""
    rules = retention.rules(today)
    f = data["fields"]
    out: list[dict[str, str]] = []

    def add(what: str, rule: retention.Rule, note: str = "") -> None:
        out.append({"what": what, "rule": rule.name, "period": note or rule.period_text, "source": rule.source})

    basis = f.get("legal_basis")
    if basis in (LegalBasis.SAMTYCKE.value, LegalBasis.BERATTIGAT_INTRESSE.value):
        add("Kontaktuppgifter", rules["inaktiva"], f"granskas efter {rules['inaktiva'].period_text}")
    elif not f.get("erased_on"):
        out.append({"what": "Kontaktuppgifter", "rule": "Rättslig grund",
                    "period": "så länge den rättsliga grunden gäller", "source": "GDPR art. 5.1 e och art. 6"})
    if data["participations"]:
        add("Deltaganden i evenemang", rules["deltaganden"])
        if any(p["dietary"] for p in data["participations"]):
            add("Kostönskemål", rules["kost"])
    if data["contracts_responsible"]:
        add("Ansvar för avtal", rules["avtal"])
    if data.get("payments_attest"):
        add("Beslut och attest av utbetalningar", rules["avtal"])
    if data.get("contract_notes_written"):
        add("Avtalsanteckningar du skrivit", rules["avtal"])
    if data["initiatives_owned"]:
        add("Ägarskap av initiativ", rules["beslut"])
    add("Ändringshistorik", rules["historik"])
    if f.get("restricted_on"):
        out.append({"what": "Begränsning", "rule": "Begränsning av behandling",
                    "period": f"sedan {f['restricted_on']}: {f.get('restriction_reason') or ''}".strip(),
                    "source": "GDPR art. 18"})
    return out
