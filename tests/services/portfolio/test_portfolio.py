"""Portfolio rules and queries on SQLite and PostgreSQL: the decision rule at 199 999 / 200 000 /
200 001 kr, phase moves with audit, triage, filters, the initiative form and indicators."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select

from shk_tui.db.models import AuditEntry
from shk_tui.enums import BudgetSource, DecisionLevel, FocusArea, Phase
from shk_tui.errors import ValidationError
from shk_tui.services.portfolio import initiatives, portfolio, portfolio_attention, triage
from shk_tui.services.portfolio.portfolio import Filters
from shk_tui.services.portfolio.triage import TriageDecision
from tests.helpers.portfolio_seed import add_contact, add_initiative

TODAY = date(2026, 11, 25)


@pytest.mark.parametrize(("kronor", "level"), [
    (199_999, DecisionLevel.PROCESSLEDARE),
    (200_000, DecisionLevel.PROCESSLEDARE),
    (200_001, DecisionLevel.STYRELSE),
    (0, DecisionLevel.PROCESSLEDARE),
])
def test_decision_level_threshold(kronor, level):
    assert portfolio.decision_level(kronor * 100) is level


def test_decision_rule_errors():
    assert portfolio.decision_errors(Phase.FAS_1, 200_000_00, None, None) == {}
    errors = portfolio.decision_errors(Phase.FAS_1, 200_001_00, "Processledare", date(2026, 1, 1))
    assert set(errors) == {"decided_by"}
    assert set(portfolio.decision_errors(Phase.FAS_1, 200_001_00, "Core Team", None)) == {"decided_on"}
    assert portfolio.decision_errors(Phase.FAS_2, 288_000_00, "styrelse", date(2026, 1, 1)) == {}
    # exploring or planning is not starting: no decision needed yet
    assert portfolio.decision_errors(Phase.UTFORSKAS, 288_000_00, None, None) == {}


def test_budget_parts():
    assert portfolio.ordinary_ore(BudgetSource.BLANDAD, 240_000_00, 152_000_00) == 88_000_00
    assert portfolio.pilot_part_ore(BudgetSource.BLANDAD, 240_000_00, 152_000_00) == 152_000_00
    assert portfolio.ordinary_ore(BudgetSource.ORDINARIE, 100, 0) == 100
    assert portfolio.pilot_part_ore(BudgetSource.PILOT, 100, 0) == 100
    assert portfolio.ordinary_ore(BudgetSource.EXTERN, 100, 0) == 0
    assert portfolio.pilot_part_ore(BudgetSource.INGEN, 100, 0) == 0


def test_move_phase_records_audit_and_enforces_rule(db):
    small = add_initiative(db, "Liten", phase=Phase.PLANERAS, budget_ore=200_000_00, budget_source=BudgetSource.ORDINARIE)
    big = add_initiative(db, "Stor", phase=Phase.PLANERAS, budget_ore=200_001_00, budget_source=BudgetSource.PILOT,
               pilot_ore=200_001_00)
    moved = portfolio.move_phase(db, small, +1)
    assert moved.phase is Phase.FAS_1
    assert portfolio.move_phase(db, small, -1).phase is Phase.PLANERAS
    with pytest.raises(ValidationError) as exc:
        portfolio.move_phase(db, big, +1)
    assert "Core Team" in exc.value.errors["decided_by"]
    assert portfolio.card(db, big).phase is Phase.PLANERAS
    with db.session() as s:
        entries = s.exec(select(AuditEntry).where(AuditEntry.table_name == "initiative",
                                                  AuditEntry.row_id == small, AuditEntry.action == "update")).all()
        assert [e.changes["phase"] for e in entries] == [["planeras", "fas 1"], ["fas 1", "planeras"]]
        assert all(e.at.date() for e in entries)
    history = initiatives.get(db, small).history
    assert [(h[1], h[2]) for h in history] == [("", "Planeras"), ("Planeras", "Fas 1"), ("Fas 1", "Planeras")]
    first = add_initiative(db, "Först", phase=Phase.FORSLAG)
    with pytest.raises(ValidationError):
        portfolio.move_phase(db, first, -1)


def test_board_and_list_filters(db):
    add_initiative(db, "Östra labbet", focus_area=FocusArea.ALDRE, phase=Phase.FAS_1, budget_ore=300_000_00,
         budget_source=BudgetSource.PILOT, pilot_ore=300_000_00)
    add_initiative(db, "Ängsgärdet", focus_area=FocusArea.ALDRE, phase=Phase.PAUSAD)
    add_initiative(db, "Alla barn", focus_area=FocusArea.BARN, phase=Phase.AVSLAGEN, budget_ore=50_000_00,
         budget_source=BudgetSource.ORDINARIE)
    board = portfolio.board(db, FocusArea.ALDRE)
    assert [c.name for c in board.columns[Phase.FAS_1]] == ["Östra labbet"]
    assert [c.name for c in board.columns[Phase.PAUSAD]] == ["Ängsgärdet"]
    everything = portfolio.board(db)
    assert [c.name for c in everything.columns[Phase.PAUSAD]] == ["Alla barn", "Ängsgärdet"]
    names = [c.name for c in portfolio.list_initiatives(db).cards]
    assert names == ["Alla barn", "Ängsgärdet", "Östra labbet"]  # Swedish order: Ä before Ö
    assert portfolio.list_initiatives(db, Filters(decision_level=DecisionLevel.STYRELSE)).total == 1
    assert [c.name for c in portfolio.list_initiatives(db, Filters(text="LABB")).cards] == ["Östra labbet"]
    assert portfolio.list_initiatives(db, Filters(budget_source=BudgetSource.ORDINARIE)).total == 1
    assert portfolio.list_initiatives(db, Filters(focus_area=FocusArea.ALDRE, phase=Phase.PAUSAD)).total == 1


def test_triage_rules(db):
    a = add_initiative(db, "A", phase=Phase.FORSLAG)
    b = add_initiative(db, "B", phase=Phase.FORSLAG)
    c = add_initiative(db, "C", phase=Phase.FORSLAG)
    assert [p.name for p in triage.triage_queue(db)] == ["A", "B", "C"]
    big = TriageDecision(Phase.FAS_1, FocusArea.BARN, 288_000_00, BudgetSource.PILOT)
    with pytest.raises(ValidationError) as exc:
        triage.triage(db, a, big, TODAY)
    assert {"decided_by", "decided_on"} <= set(exc.value.errors)
    card = triage.triage(db, a, TriageDecision(Phase.FAS_1, FocusArea.BARN, 288_000_00, BudgetSource.PILOT,
                                                  decided_by="Core Team", decided_on=date(2026, 11, 20)), TODAY)
    assert card.phase is Phase.FAS_1 and card.decided_by == "Core Team"
    small = triage.triage(db, b, TriageDecision(Phase.FAS_1, FocusArea.ALDRE, 200_000_00,
                                                   BudgetSource.ORDINARIE), TODAY)
    assert small.decided_by == "Processledare"
    with pytest.raises(ValidationError) as exc:
        triage.triage(db, c, TriageDecision(Phase.AVSLAGEN, FocusArea.BARN, 0, BudgetSource.INGEN), TODAY)
    assert "reason" in exc.value.errors
    triage.triage(db, c, TriageDecision(Phase.AVSLAGEN, FocusArea.BARN, 0, BudgetSource.INGEN,
                                           reason="Ryms inte i året"), TODAY)
    detail = initiatives.get(db, c)
    assert detail.values.phase == "avslagen" and "Ryms inte i året" in detail.values.decision_note
    assert triage.triage_queue(db) == []
    with pytest.raises(ValidationError):  # already triaged
        triage.triage(db, c, TriageDecision(Phase.UTFORSKAS, FocusArea.BARN, 0, BudgetSource.INGEN), TODAY)


def test_form_validation_and_save(db):
    with pytest.raises(ValidationError) as exc:
        initiatives.save(db, initiatives.InitiativeInput(name="", budget="12x", starts_on="2026-13-01"))
    assert {"name", "budget", "starts_on"} <= set(exc.value.errors)
    data = initiatives.InitiativeInput(name="Nytt", phase="fas 1", budget="250 000", budget_source="blandad",
                                       pilot="100 000", focus_area="barn")
    with pytest.raises(ValidationError) as exc:
        initiatives.save(db, data)
    assert "decided_by" in exc.value.errors
    data.decided_by, data.decided_on = "Styrelse", "2026-11-01"
    iid = initiatives.save(db, data)
    detail = initiatives.get(db, iid)
    assert detail.values.budget == "250000" and detail.values.pilot == "100000"
    data.pilot = "300 000"
    with pytest.raises(ValidationError) as exc:
        initiatives.save(db, data, iid)
    assert "pilot" in exc.value.errors


def test_indicators_and_links(db):
    owner_id = add_contact(db, "Linnea", "Strand")
    iid = add_initiative(db, "Med mått", owner_id=owner_id)
    ind = initiatives.add_indicator(db, iid, "Deltagare", "20", "personer")
    with pytest.raises(ValidationError):
        initiatives.measure(db, ind, "många", "", TODAY)
    row = initiatives.measure(db, ind, "12,5", "", TODAY)
    assert row.current == 12.5 and row.measured_on == TODAY
    detail = initiatives.get(db, iid)
    assert [(i.name, i.target, i.current) for i in detail.indicators] == [("Deltagare", 20.0, 12.5)]
    assert any(link.kind == "kontakt" and "Linnea Strand" in link.text for link in detail.links)


def test_attention_items(db):
    waiting = add_initiative(db, "Väntar", phase=Phase.FORSLAG, budget_ore=288_000_00, budget_source=BudgetSource.PILOT,
                   pilot_ore=288_000_00)
    late = add_initiative(db, "Sen", phase=Phase.FAS_1, next_step="Ring", next_step_on=date(2026, 11, 20))
    add_initiative(db, "Klar", phase=Phase.AVSLUTAD, next_step="Gammalt", next_step_on=date(2026, 1, 1))
    items = portfolio_attention.attention_items(db, TODAY)
    triage = [i for i in items if i.category == "Förslag att triagera"]
    assert len(triage) == 1 and triage[0].text.startswith("1 förslag väntar") and "Core Team" in triage[0].text
    assert triage[0].target_id == waiting and triage[0].section == "portfolj"
    overdue = [i for i in items if i.category == "Initiativ med passerat nästa steg"]
    assert [(i.target_id, i.when) for i in overdue] == [(late, date(2026, 11, 20))]


def test_card_lines_fit_a_narrow_column():
    from shk_tui.enums import FocusArea, InitiativeKind
    from shk_tui.ui.widgets.kanban import CARD_HEIGHT, card_lines

    card = portfolio.Card(
        id=1, name="Samverkansmöjligheter för fler i förskolan", focus_area=FocusArea.BARN, phase=Phase.PAUSAD,
        kind=InitiativeKind.INNOVATION, function=None, budget_ore=288_000_00, budget_source=BudgetSource.PILOT,
        owner="Jonas Hedlund", next_step="Triagering i Core Team", next_step_on=date(2026, 12, 2), decided_by="",
    )
    lines = card_lines(card, 15)
    assert len(lines) == CARD_HEIGHT - 1 and all(len(line) <= 15 for line in lines)
    assert lines[0].startswith("Samverkans") and lines[1].endswith("…")
    assert lines[2].startswith("Pausad") and lines[3] == "Jonas Hedlund" and lines[4].startswith("→ 2026-12-02")
    wide = card_lines(card, 60)
    assert wide[0] == "Samverkansmöjligheter för fler i förskolan"
    assert wide[2] == "Pausad · 288 000 pilot"
