"""Avtal's money (issue #18): the procurement warnings in the list's Varningar column and the filter
"Upphandlingsvarningar" (also from Översikt's heading), the warnings in full in the contract, the contract
form's budget line, year, route, category, estimated value and documented round-trip (with bad input), and the
payment dialog's direction, beslutsattestant and attestant, with a payment one person decided and attested
marked."""

from __future__ import annotations

from sqlmodel import select
from textual.widgets import Checkbox, DataTable, Input, Select, Static

from shk_tui.db.models import BudgetLine, Contract, Payment
from shk_tui.enums import PaymentDirection, ProcurementRoute
from shk_tui.services.budget import budget
from shk_tui.services.contracts import contract_money, procurement
from shk_tui.services.contracts.contracts import Filter
from shk_tui.ui.contracts.contract_detail import ContractDetailScreen
from shk_tui.ui.contracts.contract_form import ContractFormScreen
from shk_tui.ui.contracts.contracts import ContractsScreen
from shk_tui.ui.contracts.money_view import MARK
from shk_tui.ui.overview.overview import OverviewScreen
from tests.helpers.contracts_pilot import add_contract, text
from tests.helpers.dialogs import open_dialog
from tests.helpers.overview_pilot import texts
from tests.helpers.tables import table_rows
from tests.ui.conftest import SIZE, TODAY, open_section, settle

OVER = "Kommunikationsbyrå: film och webb"
UNDOCUMENTED = "Konsultavtal Cornerstone Indicators"


def titles_with_warnings(db) -> set[str]:
    found = procurement.warnings(db, TODAY)
    with db.read() as s:
        return set(s.exec(select(Contract.title).where(Contract.id.in_(list(found)))).all())


def listing(screen) -> list[list[str]]:
    return table_rows(screen.query_one("#section DataTable", DataTable))


async def test_warnings_column_and_filter(demo_db, make_app):
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_section(pilot, "5", ContractsScreen)
        warned = {r[0]: r[2] for r in listing(screen)}
        assert "LOU: över gräns" in warned[OVER]
        assert "LOU: ej dok." in warned[UNDOCUMENTED]
        assert not any("LOU" in w for title, w in warned.items() if title not in (OVER, UNDOCUMENTED))
        screen.query_one("#contract-filter", Select).value = Filter.UPPHANDLING.name
        await settle(pilot)
        shown = {r[0] for r in listing(screen)}
        assert shown == {OVER, UNDOCUMENTED} == titles_with_warnings(demo_db)


async def test_overview_heading_opens_the_filter(demo_db, make_app):
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, OverviewScreen)
        rows = texts(app)
        heading = f"{procurement.CATEGORY} (2) – enter visar dem i Avtal"
        assert heading in rows
        assert any(r.startswith(f"{OVER}: Direktupphandling på 960 000 kr") for r in rows)
        assert any(r.startswith("Attest: samma person beslutar och attesterar (1)") for r in rows)
        assert any(r.startswith("Beslut saknas (1)") for r in rows)
        assert any(r.startswith("Physical literacy: beslutade utgifter 300 000 kr") for r in rows)
        app.screen.query_one("#attention", DataTable).move_cursor(row=rows.index(heading))
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ContractsScreen)
        assert app.screen.query_one("#contract-filter", Select).value == Filter.UPPHANDLING.name
        assert {r[0] for r in listing(app.screen)} == {OVER, UNDOCUMENTED}


async def open_contract(pilot, title: str) -> ContractDetailScreen:
    screen = await open_section(pilot, "5", ContractsScreen)
    table = screen.query_one("#section DataTable", DataTable)
    table.move_cursor(row=[r[0] for r in table_rows(table)].index(title))
    await pilot.press("enter")
    await settle(pilot)
    detail = pilot.app.screen
    assert isinstance(detail, ContractDetailScreen)
    return detail


async def test_detail_lists_the_warnings_in_full_and_marks_one_person_in_both_roles(demo_db, make_app):
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        detail = await open_contract(pilot, OVER)
        info = " ".join(text(detail.query_one("#contract-info", Static)).split())
        assert "Direktupphandling på 960 000 kr: inte under direktupphandlingsgränsen 700 000 kr" in info
        assert "Upphandling: Direktupphandling, Kommunikation, 960 000 kr (beräknat), dokumenterad" in info
        assert "Budgetrad: Event och kommunikation" in info
        await pilot.press("escape")
        await settle(pilot)
        detail = await open_contract(pilot, UNDOCUMENTED)
        info = " ".join(text(detail.query_one("#contract-info", Static)).split())
        assert "Direktupphandling över 100 000 kr utan dokumentation" in info
        summary = text(detail.query_one("#payment-summary", Static))
        assert f"{MARK} 1 utbetalning beslutad och attesterad av samma person" in summary
        rows = table_rows(detail.payments_table)
        flagged = [r for r in rows if r[8].startswith(MARK)]
        assert len(flagged) == 1 and flagged[0][7:9] == ["Elin Bergström", f"{MARK} Elin Bergström (samma)"]
        assert [r[6] for r in rows] == ["ut", "ut"]


