"""The log file keeps no personal values: e-mail addresses, phone numbers, PostgreSQL's quoted key
values and statement parameters are removed, tracebacks included."""

from __future__ import annotations

import logging

from shk_tui.logredact import RedactingFormatter, redact


def test_personal_values_are_removed() -> None:
    line = ('duplicate key value violates unique constraint "uq"\nDETAIL:  Key (email)=(asa.oberg@example.se) '
            "already exists. [SQL: INSERT INTO contact (phone) VALUES (%(p)s)] [parameters: {'p': '+46701234567'}] "
            "ring 070-123 45 67 eller 021-12 34 56, pnr 19650312-1234")
    out = redact(line)
    for secret in ("asa.oberg", "example.se", "+46701234567", "070-123 45 67", "021-12 34 56", "19650312-1234"):
        assert secret not in out
    assert "Key (email)=(…)" in out and "duplicate key value" in out and "INSERT INTO contact" in out


def test_ordinary_numbers_stay() -> None:
    text = "upgrading from 0004 to 0005; 1 272 000 kr? 2026-12-02 06:44:49,015 took 0.35 s; id 123456"
    assert redact(text) == text


def test_the_formatter_redacts_tracebacks_too() -> None:
    formatter = RedactingFormatter("%(message)s")
    try:
        raise ValueError("ogiltig e-post per@example.se")
    except ValueError:
        import sys

        record = logging.LogRecord("shk_tui", logging.ERROR, __file__, 1, "failed for %s", ("anna@example.se",),
                                   sys.exc_info())
    out = formatter.format(record)
    assert "example.se" not in out and "ValueError" in out


def test_the_log_file_of_a_failed_statement_holds_no_personal_values(tmp_path, monkeypatch) -> None:
    import sqlalchemy as sa

    from shk_tui import cli, config
    from shk_tui.config import resolve
    from shk_tui.db import migrate
    from shk_tui.db.engine import Database

    cli.setup_logging()
    db = Database(resolve(str(tmp_path / "shk.sqlite3")))
    migrate.upgrade(db)
    try:
        with db.session() as s:
            s.execute(sa.text("INSERT INTO contact (id, first_name) VALUES (1, :n)"), {"n": "anna@example.se"})
            s.execute(sa.text("INSERT INTO contact (id, first_name, email) VALUES (1, 'x', :e)"),
                      {"e": "per.ek@example.se"})
    except Exception:
        logging.getLogger("shk_tui").exception("save failed for %s", "0701234567")
    finally:
        db.dispose()
    for handler in logging.getLogger("shk_tui").handlers:
        handler.flush()
    text = config.log_file().read_text(encoding="utf-8")
    assert "save failed" in text and "IntegrityError" in text
    assert "example.se" not in text and "0701234567" not in text
