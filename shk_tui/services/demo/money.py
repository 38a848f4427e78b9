"""The example data's procurement, attest and goal-5 cases (issue #18), applied after
``activity.load_contracts``: each contract gets its route and category (agreements between the parties
are not procurements), one direktupphandling is undocumented (Cornerstone's consultancy, 240 000 kr), one
new contract is over the direktupphandlingsgräns once its automatic renewal is counted (480 000 kr a year
+ 12 months = 960 000 kr), and the payments name who decided and who attested them — one of them the
same person twice. Of the funding applications, the rector's 10 Mkr is the parties' own money (MDU's)
and the 80 Mkr Horizon application is the consortium's, with Samhällskontraktet's (fictional) share."""

from __future__ import annotations

from datetime import date, timedelta

from sqlmodel import Session, select

from shk_tui import enums
from shk_tui.db.models import Contact, Contract, FundingApplication, Organisation, Payment
from shk_tui.services.demo.people import BITRADANDE, PROCESSLEDARE, find

R = enums.ProcurementRoute
#: title → (route, category, documented)
ROUTES: dict[str, tuple[enums.ProcurementRoute, str | None, bool]] = {
    "Överenskommelse om medel till processtödet, Västerås stad": (R.EJ_PLIKTIG, None, False),
    "Överenskommelse om medel till processtödet, Eskilstuna kommun": (R.EJ_PLIKTIG, None, False),
    "Forskningsavtal följeforskning": (R.EJ_PLIKTIG, None, False),
    "Konsultavtal Cornerstone Indicators": (R.DIREKT, "Konsulttjänster", False),
    "Studentuppdrag: enkätanalys Skultuna": (R.EJ_PLIKTIG, None, False),
    "Ramavtal konferenslokaler och catering": (R.AVROP, "Konferens och catering", False),
    "Licens Samhällshubben": (R.DIREKT, "IT-tjänster", False),
    "Samarbetsavtal Physical literacy i Årby": (R.EJ_PLIKTIG, None, False),
    "Samarbetsavtal Inkludera Mera 2019": (R.EJ_PLIKTIG, None, False),
}
OVER_LIMIT_TITLE = "Kommunikationsbyrå: film och webb"
SAME_PERSON_CONTRACT = "Konsultavtal Cornerstone Indicators"
#: application title → (funder kind, Samhällskontraktet's share in kronor or None for the whole amount)
APPLICATIONS: dict[str, tuple[enums.FunderKind, int | None]] = {
    "Tvärvetenskaplig forskning kopplad till Samhällskontraktet": (enums.FunderKind.PART, None),
    "Care Collectives för och med barn och unga i Skultuna": (enums.FunderKind.EXTERN, 6_400_000),
}


def apply(session: Session, orgs: dict[str, Organisation], contacts: list[Contact], today: date) -> tuple[int, int]:
    """Mark the contracts, add the one over the limit; returns the contracts and payments added."""
    me = find(contacts, *BITRADANDE).full_name
    boss = find(contacts, *PROCESSLEDARE).full_name
    agency = Organisation(name="Byrån Berättande AB", kind=enums.OrganisationKind.NARINGSLIV, city="Eskilstuna",
                          note="Fiktiv leverantör (exempeldata)")
    session.add(agency)
    session.flush()
    orgs[agency.name] = agency
    d = lambda days: today + timedelta(days=days)  # noqa: E731
    start = d(-200)
    new = Contract(
        title=OVER_LIMIT_TITLE, kind=enums.ContractKind.UPPDRAGSAVTAL, counterparty_id=agency.id,
        responsible_id=find(contacts, *BITRADANDE).id, diarienummer=f"MDU {start.year}/0190",
        signed_on=d(-215), starts_on=start, ends_on=d(164), notice_months=1, auto_renew=True, renewal_months=12,
        amount_ore=480_000_00, status=enums.ContractStatus.AKTIVT, registered_on=d(-213),
        procurement_route=R.DIREKT, procurement_category="Kommunikation", direct_award_documented=True,
        note="Direktupphandlat för ett år; med förlängningen passerar det uppskattade värdet gränsen",
    )
    for offset in (-190, -100, -10, 80):
        due = d(offset)
        paid = offset < 0
        new.payments.append(Payment(due_on=due, amount_ore=120_000_00, paid_on=due if paid else None,
                                    paid_amount_ore=120_000_00 if paid else None,
                                    reference=f"Ver {due.year}-{5200 - offset}" if paid else None))
    session.add(new)
    session.flush()
    for contract in session.exec(select(Contract)).all():
        if contract.title in ROUTES:
            route, category, documented = ROUTES[contract.title]
            contract.procurement_route, contract.procurement_category = route, category
            contract.direct_award_documented = documented
        for payment in contract.payments:
            if payment.direction is not enums.PaymentDirection.UT:
                continue
            payment.decided_by, payment.attested_by = boss, me
    cornerstone = session.exec(select(Contract).where(Contract.title == SAME_PERSON_CONTRACT)).one()
    latest_paid = max((p for p in cornerstone.payments if p.paid_on), key=lambda p: p.due_on)
    latest_paid.decided_by = latest_paid.attested_by = me  # one person in both roles: flagged
    for application in session.exec(select(FundingApplication)).all():
        if application.title in APPLICATIONS:
            kind, share = APPLICATIONS[application.title]
            application.funder_kind = kind
            application.sk_share_ore = share * 100 if share is not None else None
    return 1, len(new.payments)
