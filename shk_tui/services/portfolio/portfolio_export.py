"""Exports of the portfolio and budget domain as ``formats.tables.Sheet``s (CSV/XLSX) and the
beslutsunderlag as Markdown or XLSX. The budget sheet has exactly the rows the Budget screen shows,
group subtotals and the grand total included."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from shk_tui.db.engine import Database
from shk_tui.errors import BadInput
from shk_tui.formats import report_md, tables
from shk_tui.formats.tables import Money, Sheet
from shk_tui.services.budget import applications, budget, goal
from shk_tui.services.files import export_dir, write_in
from shk_tui.services.portfolio import portfolio, reports


def budget_sheet(db: Database, shown_years: list[int] | None = None) -> Sheet:
    data = budget.table(db, shown_years)
    header = ["Budgetrad", "Grupp"]
    for year in data.years:
        header += [f"Budget {year}", f"Utfall {year}", f"Kvar {year}", f"Utfall per {year}"]
    sheet = Sheet("Budget och utfall", header, widths=[32, 14, *([14, 14, 14, 12] * len(data.years))])
    for row in data.rows:
        cells: list[object] = [row.label, budget.group_label(row.group) if row.group else ""]
        for year in data.years:
            cell = row.cells[year]
            cells += [Money(cell.budget_ore), Money(cell.outcome_ore), Money(cell.remaining_ore),
                      cell.outcome_as_of if row.kind == "line" else None]
        if row.kind != "line":
            sheet.bold_rows.add(len(sheet.rows))
        sheet.rows.append(cells)
    return sheet


def initiatives_sheet(db: Database, filters: portfolio.Filters = portfolio.Filters()) -> Sheet:
    found = portfolio.list_initiatives(db, filters, limit=1_000_000)
    sheet = Sheet("Initiativ", ["Namn", "Fokusområde", "Fas", "Typ", "Funktion", "Budget", "Budgetkälla",
                                "Beslutsnivå", "Beslutat av", "Ägare", "Nästa steg", "Nästa steg datum"],
                  widths=[40, 28, 12, 12, 18, 14, 12, 20, 16, 24, 40, 14])
    for c in found.cards:
        sheet.rows.append([
            c.name, c.focus_area.label, c.phase.label, c.kind.label, c.function.label if c.function else "",
            Money(c.budget_ore), c.budget_source.label, c.decision_level.label, c.decided_by, c.owner,
            c.next_step, c.next_step_on,
        ])
    return sheet


def applications_sheet(db: Database) -> Sheet:
    """The applications; the summary counts goal 5's way (``services.budget.goal``): external money, our
    share of a consortium application, the parties' own money beside it; each row says which it is."""
    progress = goal.progress(db)
    sheet = Sheet("Ansökningar", ["Titel", "Finansiär", "Slag", "Belopp", "Vår andel", "Status", "Fokusområde",
                                  "Inskickad", "Beslut", "Initiativ"], widths=[50, 36, 12, 16, 16, 14, 28, 12, 12, 30])
    sheet.preamble = [
        ["Mål (styrelsens mål 5)", Money(progress.target_ore)],
        ["Beviljat externt", Money(progress.granted_ore)],
        ["Inskickat externt, väntar på besked", Money(progress.external.pending_ore)],
        ["Under arbete, externt", Money(progress.external.in_progress_ore)],
        ["Parternas egna medel, beviljat (räknas inte mot målet)", Money(progress.own_granted_ore)],
    ]
    for a in applications.list_all(db):
        sheet.rows.append([a.title, a.funder, goal.kind_label(a.funder_kind), Money(a.amount_ore),
                           Money(a.sk_share_ore), a.status.label, a.focus_area.label if a.focus_area else "",
                           a.submitted_on, a.decided_on, a.initiative])
    return sheet


def report_sheet(report: reports.Beslutsunderlag) -> Sheet:
    """The decision basis as a sheet: each row's budget a number in kronor (so =SUMMA over the column
    gives TOTALT), what the Markdown adds after the amount ("+ del av …") in a column of its own."""
    sheet = Sheet(report.focus_area.label, [*reports.COLUMNS, "Kommentar budget"], widths=[34, 60, 34, 50, 18, 40])
    sheet.preamble = [[report.title], ["Faser", ", ".join(p.label for p in report.phases)]]
    for row in report.rows:
        sheet.rows.append([*row.cells()[:4], Money(row.budget_ore), row.budget_note])
    for label, ore in (("TOTALT", report.total_ore), ("Från ordinarie budget", report.ordinary_total_ore),
                       ("Från pilotbudget", report.pilot_total_ore)):
        sheet.bold_rows.add(len(sheet.rows))
        sheet.rows.append([label, "", "", "", Money(ore)])
    return sheet


def report_markdown(report: reports.Beslutsunderlag, today: date | None = None) -> str:
    note = f"Faser: {', '.join(p.label for p in report.phases)}"
    if today:
        note += f". Framtaget {today.isoformat()}."
    return report_md.table_md(report.title, reports.COLUMNS, [r.cells() for r in report.rows], report.totals(),
                              note=note)


def render(sheet: Sheet, fmt: str) -> bytes:
    if fmt == "csv":
        return tables.to_csv(sheet)
    if fmt == "xlsx":
        return tables.to_xlsx([sheet])
    raise BadInput(f"Formatet {fmt} stöds inte (välj csv eller xlsx)")


def render_report(report: reports.Beslutsunderlag, fmt: str, today: date | None = None) -> bytes:
    if fmt == "md":
        return report_markdown(report, today).encode("utf-8")
    if fmt == "xlsx":
        return tables.to_xlsx([report_sheet(report)])
    raise BadInput(f"Formatet {fmt} stöds inte för beslutsunderlag (välj md eller xlsx)")


def save_sheet(sheet: Sheet, kind: str, today: date, fmt: str = "xlsx") -> Path:
    """Write an export (budget, applications) into the export folder (atomically, mode 0600); returns
    its path. (Portfölj's exports ask where to save: ui/portfolio/export.py.)"""
    return write_in(export_dir(), f"{kind}-{today.isoformat()}.{fmt}", render(sheet, fmt))
