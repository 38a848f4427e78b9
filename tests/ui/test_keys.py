"""The keymap (``shk_tui.ui.keys``): every screen's keys come from the one table, every key names an
action its screen (or the app) really has, and no key or id is bound twice on one screen."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest
from textual.binding import Binding

import shk_tui.ui as ui
from shk_tui.app import ShkApp
from shk_tui.ui import keys


def screens_with_keys() -> list[type]:
    found = []
    for info in pkgutil.walk_packages(ui.__path__, "shk_tui.ui."):
        module = importlib.import_module(info.name)
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ == info.name and "BINDINGS" in cls.__dict__:
                found.append(cls)
    return found


SCREENS = screens_with_keys()


def test_every_table_entry_is_used_by_one_screen():
    assert len(SCREENS) >= 25
    prefixes = {b.id.split(".")[0] for cls in SCREENS for b in cls.__dict__["BINDINGS"]
                if isinstance(b, Binding) and b.id}
    assert set(keys.KEYMAP) <= prefixes


@pytest.mark.parametrize("cls", SCREENS, ids=lambda c: c.__name__)
def test_every_key_names_an_action_that_exists(cls):
    for binding in cls.__dict__["BINDINGS"]:
        assert isinstance(binding, Binding)
        action = binding.action.split("(")[0]
        target = ShkApp if action.startswith("app.") else cls
        name = action.removeprefix("app.")
        assert hasattr(target, f"action_{name}"), f"{cls.__name__}: {binding.key} → {binding.action}"


@pytest.mark.parametrize("cls", SCREENS, ids=lambda c: c.__name__)
def test_no_key_or_id_is_bound_twice_on_a_screen(cls):
    bindings = [b for b in cls.__dict__["BINDINGS"] if isinstance(b, Binding)]
    ids = [b.id for b in bindings if b.id is not None]  # no id (a table's editing keys): no keymap name to clash
    assert len(ids) == len(set(ids))
    pressed = [k.strip() for b in bindings for k in b.key.split(",")]
    assert len(pressed) == len(set(pressed)), pressed
