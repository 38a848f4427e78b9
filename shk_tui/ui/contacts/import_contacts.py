"""Import contacts (modal, from Kontakter with ``i``): choose a file (CSV from Excel, Outlook or
Google, vCard from phones, or XLSX), check it (preview: new rows, company cards, duplicates, bad rows
and warnings with line numbers), then
import with a progress bar. Encoding, delimiter and columns are detected; each can be overridden
(columns as ``Rubrik=fält; …``). Duplicates are skipped unless the user asks to import them as
contacts of their own, to merge under Dubbletter. The import is one transaction: cancelling or an
error writes nothing. Dismisses with True when contacts were imported."""

from __future__ import annotations

import threading
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Checkbox, DataTable, Input, Label, ProgressBar, Select, Static

from shk_tui.fmt import count
from shk_tui.services.contacts import contact_import as svc
from shk_tui.ui import keys
from shk_tui.ui.base.work import ShkDialog, error_message
from shk_tui.ui.widgets.table import Table

ENCODINGS = [("Upptäck själv", ""), ("UTF-8", "utf-8"), ("UTF-8 med BOM", "utf-8-sig"), ("Windows (cp1252)", "cp1252")]
DELIMITERS = [("Upptäck själv", ""), ("Semikolon ;", ";"), ("Komma ,", ","), ("Tabb", "\t")]
PREVIEW_ROWS = 200


def _listed(lines: list[str], shown: int = 50) -> str:
    from rich.markup import escape

    text = "\n".join(escape(line) for line in lines[:shown])
    return text + (f"\n… och {len(lines) - shown} till" if len(lines) > shown else "")


