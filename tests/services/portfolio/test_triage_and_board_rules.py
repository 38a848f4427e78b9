"""More portfolio rules on SQLite and PostgreSQL: the decision rule at 199 999 / 200 000 / 200 001 kr
in triage, board moves and the list's decision-level filter; every list filter; the links of an
initiative (events, contracts, organisations, contacts); bad input that the database would refuse."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from shk_tui.db.models import (
    Contact,
    Contract,
    Event,
    Initiative,
    InitiativePartner,
    Organisation,
    Participation,
)
from shk_tui.enums import BudgetSource, DecisionLevel, FocusArea, Function, InitiativeKind, Phase
from shk_tui.errors import ValidationError
from shk_tui.services.budget import applications, budget
from shk_tui.services.portfolio import initiatives, portfolio, triage
from shk_tui.services.portfolio.portfolio import Filters
from shk_tui.services.portfolio.triage import TriageDecision
from tests.helpers.portfolio_seed import add_contact, add_initiative

TODAY = date(2026, 11, 25)


@pytest.mark.parametrize(("kronor", "alone"), [(199_999, True), (200_000, True), (200_001, False)])
def test_triage_start_at_the_threshold(db, kronor, alone):
    """Up to and including 200 000 kr the processledare starts it alone; above, it is refused
    without a Core Team/styrelse decision with a date, and accepted with one."""
    proposal = add_initiative(db, "Förslag", phase=Phase.FORSLAG)
    start = TriageDecision(Phase.FAS_1, FocusArea.BARN, kronor * 100, BudgetSource.ORDINARIE)
    if alone:
        card = triage.triage(db, proposal, start, TODAY)
        assert card.phase is Phase.FAS_1 and card.decided_by == "Processledare"
        assert initiatives.get(db, proposal).values.decided_on == TODAY.isoformat()
        return
    with pytest.raises(ValidationError) as exc:
        triage.triage(db, proposal, start, TODAY)
    assert set(exc.value.errors) == {"decided_by", "decided_on"}
    assert "Core Team eller styrelse" in exc.value.errors["decided_by"]
    assert portfolio.card(db, proposal).phase is Phase.FORSLAG
    with pytest.raises(ValidationError):  # the processledare's own decision is not enough
        triage.triage(db, proposal, TriageDecision(Phase.FAS_1, FocusArea.BARN, kronor * 100,
                                                      BudgetSource.ORDINARIE, decided_by="Processledare",
                                                      decided_on=TODAY), TODAY)
    card = triage.triage(db, proposal, TriageDecision(Phase.FAS_1, FocusArea.BARN, kronor * 100,
                                                         BudgetSource.ORDINARIE, decided_by="Styrelse",
                                                         decided_on=date(2026, 11, 20)), TODAY)
    assert card.phase is Phase.FAS_1 and card.decided_by == "Styrelse"


@pytest.mark.parametrize(("kronor", "moves"), [(199_999, True), (200_000, True), (200_001, False)])
def test_board_start_at_the_threshold(db, kronor, moves):
    planned = add_initiative(db, "Planerat", phase=Phase.PLANERAS, budget_ore=kronor * 100,
                   budget_source=BudgetSource.ORDINARIE)
    if moves:
        assert portfolio.move_phase(db, planned, +1).phase is Phase.FAS_1
    else:
        with pytest.raises(ValidationError):
            portfolio.move_phase(db, planned, +1)
        assert portfolio.card(db, planned).phase is Phase.PLANERAS
    level = DecisionLevel.PROCESSLEDARE if moves else DecisionLevel.STYRELSE
    assert [c.id for c in portfolio.list_initiatives(db, Filters(decision_level=level)).cards] == [planned]


def test_triage_sets_focus_area_budget_and_source_on_the_way(db):
    proposal = add_initiative(db, "Blandat", phase=Phase.FORSLAG, focus_area=FocusArea.OVERGRIPANDE)
    with pytest.raises(ValidationError) as exc:
        triage.triage(db, proposal, TriageDecision(Phase.PLANERAS, FocusArea.ALDRE, 100_000_00,
                                                      BudgetSource.BLANDAD, pilot_ore=150_000_00), TODAY)
    assert "pilot" in exc.value.errors
    triage.triage(db, proposal, TriageDecision(Phase.PLANERAS, FocusArea.ALDRE, 100_000_00,
                                                  BudgetSource.BLANDAD, pilot_ore=40_000_00), TODAY)
    values = initiatives.get(db, proposal).values
    assert (values.phase, values.focus_area, values.budget, values.budget_source, values.pilot) == (
        "planeras", FocusArea.ALDRE.value, "100000", "blandad", "40000")
    paused = add_initiative(db, "Vilande", phase=Phase.FORSLAG)
    assert triage.triage(db, paused, TriageDecision(Phase.PAUSAD, FocusArea.BARN, 0, BudgetSource.INGEN),
                            TODAY).phase is Phase.PAUSAD
    with pytest.raises(ValidationError) as exc:  # triage cannot send a proposal to fas 2 or avslutad
        triage.triage(db, add_initiative(db, "Snabbt", phase=Phase.FORSLAG),
                         TriageDecision(Phase.FAS_2, FocusArea.BARN, 0, BudgetSource.INGEN), TODAY)
    assert "phase" in exc.value.errors


def test_every_list_filter(db):
    owner_id = add_contact(db, "Linnea", "Strand")
    forskning = add_initiative(db, "Forskningsprojekt", kind=InitiativeKind.FORSKNING, function=Function.SAMHALLSLABBET,
                     owner_id=owner_id, next_step="Skriv ansökan", focus_area=FocusArea.BARN, phase=Phase.FAS_1,
                     budget_ore=50_000_00, budget_source=BudgetSource.PILOT, pilot_ore=50_000_00)
    add_initiative(db, "Utbildningsinsats", kind=InitiativeKind.UTBILDNING, function=Function.SAMHALLSAKADEMIN,
         focus_area=FocusArea.ALDRE, context="Skultuna")
    add_initiative(db, "Innovation utan funktion")
    for filters, expected in [
        (Filters(kind=InitiativeKind.FORSKNING), ["Forskningsprojekt"]),
        (Filters(function=Function.SAMHALLSAKADEMIN), ["Utbildningsinsats"]),
        (Filters(owner_id=owner_id), ["Forskningsprojekt"]),
        (Filters(focus_area=FocusArea.ALDRE), ["Utbildningsinsats"]),
        (Filters(phase=Phase.FORSLAG), ["Innovation utan funktion", "Utbildningsinsats"]),
        (Filters(budget_source=BudgetSource.PILOT), ["Forskningsprojekt"]),
        (Filters(decision_level=DecisionLevel.STYRELSE), []),
        (Filters(text="skultuna"), ["Utbildningsinsats"]),  # context is searched
        (Filters(text="ANSÖKAN"), ["Forskningsprojekt"]),  # next step too, case folded
        (Filters(kind=InitiativeKind.FORSKNING, owner_id=owner_id + 1), []),
    ]:
        assert [c.name for c in portfolio.list_initiatives(db, filters).cards] == expected, filters
    card = portfolio.card(db, forskning)
    assert (card.owner, card.budget_text, card.budget_source, card.next_text) == (
        "Linnea Strand", "50 000 kr", BudgetSource.PILOT, "Skriv ansökan")


def test_links_events_contracts_organisations_and_contacts(db):
    with db.session() as s:
        mdu = Organisation(name="Mälardalens universitet")
        owner = Contact(first_name="Linnea", last_name="Strand")
        guest = Contact(first_name="Örjan", last_name="Åberg")
        responsible = Contact(first_name="Anna", last_name="Berg")
        s.add_all([mdu, owner, guest, responsible])
        s.flush()
        initiative = Initiative(name="Demokratisk infrastruktur", owner_id=owner.id)
        s.add(initiative)
        s.flush()
        iid = initiative.id
        s.add(InitiativePartner(initiative_id=iid, organisation_id=mdu.id))
        lab = Event(title="Labb 1", starts_at=datetime(2026, 3, 4, 9), initiative_id=iid)
        s.add(lab)
        s.add(Contract(title="Forskningsavtal MDU", counterparty_id=mdu.id, responsible_id=responsible.id,
                       initiative_id=iid))
        s.flush()
        s.add(Participation(event_id=lab.id, contact_id=guest.id))
    links = {(link.kind, link.text) for link in initiatives.get(db, iid).links}
    assert ("evenemang", "2026-03-04 Labb 1") in links
    assert ("avtal", "Forskningsavtal MDU (Utkast)") in links
    assert ("organisation", "Mälardalens universitet") in links
    assert ("kontakt", "Linnea Strand (ägare)") in links
    assert ("kontakt", "Örjan Åberg (1 evenemang)") in links
    assert ("kontakt", "Anna Berg (ansvarig för avtal)") in links


def test_bad_input_is_refused_before_the_database(db):
    """Lengths the database enforces (PostgreSQL) and numbers it cannot hold become Swedish field
    errors instead of driver errors."""
    iid = add_initiative(db, "Med mått")
    with pytest.raises(ValidationError) as exc:
        initiatives.save(db, initiatives.InitiativeInput(name="X", societal_goal="m" * 201))
    assert "societal_goal" in exc.value.errors
    with pytest.raises(ValidationError) as exc:
        initiatives.save(db, initiatives.InitiativeInput(name="X", budget="99999999999999999999",
                                                         budget_source="ordinarie"))
    assert "budget" in exc.value.errors
    with pytest.raises(ValidationError) as exc:
        initiatives.add_indicator(db, iid, "n" * 201, "inf", "u" * 41)
    assert set(exc.value.errors) == {"name", "target", "unit"}
    ind = initiatives.add_indicator(db, iid, "Deltagare", "20", "personer")
    with pytest.raises(ValidationError) as exc:
        initiatives.measure(db, ind, "nan", "", TODAY)
    assert "current" in exc.value.errors
    with pytest.raises(ValidationError) as exc:
        budget.add_line(db, "b" * 201, "g" * 101)
    assert set(exc.value.errors) == {"name", "group"}
    line = budget.add_line(db, "Kommunikation", "verksamhet")
    with pytest.raises(ValidationError) as exc:
        budget.set_figure(db, line, 2026, "budget", "99999999999999999999")
    assert "amount" in exc.value.errors
    with pytest.raises(ValidationError) as exc:
        applications.save(db, applications.ApplicationInput(title="Ansökan", funder="f" * 201,
                                                            amount="99999999999999999999"))
    assert set(exc.value.errors) == {"funder", "amount"}
    with pytest.raises(ValidationError) as exc:
        triage.triage(db, add_initiative(db, "Stort", phase=Phase.FORSLAG),
                         TriageDecision(Phase.UTFORSKAS, FocusArea.BARN, 10**20, BudgetSource.ORDINARIE), TODAY)
    assert "budget" in exc.value.errors


def test_owner_choices_keep_the_current_owner_and_the_filter_lists_owners(db):
    with db.session() as s:
        people = [Contact(first_name=first, last_name="Ek") for first in ("Åsa", "Anna", "Örjan", "Bo")]
        s.add_all(people)
        s.flush()
        asa, anna, orjan, bo = (p.id for p in people)
    add_initiative(db, "Ett", owner_id=orjan)
    add_initiative(db, "Två", owner_id=asa)
    add_initiative(db, "Tre", owner_id=asa)
    assert initiatives.owner_choices(db) == [("Anna Ek", anna), ("Bo Ek", bo), ("Åsa Ek", asa), ("Örjan Ek", orjan)]
    # a long contact list is cut, but an initiative's own owner is always offered (or saving drops it)
    assert initiatives.owner_choices(db, limit=2, include=orjan) == [("Anna Ek", anna), ("Bo Ek", bo),
                                                                     ("Örjan Ek", orjan)]
    assert initiatives.initiative_owners(db) == [("Åsa Ek", asa), ("Örjan Ek", orjan)]
