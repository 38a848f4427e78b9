"""Översikt, the first screen: what must I act on now? Attention items of every domain
(``services.attention.collect``) grouped under their category with counts, most urgent first and
coloured by severity; ``enter`` opens the row's target (a contract opens its detail screen; other
sections are switched to and asked to ``show_item(target_id)``); ``/`` opens the global search. Beside
it, a small summary of the database. Opening the dashboard persists due auto-renewals of contracts and says so."""

from __future__ import annotations

import logging
from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from rich.cells import cell_len
from rich.markup import escape
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Header, Static

from shk_tui.fmt import count, format_date
from shk_tui.services import attention, gallring_plan
from shk_tui.services import summary as counts
from shk_tui.services.attention import AttentionItem
from shk_tui.services.contracts import contract_attention, renewal_due
from shk_tui.ui import keys
from shk_tui.ui.base.loading import ShownScreen
from shk_tui.ui.widgets.flow import Flow
from shk_tui.ui.widgets.footer import Footer
from shk_tui.ui.widgets.global_search import SEARCH_PLACEHOLDER
from shk_tui.ui.widgets.screen_commands import open_palette
from shk_tui.ui.widgets.section_table import SectionTable, clip
from shk_tui.ui.widgets.table import Table

if TYPE_CHECKING:
    from shk_tui.db.engine import Database
    from shk_tui.db.light import Reader

log = logging.getLogger("shk_tui")
SEVERITY_STYLE = {0: "bold red", 1: "yellow", 2: "dim"}
SEVERITY_MARK = {0: "●", 1: "◐", 2: "○"}
PER_CATEGORY = 25  # rows shown per category; the heading has the full count
EMPTY = "Inget att åtgärda just nu."
#: Enter on an item while a changed form is open in the item's section.
FORM_OPEN = "Ett ändrat formulär är öppet här: spara eller stäng det först (esc)"
SUMMARY_WIDTH = 40  # the summary's box beside the list (overview.tcss), its border and padding included
WIDE = 100  # from this many columns the summary is beside the list (HORIZONTAL_BREAKPOINTS)
BOX_PADDING = 1  # the list's box's padding on either side (overview.tcss)


class StartRows(NamedTuple):
    """Översikt's rows and summary read before the app runs (``start_rows``)."""

    items: attention.Shown
    summary: counts.Table


def start_rows(db: Database, today: date) -> StartRows | None:
    """Översikt's first rows and its summary read before the app runs (``run_app`` on the light start), so
    the first frame has them and no worker competes with it: the light reads alone, about 10 ms. None when
    an auto-renewal is due (the first load rolls it through the real database and says so) or a read fails
    (the first loads then show why)."""
    try:
        if renewal_due.due(db, today):
            return None
        return StartRows(*attention.collect_with(db, today, PER_CATEGORY, lambda rows: counts.overview(rows, today=today)))
    except Exception:  # noqa: BLE001 - the workers' loads read again and report it
        log.info("Översikt's rows could not be read before the start", exc_info=True)
        return None


