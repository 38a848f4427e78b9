"""Keystrokes in the TUI at scale (issue #16), on bench/search.py's data: 100 000 contacts in 5 000
organisations, 10 000 contracts with their payments, 10 000 events and 5 000 initiatives.

Measures, in Pilot, from a key until the screen holds the new result (the waits of bench/_pilot):
- the global search (ctrl+p, typed a letter at a time): the palette lists the new hits of every kind
  (the list's first and last line and its length as after that text, in a new list);
- a Kontakter search keystroke: the table shows the new first row and count;
against the floor (bench/floor_keystroke.py): a bare Textual app that only repaints a DataTable of 40 rows
on each keystroke. Floor and figures are measured in the same run, interleaved round by round
(``ROUNDS``); each line prints the figure, the floor and the median of the per-round ratios.
Targets: global search ≤ 1.5×, Kontakter ≤ 1.2×."""

from __future__ import annotations

import asyncio
import statistics
from datetime import date
from typing import Any

from bench import _pilot, _setup, floor_keystroke, search

TODAY = date(2026, 11, 25)
ROUNDS = 3
#: Typed a letter at a time in the palette (words of the generated data, every kind among the hits) and
#: in Kontakter (words found among the contacts at every letter: each keystroke shows a new first page).
WORDS = ["lind", "sjö", "mdu", "labb", "årby", "ström"]
CONTACT_WORDS = ["lind", "sjö", "erik", "ström", "åb"]
SIZE = (120, 40)


def _typed(words: list[str] = WORDS) -> list[str]:
    return [w[: i + 1] for w in words for i in range(len(w))]


async def _type_each(pilot, reset, shown, words: list[str] = WORDS) -> list[float]:
    """Per word: ``reset()``, then each letter timed until ``shown(typed, before)`` holds, where ``before``
    is what ``shown`` got from ``reset``/the previous letter (so an unchanged screen never counts)."""
    times: list[float] = []
    for word in words:
        before = await reset()
        for i in range(len(word)):
            typed = word[: i + 1]
            state: dict[str, Any] = {}

            def done(t: str = typed, b: Any = before, st: dict[str, Any] = state) -> bool:
                st["now"] = shown(t, b)
                return st["now"] is not None

            times.append(await _pilot.timed_press(pilot, word[i], done))
            before = state["now"]
    return times


async def _floor_round() -> float:
    from textual.widgets import DataTable, Input

    app = floor_keystroke.KeystrokeFloor()
    async with app.run_test(size=SIZE) as pilot:
        await _pilot.idle(pilot)
        table, box = app.query_one(DataTable), app.query_one(Input)

        async def reset() -> Any:
            box.value = ""
            await _pilot.idle(pilot)
            return table.ordered_rows[0]

        def shown(typed: str, before: Any) -> Any:
            row = table.ordered_rows[0] if table.row_count else None
            if row is None or row is before or box.value != typed:
                return None
            return row if str(table.get_row_at(0)[0]) == floor_keystroke.first_cell(typed) else None

        times = await _type_each(pilot, reset, shown)
    return statistics.median(times)


def _lines(options) -> tuple[int, str, str] | None:
    if not options.option_count:
        return None
    first = str(options.get_option_at_index(0).prompt).split("\n")[0]
    last = str(options.get_option_at_index(options.option_count - 1).prompt).split("\n")[0]
    return options.option_count, first, last


