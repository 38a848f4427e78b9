"""The Budget section: budget lines × years with budget, outcome (utfall) and remaining, group
subtotals and the grand total (the board's "Budget och utfall"), funders and what is available.
enter edits the figure under the cursor in place, ``u`` enters outcome as of a date, ``g`` shows
budget vs outcome as bars for the cursor's year, ``a`` opens the funding applications."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.markup import escape
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from shk_tui.fmt import count, format_kr
from shk_tui.services.budget import budget as svc
from shk_tui.services.budget import forecast as fc
from shk_tui.ui import keys
from shk_tui.ui.base.export_target import saved_notice
from shk_tui.ui.base.loading import ShownScreen
from shk_tui.ui.base.undo import Undoable
from shk_tui.ui.budget import forecast_view as view
from shk_tui.ui.widgets.budget_bars import BudgetBars
from shk_tui.ui.widgets.flow import Flow, Part
from shk_tui.ui.widgets.footer import Footer
from shk_tui.ui.widgets.screen_commands import screen_commands
from shk_tui.ui.widgets.table import Table

if TYPE_CHECKING:
    pass

FIGURE_NAMES = view.NAMES


def funders_parts(funders: list[svc.FunderRow], available: int, budgeted: int) -> list[Part]:
    """Funders, what they make available and how much of it the budget lines do not yet use: one part
    per figure (a line breaks between them, never inside an amount)."""
    if not funders:
        return ["Inga finansiärer registrerade"]
    period = funders[0].period
    named = [f"{f.name} {format_kr(f.amount_ore)}" for f in funders]
    return [f"Finansiärer{f' {period}' if period else ''}: {named[0]}", *named[1:],
            f"[b]Tillgängligt {format_kr(available)}[/b]", f"budgeterat {format_kr(budgeted)}",
            f"ej budgeterat {format_kr(available - budgeted)}"]


def status_parts(row: svc.Row, year: int, forecast: fc.LineForecast | None = None,
                 capital: fc.Capital | None = None) -> list[Part]:
    """The cursor's line and year in words (one part per figure), with its forecast when given."""
    cell = row.cells[year]
    as_of = f" per {cell.outcome_as_of.isoformat()}" if cell.outcome_as_of else ""
    parts: list[Part] = [f"[b]{escape(row.label)} {year}[/b]: budget {format_kr(cell.budget_ore) or '–'}",
                         (", ", f"utfall {format_kr(cell.outcome_ore) or '–'}{as_of}"),
                         (", ", f"kvar {format_kr(cell.remaining_ore) or '–'}")]
    if cell.used_share is not None:
        parts.append((" ", f"({round(cell.used_share * 100)} % förbrukat)"))
    if forecast is not None:
        parts += view.forecast_parts(forecast, capital or fc.Capital())
    return parts


