"""Attest (one person deciding and attesting a payment) and the decision mandate (an initiative's decided
spending past 200 000 kr without a Core Team or board decision), on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

from shk_tui.db.models import Contract, Initiative, Organisation, Payment
from shk_tui.enums import ContractStatus, DecisionBody, PaymentDirection, Phase
from shk_tui.services import attention
from shk_tui.services.contracts import attest
from shk_tui.services.portfolio import portfolio

TODAY = date(2026, 12, 2)


def test_the_mandate_is_the_portfolio_decision_threshold():
    assert attest.DECISION_THRESHOLD_ORE == portfolio.DECISION_THRESHOLD_ORE == 200_000_00


def test_same_person_ignores_case_and_spaces():
    assert attest.same_person("Anna Berg", " anna  berg")
    assert attest.same_person("Anna Berg", "AnnaBerg")
    assert not attest.same_person("Anna Berg", "Anna Bergström")
    assert not attest.same_person("", "") and not attest.same_person(None, "Anna")


def _contract(s, title: str, initiative_id: int | None = None, status=ContractStatus.AKTIVT) -> Contract:
    org = Organisation(name=f"Org {title}")
    s.add(org)
    s.flush()
    c = Contract(title=title, counterparty_id=org.id, initiative_id=initiative_id, status=status)
    s.add(c)
    return c


def test_one_person_in_both_roles_is_flagged(db):
    with db.session() as s:
        c = _contract(s, "Konsultavtal")
        c.payments += [
            Payment(due_on=date(2026, 11, 1), amount_ore=50_000_00, decided_by="Anna Berg", attested_by="anna berg"),
            Payment(due_on=date(2026, 11, 2), amount_ore=60_000_00, decided_by="Anna Berg", attested_by="Per Ek"),
            Payment(due_on=date(2026, 11, 3), amount_ore=70_000_00, decided_by="Anna Berg"),
            # paid long ago: not on the dashboard any more
            Payment(due_on=date(2024, 1, 3), amount_ore=70_000_00, paid_amount_ore=70_000_00,
                    paid_on=date(2024, 1, 3), decided_by="Per Ek", attested_by="Per Ek"),
        ]
        s.flush()
        first, cid = c.payments[0].id, c.id
    found = attest.attest_conflicts(db, TODAY)
    assert [(f.payment_id, f.contract_id, f.person, f.amount_ore) for f in found] == [(first, cid, "Anna Berg",
                                                                                        50_000_00)]
    items = [i for i in attention.collect(db, TODAY) if i.category == attest.SAME_PERSON]
    assert [(i.section, i.target_id, i.when) for i in items] == [("avtal", cid, date(2026, 11, 1))]
    assert items[0].text == "Konsultavtal: 50 000 kr 2026-11-01 beslutad och attesterad av Anna Berg"


def test_spending_past_200000_in_steps_without_a_high_decision_is_flagged(db):
    with db.session() as s:
        def initiative(name: str, budget: int, phase=Phase.FAS_1, body=None, decided_by=None) -> Initiative:
            i = Initiative(name=name, budget_ore=budget, phase=phase, decision_body=body, decided_by=decided_by)
            s.add(i)
            s.flush()
            return i

        steps = initiative("I steg", 150_000_00)  # started within the mandate ...
        for title, kr in (("Steg 1", 120_000), ("Steg 2", 100_000)):  # ... then two contracts pass it
            _contract(s, title, steps.id).payments.append(Payment(due_on=date(2026, 5, 1), amount_ore=kr * 100))
        raised = initiative("Höjd budget", 250_000_00, body=DecisionBody.PROCESSLEDARE)
        board = initiative("Styrelsebeslut", 900_000_00, body=DecisionBody.STYRELSE)
        core = initiative("Äldre beslut", 900_000_00, decided_by="Core Team")
        exactly = initiative("Precis", 200_000_00)
        planned = initiative("Planeras", 900_000_00, phase=Phase.PLANERAS)  # budget not yet decided spending
        proposal = initiative("Förslag", 900_000_00, phase=Phase.FORSLAG)  # triage asks for it
        income = initiative("Intäkter", 0)
        c = _contract(s, "Överenskommelse", income.id)
        c.payments.append(Payment(due_on=date(2026, 5, 1), amount_ore=900_000_00, direction=PaymentDirection.IN))
        draft = initiative("Utkast", 0)
        _contract(s, "Utkastet", draft.id, ContractStatus.UTKAST).payments.append(
            Payment(due_on=date(2026, 5, 1), amount_ore=900_000_00))
        ids = {i.name: i.id for i in (steps, raised, board, core, exactly, planned, proposal, income, draft)}
    found = {m.name: m for m in attest.missing_decisions(db)}
    assert set(found) == {"I steg", "Höjd budget"}
    assert (found["I steg"].spending_ore, found["I steg"].paid_out_ore) == (220_000_00, 220_000_00)
    assert found["Höjd budget"].spending_ore == 250_000_00
    items = [i for i in attention.collect(db, TODAY) if i.category == attest.NO_DECISION]
    assert sorted((i.section, i.target_id) for i in items) == sorted(
        [("portfolj", ids["I steg"]), ("portfolj", ids["Höjd budget"])])
    assert "I steg: beslutade utgifter 220 000 kr över 200 000 kr utan beslut av Core Team eller styrelse" in \
        [i.text for i in items]
