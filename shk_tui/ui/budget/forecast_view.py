"""Budget's forecast columns (issue #18): what the screen reads in one worker (the table, the funders, the
forecast of every row and year, the accumulated capital) and how the figures are shown.

Per year the table shows Budget, Utfall, Kvar, Bundet, Prognos and Avvikelse (prognos − budget). Narrower
than ``WIDE`` columns, Kvar and Bundet give way (the status line under the table still names both), so the
line's name, its budget, outcome, forecast and deviation stay. A line over budget has its Prognos and
Avvikelse in bold in the theme's error colour, and the deviation carries a marker (``OVER``): the warning
does not rest on colour alone. In a closed year nothing can be bound (Bundet is blank) and the forecast is
the outcome (``services.budget.forecast``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from rich.markup import escape
from rich.text import Text

from shk_tui.fmt import format_kr
from shk_tui.services.budget import budget as svc
from shk_tui.services.budget import forecast as fc
from shk_tui.services.budget import goal
from shk_tui.ui.widgets.flow import Part

if TYPE_CHECKING:
    from shk_tui.db.engine import Database

#: Column key suffix → heading, in the order shown within each year.
NAMES = {"budget": "Budget", "outcome": "Utfall", "remaining": "Kvar", "committed": "Bundet",
         "forecast": "Prognos", "deviation": "Avvikelse"}
#: What a narrow table keeps of each year (Kvar and Bundet are in the status line).
NARROW = ("budget", "outcome", "forecast", "deviation")
#: Screens at least this wide show every figure of every year.
WIDE = 100
#: Beside the deviation of a line over budget: the warning is not colour only.
OVER = "▲"


def figures(narrow: bool) -> tuple[str, ...]:
    return NARROW if narrow else tuple(NAMES)


@dataclass(frozen=True)
class BudgetLoaded:
    table: svc.BudgetTable
    funders: list[svc.FunderRow]
    available: int
    forecasts: dict[tuple[str, int], fc.LineForecast]  # (row key, year) → the row's forecast that year
    capital: dict[int, fc.Capital]  # year → the accumulated capital carried into it
    today_capital: fc.Capital  # the closed years as of today
    goal: goal.GoalProgress


def row_key(row: svc.Row) -> str:
    """The table's row key: ``line:<id>``, ``group:<group>`` or ``total:``."""
    return f"line:{row.line_id}" if row.kind == "line" else f"{row.kind}:{row.group}"


def forecast_rows(table: svc.BudgetTable, lines: dict[tuple[int, int], fc.LineForecast],
                  today: date) -> dict[tuple[str, int], fc.LineForecast]:
    """The forecast of every row of ``table`` in each of its years: a line's own, a group's the sum of its
    lines, the total the sum of every line."""
    out: dict[tuple[str, int], fc.LineForecast] = {}
    for year in table.years:
        closed = fc.is_closed(year, today)
        groups: dict[str, fc.LineForecast] = {}
        total = fc.LineForecast("total", "TOTALT", "", year, closed)
        for row in table.rows:
            if row.kind != "line" or row.line_id is None:
                continue
            line = lines.get((row.line_id, year)) or fc.LineForecast("line", row.label, row.group, year, closed,
                                                                     line_id=row.line_id)
            out[(row_key(row), year)] = line
            groups[row.group] = groups.get(row.group, fc.LineForecast("group", "", row.group, year, closed)).plus(line)
            total = total.plus(line)
        for group, subtotal in groups.items():
            out[(f"group:{group}", year)] = subtotal
        out[("total:", year)] = total
    return out


def fetch(db: Database, extra: list[int], today: date) -> BudgetLoaded:
    """In a worker: the years worth showing (those with figures or links, this year, and ``extra``), the
    table, the funders, the forecasts and the capital."""
    years = sorted(set(fc.years(db, today)) | set(extra))
    funders, available = svc.funders(db)
    table = svc.table(db, years)
    lines = fc.line_forecasts(db, years, today)
    capital = {year: fc.accumulated_capital(db, today, before=year) for year in years}
    return BudgetLoaded(table, funders, available, forecast_rows(table, lines, today), capital,
                        fc.accumulated_capital(db, today), goal.progress(db))


