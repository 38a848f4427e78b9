"""The Textual app: six sections as MODES, keys 1–6, help, command palette, first-run example data.

It only wires things together; each section lives in ``shk_tui/ui/<section>/``."""

from __future__ import annotations

import gc
import importlib
import logging
from collections.abc import Callable, Iterator
from datetime import date
from functools import partial
from typing import TYPE_CHECKING, Any, NamedTuple

from rich.text import Text
from textual.app import App, SystemCommand, active_app
from textual.binding import Binding
from textual.screen import Screen
from textual.theme import Theme

from shk_tui import config, prefs
from shk_tui.errors import ShkError
from shk_tui.ui import stylesheets
from shk_tui.ui.base import work
from shk_tui.ui.base.confirm import ConfirmScreen
from shk_tui.ui.base.titles import APP_TITLE
from shk_tui.ui.keys import known_binding_ids
from shk_tui.ui.widgets.global_search import GlobalSearch
from shk_tui.ui.widgets.screen_commands import PaletteCommands, open_palette, textual_commands
from shk_tui.ui.widgets.search_box import clear_all as clear_searches

if TYPE_CHECKING:
    from shk_tui.db.engine import Database

log = logging.getLogger("shk_tui")


def screen_class(path: str) -> type:
    """``"shk_tui.ui.contacts.contacts.ContactsScreen"`` → the class, its module imported now."""
    module, _, name = path.rpartition(".")
    return getattr(importlib.import_module(module), name)


def fresh_screen(path: str) -> Any:
    """A MODES factory: the section's screen, marked as styled with the app's current CSS.

    The screen's module is imported when the section is first shown, not when the app is: the start
    imports Översikt's screen alone (and what it needs), not all six sections and their services.

    Textual (8.2) re-parses every stylesheet twice when a mode's screen is first shown, because a new
    screen's ``_css_update_count`` (-1) differs from the app's; a new screen's widgets are styled with
    the current stylesheet as they mount, so there is nothing to refresh (~70 ms saved per section's
    first showing; test_app_shell checks that no re-parse happens)."""

    def make() -> Any:
        screen = screen_class(path)()
        screen._css_update_count = active_app.get()._css_update_count
        return screen

    make.__name__ = f"fresh_{path.rpartition('.')[2]}"
    return make


#: Allocations between young collections (CPython's default is 700).
GC_THRESHOLD = 10_000
_gc_tuned = False


def tune_gc() -> None:
    """Once per process, when the app's first frame is drawn: move the ~180 000 objects of the imported
    modules and of the first screen into the permanent generation, make young collections rarer and turn
    the collector on again (``cli.main`` turns it off for the start, whose collections walk those objects
    over and over: ~40 ms of the start). Full collections otherwise walk all of them, 90–120 ms each, several
    times while a section shows thousands of rows."""
    global _gc_tuned
    if not _gc_tuned:
        _gc_tuned = True
        gc.freeze()  # no collection first: it would hold up the first screen, and start-up leaves little garbage
        gc.set_threshold(GC_THRESHOLD, 10, 10)
    gc.enable()


def refreeze() -> None:
    """After the heavy modules were imported later than the start (the light start): their objects into the
    permanent generation as well."""
    gc.freeze()


class Section(NamedTuple):
    mode: str
    label: str
    key: str
    screen: str  # the screen class's dotted path, imported when the section is first shown


SECTIONS = (
    Section("oversikt", "Översikt", "1", "shk_tui.ui.overview.overview.OverviewScreen"),
    Section("portfolj", "Portfölj", "2", "shk_tui.ui.portfolio.portfolio.PortfolioScreen"),
    Section("kontakter", "Kontakter", "3", "shk_tui.ui.contacts.contacts.ContactsScreen"),
    Section("evenemang", "Evenemang", "4", "shk_tui.ui.events.events.EventsScreen"),
    Section("avtal", "Avtal", "5", "shk_tui.ui.contracts.contracts.ContractsScreen"),
    Section("budget", "Budget", "6", "shk_tui.ui.budget.budget.BudgetScreen"),
)
DEMO_QUESTION = "Ladda exempeldata?"
DEMO_TEXT = (
    "Databasen är tom. Exempeldata bygger på Samhällskontraktets egna underlag: organisationer, "
    "kontakter, evenemang, avtal, initiativ och budget. Du kan ta bort eller ändra allt efteråt."
)

