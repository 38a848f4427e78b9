"""Shared pieces of the CLI tests."""

from __future__ import annotations

from shk_tui import cli


def run(capsys, *argv: str) -> tuple[int, str, str]:  # noqa: ANN001 - pytest's capsys
    """``shk ARGV`` in this process: exit code, stdout, stderr; never a traceback."""
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err