async def test_contract_form_money_fields_round_trip(sqlite_db, make_app):
    cid = add_contract(sqlite_db)
    line = budget.add_line(sqlite_db, "Följeforskning", "verksamhet")
    app = make_app(sqlite_db)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_dialog(app, pilot, ContractFormScreen(sqlite_db, cid))
        assert form.query_one("#in-budget_line_id", Select).is_blank()
        form.query_one("#in-budget_line_id", Select).value = str(line)
        form.query_one("#in-budget_year", Input).value = "20x6"
        form.query_one("#in-procurement_route", Select).value = ProcurementRoute.DIREKT.value
        form.query_one("#in-procurement_category", Input).value = "  Konsult   tjänster "
        form.query_one("#in-estimated_value", Input).value = "mycket"
        form.query_one("#in-direct_award_documented", Checkbox).value = True
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form
        assert text(form.query_one("#err-budget_year", Static)) == "Ange ett år, 2000–2100"
        assert "Ogiltigt belopp" in text(form.query_one("#err-estimated_value", Static))
        form.query_one("#in-budget_year", Input).value = "2026"
        form.query_one("#in-estimated_value", Input).value = "650 000"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is not form
        with sqlite_db.read() as s:
            c = s.get(Contract, cid)
            assert (c.budget_line_id, c.budget_year, c.procurement_route, c.procurement_category,
                    c.estimated_value_ore, c.direct_award_documented) == (
                line, 2026, ProcurementRoute.DIREKT, "Konsult tjänster", 650_000_00, True)
        form = await open_dialog(app, pilot, ContractFormScreen(sqlite_db, cid))
        assert form.query_one("#in-budget_line_id", Select).value == str(line)
        assert form.query_one("#in-budget_year", Input).value == "2026"
        assert form.query_one("#in-procurement_route", Select).value == ProcurementRoute.DIREKT.value
        assert form.query_one("#in-procurement_category", Input).value == "Konsult tjänster"
        assert form.query_one("#in-estimated_value", Input).value == "650 000"
        assert form.query_one("#in-direct_award_documented", Checkbox).value is True
        # a year needs its budget line
        form.query_one("#in-budget_line_id", Select).clear()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert text(form.query_one("#err-budget_year", Static)) == "Välj budgetraden som året gäller"


def stored_payment(db, cid: int) -> Payment:
    with db.read() as s:
        return s.exec(select(Payment).where(Payment.contract_id == cid)).one()


async def test_payment_direction_and_attest_with_the_marker(sqlite_db, make_app):
    cid = add_contract(sqlite_db)
    app = make_app(sqlite_db)
    async with app.run_test(size=SIZE) as pilot:
        detail = await open_dialog(app, pilot, ContractDetailScreen(cid))
        await pilot.press("a")
        await settle(pilot)
        dialog = app.screen
        assert dialog.query_one("#in-direction", Select).value == PaymentDirection.UT.value
        dialog.query_one("#in-due_on", Input).value = "2027-01-15"
        dialog.query_one("#in-amount", Input).value = "50 000"
        dialog.query_one("#in-direction", Select).value = PaymentDirection.IN.value
        dialog.query_one("#in-decided_by", Input).value = "Anna Berg"
        dialog.query_one("#in-attested_by", Input).value = "anna  berg"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is detail
        p = stored_payment(sqlite_db, cid)
        assert (p.direction, p.decided_by, p.attested_by) == (PaymentDirection.IN, "Anna Berg", "anna berg")
        row = table_rows(detail.payments_table)[0]
        assert row[6:9] == ["in", "Anna Berg", f"{MARK} anna berg (samma)"]
        assert f"{MARK} 1 utbetalning beslutad" in text(detail.query_one("#payment-summary", Static))
        assert contract_money.detail(sqlite_db, cid, TODAY).same_person_count == 1
        # p: the dialog opens on what is stored; another attestant clears the flag
        await pilot.press("p")
        await settle(pilot)
        dialog = app.screen
        assert dialog.query_one("#in-direction", Select).value == PaymentDirection.IN.value
        assert dialog.query_one("#in-attested_by", Input).value == "anna berg"
        dialog.query_one("#in-attested_by", Input).value = "x" * 101
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert text(dialog.query_one("#err-attested_by", Static)) == "Högst 100 tecken"
        dialog.query_one("#in-attested_by", Input).value = "Cecilia Norén"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is detail
        assert stored_payment(sqlite_db, cid).attested_by == "Cecilia Norén"
        row = table_rows(detail.payments_table)[0]
        assert row[6:9] == ["in", "Anna Berg", "Cecilia Norén"]
        assert MARK not in text(detail.query_one("#payment-summary", Static))


def test_budget_line_must_exist(sqlite_db):
    from shk_tui.errors import ValidationError
    from shk_tui.services.contracts import contract_edit

    try:
        contract_edit.save_contract(sqlite_db, {"title": "X", "budget_line_id": "999"})
    except ValidationError as exc:
        assert exc.errors == {"budget_line_id": "Budgetraden finns inte"}
    else:
        raise AssertionError("saved with a missing budget line")
    with sqlite_db.read() as s:
        assert s.exec(select(BudgetLine)).first() is None and s.exec(select(Contract)).first() is None
