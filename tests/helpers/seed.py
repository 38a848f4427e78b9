"""A handful of rows in every section's table, written directly (independent of the example data)."""

from __future__ import annotations

from datetime import date, datetime

from shk_tui.db.models import (
    BudgetLine,
    BudgetYear,
    Contact,
    Contract,
    Event,
    Initiative,
    Organisation,
    Participation,
    Payment,
    Tag,
)
from shk_tui.enums import (
    BudgetSource,
    ContractKind,
    ContractStatus,
    EventKind,
    FocusArea,
    ParticipationStatus,
    Phase,
)


def seed(db) -> None:
    with db.session() as s:
        mdu = Organisation(name="Mälardalens universitet", short_name="MDU")
        vst = Organisation(name="Västerås stad")
        s.add_all([mdu, vst])
        s.flush()
        anna = Contact(
            first_name="Anna", last_name="Andersson", email="anna@example.se", organisation_id=mdu.id
        )
        orjan = Contact(first_name="Örjan", last_name="Östlund", title="Forskare", organisation_id=vst.id)
        zlatan = Contact(first_name="Zlatan", last_name="Zetterberg")
        anna.tags = [Tag(name="styrelse"), Tag(name="forskare")]
        s.add_all([anna, orjan, zlatan])
        s.add_all(
            [
                Initiative(
                    name="Samverkansmöjligheter för fler i förskolan",
                    focus_area=FocusArea.BARN,
                    phase=Phase.FAS_1,
                    budget_ore=300_000_00,
                    budget_source=BudgetSource.ORDINARIE,
                ),
                Initiative(name="Äldres digitala vardag", focus_area=FocusArea.ALDRE, budget_ore=50_000_00),
            ]
        )
        board = Event(
            title="Styrelsemöte", kind=EventKind.STYRELSEMOTE, starts_at=datetime(2026, 12, 3, 9), capacity=12
        )
        past = Event(title="Samhällsforum 2025", kind=EventKind.FORUM, starts_at=datetime(2025, 5, 20, 13))
        later = Event(title="Labb om äldres hälsa", kind=EventKind.LABB, starts_at=datetime(2027, 2, 1, 9))
        s.add_all([board, past, later])
        s.flush()
        s.add(Participation(event_id=board.id, contact_id=anna.id, status=ParticipationStatus.ANMALD))
        s.add(Participation(event_id=board.id, contact_id=orjan.id, status=ParticipationStatus.INBJUDEN))
        contract = Contract(
            title="Samarbetsavtal MDU",
            kind=ContractKind.SAMARBETSAVTAL,
            counterparty_id=mdu.id,
            diarienummer="MDU 2024/123",
            starts_on=date(2024, 1, 1),
            ends_on=date(2027, 12, 31),
            amount_ore=1_272_000_00,
            status=ContractStatus.AKTIVT,
        )
        s.add(contract)
        s.flush()
        s.add(Payment(contract_id=contract.id, due_on=date(2026, 6, 30), amount_ore=100_000_00))
        line = BudgetLine(name="Följeforskning", group="verksamhet")
        s.add(line)
        s.flush()
        s.add(BudgetYear(line_id=line.id, year=2025, budget_ore=1_500_000_00, outcome_ore=1_200_000_00))
