"""The forecast of one year as a report (``shk report prognos``): one row per budget line with Budget,
Utfall, Bundet, Prognos and Avvikelse, a row Totalt, and a line Ackumulerat kapital (the unspent
budget of the closed years before the year). Markdown with Swedish amounts, or CSV/XLSX through the
one spreadsheet writer (amounts as numbers, formulas guarded)."""

from __future__ import annotations

from datetime import date

from shk_tui.db.engine import Database
from shk_tui.errors import BadInput
from shk_tui.fmt import format_date, format_kr
from shk_tui.formats import report_md, tables
from shk_tui.formats.tables import Money, Sheet
from shk_tui.services.budget import forecast

COLUMNS = ("Budgetrad", "Budget", "Utfall", "Bundet", "Prognos", "Avvikelse")
FORMATS = ("md", "csv", "xlsx")
FORMULA = "Prognos = utfall + bundet + kvar av beslutade initiativ + justering"
CAPITAL = "Ackumulerat kapital"


def note(report: forecast.YearForecast, today: date) -> str:
    """How the figures were made, and for which day."""
    if report.closed:
        return f"{report.year} är avslutat: prognosen är utfallet. Beräknad {format_date(today)}."
    return (f"{FORMULA}; avvikelse = prognos − budget. Bundet: obetalda utbetalningar i aktiva avtal. "
            f"Beräknad {format_date(today)}.")


def capital_label(capital: forecast.Capital) -> str:
    return f"{CAPITAL} (outnyttjad budget {capital.span})" if capital.span else f"{CAPITAL} (inga avslutade år)"


def _values(row: forecast.LineForecast) -> tuple[int | None, ...]:
    return (row.budget_ore, row.outcome_ore, row.committed_ore, row.forecast_ore, row.deviation_ore)


def _kr(value: int | None, *, signed: bool = False) -> str:
    if value is None:
        return "–"
    return ("+" if signed and value > 0 else "") + format_kr(value)


def markdown(report: forecast.YearForecast, today: date) -> str:
    rows: list[list[str]] = []
    for row in [*report.lines, report.total]:
        *amounts, deviation = _values(row)
        cells = [row.label if row.kind == "line" else "Totalt", *(_kr(v) for v in amounts), _kr(deviation, signed=True)]
        rows.append(cells if row.kind == "line" else [f"**{c}**" for c in cells])
    text = report_md.table_md(f"Prognos {report.year}", COLUMNS, rows, [], note=note(report, today))
    return text + f"\n**{capital_label(report.capital)}: {format_kr(report.capital.total_ore)}**\n"


def sheet(report: forecast.YearForecast, today: date) -> Sheet:
    out = Sheet(f"Prognos {report.year}", list(COLUMNS), widths=[34, 16, 16, 16, 16, 16],
                preamble=[[f"Prognos {report.year}"], [note(report, today)]])
    for row in report.lines:
        out.rows.append([row.label, *(Money(v) for v in _values(row))])
    out.bold_rows.add(len(out.rows))
    out.rows.append(["Totalt", *(Money(v) for v in _values(report.total))])
    out.rows.append([])
    out.bold_rows.add(len(out.rows))
    out.rows.append([capital_label(report.capital), Money(report.capital.total_ore)])
    return out


def render(db: Database, year: int, today: date, fmt: str) -> str | bytes:
    """The report of ``year`` as Markdown text, or CSV/XLSX bytes."""
    if fmt not in FORMATS:
        raise BadInput(f"Formatet {fmt} stöds inte för prognos (välj md, csv eller xlsx)")
    report = forecast.year_forecast(db, year, today)
    if fmt == "md":
        return markdown(report, today)
    data = sheet(report, today)
    return tables.to_csv(data) if fmt == "csv" else tables.to_xlsx([data])
