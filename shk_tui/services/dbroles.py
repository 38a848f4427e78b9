"""PostgreSQL for a team: the app runs as a least-privilege role (SELECT, INSERT, UPDATE, DELETE on the
app's tables, the sequences its ids come from, read-only on the schema version); the schema is
created and upgraded by the role that owns the database (``shk db upgrade``). ``grant`` gives a role
exactly those rights, now and for the tables later upgrades create."""

from __future__ import annotations

import re

import sqlalchemy as sa

from shk_tui.config import DatabaseConfig
from shk_tui.db.engine import Database
from shk_tui.errors import BadInput, ShkError

_ROLE = re.compile(r"^[a-z_][a-z0-9_$]{0,62}$")

NOT_POSTGRES = "Roller finns bara i PostgreSQL; en SQLite-fil skyddas av filens behörigheter (0600)."


def check_role_name(role: str) -> str:
    if not _ROLE.match(role):
        raise BadInput(f"Ogiltigt rollnamn: {role[:60]!s} (små bokstäver, siffror och _, högst 63 tecken)")
    return role


def statements(role: str) -> list[str]:
    """The SQL that gives ``role`` the app's rights (run by the owner of the database)."""
    r = f'"{check_role_name(role)}"'
    return [
        f"GRANT CONNECT ON DATABASE {{database}} TO {r}",
        f"GRANT USAGE ON SCHEMA public TO {r}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {r}",
        f"REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON alembic_version FROM {r}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {r}",
        f"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {r}",
        f"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO {r}",
    ]


def grant(cfg: DatabaseConfig, role: str) -> list[str]:
    """Give ``role`` the app's rights on the database ``cfg`` names; returns the statements run."""
    if cfg.is_sqlite:
        raise BadInput(NOT_POSTGRES)
    check_role_name(role)
    db = Database(cfg)
    try:
        db.check_connection()
        with db.session() as s:
            exists = s.execute(sa.text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role}).first()
            if exists is None:
                raise BadInput(f"Rollen {role} finns inte; skapa den först (CREATE ROLE {role} LOGIN PASSWORD …)")
            database = s.execute(sa.text("SELECT current_database()")).scalar_one()
            versioned = s.execute(sa.text("SELECT to_regclass('public.alembic_version')")).scalar() is not None
            done = []
            for stmt in statements(role):
                if "alembic_version" in stmt and not versioned:  # an empty database: upgraded later
                    continue
                sql = stmt.replace("{database}", f'"{database}"')
                s.execute(sa.text(sql))
                done.append(sql)
        return done
    except sa.exc.ProgrammingError as exc:
        if getattr(getattr(exc, "orig", None), "sqlstate", None) == "42501":
            raise ShkError("Bara databasens ägare kan ge behörigheter: kör kommandot som ägarrollen") from None
        raise
    finally:
        db.dispose()
