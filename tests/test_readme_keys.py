"""README's "## Keys" table is true: every key a row names is bound where the row says (in the keymap,
``shk_tui/ui/keys.py``, or the app's own ``ShkApp.BINDINGS``), and every key a main screen shows in
its footer has a row for that screen.

Each row's "where" names one or more *places*; a place is the keymap block(s) that are active
together there (Portfölj's board is the Portfölj screen with its Kanban widget). A key must be bound
in every place of its row. ``enter`` also counts as bound on a screen whose table's own enter
(DataTable's ``select_cursor``) is what the screen acts on (a RowSelected/CellSelected handler)."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from functools import cache
from pathlib import Path

import pytest
from textual.binding import Binding
from textual.widgets import DataTable

import shk_tui.ui as ui
from shk_tui.app import ShkApp
from shk_tui.ui import keys

README = Path(__file__).resolve().parents[1] / "README.md"

#: The app's own keys (ShkApp.BINDINGS) as a pseudo block.
APP = "app"
#: Where the Esc row's "a dialog, a picker, a detail screen" applies: every screen opened over a
#: section, each dialog with its own keys, the type-ahead picker.
STEP_BACK = ("form", "confirm", "picker", "contract", "initiative_detail", "triage", "participants",
             "checkin", "followup", "report", "applications", "duplicates", "organisations", "gallring",
             "gdpr", "import", "merge", "help", "palette")

#: README's "where" → its places (each a tuple of the keymap blocks active together there).
WHERE: dict[str, list[tuple[str, ...]]] = {
    "in the sections (not while typing in a field, not in a dialog)": [(APP,)],
    "in the sections (`F1` also while typing)": [(APP,)],
    "in a dialog": [("dialog",), ("form",)],
    "everywhere": [(APP,)],
    "everywhere (in dialogs and fields too)": [(APP,)],
    "in the sections (not while typing in a field, where it types a q; not in a dialog)": [(APP,)],
    "in the sections with a search": [("contacts",), ("events",), ("contracts",), ("portfolio",)],
    "in a search": [("search",)],
    "in a dialog, a picker, a detail screen": [(block,) for block in STEP_BACK],
    "where the help lists it (Deltagarlista, check-in, …)": [("participants",), ("checkin",)],
    "Översikt": [("overview",)],
    "Kontakter": [("contacts",)],
    "Evenemang": [("events",)],
    "Deltagarlista": [("participants",)],
    "Avtal": [("contracts",)],
    "Avtal detail": [("contract",)],
    "Portfölj": [("portfolio",)],
    "Portfölj board": [("portfolio", "kanban")],
    "Triage": [("triage",)],
    "Initiative detail": [("initiative_detail",)],
    "Budget": [("budget",)],
}

#: The screens whose footer keys README must list (the sections, their detail screens, the board).
MAIN = (APP, "overview", "portfolio", "kanban", "contacts", "events", "participants", "contracts",
        "contract", "triage", "initiative_detail", "budget")

#: How README writes a key → how Textual names it.
SPELLING = {"esc": "escape", "/": "slash", "?": "question_mark", "*": "asterisk", "<": "less_than_sign",
            ">": "greater_than_sign", "←": "left", "→": "right", "↑": "up", "↓": "down"}
ARROWS = "←→↑↓"


def keys_table() -> list[tuple[str, str, str]]:
    """README's key rows as (key, where, what), the cells stripped."""
    text = README.read_text(encoding="utf-8")
    section = text.split("\n## Keys\n", 1)[1].split("\n## ", 1)[0]
    rows = []
    for line in section.splitlines():
        if not line.startswith("|"):
            continue
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if cells[:3] == ["key", "where", "what"] or set(cells[0]) <= {"-", " "} and cells[0]:
            continue
        assert len(cells) == 3, f"a key row has three cells: {line}"
        rows.append((cells[0], cells[1], cells[2]))
    return rows


ROWS = keys_table()


