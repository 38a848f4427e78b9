"""Contract and payment services on SQLite and PostgreSQL: form validation, saving, the list's
filters, payments, schedules, archiving, renewals and the Översikt rows."""

from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa

from shk_tui.enums import ContractStatus, PaymentStatus
from shk_tui.errors import ValidationError
from shk_tui.services.contracts import contract_attention as att
from shk_tui.services.contracts import contract_edit, contracts, payments
from shk_tui.services.contracts.contract_rules import Interval
from shk_tui.services.contracts.contracts import Filter

TODAY = date(2026, 11, 25)


def form(**kw):
    values = {"title": "Samarbetsavtal MDU", "kind": "samarbetsavtal", "counterparty": "Mälardalens universitet",
              "status": "aktivt", "starts_on": "2024-01-01", "ends_on": "2027-12-31", "amount": "1 272 000",
              "diarienummer": "MDU 2023/1234", "notice_months": "3"}
    values.update(kw)
    return values


def count(db, table):
    with db.engine.connect() as conn:
        return conn.execute(sa.text(f"SELECT count(*) FROM {table}")).scalar_one()


def test_save_creates_counterparty_and_reads_back(db):
    cid = contract_edit.save_contract(db, form(amount="1272000 kr"))
    d = contracts.get_contract(db, cid, TODAY)
    assert d.counterparty == "Mälardalens universitet" and d.amount_ore == 1_272_000_00
    assert d.notice_deadline == date(2027, 9, 30)
    assert count(db, "organisation") == 1
    values = contract_edit.form_values(db, cid)
    assert values["amount"] == "1 272 000" and values["ends_on"] == "2027-12-31"
    contract_edit.save_contract(db, {**values, "amount": "12 500,50"}, cid)
    assert contracts.get_contract(db, cid, TODAY).amount_ore == 12_500_50
    assert count(db, "organisation") == 1
    with db.engine.connect() as conn:
        actions = conn.execute(sa.text("SELECT action FROM audit_entry WHERE table_name='contract'")).scalars().all()
    assert actions == ["insert", "update"]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"ends_on": "2023-12-31"}, "ends_on"),
        ({"amount": "-5"}, "amount"),
        ({"amount": "mycket"}, "amount"),
        ({"notice_months": "37"}, "notice_months"),
        ({"notice_months": "tre"}, "notice_months"),
        ({"title": "  "}, "title"),
        ({"starts_on": "2024-13-01"}, "starts_on"),
        ({"responsible": "Ingen Alls"}, "responsible"),
    ],
)
def test_bad_input_saves_nothing(db, changes, field):
    with pytest.raises(ValidationError) as exc:
        contract_edit.save_contract(db, form(**changes))
    assert field in exc.value.errors
    assert count(db, "contract") == 0 and count(db, "organisation") == 0


def test_diarienummer_unique_when_set(db):
    contract_edit.save_contract(db, form(diarienummer="KS 2016-254/322"))
    with pytest.raises(ValidationError) as exc:
        contract_edit.save_contract(db, form(title="Annat avtal", diarienummer="ks 2016-254/322"))
    assert "används redan" in exc.value.errors["diarienummer"]
    contract_edit.save_contract(db, form(title="Utan dnr 1", diarienummer=""))
    contract_edit.save_contract(db, form(title="Utan dnr 2", diarienummer=""))
    assert count(db, "contract") == 3


