"""The contract's money fields and a payment's direction and attest through the services the Avtal forms use
(issue #18), on SQLite and PostgreSQL: saved, read back as form text, refused with Swedish messages; the list's
short procurement warnings and the filter "Upphandlingsvarningar"; a stale payment edit refused."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select

from shk_tui.db.models import Contract, Payment
from shk_tui.enums import PaymentDirection, ProcurementRoute
from shk_tui.errors import StaleEdit, ValidationError
from shk_tui.services.budget import budget
from shk_tui.services.contracts import contract_edit, contract_money, contracts, payments
from shk_tui.services.contracts.contracts import Filter

TODAY = date(2026, 12, 2)


def save(db, **values) -> int:
    return contract_edit.save_contract(db, {"title": "Konsult", "status": "aktivt", **values})


def test_money_fields_round_trip_and_refusals(db):
    line = budget.add_line(db, "Följeforskning", "verksamhet")
    cid = save(db, budget_line_id=str(line), budget_year="2026", procurement_route="direktupphandling",
               procurement_category="Konsulttjänster", estimated_value="650 000", direct_award_documented=True)
    values = contract_edit.form_values(db, cid)
    assert {k: values[k] for k in contract_money.FIELDS} == {
        "budget_line_id": str(line), "budget_year": "2026", "procurement_route": ProcurementRoute.DIREKT.value,
        "procurement_category": "Konsulttjänster", "estimated_value": "650 000", "direct_award_documented": True}
    assert contract_money.form_choices(db) == contract_money.FormChoices([("Följeforskning", str(line))],
                                                                         ["Konsulttjänster"])
    for bad, field, message in (
        ({"budget_year": "1999"}, "budget_year", "Ange ett år, 2000–2100"),
        ({"budget_line_id": "", "budget_year": "2026"}, "budget_year", "Välj budgetraden som året gäller"),
        ({"budget_line_id": str(line + 99)}, "budget_line_id", "Budgetraden finns inte"),
        ({"procurement_route": "köpt på torget"}, "procurement_route", "Okänt värde: köpt på torget"),
        ({"estimated_value": "-1"}, "estimated_value", "Värdet får inte vara negativt"),
        ({"procurement_category": "x" * 101}, "procurement_category", "Högst 100 tecken"),
    ):
        with pytest.raises(ValidationError) as refused:
            contract_edit.save_contract(db, {**values, **bad}, cid, expected_version=values["version"])
        assert refused.value.errors[field] == message
    with db.read() as s:
        assert s.get(Contract, cid).estimated_value_ore == 650_000_00  # nothing written by a refusal
    # emptied: nothing linked, the value computed again
    contract_edit.save_contract(db, {**values, "budget_line_id": "", "budget_year": "", "procurement_route": "",
                                     "estimated_value": "", "direct_award_documented": False}, cid)
    with db.read() as s:
        c = s.get(Contract, cid)
        assert (c.budget_line_id, c.budget_year, c.procurement_route, c.estimated_value_ore,
                c.direct_award_documented) == (None, None, None, None, False)


def test_payment_direction_and_attest(db):
    cid = save(db)
    pid = payments.add_payment(db, cid, "2027-01-15", "1 000", direction="inbetalning", decided_by=" Anna  Berg ",
                               attested_by="anna berg")
    money = contract_money.detail(db, cid, TODAY)
    assert money.payments[pid] == contract_money.PaymentMoney(PaymentDirection.IN, "Anna Berg", "anna berg")
    assert money.payments[pid].same_person and money.same_person_count == 1
    with db.read() as s:
        version = s.get(Payment, pid).version
    payments.update_payment(db, pid, "2027-01-15", "1 000", expected_version=version, direction="utbetalning",
                            attested_by="Cecilia Norén")
    with db.read() as s:
        p = s.get(Payment, pid)
        assert (p.direction, p.decided_by, p.attested_by) == (PaymentDirection.UT, "Anna Berg", "Cecilia Norén")
    with pytest.raises(StaleEdit):  # read before the change above
        payments.update_payment(db, pid, "2027-01-15", "1 000", expected_version=version, attested_by="Anna Berg")
    with pytest.raises(ValidationError) as refused:
        payments.add_payment(db, cid, "2027-02-15", "1 000", direction="åt sidan")
    assert refused.value.errors == {"direction": "Okänt värde: åt sidan"}


def test_list_shows_short_warnings_and_filters_them(db):
    over = save(db, title="Över gränsen", procurement_route="direktupphandling", amount="700 000")
    save(db, title="Avrop", procurement_route="avrop från ramavtal", amount="900 000")
    undocumented = save(db, title="Odokumenterad", procurement_route="direktupphandling", amount="120 000")
    rows = {r.title: r.warnings for r in contracts.list_contracts(db, TODAY).rows}
    assert "LOU: över gräns" in rows["Över gränsen"] and "LOU: ej dok." in rows["Odokumenterad"]
    assert not any(w.startswith("LOU") for w in rows["Avrop"])
    filtered = contracts.list_contracts(db, TODAY, flt=Filter.UPPHANDLING)
    assert sorted(r.id for r in filtered.rows) == sorted([over, undocumented])
    with db.session() as s:
        for c in s.exec(select(Contract)).all():
            c.procurement_route = ProcurementRoute.ANNONSERAD
    assert contracts.list_contracts(db, TODAY, flt=Filter.UPPHANDLING).rows == []