class ImportScreen(ShkDialog[bool]):
    CSS_PATH = "contacts.tcss"
    BINDINGS = keys.of("import")

    def __init__(self, path: str = "") -> None:
        super().__init__()
        self.initial_path = path
        self.plan: svc.ImportPlan | None = None
        self.running = False
        self.stop = threading.Event()

    def compose(self) -> ComposeResult:
        with Vertical(classes="form-dialog wide-dialog"):
            yield Static("Importera kontakter", classes="form-title")
            yield Label("Fil (CSV, .vcf eller .xlsx)", classes="form-label")
            yield Input(self.initial_path, placeholder="/sökväg/till/kontakter.csv", id="import-path", compact=True)
            with Horizontal(classes="options"):
                yield Select(ENCODINGS, value="", allow_blank=False, id="import-encoding", compact=True)
                yield Select(DELIMITERS, value="", allow_blank=False, id="import-delimiter", compact=True)
                yield Button("Läs in (ctrl+r)", id="import-check", compact=True)
            yield Input(placeholder="Kolumner, om de inte upptäcks rätt: Rubrik=fält; … (t.ex. Mejl=e-post; Fax=)",
                        id="import-columns", compact=True)
            yield Static("", id="import-summary")
            yield Table(cursor_type="row", id="import-preview")
            yield Static("", id="import-problems")
            yield Checkbox("Importera även dubbletterna, som egna kontakter (slå ihop dem sedan)",
                           id="import-duplicates", compact=True)
            yield ProgressBar(total=100, show_eta=False, id="import-progress")
            with Horizontal(classes="form-buttons"):
                yield Button("Importera (ctrl+s)", variant="primary", id="import-run", disabled=True, compact=True)
                yield Button("Avbryt (esc)", id="import-cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#import-path", Input).focus()
        self.query_one("#import-progress").display = False

    # --- check -------------------------------------------------------------------------------

    @on(Input.Submitted, "#import-path")
    @on(Input.Submitted, "#import-columns")
    @on(Button.Pressed, "#import-check")
    def action_check(self) -> None:
        if self.running:
            return
        path = self.query_one("#import-path", Input).value.strip()
        if not path:
            self.query_one("#import-summary", Static).update("Ange en fil")
            return
        encoding = str(self.query_one("#import-encoding", Select).value) or None
        delimiter = str(self.query_one("#import-delimiter", Select).value) or None
        columns = self.query_one("#import-columns", Input).value.split(";")
        self.query_one("#import-summary", Static).update("Läser …")
        self._check(Path(path).expanduser(), encoding, delimiter, columns)

    def _check(self, path: Path, encoding: str | None, delimiter: str | None, columns: list[str]) -> None:
        db = self.db
        self.load(lambda: svc.plan_file(db, path, encoding=encoding, delimiter=delimiter,
                                        columns=svc.parse_columns(columns)),
                  self._show_plan, group="check", on_error=self._show_error)

    def _show_error(self, exc: BaseException) -> None:
        self.plan = None
        from rich.markup import escape

        message = error_message(exc, "Filen kunde inte läsas (se loggfilen)")
        self.query_one("#import-summary", Static).update(f"[red]{escape(message)}[/red]")
        self.query_one("#import-run", Button).disabled = True

    def _show_plan(self, plan: svc.ImportPlan) -> None:
        self.plan = plan
        how = f" ({plan.encoding}, avgränsare {plan.delimiter!r})" if plan.kind == "csv" else f" ({plan.kind})"
        from rich.markup import escape

        summary = f"{Path(plan.source).name}{how}: {plan.summary()}"
        if plan.kind == "csv":
            summary += f"\nKolumner: {plan.columns_text()}"
        self.query_one("#import-summary", Static).update(escape(summary))
        table = self.query_one("#import-preview", DataTable)
        with self.app.batch_update():
            table.clear(columns=True)
            table.add_columns("Rad", "Namn", "Organisation", "E-post", "Telefon", "Taggar")
            for r in plan.new[:PREVIEW_ROWS]:
                table.add_row(str(r.line), r.name, r.organisation, r.email, r.phone, ", ".join(r.tags))
            for r in plan.organisations[:PREVIEW_ROWS]:
                table.add_row(str(r.line), "(organisation)", r.organisation, "", "", "")
        problems = [f"Rad {b.line}: {b.name or '(utan namn)'} – {b.reason}" for b in plan.bad]
        problems += [f"Rad {d.line}: {d.name} <{d.email}> – dubblett av "
                     f"{d.existing_name}"
                     for d in plan.duplicates]
        warnings = [f"Rad {w.line}: {w.name or '(utan namn)'} – {w.reason}" for w in plan.warnings]
        parts = [f"[b]Hoppas över ({len(problems)}):[/b]\n" + _listed(problems) if problems
                 else "Inga felaktiga rader."]
        if warnings:
            parts.append(f"[b]Importeras med {count(len(warnings), 'varning', 'varningar')}:[/b]\n"
                         + _listed(warnings))
        self.query_one("#import-problems", Static).update("\n".join(parts))
        self._update_run_button()

    @on(Checkbox.Changed, "#import-duplicates")
    def _update_run_button(self) -> None:
        plan, button = self.plan, self.query_one("#import-run", Button)
        count = self._to_write(plan) if plan is not None else 0
        button.disabled = not count
        button.label = f"Importera {count} (ctrl+s)"

    def _to_write(self, plan: svc.ImportPlan) -> int:
        with_duplicates = self.query_one("#import-duplicates", Checkbox).value
        return len(plan.new) + len(plan.organisations) + (len(plan.duplicates) if with_duplicates else 0)

    # --- import ------------------------------------------------------------------------------

    @on(Button.Pressed, "#import-run")
    def action_run_import(self) -> None:
        if self.plan is None or not self._to_write(self.plan) or self.running:
            return
        self.running = True
        self.stop.clear()
        self.query_one("#import-run", Button).disabled = True
        bar = self.query_one("#import-progress", ProgressBar)
        bar.display = True
        bar.update(total=self._to_write(self.plan), progress=0)
        self._import(self.plan, self.query_one("#import-duplicates", Checkbox).value)

    def _import(self, plan: svc.ImportPlan, with_duplicates: bool = False) -> None:
        """The import itself, in a thread worker through ``self.load`` (not ``self.write``, which starts on
        the UI thread: an import of thousands of rows takes seconds and reports its progress)."""
        db, bar = self.db, self.query_one("#import-progress", ProgressBar)

        def progress(done: int, total: int) -> None:
            self.app.call_from_thread(bar.update, progress=done)

        self.load(lambda: svc.apply(db, plan, progress=progress, cancelled=self.stop.is_set,
                                    with_duplicates=with_duplicates),
                  self._imported, group="import", on_error=self._not_imported)

    def _not_imported(self, exc: BaseException) -> None:
        """Cancelled or failed: the transaction rolled back, nothing was written."""
        self.running = False
        self.notify(error_message(exc, "Importen misslyckades – inget sparades (se loggfilen)"), severity="warning")
        self.dismiss(False)

    def _imported(self, created: int) -> None:
        self.running = False
        orgs = len(self.plan.organisations) if self.plan is not None else 0
        self.notify(count(created, "kontakt importerad", "kontakter importerade")
                    + (f", {count(orgs, 'organisation', 'organisationer')} sparade" if orgs else ""))
        self.dismiss(True)

    @on(Button.Pressed, "#import-cancel")
    def action_cancel(self) -> None:
        if self.running:
            self.stop.set()  # the worker rolls back and reports
            return
        self.dismiss(False)
