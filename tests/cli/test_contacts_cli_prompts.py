"""``shk gdpr erase`` on a terminal asks before it erases: anything but a yes cancels."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from shk_tui import cli
from tests.helpers.cli import run

VCARD = "BEGIN:VCARD\nVERSION:4.0\nFN:Lena Sjöberg\nN:Sjöberg;Lena;;;\nEND:VCARD\n"


@pytest.fixture
def dbfile(tmp_path: Path) -> Path:
    path = tmp_path / "shk.sqlite3"
    assert cli.main(["--db", str(path), "db", "upgrade"]) == 0
    src = tmp_path / "k.vcf"
    src.write_text(VCARD)
    assert cli.main(["--db", str(path), "import", "contacts", str(src)]) == 0
    return path


def answering(monkeypatch, answer: str) -> list[str]:
    """The terminal answers ``answer``; the questions asked are collected."""
    asked: list[str] = []
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda question: asked.append(question) or answer)
    return asked


@pytest.mark.parametrize("answer", ["", "n", "nej", "kanske"])
def test_erase_cancelled_by_anything_but_yes(dbfile, capsys, monkeypatch, answer):
    capsys.readouterr()
    asked = answering(monkeypatch, answer)
    code, out, _ = run(capsys, "--db", str(dbfile), "gdpr", "erase", "1", "--reason", "begäran")
    assert code == 1 and "Avbrutet: inget raderades." in out
    assert asked == ["Radera Lena Sjöberg (kontakt 1)? Det går inte att ångra. [j/N] "]
    code, out, _ = run(capsys, "--db", str(dbfile), "gdpr", "extract", "1")
    assert code == 0 and out.startswith("# Registerutdrag – Lena Sjöberg")


@pytest.mark.parametrize("answer", ["j", "JA", " y ", "yes"])
def test_erase_after_a_yes(dbfile, capsys, monkeypatch, answer):
    capsys.readouterr()
    answering(monkeypatch, answer)
    code, out, _ = run(capsys, "--db", str(dbfile), "gdpr", "erase", "1", "--reason", "begäran")
    assert code == 0 and "Kontakt 1 raderad" in out
