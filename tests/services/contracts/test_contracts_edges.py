"""Edge cases of the contract services found at the acceptance audit (SQLite and PostgreSQL): a
diarienummer that differs only in the case of Å/Ä/Ö, dates outside what the calendar rules can
move, a responsible contact archived or erased since, text too long for its column, amounts too
big, rows deleted meanwhile."""

from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa

from shk_tui.errors import NotFound, ValidationError
from shk_tui.services.contracts import contract_edit, contracts, payments
from shk_tui.services.contracts import contract_rules as rules
from shk_tui.services.contracts.contract_rules import Interval
from tests.services.contracts.test_contracts_service import TODAY, count, form


@pytest.mark.parametrize("again", ["ÖK 2024/7", "ök 2024/7", "Ök 2024/7"])
def test_diarienummer_clash_in_any_case_of_å_ä_ö_is_a_message_not_a_crash(db, again):
    contract_edit.save_contract(db, form(diarienummer="ÖK 2024/7"))
    with pytest.raises(ValidationError) as err:
        contract_edit.save_contract(db, form(title="Ett annat avtal", diarienummer=again))
    assert err.value.errors["diarienummer"] == "Diarienumret används redan av Samarbetsavtal MDU"
    assert count(db, "contract") == 1


def test_saving_a_contract_keeps_its_own_diarienummer(db):
    cid = contract_edit.save_contract(db, form(diarienummer="ÄK 1"))
    contract_edit.save_contract(db, {**contract_edit.form_values(db, cid), "title": "Nytt namn"}, cid)
    assert contracts.get_contract(db, cid, TODAY).title == "Nytt namn"


@pytest.mark.parametrize("field", ["ends_on", "starts_on", "signed_on", "registered_on", "archived_on"])
def test_dates_outside_the_calendar_rules_are_refused(db, field):
    values = form(**{field: "0001-01-15"}) if field != "ends_on" else form(starts_on="", ends_on="0001-01-15")
    with pytest.raises(ValidationError) as err:
        contract_edit.save_contract(db, values)
    assert "mellan år 1900 och 2200" in err.value.errors[field]
    with pytest.raises(ValidationError):
        contract_edit.save_contract(db, form(**{"starts_on": "", "ends_on": "9999-12-31", field: "9999-12-31"}))
    assert count(db, "contract") == 0


def test_rules_never_leave_the_calendar():
    assert rules.add_months(date(1, 2, 15), -3) == date.min
    assert rules.add_months(date(9999, 11, 30), 3) == date.max
    assert rules.notice_deadline(date(1, 1, 15), 36) == date.min


def test_a_stored_date_at_the_edge_of_the_calendar_does_not_break_the_lists(db):
    cid = contract_edit.save_contract(db, form(auto_renew=True, renewal_months="12"))
    with db.engine.begin() as conn:
        conn.execute(sa.text("UPDATE contract SET starts_on = NULL, ends_on = :d WHERE id = :i"), {"d": date(1, 1, 15), "i": cid})
    assert [r.id for r in contracts.list_contracts(db, TODAY).rows] == [cid]
    assert contracts.get_contract(db, cid, TODAY).notice_deadline is not None


@pytest.mark.parametrize(("first", "count_"), [("9999-06-01", "12"), ("1899-12-31", "1")])
def test_a_schedule_beyond_the_calendar_is_a_message(db, first, count_):
    cid = contract_edit.save_contract(db, form())
    with pytest.raises(ValidationError) as err:
        payments.preview_schedule("1 000", Interval.MONTHLY, count_, first)
    assert "first_due" in err.value.errors
    with pytest.raises(ValidationError):
        payments.generate_schedule(db, cid, "1 000", Interval.MONTHLY, count_, first)
    with pytest.raises(ValidationError) as err:
        payments.add_payment(db, cid, "0001-01-01", "1 000")
    assert "due_on" in err.value.errors
    assert count(db, "payment") == 0


