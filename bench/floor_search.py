"""The floors of bench/search.py: the raw driver running the search index's own query, nothing else.

SQLite: plain ``sqlite3`` doing an FTS5 ``MATCH`` (one- and two-letter words: the ``search_prefix``
walk) for the first page as Kontakter shows it (the matching contacts in Swedish order with their
organisation, and their tags) plus the count in the index, on the same file. PostgreSQL: plain
``psycopg`` with the same ``LIKE``/pg_trgm query. The index query is the text ``shk_tui.db.search_query``
builds, made once per typed text outside the timing; what the app adds (its session, SQLAlchemy, the rows
as objects) is the difference measured."""

from __future__ import annotations

import re
import sqlite3
import statistics
import time
from functools import lru_cache
from pathlib import Path

PAGE = 100


@lru_cache(maxsize=256)
def _sql(typed: str, dialect: str) -> tuple[str, str, dict[str, object]]:
    from shk_tui.db import search_index, search_query

    terms = search_query.terms(typed)
    assert terms is not None
    b = search_query._Builder(dialect)
    source = b.source(terms, (search_index.CODES["contact"],))
    order = 'c.sort_key COLLATE "C"' if dialect == "postgresql" else "c.sort_key"
    page = ("SELECT c.id, c.first_name, c.last_name, c.title, o.name, c.email, c.phone, c.archived, c.legal_basis, "
            "c.sort_key FROM contact c LEFT JOIN organisation o ON c.organisation_id = o.id "
            f"WHERE c.id IN (SELECT ref & {search_index.MASK} FROM ({source}) AS f) AND c.archived = false "
            f"AND c.restricted_on IS NULL ORDER BY {order}, c.id LIMIT {PAGE + 1}")
    count = f"SELECT count(*) FROM ({source}) AS f"
    if dialect == "postgresql":  # psycopg's placeholders
        page, count = (re.sub(r":(p\d+)", r"%(\1)s", q) for q in (page, count))
    return page, count, b.params


class SqliteFloor:
    def __init__(self, path: Path) -> None:
        self.conn = sqlite3.connect(path)

    def search(self, typed: str) -> tuple[int, list[int]]:
        page, count, params = _sql(typed, "sqlite")
        rows = self.conn.execute(page, params).fetchall()
        total = self.conn.execute(count, params).fetchone()[0] if len(rows) > PAGE else len(rows)
        ids = [r[0] for r in rows[:PAGE]]
        self.conn.execute(f"SELECT ct.contact_id, t.name FROM contact_tag ct JOIN tag t ON t.id = ct.tag_id"
                          f" WHERE ct.contact_id IN ({','.join('?' * len(ids))})", ids).fetchall()
        return total, ids

    def close(self) -> None:
        self.conn.close()


class PgFloor:
    def __init__(self, dsn: str) -> None:
        import psycopg

        self.conn = psycopg.connect(dsn, autocommit=True)

    def search(self, typed: str) -> tuple[int, list[int]]:
        page, count, params = _sql(typed, "postgresql")
        with self.conn.cursor() as cur:
            rows = cur.execute(page, params).fetchall()
            total = cur.execute(count, params).fetchone()[0] if len(rows) > PAGE else len(rows)
            ids = [r[0] for r in rows[:PAGE]]
            cur.execute("SELECT ct.contact_id, t.name FROM contact_tag ct JOIN tag t ON t.id = ct.tag_id"
                        " WHERE ct.contact_id = ANY(%(ids)s)", {"ids": ids}).fetchall()
        return total, ids

    def close(self) -> None:
        self.conn.close()


def postgres_lines(pg, generate, typed_all: list[str], rounds: int) -> list[str]:
    """Generate the same data on a throw-away PostgreSQL server and measure Kontakter's data path there."""
    import sqlalchemy as sa

    from bench import _setup
    from shk_tui.config import resolve
    from shk_tui.db import migrate
    from shk_tui.db.engine import Database
    from shk_tui.services.contacts import contact_list as svc

    if not pg.available():
        return ["PostgreSQL: hoppades över (PostgreSQL 15 saknas)"]
    with pg.server() as url:
        admin = sa.create_engine(url, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.exec_driver_sql("CREATE DATABASE shk_bench")
        admin.dispose()
        db_url = url.rsplit("/", 1)[0] + "/shk_bench"
        db = Database(resolve(db_url))
        migrate.upgrade(db)
        generate(db)
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM ANALYZE")
        floor = PgFloor(db_url.replace("postgresql+psycopg://", "postgresql://"))
        ratios, figures, floors = [], [], []
        for typed in typed_all:
            page = svc.search(db, svc.ContactFilter(text=typed))
            total, ids = floor.search(typed)
            assert page.total == total and [r.id for r in page.rows] == ids, typed
            fig, flo, ratio = _setup.interleaved(
                lambda t=typed: _timed(lambda: svc.search(db, svc.ContactFilter(text=t))),
                lambda t=typed: _timed(lambda: floor.search(t)), rounds)
            figures.append(fig)
            floors.append(flo)
            ratios.append(ratio)
        floor.close()
        db.dispose()
    worst = max(zip(ratios, typed_all, strict=True))
    return [_setup.ratio_line("Kontakter, sökning per tangent (median, PostgreSQL)", statistics.median(figures),
                              statistics.median(floors), statistics.median(ratios), target=2.0, unit="ms")
            + f"; sämst {worst[0]:.2f}× ({worst[1]!r})"]


def _timed(fn) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0
