"""Markdown for a decision basis: a pipe table with a TOTALT block (pastes into Word/Teams/GitLab)."""

from __future__ import annotations

from collections.abc import Sequence


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def table_md(title: str, columns: Sequence[str], rows: Sequence[Sequence[str]],
             totals: Sequence[tuple[str, str]], *, note: str = "") -> str:
    lines = [f"## {title}", ""]
    if note:
        lines += [note, ""]
    lines.append("| " + " | ".join(columns) + " |")
    lines.append("|" + "|".join(" --- " for _ in columns) + "|")
    for row in rows:
        lines.append("| " + " | ".join(_cell(c) for c in row) + " |")
    blank = [""] * (len(columns) - 2)
    for label, value in totals:
        lines.append("| " + " | ".join([f"**{label}**", *blank, f"**{value}**"]) + " |")
    return "\n".join(lines) + "\n"
