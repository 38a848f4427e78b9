"""``shk report beslutsunderlag`` and ``shk export budget|initiatives|applications``."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from shk_tui import cli
from shk_tui.services.portfolio.reports import budget_text
from tests.helpers.cli import run


@pytest.fixture
def demo_path(tmp_path, capsys):
    path = tmp_path / "shk.sqlite3"
    assert cli.main(["--db", str(path), "demo", "--today", "2026-11-25"]) == 0
    capsys.readouterr()
    return str(path)


def test_report_markdown_and_xlsx(demo_path, tmp_path, capsys):
    code, out, _ = run(capsys, "--db", demo_path, "report", "beslutsunderlag", "--focus", "barn")
    assert code == 0
    assert out.count("\n| ") == 2 + 8 + 3 and "**1 272 000 kr**" in out and "**472 000 kr**" in out
    target = tmp_path / "underlag.xlsx"
    code, _, err = run(capsys, "--db", demo_path, "report", "beslutsunderlag", "--focus", "barn",
                       "--format", "xlsx", "-o", str(target))
    assert code == 0 and "Skrev" in err
    rows = [[c.value for c in r] for r in load_workbook(target).active.iter_rows()]
    assert ["TOTALT", None, None, None, 1_272_000, None] in rows  # the 6th column: Kommentar budget


def test_report_bad_input_exits_2(demo_path, capsys):
    code, out, err = run(capsys, "--db", demo_path, "report", "beslutsunderlag", "--focus", "vuxna")
    assert code == 2 and out == "" and "Okänt fokusområde" in err
    code, _, err = run(capsys, "--db", demo_path, "report", "beslutsunderlag", "--focus", "barn", "--format", "pdf")
    assert code == 2 and "md eller xlsx" in err
    code, _, err = run(capsys, "--db", demo_path, "report", "beslutsunderlag", "--focus", "aldre", "--phase", "x")
    assert code == 2 and "Okänd fas" in err
    code, _, err = run(capsys, "--db", demo_path, "report", "beslutsunderlag", "--focus", "barn", "--format", "xlsx")
    assert code == 2 and "-o FIL" in err


def test_exports(demo_path, tmp_path, capsys):
    code, out, _ = run(capsys, "--db", demo_path, "export", "budget")
    lines = out.lstrip("\ufeff").splitlines()
    assert code == 0 and lines[0].startswith("Budgetrad;Grupp;Budget 2022")
    assert lines[-1].startswith("TOTALT;;15250000;8242920")
    assert any(line.startswith("Summa verksamhet;Verksamhet;4950000") for line in lines)
    code, out, _ = run(capsys, "--db", demo_path, "export", "initiatives", "--format", "csv")
    assert code == 0 and "Samverkansmöjligheter för fler i förskolan;Alla barn och unga lyckas;Förslag" in out
    target = tmp_path / "ans.xlsx"
    code, _, _ = run(capsys, "--db", demo_path, "export", "applications", "--format", "xlsx", "-o", str(target))
    assert code == 0
    values = [[c.value for c in r] for r in load_workbook(target).active.iter_rows()]
    # goal 5 counts external money: the rector's 10 Mkr is the parties' own, shown beside it (#18)
    assert ["Beviljat externt", 0] == values[1][:2]
    assert ["Parternas egna medel, beviljat (räknas inte mot målet)", 10_000_000] == values[4][:2]
    code, _, err = run(capsys, "--db", demo_path, "export", "budget", "--format", "vcf")
    assert code == 2 and "stöds inte" in err


def _facts() -> list[dict[str, str]]:
    import csv
    import io
    from importlib import resources

    text = resources.files("shk_tui.data").joinpath("beslutsunderlag_alla_barn_vt2024.csv").read_text("utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def _md_rows(out: str) -> list[list[str]]:
    import re

    rows = [[c.strip().replace("\\|", "|") for c in re.split(r"(?<!\\)\|", line.strip())[1:-1]]
            for line in out.splitlines() if line.startswith("| ")]
    return [r for r in rows if set(r) != {"---"}]


def test_report_compared_cell_by_cell_with_the_facts(demo_path, tmp_path, capsys):
    """The spring 2024 table for Alla barn och unga lyckas, in Markdown and in xlsx: every cell as in
    the facts file, then TOTALT 1 272 000 kr split 472 000 / 800 000."""
    facts = [[f["initiative"], f["proposed_start"], f["context"], f["party_resources"], f["budget_text"]]
             for f in _facts()]
    code, out, _ = run(capsys, "--db", demo_path, "report", "beslutsunderlag", "--focus", "barn", "--format", "md")
    assert code == 0
    rows = _md_rows(out)
    assert rows[0] == ["Initiativets namn", "Förslag på start", "Kontext", "Resurser parterna", "Budget processtöd"]
    assert rows[1:9] == facts
    assert rows[9:] == [["**TOTALT**", "", "", "", "**1 272 000 kr**"],
                        ["**Från ordinarie budget**", "", "", "", "**472 000 kr**"],
                        ["**Från pilotbudget**", "", "", "", "**800 000 kr**"]]
    assert sum(int(f["budget_sek"]) for f in _facts()) == 1_272_000
    target = tmp_path / "underlag.xlsx"
    assert run(capsys, "--db", demo_path, "report", "beslutsunderlag", "--focus", "barn", "--format", "xlsx",
               "-o", str(target))[0] == 0
    values = [[c.value for c in r] for r in load_workbook(target).active.iter_rows()]
    header = values.index([*rows[0], "Kommentar budget"])
    body = values[header + 1:header + 9]
    # the amount a number (=SUMMA works), the words after it in Kommentar budget: together the facts' text
    assert [r[:4] for r in body] == [f[:4] for f in facts]
    assert [r[4] for r in body] == [int(f["budget_sek"]) for f in _facts()]
    assert [budget_text(r[4] * 100, r[5]) for r in body] == [f[4] for f in facts]
    assert values[header + 9:] == [["TOTALT", None, None, None, 1_272_000, None],
                                   ["Från ordinarie budget", None, None, None, 472_000, None],
                                   ["Från pilotbudget", None, None, None, 800_000, None]]


def test_report_phase_option(demo_path, capsys):
    code, out, _ = run(capsys, "--db", demo_path, "report", "beslutsunderlag", "--focus", "aldre",
                       "--phase", "fas 1", "--phase", "utforskas,planeras")
    assert code == 0 and "Faser: Fas 1, Utforskas, Planeras" in out
    names = [r[0] for r in _md_rows(out)[1:] if not r[0].startswith("**")]
    assert names and "Samverkansmöjligheter för fler i förskolan" not in names
    code, out, _ = run(capsys, "--db", demo_path, "report", "beslutsunderlag", "--focus", "barn", "--phase", "avslutad")
    assert code == 0 and _md_rows(out)[-3] == ["**TOTALT**", "", "", "", "**0 kr**"]
