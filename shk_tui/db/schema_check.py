"""Is a SQLite file's schema exactly the one this app builds at the file's revision?

A restore must not bring in anything the app did not create: a trigger that deletes payments, a view,
a foreign key with ``ON DELETE CASCADE``, a missing column that breaks queries later. The reference is
a fresh empty database upgraded with Alembic to exactly that revision; the file must have the same
tables, the same columns (type, NOT NULL, default, primary key), the same indexes (name, uniqueness,
columns, definition), the same foreign keys, and the same triggers and views (none, today).

SQLite's internal tables (``sqlite_sequence``, ``sqlite_stat1`` …) hold no behaviour and are ignored."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

#: The longest Swedish message :func:`message` builds.
MAX_MESSAGE = 200


@dataclass
class Table:
    columns: dict[str, tuple] = field(default_factory=dict)
    indexes: dict[str, tuple] = field(default_factory=dict)
    foreign_keys: set[tuple] = field(default_factory=set)


@dataclass
class Schema:
    tables: dict[str, Table]
    #: ``(type, name) -> normalised SQL`` for triggers and views.
    others: dict[tuple[str, str], str]


def _normalise(sql: str | None) -> str:
    text = re.sub(r"\s+", " ", (sql or "").strip().rstrip(";")).lower()
    return re.sub(r" ?([(),=]) ?", r"\1", text)


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def read(conn: sqlite3.Connection) -> Schema:
    """The schema of the database behind ``conn``, in comparable form."""
    tables: dict[str, Table] = {}
    others: dict[tuple[str, str], str] = {}
    rows = conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall()
    index_sql = {name: sql for kind, name, _, sql in rows if kind == "index"}
    for kind, name, _tbl, sql in rows:
        if kind in ("trigger", "view"):
            others[(kind, name)] = _normalise(sql)
        elif kind == "table" and not name.startswith("sqlite_"):
            tables[name] = _table(conn, name, sql, index_sql)
    return Schema(tables, others)


def _table(conn: sqlite3.Connection, name: str, sql: str | None, index_sql: dict[str, str | None]) -> Table:
    table = Table()
    if (sql or "").lstrip().upper().startswith("CREATE VIRTUAL"):
        table.columns["(virtual)"] = (_normalise(sql),)
    q = _quote(name)
    for _cid, col, ctype, notnull, default, pk, hidden in conn.execute(f"PRAGMA table_xinfo({q})"):
        table.columns[col] = ((ctype or "").upper(), bool(notnull), _normalise(default), pk, hidden)
    for _seq, ix, unique, origin, partial in conn.execute(f"PRAGMA index_list({q})"):
        keys = tuple((c[2], c[3], (c[4] or "").upper()) for c in conn.execute(f"PRAGMA index_xinfo({_quote(ix)})")
                     if c[5])
        definition = (bool(unique), origin, bool(partial), keys, _normalise(index_sql.get(ix)))
        # SQLite names the indexes behind UNIQUE / PRIMARY KEY constraints itself (by position)
        table.indexes[f"({origin}:{keys})" if origin in ("u", "pk") else ix] = definition
    groups: dict[int, list[tuple]] = {}
    for fk_id, _seq, ref, frm, to, on_update, on_delete, match in conn.execute(f"PRAGMA foreign_key_list({q})"):
        groups.setdefault(fk_id, []).append((ref, frm, to, on_update, on_delete, match))
    for parts in groups.values():
        ref, _, _, on_update, on_delete, match = parts[0]
        table.foreign_keys.add((ref.lower(), tuple(p[1] for p in parts), tuple(p[2] for p in parts),
                                on_update, on_delete, match))
    return table


_KIND = {"trigger": "utlösare (trigger)", "view": "vy"}


def differences(found: Schema, expected: Schema) -> list[str]:
    """What differs, in Swedish, the most dangerous kinds first (triggers and views, then tables)."""
    out: list[str] = []
    for key in sorted(found.others.keys() - expected.others.keys()):
        out.append(f"okänd {_KIND[key[0]]} {key[1]}")
    for key in sorted(expected.others.keys() - found.others.keys()):
        out.append(f"{_KIND[key[0]]} saknas: {key[1]}")
    for key in sorted(found.others.keys() & expected.others.keys()):
        if found.others[key] != expected.others[key]:
            out.append(f"{_KIND[key[0]]} {key[1]} är ändrad")
    out += [f"okänd tabell {t}" for t in sorted(found.tables.keys() - expected.tables.keys())]
    out += [f"tabell saknas: {t}" for t in sorted(expected.tables.keys() - found.tables.keys())]
    for name in sorted(found.tables.keys() & expected.tables.keys()):
        out += _table_differences(name, found.tables[name], expected.tables[name])
    return out


def _table_differences(name: str, found: Table, expected: Table) -> list[str]:
    out = [f"kolumn saknas: {name}.{c}" for c in expected.columns if c not in found.columns]
    out += [f"okänd kolumn {name}.{c}" for c in found.columns if c not in expected.columns]
    out += [f"kolumnen {name}.{c} är ändrad" for c in expected.columns
            if c in found.columns and found.columns[c] != expected.columns[c]]
    if found.foreign_keys != expected.foreign_keys:
        out.append(f"främmande nycklar i {name} är ändrade")
    for ix in sorted(found.indexes.keys() - expected.indexes.keys()):
        out.append(f"okänt index {ix}" if not ix.startswith("(") else f"okänd unik regel i {name}")
    for ix in sorted(expected.indexes.keys() - found.indexes.keys()):
        out.append(f"index saknas: {ix}" if not ix.startswith("(") else f"unik regel saknas i {name}")
    for ix in sorted(found.indexes.keys() & expected.indexes.keys()):
        if found.indexes[ix] != expected.indexes[ix]:
            out.append(f"index {ix} är ändrat")
    return out


def message(revision: str, diffs: list[str]) -> str:
    """One Swedish line naming the first few differences, at most :data:`MAX_MESSAGE` characters."""
    lead = f"Filen har inte shk-tuis schema (version {revision}): "

    def line(shown: list[str]) -> str:
        rest = len(diffs) - len(shown)
        return lead + ", ".join(shown) + (f" och {rest} till" if rest else "") + "."

    shown: list[str] = []
    for d in diffs:
        if shown and len(line([*shown, d])) > MAX_MESSAGE:
            break
        shown.append(d)
    out = line(shown)
    return out if len(out) <= MAX_MESSAGE else out[:MAX_MESSAGE - 1] + "…"


def reference(revision: str, path: Path) -> Schema:
    """The schema this app creates at ``revision``: a new database at ``path`` (which must not exist;
    the caller removes it) upgraded with Alembic to exactly that revision."""
    from alembic import command

    from shk_tui.config import DatabaseConfig
    from shk_tui.db import migrate
    from shk_tui.db.engine import Database

    db = Database(DatabaseConfig(url=f"sqlite:///{path}", sqlite_path=path))
    try:
        cfg = migrate.alembic_config(db)
        with db.engine.connect() as conn, conn.begin():
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, revision)
    finally:
        db.dispose()
    raw = sqlite3.connect(path)
    try:
        return read(raw)
    finally:
        raw.close()