class BudgetScreen(Undoable, ShownScreen):
    SECTION = "Budget"
    CSS_PATH = "budget.tcss"
    LOAD_FAILED = "Kunde inte läsa budgeten (se loggfilen)"
    COMMANDS = Screen.COMMANDS | {screen_commands([
        ("Finansieringsansökningar", "applications", "Ansökningar och framsteg mot målet 10 Mkr (a)"),
        ("Diagram budget och utfall", "chart", "Staplar per budgetrad för markörens år (g)"),
        ("Exportera budget", "export", "Tabellen med summor som xlsx eller csv, där du väljer (x)"),
        ("Ny budgetrad", "new_line", "Lägg till en budgetrad (n)"),
    ])}
    BINDINGS = keys.of("budget")
    VERTICAL_BREAKPOINTS = [(0, "-short"), (32, "-tall")]

    def __init__(self) -> None:
        super().__init__()
        self.data: svc.BudgetTable | None = None
        self.loaded: view.BudgetLoaded | None = None
        self._shown_narrow: bool | None = None
        self.extra_years: set[int] = set()
        self._select_line: int | None = None
        self._select_outcome = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield Flow(id="budget-funders")
        yield Flow(id="budget-goal")  # board goal 5 (not at 80×24: Ansökningar shows it there)
        with Vertical(id="section", classes="section-table"):
            yield Static("Budget och utfall", classes="section-title")
            # the first column (the line's name) stays while the years scroll sideways
            yield Table(cursor_type="cell", zebra_stripes=True, fixed_columns=1, id="budget-table")
        yield Flow(id="budget-status")
        yield BudgetBars(id="budget-chart")
        yield Footer()

    @property
    def table(self) -> DataTable:
        return self.query_one("#budget-table", DataTable)

    def reload(self) -> None:
        db, extra, today = self.db, sorted(self.extra_years), self.today
        self.load(lambda: view.fetch(db, extra, today), self._show)

    @property
    def narrow(self) -> bool:
        """Narrower than ``forecast_view.WIDE``: each year shows Budget, Utfall, Prognos and Avvikelse."""
        return self.size.width < view.WIDE

    def on_resize(self, _event) -> None:
        if self.loaded is not None and self._shown_narrow != self.narrow:
            self.fill_table()

    def _show(self, message: view.BudgetLoaded) -> None:
        self.loaded = message
        self.data = data = message.table
        budgeted = sum(c.budget_ore or 0 for c in data.total.cells.values()) if data.rows else 0
        parts = funders_parts(message.funders, message.available, budgeted)
        if message.today_capital.years:
            parts.append(view.capital_part(message.today_capital))
        self.query_one("#budget-funders", Flow).show(parts)
        self.query_one("#budget-goal", Flow).show(view.goal_parts(message.goal))
        self.fill_table()
        if self._select_line is not None:
            self.select_line(self._select_line, outcome=self._select_outcome)
            self._select_line, self._select_outcome = None, False
        self.table.focus()
        self.update_status()
        if self.has_class("-chart"):
            self.show_chart()

    def fill_table(self) -> None:
        """The table from what was loaded, with the columns the width allows; the cursor stays on its row
        and, when still shown, its figure."""
        if self.loaded is None:
            return
        data, forecasts = self.loaded.table, self.loaded.forecasts
        table = self.table
        row, column = table.cursor_row, table.cursor_column
        was = self.column_key(column)
        self._shown_narrow = narrow = self.narrow
        error = self.app.current_theme.error or "red"
        shown = view.figures(narrow)
        with self.app.batch_update():
            table.clear(columns=True)
            cells: list[list[Text | str]] = []
            for r in data.rows:
                label: list[Text | str] = [Text(r.label, style="bold" if r.kind != "line" else "")]
                for year in data.years:
                    f = forecasts[(view.row_key(r), year)]
                    label += [view.cell_text(figure, view.cell_value(figure, r.cells[year], f), r.kind,
                                             f.over_budget and not view.empty(f), error) for figure in shown]
                cells.append(label)
            # widths from the texts themselves: the table need not measure every cell (fast with many
            # lines and years)
            table.add_column("Budgetrad", key="label", width=max([9, *(len(r.label) for r in data.rows)]))
            index = 1
            for year in data.years:
                for figure in shown:
                    name = FIGURE_NAMES[figure]
                    width = max([len(name) + 5, *(len(str(c[index])) for c in cells)])
                    table.add_column(f"{name} {year}", key=f"{year}:{figure}", width=width)
                    index += 1
            for r, row_cells in zip(data.rows, cells, strict=True):
                table.add_row(*row_cells, key=view.row_key(r))
            if data.rows:
                keys_now = [self.column_key(i) for i in range(len(table.columns))]
                if was is not None and was not in keys_now:  # a figure the narrow table drops: its year
                    was = next((k for k in keys_now if k and k.split(":")[0] == was.split(":")[0]), None)
                column = keys_now.index(was) if was in keys_now else column
                table.move_cursor(row=min(row, len(data.rows) - 1),
                                  column=min(max(1, column), len(table.columns) - 1) if data.years else 0)

    # --- cursor ----------------------------------------------------------------------------

    def column_key(self, column: int) -> str | None:
        """The key of a shown column ("2023:budget"; "label" for the line's name), None past the last."""
        columns = self.table.ordered_columns
        return str(columns[column].key.value) if 0 <= column < len(columns) else None

    def current(self) -> tuple[svc.Row | None, int | None, str | None]:
        """(row, year, figure) under the cursor."""
        if self.data is None or not self.data.rows:
            return None, None, None
        table = self.table
        row = self.data.rows[min(table.cursor_row, len(self.data.rows) - 1)]
        key = self.column_key(table.cursor_column)
        if key is None or key == "label" or not self.data.years:
            return row, (self.data.years[-1] if self.data.years else None), None
        year, figure = key.split(":")
        return row, int(year), figure

    def forecast(self, row: svc.Row, year: int) -> fc.LineForecast | None:
        return self.loaded.forecasts.get((view.row_key(row), year)) if self.loaded is not None else None

    def on_data_table_cell_highlighted(self, _event) -> None:
        self.update_status()
        if self.has_class("-chart"):
            self.show_chart()

    def update_status(self) -> None:
        row, year, _ = self.current()
        status = self.query_one("#budget-status", Flow)
        if row is None or year is None:
            status.show(["Inga budgetrader – tryck n för en ny rad"])
            return
        capital = self.loaded.capital.get(year) if self.loaded is not None else None
        status.show(status_parts(row, year, self.forecast(row, year), capital))

    def select_line(self, line_id: int, *, outcome: bool = False) -> None:
        """Cursor on that line; ``outcome``: on its latest outcome (utfall) up to this year."""
        if self.data is None:
            return
        index = next((i for i, r in enumerate(self.data.rows) if r.line_id == line_id), None)
        if index is None:
            return
        column = None
        if outcome:
            cells = self.data.rows[index].cells
            year = max((y for y in self.data.years if y <= self.today.year and cells[y].outcome_ore is not None),
                       default=None)
            keys_now = [self.column_key(i) for i in range(len(self.table.columns))]
            column = keys_now.index(f"{year}:outcome") if f"{year}:outcome" in keys_now else None
        self.table.move_cursor(row=index, column=column)

    def show_item(self, target_id: int | None) -> None:
        """From Översikt (a line over 90 % used): put the cursor on that line's latest outcome."""
        if target_id is not None:
            self._select_line, self._select_outcome = target_id, True
            self.select_line(target_id, outcome=True)

    # --- actions ---------------------------------------------------------------------------

    def _edit(self, figure: str | None) -> None:
        from shk_tui.ui.budget.budget_figure import BudgetFigureScreen

        row, year, current_figure = self.current()
        figure = figure or current_figure
        if row is None or year is None:
            return
        if row.kind != "line" or row.line_id is None:
            self.notify("Summor räknas fram – ändra en budgetrad", severity="warning")
            return
        if figure == "forecast":
            self.action_adjust()
            return
        if figure not in svc.FIGURES:
            name = FIGURE_NAMES.get(figure or "", "Summan")
            self.notify(f"{name} räknas fram – ändra budget eller utfall, eller justera prognosen (j)",
                        severity="warning")
            return
        dialog = BudgetFigureScreen(row.line_id, row.label, year, figure, row.cells[year])

        def done(saved: bool | None) -> None:
            if not saved:
                return
            undo = dialog.undo_call()
            if undo is not None:
                self.remember_undo(f"ändringen av {FIGURE_NAMES[figure].lower()} {year} för {row.label}", undo)
            self.reload()

        self.app.push_screen(dialog, done)

    def action_adjust(self) -> None:
        """j (and enter on a Prognos): the manual forecast adjustment of the cursor's line and year."""
        from shk_tui.ui.budget.adjustment import AdjustmentScreen

        row, year, _ = self.current()
        if row is None or year is None:
            return
        forecast = self.forecast(row, year)
        if row.kind != "line" or row.line_id is None or forecast is None:
            self.notify("Summor räknas fram – justera prognosen för en budgetrad", severity="warning")
            return
        if forecast.closed:
            self.notify(f"{year} är avslutat: prognosen är utfallet och kan inte justeras", severity="warning")
            return
        dialog = AdjustmentScreen(row.line_id, row.label, forecast)

        def done(saved: bool | None) -> None:
            if not saved:
                return
            undo = dialog.undo_call()
            if undo is not None:
                self.remember_undo(f"prognosjusteringen {year} för {row.label}", undo)
            self.reload()

        self.app.push_screen(dialog, done)

    def on_data_table_cell_selected(self, _event) -> None:
        self._edit(None)

    def action_edit(self) -> None:
        self._edit(None)

    def action_outcome(self) -> None:
        self._edit("outcome")

    def action_chart(self) -> None:
        """g: the chart below the table, or away again. On a short screen (80×24) the funders' lines give
        the chart their room while it is open, so the table keeps rows in view."""
        self.toggle_class("-chart")
        if self.has_class("-chart"):
            self.show_chart()

    def show_chart(self) -> None:
        _, year, _ = self.current()
        if self.data is None or year is None:
            return
        self.query_one(BudgetBars).show(f"Budget och utfall {year} (g stänger)", svc.chart(self.data, year))

    def action_applications(self) -> None:
        from shk_tui.ui.budget.applications import ApplicationsScreen

        self.app.push_screen(ApplicationsScreen())

    async def reveal(self, item_id: int, kind: str = "application", title: str = "") -> None:
        """The global search's Enter: the applications with the cursor on this one."""
        from shk_tui.ui.budget.applications import ApplicationsScreen

        screen = ApplicationsScreen()
        await self.app.push_screen(screen)
        screen.reveal(item_id)

    def action_export(self) -> None:
        """x: the table with its sums as a spreadsheet, saved where the user says."""
        from shk_tui.services.portfolio import portfolio_export
        from shk_tui.ui.budget.export import SheetExportScreen

        years = self.data.years if self.data else None
        lines = sum(r.kind == "line" for r in self.data.rows) if self.data else 0

        def saved(path: str | None) -> None:
            if path is not None:
                self.notify(saved_notice(count(lines, "budgetrad", "budgetrader"), path), title="Budget och utfall")

        self.app.push_screen(SheetExportScreen("Exportera budget och utfall", f"budget-{self.today.isoformat()}.xlsx",
                                               lambda db: portfolio_export.budget_sheet(db, years)), saved)

    def action_add_year(self) -> None:
        years = self.data.years if self.data else []
        self.extra_years.add((max(years) + 1) if years else self.today.year)
        self.reload()

    def action_new_line(self) -> None:
        from shk_tui.ui.budget.budget_line import BudgetLineScreen

        def done(line_id: int | None) -> None:
            if line_id is not None:
                self._select_line = line_id
                self.reload()

        self.app.push_screen(BudgetLineScreen(), done)
