"""The example data's ties to the budget (issue #18): which payments are income, which budget line and
year each contract is charged to, and two running initiatives with a decided budget on a line.

The budget figures themselves stay the board's (2022 and 2023, 33 350 000 kr in all): the documents
give no budget for the years after, so this year's commitments show as over budget — which is what the
forecast should say about money bound without a budget. Contracts whose payments run into next year
are linked to a line only (each payment then counts in the year it falls due)."""

from __future__ import annotations

from datetime import date, timedelta

from sqlmodel import Session, select

from shk_tui import enums
from shk_tui.db.models import BudgetLine, Contract, Initiative

#: contract title → (budget line, charged to this year? — else each payment's own year)
CONTRACT_LINES: dict[str, tuple[str, bool]] = {
    "Överenskommelse om medel till processtödet, Västerås stad": ("Övergripande processtöd", False),
    "Överenskommelse om medel till processtödet, Eskilstuna kommun": ("Övergripande processtöd", False),
    "Forskningsavtal följeforskning": ("Följeforskning", True),
    "Konsultavtal Cornerstone Indicators": ("Alla barn och unga lyckas", True),
    "Studentuppdrag: enkätanalys Skultuna": ("Alla barn och unga lyckas", True),
    "Ramavtal konferenslokaler och catering": ("Event och kommunikation", True),
    "Licens Samhällshubben": ("Övergripande processtöd", True),
    "Samarbetsavtal Physical literacy i Årby": ("Pilotprojekt och seed money", False),
    "Kommunikationsbyrå: film och webb": ("Event och kommunikation", False),
}
#: initiative → (budget line, budget in kr, source, decided by, days before today it was decided)
DECIDED: dict[str, tuple[str, int, enums.BudgetSource, enums.DecisionBody, int]] = {
    "Cornerstone Indicators": ("Alla barn och unga lyckas", 300_000, enums.BudgetSource.PILOT,
                               enums.DecisionBody.CORE_TEAM, 75),
    "Hälsofrämjande team (Levnadsberättelser)": ("Välmående självständiga äldre", 180_000,
                                                 enums.BudgetSource.ORDINARIE, enums.DecisionBody.PROCESSLEDARE, 150),
}


def mark_income(session: Session) -> int:
    """The payments of an överenskommelse om medel come in from a party: inbetalningar. Run before the
    attest step, which names deciders only for utbetalningar. Returns how many payments were marked."""
    marked = 0
    for contract in session.exec(select(Contract).where(Contract.kind == enums.ContractKind.OVERENSKOMMELSE)).all():
        for payment in contract.payments:
            payment.direction = enums.PaymentDirection.IN
            marked += 1
    return marked


def link(session: Session, today: date) -> None:
    """Charge the contracts to their budget lines, and give the two initiatives their decided budgets."""
    lines = {line.name: line.saved_id for line in session.exec(select(BudgetLine)).all()}
    for contract in session.exec(select(Contract)).all():
        if contract.title in CONTRACT_LINES:
            line, this_year = CONTRACT_LINES[contract.title]
            contract.budget_line_id = lines[line]
            contract.budget_year = today.year if this_year else None
    for initiative in session.exec(select(Initiative).where(Initiative.name.in_(list(DECIDED)))).all():
        line, kronor, source, body, days = DECIDED[initiative.name]
        initiative.budget_ore = kronor * 100
        initiative.budget_source = source
        initiative.pilot_ore = initiative.budget_ore if source is enums.BudgetSource.PILOT else 0
        initiative.decided_by, initiative.decision_body = body.label, body
        initiative.decided_on = today - timedelta(days=days)
        if body is not enums.DecisionBody.PROCESSLEDARE:  # a Core Team decision is registered (diariefört)
            initiative.decision_note = f"Beslut i {body.label} {initiative.decided_on.isoformat()}, Dnr MDU {today.year}/0412"
        initiative.budget_line_id, initiative.budget_year = lines[line], today.year
