"""The global search (#16): ctrl+p from every section and ``/`` on Översikt list contacts, organisations,
events, contracts, payments, initiatives and applications grouped by kind, each with a line of context and
the section it opens in; Enter opens the item where it lives. The palette speaks Swedish ("Inga träffar"),
the search runs in a thread, and commands are found as before."""

from __future__ import annotations

import threading

from sqlmodel import select
from textual.command import CommandInput, CommandList, CommandPalette

from shk_tui.app import SECTIONS
from shk_tui.db.models import Contact, Contract, Event, FundingApplication, Initiative, Organisation, Payment
from shk_tui.services.search import global_search
from shk_tui.ui.budget.applications import ApplicationsScreen
from shk_tui.ui.budget.budget import BudgetScreen
from shk_tui.ui.contacts.contact_form import ContactFormScreen
from shk_tui.ui.contacts.contacts import NOT_LISTED, ContactsScreen
from shk_tui.ui.contracts.contract_detail import ContractDetailScreen
from shk_tui.ui.contracts.contracts import ContractsScreen
from shk_tui.ui.events.events import EventsScreen
from shk_tui.ui.events.participants import ParticipantsScreen
from shk_tui.ui.overview.overview import OverviewScreen
from shk_tui.ui.portfolio.initiative_detail import InitiativeDetailScreen
from shk_tui.ui.portfolio.portfolio import PortfolioScreen
from shk_tui.ui.widgets import global_search as widget
from shk_tui.ui.widgets.contact_detail import ContactDetailPane
from shk_tui.ui.widgets.screen_commands import ShkCommandPalette
from shk_tui.ui.widgets.search_box import SearchBox
from tests.helpers.contacts_pilot import names
from tests.helpers.tables import table_rows
from tests.ui.conftest import SIZE, notices, open_section, settle


def one(db, model, **where):
    with db.read() as s:
        found = s.exec(select(model).filter_by(**where)).first()
        assert found is not None, (model, where)
        return found


async def search(pilot, typed: str) -> list[tuple[str, str]]:
    """Open the palette (unless open), type ``typed`` and return (first line, second line) of each hit."""
    app = pilot.app
    if not isinstance(app.screen, CommandPalette):
        await pilot.press("ctrl+p")
        await settle(pilot)
    app.screen.query_one(CommandInput).value = ""
    await pilot.press(*typed)
    await pilot.pause()
    await settle(pilot)  # the palette gathers its hits in a worker; the search itself in a thread
    return [tuple((str(o.prompt).split("\n") + [""])[:2]) for o in app.screen.query_one(CommandList).options]


async def choose(pilot, first_line: str) -> None:
    """Enter on the hit whose first line is ``first_line``; then the item opens."""
    options = pilot.app.screen.query_one(CommandList)
    lines = [str(o.prompt).split("\n")[0] for o in options.options]
    assert first_line in lines, lines
    options.highlighted = lines.index(first_line)
    await pilot.press("enter")
    await settle(pilot)
    await settle(pilot)


def detail_text(screen: ContactsScreen) -> str:
    return str(screen.query_one(ContactDetailPane).render())


async def test_contact_opens_selected_with_its_detail_and_the_search_cleared(demo_db, make_app):
    ulrika = one(demo_db, Contact, first_name="Ulrika", last_name="Lindholm")
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        contacts = await open_section(pilot, "3", ContactsScreen)
        contacts.query_one("#contacts-search", SearchBox).value = "Mälardalens"  # a search left in Kontakter
        await settle(pilot)
        await open_section(pilot, "5", ContractsScreen)  # from another section
        hits = await search(pilot, "lindholm ulrika")  # the words in any order
        assert ("Kontakter: Ulrika Lindholm",
                "Region Sörmland · ulrika.lindholm@region-sormland.example.se · öppnas i Kontakter") in hits
        await choose(pilot, "Kontakter: Ulrika Lindholm")
        assert app.screen is contacts
        assert contacts.current_id() == ulrika.id
        assert contacts.query_one("#contacts-search", SearchBox).value == ""
        assert contacts.filter.text == ""
        assert "Ulrika Lindholm" in names(contacts) and len(names(contacts)) > 10  # the whole list, not a search
        assert "Ulrika Lindholm" in detail_text(contacts)
        assert notices(app, "error") == [] and notices(app, "warning") == []


async def test_contact_further_down_the_list_opens_at_it(demo_db, make_app):
    """Past the first page (100 rows) of Kontakter: the list starts at the contact, the count is the whole list's."""
    from shk_tui.services.contacts import contact_list

    with demo_db.session() as s:
        for n in range(contact_list.PAGE + 20):
            s.add(Contact(first_name="Test", last_name=f"Aronsson {n:03}"))
        s.add(Contact(first_name="Östen", last_name="Östling"))
    total = contact_list.search(demo_db).total
    target = one(demo_db, Contact, first_name="Östen")
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await search(pilot, "östen")
        await choose(pilot, "Kontakter: Östen Östling")
        contacts = app.screen
        assert isinstance(contacts, ContactsScreen)
        assert contacts.current_id() == target.id
        assert names(contacts)[0] == "Östen Östling"
        assert contacts.total == total
        assert "Östen Östling" in detail_text(contacts)


