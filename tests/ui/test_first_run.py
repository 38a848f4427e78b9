"""First run: an empty database offers the example data; Ja loads it, Nej leaves it empty."""

from __future__ import annotations

import sqlalchemy as sa
from textual.widgets import DataTable

from shk_tui.app import DEMO_QUESTION
from shk_tui.ui.base.confirm import ConfirmScreen
from shk_tui.ui.contacts.contacts import ContactsScreen
from shk_tui.ui.overview.overview import OverviewScreen
from tests.helpers.tables import table_rows
from tests.ui.conftest import SIZE, notices, settle


def count(db, table: str) -> int:
    with db.engine.connect() as conn:
        return conn.execute(sa.text(f"SELECT count(*) FROM {table}")).scalar_one()


def section_rows(app) -> int:
    return app.screen.query_one("#section DataTable", DataTable).row_count


async def test_empty_database_asks_and_ja_loads_example_data(app_db, make_app):
    app = make_app(app_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert str(app.screen.query_one("#confirm-title").render()) == DEMO_QUESTION
        await pilot.click("#confirm-yes")
        await settle(pilot)
        assert isinstance(app.screen, OverviewScreen)
        assert count(app_db, "contact") > 0 and count(app_db, "event") > 0
        assert "Exempeldata laddad" in notices(app)
        # the attention list, hidden while the database was empty, uses the whole box once it shows
        attention = app.screen.query_one("#attention", DataTable)
        assert attention.row_count > 0
        text_column = attention.ordered_columns[2]
        assert text_column.width >= attention.size.width - 20 > 30, (text_column.width, attention.size)
        await pilot.press("3")
        await settle(pilot)
        assert isinstance(app.screen, ContactsScreen)
        assert section_rows(app) > 0


async def test_y_key_answers_ja(app_db, make_app):
    app = make_app(app_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert count(app_db, "initiative") > 0
        # the current section was refreshed after loading
        assert (
            dict(table_rows(app.screen.query_one("#section DataTable", DataTable)))["Kontakter"]
            != "0"
        )


async def test_nej_leaves_the_database_empty(app_db, make_app):
    app = make_app(app_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.click("#confirm-no")
        await settle(pilot)
        assert count(app_db, "contact") == 0
        await pilot.press("3")
        await settle(pilot)
        assert section_rows(app) == 0
        hint = app.screen.query_one(".section-empty")
        assert hint.display
        assert "Inga kontakter ännu – tryck ctrl+p och välj Ladda exempeldata" in str(hint.render())


async def test_data_in_the_database_means_no_question(demo_db, make_app):
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, OverviewScreen)
        assert not any(isinstance(s, ConfirmScreen) for s in app.screen_stack)


async def test_palette_loads_example_data_after_nej(app_db, make_app):
    app = make_app(app_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Ladda exempeldata")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await settle(pilot)
        assert count(app_db, "contact") > 0


async def test_example_data_is_not_offered_twice(demo_db, make_app):
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        contacts = count(demo_db, "contact")
        app.action_load_demo()
        await settle(pilot)
        assert not isinstance(app.screen, ConfirmScreen)
        assert any("redan data" in t for t in notices(app, "warning"))
        assert count(demo_db, "contact") == contacts


async def test_a_database_error_while_loading_example_data_is_a_notice(app_db, make_app, monkeypatch):
    from sqlalchemy.exc import OperationalError

    from shk_tui.services.demo import seed as demo

    def broken(db, today):
        raise OperationalError("INSERT", {}, Exception("disk I/O error"))

    monkeypatch.setattr(demo, "load", broken)
    app = make_app(app_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert notices(app, "error") == ["Exempeldata kunde inte laddas (se loggfilen)"]
        assert app.is_running and isinstance(app.screen, OverviewScreen)
        assert count(app_db, "contact") == 0


async def test_a_database_error_while_checking_for_data_is_a_notice(app_db, make_app, monkeypatch):
    from sqlalchemy.exc import OperationalError

    from shk_tui.services.demo import seed as demo

    def broken(db):
        raise OperationalError("SELECT", {}, Exception("disk I/O error"))

    monkeypatch.setattr(demo, "has_data", broken)
    app = make_app(app_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert notices(app, "error") == ["Kunde inte läsa databasen (se loggfilen)"]
        assert app.is_running and isinstance(app.screen, OverviewScreen)