def test_a_responsible_contact_archived_or_erased_since_does_not_block_saving(db):
    from shk_tui.db.models import Contact

    with db.session() as s:
        person = Contact(first_name="Örjan", last_name="Åberg")
        s.add(person)
        s.flush()
        pid = person.id
    cid = contract_edit.save_contract(db, form(responsible="örjan åberg"))
    with db.engine.begin() as conn:
        conn.execute(sa.text("UPDATE contact SET archived = :t WHERE id = :i"), {"t": True, "i": pid})
    values = contract_edit.form_values(db, cid)
    assert values["responsible"] == "Örjan Åberg"
    contract_edit.save_contract(db, {**values, "title": "Ändrat"}, cid)
    assert contracts.get_contract(db, cid, TODAY).responsible == "Örjan Åberg"
    # cleared on purpose: saved without anyone
    contract_edit.save_contract(db, {**values, "responsible": ""}, cid)
    assert contracts.get_contract(db, cid, TODAY).responsible == ""


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": "x" * 201}, "title"),
        ({"diarienummer": "x" * 101}, "diarienummer"),
        ({"archive_location": "x" * 201}, "archive_location"),
        ({"document_ref": "x" * 301}, "document_ref"),
        ({"counterparty": "Ö" * 201}, "counterparty"),
        ({"amount": "100 000 000 000 000"}, "amount"),
        ({"renewal_months": "121"}, "renewal_months"),
    ],
)
def test_too_long_or_too_big_input_is_a_message_beside_the_field(db, changes, field):
    with pytest.raises(ValidationError) as err:
        contract_edit.save_contract(db, form(**changes))
    assert field in err.value.errors
    assert count(db, "contract") == 0


def test_payment_input_too_big_or_too_long(db):
    cid = contract_edit.save_contract(db, form())
    with pytest.raises(ValidationError) as err:
        payments.add_payment(db, cid, "2026-12-01", "100 000 000 000 000")
    assert "amount" in err.value.errors
    pid = payments.add_payment(db, cid, "2026-12-01", "1 000")
    with pytest.raises(ValidationError) as err:
        payments.mark_paid(db, pid, "", "1 000", "R" * 101, today=TODAY)
    assert "reference" in err.value.errors
    payments.mark_paid(db, pid, "", "400", "R" * 100, today=TODAY)
    payments.mark_paid(db, pid, "", "600", "Ver 2", today=TODAY)  # the joined reference is cut, not refused
    detail = contracts.get_contract(db, cid, TODAY)
    assert detail.paid_ore == 1_000_00 and len(detail.payments[0].reference) == 100


def test_rows_deleted_meanwhile_are_not_found(db):
    cid = contract_edit.save_contract(db, form())
    pid = payments.add_payment(db, cid, "2026-12-01", "1 000")
    contract_edit.delete_contract(db, cid)
    for call in (
        lambda: payments.add_payment(db, cid, "2026-12-01", "1 000"),
        lambda: payments.mark_paid(db, pid, "", "1", today=TODAY),
        lambda: payments.unmark_paid(db, pid),
        lambda: payments.update_payment(db, pid, "2026-12-01", "1"),
        lambda: payments.generate_schedule(db, cid, "1 000", Interval.MONTHLY, "2", "2026-12-01"),
        lambda: contract_edit.add_note(db, cid, "Ringde", today=TODAY),
        lambda: contract_edit.archive_contract(db, cid, "", "", TODAY),
        lambda: contract_edit.save_contract(db, form(), cid),
        lambda: contracts.get_contract(db, cid, TODAY),
    ):
        with pytest.raises(NotFound):
            call()


def test_type_ahead_of_the_responsible_folds_å_ä_ö_in_every_word(db):
    from shk_tui.db.models import Contact

    with db.session() as s:
        s.add_all([Contact(first_name="Örjan", last_name="Östlund"), Contact(first_name="Åsa", last_name="Ängel"),
                   Contact(first_name="Per_Olof", last_name="Ek")])
    assert contract_edit.contact_suggestion(db, "örjan ö") == "Örjan Östlund"
    assert contract_edit.contact_suggestion(db, "ÅSA ÄN") == "Åsa Ängel"
    assert contract_edit.contact_suggestion(db, "per_") == "Per_Olof Ek"
    assert contract_edit.contact_suggestion(db, "per%") is None


def test_an_initiative_id_the_database_cannot_hold_is_a_message(db):
    with pytest.raises(ValidationError) as err:
        contract_edit.save_contract(db, form(initiative_id="99999999999999999999"))
    assert err.value.errors["initiative_id"] == "Initiativet finns inte"


