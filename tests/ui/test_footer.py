"""The footer keeps the way to every key in view: "? Hjälp" and the command palette's key sit at the
right, whole, in every section at 80×24 and 120×40, however many keys the section itself shows (on a
narrow terminal the section's own keys run out of room first). ctrl+q is in the help, not the footer."""

from __future__ import annotations

import pytest
from textual.widgets._footer import FooterKey

from shk_tui.app import ShkApp
from shk_tui.ui.widgets.footer import Footer
from tests.ui.conftest import TODAY, settle

SECTIONS = "123456"


async def _footers(demo_db, size):  # noqa: ANN001, ANN202
    """Each section's footer in turn, in one app at ``size``: (section key, footer)."""
    app = ShkApp(demo_db, today=TODAY)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        for section in SECTIONS:
            await pilot.press(section)
            await settle(pilot)
            yield section, app.screen.query_one(Footer)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
async def test_help_and_palette_keys_whole_in_every_section(demo_db, size) -> None:
    async for section, footer in _footers(demo_db, size):
        keys = {k.key.split(",")[0]: k for k in footer.query(FooterKey)}
        help_key, palette = keys["question_mark"], keys["ctrl+p"]
        for key in (help_key, palette):
            assert footer.region.contains_region(key.region), (section, key.key, key.region)
            assert key.region.width >= len(key.description) + 2, (section, key.key)
        assert help_key.region.right <= palette.region.x, section
        assert palette.region.right <= size[0]
        assert help_key.description == "Hjälp" and palette.description == "Kommandon"
        assert "ctrl+q" not in keys, section  # listed in ? instead


async def test_help_still_lists_quit(demo_db) -> None:
    app = ShkApp(demo_db, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        from shk_tui.ui.base.help import HelpScreen
        from tests.helpers.tables import table_text

        assert isinstance(app.screen, HelpScreen)
        shown = table_text(app.screen.query_one("DataTable"))
        assert "^q | Avsluta" in shown


def _visible_left(footer: Footer) -> list:
    right = footer.query_one(".footer-right")
    return [w for w in footer.query("FooterKey, FooterLabel")
            if w.display and right not in w.ancestors and w.region.width]


@pytest.mark.parametrize("size", [(80, 24), (100, 30), (120, 40)], ids=["80x24", "100x30", "120x40"])
async def test_no_section_key_is_cut_or_hidden_under_the_docked_keys(demo_db, size) -> None:
    """A key that does not fit is not shown at all (it is in ?), never cut in half ("d Du") or half a
    key group ("1" without 2–6); the keys that are shown are whole and left of "? Hjälp"."""
    async for section, footer in _footers(demo_db, size):
        docked = footer.query_one(".footer-right").region
        for widget in _visible_left(footer):
            assert widget.region.right <= docked.x, (section, size, str(widget.render()), widget.region)
            if isinstance(widget, FooterKey) and widget.description:
                assert widget.region.width == len(widget.key_display) + len(widget.description) + 3
        groups = [g for g in footer.query("KeyGroup")]
        for group in groups:  # a group is shown whole or not at all
            shown = {k.display for k in group.query(FooterKey)}
            assert len(shown) == 1, (section, size)


async def test_the_footer_fits_again_after_a_resize(demo_db) -> None:
    app = ShkApp(demo_db, today=TODAY)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        wide = {k.key for k in _visible_left(app.screen.query_one(Footer)) if isinstance(k, FooterKey)}
        assert {"d", "i", "x", "g"} <= wide  # Dubbletter, Import, Export, GDPR
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        await pilot.pause(0.1)
        footer = app.screen.query_one(Footer)
        narrow = {k.key for k in _visible_left(footer) if isinstance(k, FooterKey)}
        assert "g" not in narrow and narrow < wide
        docked = footer.query_one(".footer-right").region
        assert all(w.region.right <= docked.x for w in _visible_left(footer))
        await pilot.resize_terminal(160, 40)
        await settle(pilot)
        await pilot.pause(0.1)
        assert {k.key for k in _visible_left(app.screen.query_one(Footer)) if isinstance(k, FooterKey)} == wide


async def test_triage_shows_no_lone_section_key(demo_db) -> None:
    """In triage, 1–5 send the proposal to a phase; the section key 6 left of the six ("6 Budget",
    beside "b Budget") is not in the footer. The help still lists it."""
    from shk_tui.ui.portfolio.triage import TriageScreen

    app = ShkApp(demo_db, today=TODAY)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        await pilot.press("2")  # Portfölj
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        assert isinstance(app.screen, TriageScreen)
        shown = [(w.key, w.description) for w in _visible_left(app.screen.query_one(Footer))
                 if isinstance(w, FooterKey)]
        assert ("6", "Budget") not in shown and ("b", "Budget") in shown
        assert [k for k, _ in shown if k in "12345"] == list("12345")  # the triage group, whole
