"""Shared fixtures. ``db`` runs a test on a real SQLite file *and* on a real PostgreSQL 15 server
started by the test run; ``sqlite_db`` is SQLite only. Both are migrated to head. ``SHK_DATA_DIR`` and
``SHK_CONFIG_DIR`` point into tmp_path, and the default export folder (``prefs.documents_dir``) is
tmp_path/Dokument, so no test touches the user's data, settings or documents."""

from __future__ import annotations

import logging
import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from shk_tui import prefs
from shk_tui.config import resolve
from shk_tui.db import migrate
from shk_tui.db.engine import Database
from tests.helpers import pg


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    data = tmp_path / "data"
    monkeypatch.setenv("SHK_DATA_DIR", str(data))
    # preferences (shk_tui/prefs.py) and the default export folder never touch the user's home
    monkeypatch.setenv("SHK_CONFIG_DIR", str(tmp_path / "config"))
    documents = tmp_path / "Dokument"
    documents.mkdir()
    monkeypatch.setattr(prefs, "documents_dir", lambda: documents)
    monkeypatch.setenv("SHK_ACTOR", "testare")
    monkeypatch.delenv("SHK_DATABASE_URL", raising=False)
    return data


@pytest.fixture(autouse=True)
def _isolated_logging() -> Iterator[None]:
    """A test that runs ``shk`` in-process (``cli.main``) points the app's logger at that run's log file
    and stops it propagating: put it back, so later tests' ``caplog`` sees the app's records."""
    logger = logging.getLogger("shk_tui")
    handlers, propagate, level = logger.handlers[:], logger.propagate, logger.level
    yield
    for handler in logger.handlers:
        if handler not in handlers:
            handler.close()
    logger.handlers[:] = handlers
    logger.propagate, logger.level = propagate, level


@pytest.fixture(scope="session")
def _sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    db = Database(resolve(str(path)))
    migrate.upgrade(db)
    db.dispose()
    return path


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    if not pg.available():
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL 15 binaries missing in CI (/usr/lib/postgresql/15/bin)")
        pytest.skip("PostgreSQL 15 binaries not installed")
    with pg.server() as url:
        engine = sa.create_engine(url, isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            conn.exec_driver_sql("CREATE DATABASE shk_template")
        engine.dispose()
        template = Database(resolve(url.rsplit("/", 1)[0] + "/shk_template"))
        migrate.upgrade(template)
        template.dispose()
        yield url


def _sqlite_db(template: Path, tmp_path: Path) -> Database:
    path = tmp_path / "shk.sqlite3"
    shutil.copyfile(template, path)
    os.chmod(path, 0o600)
    return Database(resolve(str(path)))


def _pg_db(server_url: str) -> Iterator[Database]:
    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f"CREATE DATABASE {name} TEMPLATE shk_template")
    db = Database(resolve(server_url.rsplit("/", 1)[0] + "/" + name))
    try:
        yield db
    finally:
        db.dispose()
        with admin.connect() as conn:
            conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.dispose()


@pytest.fixture
def sqlite_db(_sqlite_template: Path, tmp_path: Path) -> Iterator[Database]:
    db = _sqlite_db(_sqlite_template, tmp_path)
    yield db
    db.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db(request: pytest.FixtureRequest, _sqlite_template: Path, tmp_path: Path) -> Iterator[Database]:
    """A migrated, empty database: once on SQLite, once on PostgreSQL."""
    if request.param == "sqlite":
        database = _sqlite_db(_sqlite_template, tmp_path)
        yield database
        database.dispose()
    else:
        yield from _pg_db(request.getfixturevalue("pg_server"))