async def test_organisation_opens_its_people_in_kontakter(demo_db, make_app):
    org = one(demo_db, Organisation, name="Dark Matter Labs")
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        hits = await search(pilot, "dark matter")
        kinds = [h[0].split(":")[0] for h in hits if ":" in h[0]]
        assert kinds.index("Kontakter") < kinds.index("Organisationer") < kinds.index("Avtal")  # grouped by kind
        assert ("Organisationer: Dark Matter Labs", "Samarbetspart · öppnas i Kontakter") in hits
        await choose(pilot, "Organisationer: Dark Matter Labs")
        contacts = app.screen
        assert isinstance(contacts, ContactsScreen)
        assert contacts.filter.organisation_id == org.id
        assert "Dark Matter Labs" in str(contacts.query_one("#filter-organisation").render())
        shown = table_rows(contacts.table)
        assert shown and all(row[1] == "Dark Matter Labs" for row in shown)


async def test_event_opens_its_participant_list(demo_db, make_app):
    event = one(demo_db, Event, title="Labb: Framtidens äldreboende")
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_section(pilot, "3", ContactsScreen)
        hits = await search(pilot, "ÄLDREBOENDE labb")  # å/ä/ö in any case
        assert any(h[0] == "Evenemang: Labb: Framtidens äldreboende" and h[1].endswith("öppnas i Evenemang")
                   for h in hits)
        await choose(pilot, "Evenemang: Labb: Framtidens äldreboende")
        assert isinstance(app.screen, ParticipantsScreen)
        assert app.screen.event_id == event.id
        assert "Labb: Framtidens äldreboende" in str(app.screen.query_one("#title").render())
        assert isinstance(app.screen_stack[0], EventsScreen)


async def test_contract_opens_its_detail_from_two_sections(demo_db, make_app):
    contract = one(demo_db, Contract, title="Ramavtal konferenslokaler och catering")
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_section(pilot, "2", PortfolioScreen)
        for _time in range(2):  # from Portfölj, then from Avtal with this contract open
            hits = await search(pilot, "Ramavtal")
            assert ("Avtal: Ramavtal konferenslokaler och catering",
                    "KS 2024-301/053 · Mälarsalen Konferens AB · öppnas i Avtal") in hits
            await choose(pilot, "Avtal: Ramavtal konferenslokaler och catering")
            assert isinstance(app.screen, ContractDetailScreen)
            assert app.screen.contract_id == contract.id
            assert "Ramavtal konferenslokaler och catering" in str(app.screen.query_one("#contract-title").render())
        # the second time Avtal held the first detail: closed, one detail over the list
        assert [type(s) for s in app.screen_stack] == [ContractsScreen, ContractDetailScreen]


async def test_payment_opens_its_contract(demo_db, make_app):
    payment = one(demo_db, Payment, reference="Ver 2026-4121")
    contract = one(demo_db, Contract, id=payment.contract_id)
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        hits = await search(pilot, "ver 2026-4121")
        line = next(h for h in hits if h[0] == "Utbetalningar: Ver 2026-4121")
        assert line[1].startswith(f"Avtal: {contract.title}") and line[1].endswith("öppnas i Avtal")
        await choose(pilot, "Utbetalningar: Ver 2026-4121")
        assert isinstance(app.screen, ContractDetailScreen)
        assert app.screen.contract_id == contract.id


async def test_initiative_opens_its_detail(demo_db, make_app):
    initiative = one(demo_db, Initiative, name="Minilabb ofrivillig ensamhet")
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_section(pilot, "6", BudgetScreen)
        await search(pilot, "minilabb")
        await choose(pilot, "Initiativ: Minilabb ofrivillig ensamhet")
        assert isinstance(app.screen, InitiativeDetailScreen)
        assert app.screen.initiative_id == initiative.id
        assert "Minilabb ofrivillig ensamhet" in str(app.screen.query_one("#detail-summary").render())
        portfolio = app.screen_stack[0]
        assert isinstance(portfolio, PortfolioScreen) and portfolio.current_id == initiative.id


async def test_application_opens_with_the_cursor_on_it(demo_db, make_app):
    application = one(demo_db, FundingApplication, title="Physical literacy i Årby")
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_section(pilot, "4", EventsScreen)
        hits = await search(pilot, "årby physical")
        assert any(h[0] == "Ansökningar: Physical literacy i Årby" and h[1].endswith("öppnas i Budget")
                   for h in hits)
        await choose(pilot, "Ansökningar: Physical literacy i Årby")
        screen = app.screen
        assert isinstance(screen, ApplicationsScreen)
        assert screen.rows[screen.query_one("#applications-table").cursor_row].id == application.id
        assert isinstance(app.screen_stack[0], BudgetScreen)