def empty(f: fc.LineForecast) -> bool:
    """Nothing at all in that year: no figure, nothing bound, no decided initiative, no adjustment."""
    return (f.budget_ore is None and f.outcome_ore is None and not f.committed_ore and not f.initiatives_ore
            and f.adjustment_ore is None)


def signed_kr(ore: int) -> str:
    return ("+" if ore > 0 else "") + format_kr(ore)


def cell_value(figure: str, cell: svc.Cell, f: fc.LineForecast) -> int | None:
    if figure == "budget":
        return cell.budget_ore
    if figure == "outcome":
        return cell.outcome_ore
    if figure == "remaining":
        return cell.remaining_ore
    if empty(f) or (figure == "committed" and f.closed):
        return None
    return {"committed": f.committed_ore, "forecast": f.forecast_ore, "deviation": f.deviation_ore}[figure]


def cell_text(figure: str, value: int | None, kind: str, over: bool, error: str) -> Text | str:
    """One amount as the table shows it (right-aligned; sums in bold; a negative Kvar and a line over
    budget's Prognos and Avvikelse in the error colour, the deviation with ``OVER``)."""
    if value is None:
        return ""
    text = signed_kr(value) if figure == "deviation" else format_kr(value)
    style = "bold" if kind != "line" else ""
    if figure == "remaining" and value < 0:
        style += f" {error}"
    if over and figure in ("forecast", "deviation"):
        style = f"bold {error}"
        if figure == "deviation":
            text = f"{text} {OVER}"
    elif figure == "deviation":
        text += "  "  # in line with the amounts beside a marker
    return Text(text, style=style.strip(), justify="right")


def forecast_parts(f: fc.LineForecast, capital: fc.Capital) -> list[Part]:
    """The cursor's forecast in words, after its budget and outcome (one part per figure)."""
    parts: list[Part] = []
    if f.closed:
        parts.append(("; ", "prognos = utfall (avslutat år)"))
    else:
        parts.append(("; ", f"bundet {format_kr(f.committed_ore)}"))
        if f.initiatives_ore:
            parts.append((", ", f"beslutade initiativ {format_kr(f.initiatives_ore)}"))
        if f.adjustment_ore is not None:
            reason = f" ({escape(f.adjustment_reason)})" if f.adjustment_reason else ""
            parts.append((", ", f"justering {signed_kr(f.adjustment_ore)}{reason}"))
        parts.append((", ", f"prognos {format_kr(f.forecast_ore)} (j justerar)"))
        if f.income_ore:
            parts.append((", ", f"inbetalningar att få {format_kr(f.income_ore)} (räknas inte av)"))
    if f.over_budget:
        parts.append((", ", f"[b]{OVER} över budget {signed_kr(f.deviation_ore)}[/b]"))
    else:
        parts.append((", ", f"avvikelse {signed_kr(f.deviation_ore)}"))
    if capital.years:
        parts.append(("; ", f"ackumulerat kapital in i {f.year}: {format_kr(capital.total_ore)} ({capital.span})"))
    return parts


def capital_part(capital: fc.Capital) -> Part:
    return f"[b]Ackumulerat kapital {capital.span}: {format_kr(capital.total_ore)}[/b]"


def goal_parts(progress: goal.GoalProgress) -> list[Part]:
    """Board goal 5 in one line: granted external money against the target, the parties' own beside it."""
    return [f"Mål 5: extern finansiering beviljad {format_kr(progress.granted_ore)} av "
            f"{format_kr(progress.target_ore)} ({round(progress.share * 100)} %)",
            ("; ", f"parternas egna medel {format_kr(progress.own_granted_ore)} räknas inte")]
