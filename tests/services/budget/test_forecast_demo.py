"""The forecast on the example data, on SQLite and PostgreSQL: the board's figures (2022's forecast is its
outcome 8 242 920 kr; the capital carried into 2023 is 7 007 080 kr; the budget still 33 350 000 kr),
and this year's links (the överenskommelser are income, contracts and decided initiatives bind money,
a line over budget)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select

from shk_tui.db.models import Contract, Initiative, Payment
from shk_tui.enums import ContractKind, DecisionBody, PaymentDirection
from shk_tui.services.budget import budget, forecast
from shk_tui.services.demo import seed as demo

TODAY = date(2026, 11, 25)
KR = 100


@pytest.fixture
def demo_data(db):
    demo.load(db, today=TODAY)
    return db


def test_the_board_figures(demo_data):
    y2022 = forecast.year_forecast(demo_data, 2022, TODAY)
    assert y2022.closed
    assert y2022.total.forecast_ore == y2022.total.outcome_ore == 8_242_920 * KR
    assert y2022.total.budget_ore == 15_250_000 * KR
    y2023 = forecast.year_forecast(demo_data, 2023, TODAY)
    assert y2023.capital.total_ore == 7_007_080 * KR and y2023.capital.span == "2022"  # "sju miljoner"
    assert y2022.total.budget_ore + y2023.total.budget_ore == 33_350_000 * KR
    assert y2023.total.forecast_ore == y2023.total.outcome_ore  # closed now
    # carried into this year: the unspent budget of both closed years, as Budget's Kvar shows them
    kvar = budget.table(demo_data).total.cells
    now = forecast.year_forecast(demo_data, TODAY.year, TODAY).capital
    assert now.total_ore == kvar[2022].remaining_ore + kvar[2023].remaining_ore and now.span == "2022–2023"


def test_this_years_links(demo_data):
    year = forecast.year_forecast(demo_data, TODAY.year, TODAY)
    assert not year.closed
    assert year.line("Följeforskning").committed_ore == 550_000 * KR  # the research contract's 2nd instalment
    over = [r.label for r in year.lines if r.over_budget]
    assert "Följeforskning" in over and "Alla barn och unga lyckas" in over
    # the parties' överenskommelser are income: nothing bound on their line, the unpaid instalments beside
    general = year.line("Övergripande processtöd")
    assert general.committed_ore == 0 and general.income_ore > 0
    with demo_data.read() as s:
        incoming = s.exec(select(Payment).join(Contract).where(Contract.kind == ContractKind.OVERENSKOMMELSE)).all()
        assert incoming and {p.direction for p in incoming} == {PaymentDirection.IN}
        assert all(p.decided_by is None and p.attested_by is None for p in incoming)
        decided = s.exec(select(Initiative).where(Initiative.budget_line_id.is_not(None))).all()
    assert {i.name: i.decision_body for i in decided} == {
        "Cornerstone Indicators": DecisionBody.CORE_TEAM,
        "Hälsofrämjande team (Levnadsberättelser)": DecisionBody.PROCESSLEDARE,
    }
    # Cornerstone: 300 000 decided, its consultancy paid 120 000 and binds 120 000 → 60 000 left
    children = year.line("Alla barn och unga lyckas")
    assert children.initiatives_ore == 60_000 * KR
    assert year.line("Välmående självständiga äldre").initiatives_ore == 180_000 * KR
    assert year.total.forecast_ore == sum(r.forecast_ore for r in year.lines)