def test_filters_and_search(db):
    a = contract_edit.save_contract(db, form(title="Ändras snart", ends_on="2026-12-20", diarienummer=""))
    b = contract_edit.save_contract(db, form(title="Avtal Z", diarienummer="Dnr KS 67/16", ends_on="2030-06-30"))
    c = contract_edit.save_contract(db, form(title="Gammalt", status="avslutat", diarienummer="X 1",
                                             ends_on="2025-06-30", counterparty="Västerås stad"))
    ids = lambda flt, **kw: [r.id for r in contracts.list_contracts(db, TODAY, flt=flt, **kw).rows]  # noqa: E731
    assert ids(Filter.ALLA) == [b, c, a]  # Swedish order: Ä after G and Z
    assert ids(Filter.AKTIVA) == [b, a]
    assert ids(Filter.INOM_30) == [a]
    assert ids(Filter.EJ_DIARIEFORDA) == [a]
    assert ids(Filter.EJ_ARKIVERADE) == [c]
    assert ids(Filter.ALLA, search="ks 67") == [b]
    assert ids(Filter.ALLA, search="västerås") == [c]
    initiatives, orgs = contracts.filter_options(db)
    vst = next(o.id for o in orgs if o.label == "Västerås stad")
    assert ids(Filter.ALLA, counterparty_id=vst) == [c]
    row = contracts.list_contracts(db, TODAY, flt=Filter.INOM_30).rows[0]
    assert "ej diarieförd" in row.warnings and "slutar ≤30 d" in row.warnings


def test_payments_schedule_mark_paid_and_status(db):
    cid = contract_edit.save_contract(db, form(amount="100 000,01"))
    ids = payments.generate_schedule(db, cid, "100 000,01", Interval.QUARTERLY, count="3", first_due="2026-08-31")
    d = contracts.get_contract(db, cid, TODAY)
    assert [p.due_on for p in d.payments] == [date(2026, 8, 31), date(2026, 11, 30), date(2027, 2, 28)]
    assert d.scheduled_ore == 100_000_01 and d.unscheduled_ore == 0
    assert [p.status for p in d.payments] == [PaymentStatus.FORFALLEN, PaymentStatus.PLANERAD, PaymentStatus.PLANERAD]
    assert [r.id for r in contracts.list_contracts(db, TODAY, flt=Filter.FORFALLNA).rows] == [cid]
    payments.mark_paid(db, ids[0], "2026-11-20", "10 000", "F-123", today=TODAY)
    assert contracts.get_contract(db, cid, TODAY).payments[0].status == PaymentStatus.FORFALLEN
    with pytest.raises(ValidationError) as exc:
        payments.mark_paid(db, ids[0], "", "30 000", today=TODAY)
    assert "återstår" in exc.value.errors["amount"]
    payments.mark_paid(db, ids[0], "", "23 333,33", "F-124", today=TODAY)
    p = contracts.get_contract(db, cid, TODAY).payments[0]
    assert p.status == PaymentStatus.BETALD and p.paid_on == TODAY and p.reference == "F-123, F-124"
    payments.mark_paid(db, ids[1], "2026-11-25", "1 000", today=TODAY)
    assert contracts.get_contract(db, cid, TODAY).payments[1].status == PaymentStatus.DELBETALD
    other = contract_edit.save_contract(db, form(title="Utan betalningar", diarienummer=""))
    assert contracts.list_contracts(db, TODAY, flt=Filter.FORFALLNA).rows == []  # the overdue one is paid now
    assert [r.id for r in contracts.list_contracts(db, TODAY, flt=Filter.BETALAS_30).rows] == [cid]  # 2026-11-30
    assert other not in [r.id for r in contracts.list_contracts(db, TODAY, flt=Filter.BETALAS_30).rows]
    assert contracts.get_contract(db, cid, TODAY).paid_ore == 33_333_33 + 1_000_00
    payments.unmark_paid(db, ids[1])
    payments.delete_payment(db, ids[2])
    d = contracts.get_contract(db, cid, TODAY)
    assert [p.status for p in d.payments] == [PaymentStatus.BETALD, PaymentStatus.PLANERAD]
    with pytest.raises(ValidationError):
        payments.add_payment(db, cid, "2026-13-01", "0")
    extra = payments.add_payment(db, cid, "2027-01-15", "5 000 kr", "extra")
    assert contracts.get_contract(db, cid, TODAY).payments[-1].amount_ore == 5_000_00
    with pytest.raises(ValidationError) as exc:
        payments.update_payment(db, ids[0], "2026-08-31", "1 000")  # 33 333,33 kr already paid
    assert "redan är betalt" in exc.value.errors["amount"]
    payments.update_payment(db, extra, "2027-03-31", "6 000", "flyttad")
    last = contracts.get_contract(db, cid, TODAY).payments[-1]
    assert (last.due_on, last.amount_ore, last.note) == (date(2027, 3, 31), 6_000_00, "flyttad")


