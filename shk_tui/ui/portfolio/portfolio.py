"""The Portfölj section: the board (phases as columns, one board per focus area or all) and the
list view with search and filters. ``<``/``>`` move a card one phase; ``t`` triages proposals;
``r`` shows the beslutsunderlag of the board's focus area; enter opens an initiative."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Header, Select, Static
from textual.worker import Worker, WorkerState

from shk_tui.enums import FocusArea, Phase
from shk_tui.errors import ShkError, StaleEdit, ValidationError
from shk_tui.fmt import count
from shk_tui.services.portfolio import initiatives, portfolio
from shk_tui.services.portfolio.portfolio import Board, Card, Filters, ListResult
from shk_tui.ui import keys
from shk_tui.ui.base.loading import ShownScreen
from shk_tui.ui.base.undo import Undoable
from shk_tui.ui.widgets.footer import Footer
from shk_tui.ui.widgets.initiative_list import InitiativeList
from shk_tui.ui.widgets.kanban import Kanban
from shk_tui.ui.widgets.screen_commands import screen_commands
from shk_tui.ui.widgets.search_box import SearchBox

#: The board's focus areas in the order ``f`` steps through them; None = all.
FOCUS_CYCLE: tuple[FocusArea | None, ...] = (None, FocusArea.BARN, FocusArea.ALDRE, FocusArea.OVERGRIPANDE)
SHORT_FOCUS: dict[FocusArea | None, str] = {None: "Alla", **{area: area.short for area in FocusArea}}


def focus_bar(current: FocusArea | None, view: str) -> str:
    parts = []
    for area in FOCUS_CYCLE:
        name = SHORT_FOCUS[area]
        parts.append(f"[reverse] {name} [/]" if area == current else f" {name} ")
    views = "[b]Tavla[/] · lista" if view == "board" else "tavla · [b]Lista[/]"
    return "Fokus (f):" + "".join(parts) + f"   Vy (v): {views}"


class PortfolioScreen(Undoable, ShownScreen):
    SECTION = "Portfölj"
    CSS_PATH = "portfolio.tcss"
    LOAD_FAILED = "Kunde inte läsa portföljen (se loggfilen)"
    SHOW_GROUPS = ("board", "list")
    _VIEW_LOADS = ("load-board", "load-list")  # their workers' groups (Work.load)
    COMMANDS = Screen.COMMANDS | {screen_commands([
        ("Triagera förslag", "triage", "Förslagen ett i taget, äldst först (t)"),
        ("Beslutsunderlag", "report", "Tabellen per fokusområde med TOTALT och fördelning (r)"),
        ("Nytt initiativ", "new", "Formulär för ett nytt initiativ (n)"),
        ("Växla tavla/lista", "toggle_view", "Portföljen som tavla eller lista med filter (v)"),
        ("Exportera initiativ", "export", "Initiativen som xlsx i exportmappen (x)"),
    ])}
    BINDINGS = keys.of("portfolio")

    def __init__(self) -> None:
        super().__init__()
        self.focus_area: FocusArea | None = None
        self.view = "board"
        self._select_after_load: int | None = None
        self._list_ready = False  # the list view is mounted after the board is first shown
        self._stale = {"board": True, "list": True}  # a view to load again before it is shown
        self._open_after_load = False
        self._prefetch: str | None = None  # the view to load once the load of the one shown is done
        #: initiative id → its version after this screen's own latest move or undo of it, so the undo
        #: of an older move of the same card still applies once the newer moves are undone
        self._own_versions: dict[int, int] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(focus_bar(None, "board"), id="portfolio-bar")
        with ContentSwitcher(initial="board-view", id="portfolio-views"):
            yield Kanban(id="board-view")
        yield Footer()

    def on_screen_resume(self) -> None:
        """Shown (a section key, a dialog closed): the board or the list has the focus, never the
        search, so a section key pressed next is never typed into it. (ShownScreen reloads.)"""
        self.focus_view()

    def focus_view(self) -> None:
        if self.view == "list" and self._list_ready:
            self.listing.table.focus()
        else:
            self.kanban.focus()

    @property
    def kanban(self) -> Kanban:
        return self.query_one(Kanban)

    @property
    def listing(self) -> InitiativeList:
        return self.query_one(InitiativeList)

    def reload(self) -> None:
        """Load the current view; the other view is loaded once it has been drawn (prefetch), so the
        current one shows as soon as possible and switching views is instant."""
        self._stale = {"board": True, "list": True}
        self._load(self.view, prefetch=False)

    @property
    def filters(self) -> Filters:
        return self.listing.filters if self._list_ready else Filters()

    async def ensure_list(self) -> None:
        """Mount the list view (search, filters, table) once; it is not needed to show the board."""
        if not self._list_ready and not self.query("#list-view"):
            listing = InitiativeList(id="list-view")
            await self.query_one(ContentSwitcher).mount(listing)
            listing.display = self.view == "list"  # ContentSwitcher hides only the children it starts with
            self._list_ready = True
            self._sync_list_focus()

    def _sync_list_focus(self) -> None:
        """The list's focus-area filter is the bar's focus area (``f``): both views show the same."""
        if self._list_ready:
            with self.prevent(Select.Changed):
                self.listing.set_filter("focus_area", self.focus_area.value if self.focus_area else None)

    async def _mount_list_and_prefetch(self) -> None:
        await self.ensure_list()
        self._load("list", prefetch=True)

    def _load(self, view: str, *, prefetch: bool) -> None:
        """Load ``view``; unless ``prefetch``, the other view is loaded when it has arrived."""
        if view == "list" and not self._list_ready:
            self.run_worker(self._mount_list_and_prefetch(), group="portfolio-mount")
            return
        db, focus_area, filters = self.db, self.focus_area, self.filters
        if view == "board":
            self.load(lambda: portfolio.board(db, focus_area), lambda board: self._show_board(board, prefetch),
                      group="board")
        else:
            self.load(lambda: (portfolio.list_initiatives(db, filters), initiatives.initiative_owners(db)),
                      lambda found: self._show_list(*found, prefetch), group="list")

    def _show_board(self, board: Board, prefetch: bool) -> None:
        self.kanban.show_board(board.columns, board.counts, focus=self.view == "board")
        self._arrived("board", prefetch)

    def _show_list(self, listing: ListResult, owners: list[tuple[str, int]], prefetch: bool) -> None:
        with self.app.batch_update():
            self.listing.set_owners(owners)
            self.listing.show(listing.cards, listing.total)
        self._arrived("list", prefetch)

    def _arrived(self, view: str, prefetch: bool) -> None:
        self._stale[view] = False
        if not prefetch:
            self._prefetch = "list" if view == "board" else "board"
        target = self._select_after_load
        if target is not None and view == self.view:
            self._select_after_load = None
            (self.kanban if self.view == "board" else self.listing).select(target)
            if self._open_after_load:
                self._open_after_load = False
                self.open_detail(target)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """The load of the view shown is done: the other view is loaded after the next frame (by then
        ShkScreen no longer holds the first one), so mounting and filling the list (~50 ms) never holds
        up drawing the board."""
        if self._prefetch and event.state is WorkerState.SUCCESS and event.worker.group in self._VIEW_LOADS:
            view, self._prefetch = self._prefetch, None
            self.call_after_refresh(self._load, view, prefetch=True)

    # --- Översikt protocol -----------------------------------------------------------------

    def show_item(self, target_id: int | None) -> None:
        """From Översikt: a proposal (or no target) opens triage at it; another initiative is
        selected on the board (all focus areas) and opened."""
        from shk_tui.ui.portfolio.triage import TriageScreen

        if target_id is not None:
            db = self.db
            card = self.attempt(lambda: portfolio.card(db, target_id), "Kunde inte läsa från databasen (se loggfilen)")
            if card is None:
                return
            if card.phase is not Phase.FORSLAG:
                self.focus_area = None
                self._select_after_load, self._open_after_load = target_id, True
                self._refresh_bar()
                self._sync_list_focus()
                self.reload()
                return
        self.app.push_screen(TriageScreen(start_id=target_id), lambda _r: self.reload())

    def reveal(self, item_id: int, kind: str = "initiative", title: str = "") -> None:
        """The global search's Enter: the initiative selected (all focus areas) and its detail opened (a
        notice when it is gone: InitiativeDetailScreen)."""
        self.focus_area = None
        self._select_after_load, self._open_after_load = item_id, True
        self._refresh_bar()
        self._sync_list_focus()
        self.reload()

    # --- views -----------------------------------------------------------------------------

    def _refresh_bar(self) -> None:
        self.query_one("#portfolio-bar", Static).update(focus_bar(self.focus_area, self.view))

    async def action_toggle_view(self) -> None:
        await self.ensure_list()
        current = self.current_id
        self.view = "list" if self.view == "board" else "board"
        self.query_one(ContentSwitcher).current = "list-view" if self.view == "list" else "board-view"
        self._refresh_bar()
        self.focus_view()
        if self._stale[self.view]:  # else it is fresh (prefetched): showing it costs nothing
            self._select_after_load = current
            self._load(self.view, prefetch=True)
        elif current is not None:
            (self.kanban if self.view == "board" else self.listing).select(current)

    def action_next_focus(self) -> None:
        index = FOCUS_CYCLE.index(self.focus_area)
        self.focus_area = FOCUS_CYCLE[(index + 1) % len(FOCUS_CYCLE)]
        self._refresh_bar()
        self._sync_list_focus()
        self.reload()

    async def action_search(self) -> None:
        if self.view == "board":
            await self.action_toggle_view()
        self.query_one("#initiative-search").focus()

    @on(SearchBox.ClearFilters)
    def _clear_filters(self) -> None:
        self.listing.clear_filters()

    @on(InitiativeList.Changed)
    def _filters_changed(self, event: InitiativeList.Changed) -> None:
        if event.filters.focus_area != self.focus_area:  # the list's focus filter is the bar's focus area
            self.focus_area = event.filters.focus_area
            self._refresh_bar()
            self._stale["board"] = True
        self._load("list", prefetch=True)

    @property
    def current_id(self) -> int | None:
        card = self.kanban.current if self.view == "board" or not self._list_ready else self.listing.current
        return card.id if card else None

    # --- moving cards ----------------------------------------------------------------------

    @on(Kanban.MoveRequested)
    def _move(self, event: Kanban.MoveRequested) -> None:
        db, card = self.db, event.card

        def refused(exc: ShkError) -> None:
            if isinstance(exc, StaleEdit):  # moved or edited by someone else: show the board as it is now
                self.notify(f"{exc.message}; tavlan laddas om", severity="warning", title=card.name)
                self.reload()
            elif isinstance(exc, ValidationError):
                self.notify(exc.errors.get("decided_by") or exc.errors.get("phase") or exc.message,
                            severity="warning", title=card.name)
            else:
                self.report_error(exc)

        self.write(lambda: portfolio.move_phase(db, card.id, event.step, expected_version=card.version),
                   lambda moved: self._moved(moved, card.phase), on_error=refused,
                   failed="Kortet kunde inte flyttas (se loggfilen)")

    def _moved(self, moved: Card, before: Phase) -> None:
        self.kanban.move_card(moved)
        self._stale["list"] = True
        self._own_versions[moved.id] = moved.version
        db, own = self.db, self._own_versions

        def undo() -> Card:
            self._select_after_load = moved.id  # the reload after ctrl+z shows the card where it is then
            restored = portfolio.restore_phase(db, moved.id, before,
                                               expected_version=own.get(moved.id, moved.version))
            own[moved.id] = restored.version
            return restored

        self.remember_undo(f"Flyttade {moved.name} från {before.label} till {moved.phase.label}", undo)

    # --- opening, forms, triage, report ----------------------------------------------------

    @on(Kanban.CardOpened)
    def _opened(self, event: Kanban.CardOpened) -> None:
        self.open_detail(event.card.id)

    def on_data_table_row_selected(self, event) -> None:
        card = self.listing.current
        if card is not None:
            self.open_detail(card.id)

    def open_detail(self, initiative_id: int) -> None:
        from shk_tui.ui.portfolio.initiative_detail import InitiativeDetailScreen

        self.app.push_screen(InitiativeDetailScreen(initiative_id), lambda _r: self._after_change(initiative_id))

    def _after_change(self, initiative_id: int | None) -> None:
        if initiative_id is not None:
            self._select_after_load = initiative_id
        self.reload()

    def action_new(self) -> None:
        from shk_tui.ui.portfolio.initiative_form import InitiativeFormScreen

        self.app.push_screen(InitiativeFormScreen(None, focus_area=self.focus_area), self._after_change)

    def action_edit(self) -> None:
        from shk_tui.ui.portfolio.initiative_form import InitiativeFormScreen

        if self.current_id is not None:
            self.app.push_screen(InitiativeFormScreen(self.current_id), self._after_change)

    def action_triage(self) -> None:
        from shk_tui.ui.portfolio.triage import TriageScreen

        self.app.push_screen(TriageScreen(), lambda _r: self.reload())

    def action_export(self) -> None:
        """The initiatives as filtered in the list (all on the board's focus area otherwise) to xlsx/csv."""
        from shk_tui.services.portfolio import portfolio_export
        from shk_tui.ui.portfolio.export import SHEET_FORMATS, ExportScreen

        filters = self.filters if self.view == "list" else Filters(focus_area=self.focus_area)
        db = self.db

        def render(fmt: str) -> tuple[bytes, str]:
            sheet = portfolio_export.initiatives_sheet(db, filters)
            return portfolio_export.render(sheet, fmt), count(len(sheet.rows), "initiativ", "initiativ")

        self.app.push_screen(ExportScreen("Exportera initiativ", f"initiativ-{self.today.isoformat()}.xlsx",
                                          SHEET_FORMATS, render))

    def action_report(self) -> None:
        from shk_tui.ui.portfolio.report import ReportScreen

        self.app.push_screen(ReportScreen(self.focus_area or FocusArea.BARN))

