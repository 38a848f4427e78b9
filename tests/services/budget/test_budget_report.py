"""Budget totals, remaining, editing figures, applications progress and the beslutsunderlag,
compared cell by cell with the facts file, on SQLite and PostgreSQL (example data)."""

from __future__ import annotations

import csv
import io
from datetime import date
from importlib import resources

import pytest
from openpyxl import load_workbook

from shk_tui.enums import FocusArea, Phase
from shk_tui.errors import BadInput, ValidationError
from shk_tui.services.budget import applications, budget, budget_attention
from shk_tui.services.demo import seed as demo
from shk_tui.services.portfolio import portfolio_export, reports

TODAY = date(2026, 11, 25)
KR = 100


@pytest.fixture
def demo_data(db):
    demo.load(db, today=TODAY)
    return db


def facts_rows() -> list[dict[str, str]]:
    text = resources.files("shk_tui.data").joinpath("beslutsunderlag_alla_barn_vt2024.csv").read_text("utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def test_budget_totals_match_the_board_table(demo_data):
    table = budget.table(demo_data)
    assert table.years == [2022, 2023]
    total = table.total
    assert total.label == "TOTALT"
    assert total.cells[2022].budget_ore == 15_250_000 * KR
    assert total.cells[2023].budget_ore == 18_100_000 * KR
    assert total.cells[2022].outcome_ore == 8_242_920 * KR
    assert total.cells[2023].outcome_ore == 6_453_898 * KR  # printed 6 453 899: rounded lines
    assert total.cells[2022].remaining_ore == (15_250_000 - 8_242_920) * KR
    following = table.line("Följeforskning").cells[2022]
    assert following.remaining_ore == -68_781 * KR  # overspent shows negative
    assert table.group("funktion").cells[2022].budget_ore == 5_700_000 * KR
    assert table.group("funktion").cells[2023].budget_ore is None
    kinds = [r.kind for r in table.rows]
    assert kinds.count("group") == 4 and kinds[-1] == "total"
    funders, available = budget.funders(demo_data)
    assert available == 48_550_000 * KR and len(funders) == 4


def test_set_figure_changes_totals_and_validates(demo_data):
    line = budget.table(demo_data).line("Följeforskning")
    budget.set_figure(demo_data, line.line_id, 2023, "budget", "1 200 000")
    budget.set_figure(demo_data, line.line_id, 2024, "outcome", "10 000", "2024-03-31")
    table = budget.table(demo_data)
    assert table.total.cells[2023].budget_ore == 18_200_000 * KR
    assert table.years == [2022, 2023, 2024]
    assert table.line("Följeforskning").cells[2024].outcome_as_of == date(2024, 3, 31)
    with pytest.raises(ValidationError) as exc:
        budget.set_figure(demo_data, line.line_id, 2023, "outcome", "5 000", "")
    assert "as_of" in exc.value.errors
    with pytest.raises(ValidationError) as exc:
        budget.set_figure(demo_data, line.line_id, 2023, "budget", "mycket")
    assert "amount" in exc.value.errors
    budget.set_figure(demo_data, line.line_id, 2023, "budget", "")
    assert budget.table(demo_data).line("Följeforskning").cells[2023].budget_ore is None


def test_budget_attention_over_ninety_percent(db):
    a = budget.add_line(db, "Kommunikation", "verksamhet")
    b = budget.add_line(db, "Forskning", "verksamhet")
    budget.set_figure(db, a, 2026, "budget", "100 000")
    budget.set_figure(db, a, 2026, "outcome", "90 000", "2026-10-31")
    budget.set_figure(db, b, 2026, "budget", "100 000")
    budget.set_figure(db, b, 2026, "outcome", "89 999", "2026-10-31")
    items = budget_attention.attention_items(db, TODAY)
    assert [(i.target_id, i.section) for i in items] == [(a, "budget")]
    assert "90 %" in items[0].text
    with pytest.raises(ValidationError):
        budget.add_line(db, "Kommunikation", "verksamhet")


def test_chart_data(demo_data):
    data = budget.chart(budget.table(demo_data), 2023)
    assert ("Följeforskning", 1_100_000 * KR, 906_027 * KR) in data
    assert all(name != "Samhällsforum" for name, _, _ in data)


def test_applications_progress_and_form(demo_data):
    progress = applications.progress(demo_data)
    assert progress.goal_ore == 10_000_000 * KR
    assert progress.granted_ore == 10_000_000 * KR
    assert progress.pending_ore == (6_000_000 + 80_000_000) * KR
    with pytest.raises(ValidationError) as exc:
        applications.save(demo_data, applications.ApplicationInput(title="", amount="x", status="beviljad"))
    assert {"title", "amount", "decided_on", "submitted_on"} <= set(exc.value.errors)
    new = applications.save(demo_data, applications.ApplicationInput(
        title="Vinnova äldre", funder="Vinnova", amount="500 000", status="inskickad", submitted_on="2026-11-01"))
    assert applications.get(demo_data, new).funder == "Vinnova"
    assert applications.progress(demo_data).pending_ore == (86_000_000 + 500_000) * KR


def test_beslutsunderlag_matches_the_facts_cell_by_cell(demo_data):
    report = reports.beslutsunderlag(demo_data, FocusArea.BARN)
    expected = facts_rows()
    assert len(report.rows) == 8 == len(expected)
    for row, fact in zip(report.rows, expected, strict=True):
        assert row.cells() == (fact["initiative"], fact["proposed_start"], fact["context"],
                               fact["party_resources"], fact["budget_text"])
    assert report.totals() == [("TOTALT", "1 272 000 kr"), ("Från ordinarie budget", "472 000 kr"),
                               ("Från pilotbudget", "800 000 kr")]
    other = reports.beslutsunderlag(demo_data, FocusArea.BARN, (Phase.FAS_1,))
    assert all(r.name not in {f["initiative"] for f in expected} for r in other.rows)


def test_report_formats(demo_data, tmp_path):
    report = reports.beslutsunderlag(demo_data, FocusArea.BARN)
    md = portfolio_export.render_report(report, "md").decode()
    assert "| Initiativets namn | Förslag på start | Kontext | Resurser parterna | Budget processtöd |" in md
    assert "| **TOTALT** |  |  |  | **1 272 000 kr** |" in md
    path = tmp_path / "b.xlsx"
    path.write_bytes(portfolio_export.render_report(report, "xlsx"))
    ws = load_workbook(path).active
    values = [[c.value for c in row] for row in ws.iter_rows()]
    header = values.index([*reports.COLUMNS, "Kommentar budget"])
    body = values[header + 1:]
    assert [r[0] for r in body[:8]] == [f["initiative"] for f in facts_rows()]
    assert sum(r[4] for r in body[:8]) == 1_272_000  # row amounts are numbers: =SUMMA gives TOTALT
    assert body[8][0] == "TOTALT" and body[8][4] == 1_272_000
    assert (body[9][4], body[10][4]) == (472_000, 800_000)
    with pytest.raises(BadInput):
        portfolio_export.render_report(report, "pdf")


def test_parse_focus_and_phases():
    assert reports.parse_focus("aldre") is FocusArea.ALDRE
    assert reports.parse_focus("Alla barn och unga lyckas") is FocusArea.BARN
    with pytest.raises(BadInput):
        reports.parse_focus("vuxna")
    assert reports.parse_phases(["förslag,fas 1"]) == (Phase.FORSLAG, Phase.FAS_1)
    with pytest.raises(BadInput):
        reports.parse_phases(["fas 9"])


def test_budget_sheet_has_the_screen_rows(demo_data, tmp_path):
    sheet = portfolio_export.budget_sheet(demo_data)
    labels = [r[0] for r in sheet.rows]
    assert labels == [r.label for r in budget.table(demo_data).rows]
    path = tmp_path / "budget.xlsx"
    path.write_bytes(portfolio_export.render(sheet, "xlsx"))
    ws = load_workbook(path).active
    last = [c.value for c in list(ws.iter_rows())[-1]]
    assert last[0] == "TOTALT" and last[2] == 15_250_000 and last[3] == 8_242_920 and last[7] == 6_453_898
    text = portfolio_export.render(sheet, "csv").decode("utf-8-sig")
    assert text.splitlines()[-1].startswith("TOTALT;;15250000;8242920;7007080;;18100000;6453898;11646102")


def test_budget_sheet_cells_equal_the_table(demo_data):
    """Every figure of the export, subtotals and the grand total included, is the screen's figure."""
    table = budget.table(demo_data)
    sheet = portfolio_export.budget_sheet(demo_data)
    assert len(sheet.rows) == len(table.rows) and sheet.bold_rows == {
        i for i, r in enumerate(table.rows) if r.kind != "line"}
    for exported, row in zip(sheet.rows, table.rows, strict=True):
        figures = [getattr(m, "ore", m) for m in exported[2:]]
        expected = []
        for year in table.years:
            cell = row.cells[year]
            expected += [cell.budget_ore, cell.outcome_ore, cell.remaining_ore]
        assert [f for i, f in enumerate(figures) if i % 4 != 3] == expected, row.label


def test_application_statuses_and_progress(db):
    def add(title, amount, status, **dates):
        return applications.save(db, applications.ApplicationInput(title=title, funder="Vinnova", amount=amount,
                                                                   status=status, **dates))

    add("Skiss", "1 000 000", "under arbete")
    add("Inskickad", "2 000 000", "inskickad", submitted_on="2026-09-01")
    add("Beviljad", "3 000 000", "beviljad", submitted_on="2026-03-01", decided_on="2026-06-01")
    add("Avslagen", "4 000 000", "avslagen", submitted_on="2026-03-01", decided_on="2026-06-01")
    progress = applications.progress(db)
    assert (progress.granted_ore, progress.pending_ore, progress.in_progress_ore) == (
        3_000_000 * KR, 2_000_000 * KR, 1_000_000 * KR)  # avslagen counts nowhere
    assert progress.granted_share == 0.3
    assert [a.title for a in applications.list_all(db)] == ["Avslagen", "Beviljad", "Inskickad", "Skiss"]
    with pytest.raises(ValidationError) as exc:
        add("Fel ordning", "1", "beviljad", submitted_on="2026-06-01", decided_on="2026-03-01")
    assert "decided_on" in exc.value.errors
    with pytest.raises(ValidationError) as exc:
        add("Okänd", "1", "kanske")
    assert "status" in exc.value.errors


def test_application_keeps_its_initiative_beyond_the_choice_limit(db):
    from shk_tui.db.models import Initiative

    with db.session() as s:
        found = [Initiative(name=name) for name in ("Alfa", "Beta", "Öst")]
        s.add_all(found)
        s.flush()
        ids = [i.id for i in found]
    assert applications.initiative_choices(db, limit=2, include=ids[2]) == [("Alfa", ids[0]), ("Beta", ids[1]),
                                                                          ("Öst", ids[2])]
    assert applications.initiative_choices(db, limit=2, include=ids[0]) == [("Alfa", ids[0]), ("Beta", ids[1])]
