"""``r`` on a contract: archive it, or take it out of the archive.

Archiving a live contract (aktivt, under signering, utkast) ends it. When it still has payments to
make or renews itself, a question naming them (with counts) comes first. After an archive, ctrl+z
puts back what it changed (``Undoable``); an archived contract is taken out of the archive after a
question (audited, checked against the version shown)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from shk_tui.fmt import format_date
from shk_tui.services.contracts import contract_archive, contract_edit, contracts
from shk_tui.services.contracts.contract_archive import Archived
from shk_tui.services.contracts.contracts import ContractDetail
from shk_tui.ui.base.confirm import ConfirmScreen
from shk_tui.ui.base.form_fields import FormField
from shk_tui.ui.base.undo import HINT
from shk_tui.ui.contracts.contract_dialog import FormDialog

if TYPE_CHECKING:
    from shk_tui.ui.contracts.contract_detail import ContractDetailScreen

ASK_TITLE = "Arkivera ett pågående avtal?"
RESTORE_TITLE = "Ta avtalet ur arkivet?"


def archive_or_restore(screen: ContractDetailScreen, d: ContractDetail) -> None:
    if d.archived_on is not None:
        _ask_restore(screen, d)
        return
    found = contract_archive.concerns(d)
    if not found:
        _archive_form(screen, d)
        return
    question = ConfirmScreen(ASK_TITLE, contract_archive.concerns_text(found, d.status),
                             yes="Arkivera ändå", no="Avbryt")
    screen.app.push_screen(question, lambda yes: _archive_form(screen, d) if yes else None)


def _archive_form(screen: ContractDetailScreen, d: ContractDetail) -> None:
    db, cid, today = screen.db, d.id, screen.today
    fields = [FormField("archive_location", "Arkivplats", value=d.archive_location,
                        placeholder="t.ex. Diariet, W3D3, pärm 2024"),
              FormField("archived_on", "Arkiverat", value=format_date(d.archived_on or today),
                        placeholder="ÅÅÅÅ-MM-DD")]
    seen = {"version": d.version}

    def submit(v: dict[str, Any]) -> Archived:
        return contract_edit.archive_contract(db, cid, v["archived_on"], v["archive_location"], today,
                                              expected_version=seen["version"])

    def reload() -> dict[str, Any]:
        now = contracts.get_contract(db, cid, today)
        seen["version"] = now.version
        return {"archive_location": now.archive_location, "archived_on": format_date(now.archived_on or today)}

    intro = "Ett aktivt avtal markeras samtidigt som avslutat." if d.status in contract_archive.LIVE else ""
    dialog = FormDialog("Arkivera avtal", fields, submit, intro=intro, dialog_id="contract-archive", reload=reload)
    screen.app.push_screen(dialog, lambda done: _archived(screen, done))


def _archived(screen: ContractDetailScreen, done: Archived | None) -> None:
    if done is None:
        return
    db = screen.db
    screen.remember_undo(f"Arkiverade avtalet {done.title}", lambda: contract_archive.undo_archive(db, done))
    screen.notify(f"Avtalet arkiverades{HINT}")
    screen.reload()


def _ask_restore(screen: ContractDetailScreen, d: ContractDetail) -> None:
    where = f" ({d.archive_location})" if d.archive_location else ""
    text = (f"{d.title} arkiverades {format_date(d.archived_on)}{where}. Det blir inte längre arkiverat; "
            f"status förblir {d.status.label.lower()} (e ändrar).")
    screen.app.push_screen(ConfirmScreen(RESTORE_TITLE, text, yes="Ta ur arkivet", no="Avbryt"),
                           lambda yes: _restore(screen, d) if yes else None)


def _restore(screen: ContractDetailScreen, d: ContractDetail) -> None:
    db, version = screen.db, d.version
    screen.write(lambda: contract_archive.unarchive_contract(db, d.id, expected_version=version),
                 lambda _title: _restored(screen),
                 on_error=lambda exc: _refused(screen, exc),
                 failed="Avtalet kunde inte tas ur arkivet (se loggfilen)")


def _restored(screen: ContractDetailScreen) -> None:
    screen.notify("Avtalet är inte längre arkiverat")
    screen.reload()


def _refused(screen: ContractDetailScreen, exc: Any) -> None:
    screen.report_error(exc)
    screen.reload()  # a stale one: the contract as it is now

