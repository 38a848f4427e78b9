"""PostgreSQL for a team, with real ``shk`` processes: the app runs as a least-privilege role (the
owner upgrades the schema), records the database user as the audit actor, and concurrent bulk
writers serialise instead of leaving broken data or printing the driver's English errors."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

import pytest
import sqlalchemy as sa

from tests.helpers.proc import run_shk, start_shk

pytestmark = pytest.mark.postgres

ENGLISH = ("Traceback", "duplicate key", "UniqueViolation", "StaleDataError", "permission denied",
           "psycopg.", "oväntat fel")


class Team(NamedTuple):
    owner_url: str
    app_url: str
    role: str
    data: Path


def _admin(url: str) -> sa.Engine:
    return sa.create_engine(url, isolation_level="AUTOCOMMIT")


@pytest.fixture
def team(pg_server: str, tmp_path: Path) -> Iterator[Team]:
    base = pg_server.rsplit("/", 1)[0]
    suffix = uuid.uuid4().hex[:10]
    name, role = f"team_{suffix}", f"shk_app_{suffix}"
    admin = _admin(pg_server)
    with admin.connect() as conn:
        conn.exec_driver_sql(f"CREATE DATABASE {name}")
        conn.exec_driver_sql(f"CREATE ROLE {role} LOGIN")
    owner_url = f"{base}/{name}"
    host = base.split("@", 1)[1]
    app_url = f"postgresql+psycopg://{role}@{host}/{name}"
    try:
        yield Team(owner_url, app_url, role, tmp_path / "data")
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
            conn.exec_driver_sql(f"DROP ROLE IF EXISTS {role}")
        admin.dispose()


def _ok(team: Team, url: str, *args: str, timeout: float = 120) -> str:
    done = run_shk(["--db", url, *args], data_dir=team.data, timeout=timeout)
    assert done.returncode == 0, done.stderr
    assert not any(word in done.stdout + done.stderr for word in ENGLISH), done.stderr
    return done.stdout


def _scalar(url: str, sql: str) -> object:
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(sa.text(sql)).scalar()
    finally:
        engine.dispose()


def _csv(path: Path, n: int, *, domain: str = "import.example", orgs: int = 40) -> Path:
    lines = ["Förnamn;Efternamn;E-post;Organisation"]
    lines += [f"Person{i};Import;p{i}@{domain};Importorg {i % orgs}" for i in range(n)]
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    return path


def test_the_app_runs_as_a_least_privilege_role_and_audits_it(team: Team, tmp_path: Path) -> None:
    _ok(team, team.owner_url, "db", "upgrade")
    _ok(team, team.owner_url, "db", "grant", team.role)
    _ok(team, team.app_url, "demo")
    _ok(team, team.app_url, "import", "contacts", str(_csv(tmp_path / "a.csv", 20)))
    _ok(team, team.app_url, "due")
    actors = _scalar(team.owner_url, "SELECT string_agg(DISTINCT actor, ',') FROM audit_entry")
    assert actors == team.role
    # the role reads and writes data but cannot change the schema
    engine = sa.create_engine(team.app_url)
    try:
        with engine.connect() as conn, pytest.raises(sa.exc.ProgrammingError):
            conn.exec_driver_sql("CREATE TABLE intruder (id int)")
        with engine.connect() as conn, pytest.raises(sa.exc.ProgrammingError):
            conn.exec_driver_sql("UPDATE alembic_version SET version_num = 'x'")
    finally:
        engine.dispose()


def test_an_upgrade_by_the_app_role_is_refused_in_swedish(team: Team) -> None:
    _ok(team, team.owner_url, "db", "grant", team.role)  # an empty database: nothing to grant on yet
    for args in (["db", "upgrade"], ["due"]):
        done = run_shk(["--db", team.app_url, *args], data_dir=team.data)
        assert done.returncode == 1, done.stderr
        line = done.stderr.strip()
        assert "\n" not in line and len(line) <= 200 + len("shk: ")
        assert "får inte ändra schemat" in line and "ägare" in line
        assert not any(word in line for word in ENGLISH)
    assert _scalar(team.owner_url, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'") == 0
    # the owner upgrades; the rights granted before cover the tables created now (default privileges)
    _ok(team, team.owner_url, "db", "upgrade")
    _ok(team, team.app_url, "demo")
    _ok(team, team.app_url, "due")


def test_grant_needs_an_existing_role_and_postgres(team: Team, tmp_path: Path) -> None:
    done = run_shk(["--db", team.owner_url, "db", "grant", "finns_inte"], data_dir=team.data)
    assert done.returncode == 2 and "finns inte" in done.stderr
    done = run_shk(["--db", team.owner_url, "db", "grant", "Robert'); DROP TABLE x;--"], data_dir=team.data)
    assert done.returncode == 2 and "Ogiltigt rollnamn" in done.stderr
    done = run_shk(["--db", str(tmp_path / "x.sqlite3"), "db", "grant", "anna"], data_dir=team.data)
    assert done.returncode == 2 and "PostgreSQL" in done.stderr


def test_demo_force_during_an_import_leaves_no_contact_without_its_organisation(team: Team,
                                                                                tmp_path: Path) -> None:
    _ok(team, team.owner_url, "db", "upgrade")
    _ok(team, team.owner_url, "db", "grant", team.role)
    _ok(team, team.app_url, "demo")
    imp = start_shk(["--db", team.app_url, "import", "contacts", str(_csv(tmp_path / "b.csv", 20000))],
                    data_dir=team.data)
    time.sleep(0.8)
    demo = run_shk(["--db", team.app_url, "demo", "--force"], data_dir=team.data, timeout=180)
    _out, err = imp.communicate(timeout=180)
    assert imp.returncode == 0, err
    assert demo.returncode == 0, demo.stderr
    orphans = _scalar(team.owner_url, "SELECT count(*) FROM contact WHERE email LIKE '%@import.example' "
                                      "AND organisation_id IS NULL")
    assert orphans == 0


def test_the_same_import_twice_at_once_stores_each_person_once(team: Team, tmp_path: Path) -> None:
    _ok(team, team.owner_url, "db", "upgrade")
    _ok(team, team.owner_url, "db", "grant", team.role)
    path = _csv(tmp_path / "c.csv", 5000, domain="twice.example")
    procs = [start_shk(["--db", team.app_url, "import", "contacts", str(path)], data_dir=team.data)
             for _ in range(2)]
    for proc in procs:
        _out, err = proc.communicate(timeout=180)
        assert proc.returncode == 0, err
        assert not any(word in err for word in ENGLISH), err
    assert _scalar(team.owner_url, "SELECT count(*) FROM contact WHERE email LIKE '%@twice.example'") == 5000
    assert _scalar(team.owner_url, "SELECT count(DISTINCT email) FROM contact") == 5000
