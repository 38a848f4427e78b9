"""Shared pieces of the Avtal Pilot tests: count rows, add a contract directly, read a widget's text, type into a field."""

from __future__ import annotations

import sqlalchemy as sa
from textual.widgets import DataTable, Input

from shk_tui.services.contracts import contract_edit
from tests.helpers.tables import table_rows


def count(db, table: str) -> int:
    with db.engine.connect() as conn:
        return conn.execute(sa.text(f"SELECT count(*) FROM {table}")).scalar_one()


def add_contract(db, **kw) -> int:
    values = {"title": "Samarbetsavtal MDU", "kind": "samarbetsavtal", "counterparty": "Mälardalens universitet",
              "status": "aktivt", "starts_on": "2026-08-31", "ends_on": "2028-08-30", "amount": "100 000,01",
              "diarienummer": "MDU 2026/1"}
    values.update(kw)
    return contract_edit.save_contract(db, values)


def text(widget) -> str:
    return str(widget.render())


def attention_texts(app) -> list[str]:
    return [r[2] for r in table_rows(app.screen.query_one("#attention", DataTable))]


async def type_into(pilot, selector: str, value: str) -> None:
    widget = pilot.app.screen.query_one(selector, Input)
    widget.value = ""
    widget.focus()
    await pilot.press(*value) if value else None
