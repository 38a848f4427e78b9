"""Who did it: on PostgreSQL the database user (what the server authenticated), on SQLite the OS user
or SHK_ACTOR — for the audit trail, an import's rows and a contract's follow-up notes alike."""

from __future__ import annotations

from datetime import date

from sqlmodel import select

from shk_tui.db.models import AuditEntry, ContractNote
from shk_tui.services.contracts import contract_edit


def test_a_follow_up_note_is_signed_by_the_database_user(db) -> None:  # noqa: ANN001
    cid = contract_edit.save_contract(db, {"title": "Samarbete", "status": "aktivt"})
    contract_edit.add_note(db, cid, "Ringde motparten", today=date(2026, 11, 25))
    expected = "postgres" if db.dialect == "postgresql" else "testare"
    with db.read() as s:
        assert [n.author for n in s.exec(select(ContractNote)).all()] == [expected]
        assert {e.actor for e in s.exec(select(AuditEntry)).all()} == {expected}