def readme_keys(cell: str) -> list[str]:
    """The keys of a "key" cell in Textual's names: `1`–`6` is 1 … 6, `←→↑↓` the four arrows,
    `shift+x` the X that Textual reports."""
    found: list[str] = []
    for low, high in re.findall(r"`(\d)`–`(\d)`", cell):
        found += [str(n) for n in range(int(low), int(high) + 1)]
    cell = re.sub(r"`\d`–`\d`", "", cell)
    for token in re.findall(r"`([^`]+)`", cell):
        if set(token) <= set(ARROWS):
            found += [SPELLING[c] for c in token]
        elif token.startswith("shift+") and len(token) == 7 and token[-1].isalpha():
            found.append(token[-1].upper())
        elif token in SPELLING:
            found.append(SPELLING[token])
        else:
            assert token.isalnum() or "+" in token or token.lower() == token, f"how is `{token}` spelt?"
            found.append(token.lower())
    return found


@cache
def bindings(block: str) -> list[Binding]:
    if block == APP:
        return [b for b in ShkApp.BINDINGS if isinstance(b, Binding)]
    return [b for b in keys.of(block) if isinstance(b, Binding)]


def pressed(binding: Binding) -> list[str]:
    return [k.strip() for k in binding.key.split(",")]


@cache
def screen_of(block: str) -> type:
    """The class that declares ``keys.of(block)``."""
    for info in pkgutil.walk_packages(ui.__path__, "shk_tui.ui."):
        module = importlib.import_module(info.name)
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ == info.name and any(
                    isinstance(b, Binding) and (b.id or "").startswith(f"{block}.")
                    for b in cls.__dict__.get("BINDINGS", ())):
                return cls
    raise AssertionError(f"no screen uses the keymap block {block!r}")


def acts_on_table_enter(block: str) -> bool:
    """The block's screen handles its table's enter (a selected row or cell)."""
    if block == APP:
        return False
    selected = (DataTable.RowSelected, DataTable.CellSelected)
    for klass in screen_of(block).__mro__:
        for name, member in vars(klass).items():
            if name in ("on_data_table_row_selected", "on_data_table_cell_selected"):
                return True
            if any(message in selected for message, _sel in getattr(member, "_textual_on", ())):
                return True
    return False


def bound(place: tuple[str, ...], key: str) -> bool:
    if any(key in pressed(b) for block in place for b in bindings(block)):
        return True
    return key == "enter" and any(acts_on_table_enter(block) for block in place)


def test_the_table_is_found_and_every_row_names_keys_or_says_why_not():
    assert len(ROWS) >= 30
    for key, where, what in ROWS:
        assert readme_keys(key) or not key, (key, where)
        assert what, (key, where)


def test_tables_enter_selects():
    """What ``bound`` relies on: Textual's DataTable turns enter into a selected row or cell."""
    assert any("enter" in pressed(b) and b.action == "select_cursor"
               for b in DataTable.BINDINGS if isinstance(b, Binding))


@pytest.mark.parametrize("row", ROWS, ids=lambda r: f"{r[1]}: {r[0]}")
def test_every_key_of_a_row_is_bound_where_the_row_says(row):
    key_cell, where, _what = row
    assert where in WHERE, f"README's keys name a new place {where!r}: add it to WHERE with its block(s)"
    missing = [(key, place) for key in readme_keys(key_cell) for place in WHERE[where] if not bound(place, key)]
    assert not missing, f"{where}: README lists keys not bound there: {missing}"


@pytest.mark.parametrize("key_cell,where", [(k, w) for k, w, _ in ROWS if w.startswith("everywhere")])
def test_everywhere_keys_are_priority_keys(key_cell, where):
    """"everywhere (in dialogs and fields too)" holds only for a priority binding of the app."""
    for key in readme_keys(key_cell):
        assert any(key in pressed(b) and b.priority for b in bindings(APP)), key


@pytest.mark.parametrize("block", MAIN)
def test_every_footer_key_of_a_main_screen_is_in_readme(block):
    listed = {key for key_cell, where, _ in ROWS if any(block in place for place in WHERE.get(where, ()))
              for key in readme_keys(key_cell)}
    shown = [(key, b.description) for b in bindings(block) if b.show for key in pressed(b)]
    missing = [(key, label) for key, label in shown if key not in listed]
    assert not missing, f"{block}: footer keys missing from README's key table: {missing}"


def test_readme_spellings_are_textual_key_names():
    """The normalisation is Textual's own: `/` is slash, `<` less_than_sign, … (so a README `?` matches
    the app's question_mark)."""
    from textual.keys import _character_to_key

    for readme, textual_name in SPELLING.items():
        if len(readme) == 1 and readme.isascii():  # the arrows are how README draws left … down
            assert _character_to_key(readme) == textual_name, readme
