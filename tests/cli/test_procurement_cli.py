"""``shk due`` shows the procurement (LOU), attest and decision warnings; ``shk report upphandling`` in
Markdown and CSV (SQLite and PostgreSQL); bad input exits 2 with one Swedish line."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from shk_tui.db.models import Contract, Initiative, Organisation, Payment
from shk_tui.enums import ContractStatus, Phase, ProcurementRoute
from tests.helpers.cli import run

TODAY = "2026-12-02"
D = ProcurementRoute.DIREKT


@pytest.fixture
def bought(db):
    with db.session() as s:
        a, b = Organisation(name="Konsult A AB"), Organisation(name="Konsult B AB")
        s.add_all([a, b])
        s.flush()

        def contract(title: str, org: Organisation, **fields) -> Contract:
            fields.setdefault("status", ContractStatus.AKTIVT)
            fields.setdefault("diarienummer", f"MDU 2026/{title[:4]}")
            c = Contract(title=title, counterparty_id=org.id, **fields)
            s.add(c)
            return c

        contract("Utvärdering", a, procurement_route=D, procurement_category="Konsulttjänster",
                 amount_ore=350_000_00, direct_award_documented=True, signed_on=date(2026, 2, 1))
        contract("Processtöd", b, procurement_route=D, procurement_category="Konsulttjänster",
                 amount_ore=350_000_00, direct_award_documented=True, signed_on=date(2026, 8, 1))
        contract("Filmer", b, procurement_route=D, procurement_category="Kommunikation", amount_ore=120_000_00,
                 signed_on=date(2026, 5, 1))
        contract("Lokaler", a, procurement_route=ProcurementRoute.AVROP, procurement_category="Lokaler",
                 amount_ore=900_000_00, signed_on=date(2026, 3, 1))
        licence = contract("Licens", a, procurement_route=D, procurement_category="IT", amount_ore=400_000_00,
                           direct_award_documented=True, starts_on=date(2026, 1, 1), ends_on=date(2026, 12, 31),
                           auto_renew=True, renewal_months=12, signed_on=date(2025, 12, 15))
        licence.payments.append(Payment(due_on=date(2026, 11, 20), amount_ore=200_000_00, paid_on=date(2026, 11, 20),
                                        paid_amount_ore=200_000_00, decided_by="Elin Bergström",
                                        attested_by="elin bergström"))
        s.add(Initiative(name="Trygga skolvägar", budget_ore=250_000_00, phase=Phase.FAS_1))
    return db


def test_due_shows_the_procurement_attest_and_decision_warnings(bought, capsys):
    code, out, err = run(capsys, "--db", bought.config.url, "due", "--today", TODAY)
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert "Upphandling (LOU) (4)" in lines
    assert "              Filmer: Direktupphandling över 100 000 kr utan dokumentation" in lines
    assert ("              Licens: Direktupphandling på 800 000 kr: inte under direktupphandlingsgränsen "
            "700 000 kr") in lines
    split = [line for line in lines if "Risk för otillåten uppdelning" in line]
    assert [line.split(":")[0].strip() for line in split] == ["Processtöd", "Utvärdering"]
    assert "Konsulttjänster 700 000 kr i 2 köp inom 12 månader" in split[0]
    assert "Attest: samma person beslutar och attesterar (1)" in lines
    assert ("  2026-11-20  Licens: 200 000 kr 2026-11-20 beslutad och attesterad av Elin Bergström" in lines)
    assert "Beslut saknas (1)" in lines
    assert any(line.startswith("              Trygga skolvägar: beslutade utgifter 250 000 kr") for line in lines)
    assert "Lokaler" not in out


def test_due_csv_names_the_section_and_row(bought, capsys):
    code, out, _ = run(capsys, "--db", bought.config.url, "due", "--today", TODAY, "--format", "csv")
    assert code == 0
    rows = list(csv.reader(io.StringIO(out.lstrip("\ufeff")), delimiter=";"))
    lou = [r for r in rows if r[0] == "Upphandling (LOU)"]
    assert len(lou) == 4 and {r[4] for r in lou} == {"avtal"} and all(r[5].isdigit() for r in lou)
    assert [r[4] for r in rows if r[0] == "Beslut saknas"] == ["portfolj"]


def test_report_upphandling_markdown(bought, capsys):
    code, out, err = run(capsys, "--db", bought.config.url, "report", "upphandling", "--today", TODAY)
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0] == "## Upphandling (LOU) per kategori 2026-12-02"
    assert "| Kategori | Värde 12 mån | Avtal | Upphandlingsväg | Status |" in lines
    rows = {line.split(" | ")[0].lstrip("| "): line for line in lines if line.startswith("| ") and "---" not in line}
    assert rows["Konsulttjänster"].startswith("| Konsulttjänster | 700 000 kr | 2 | Direktupphandling | Risk för "
                                              "otillåten uppdelning")
    assert rows["Lokaler"] == "| Lokaler | 900 000 kr | 1 | Avrop från ramavtal | ok |"
    assert rows["IT"] == ("| IT | 800 000 kr | 1 | Direktupphandling | Licens: Direktupphandling på 800 000 kr: "
                          "inte under direktupphandlingsgränsen 700 000 kr |")
    assert "Filmer: Direktupphandling över 100 000 kr utan dokumentation" in rows["Kommunikation"]
    assert any(line.startswith("Direktupphandlingsgräns 700 000 kr från 2022-02-01: LOU (SFS 2016:1145) 19 a kap.")
               for line in lines)
    assert "4 kategorier, 3 med varning" in out


def test_report_upphandling_csv_to_a_file(bought, capsys, tmp_path):
    target = tmp_path / "upphandling.csv"
    code, out, err = run(capsys, "--db", bought.config.url, "report", "upphandling", "--today", TODAY,
                         "--format", "csv", "-o", str(target))
    assert code == 0 and out == "" and f"Skrev {target}" in err
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Kategori", "Värde 12 mån", "Avtal", "Upphandlingsväg", "Status"]
    by_name = {r[0]: r for r in rows[1:]}
    assert by_name["Lokaler"] == ["Lokaler", "900000", "1", "Avrop från ramavtal", "ok"]
    assert by_name["Konsulttjänster"][1:3] == ["700000", "2"]
    assert by_name["Konsulttjänster"][4].startswith("Risk för otillåten uppdelning")


def test_report_upphandling_on_an_empty_database(sqlite_db, capsys):
    code, out, _ = run(capsys, "--db", sqlite_db.config.url, "report", "upphandling", "--today", TODAY)
    assert code == 0 and "Inga avtal med upphandlingskategori eller direktupphandling." in out


@pytest.mark.parametrize(("argv", "message"), [
    (("report", "upphandling", "--format", "xlsx"), "--format: ogiltigt val"),
    (("report", "upphandling", "--today", "igår"), "--today: Ogiltigt datum"),
])
def test_report_upphandling_bad_input_exits_2(sqlite_db, capsys, argv, message):
    code, out, err = run(capsys, "--db", sqlite_db.config.url, *argv)
    assert code == 2 and out == ""
    assert err.startswith("shk: ") and message in err and err.count("\n") == 1
