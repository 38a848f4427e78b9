"""Diarieföring (services.diarium) on SQLite and PostgreSQL: a signed contract or an initiative decision
over 200 000 kr without diarienummer one working day later is "Ska diarieföras" (Översikt, shk due,
the Avtal filter), never twice under "Aktiva avtal utan diarienummer"; the export for the registry."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from openpyxl import load_workbook

from shk_tui.db.models import Contact, Contract, Initiative, InitiativePartner, Organisation
from shk_tui.enums import ContractKind, ContractStatus, Phase
from shk_tui.services import attention
from shk_tui.services.contracts import contract_attention, contracts, diarium

FRIDAY = date(2026, 11, 20)


def _seed(db) -> dict[str, int]:
    with db.session() as s:
        vst = Organisation(name="Västerås stad")
        esk = Organisation(name="Eskilstuna kommun")
        elin = Contact(first_name="Elin", last_name="Bergström")
        s.add_all([vst, esk, elin])
        s.flush()

        def contract(title: str, signed: date | None, status=ContractStatus.AKTIVT, dnr=None) -> Contract:
            return Contract(title=title, kind=ContractKind.SAMARBETSAVTAL, counterparty_id=vst.id,
                            responsible_id=elin.id, signed_on=signed, status=status, diarienummer=dnr,
                            amount_ore=1_272_000_00)

        def decision(name: str, budget_ore: int, decided: date | None, note: str | None = None) -> Initiative:
            return Initiative(name=name, budget_ore=budget_ore, decided_on=decided, decided_by="Styrelse",
                              phase=Phase.FAS_1, owner_id=elin.id, decision_note=note)

        rows = {
            "friday": contract("Samverkansavtal Västerås", FRIDAY),
            "christmas": contract("Avtal före jul", date(2026, 12, 23), status=ContractStatus.UNDER_SIGNERING),
            "registered": contract("Diariefört avtal", date(2026, 1, 2), dnr="MDU 2026/0001"),
            "draft": contract("Utkast", date(2026, 1, 2), status=ContractStatus.UTKAST),
            "unsigned": contract("Aktivt utan datum", None),
            "over": decision("Trygga skolvägar", 250_000_00, FRIDAY),
            "exactly": decision("Lagom stort", 200_000_00, FRIDAY),
            "noted": decision("Redan diariefört", 900_000_00, FRIDAY, "Beslut i styrelsen. Dnr: MDU 2026/1234"),
            "undecided": decision("Inte beslutat", 900_000_00, None),
        }
        s.add_all(rows.values())
        s.flush()
        s.add_all([InitiativePartner(initiative_id=rows["over"].id, organisation_id=org.id) for org in (vst, esk)])
        return {k: v.id for k, v in rows.items()}


def _late(db, today: date) -> dict[tuple[str, int], diarium.Pending]:
    return {(p.kind, p.target_id): p for p in diarium.pending(db, today)}


def test_friday_signing_is_due_monday_and_listed_from_tuesday(db):
    ids = _seed(db)
    assert _late(db, date(2026, 11, 23)) == {}  # Monday: still in time
    late = _late(db, date(2026, 11, 24))
    assert set(late) == {("Avtal", ids["friday"]), ("Beslut", ids["over"])}
    contract = late[("Avtal", ids["friday"])]
    assert contract.register_by == date(2026, 11, 23) and contract.day == FRIDAY
    items = [i for i in attention.collect(db, date(2026, 11, 24)) if i.category == diarium.CATEGORY]
    assert {(i.section, i.target_id, i.when, i.severity) for i in items} == {
        ("avtal", ids["friday"], date(2026, 11, 23), 0), ("portfolj", ids["over"], date(2026, 11, 23), 0)}
    text = next(i.text for i in items if i.section == "avtal")
    assert text == ("Samverkansavtal Västerås (Västerås stad): signerat 2026-11-20, skulle ha diarieförts senast "
                    "2026-11-23 (1 dag sedan); fyll i diarienumret i avtalet")
    decision_text = next(i.text for i in items if i.section == "portfolj")
    assert "250 000 kr" in decision_text and "beslutsanteckningen" in decision_text


def test_signed_before_christmas_is_due_after_the_holidays(db):
    ids = _seed(db)
    key = ("Avtal", ids["christmas"])
    assert key not in _late(db, date(2026, 12, 28))  # 24th (julafton), 25th, 26th and Sunday are days off
    assert _late(db, date(2026, 12, 29))[key].register_by == date(2026, 12, 28)


def test_never_listed_registered_draft_unsigned_small_or_noted(db):
    ids = _seed(db)
    late = _late(db, date(2030, 1, 1))
    for name in ("registered", "draft", "unsigned"):
        assert ("Avtal", ids[name]) not in late
    for name in ("exactly", "noted", "undecided"):  # 200 000 kr is not over the threshold
        assert ("Beslut", ids[name]) not in late
    assert {k for k in late} == {("Avtal", ids["friday"]), ("Avtal", ids["christmas"]), ("Beslut", ids["over"])}


def test_entering_the_number_ends_the_reminder(db):
    ids = _seed(db)
    with db.session() as s:
        s.get(Contract, ids["friday"]).diarienummer = "KS 2026-112/322"
        s.get(Initiative, ids["over"]).decision_note = "dnr MDU 2026/77"
    assert _late(db, date(2026, 11, 24)) == {}


@pytest.mark.parametrize("note, dnr", [("Dnr MDU 2026/123", "MDU 2026/123"), ("dnr: 2026/45.", "2026/45"),
                                       ("Diarienummer KS 2026-112", "KS 2026-112"), ("Diarienr.2026/9", "2026/9")])
def test_decision_dnr_in_the_note(note, dnr):
    assert diarium.decision_dnr(note) == dnr


@pytest.mark.parametrize("note", [None, "", "Beslut i styrelsen", "Dnr saknas än", "Se dnr senare"])
def test_no_decision_dnr(note):
    assert diarium.decision_dnr(note) is None


def test_late_contract_not_listed_twice_and_the_avtal_filter(db):
    ids = _seed(db)
    today = date(2026, 11, 24)
    with db.session() as s:
        s.add(Contract(title="Signerat i dag", signed_on=today, status=ContractStatus.AKTIVT))
    by_cat: dict[str, set[str]] = {}
    for item in contract_attention.attention_items(db, today):
        by_cat.setdefault(item.category, set()).add(item.text.split(":")[0])
    # late ones are under "Ska diarieföras" only; the one signed today still in time stays here
    assert by_cat[contract_attention.NO_DNR] == {"Signerat i dag", "Aktivt utan datum"}
    assert contract_attention.avtal_filter(diarium.CATEGORY) == "SKA_DIARIEFORAS"
    listed = contracts.list_contracts(db, today, flt=contracts.Filter.SKA_DIARIEFORAS)
    assert [r.id for r in listed.rows] == [ids["friday"]]


def test_export_csv_and_xlsx_for_the_registry(db):
    ids = _seed(db)
    data = diarium.export(db, "csv")
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows == [
        ["Typ", "Datum", "Parter", "Ärende", "Vår referens", "Belopp", "Internt id"],
        ["Avtal", "2026-11-20", "Västerås stad", "Samverkansavtal Västerås", "Elin Bergström", "1272000",
         f"avtal {ids['friday']}"],
        ["Beslut", "2026-11-20", "Eskilstuna kommun, Västerås stad", "Beslut om initiativet Trygga skolvägar (Styrelse)",
         "Elin Bergström", "250000", f"initiativ {ids['over']}"],
        ["Avtal", "2026-12-23", "Västerås stad", "Avtal före jul", "Elin Bergström", "1272000",
         f"avtal {ids['christmas']}"],
    ]
    ws = load_workbook(io.BytesIO(diarium.export(db, "xlsx"))).active
    assert ws.title == "Att diarieföra"
    values = [[c.value for c in row] for row in ws.iter_rows()]
    assert values[0] == list(diarium.HEADER)
    assert values[2][0] == "Beslut" and values[2][1].date() == date(2026, 11, 20)  # a real date cell
    assert ws.cell(3, 2).number_format == "yyyy-mm-dd"
    assert values[1][5] == 1_272_000 and ws.cell(2, 6).number_format == '#,##0 "kr";-#,##0 "kr"'
    assert [v[6] for v in values[1:]] == [f"avtal {ids['friday']}", f"initiativ {ids['over']}",
                                         f"avtal {ids['christmas']}"]
