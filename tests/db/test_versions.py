"""Lost updates are refused: every edit path takes the version the form was opened at, and a save
based on an older one raises StaleEdit (listing what differs) while the other person's change stays.
On SQLite and PostgreSQL (the ``db`` fixture)."""

from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa

from shk_tui.db.models import Contact
from shk_tui.errors import StaleEdit
from shk_tui.services import versioning
from shk_tui.services.budget import applications, budget
from shk_tui.services.budget.applications import ApplicationInput
from shk_tui.services.contacts import contacts, organisations
from shk_tui.services.contacts.contacts import ContactInput
from shk_tui.services.contacts.organisations import OrganisationDetail
from shk_tui.services.contracts import contract_edit, contracts, payments
from shk_tui.services.events import event_edit
from shk_tui.services.portfolio import initiatives, portfolio, triage
from shk_tui.services.portfolio.initiatives import InitiativeInput

TODAY = date(2026, 11, 25)


def test_contact_stale_save_is_refused_and_the_other_change_stays(db):
    cid = contacts.save(db, ContactInput(first_name="Anna", last_name="Berg", title="Lektor"))
    opened = contacts.get(db, cid)
    contacts.save(db, ContactInput(first_name="Anna", last_name="Berg", title="Professor"), cid,
                  expected_version=opened.version)
    with pytest.raises(StaleEdit) as err:
        contacts.save(db, ContactInput(first_name="Anna", last_name="Berg", title="Lektor", phone="070-123 45 67"),
                      cid, expected_version=opened.version)
    assert err.value.message == "Posten har ändrats av någon annan sedan du öppnade den"
    assert err.value.changes["Titel"] == ("Lektor", "Professor")
    now = contacts.get(db, cid)
    assert now.title == "Professor" and now.phone == "" and now.version == opened.version + 1
    contacts.save(db, ContactInput(first_name="Anna", last_name="Berg", title="Docent"), cid,
                  expected_version=now.version)  # reloaded: saves
    assert contacts.get(db, cid).title == "Docent"


def test_contact_archive_on_an_old_version_is_refused(db):
    cid = contacts.save(db, ContactInput(first_name="Bo"))
    opened = contacts.get(db, cid)
    contacts.save(db, ContactInput(first_name="Bo", last_name="Ek"), cid)
    with pytest.raises(StaleEdit):
        contacts.set_archived(db, cid, True, expected_version=opened.version)
    assert contacts.get(db, cid).archived is False


def test_organisation_stale_save(db):
    oid = organisations.save(db, OrganisationDetail(None, "Region Örebro län"))
    opened = organisations.get(db, oid)
    organisations.save(db, OrganisationDetail(oid, opened.name, city="Örebro", version=opened.version))
    with pytest.raises(StaleEdit) as err:
        organisations.save(db, OrganisationDetail(oid, opened.name, note="Min anteckning", version=opened.version))
    assert err.value.changes["Ort"] == ("", "Örebro")
    assert organisations.get(db, oid).city == "Örebro" and organisations.get(db, oid).note == ""


def _contract(db) -> int:
    return contract_edit.save_contract(db, {"title": "Samarbete", "status": "aktivt", "note": "Ursprunglig"})


def test_contract_archived_meanwhile_stays_archived(db):
    cid = _contract(db)
    opened = contract_edit.form_values(db, cid)
    contract_edit.archive_contract(db, cid, "2026-11-20", "Registraturen", TODAY,
                                   expected_version=contracts.get_contract(db, cid, TODAY).version)
    with pytest.raises(StaleEdit) as err:
        contract_edit.save_contract(db, {**opened, "note": "Min ändring"}, cid, expected_version=opened["version"])
    assert err.value.changes["Status"] == ("Aktivt", "Avslutat")
    assert err.value.changes["Arkiverat"] == ("", "2026-11-20")
    detail = contracts.get_contract(db, cid, TODAY)
    assert detail.archived_on == date(2026, 11, 20) and detail.note == "Ursprunglig"


def test_contract_archive_based_on_an_old_read_is_refused(db):
    cid = _contract(db)
    seen = contracts.get_contract(db, cid, TODAY)
    values = contract_edit.form_values(db, cid)
    contract_edit.save_contract(db, {**values, "status": "uppsagt"}, cid, expected_version=values["version"])
    with pytest.raises(StaleEdit):
        contract_edit.archive_contract(db, cid, "", "Arkivet", TODAY, expected_version=seen.version)
    assert contracts.get_contract(db, cid, TODAY).archived_on is None


def test_payment_edit_and_undo_on_an_old_version_are_refused(db):
    cid = _contract(db)
    pid = payments.add_payment(db, cid, "2026-12-31", "1 000")
    seen = contracts.get_contract(db, cid, TODAY).payments[0]
    payments.mark_paid(db, pid, "2026-11-25", "100", today=TODAY)
    with pytest.raises(StaleEdit):
        payments.update_payment(db, pid, "2027-01-31", "1 000", expected_version=seen.version)
    with pytest.raises(StaleEdit):
        payments.unmark_paid(db, pid, expected_version=seen.version)
    row = contracts.get_contract(db, cid, TODAY).payments[0]
    assert row.paid_amount_ore == 10_000 and row.due_on == date(2026, 12, 31)


