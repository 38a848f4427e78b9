"""#15 acceptance pass, footers: the keys a section's footer shows must not lie under the keys docked at
its right ("? Hjälp ▏ ^p Kommandon"). Kontakter at 120x40 drew "g GD" with GDPR under the help key
(the issue asks for d, i, x and g in view). A key counts as in view when it is drawn whole and ends left
of the docked keys (its region, public ``Widget.region``)."""

from __future__ import annotations

import pytest

from shk_tui.ui.widgets.footer import Footer
from tests.helpers.contacts_pilot import open_contacts
from tests.helpers.shown import shown_text
from tests.ui.conftest import settle


def keys_in_view(screen) -> set[str]:
    """The actions of the footer's own keys drawn whole left of the keys docked at its right."""
    footer = screen.query_one(Footer)
    right = footer.query_one(".footer-right")
    return {key.action for key in footer.query("FooterKey")
            if key.parent is not right and key.region.width > 0 and key.region.right <= right.region.x}


@pytest.mark.parametrize("size, wanted", [
    ((120, 40), {"focus_search", "new", "edit", "tags", "organisations", "duplicates", "import", "export",
                 "gdpr"}),
    ((80, 24), {"focus_search", "new", "edit", "tags", "organisations"}),
])
async def test_kontakter_footer_keys_clear_of_the_help_key(demo_db, make_app, size, wanted):
    app = make_app(demo_db)
    async with app.run_test(size=size) as pilot:
        screen = await open_contacts(app, pilot)
        assert wanted <= keys_in_view(screen)
        if size == (120, 40):  # the same words in the footer and in the help
            await pilot.press("question_mark")
            await settle(pilot)
            listed = shown_text(app.screen.query_one("#help-keys"))
            for label in ("Dubbletter", "Import", "Export", "GDPR"):
                assert label in listed, label
