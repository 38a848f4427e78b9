"""The merge dialog names the two people and counts in words that agree (issue #15): the preview and
the notice afterwards give the same number of participations, in the right Swedish number."""

from __future__ import annotations

from textual.widgets import Static

from shk_tui.db.models import Participation
from shk_tui.fmt import count
from shk_tui.services.contacts import contacts
from shk_tui.services.contacts.contacts import ContactInput
from shk_tui.ui.base.confirm import ConfirmScreen
from shk_tui.ui.contacts.merge import MergeScreen
from tests.helpers.contacts_pilot import add_participation, open_contacts
from tests.ui.conftest import SIZE, notices, settle


def test_count_says_one_in_the_singular_and_others_in_the_plural():
    assert [count(n, "deltagande", "deltaganden") for n in (0, 1, 2)] == [
        "0 deltaganden", "1 deltagande", "2 deltaganden"]
    assert count(1, "felaktig rad", "felaktiga rader") == "1 felaktig rad"
    assert count(3, "dubblett", "dubbletter") == "3 dubbletter"


def _pair(db, first: str, last: str) -> tuple[int, int]:
    a = contacts.save(db, ContactInput(first_name="Åsa", last_name="Öberg", email="asa@example.se"))
    b = contacts.save(db, ContactInput(first_name=first, last_name=last))
    return a, b


async def _open_merge(app, pilot, a: int, b: int) -> MergeScreen:
    await open_contacts(app, pilot)
    app.push_screen(MergeScreen(a, b))
    await settle(pilot)
    assert isinstance(app.screen, MergeScreen)
    return app.screen


def _text(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


async def test_merge_names_the_people_and_counts_agree_before_and_after(app_db, make_app):
    a, b = _pair(app_db, "Åsa", "Öberg-Lind")
    shared = add_participation(app_db, a, "Samhällsforum")
    with app_db.session() as s:
        s.add(Participation(event_id=shared, contact_id=b))
    add_participation(app_db, b, "Labb")
    app = make_app(app_db)
    async with app.run_test(size=SIZE) as pilot:
        merge = await _open_merge(app, pilot, a, b)
        assert _text(merge, "#merge-help").startswith("Åsa Öberg behålls, Åsa Öberg-Lind tas bort.")
        assert _text(merge, "#merge-moves").startswith(
            "Flyttas till den som behålls: 1 deltagande, 0 avtal; 1 deltagande på samma evenemang slås ihop;")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert "Åsa Öberg-Lind slås ihop med Åsa Öberg och tas bort." in _text(app.screen, "#confirm-text")
        await pilot.press("y")
        await settle(pilot)
        assert "Sammanslagna: 1 deltagande och 0 avtal flyttades; 1 deltagande på samma evenemang slogs ihop" in notices(app)


async def test_merge_of_two_with_the_same_name_tells_them_apart_by_number(app_db, make_app):
    a, b = _pair(app_db, "åsa", "öberg")
    add_participation(app_db, b, "Labb")
    add_participation(app_db, b, "Forum")
    app = make_app(app_db)
    async with app.run_test(size=SIZE) as pilot:
        merge = await _open_merge(app, pilot, a, b)
        assert _text(merge, "#merge-help").startswith(
            f"Åsa Öberg (kontakt {a}) behålls, åsa öberg (kontakt {b}) tas bort.")
        assert _text(merge, "#merge-moves").startswith("Flyttas till den som behålls: 2 deltaganden, 0 avtal; taggar")
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert "Sammanslagna: 2 deltaganden och 0 avtal flyttades" in notices(app)


async def test_merge_counts_the_initiatives_that_move_before_and_after(app_db, make_app):
    from sqlmodel import select

    from shk_tui.db.models import Initiative

    a, b = _pair(app_db, "Åsa", "Öberg-Lind")
    add_participation(app_db, b, "Labb")
    with app_db.session() as s:
        s.add(Initiative(name="Ungdomsråd", owner_id=b))
    app = make_app(app_db)
    async with app.run_test(size=SIZE) as pilot:
        merge = await _open_merge(app, pilot, a, b)
        assert _text(merge, "#merge-moves").startswith(
            "Flyttas till den som behålls: 1 deltagande, 0 avtal, 1 initiativ; taggar")
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert "Sammanslagna: 1 deltagande, 0 avtal och 1 initiativ flyttades" in notices(app)
    with app_db.read() as s:
        assert [i.owner_id for i in s.exec(select(Initiative)).all()] == [a]