def test_initiative_stale_save_and_board_move(db):
    iid = initiatives.save(db, InitiativeInput(name="Trygg skolväg", next_step="Möte"))
    opened = initiatives.get(db, iid).values
    card = portfolio.card(db, iid)
    initiatives.save(db, InitiativeInput(**{**vars(opened), "next_step": "Workshop"}), iid)
    with pytest.raises(StaleEdit) as err:
        initiatives.save(db, InitiativeInput(**{**vars(opened), "note": "Min"}), iid)
    assert err.value.changes["Nästa steg"] == ("Möte", "Workshop")
    with pytest.raises(StaleEdit):
        portfolio.move_phase(db, iid, +1, expected_version=card.version)
    now = initiatives.get(db, iid).values
    assert now.next_step == "Workshop" and now.note == "" and now.phase == "förslag"


def test_triage_of_a_proposal_changed_meanwhile_is_refused(db):
    iid = initiatives.save(db, InitiativeInput(name="Förslag A"))
    proposal = triage.triage_queue(db)[0]
    initiatives.save(db, InitiativeInput(**{**vars(initiatives.get(db, iid).values), "budget": "50 000",
                                                                                "budget_source": "ordinarie"}), iid)
    decision = triage.TriageDecision(phase=portfolio.Phase.UTFORSKAS, focus_area=proposal.focus_area,
                                     budget_ore=0, budget_source=proposal.budget_source)
    with pytest.raises(StaleEdit) as err:
        triage.triage(db, iid, decision, TODAY, expected_version=proposal.version)
    assert err.value.changes["Budget"] == ("0 kr", "50 000 kr")
    assert initiatives.get(db, iid).values.phase == "förslag"


def test_event_stale_save(db):
    eid = event_edit.save_event(db, {"title": "Träff", "starts_at": "2026-12-03 13:00"})
    opened = event_edit.get_event(db, eid)
    event_edit.save_event(db, {**opened.form_values(), "city": "Umeå"}, eid, expected_version=opened.version)
    with pytest.raises(StaleEdit) as err:
        event_edit.save_event(db, {**opened.form_values(), "title": "Träff 2"}, eid, expected_version=opened.version)
    assert err.value.changes["Ort"] == ("", "Umeå")
    now = event_edit.get_event(db, eid)
    assert now.city == "Umeå" and now.title == "Träff"


def test_budget_figure_stale_save(db):
    line = budget.add_line(db, "Personal", "kostnader")
    budget.set_figure(db, line, 2026, "budget", "100 000")
    opened = budget.table(db).rows[0].cells[2026]
    budget.set_figure(db, line, 2026, "budget", "120 000", expected_version=opened.version)
    with pytest.raises(StaleEdit) as err:
        budget.set_figure(db, line, 2026, "budget", "90 000", expected_version=opened.version)
    assert err.value.changes["Budget"] == ("90 000 kr", "120 000 kr")
    assert budget.table(db).rows[0].cells[2026].budget_ore == 12_000_000


def test_budget_figure_created_meanwhile(db):
    line = budget.add_line(db, "Resor", "kostnader")
    empty = budget.table(db, [2027]).rows[0].cells[2027]
    assert empty.version == 0
    budget.set_figure(db, line, 2027, "budget", "5 000")
    with pytest.raises(StaleEdit):
        budget.set_figure(db, line, 2027, "budget", "7 000", expected_version=empty.version)
    assert budget.table(db, [2027]).rows[0].cells[2027].budget_ore == 500_000


def test_application_stale_save(db):
    aid = applications.save(db, ApplicationInput(title="Vinnova", amount="100 000"))
    opened = applications.get(db, aid)
    applications.save(db, ApplicationInput(**{**vars(opened), "status": "inskickad",
                                                          "submitted_on": "2026-11-01"}), aid)
    with pytest.raises(StaleEdit):
        applications.save(db, ApplicationInput(**{**vars(opened), "note": "Min"}), aid)
    assert applications.get(db, aid).status == "inskickad"


def test_a_write_between_read_and_flush_is_stale_too(db):
    """The version counter in the UPDATE itself: the row changed after this transaction read it."""
    cid = contacts.save(db, ContactInput(first_name="Cecilia"))
    with pytest.raises(StaleEdit):
        with versioning.session(db) as s:
            contact = s.get(Contact, cid)
            s.execute(sa.text("UPDATE contact SET version = version + 1, title = 'X' WHERE id = :id"), {"id": cid})
            contact.note = "Min"
    detail = contacts.get(db, cid)
    assert detail.note == "" and detail.version == 1
