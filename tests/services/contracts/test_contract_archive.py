"""Archiving, taking out of the archive and undoing an archive (SQLite and PostgreSQL): what a live contract
still has going on (counted), the undo putting back status, date and place, the version checks and the
audit rows."""

from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa

from shk_tui.enums import ContractStatus
from shk_tui.errors import StaleEdit
from shk_tui.services.contracts import contract_archive, contract_edit, contracts, payments

TODAY = date(2026, 11, 25)


def live_contract(db, **kw) -> int:
    values = {"title": "Ramavtal lokaler", "kind": "upphandling/ramavtal", "counterparty": "Västerås stad", "status": "aktivt",
              "starts_on": "2026-01-01", "ends_on": "2027-12-31", "amount": "90 000", "auto_renew": True,
              "renewal_months": "6"}
    values.update(kw)
    cid = contract_edit.save_contract(db, values)
    payments.add_payment(db, cid, "2026-10-01", "30 000")  # overdue on TODAY
    paid = payments.add_payment(db, cid, "2026-11-01", "30 000")
    payments.mark_paid(db, paid, "2026-11-01", "30 000", "Ver 1", today=TODAY)
    payments.add_payment(db, cid, "2027-02-01", "30 000,50")
    return cid


def audit_actions(db, cid: int) -> list[str]:
    with db.engine.connect() as conn:
        return conn.execute(sa.text("SELECT action FROM audit_entry WHERE table_name='contract' AND row_id=:i "
                                    "ORDER BY id"), {"i": cid}).scalars().all()


def test_a_live_contract_names_its_unpaid_payments_and_renewal_with_counts(db):
    cid = live_contract(db)
    d = contracts.get_contract(db, cid, TODAY)
    found = contract_archive.concerns(d)
    assert (found.unpaid, found.overdue, found.unpaid_ore, found.auto_renew) == (2, 1, 60_000_50, True)
    assert contract_archive.concerns_text(found, d.status) == (
        "Avtalet är aktivt och har 2 planerade utbetalningar kvar att betala (60 000,50 kr, varav 1 förfallen) "
        "och automatisk förlängning (6 mån i taget). Arkiveringen avslutar avtalet: utbetalningarna ligger kvar "
        "men avtalet förlängs inte längre. Arkivera ändå?")
    one = contract_archive.Concerns(1, 0, 30_000_00, False, None)
    assert "har 1 planerad utbetalning kvar att betala (30 000 kr)." in contract_archive.concerns_text(
        one, ContractStatus.UNDER_SIGNERING)


def test_nothing_to_warn_about_for_an_ended_or_settled_contract(db):
    cid = live_contract(db, status="avslutat")
    assert not contract_archive.concerns(contracts.get_contract(db, cid, TODAY))
    settled = contract_edit.save_contract(db, {"title": "Betalt", "status": "aktivt", "amount": "100"})
    assert not contract_archive.concerns(contracts.get_contract(db, settled, TODAY))


def test_undo_puts_back_status_date_and_place_and_is_version_checked(db):
    cid = live_contract(db)
    before = contracts.get_contract(db, cid, TODAY)
    done = contract_edit.archive_contract(db, cid, "2026-11-24", "Diariet, pärm 2026", TODAY,
                                          expected_version=before.version)
    assert (done.status, done.archived_on, done.title) == (ContractStatus.AKTIVT, None, "Ramavtal lokaler")
    archived = contracts.get_contract(db, cid, TODAY)
    assert archived.status == ContractStatus.AVSLUTAT and archived.archived_on == date(2026, 11, 24)
    assert done.version == archived.version
    contract_archive.undo_archive(db, done)
    back = contracts.get_contract(db, cid, TODAY)
    assert (back.status, back.archived_on, back.archive_location) == (ContractStatus.AKTIVT, None, "")
    with pytest.raises(StaleEdit):  # the contract changed after the archive: the undo no longer applies
        contract_archive.undo_archive(db, done)
    assert audit_actions(db, cid) == ["insert", "update", "update"]


def test_taking_a_contract_out_of_the_archive_keeps_its_place_and_status(db):
    cid = live_contract(db)
    contract_edit.archive_contract(db, cid, "2026-11-24", "Diariet", TODAY)
    d = contracts.get_contract(db, cid, TODAY)
    with pytest.raises(StaleEdit):
        contract_archive.unarchive_contract(db, cid, expected_version=d.version - 1)
    assert contract_archive.unarchive_contract(db, cid, expected_version=d.version) == "Ramavtal lokaler"
    out = contracts.get_contract(db, cid, TODAY)
    assert (out.archived_on, out.archive_location, out.status) == (None, "Diariet", ContractStatus.AVSLUTAT)
    assert out.version == d.version + 1
    assert [r.id for r in contracts.list_contracts(db, TODAY, flt=contracts.Filter.ARKIVERADE).rows] == []
    assert audit_actions(db, cid)[-1] == "update"
