"""Helpers for the Portfölj Pilot tests: read an initiative, a widget's text, a table's rows, open
the section."""

from __future__ import annotations

from sqlmodel import select
from textual.widgets import DataTable, Static

from shk_tui.db.models import Initiative
from shk_tui.ui.portfolio.portfolio import PortfolioScreen
from tests.helpers.tables import table_rows
from tests.ui.conftest import open_section, settle


def initiative(db, name: str) -> Initiative:
    with db.session() as s:
        found = s.exec(select(Initiative).where(Initiative.name == name)).one()
        s.expunge(found)
        return found


def text(widget: Static) -> str:
    return str(widget.render())


def rows(table: DataTable) -> list[tuple[str, ...]]:
    """The rows of ``table`` as text, each a tuple (see tests/helpers/tables.py)."""
    return [tuple(r) for r in table_rows(table)]


async def open_portfolio(pilot) -> PortfolioScreen:
    return await open_section(pilot, "2", PortfolioScreen)


async def open_triage(pilot):
    """Portfölj, then ``t``: the triage screen at the oldest proposal."""
    from shk_tui.ui.portfolio.triage import TriageScreen

    await open_portfolio(pilot)
    await pilot.press("t")
    await settle(pilot)
    assert isinstance(pilot.app.screen, TriageScreen)
    return pilot.app.screen
