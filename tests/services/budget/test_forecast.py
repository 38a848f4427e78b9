"""The forecast on a constructed case, term by term (outcome, committed, decided initiatives, adjustment),
a closed year, inbetalningar, archived/unsigned contracts, accumulated capital; setting an adjustment
(reason required, closed year refused, stale, audited); on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select

from shk_tui.db.models import AuditEntry, BudgetLine, BudgetYear, Contract, Initiative, Organisation, Payment
from shk_tui.enums import ContractStatus, PaymentDirection, Phase
from shk_tui.errors import StaleEdit, ValidationError
from shk_tui.services.budget import budget, forecast

TODAY = date(2026, 6, 15)
KR = 100
ACTIVE = ContractStatus.AKTIVT


def pay(kr: int, due: date, paid_kr: int | None = None, direction=PaymentDirection.UT) -> Payment:
    return Payment(due_on=due, amount_ore=kr * KR, paid_amount_ore=None if paid_kr is None else paid_kr * KR,
                   paid_on=due if paid_kr else None, direction=direction)


@pytest.fixture
def case(db):
    """Two lines: Processtöd (2025 closed, 2026 with an adjustment) and Pilot (2026, over budget)."""
    with db.session() as s:
        org = Organisation(name="Leverantör AB")
        a = BudgetLine(name="Processtöd", group="verksamhet", position=0)
        b = BudgetLine(name="Pilot", group="pilot", position=1)
        s.add_all([org, a, b])
        s.flush()
        a.years.append(BudgetYear(year=2025, budget_ore=1_000_000 * KR, outcome_ore=900_000 * KR))
        a.years.append(BudgetYear(year=2026, budget_ore=500_000 * KR, outcome_ore=100_000 * KR,
                                  adjustment_ore=20_000 * KR, adjustment_reason="Konferens i höst"))
        b.years.append(BudgetYear(year=2026, budget_ore=100_000 * KR))

        def contract(title, status, line, year, *payments, archived=None, initiative=None):
            c = Contract(title=title, status=status, counterparty_id=org.id, budget_line_id=line.id,
                         budget_year=year, archived_on=archived, initiative_id=initiative)
            c.payments.extend(payments)
            s.add(c)
            return c

        d = date(2026, 3, 1)
        contract("Aktivt", ACTIVE, a, 2026, pay(50_000, d, 50_000), pay(80_000, d), pay(30_000, d, 10_000),
                 pay(200_000, d, direction=PaymentDirection.IN))
        contract("Arkiverat", ACTIVE, a, 2026, pay(70_000, d), archived=date(2026, 5, 1))
        contract("Under signering", ContractStatus.UNDER_SIGNERING, a, 2026, pay(40_000, d))
        contract("Avslutat", ContractStatus.AVSLUTAT, a, 2026, pay(15_000, d))
        contract("Förra året", ACTIVE, a, 2025, pay(10_000, date(2025, 6, 1)))

        def initiative(name, phase, kr, line, decided=None):
            i = Initiative(name=name, phase=phase, budget_ore=kr * KR, budget_line_id=line.id if line else None,
                           budget_year=2026 if line else None, decided_on=decided)
            s.add(i)
            s.flush()
            return i.id

        started = initiative("Startat", Phase.FAS_1, 150_000, b)
        initiative("Förslag", Phase.FORSLAG, 90_000, b)  # not decided: nothing
        initiative("Beslutat", Phase.PLANERAS, 30_000, a, decided=date(2026, 2, 1))
        initiative("Avslutat", Phase.AVSLUTAD, 50_000, a, decided=date(2026, 2, 1))  # ended: nothing
        overspent = initiative("Överskridet", Phase.FAS_2, 10_000, a)
        # a line without a year: each payment in the year it falls due; the initiative's spending
        contract("Utan år", ACTIVE, b, None, pay(60_000, date(2026, 9, 1)), pay(25_000, date(2027, 2, 1)),
                 initiative=started)
        c = contract("Ingen rad", ACTIVE, a, None, pay(15_000, d, 15_000), initiative=overspent)
        c.budget_line_id = None
    return db


def test_each_term_of_the_forecast(case):
    year = forecast.year_forecast(case, 2026, TODAY)
    a, b = year.line("Processtöd"), year.line("Pilot")
    assert not year.closed
    assert (a.budget_ore, a.outcome_ore) == (500_000 * KR, 100_000 * KR)
    # unpaid UT of the active, unarchived contract only: 80 000 + the rest 20 000 of the part-paid one
    assert a.committed_ore == 100_000 * KR
    assert a.income_ore == 200_000 * KR  # the inbetalning is income: it reduces nothing
    assert a.initiatives_ore == 30_000 * KR  # decided (planeras with a date); the overspent one gives 0
    assert (a.adjustment_ore, a.adjustment_reason) == (20_000 * KR, "Konferens i höst")
    assert a.forecast_ore == (100_000 + 100_000 + 30_000 + 20_000) * KR
    assert a.deviation_ore == -250_000 * KR and not a.over_budget
    # 150 000 decided, less 85 000 its contract pays out and binds (60 000 this year, 25 000 next)
    assert (b.committed_ore, b.initiatives_ore) == (60_000 * KR, 65_000 * KR)
    assert b.forecast_ore == 125_000 * KR and b.deviation_ore == 25_000 * KR and b.over_budget
    assert forecast.year_forecast(case, 2027, TODAY).line("Pilot").committed_ore == 25_000 * KR
    total = year.total
    assert (total.kind, total.label) == ("total", "TOTALT")
    assert total.budget_ore == 600_000 * KR and total.committed_ore == 160_000 * KR
    assert total.forecast_ore == a.forecast_ore + b.forecast_ore
    assert [r.label for r in year.rows] == ["Processtöd", "Summa verksamhet", "Pilot", "Summa pilotprojekt", "TOTALT"]


def test_a_closed_year_forecasts_its_outcome_and_counts_as_capital(case):
    closed = forecast.year_forecast(case, 2025, TODAY)
    line = closed.line("Processtöd")
    assert closed.closed and line.closed
    assert line.committed_ore == 0 and line.initiatives_ore == 0  # its active contract binds nothing more
    assert line.forecast_ore == line.outcome_ore == 900_000 * KR
    assert line.deviation_ore == -100_000 * KR
    capital = forecast.year_forecast(case, 2026, TODAY).capital
    assert capital.years == ((2025, 100_000 * KR),) and capital.total_ore == 100_000 * KR
    assert capital.span == "2025"
    assert forecast.accumulated_capital(case, TODAY, before=2025).total_ore == 0
    # a year later 2026 is closed too: its forecast is its outcome, its unspent budget is capital
    later = date(2027, 1, 10)
    assert forecast.year_forecast(case, 2026, later).line("Processtöd").forecast_ore == 100_000 * KR
    assert forecast.accumulated_capital(case, later).total_ore == (100_000 + 400_000 + 100_000) * KR
    assert forecast.years(case, TODAY) == [2025, 2026]


def test_setting_an_adjustment_needs_a_reason_and_is_audited(case):
    line_id = forecast.year_forecast(case, 2026, TODAY).line("Pilot").line_id
    cell = forecast.line_forecasts(case, [2026], TODAY)[(line_id, 2026)]
    with pytest.raises(ValidationError) as exc:
        budget.set_adjustment(case, line_id, 2026, "−40 000", "  ", today=TODAY, expected_version=cell.version)
    assert exc.value.errors == {"reason": "Ange skälet till justeringen"}
    with pytest.raises(ValidationError) as exc:
        budget.set_adjustment(case, line_id, 2025, "1 000", "Sent", today=TODAY)
    assert "avslutat" in exc.value.errors["year"]
    with pytest.raises(ValidationError) as exc:
        budget.set_adjustment(case, line_id, 2026, "mycket", "Skäl", today=TODAY)
    assert "amount" in exc.value.errors
    budget.set_adjustment(case, line_id, 2026, "−40 000", " Avbokad  resa ", today=TODAY, expected_version=cell.version)
    after = forecast.year_forecast(case, 2026, TODAY).line("Pilot")
    assert (after.adjustment_ore, after.adjustment_reason) == (-40_000 * KR, "Avbokad resa")
    assert after.forecast_ore == (60_000 + 65_000 - 40_000) * KR
    with pytest.raises(StaleEdit):  # opened before the change above
        budget.set_adjustment(case, line_id, 2026, "5 000", "Annat", today=TODAY, expected_version=cell.version)
    with case.read() as s:
        row = s.exec(select(BudgetYear).where(BudgetYear.line_id == line_id, BudgetYear.year == 2026)).one()
        entries = s.exec(select(AuditEntry).where(AuditEntry.table_name == "budget_year",
                                                  AuditEntry.row_id == row.id)).all()
    assert any((e.changes or {}).get("adjustment_reason") == [None, "Avbokad resa"] for e in entries)
    budget.set_adjustment(case, line_id, 2026, "", "", today=TODAY, expected_version=after.version)
    cleared = forecast.year_forecast(case, 2026, TODAY).line("Pilot")
    assert (cleared.adjustment_ore, cleared.adjustment_reason) == (None, None)
    # a year without a row gets one
    budget.set_adjustment(case, line_id, 2027, "12 000", "Ny plan", today=TODAY, expected_version=0)
    assert forecast.year_forecast(case, 2027, TODAY).line("Pilot").forecast_ore == (25_000 + 12_000) * KR
