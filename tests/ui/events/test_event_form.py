"""The event form on the form kit: every field and Save in view at 80×24 and 120×40, Esc that asks
on a changed form (each answer doing what it says), errors under their field with focus there, F1
listing the dialog's keys."""

from __future__ import annotations

import pytest
from sqlmodel import select
from textual.geometry import Region
from textual.widgets import Input, Label, Static

from shk_tui.db.models import Event
from shk_tui.ui.base.choice import ChoiceScreen
from shk_tui.ui.base.help import HelpScreen
from shk_tui.ui.events.event_form import EventFormScreen
from shk_tui.ui.events.events import EventsScreen
from tests.helpers.events_pilot import open_events
from tests.ui.conftest import SIZE, settle

LABELS = ["Titel *", "Typ", "Start *", "Slut", "Plats", "Ort", "Funktion", "Fokusområde", "Initiativ",
          "Kapacitet", "Status", "Bokning", "Uppföljning"]


async def new_form(app, pilot) -> EventFormScreen:
    await open_events(app, pilot)
    await pilot.press("n")
    await settle(pilot)
    assert isinstance(app.screen, EventFormScreen)
    return app.screen


def titles(db) -> list[str]:
    with db.session() as s:
        return [e.title for e in s.exec(select(Event)).all()]


@pytest.mark.parametrize("size", [(80, 24), SIZE])
async def test_every_field_and_save_are_in_view(app_db, make_app, size):
    app = make_app(app_db)
    async with app.run_test(size=size) as pilot:
        form = await new_form(app, pilot)
        screen = Region(0, 0, *size)
        save = form.query_one("#form-save")
        labels = [lab for lab in form.query(Label)]
        assert [str(lab.render()) for lab in labels] == LABELS
        seen = []
        for _ in range(len(LABELS) - 1):
            await pilot.press("tab")
            seen.append(app.focused.id)
            assert screen.contains_region(app.focused.region) and app.focused.region.height == 1
            assert screen.contains_region(save.region)
        assert seen[-1] == "f-follow_up_note"
        for lab in labels:
            assert screen.contains_region(lab.region), str(lab.render())


async def test_escape_on_an_unchanged_form_closes(app_db, make_app):
    app = make_app(app_db)
    async with app.run_test(size=SIZE) as pilot:
        await new_form(app, pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, EventsScreen)


@pytest.mark.parametrize(("answer", "closed", "stored"), [("1", True, ["Forum"]), ("2", True, []), ("3", False, [])])
async def test_escape_on_a_changed_form_asks(app_db, make_app, answer, closed, stored):
    app = make_app(app_db)
    async with app.run_test(size=SIZE) as pilot:
        form = await new_form(app, pilot)
        await pilot.press(*"Forum")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ChoiceScreen) and app.screen.question == "Spara ändringar?"
        await pilot.press(answer)
        await settle(pilot)
        assert isinstance(app.screen, EventsScreen) if closed else app.screen is form
        if not closed:
            assert form.query_one("#f-title", Input).value == "Forum"
        assert titles(app_db) == stored


async def test_the_first_bad_field_takes_the_focus(app_db, make_app):
    app = make_app(app_db)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await new_form(app, pilot)
        form.query_one("#f-ends_at", Input).value = "2026-11-25 08:00"  # before the start
        form.query_one("#f-capacity", Input).value = "tolv"
        form.query_one("#f-follow_up_note", Input).focus()
        await pilot.press("ctrl+s")
        await settle(pilot)
        title = form.query_one("#f-title", Input)
        assert app.screen is form and app.focused is title  # the title is missing: first in the form
        for key in ("title", "ends_at", "capacity"):
            error = form.query_one(f"#err-{key}", Static)
            field = form.query_one(f"#f-{key}", Input)
            assert error.display and str(error.render()), key
            assert error.region.y == field.region.bottom, key
        assert not form.query_one("#err-location", Static).display
        assert titles(app_db) == []


async def test_f1_lists_the_dialogs_keys(app_db, make_app):
    app = make_app(app_db)
    async with app.run_test(size=SIZE) as pilot:
        form = await new_form(app, pilot)
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen) and app.screen.help_title == "Tangenter – Nytt evenemang"
        keys = dict(app.screen.keys)
        assert keys["^s"] == "Spara" and keys["esc"] == "Avbryt" and keys["f1"] == "Tangenter i dialogen"
        assert keys["⏎"].startswith("Spara")
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is form