def test_attention_items_with_known_dates(db):
    late = contract_edit.save_contract(db, form(title="Forskningsavtal", diarienummer="", ends_on="2027-01-31",
                                                notice_months="2"))
    payments.add_payment(db, late, "2026-11-24", "12 500")  # overdue since yesterday
    payments.add_payment(db, late, "2026-11-25", "7 000")  # due today: not overdue
    payments.add_payment(db, late, "2027-01-10", "1 000")  # later than 30 days
    old = contract_edit.save_contract(db, form(title="Klart avtal", status="avslutat", diarienummer="A 1",
                                               ends_on="2026-06-30"))
    renew = contract_edit.save_contract(db, form(title="Licens", auto_renew=True, renewal_months="12",
                                                 ends_on="2026-10-31", diarienummer="L 1", notice_months="1"))
    items = att.attention_items(db, TODAY)
    by_cat = {}
    for item in items:
        by_cat.setdefault(item.category, []).append(item)
    assert [i.text for i in by_cat[att.OVERDUE]] == ["Forskningsavtal: 12 500 kr förföll 2026-11-24 (1 dag sedan)"]
    assert by_cat[att.OVERDUE][0].target_id == late and by_cat[att.OVERDUE][0].severity == 0
    assert [i.when for i in by_cat[att.DUE_SOON]] == [TODAY]
    # notice deadline 2026-11-30 (in 5 days, band 30) and end 2027-01-31 (band 90)
    assert [(i.target_id, i.when, i.severity) for i in by_cat[att.banded(att.NOTICE, 30)]] == [
        (late, date(2026, 11, 30), 0)]
    assert [(i.target_id, i.severity) for i in by_cat[att.banded(att.ENDING, 90)]] == [(late, 2)]
    assert att.banded(att.NOTICE, 60) not in by_cat
    assert [i.target_id for i in by_cat[att.NO_DNR]] == [late]
    assert [i.target_id for i in by_cat[att.NOT_ARCHIVED]] == [old]
    assert [i.target_id for i in by_cat[att.RENEWED]] == [renew]
    assert "förlängs till 2027-10-31" in by_cat[att.RENEWED][0].text
    # persisting the renewal: audited, logged, still reported for 30 days, not twice
    rolled = contract_edit.roll_renewals(db, TODAY)
    assert [(r.id, r.new_end) for r in rolled] == [(renew, date(2027, 10, 31))]
    assert contract_edit.roll_renewals(db, TODAY) == []
    d = contracts.get_contract(db, renew, TODAY)
    assert d.ends_on == date(2027, 10, 31) and d.notes[0].text.startswith(att.RENEWAL_NOTE_PREFIX)
    renewed = [i for i in att.attention_items(db, TODAY) if i.category == att.RENEWED]
    assert len(renewed) == 1 and "2026-10-31 → 2027-10-31" in renewed[0].text
    # archiving removes it from the not-archived list
    contract_edit.archive_contract(db, old, "", "Diariet, pärm 3", TODAY)
    assert not [i for i in att.attention_items(db, TODAY) if i.category == att.NOT_ARCHIVED]
    d = contracts.get_contract(db, old, TODAY)
    assert d.archived_on == TODAY and d.archive_location == "Diariet, pärm 3"