async def _app_round(db, expected: dict[str, Any]) -> tuple[float, float]:
    """One ShkApp session: the global search's keystrokes, then Kontakter's. With ``expected`` empty, a
    warm-up that records what the screen holds after each text instead of timing."""
    from textual.command import CommandInput, CommandList
    from textual.widgets import Input, Static

    from shk_tui.app import ShkApp
    from shk_tui.ui.contacts.contacts import ContactsScreen

    record = not expected
    app = ShkApp(db, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await _pilot.idle(pilot)
        await pilot.press("ctrl+p")
        await _pilot.idle(pilot, 0.3)
        palette = app.screen
        options, box = palette.query_one(CommandList), palette.query_one(CommandInput)

        async def reset_palette() -> Any:
            box.value = ""
            await _pilot.idle(pilot, 0.05)
            return options.get_option_at_index(0) if options.option_count else None

        def palette_shows(typed: str, before: Any) -> Any:
            if box.value != typed or not options.option_count:
                return None
            first = options.get_option_at_index(0)
            if first is before:
                return None
            if record:
                return first
            return first if _lines(options) == expected[("palette", typed)] else None

        if record:
            for typed in _typed():
                box.value = typed
                await _pilot.idle(pilot, 0.05)
                expected[("palette", typed)] = _lines(options)
            palette_time = 0.0
        else:
            palette_time = statistics.median(await _type_each(pilot, reset_palette, palette_shows))

        await pilot.press("escape")
        await _pilot.idle(pilot)
        await pilot.press("3")
        await _pilot.idle(pilot)
        contacts = app.screen
        assert isinstance(contacts, ContactsScreen)
        search_box = contacts.query_one("#contacts-search", Input)
        count = contacts.query_one(".section-count", Static)

        def contacts_state() -> tuple[str, str]:
            table = contacts.table
            return (str(table.get_row_at(0)[0]) if table.row_count else "", str(count.render()))

        async def reset_contacts() -> Any:
            search_box.value = ""
            await _pilot.idle(pilot)
            search_box.focus()
            return contacts.table.ordered_rows[0] if contacts.table.row_count else None

        def contacts_show(typed: str, before: Any) -> Any:
            table = contacts.table
            if search_box.value != typed or not table.row_count:
                return None
            row = table.ordered_rows[0]
            if row is before:
                return None
            return row if contacts_state() == expected[("kontakter", typed)] else None

        if record:
            for typed in _typed(CONTACT_WORDS):
                search_box.value = typed
                await _pilot.idle(pilot)
                expected[("kontakter", typed)] = contacts_state()
            contacts_time = 0.0
        else:
            contacts_time = statistics.median(await _type_each(pilot, reset_contacts, contacts_show, CONTACT_WORDS))
    return palette_time, contacts_time


async def _measure(db) -> list[tuple[float, float, float]]:
    expected: dict[Any, Any] = {}
    await _app_round(db, expected)  # warm-up: what each text shows
    assert all(expected[("palette", t)] for t in _typed()), "the global search found nothing"
    assert all(expected[("kontakter", t)][0] for t in _typed(CONTACT_WORDS)), "Kontakter found nothing"
    rounds = []
    for i in range(ROUNDS):  # floor and app alternate, and which goes first too
        if i % 2:
            palette_time, contacts_time = await _app_round(db, expected)
            floor = await _floor_round()
        else:
            floor = await _floor_round()
            palette_time, contacts_time = await _app_round(db, expected)
        rounds.append((floor, palette_time, contacts_time))
    return rounds


def run() -> list[str]:
    with _setup.generated(search.generate) as data:
        lines = [f"data: {search.contacts.N_CONTACTS} kontakter, {search.N_CONTRACTS} avtal, {search.N_EVENTS} "
                 f"evenemang, {search.N_INITIATIVES} initiativ ({data.seconds:.1f} s)"]
        rounds = asyncio.run(_measure(data.db))
    floor = statistics.median(r[0] for r in rounds)
    palette = statistics.median(r[1] for r in rounds)
    contacts = statistics.median(r[2] for r in rounds)
    lines.append(_setup.ratio_line("Global sökning (ctrl+p), tangent → nya träffar (median)", palette, floor,
                                   statistics.median(r[1] / r[0] for r in rounds), target=1.5, unit="ms"))
    lines.append(_setup.ratio_line("Kontakter, tangent → ny första rad och antal (median)", contacts, floor,
                                   statistics.median(r[2] / r[0] for r in rounds), target=1.2, unit="ms"))
    return lines


if __name__ == "__main__":
    for text in run():
        print(text)