def test_a_long_user_name_still_signs_the_note(db, monkeypatch):
    monkeypatch.setenv("SHK_ACTOR", "x" * 150)
    cid = contract_edit.save_contract(db, form())
    contract_edit.add_note(db, cid, "Ringde motparten", today=TODAY)
    # SHK_ACTOR is cut to the column's 100 characters; PostgreSQL signs with the database user instead
    expected = "postgres" if db.dialect == "postgresql" else "x" * 100
    assert contracts.get_contract(db, cid, TODAY).notes[0].author == expected


def test_a_clash_the_checks_did_not_see_is_still_a_message(db, monkeypatch):
    contract_edit.save_contract(db, form(diarienummer="KS 1"))
    monkeypatch.setattr(contract_edit, "_dnr_clash", lambda *a: None)  # as if saved by someone else meanwhile
    with pytest.raises(ValidationError) as err:
        contract_edit.save_contract(db, form(title="Annat", diarienummer="KS 1"))
    assert err.value.errors == {"diarienummer": "Diarienumret används redan av ett annat avtal"}
    assert count(db, "contract") == 1


def test_search_matches_every_word_in_any_field_and_order(db):
    a = contract_edit.save_contract(db, form(title="Följeforskning äldre", diarienummer="MDU 2023/1"))
    contract_edit.save_contract(db, form(title="Följeforskning skola", diarienummer="KS 9", counterparty="Västerås stad"))
    found = lambda text: [r.id for r in contracts.list_contracts(db, TODAY, search=text).rows]  # noqa: E731
    assert found("ÄLDRE följeforskning") == [a]
    assert found("mälardalens  2023/1") == [a]
    assert len(found("följeforskning")) == 2
    assert found("följeforskning örebro") == []


def test_the_no_diarienummer_filter_lists_what_översikt_counts(db):
    from shk_tui.services import attention
    from shk_tui.services.contracts.contracts import Filter

    active = contract_edit.save_contract(db, form(title="Aktivt", diarienummer=""))
    contract_edit.save_contract(db, form(title="Signeras", diarienummer="", status="under signering"))
    contract_edit.save_contract(db, form(title="Utkast", diarienummer="", status="utkast"))
    listed = [r.id for r in contracts.list_contracts(db, TODAY, flt=Filter.EJ_DIARIEFORDA).rows]
    counted = [i.target_id for i in attention.collect(db, TODAY) if i.category == "Aktiva avtal utan diarienummer"]
    assert listed == counted == [active]


def test_exported_text_is_never_run_as_a_formula(db):
    import io

    from openpyxl import load_workbook

    from shk_tui.services.contracts import contract_export

    contract_edit.save_contract(db, form(title='=HYPERLINK("http://x.example","klicka")', diarienummer="-KS 1"))
    csv_text = contract_export.contracts(db, TODAY, "csv").decode("utf-8-sig")
    assert ';"\'=HYPERLINK(""http://x.example"",""klicka"")";' in csv_text and ";'-KS 1;" in csv_text
    sheet = load_workbook(io.BytesIO(contract_export.contracts(db, TODAY, "xlsx"))).active
    title = sheet.cell(2, 2)
    assert title.data_type == "s" and title.value == '=HYPERLINK("http://x.example","klicka")'


@pytest.mark.parametrize("title", ["Avtal", "Öppet hus", "Ägarskifte", "åland", "ÅÄÖ å ä ö", "Æble", "Ørsted",
                                   "Über", "Café Ängen", "Straße", "", "x [1]"])
def test_the_lists_title_key_is_sv_key(title):
    """The list's fast sort key (the replaces for å ä ö) orders exactly as ``sv_key``."""
    from shk_tui.fmt import sv_key

    assert contracts._title_key(title) == sv_key(title)


def test_the_list_is_in_swedish_title_order(db):
    for n, title in enumerate(["Örebro", "Zeta", "Ärende", "alfa", "Åtgärd", "Æble", "Beta"]):
        contract_edit.save_contract(db, form(title=title, diarienummer=f"D {n}"))
    titles = [r.title for r in contracts.list_contracts(db, TODAY).rows]
    assert titles == ["alfa", "Beta", "Zeta", "Åtgärd", "Æble", "Ärende", "Örebro"]
