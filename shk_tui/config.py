"""Paths and the database URL: ``--db`` > ``SHK_DATABASE_URL`` > the default SQLite file."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_dir

from shk_tui.errors import BadInput

APP_NAME = "shk-tui"
ENV_URL = "SHK_DATABASE_URL"
ENV_DATA_DIR = "SHK_DATA_DIR"  # overrides the platformdirs data dir (tests, portable installs)
DEFAULT_DB_NAME = "shk.sqlite3"


def data_dir() -> Path:
    """The directory for the default database, backups and the error log."""
    override = os.environ.get(ENV_DATA_DIR)
    return Path(override) if override else Path(user_data_dir(APP_NAME, appauthor=False))


def log_file() -> Path:
    return data_dir() / "shk-tui.log"


@dataclass(frozen=True)
class DatabaseConfig:
    url: str
    sqlite_path: Path | None  # set when the database is a SQLite file

    @property
    def is_sqlite(self) -> bool:
        return self.sqlite_path is not None

    @property
    def display(self) -> str:
        """What the header shows: the file path, or the URL without its password."""
        if self.sqlite_path is not None:
            return str(self.sqlite_path)
        return _hide_password(self.url)

    @property
    def backup_dir(self) -> Path:
        if self.sqlite_path is not None and self.sqlite_path.parent != data_dir():
            return self.sqlite_path.parent / "backups"
        return data_dir() / "backups"


def _hide_password(url: str) -> str:
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # pragma: no cover - already validated
        return url


def _mask_credentials(raw: str) -> str:
    """Hide ``user:password@`` in a URL that could not be parsed."""
    return re.sub(r"//[^/@]*@", "//***@", raw)


def resolve(db: str | None = None, environ: dict[str, str] | None = None) -> DatabaseConfig:
    """Pick and validate the database: ``db`` (``--db``) > ``SHK_DATABASE_URL`` > default file."""
    env = os.environ if environ is None else environ
    raw = db or env.get(ENV_URL) or ""
    raw = raw.strip()
    if not raw:
        path = data_dir() / DEFAULT_DB_NAME
        return DatabaseConfig(url=_sqlite_url(path), sqlite_path=path)
    if "://" in raw:
        return _from_url(raw)
    return _from_path(Path(raw).expanduser())


def _sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def _from_path(path: Path) -> DatabaseConfig:
    path = path.resolve()
    if path.is_dir():
        raise BadInput(f"Databasen kan inte vara en katalog: {path}")
    return DatabaseConfig(url=_sqlite_url(path), sqlite_path=path)


def _from_url(raw: str) -> DatabaseConfig:
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        url = make_url(raw)
        port = url.port  # make_url parses the port lazily on some versions; force it here
    except (ArgumentError, ValueError):
        raise BadInput(f"Ogiltig databasadress: {_mask_credentials(raw)}") from None
    if port is not None and not 0 < port < 65536:
        raise BadInput(f"Ogiltig port {port} i databasadressen: {_hide_password(raw)}")
    backend = url.get_backend_name()
    if backend == "sqlite":
        if not url.database or url.database == ":memory:":
            raise BadInput("Ange en SQLite-fil, t.ex. sqlite:///sökväg/shk.sqlite3")
        return _from_path(Path(url.database).expanduser())
    if backend == "postgresql":
        if url.get_driver_name() not in ("psycopg", "psycopg2", "psycopg2cffi") and url.drivername != "postgresql":
            raise BadInput(f"Okänd PostgreSQL-drivrutin: {url.drivername} (använd postgresql+psycopg://)")
        if url.drivername == "postgresql":
            url = url.set(drivername="postgresql+psycopg")
        if not url.host and not url.query.get("host"):
            raise BadInput(f"Ogiltig databasadress, värd saknas: {_hide_password(raw)}")
        return DatabaseConfig(url=url.render_as_string(hide_password=False), sqlite_path=None)
    raise BadInput(f"Databastypen stöds inte: {backend} (använd en SQLite-fil eller postgresql+psycopg://)")
