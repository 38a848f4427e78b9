"""Every form of the app, opened from where a user opens it on the example data, shows its Save and
Avbryt buttons inside an 80×24 terminal (and at 120×40), with the first field focused."""

from __future__ import annotations

import pytest

from shk_tui.ui.base.form import FormDialog
from tests.ui.conftest import settle

FORMS = {
    "ny kontakt": ("3", "n"),
    "ändra kontakt": ("3", "e"),
    "taggar": ("3", "t"),
    "ny organisation": ("3", "o", "n"),
    "nytt evenemang": ("4", "n"),
    "ändra evenemang": ("4", "e"),
    "nytt avtal": ("5", "n"),
    "ändra avtal": ("5", "e"),
    "ny utbetalning": ("5", "enter", "a"),
    "betalplan": ("5", "enter", "g"),
    "nytt initiativ": ("2", "n"),
    "ändra initiativ": ("2", "e"),
    "budgetsiffra": ("6", "e"),
    "ny budgetrad": ("6", "n"),
    "ny ansökan": ("6", "a", "n"),
}


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
@pytest.mark.parametrize("form", FORMS)
async def test_the_form_fits_with_its_buttons_in_view(demo_db, make_app, form, size):
    app = make_app(demo_db)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        for key in FORMS[form]:
            await pilot.press(key)
            await settle(pilot)
        screen = app.screen
        assert isinstance(screen, FormDialog), (form, screen)
        width, height = size
        for button in ("#form-save", "#form-cancel"):
            region = screen.query_one(button).region
            assert region.height >= 1 and 0 <= region.y and region.bottom <= height, (form, button, region)
            assert 0 <= region.x and region.right <= width, (form, button, region)
        assert app.focused is not None and screen.query_one(".fk-body").region.contains_region(app.focused.region)
