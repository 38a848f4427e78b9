"""The form kit (``ui.base.form``) on its own: each kind of field reads back what it holds, a message
for no field shows above the buttons, a refused stale save offers a reload that fills the fields,
an unexpected failure is a Swedish notice and the dialog stays open."""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.widgets import Checkbox, Input, Select, Static, TextArea

from shk_tui.errors import StaleEdit, ValidationError
from shk_tui.ui.base.confirm import ConfirmScreen
from shk_tui.ui.base.form import FormDialog
from shk_tui.ui.base.form_fields import CHOICE, DATE, MULTI_LINE, YES_NO, FormField
from tests.ui.conftest import notices, record_notices


class Probe(FormDialog[dict]):
    def __init__(self, fail: Exception | None = None) -> None:
        super().__init__("Prov")
        self.fail = fail
        self.stored = {"name": "Lagrad", "kind": "b", "ok": False, "text": "rad 1\nrad 2", "day": "2026-01-02"}

    def form_fields(self) -> list[FormField]:
        return [
            FormField("name", "Namn", value="Eva", required=True),
            FormField("kind", "Sort", CHOICE, "a", options=[("A", "a"), ("B", "b")]),
            FormField("ok", "Klar", YES_NO, True),
            FormField("text", "Text", MULTI_LINE, "en rad"),
            FormField("day", "Dag", DATE, ""),
        ]

    def submit(self, values: dict[str, Any]) -> dict:
        if self.fail is not None:
            raise self.fail
        return values

    def stored_values(self) -> dict[str, Any]:
        return self.stored


class ProbeApp(App):
    def __init__(self, dialog: Probe) -> None:
        super().__init__()
        self.db = None
        self.today = None
        self.dialog = dialog
        self.results: list[Any] = []

    def on_mount(self) -> None:
        self.push_screen(self.dialog, self.results.append)


async def test_each_kind_reads_back_and_ctrl_s_dismisses_with_the_values():
    app = ProbeApp(Probe())
    async with app.run_test() as pilot:
        dialog = app.dialog
        assert dialog.values() == {"name": "Eva", "kind": "a", "ok": True, "text": "en rad", "day": ""}
        dialog.query_one("#kind", Select).value = "b"
        dialog.query_one("#ok", Checkbox).value = False
        dialog.query_one("#text", TextArea).text = "två\nrader"
        dialog.query_one("#day", Input).value = "2026-03-04"
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.results == [{"name": "Eva", "kind": "b", "ok": False, "text": "två\nrader", "day": "2026-03-04"}]


async def test_a_message_for_no_field_shows_above_the_buttons():
    app = record_notices(ProbeApp(Probe(ValidationError({"name": "Finns redan", "": "Välj en annan period"}))))
    async with app.run_test() as pilot:
        await pilot.press("ctrl+s")
        await pilot.pause()
        dialog = app.dialog
        assert app.screen is dialog and app.focused is dialog.query_one("#name", Input)
        assert "Finns redan" in str(dialog.query_one("#err-name", Static).render())
        form_line = dialog.query_one("#err-form", Static)
        assert form_line.display and "Välj en annan period" in str(form_line.render())
        assert dialog.query_one("#form-save").region.y > form_line.region.y


async def test_a_stale_save_offers_a_reload_that_fills_the_fields():
    app = ProbeApp(Probe(StaleEdit({"name": ("Eva", "Lagrad")})))
    async with app.run_test() as pilot:
        dialog = app.dialog
        dialog.query_one("#name", Input).value = "Min text"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        assert app.screen is dialog and dialog.values() == dialog.stored
        assert not dialog.changed  # what was reloaded counts as unchanged: Esc closes
        await pilot.press("escape")
        await pilot.pause()
    assert app.results == [None]


async def test_an_unexpected_failure_is_a_notice_and_the_dialog_stays():
    app = record_notices(ProbeApp(Probe(RuntimeError("disk full"))))
    async with app.run_test() as pilot:
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is app.dialog and app.is_running
        assert any("Kunde inte spara" in text for text in notices(app, "error"))
