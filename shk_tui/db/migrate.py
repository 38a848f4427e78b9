"""Schema versions through Alembic: find the database's revision, refuse a newer schema than this
app knows, and upgrade to head (the caller takes a backup first)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from shk_tui.db.engine import Database
from shk_tui.errors import ShkError

MIGRATIONS = Path(__file__).parent / "migrations"


class SchemaTooNew(ShkError):
    exit_code = 2


def alembic_config(db: Database | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if db is not None:
        cfg.set_main_option("sqlalchemy.url", db.config.url.replace("%", "%%"))
    return cfg


def head() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head() or ""


def current(db: Database) -> str | None:
    with db.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def is_empty(db: Database) -> bool:
    """No tables at all: a brand-new database."""
    return not sa.inspect(db.engine).get_table_names()


def is_known(rev: str) -> bool:
    """True when ``rev`` is one of this app's migrations."""
    script = ScriptDirectory.from_config(alembic_config())
    try:
        return script.get_revision(rev) is not None
    except Exception:
        return False


def too_new_message(rev: str) -> str:
    return (f"Databasens schema ({rev}) är nyare än den här versionen av shk-tui. "
            "Uppdatera programmet innan du öppnar databasen.")


def check_not_newer(db: Database) -> None:
    rev = current(db)
    if rev is None:
        return
    if not is_known(rev):
        raise SchemaTooNew(too_new_message(rev))


def needs_upgrade(db: Database) -> bool:
    check_not_newer(db)
    return current(db) != head()


NOT_OWNER = ("Databasrollen {user} får inte ändra schemat (det behöver uppgraderas till {head}). "
             "Kör shk db upgrade som databasens ägare; appen själv behöver bara läsa och skriva data.")


@contextmanager
def _privileges(db: Database) -> Iterator[None]:
    """PostgreSQL: a least-privilege role cannot create or alter tables; say so in Swedish."""
    try:
        yield
    except sa.exc.ProgrammingError as exc:
        if getattr(getattr(exc, "orig", None), "sqlstate", None) != "42501":
            raise
        raise ShkError(NOT_OWNER.format(user=db.engine.url.username or "?", head=head())) from None


def upgrade(db: Database) -> bool:
    """Bring the schema to head. Returns True when anything was applied."""
    if not needs_upgrade(db):
        return False
    if not is_empty(db) and current(db) is None:
        raise ShkError("Databasen innehåller tabeller men ingen schemaversion; den skapades inte av shk-tui.",
                       exit_code=2)
    cfg = alembic_config(db)
    with db.engine.connect() as conn:
        # SQLite: rebuilding a table (batch migrations) drops the old one, which with foreign keys on
        # would run its ON DELETE actions on the rows referring to it. The pragma only takes effect
        # outside a transaction; the keys are checked before the commit instead.
        raw = conn.connection.driver_connection if db.config.is_sqlite else None
        if raw is not None:
            raw.execute("PRAGMA foreign_keys=OFF")
        try:
            with conn.begin(), _privileges(db):
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "head")
                if raw is not None and conn.exec_driver_sql("PRAGMA foreign_key_check").first():
                    raise ShkError("Uppgraderingen av databasen avbröts: en koppling mellan tabeller "
                                   "pekar på en rad som inte finns. Inget ändrades.")
        finally:
            if raw is not None:
                raw.execute("PRAGMA foreign_keys=ON")
    return True
