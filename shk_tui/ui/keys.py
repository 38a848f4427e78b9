"""The keymap: every key of every screen, dialog and widget, in one table.

A screen declares ``BINDINGS = keys.of("contract")``; each entry here is ``(key, action, label)``,
optionally followed by the binding's name (default: the action) and its options (``show``,
``key_display``, ``priority``). Every binding's id is ``<screen>.<name>`` (e.g. ``contract.paid``),
so the help screen, the footer and a user's keymap (``App.set_keymap``) all name the same keys.
One table makes the keys of all sections comparable at a glance: Esc steps back, ``n`` is new,
``e`` edits, ``x`` exports, ``/`` searches, wherever you are."""

from __future__ import annotations

from typing import Any

from textual.binding import Binding, BindingType

Entry = tuple[Any, ...]
#: Triage's five keys as one footer entry ("1 2 3 4 5 Triagera"); help names each.
TRIAGE_KEYS = Binding.Group("Triagera")

KEYMAP: dict[str, list[Entry]] = {
    # ShkDialog (ui/base/work.py): every dialog
    "dialog": [
        ('f1', 'keys', 'Tangenter i dialogen'),
    ],
    # ConfirmScreen (ui/base/confirm.py)
    "confirm": [
        ('y,j', 'answer(True)', 'Ja', 'yes'),
        ('n,escape', 'answer(False)', 'Nej', 'no'),
        ('left,right', 'switch_button', 'Byt knapp', 'switch', {'show': False}),
    ],
    # FormDialog (ui/base/form.py)
    "form": [
        ('ctrl+s', 'save', 'Spara'),
        ('escape', 'cancel', 'Avbryt'),
        ('f1', 'keys', 'Tangenter i dialogen'),
    ],
    # HelpScreen (ui/base/help.py)
    "help": [
        ('escape,q,question_mark,f1', 'close', 'Stäng'),
    ],
    # ApplicationsScreen (ui/budget/applications.py)
    "applications": [
        ('n', 'new', 'Ny ansökan'),
        ('e', 'edit', 'Ändra'),
        ('x', 'export', 'Exportera'),
        ('escape', 'back', 'Tillbaka'),
    ],
    # BudgetScreen (ui/budget/budget.py)
    # the footer shows the most used keys (they fit at 80 columns); every key is in the help (?)
    "budget": [
        ('e', 'edit', 'Ändra siffra'),
        ('g', 'chart', 'Diagram'),
        ('a', 'applications', 'Ansökningar'),
        ('n', 'new_line', 'Ny budgetrad'),
        ('j', 'adjust', 'Justera prognos', 'adjust', {'show': False}),  # the status line says "(j justerar)"
        ('u', 'outcome', 'Utfall per datum', 'outcome', {'show': False}),
        ('y', 'add_year', 'Nytt år', 'year', {'show': False}),
        ('x', 'export', 'Exportera', 'export', {'show': False}),
        ('ctrl+z', 'undo', 'Ångra', 'undo', {'show': False}),
    ],
    # ContactFormScreen (ui/contacts/contact_form.py)
    "contact_form": [
        ('ctrl+o', 'open_existing', 'Öppna befintlig'),
    ],
    # ContactsScreen (ui/contacts/contacts.py)
    # the footer shows the most used keys (all of them fit at 120 columns, left of "? Hjälp ▏ ^p Kommandon":
    # hence Import/Export); every key is in the help (?)
    "contacts": [
        ('slash', 'focus_search', 'Sök', 'search', {'key_display': '/'}),
        ('n', 'new', 'Ny'),
        ('e', 'edit', 'Ändra'),
        ('t', 'tags', 'Taggar'),
        ('o', 'organisations', 'Organisationer'),
        ('d', 'duplicates', 'Dubbletter'),
        ('i', 'import', 'Import'),
        ('x', 'export', 'Export'),
        ('g', 'gdpr', 'GDPR'),
        ('a', 'archive', 'Arkivera/återställ', 'archive', {'show': False}),
        ('delete', 'delete', 'Ta bort', 'delete', {'show': False}),
        ('c', 'copy_emails', 'Kopiera e-post', 'copy', {'show': False}),
        ('ctrl+z', 'undo', 'Ångra', 'undo', {'show': False}),
        ('escape', 'clear', 'Rensa sökning och filter', 'clear', {'show': False}),
    ],
    # DuplicatesScreen (ui/contacts/duplicates.py)
    "duplicates": [
        ('escape', 'back', 'Tillbaka'),
        ('r', 'reload', 'Uppdatera'),
    ],
    # GdprScreen (ui/contacts/gdpr.py)
    "gdpr": [
        ('ctrl+s', 'save_extract', 'Spara utdrag', 'save'),
        ('escape', 'close', 'Stäng'),
    ],
    # ImportScreen (ui/contacts/import_contacts.py)
    "import": [
        ('escape', 'cancel', 'Avbryt'),
        ('ctrl+r', 'check', 'Läs in'),
        ('ctrl+s', 'run_import', 'Importera', 'run'),
    ],
    # MergeScreen (ui/contacts/merge.py)
    "merge": [
        ('space', 'switch_value', 'Byt värde', 'toggle'),
        ('s', 'swap', 'Byt vilken som behålls'),
        ('ctrl+s', 'merge', 'Slå ihop'),
        ('escape', 'cancel', 'Avbryt'),
    ],
    # OrganisationsScreen (ui/contacts/organisations.py)
    "organisations": [
        ('escape', 'back', 'Tillbaka'),
        ('slash', 'focus_search', 'Sök', 'search', {'key_display': '/'}),
        ('n', 'new', 'Ny'),
        ('e', 'edit', 'Ändra'),
        ('delete', 'delete', 'Ta bort'),
    ],
    # ContractDetailScreen (ui/contracts/contract_detail.py)
    "contract": [
        # the footer shows the keys used most (so that "? Hjälp" stays in view at 120 columns); all are in help
        ('b', 'mark_paid', 'Betald', 'paid'),
        ('a', 'add_payment', 'Ny utbetalning'),
        ('g', 'schedule', 'Betalplan'),
        ('e', 'edit', 'Ändra'),
        ('o', 'add_note', 'Anteckning', 'note', {'show': False}),
        ('r', 'archive', 'Arkivera/ta ur arkivet', 'archive', {'show': False}),
        ('p', 'edit_payment', 'Ändra utbetalning', 'edit_payment', {'show': False}),
        ('u', 'unmark', 'Ångra betalning', 'unmark', {'show': False}),
        ('x', 'delete_payment', 'Ta bort utbetalning', 'delete_payment', {'show': False}),
        ('ctrl+z', 'undo', 'Ångra', 'undo', {'show': False}),
        ('escape', 'back', 'Tillbaka', 'back', {'show': False}),
    ],
    # ContractsScreen (ui/contracts/contracts.py)
    "contracts": [
        ('n', 'new', 'Nytt avtal'),
        ('e', 'edit', 'Ändra'),
        ('enter', 'open', 'Öppna', 'open', {'show': True}),
        ('slash', 'search', 'Sök', 'search', {'key_display': '/'}),
        ('f', 'filter', 'Filter'),
        ('x', 'export', 'Exportera'),
        ('d', 'delete', 'Ta bort', 'delete', {'show': False}),
        ('ctrl+z', 'undo', 'Ångra', 'undo', {'show': False}),
        ('escape', 'to_table', 'Till listan', 'to_table', {'show': False}),
    ],
    # CheckinScreen (ui/events/checkin.py)
    "checkin": [
        ('escape', 'back', 'Tillbaka'),
        ('ctrl+z', 'undo', 'Ångra senaste'),
        ('down', 'to_matches', 'Välj i listan', 'down', {'show': False}),
        ('ctrl+n', 'walk_in', 'Ny på plats'),
    ],
    # EventsScreen (ui/events/events.py)
    "events": [
        # the footer shows the keys used most (what 80 columns hold); all of them are in help
        ('n', 'new', 'Nytt'),
        ('e', 'edit', 'Ändra'),
        ('slash', 'search', 'Sök', 'search', {'key_display': '/'}),
        ('y', 'duplicate', 'Duplicera'),
        ('x', 'export', 'Kalenderfil'),
        ('u', 'followup', 'Uppföljning', 'followup', {'show': False}),
        ('delete', 'delete', 'Ta bort', 'delete', {'show': False}),
        ('X', 'export_list', 'Kalender för listan', 'export_list', {'show': False, 'key_display': 'shift+x'}),
        ('escape', 'to_table', 'Till listan (i listan: rensa sökning och filter)', 'to_table', {'show': False}),
    ],
    # FollowupScreen (ui/events/followup.py)
    "followup": [
        ('escape', 'back', 'Tillbaka'),
        ('x', 'export', 'Exportera (CSV)'),
    ],
    # ParticipantsScreen (ui/events/participants.py)
    "participants": [
        ('escape', 'back', 'Tillbaka', 'back', {'show': False}),
        # the footer shows the keys used most (what 80 columns hold); all of them are in help
        ('a', "add('register')", 'Anmäl', 'register'),
        ('s', 'status', 'Status'),
        ('space', 'mark', 'Markera', 'mark', {'key_display': '␣'}),
        ('i', 'checkin', 'Checka in'),
        ('b', "add('invite')", 'Bjud in', 'invite', {'show': False}),
        ('asterisk', 'mark_all', 'Markera alla', 'mark_all', {'key_display': '*', 'show': False}),
        ('r', 'role', 'Roll', 'role', {'show': False}),
        ('k', 'dietary', 'Kost', 'dietary', {'show': False}),
        ('e', 'edit_event', 'Ändra evenemanget', 'edit_event', {'show': False}),
        ('o', 'sort', 'Sortera (namn, status, organisation, anmäld)', 'sort', {'show': False}),
        ('delete', 'remove', 'Ta bort från listan', 'remove', {'show': False}),
        ('x', 'export', 'Export'),
        ('ctrl+z', 'undo', 'Ångra', 'undo', {'show': False}),  # every change's notice says "(ctrl+z ångrar)"
        ('m', 'no_shows', 'Uteblivna', 'no_shows', {'show': False}),
        ('u', 'followup', 'Uppföljning', 'followup', {'show': False}),
    ],
    # GallringScreen (ui/overview/gallring.py)
    "gallring": [
        ('ctrl+r', 'run', 'Gallra nu'),
        ('b', 'keep', 'Behåll (granskad)'),
        ('escape', 'close', 'Stäng'),
    ],
    # OverviewScreen (ui/overview/overview.py)
    "overview": [
        # not in the footer: the list has the focus, and its own enter (which opens the row too) hides this one
        ('enter', 'open', 'Öppna', 'open', {'show': False}),
        ('r', 'refresh', 'Uppdatera'),
        ('g', 'gallring', 'Gallring'),
        ('slash', 'search', 'Sök överallt', 'search', {'show': False}),
    ],
    # ShkCommandPalette (ui/widgets/screen_commands.py): Textual's palette keys, named in Swedish
    "palette": [
        ('escape', 'close', 'Stäng'),
        ('down', 'next', 'Nästa träff', 'next', {'show': False}),
        ('up', 'previous', 'Föregående träff', 'previous', {'show': False}),
        ('pagedown', 'page_down', 'Nästa sida', 'page_down', {'show': False}),
        ('pageup', 'page_up', 'Föregående sida', 'page_up', {'show': False}),
        ('ctrl+home,shift+home', 'first', 'Första träffen', 'first', {'show': False}),
        ('ctrl+end,shift+end', 'last', 'Sista träffen', 'last', {'show': False}),
    ],
    # InitiativeDetailScreen (ui/portfolio/initiative_detail.py)
    "initiative_detail": [
        ('escape', 'close', 'Stäng'),
        ('e', 'edit', 'Ändra'),
        ('m', 'measure', 'Ny mätning'),
        ('i', 'new_indicator', 'Ny indikator', 'indicator'),
    ],
    # PortfolioScreen (ui/portfolio/portfolio.py)
    # (the footer shows the most used; at 80 columns through f, all of them in the help)
    "portfolio": [
        ('t', 'triage', 'Triagera'),
        ('v', 'toggle_view', 'Tavla/lista', 'view'),
        ('f', 'next_focus', 'Fokusområde', 'focus'),
        ('r', 'report', 'Beslutsunderlag'),
        ('n', 'new', 'Nytt initiativ'),
        ('ctrl+z', 'undo', 'Ångra'),
        ('e', 'edit', 'Ändra', 'edit', {'show': False}),
        ('x', 'export', 'Exportera xlsx', 'export', {'show': False}),
        ('slash', 'search', 'Sök', 'search', {'show': False}),
    ],
    # TriageScreen (ui/portfolio/triage.py): 1-5 work from the proposal card; a field is edited after e/b
    "triage": [
        *((str(n), f"send('{n}')", label, str(n), {'group': TRIAGE_KEYS}) for n, label in enumerate(
            ('Utforskas', 'Planeras', 'Fas 1', 'Pausad', 'Avslagen'), start=1)),
        ('e', 'edit', 'Ändra fälten', 'edit'),
        ('b', "edit('budget')", 'Budget', 'budget'),
        ('s', 'skip', 'Hoppa över'),
        ('escape', 'back', 'Tillbaka'),
    ],
    # ReportScreen (ui/portfolio/report.py)
    "report": [
        ('escape', 'close', 'Stäng'),
        ('f', 'next_focus', 'Fokusområde', 'focus'),
        ('m', "save('md')", 'Spara md', 'md'),
        ('x', "save('xlsx')", 'Spara xlsx', 'xlsx'),
    ],
    # SearchBox (ui/widgets/search_box.py): the search of every section
    "search": [
        ('escape', 'clear', 'Rensa sökningen (tom: filtren), till listan', 'clear'),
    ],
    # ContactPicker (ui/widgets/contact_picker.py)
    "picker": [
        ('down', 'move(1)', 'Nästa', 'down', {'show': False}),
        ('up', 'move(-1)', 'Föregående', 'up', {'show': False}),
        ('escape', 'close', 'Rensa / stäng'),
    ],
    # Kanban (ui/widgets/kanban.py)
    "kanban": [
        ('left', 'column(-1)', 'Vänster kolumn', 'left', {'show': False}),
        ('right', 'column(1)', 'Höger kolumn', 'right', {'show': False}),
        ('up', 'cursor(-1)', 'Upp', 'up', {'show': False}),
        ('down', 'cursor(1)', 'Ner', 'down', {'show': False}),
        ('home', 'jump(0)', 'Först', 'home', {'show': False}),
        ('end', 'jump(-1)', 'Sist', 'end', {'show': False}),
        ('pageup', 'page(-1)', 'Sida upp', 'pageup', {'show': False}),
        ('pagedown', 'page(1)', 'Sida ner', 'pagedown', {'show': False}),
        ('enter', 'open', 'Öppna', 'open', {'show': False}),
        ('less_than_sign', 'move(-1)', 'Fas bakåt', 'move_back'),
        ('greater_than_sign', 'move(1)', 'Fas framåt', 'move_forward'),
    ],
}


