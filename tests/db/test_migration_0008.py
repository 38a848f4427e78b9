"""Migration 0008 (money, #18) on a database with data, on both backends: existing rows keep their
values and ids and get the defaults (utbetalning, extern finansiär, not documented); an initiative's
``decided_by`` naming a body fills ``decision_body``; the new constraints hold; a downgrade gives back
0007's schema (SQLite: exactly the reference) and the upgrade runs again."""

from __future__ import annotations

import sqlite3

import pytest
import sqlalchemy as sa
from alembic import command
from sqlalchemy.exc import IntegrityError

from shk_tui.db import migrate, schema_check
from shk_tui.db.models import BudgetYear, Contract, FundingApplication, Initiative, Payment
from shk_tui.enums import DecisionBody, FunderKind, PaymentDirection

T = "'2024-01-01'"


def _alembic(db, step, revision: str) -> None:  # noqa: ANN001
    cfg = migrate.alembic_config(db)
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        step(cfg, revision)


def _rows_as_0007_left_them(db) -> None:  # noqa: ANN001
    false = "false" if db.dialect == "postgresql" else "0"
    with db.engine.begin() as c:
        for sql in (
            f"INSERT INTO organisation (id, created_at, updated_at, name, kind, archived) "
            f"VALUES (3, {T}, {T}, 'Lev AB', 'näringsliv', {false})",
            f"INSERT INTO contract (id, created_at, updated_at, title, kind, counterparty_id, auto_renew, renewal_months, "
            f"amount_ore, status) VALUES (5, {T}, {T}, 'Avtal', 'konsultavtal', 3, {false}, 12, 40000000, 'aktivt')",
            f"INSERT INTO payment (id, created_at, updated_at, contract_id, due_on, amount_ore) "
            f"VALUES (8, {T}, {T}, 5, '2024-03-01', 100000)",
            f"INSERT INTO payment (id, created_at, updated_at, contract_id, due_on, amount_ore) "
            f"VALUES (9, {T}, {T}, 5, '2024-04-01', 100000)",
            "DELETE FROM payment WHERE id = 9",  # its id is never handed out again
            f"INSERT INTO initiative (id, created_at, updated_at, name, focus_area, kind, phase, budget_ore, budget_source, "
            f"pilot_ore, decided_by) VALUES (11, {T}, {T}, 'Med styrelsebeslut', 'barn', 'innovation', 'fas 1', "
            f"30000000, 'ordinarie', 0, '  Core   team ')",
            f"INSERT INTO initiative (id, created_at, updated_at, name, focus_area, kind, phase, budget_ore, budget_source, "
            f"pilot_ore, decided_by) VALUES (12, {T}, {T}, 'Beslutat av en person', 'barn', 'innovation', 'fas 1', "
            f"10000000, 'ordinarie', 0, 'Anna Andersson')",
            f"INSERT INTO budget_line (id, created_at, updated_at, name, \"group\", position) "
            f"VALUES (2, {T}, {T}, 'Rad', 'verksamhet', 0)",
            f"INSERT INTO budget_year (id, created_at, updated_at, line_id, year, budget_ore) VALUES (4, {T}, {T}, 2, 2024, 500)",
            f"INSERT INTO funding_application (id, created_at, updated_at, title, amount_ore, status) "
            f"VALUES (6, {T}, {T}, 'Ansökan', 1000, 'beviljad')",
        ):
            c.exec_driver_sql(sql)
        if db.dialect == "postgresql":  # explicit ids leave a sequence behind; the app never gives them
            c.exec_driver_sql("SELECT setval('payment_id_seq', 9)")


def test_0008_upgrades_a_database_with_data(db) -> None:  # noqa: ANN001
    _alembic(db, command.downgrade, "0007")
    _rows_as_0007_left_them(db)
    assert migrate.upgrade(db)
    assert migrate.current(db) == migrate.head()
    with db.read() as s:
        contract = s.get(Contract, 5)
        assert (contract.title, contract.amount_ore, contract.renewal_months, contract.version) == ("Avtal", 400_000_00, 12, 1)
        assert contract.direct_award_documented is False
        assert (contract.budget_line_id, contract.budget_year, contract.procurement_route,
                contract.procurement_category, contract.estimated_value_ore) == (None, None, None, None, None)
        payment = s.get(Payment, 8)
        assert (payment.direction, payment.decided_by, payment.attested_by) == (PaymentDirection.UT, None, None)
        assert s.get(Initiative, 11).decision_body is DecisionBody.CORE_TEAM
        assert s.get(Initiative, 11).version == 1
        assert s.get(Initiative, 12).decision_body is None  # a person's name names no body
        year = s.get(BudgetYear, 4)
        assert (year.budget_ore, year.adjustment_ore, year.adjustment_reason) == (500, None, None)
        application = s.get(FundingApplication, 6)
        assert (application.funder_kind, application.sk_share_ore, application.granted_ore) == (FunderKind.EXTERN, None, None)
    # the new links and rules hold in the upgraded database
    with db.session() as s:
        contract = s.get(Contract, 5)
        contract.budget_line_id, contract.budget_year = 2, 2024
    with pytest.raises(IntegrityError), db.session() as s:
        s.get(BudgetYear, 4).adjustment_ore = 100  # an adjustment without a reason
    with pytest.raises(IntegrityError), db.session() as s:
        s.get(Contract, 5).budget_year = 1999
    with db.engine.begin() as c:  # ids are still never reused (9 was deleted before the upgrade)
        c.exec_driver_sql(f"INSERT INTO payment (created_at, updated_at, contract_id, due_on, amount_ore) "
                          f"VALUES ({T}, {T}, 5, '2024-04-01', 1)")
        assert c.exec_driver_sql("SELECT max(id) FROM payment").scalar() == 10
    with db.session() as s:  # deleting the line unlinks the contract
        s.delete(s.get(BudgetYear, 4))
    with db.engine.begin() as c:
        if db.dialect == "sqlite":
            c.exec_driver_sql("PRAGMA foreign_keys = ON")
        c.exec_driver_sql("DELETE FROM budget_line WHERE id = 2")
    with db.read() as s:
        assert s.get(Contract, 5).budget_line_id is None


def test_0008_down_gives_0007s_schema_and_up_again(db, tmp_path) -> None:  # noqa: ANN001
    _alembic(db, command.downgrade, "0007")
    if db.dialect == "sqlite":
        expected = schema_check.reference("0007", tmp_path / "ref.sqlite3")
        with sqlite3.connect(db.config.sqlite_path) as conn:
            found = schema_check.read(conn)
        assert schema_check.differences(found, expected) == []
    else:
        columns = {c["name"] for c in sa.inspect(db.engine).get_columns("payment")}
        assert "direction" not in columns
    assert migrate.upgrade(db)
    assert migrate.current(db) == migrate.head()
