"""``shk report prognos`` on the example data in md, csv and xlsx (read back with openpyxl), with the
board's figures; bad input exits 2 with one Swedish line; ``shk report`` still holds beslutsunderlag."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from shk_tui import cli
from tests.helpers.cli import run

TODAY = "2026-11-25"


@pytest.fixture
def demo_path(tmp_path, capsys):
    path = tmp_path / "shk.sqlite3"
    assert cli.main(["--db", str(path), "demo", "--today", TODAY]) == 0
    capsys.readouterr()
    return str(path)


def test_markdown_to_stdout(demo_path, capsys):
    code, out, _ = run(capsys, "--db", demo_path, "report", "prognos", "--year", "2022", "--today", TODAY)
    assert code == 0
    assert out.startswith("## Prognos 2022\n") and "2022 är avslutat: prognosen är utfallet" in out
    assert "| Budgetrad | Budget | Utfall | Bundet | Prognos | Avvikelse |" in out
    assert ("| **Totalt** | **15 250 000 kr** | **8 242 920 kr** | **0 kr** | **8 242 920 kr** | **−7 007 080 kr** |"
            in out)
    assert "| Följeforskning | 1 500 000 kr | 1 568 781 kr | 0 kr | 1 568 781 kr | +68 781 kr |" in out
    assert "**Ackumulerat kapital (inga avslutade år): 0 kr**" in out  # nothing closed before 2022
    code, out, _ = run(capsys, "--db", demo_path, "report", "prognos", "--year", "2023", "--today", TODAY)
    assert code == 0 and "**Ackumulerat kapital (outnyttjad budget 2022): 7 007 080 kr**" in out
    code, out, _ = run(capsys, "--db", demo_path, "report", "prognos", "--today", TODAY)  # this year
    assert code == 0 and out.startswith("## Prognos 2026\n") and "Prognos = utfall + bundet" in out
    assert "| Följeforskning | – | – | 550 000 kr | 550 000 kr | +550 000 kr |" in out


def test_csv_and_xlsx_files(demo_path, tmp_path, capsys):
    path = tmp_path / "prognos.csv"
    code, _, err = run(capsys, "--db", demo_path, "report", "prognos", "--year", "2023", "--format", "csv",
                       "-o", str(path), "--today", TODAY)
    assert code == 0 and f"Skrev {path}" in err
    text = path.read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    header = rows.index(["Budgetrad", "Budget", "Utfall", "Bundet", "Prognos", "Avvikelse"])
    body = {r[0]: r[1:] for r in rows[header + 1:] if r}
    assert body["Totalt"] == ["18100000", "6453898", "0", "6453898", "-11646102"]
    assert body["Ackumulerat kapital (outnyttjad budget 2022)"][0] == "7007080"
    path = tmp_path / "prognos.xlsx"
    code, _, _ = run(capsys, "--db", demo_path, "report", "prognos", "--year", "2022", "--format", "xlsx",
                     "-o", str(path), "--today", TODAY)
    assert code == 0
    ws = load_workbook(path).active
    values = [[c.value for c in r] for r in ws.iter_rows()]
    header = values.index(["Budgetrad", "Budget", "Utfall", "Bundet", "Prognos", "Avvikelse"])
    by_label = {r[0]: r[1:] for r in values[header + 1:] if r[0]}
    assert by_label["Totalt"] == [15_250_000, 8_242_920, 0, 8_242_920, -7_007_080]  # numbers, not text
    assert sum(r[3] for label, *r in values[header + 1:] if label and label != "Totalt"
               and not label.startswith("Ackumulerat")) == 8_242_920
    assert ws.cell(header + 2, 2).number_format.endswith('"kr"')


@pytest.mark.parametrize("argv, expected", [
    (["--format", "pdf"], "shk: fel: --format: ogiltigt val 'pdf' (välj 'md', 'csv', 'xlsx')"),
    (["--year", "1999"], "shk: fel: --year: året måste ligga mellan 2000 och 2100"),
    (["--year", "x"], "shk: fel: --year: ogiltigt heltal: 'x'"),
    (["--format", "xlsx"], "shk: Ange -o FIL för att skriva en xlsx-fil"),
])
def test_bad_input_exits_2(demo_path, capsys, argv, expected):
    code, out, err = run(capsys, "--db", demo_path, "report", "prognos", *argv)
    assert code == 2 and out == "" and err.strip() == expected


def test_report_holds_every_report(demo_path, capsys):
    code, _, err = run(capsys, "--db", demo_path, "report")
    assert code == 2 and err.strip() == "shk: fel: dessa argument saknas: RAPPORT"
    code, out, _ = run(capsys, "--db", demo_path, "report", "beslutsunderlag", "--focus", "barn")
    assert code == 0 and out.startswith("## Beslutsunderlag")