def of(screen: str) -> list[BindingType]:
    """The bindings of ``screen`` (a key of :data:`KEYMAP`)."""
    found: list[BindingType] = []
    for key, action, label, *rest in KEYMAP[screen]:
        name = rest[0] if rest and isinstance(rest[0], str) else action
        options: dict[str, Any] = rest[-1] if rest and isinstance(rest[-1], dict) else {}
        found.append(Binding(key, action, label, id=f"{screen}.{name}", **options))
    return found


def known_binding_ids() -> set[str]:
    """Every binding id of the UI (to check a user's ``[keys]`` remaps): this table's, and those of
    every class in ``shk_tui.ui`` that declares ``BINDINGS`` (imports every UI module; called only when
    the preferences remap keys)."""
    import importlib
    import inspect
    import pkgutil

    import shk_tui.ui as ui

    found = {f"{screen}.{rest[0] if rest and isinstance(rest[0], str) else action}"
             for screen, entries in KEYMAP.items() for _key, action, _label, *rest in entries}
    for info in pkgutil.walk_packages(ui.__path__, "shk_tui.ui."):
        module = importlib.import_module(info.name)
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            for binding in cls.__dict__.get("BINDINGS", ()):
                if isinstance(binding, Binding) and binding.id:
                    found.add(binding.id)
    return found