def test_archive_sets_live_contract_ended_and_notes(db):
    cid = contract_edit.save_contract(db, form())
    with pytest.raises(ValidationError):
        contract_edit.archive_contract(db, cid, "igår", "", TODAY)
    contract_edit.archive_contract(db, cid, "2026-11-20", "", TODAY)
    assert contracts.get_contract(db, cid, TODAY).status == ContractStatus.AVSLUTAT
    with pytest.raises(ValidationError):
        contract_edit.add_note(db, cid, "  ", today=TODAY)
    contract_edit.add_note(db, cid, "Ringde MDU om fakturan", today=TODAY)
    note = contracts.get_contract(db, cid, TODAY).notes[0]
    author = "postgres" if db.dialect == "postgresql" else "testare"  # PostgreSQL: the database user
    assert (note.noted_on, note.text, note.author) == (TODAY, "Ringde MDU om fakturan", author)
    contract_edit.delete_contract(db, cid)
    assert count(db, "contract") == 0 and count(db, "contract_note") == 0


def test_responsible_contact_type_ahead_and_shared_names(db):
    from shk_tui.db.models import Contact, Organisation

    with db.session() as s:
        mdu, vst = Organisation(name="Mälardalens universitet"), Organisation(name="Västerås stad")
        s.add_all([mdu, vst])
        s.flush()
        s.add_all([Contact(first_name="Anna", last_name="Berg", organisation_id=mdu.id),
                   Contact(first_name="Anna", last_name="Berg", organisation_id=vst.id),
                   Contact(first_name="Anna", last_name="Bergström"),
                   Contact(first_name="Örjan", last_name="Östlund"),
                   Contact(first_name="Arkiv", last_name="Person", archived=True)])
    assert contract_edit.contact_suggestion(db, "anna b") == "Anna Berg (Mälardalens universitet)"
    assert contract_edit.contact_suggestion(db, "anna bergs") == "Anna Bergström"
    assert contract_edit.contact_suggestion(db, "örj") == "Örjan Östlund"
    assert contract_edit.contact_suggestion(db, "arkiv") is None
    assert contract_edit.contact_suggestion(db, "  ") is None
    with pytest.raises(ValidationError) as exc:
        contract_edit.save_contract(db, form(responsible="Anna Berg"))
    assert exc.value.errors["responsible"] == (
        "Flera heter så – välj bland förslagen: Anna Berg (Mälardalens universitet), Anna Berg (Västerås stad)")
    cid = contract_edit.save_contract(db, form(responsible="anna berg (västerås stad)"))
    assert contract_edit.form_values(db, cid)["responsible"] == "Anna Berg (Västerås stad)"
    assert contracts.get_contract(db, cid, TODAY).responsible == "Anna Berg"
    cid2 = contract_edit.save_contract(db, form(title="Annat", diarienummer="", responsible="Örjan Östlund"))
    assert contract_edit.form_values(db, cid2)["responsible"] == "Örjan Östlund"
    # typed in lower case: Å/Ä/Ö match too (SQL lower() folds ASCII only)
    cid3 = contract_edit.save_contract(db, form(title="Tredje", diarienummer="", responsible="örjan  östlund"))
    assert contract_edit.form_values(db, cid3)["responsible"] == "Örjan Östlund"


def test_counterparty_matches_whatever_the_case_of_å_ä_ö_or_its_short_name(db):
    first = contract_edit.save_contract(db, form(counterparty="Örebro universitet", diarienummer="ORU 1"))
    org = contracts.get_contract(db, first, TODAY).counterparty
    with db.session() as s:
        from shk_tui.db.models import Organisation

        oru = s.exec(sa.select(Organisation).where(Organisation.name == org)).scalar_one()
        oru.short_name = "ORU"
        s.add(oru)
    for i, typed in enumerate(("ÖREBRO UNIVERSITET", "oru")):
        cid = contract_edit.save_contract(db, form(counterparty=typed, diarienummer=f"ORU {i + 2}"),
                                          new_counterparty_ok=False)
        assert contracts.get_contract(db, cid, TODAY).counterparty == "Örebro universitet"
    assert count(db, "organisation") == 1
