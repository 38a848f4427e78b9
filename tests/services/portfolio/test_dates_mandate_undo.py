"""On SQLite and PostgreSQL: the example data's proposals came in over the past weeks (not all today);
the decision rule in plain words (the processledare's own mandate); undoing a board move
(restore_phase), refused when the initiative changed since."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from shk_tui.enums import BudgetSource, Phase
from shk_tui.errors import StaleEdit
from shk_tui.services.demo import seed as demo
from shk_tui.services.portfolio import portfolio, triage
from shk_tui.services.portfolio.portfolio import mandate_text
from tests.helpers.portfolio_seed import add_initiative

TODAY = date(2026, 11, 25)


def test_example_proposals_came_in_over_the_past_weeks(db):
    demo.load(db, today=TODAY)
    queue = triage.triage_queue(db)
    dates = [p.created_on for p in queue]
    assert len(queue) == 11 and None not in dates
    assert all(d < TODAY for d in dates)  # none "inkom" today
    assert len(set(dates)) == len(dates) and dates == sorted(dates)  # spread out, oldest first
    assert TODAY - dates[0] >= timedelta(weeks=6) and TODAY - dates[-1] <= timedelta(weeks=1)
    assert all(d.weekday() < 5 for d in dates)
    # the beslutsunderlag's order stays the queue's order (its first proposal is the oldest)
    assert queue[0].name == "Samverkansmöjligheter för fler i förskolan"


def test_proposal_dates_move_with_today(sqlite_db, _sqlite_template, tmp_path):
    """Deterministic and relative to the seed's today: a week later, every date is a week later."""
    from tests.conftest import _sqlite_db

    (tmp_path / "later").mkdir()
    later = _sqlite_db(_sqlite_template, tmp_path / "later")
    try:
        demo.load(sqlite_db, today=TODAY)
        demo.load(later, today=TODAY + timedelta(weeks=1))
        first = [(p.name, p.created_on) for p in triage.triage_queue(sqlite_db)]
        second = [(p.name, p.created_on) for p in triage.triage_queue(later)]
    finally:
        later.dispose()
    assert [(n, d + timedelta(weeks=1)) for n, d in first if d] == second


def test_the_mandate_in_plain_words():
    assert mandate_text(0) == ("Inom processledarens mandat: processledaren beslutar själv upp till 200 000 kr "
                               "(här ingen budget).")
    assert mandate_text(200_000_00) == ("Inom processledarens mandat: processledaren beslutar själv upp till "
                                        "200 000 kr (här 200 000 kr).")
    assert mandate_text(200_000_01) == ("Över processledarens mandat (beslutar själv upp till 200 000 kr): "
                                        "200 000,01 kr kräver beslut av Core Team eller styrelsen för att starta.")


def test_restore_phase_undoes_a_move_unless_changed_since(db):
    moved_id = add_initiative(db, "Flyttas", phase=Phase.UTFORSKAS)
    moved = portfolio.move_phase(db, moved_id, 1)
    assert moved.phase is Phase.PLANERAS
    back = portfolio.restore_phase(db, moved_id, Phase.UTFORSKAS, expected_version=moved.version)
    assert back.phase is Phase.UTFORSKAS and back.version == moved.version + 1
    # moved again, then changed by someone else: the undo is refused and nothing changes
    again = portfolio.move_phase(db, moved_id, 1)
    portfolio.move_phase(db, moved_id, 1, expected_version=again.version)  # another user: planeras → fas 1
    with pytest.raises(StaleEdit) as refused:
        portfolio.restore_phase(db, moved_id, Phase.UTFORSKAS, expected_version=again.version)
    assert refused.value.message == "Flyttas har ändrats sedan flytten (nu i Fas 1); flytten ångras inte"
    assert portfolio.card(db, moved_id).phase is Phase.FAS_1


def test_restore_phase_keeps_the_decision_rule(db):
    """An undo back into fas 1 is a start like any other: over 200 000 kr it needs the decision."""
    big = add_initiative(db, "Stort", phase=Phase.FAS_1, budget_ore=300_000_00, budget_source=BudgetSource.PILOT,
                         pilot_ore=300_000_00)
    moved = portfolio.move_phase(db, big, -1)
    from shk_tui.errors import ValidationError

    with pytest.raises(ValidationError):
        portfolio.restore_phase(db, big, Phase.FAS_1, expected_version=moved.version)