class OverviewScreen(ShownScreen):
    SECTION = "Översikt"
    # its own only: the contract screens its rows open read contracts.tcss (the app reads it after the first
    # frame, ``ShkApp._read_later_css``)
    CSS_PATH = "overview.tcss"
    BINDINGS = keys.of("overview")
    # below 100 columns the summary is a few lines under the list (the list gets the whole width)
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (WIDE, "-wide")]

    def __init__(self) -> None:
        super().__init__()
        self.row_items: list[AttentionItem | None] = []
        self.row_groups: list[str | None] = []
        self.loads = 0  # loads shown so far (tests and benchmarks wait on it)
        self._last: attention.Shown | None = None  # the items shown, drawn again on a resize
        self._shown_width = 0  # the "Vad" column's width the rows were wrapped to
        self._reloaded = False  # ``reload`` has run once (the first showing)
        self._start_shown = False  # the light start's rows were shown (``on_mount``)

    def compose(self) -> ComposeResult:
        if self.app.start_rows is None:  # type: ignore[attr-defined]
            # the first load at once: its query runs in a thread while the widgets are built and mounted
            # (the light start's rows are shown when the screen is, ``reload``)
            self._load_items()
        yield Header()
        with Horizontal(id="overview-body"):
            with Vertical(id="attention-box"):
                with Horizontal(classes="section-title-line"):
                    yield Static("Att åtgärda", classes="section-title")
                    yield Static("Laddar …", id="attention-count", classes="section-count")
                yield Table(cursor_type="row", id="attention")
                yield Static(EMPTY, id="attention-empty")
                yield Flow(id="summary-line")
            yield SectionTable("Sammanfattning", empty_hint="Databasen är tom – tryck ctrl+p och välj "
                               "Ladda exempeldata", id="section")
        yield Footer()

    @property
    def table(self) -> Table:
        return self.query_one("#attention", Table)

    def on_mount(self) -> None:
        self.table.focus()
        if self.app.start_rows is not None:  # type: ignore[attr-defined]
            self._show_start()

    def on_resize(self) -> None:
        # wrap the text column to the new width (no new query), once the new layout (a breakpoint may move
        # the summary) has given the list its width
        self.call_after_refresh(self._redraw)

    def _redraw(self) -> None:
        if self._last is not None and self._text_width() != self._shown_width:
            self._show_items(self._last)

    def reload(self) -> None:
        first, self._reloaded = not self._reloaded, True
        if first and (self.app.start_rows is not None or self._start_shown):  # type: ignore[attr-defined]
            # the first showing after the light start: its rows were read before the app ran and are shown
            # when the screen is mounted (``on_mount``, before or after this first resume), so its first layout
            # and first frame have them; no worker. Every later showing reads afresh.
            return
        self._load_items()

    def _show_start(self) -> None:
        start = self.app.take_start_rows()  # type: ignore[attr-defined]
        self._start_shown = True
        self._loaded(start.items)
        self.show_summary(start.summary)

    def _load_items(self) -> None:
        db, today = self.db, self.today

        def fetch() -> tuple[attention.Shown, counts.Table | Exception]:
            # Asked through the light read path first: on a day with nothing to roll (the usual one) the
            # rows need neither SQLAlchemy nor the models, so the start paints them without importing those.
            if renewal_due.due(db, today):
                from shk_tui.services.contracts import contract_edit

                rolled = contract_edit.roll_renewals(db, today)
                if rolled:  # reported at once: a newer load may replace this one, and it will find nothing to roll
                    self._from_thread(self._report_rolled, rolled)
            return attention.collect_with(db, today, PER_CATEGORY, summary)

        def summary(rows: Reader) -> counts.Table | Exception:
            # read beside the list; its failure is its own notice, the list is shown all the same
            try:
                return counts.overview(rows, today=today)
            except Exception as exc:  # noqa: BLE001 - reported by _items_loaded
                return exc

        self.load(fetch, self._items_loaded, on_error=self._failed)

    def action_refresh(self) -> None:
        self.reload()

    def _failed(self, exc: BaseException) -> None:
        self.report_error(exc, "Kunde inte läsa översikten från databasen (se loggfilen)")
        self.query_one("#attention-count", Static).update("Kunde inte laddas")

    def _report_rolled(self, rolled: list) -> None:  # contract_edit.Rolled
        for r in rolled:
            self.notify(f"{r.title}: förlängt automatiskt till {format_date(r.new_end)}", title="Avtal förlängt")

    def _loaded(self, items: attention.Shown) -> None:
        self.loads += 1
        self._show_items(items)

    def _items_loaded(self, loaded: tuple[attention.Shown, counts.Table | Exception]) -> None:
        """The list, then the summary beside it (read side by side, shown in this order: the list is what
        must be seen first, and its rows lay out before the summary's lines under it at 80×24)."""
        items, summary = loaded
        self._loaded(items)
        if isinstance(summary, Exception):
            self._summary_failed(summary)
        else:
            self.show_summary(summary)

    def show_summary(self, summary: counts.Table) -> None:
        section = self.query_one(SectionTable)
        # fixed widths from the texts themselves, so the labels are whole on the first paint (before the
        # table has measured its cells) and after any resize; a label too long for the box is cut with "…"
        numbers = max([cell_len(str(summary.columns[-1])), *(cell_len(str(r[-1])) for r in summary.rows)])
        room = SUMMARY_WIDTH - 3 - 2 * section.data_table.cell_padding * len(summary.columns) - numbers
        labels = min(room, max([cell_len(str(summary.columns[0])), *(cell_len(str(r[0])) for r in summary.rows)]))
        section.show_rows(summary.columns, [(clip(str(r[0]), labels), *r[1:]) for r in summary.rows], summary.total,
                          [labels, numbers])
        self.query_one("#summary-line", Flow).show(
            [f"[b]Sammanfattning:[/b] {escape(' '.join(map(str, summary.rows[0])))}" if summary.rows
             else "[b]Sammanfattning:[/b] –", *(escape(" ".join(map(str, r))) for r in summary.rows[1:])])

    def _summary_failed(self, exc: BaseException) -> None:
        self.report_error(exc, "Kunde inte läsa sammanfattningen (se loggfilen)")
        self.query_one(SectionTable).show_error("Kunde inte laddas")

    def _show_items(self, found: attention.Shown) -> None:
        self._last = found
        table = self.table
        cursor = table.cursor_row
        self.row_items = []
        self.row_groups = []  # the category on heading and "… och N till" rows of a group Avtal can list
        groups = attention.group(found.items)
        text_width = self._shown_width = self._text_width()
        with self.app.batch_update():
            table.clear(columns=True)
            table.add_column("", width=1)
            table.add_column("Datum", width=10)
            table.add_column("Vad", width=text_width)
            for category, items in groups:
                worst = min(i.severity for i in items)
                whole = found.counts[category]
                # a group of Avtal's filters opens there; "Ska diarieföras" may hold initiative decisions too
                contracts = sum(i.section == "avtal" for i in items)
                listed = contract_attention.avtal_filter(category) if contracts else None
                hint = (" – enter visar dem i Avtal" if contracts == len(items)
                        else " – enter visar avtalen i Avtal") if listed else ""
                if category == gallring_plan.CATEGORY:
                    listed, hint = category, " – enter (eller g) öppnar gallringen"
                heading = Text.assemble((f"{category} ({whole})", f"bold {SEVERITY_STYLE[worst]}"), (hint, "dim"))
                table.add_row("", "", heading, height=self._lines(heading, text_width))
                self.row_items.append(None)
                self.row_groups.append(category if listed else None)
                for item in items:
                    style = SEVERITY_STYLE.get(item.severity, "")
                    # An explicit height (the wrapped line count) spares DataTable measuring every row.
                    text = Text(item.text, style=style if item.severity == 0 else "")
                    table.add_row(Text(SEVERITY_MARK.get(item.severity, "·"), style=style),
                                  format_date(item.when), text, height=self._lines(text, text_width))
                    self.row_items.append(item)
                    self.row_groups.append(None)
                if whole > len(items):
                    table.add_row("", "", Text(f"… och {whole - len(items)} till{hint}", style="dim"))
                    self.row_items.append(None)
                    self.row_groups.append(category if listed else None)
            if self.row_items:
                first_item = next(i for i, item in enumerate(self.row_items) if item is not None)
                table.move_cursor(row=cursor if 0 < cursor < len(self.row_items) else first_item)
        n = found.total
        self.query_one("#attention-count", Static).update(
            f"{count(n, 'sak', 'saker')} i {count(len(groups), 'grupp', 'grupper')}"
            if n else "")
        self.query_one("#attention-box").set_class(not n, "-empty")

    def _text_width(self) -> int:
        """The width of the "Vad" column: what the box leaves beside the mark and the date (their cell
        padding and the scrollbar included). From the box: the table itself has no size while hidden (an
        empty day, or the first load before the example data). Before the first layout (the start's rows,
        in its first frame) the box's width is worked out as overview.tcss lays it out: the whole width
        less its padding, less the summary beside it from 100 columns."""
        box = self.query_one("#attention-box").content_size.width
        if not box:
            width = self.app.size.width
            box = width - (SUMMARY_WIDTH if width >= WIDE else 0) - 2 * BOX_PADDING
        table = self.table
        others = 1 + 10 + 2 * table.cell_padding * 3 + table.styles.scrollbar_size_vertical
        return max(12, box - others)

    def _lines(self, text: Text, width: int) -> int:
        """The lines ``text`` takes in a column ``width`` wide, wrapped as the table wraps it."""
        return len(text.wrap(self.app.console, width)) or 1

    @property
    def current_item(self) -> AttentionItem | None:
        row = self.table.cursor_row
        return self.row_items[row] if 0 <= row < len(self.row_items) else None

    async def action_open(self) -> None:
        item = self.current_item
        if item is None:
            await self._open_group()
            return
        if item.section == "avtal" and item.target_id is not None:
            # imported here: the first rows need neither it nor the contract services it imports
            from shk_tui.ui.contracts.contract_detail import ContractDetailScreen

            self.app.push_screen(ContractDetailScreen(item.target_id))
            return
        if item.section == gallring_plan.SECTION:
            self.action_gallring()
            return
        await self.app.switch_mode(item.section)
        if not await self._close_views():
            return
        show_item = getattr(self.app.screen, "show_item", None)
        if show_item is not None:  # without a target too ("3 kontakter saknar rättslig grund": the filter)
            show_item(item.target_id)

    async def _close_views(self) -> bool:
        """The section's own screen in view: a view left open over it (another event's participant list)
        is closed; a form with changes is not (a notice; False)."""
        from shk_tui.ui.base.form import FormDialog

        above = self.app.screen_stack[1:]
        if any(isinstance(s, FormDialog) and s.changed for s in above):
            self.app.notify(FORM_OPEN, severity="warning")
            return False
        for _screen in above:
            await self.app.pop_screen()
        return True

    async def _open_group(self) -> None:
        """A heading (or its "… och N till" row) of contract rows: Avtal with the matching filter."""
        row = self.table.cursor_row
        category = self.row_groups[row] if 0 <= row < len(self.row_groups) else None
        if category == gallring_plan.CATEGORY:
            self.action_gallring()
            return
        name = contract_attention.avtal_filter(category) if category else None
        if name is None:
            return
        await self.app.switch_mode("avtal")
        show_filter = getattr(self.app.screen, "show_filter", None)
        if show_filter is not None:
            show_filter(name)

    def action_search(self) -> None:
        """/: the global search (the command palette, which also finds the commands)."""
        open_palette(self.app, SEARCH_PLACEHOLDER)

    def action_gallring(self) -> None:
        """The gallring dialog; Översikt reloads when it changed something."""
        from shk_tui.ui.overview.gallring import GallringScreen

        self.app.push_screen(GallringScreen(), lambda changed: self.reload() if changed else None)

    @on(DataTable.RowSelected, "#attention")
    async def _selected(self) -> None:
        await self.action_open()
