"""The detail pane of Kontakter: one contact's fields, legal basis, the events they took part in (with
status), the contracts they are responsible for and the initiatives they own."""

from __future__ import annotations

from rich.markup import escape
from textual.widgets import Static

from shk_tui.enums import LegalBasis
from shk_tui.services.contacts.contacts import ContactDetail


def detail_text(d: ContactDetail) -> str:
    """The detail pane (Rich markup escaped where it shows user text)."""
    lines = [f"[b]{escape(d.name)}[/b]"]
    if d.erased_on:
        lines.append(f"[i]Raderad enligt GDPR {d.erased_on}[/i]")
    elif d.archived:
        lines.append("[i]Arkiverad[/i]")
    for label, value in (("Titel", d.title), ("Organisation", d.organisation), ("E-post", d.email),
                         ("Telefon", d.phone), ("Taggar", ", ".join(d.tags)), ("Källa", d.source)):
        if value:
            lines.append(f"{label}: {escape(value)}")
    basis = LegalBasis(d.legal_basis).label if d.legal_basis else "[red]saknas[/red]"
    lines.append(f"Rättslig grund: {basis}{f' ({d.consent_on})' if d.consent_on else ''}")
    if d.note:
        lines += ["", escape(d.note)]
    lines += ["", f"[b]Evenemang ({len(d.events)})[/b]"]
    lines += [f"{day}  {escape(title)} – {status}" for day, title, status in d.events] or ["–"]
    lines += ["", f"[b]Ansvarig för avtal ({len(d.contracts)})[/b]"]
    lines += [f"{escape(title)} – {status}" for title, status in d.contracts] or ["–"]
    if d.initiatives:
        lines += ["", f"[b]Ägare av initiativ ({len(d.initiatives)})[/b]", *map(escape, d.initiatives)]
    return "\n".join(lines)


class ContactDetailPane(Static):
    """Shows one ``ContactDetail`` (or nothing)."""

    def show(self, detail: ContactDetail | None) -> None:
        self.update(detail_text(detail) if detail is not None else "")
