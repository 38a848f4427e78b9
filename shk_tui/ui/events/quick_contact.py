"""A new contact without leaving the participant list: first name, last name, organisation and
e-mail, prefilled from the typed text. Dismisses with the new contact (``picker.Hit``) or None."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Select, Static

from shk_tui.errors import ShkError, ValidationError
from shk_tui.services.contacts.picker import Hit

FIELDS = ("first_name", "last_name", "organisation_id", "email")


class QuickContactScreen(ModalScreen[Hit | None]):
    CSS_PATH = "events.tcss"
    BINDINGS = [
        Binding("ctrl+s", "save", "Spara", id="quick_contact.save"),
        Binding("escape", "cancel", "Avbryt", id="quick_contact.cancel"),
    ]

    def __init__(
        self,
        first_name: str,
        last_name: str,
        organisations: Sequence[tuple[str, int]],
        create: Callable[..., Hit],
    ) -> None:
        super().__init__()
        self.first_name = first_name
        self.last_name = last_name
        self.organisations = list(organisations)
        self.create = create

    def compose(self) -> ComposeResult:
        with Vertical(classes="evf-dialog"):
            yield Static("Ny kontakt", classes="evf-title")
            for key, label, value in (
                ("first_name", "Förnamn *", self.first_name),
                ("last_name", "Efternamn", self.last_name),
            ):
                with Horizontal(classes="evf-row"):
                    yield Label(label, classes="evf-label")
                    yield Input(value, id=f"q-{key}", compact=True)
                    yield Static("", classes="evf-error", id=f"qerr-{key}")
            with Horizontal(classes="evf-row"):
                yield Label("Organisation", classes="evf-label")
                yield Select(
                    [(name, str(oid)) for name, oid in self.organisations],
                    prompt="–",
                    id="q-organisation_id",
                    compact=True,
                )
                yield Static("", classes="evf-error", id="qerr-organisation_id")
            with Horizontal(classes="evf-row"):
                yield Label("E-post", classes="evf-label")
                yield Input(id="q-email", compact=True, placeholder="namn@exempel.se")
                yield Static("", classes="evf-error", id="qerr-email")
            yield Static(
                "Rättslig grund: berättigat intresse (deltagande i evenemang). enter sparar, esc avbryter",
                classes="evf-hint",
            )

    def on_mount(self) -> None:
        self.query_one("#q-first_name", Input).focus()

    @on(Input.Submitted)
    def _enter(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        org = self.query_one("#q-organisation_id", Select).value
        try:
            hit = self.create(
                first_name=self.query_one("#q-first_name", Input).value,
                last_name=self.query_one("#q-last_name", Input).value,
                organisation_id=None if org is Select.NULL else int(org),
                email=self.query_one("#q-email", Input).value,
            )
        except ValidationError as exc:
            for key in FIELDS:
                self.query_one(f"#qerr-{key}", Static).update(exc.errors.get(key, ""))
            return
        except ShkError as exc:
            self.notify(exc.message, severity="error")
            return
        self.dismiss(hit)

    def action_cancel(self) -> None:
        self.dismiss(None)
