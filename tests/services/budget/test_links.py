"""Budget links from the forms (issue #18), on SQLite and PostgreSQL: an initiative saved with its budget line
and year and the body that decided it, read back as form text; a missing line, a bad year or a year without
its line refused with nothing written."""

from __future__ import annotations

import pytest
from sqlmodel import select

from shk_tui.db.models import Initiative
from shk_tui.enums import DecisionBody
from shk_tui.errors import ValidationError
from shk_tui.services.budget import budget, links
from shk_tui.services.portfolio import initiatives


def test_parse_refusals():
    for line, year, field, message in (("x", "", "budget_line_id", "Budgetraden finns inte"),
                                       ("1", "1999", "budget_year", "Ange ett år, 2000–2100"),
                                       ("", "2026", "budget_year", "Välj budgetraden som året gäller")):
        errors: dict[str, str] = {}
        links.parse(line, year, errors)
        assert errors == {field: message}
    errors = {}
    assert links.parse(" 7 ", "2026", errors) == {"budget_line_id": 7, "budget_year": 2026} and not errors
    assert links.parse("7", "", errors) == {"budget_line_id": 7, "budget_year": None}


def test_initiative_budget_link_and_decision_body(db):
    line = budget.add_line(db, "Pilotprojekt och seed money", "pilot")
    data = initiatives.InitiativeInput(name="Läxhjälp", phase="fas 1", budget="250 000", budget_source="ordinarie",
                                       decided_by="Styrelse", decided_on="2026-11-01", budget_line_id=str(line),
                                       budget_year="2026")
    iid = initiatives.save(db, data)
    with db.read() as s:
        i = s.get(Initiative, iid)
        assert (i.budget_line_id, i.budget_year, i.decision_body) == (line, 2026, DecisionBody.STYRELSE)
    back = initiatives.get(db, iid).values
    assert (back.budget_line_id, back.budget_year, back.decided_by) == (str(line), "2026", "Styrelse")
    with pytest.raises(ValidationError) as refused:
        initiatives.save(db, initiatives.InitiativeInput(name="Annat", budget_line_id=str(line + 50)))
    assert refused.value.errors == {"budget_line_id": "Budgetraden finns inte"}
    with db.read() as s:
        assert [i.name for i in s.exec(select(Initiative)).all()] == ["Läxhjälp"]