async def test_slash_on_oversikt_opens_the_search(demo_db, make_app):
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, OverviewScreen)
        await pilot.press("slash")
        await settle(pilot)
        assert isinstance(app.screen, ShkCommandPalette)
        assert app.screen.query_one(CommandInput).placeholder == widget.SEARCH_PLACEHOLDER
        await search(pilot, "ulrika")
        await choose(pilot, "Kontakter: Ulrika Lindholm")
        assert isinstance(app.screen, ContactsScreen)


async def test_nothing_found_is_said_in_swedish(demo_db, make_app):
    # the override of Textual's (private) method that writes "No matches found": renamed in a new Textual,
    # this test fails instead of the English text coming back silently
    assert "_start_no_matches_countdown" in vars(CommandPalette)
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert await search(pilot, "zzqxw") == []
        await pilot.pause(CommandPalette._NO_MATCHES_COUNTDOWN + 0.2)  # the palette's own wait before it says so
        shown = [str(getattr(o.prompt, "renderable", o.prompt)) for o in app.screen.query_one(CommandList).options]
        assert shown == ["Inga träffar för ”zzqxw”"]
        assert "No matches" not in " ".join(shown)


async def test_commands_still_found_and_first_when_their_title_matches(demo_db, make_app):
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        hits = await search(pilot, "avtal")
        assert hits[0][0] == "Gå till Avtal"
        assert any(h[0].startswith("Avtal: ") for h in hits)  # the contracts after the command
        await choose(pilot, "Gå till Avtal")
        assert isinstance(app.screen, ContractsScreen)


async def test_the_search_runs_off_the_ui_thread(demo_db, make_app, monkeypatch):
    threads: list[threading.Thread] = []
    find = global_search.find

    def recording(*args, **kwargs):
        threads.append(threading.current_thread())
        return find(*args, **kwargs)

    monkeypatch.setattr(global_search, "find", recording)
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert ("Kontakter: Ulrika Lindholm", ) == (await search(pilot, "ulrika"))[0][:1]
        assert threads and all(t is not threading.main_thread() for t in threads)


async def test_a_failing_search_is_a_notice_and_the_commands_stay(demo_db, make_app, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(global_search, "find", broken)
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        hits = await search(pilot, "tema")
        assert hits[0][0] == "Tema"
        assert widget.SEARCH_FAILED in notices(app, "error")
        assert app.is_running


async def test_an_item_gone_before_enter_is_a_swedish_notice(demo_db, make_app):
    from shk_tui.services.contracts import contract_edit

    contract = one(demo_db, Contract, title="Ramavtal konferenslokaler och catering")
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await search(pilot, "ramavtal")
        contract_edit.delete_contract(demo_db, contract.id)  # by someone else, while the hit is listed
        await choose(pilot, "Avtal: Ramavtal konferenslokaler och catering")
        await settle(pilot)
        assert isinstance(app.screen, ContractsScreen)  # the detail closed again
        assert any("finns inte" in t for t in notices(app, "error")), notices(app)
        # the other kinds, gone: each a Swedish notice where it would have opened
        await app.open_item("evenemang", 99999, "event", "")
        await settle(pilot)
        assert "Evenemang 99999 finns inte" in notices(app, "error")
        await app.open_item("kontakter", 99999, "contact", "")
        await settle(pilot)
        assert NOT_LISTED in notices(app, "warning")
        await app.open_item("portfolj", 99999, "initiative", "")
        await settle(pilot)
        assert "Initiativet 99999 finns inte" in notices(app, "error")
        assert isinstance(app.screen, PortfolioScreen)
        await app.open_item("budget", 99999, "application", "")
        await settle(pilot)
        assert "Ansökan finns inte längre" in notices(app, "warning")
        assert app.is_running


async def test_a_changed_form_is_not_closed_by_a_hit(demo_db, make_app):
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        contacts = await open_section(pilot, "3", ContactsScreen)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, ContactFormScreen)
        await pilot.press(*"Nyss")  # the first field: the form has changes
        await settle(pilot)
        assert app.screen.changed
        await search(pilot, "ulrika")
        await choose(pilot, "Kontakter: Ulrika Lindholm")
        assert isinstance(app.screen, ContactFormScreen)  # still open, with what was typed
        assert any("spara eller stäng det först" in t for t in notices(app, "warning"))
        assert contacts.is_attached


def test_section_labels_are_the_apps():
    assert widget.SECTION_LABELS == {s.mode: s.label for s in SECTIONS}
    assert set(global_search.SECTION_OF.values()) <= set(widget.SECTION_LABELS)


async def test_the_palettes_keys_move_and_close(demo_db, make_app):
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        hits = await search(pilot, "mälardalens")
        assert len(hits) > 2
        options = app.screen.query_one(CommandList)
        assert options.highlighted == 0
        await pilot.press("down")
        assert options.highlighted == 1
        await pilot.press("up")
        assert options.highlighted == 0
        await pilot.press("ctrl+end")
        assert options.highlighted == len(hits) - 1
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, OverviewScreen)