#: When a hit of the global search cannot be opened in its section.
FORM_OPEN = "Ett ändrat formulär är öppet i {section}: spara eller stäng det först (esc)"
CANNOT_OPEN = "Det går inte att öppna i {section}"

DEMO_NOT_EMPTY = (
    "Databasen innehåller redan data; exempeldata laddas bara i en tom databas (eller med shk demo --force)."
)


SECTION_KEYS = Binding.Group("Avsnitt")
#: Seconds after the start before the day's backup is taken (Översikt has its rows by then).
BACKUP_AFTER = 1.0
#: Seconds between looks whether the first screen's rows are in (the light start).
START_POLL = 0.05


class ShkApp(work.HeldFrames, App):
    # the first frame's stylesheets; the others follow it (ui/stylesheets.py)
    CSS_PATH = list(stylesheets.START_CSS)
    TITLE = APP_TITLE
    MODES = {s.mode: fresh_screen(s.screen) for s in SECTIONS}
    # The app starts in Översikt's mode: no blank default screen first, and no switch_mode at the start,
    # whose delay_update would hold back the first frame (with its rows) for 50 ms.
    DEFAULT_MODE = SECTIONS[0].mode
    # the app's commands (Textual's own among them: get_system_commands) and the global search
    COMMANDS = {PaletteCommands, GlobalSearch}
    BINDINGS = [
        # one footer entry for the six ("1 2 3 4 5 6 Avsnitt"); the help screen names each
        *(Binding(s.key, f"section('{s.mode}')", s.label, id=f"section.{s.mode}", group=SECTION_KEYS)
          for s in SECTIONS),
        Binding("question_mark,f1", "help", "Hjälp", key_display="?", id="app.help"),
        Binding("ctrl+q", "quit", "Avsluta", priority=True, show=False, id="app.quit"),  # in help (?)
        # q too, but not a priority: a focused search box or field types the q, and a dialog (a modal
        # screen, which app keys do not reach) keeps it; README and the help say so
        Binding("q", "quit", "Avsluta (ej i fält)", show=False, id="app.quit_q"),
        Binding(
            "ctrl+p",
            "command_palette",
            "Kommandon",
            show=False,
            key_display="^p",
            priority=True,
            id="app.palette",
        ),
    ]

    def __init__(self, db: Database, *, today: date | None = None) -> None:
        super().__init__()
        self.db: Database = db
        self.today: date = today or date.today()
        self._saved_theme: str = ""
        self.daily_backup = False  # run_app sets it for shk's start
        #: Översikt's rows read before the app ran (run_app on the light start), shown in its first frame.
        self.start_rows: Any = None  # ui.overview.overview.StartRows
        self.sub_title = db.config.display
        if hasattr(db, "on_wait"):
            db.on_wait = self._database_waits

    async def run_action(self, action, default_namespace=None, namespaces=None) -> bool:  # noqa: ANN001
        """Every key's action: an error meant for the user (the database busy past its timeout, a stale
        save, a lost connection, a full disk) becomes a Swedish notice and the app carries on; Textual
        would otherwise stop the app's message loop and the app would have to close."""
        try:
            return await super().run_action(action, default_namespace, namespaces)
        except ShkError as exc:
            log.info("action %s refused: %s", action, exc.message)
            self.notify(exc.message, severity="error", title="Fel")
            return True

    def _database_waits(self) -> None:
        """Called by the database (in the waiting thread) when a write waits for another process."""
        from shk_tui.ui.base.saving import WAITING

        try:
            self.call_from_thread(self.notify, WAITING, timeout=5)
        except RuntimeError:  # on the event loop itself: it is blocked, nothing can be shown
            pass

    def _handle_exception(self, error: Exception) -> None:
        """An unexpected error (a bug) never shows a traceback. Textual stops the failing widget's message
        loop, so the app cannot go on safely: it closes with a short Swedish message (every write is one
        transaction, so nothing is half-saved) and the traceback goes to the log file. Pilot tests still
        see the error: ``run_test`` raises it when the test's app closes."""
        if self._exception is None:
            self._exception = error
            self._exception_event.set()
        log.error("unexpected error in the TUI", exc_info=(type(error), error, error.__traceback__))
        if not self._exit:
            self.exit(return_code=1, message=Text(
                f"shk: oväntat fel ({type(error).__name__}); programmet avslutades.\n"
                f"Inget halvsparat finns kvar. Detaljer i loggfilen:\n{config.log_file()}"))

    def on_mount(self) -> None:
        self.call_after_refresh(self._after_first_frame)
        self._apply_prefs()  # the first section's screen is already there: DEFAULT_MODE
        if getattr(self.db, "opened", True):
            self._offer_demo()
        else:  # the light start (``db.light.LazyDatabase``): the first rows come first
            self.call_after_refresh(self._after_first_rows)
        if self.daily_backup:
            self.set_timer(BACKUP_AFTER, self._daily_backup)

    def _after_first_frame(self) -> None:
        """The collector's turn (``tune_gc``) once the first frame is drawn: no update held any longer."""
        if self._batch_count:
            self.set_timer(START_POLL, self._after_first_frame)
            return
        self._read_later_css()
        tune_gc()

    def _read_later_css(self) -> None:
        stylesheets.read_later(self.stylesheet)

    def take_start_rows(self) -> Any:
        """The rows read before the start, once (a later showing of Översikt reads afresh)."""
        rows, self.start_rows = self.start_rows, None
        return rows

    def _after_first_rows(self) -> None:
        """On the light start, once Översikt's first rows are in (no worker left): the example-data offer,
        whose question opens the real database in its worker, importing SQLAlchemy and the models there, off
        the first frame and before the user's first key needs them; then the objects of those imports are
        moved out of the collector's way too (``tune_gc``)."""
        if any(not w.is_finished for w in self.workers):
            self.set_timer(START_POLL, self._after_first_rows)
            return
        self._offer_demo(then=refreeze)

    def _daily_backup(self) -> None:
        """The day's backup (``storage.daily_backup``) in a worker, once the first screen has its rows:
        it never holds up the start. A failure is logged and shown as a notice; the app goes on."""
        if any(not w.is_finished for w in self.workers):  # the first screen is still loading: later
            self.set_timer(BACKUP_AFTER / 4, self._daily_backup)
            return
        db = self.db

        def take() -> None:
            from shk_tui.services import storage

            storage.daily_backup(db)

        work.load(self, take, lambda _: None, group="backup",
                  failed="Den dagliga säkerhetskopian kunde inte tas (se loggfilen)")

    # -- preferences (shk_tui/prefs.py): theme and keymap -----------------------------------------------
    def _apply_prefs(self) -> None:
        """The saved theme and key remaps; a broken settings file gives the defaults and one warning.
        From then on a theme chosen in ctrl+p is saved."""
        loaded = prefs.load()
        warnings = [loaded.warning] if loaded.warning else []
        saved = loaded.prefs
        if saved.theme and saved.theme in self.available_themes:
            self.theme = saved.theme
        elif saved.theme:
            warnings.append(f"Okänt tema i inställningarna: {saved.theme}; standardtemat används.")
        if saved.keys:
            known = known_binding_ids() | {b.id for b in ShkApp.BINDINGS if isinstance(b, Binding) and b.id}
            unknown = sorted(set(saved.keys) - known)
            if unknown:
                warnings.append("Okända tangent-id i inställningarna (används inte): " + ", ".join(unknown))
            self.set_keymap({k: v for k, v in saved.keys.items() if k not in unknown})
        self._saved_theme = self.theme
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        if warnings:
            self.notify("\n".join(warnings), severity="warning", title="Inställningar", timeout=10)

    def _theme_changed(self, theme: Theme) -> None:
        if theme.name == self._saved_theme:
            return
        self._saved_theme = theme.name
        try:
            prefs.update(theme=theme.name)
        except ShkError as exc:
            self.notify(exc.message, severity="warning")

    def action_section(self, mode: str) -> None:
        if mode != self.current_mode:
            for screen in self.screen_stack:  # a search never carries over silently to the next visit
                clear_searches(screen)
        self.switch_mode(mode)

    def action_command_palette(self) -> None:
        open_palette(self)

    async def open_item(self, section: str, target_id: int, kind: str = "", title: str = "") -> None:
        """Enter on a hit of the global search: ``section`` (an app mode) shown at its own screen, which
        is asked to ``reveal(target_id, kind, title)`` the item (a contact selected with its detail, a
        contract's detail …). Screens left open over the section's screen are closed first, unless one is
        a form with changes (then a notice, and nothing is closed)."""
        from shk_tui.ui.base.form import FormDialog

        label = next((s.label for s in SECTIONS if s.mode == section), section)
        if section not in self.MODES:
            self.notify(CANNOT_OPEN.format(section=label), severity="error")
            return
        if section != self.current_mode:
            for screen in self.screen_stack:  # as a section key: a search never carries over silently
                clear_searches(screen)
            await self.switch_mode(section)
        above = self.screen_stack[1:]
        if any(isinstance(s, FormDialog) and s.changed for s in above):
            self.notify(FORM_OPEN.format(section=label), severity="warning")
            return
        for _screen in above:
            await self.pop_screen()
        base = self.screen
        reveal = getattr(base, "reveal", None)
        if reveal is None:
            self.notify(CANNOT_OPEN.format(section=label), severity="error")
            return
        # after the screen's own ScreenResume (a reload) is handled: the reveal's load is the newest
        base.call_later(reveal, target_id, kind, title)

    def get_system_commands(self, screen: Screen) -> Iterator[SystemCommand]:
        """The palette's commands: go to a section, load the example data, the keys, then Textual's own
        (theme, quit, key panel, screenshot) in Swedish."""
        for s in SECTIONS:
            yield SystemCommand(f"Gå till {s.label}", f"Visa {s.label} (tangent {s.key})",
                                partial(self.action_section, s.mode))
        yield SystemCommand("Ladda exempeldata", "Fyll databasen med exempeldata", self.action_load_demo)
        yield SystemCommand("Visa tangenter", "Alla tangenter (? eller F1)", self.action_help)
        yield from textual_commands(self, screen)

    def action_help(self) -> None:
        from shk_tui.ui.base.help import HelpScreen, describe  # not needed for the first frame

        if isinstance(self.screen, HelpScreen):
            return
        bindings = [(k, a.binding) for k, a in self.screen.active_bindings.items() if not a.binding.system]
        bindings.sort(key=lambda kb: kb[1].id is None)  # the app's own keys first, then Textual's
        keys = [(self.get_key_display(b.with_key(k)), describe(b)) for k, b in bindings]
        section = getattr(self.screen, "SECTION", "")
        self.push_screen(HelpScreen(keys, title=f"Tangenter – {section}" if section else "Tangenter"))

    def action_load_demo(self) -> None:
        self._offer_demo(asked=True)

    def _on_demo_answer(self, answer: bool | None) -> None:
        if answer:
            self._load_demo()

    def _offer_demo(self, asked: bool = False, then: Callable[[], None] | None = None) -> None:
        """Offer the example data when the database is empty (at start, or when asked for); ``then`` runs in
        the worker after the check."""
        db = self.db

        def empty() -> bool:
            from shk_tui.services.demo import seed as demo

            found = not demo.has_data(db)
            if then is not None:
                then()
            return found

        def answer(is_empty: bool) -> None:
            if is_empty:
                self.push_screen(ConfirmScreen(DEMO_QUESTION, DEMO_TEXT), self._on_demo_answer)
            elif asked:
                self.notify(DEMO_NOT_EMPTY, severity="warning")

        work.load(self, empty, answer, group="demo", failed="Kunde inte läsa databasen (se loggfilen)")

    def _load_demo(self) -> None:
        db, today = self.db, self.today

        def build() -> None:
            from shk_tui.services.demo import seed as demo

            demo.load(db, today=today)

        work.load(self, build, lambda _: self._demo_loaded(), group="demo",
                  failed="Exempeldata kunde inte laddas (se loggfilen)")

    def _demo_loaded(self) -> None:
        self.notify("Exempeldata laddad")
        reload = getattr(self.screen, "reload", None)
        if reload is not None:
            reload()


def run_app(db: Database, *, daily_backup: bool = False) -> int:
    """Run the TUI; the exit code is 1 after an unexpected error. With ``daily_backup`` (``shk``'s start)
    the day's backup is taken in a worker once the first screen is up."""
    app = ShkApp(db)
    app.daily_backup = daily_backup
    if not getattr(db, "opened", True):  # the light start (db.light.LazyDatabase)
        from shk_tui.ui.overview.overview import start_rows

        app.start_rows = start_rows(db, app.today)
    app.run()
    return app.return_code or 0
