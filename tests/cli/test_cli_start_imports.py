"""``shk`` alone opens the TUI: its parser imports no command module (each imports its domain's services,
openpyxl and the like), so none of that is loaded before the first frame (issue #17). ``shk --help`` still
lists every command, and a named command is parsed as before."""

from __future__ import annotations

import subprocess
import sys

LOADED = ("import sys\nfrom shk_tui import cli\np = cli.build_parser({argv!r})\n"
          "print(sorted(m for m in sys.modules if (m.startswith('shk_tui.commands.') and m != 'shk_tui.commands.args') or m == 'openpyxl'))")


def _loaded(argv: list[str]) -> list[str]:
    out = subprocess.run([sys.executable, "-c", LOADED.format(argv=argv)], capture_output=True, text=True,
                         check=True).stdout
    return eval(out.strip().splitlines()[-1])  # noqa: S307 - our own script's printed list


def test_the_tui_start_imports_no_command_module() -> None:
    assert _loaded([]) == []
    assert _loaded(["--db", "x.sqlite3"]) == []


def test_help_and_a_named_command_still_get_their_modules() -> None:
    assert "shk_tui.commands.events" in _loaded(["--help"])
    due = _loaded(["due"])
    assert "shk_tui.commands.contracts" in due and "shk_tui.commands.events" not in due


def test_help_lists_every_command(capsys) -> None:  # noqa: ANN001
    from shk_tui import cli

    assert cli.main(["--help"]) == 0
    out = capsys.readouterr().out
    for command in ("import", "export", "due", "gdpr", "backup", "report", "gallra"):
        assert command in out, command
