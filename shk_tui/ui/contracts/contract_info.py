"""A contract's fields as label–value pairs laid out for the width at hand: :class:`ContractInfo`.

On a wide and tall terminal one pair per line; otherwise (80×24) two pairs per line, so the payment
schedule under it stays in view. A value longer than its column wraps inside its own column (never
under the labels), as does a label wider than its column."""

from __future__ import annotations

import textwrap
from itertools import zip_longest

from rich.text import Text
from textual.events import Resize
from textual.widgets import Static

from shk_tui.fmt import format_date, format_kr
from shk_tui.services.contracts.contract_money import ContractMoney
from shk_tui.services.contracts.contracts import ContractDetail
from shk_tui.ui.contracts.money_view import info_pairs

Pair = tuple[str, str]
GAP = 2  # spaces between two pairs on one line
#: The longest label a two-column layout keeps on one line; a longer one ("Förlängs automatiskt:") wraps.
LABEL_MAX = 15
#: Pairs the two-column layout leaves out when they say nothing (so the money's pairs keep the payments
#: in view at 80×24): these labels with the value "–", and "Arkiverat: nej".
QUIET = {"Initiativ", "Diariefört", "Dokument", "Budgetrad"}


def pairs(d: ContractDetail, narrow: bool = False,
          money: ContractMoney | None = None) -> tuple[list[Pair], list[Pair], list[Pair]]:
    """(left, right, full width): who and what on the left, dates and money on the right (with the budget
    line and the procurement facts of ``money``), the procurement warnings and the free text last across
    the whole width. ``narrow``: the period without spaces around its dash (as in the list), so it fits a
    half line; with ``money`` the pairs that say nothing (``QUIET``) are left out."""
    notice = f"{d.notice_months} mån" if d.notice_months is not None else "–"
    renew = f"ja, {d.renewal_months or 12} mån i taget" if d.auto_renew else "nej"
    archived = f"{format_date(d.archived_on)} {d.archive_location}".strip() if d.archived_on else "nej"
    left = [
        ("Typ", d.kind.label), ("Status", d.status.label), ("Motpart", d.counterparty or "–"),
        ("Ansvarig", d.responsible or "–"), ("Initiativ", d.initiative or "–"),
        ("Diarienummer", d.diarienummer or "– (ej diariefört)"), ("Diariefört", format_date(d.registered_on) or "–"),
        ("Dokument", d.document_ref or "–"),
    ]
    right = [
        ("Period", f"{format_date(d.starts_on) or '?'}{'–' if narrow else ' – '}{format_date(d.ends_on) or '?'}"),
        ("Undertecknat", format_date(d.signed_on) or "–"), ("Uppsägningstid", notice),
        ("Säg upp senast", format_date(d.notice_deadline) or "–"), ("Förlängs automatiskt", renew),
        ("Belopp", format_kr(d.amount_ore) or "–"), ("Arkiverat", archived),
    ]
    more_left, more_right, wide = info_pairs(money, narrow)
    left += more_left
    right += more_right
    if narrow and money is not None:
        def says_something(pair: Pair) -> bool:
            return not ((pair[0] in QUIET and pair[1] == "–") or pair == ("Arkiverat", "nej"))

        left, right = [p for p in left if says_something(p)], [p for p in right if says_something(p)]
    if d.warnings:
        right.append(("Varningar", ", ".join(d.warnings)))
    if d.note:
        wide.append(("Anteckning", d.note))
    return left, right, wide


def _wrap(text: str, width: int) -> list[str]:
    lines: list[str] = []
    for part in text.splitlines() or [""]:
        lines.extend(textwrap.wrap(part, max(width, 1), break_long_words=True, break_on_hyphens=False) or [""])
    return lines


def _cells(pair: Pair | None, label_width: int, value_width: int) -> list[tuple[str, str]]:
    """One pair as lines of (label part, value part), each padded to its column."""
    if pair is None:
        return []
    label, value = _wrap(pair[0] + ":", label_width), _wrap(pair[1], value_width)
    return [(lab.ljust(label_width), val.ljust(value_width))
            for lab, val in zip_longest(label, value, fillvalue="")]


def _label_width(column: list[Pair], cap: int) -> int:
    return min(max((len(label) + 1 for label, _ in column), default=0), cap)


def _split(rows: list[list[Pair | None]], label_widths: list[int], free: int) -> int:
    """The left value column's width (of ``free`` for both) that needs the fewest lines; of equals,
    the most even split. Each column keeps at least a third."""

    def lines(first: int) -> int:
        widths = (first, free - first)
        return sum(max(len(_cells(pair, label_widths[i], widths[i])) for i, pair in enumerate(row)) for row in rows)

    return min(range(free // 3, free - free // 3 + 1), key=lambda first: (lines(first), abs(2 * first - free)))


def layout(d: ContractDetail, width: int, columns: int, money: ContractMoney | None = None) -> Text:
    """The pairs of ``d`` in ``columns`` (1 or 2) columns within ``width`` cells: labels dim, each value
    in its column."""
    left, right, wide = pairs(d, narrow=columns > 1, money=money)
    width = max(width, 30)
    rows: list[list[Pair | None]]
    if columns == 1:
        label_widths = [_label_width(left + right + wide, width // 2)]
        value_widths = [width - label_widths[0] - 1]
        rows = [[p] for p in left + right]
    else:
        label_widths = [_label_width(left, LABEL_MAX), _label_width(right, LABEL_MAX)]
        free = width - sum(label_widths) - 2 - GAP
        rows = [list(row) for row in zip_longest(left, right)]
        first = _split(rows, label_widths, free)
        value_widths = [first, free - first]
    text = Text(no_wrap=True, overflow="crop")
    lines: list[list[tuple[str, str]]] = []
    for row in rows:
        cells = [_cells(pair, label_widths[i], value_widths[i]) for i, pair in enumerate(row)]
        height = max(len(c) for c in cells)
        for n in range(height):
            line = []
            for i, c in enumerate(cells):
                line.append(c[n] if n < len(c) else (" " * label_widths[i], " " * value_widths[i]))
            lines.append(line)
    full_label = _label_width(wide, LABEL_MAX if columns > 1 else label_widths[0])
    full_label = max(full_label, label_widths[0])
    for pair in wide:
        lines.extend([[cell] for cell in _cells(pair, full_label, width - full_label - 1)])
    for number, line in enumerate(lines):
        if number:
            text.append("\n")
        for i, (label, value) in enumerate(line):
            if i:
                text.append(" " * GAP)
            text.append(label, style="bold")
            text.append(" ")
            text.append(value.rstrip() if i == len(line) - 1 else value)
    return text


class ContractInfo(Static):
    """The fields of one contract, laid out again whenever its width changes."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id)
        self.detail: ContractDetail | None = None
        self.money: ContractMoney | None = None
        self.columns = 1

    def show(self, d: ContractDetail, columns: int, money: ContractMoney | None = None) -> None:
        self.detail, self.columns = d, columns
        self.money = money if money is not None else self.money
        self._render_pairs()

    def _render_pairs(self) -> None:
        if self.detail is None:
            return
        width = self.content_size.width or (self.app.size.width - 2)
        self.update(layout(self.detail, width, self.columns, self.money))

    def on_resize(self, event: Resize) -> None:
        self._render_pairs()
