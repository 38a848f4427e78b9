"""The search index: one row per searchable item (contacts, organisations, events, contracts, payments,
initiatives, funding applications) holding its text folded in Python (``shk_tui.fmt.fold``), so no
custom SQL function is needed to write or read it.

- SQLite: ``search_index``, an FTS5 table with the trigram tokenizer (columns ``title`` and ``body``),
  its rowid the item's :func:`ref`. PostgreSQL: a plain table (``ref``, ``title``, ``body``) with a
  ``pg_trgm`` GIN index on ``body`` (``shk_tui.db.search_index_pg``).
- For one- and two-letter words, which trigrams cannot match, a sorted index of word starts is walked:
  SQLite: ``search_words``, an FTS5 table over the same rows (external content) with prefix indexes of
  one and two characters; PostgreSQL: ``search_prefix``, the first one or two letters of every word of
  an item in a B-tree.

A ref is ``code << 40 | id``: one range of refs per kind (:data:`CODES`), so a kind's rows are a rowid
range. Contacts have two codes, active and archived (a list's count comes from the index alone);
contacts under restriction (GDPR art. 18) are not in the index at all.

Kept in step by the write path of the audit: an ``after_flush`` hook (``search_hooks.attach``) re-reads every
item a flush touched (and those whose text names it: an organisation's contacts, contracts and
applications, a contact's initiatives, an initiative's contracts) and rewrites their rows; a bulk delete sweeps the rows whose item
is gone; the contact import adds its rows with :func:`add_contacts`; :func:`rebuild` (migration 0009,
``shk db upgrade``) fills it from scratch. Queries: :mod:`shk_tui.db.search_query`."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from typing import Any

import sqlalchemy as sa

from shk_tui.fmt import fold

SHIFT = 40
MASK = (1 << SHIFT) - 1
#: Each kind's code (the high bits of its refs). Contacts: active, then archived.
CODES: dict[str, int] = {"contact": 1, "contact_archived": 2, "organisation": 3, "event": 4, "contract": 5,
                         "payment": 6, "initiative": 7, "application": 8}
#: The table each kind's items live in.
TABLES: dict[str, str] = {"contact": "contact", "organisation": "organisation", "event": "event",
                          "contract": "contract", "payment": "payment", "initiative": "initiative",
                          "application": "funding_application"}
KIND_OF_TABLE = {t: k for k, t in TABLES.items()}
TABLE = "search_index"
PREFIX_TABLE = "search_prefix"  # PostgreSQL
WORDS_TABLE = "search_words"  # SQLite
_CHUNK = 500


def ref(code: int, item_id: int) -> int:
    return code << SHIFT | item_id


def codes(kind: str) -> tuple[int, ...]:
    return (CODES["contact"], CODES["contact_archived"]) if kind == "contact" else (CODES[kind],)


def ref_range(*codes_: int) -> tuple[int, int]:
    """The refs of contiguous codes: (lowest, highest)."""
    return min(codes_) << SHIFT, ((max(codes_) + 1) << SHIFT) - 1


# --- the text of an item ------------------------------------------------------------------------

_TOKEN = re.compile(r"\w+")
_PUNCT = re.compile(r"[\W_]+")


def squash(text: str) -> str:
    """Letters and digits only: "SK 2023/45", "SK-2023-45" and "sk2023 45" all give "sk202345"."""
    return _PUNCT.sub("", text)


def prefixes(*texts: str) -> set[str]:
    """The first one or two letters of every word (of folded text)."""
    return {m[:2] for t in texts for m in _TOKEN.findall(t)}


def _text(*parts: Any) -> str:
    return fold(" | ".join(str(p) for p in parts if p not in (None, "")))


def _label(value: Any) -> str:
    return getattr(value, "label", value) or ""


def _sources(conn: sa.Connection) -> dict[str, sa.TextClause]:
    """Per kind: the SQL reading what its items' text is made of (``:ids`` expanding; first column id)."""
    return {
        "contact": sa.text("SELECT id, archived, restricted_on, first_name, last_name, search_text "
                           "FROM contact WHERE id IN :ids"),
        "organisation": sa.text("SELECT id, name, short_name, city, kind FROM organisation WHERE id IN :ids"),
        "event": sa.text("SELECT id, title, location, city, starts_at, kind FROM event WHERE id IN :ids"),
        "contract": sa.text(
            "SELECT c.id, c.title, c.diarienummer, o.name, o.short_name, i.name, c.kind FROM contract c "
            "LEFT JOIN organisation o ON o.id = c.counterparty_id LEFT JOIN initiative i ON i.id = c.initiative_id "
            "WHERE c.id IN :ids"),
        "payment": sa.text("SELECT id, reference FROM payment WHERE id IN :ids"),
        "initiative": sa.text(
            "SELECT i.id, i.name, i.description, c.first_name, c.last_name, i.context, i.next_step FROM initiative i "
            "LEFT JOIN contact c ON c.id = i.owner_id WHERE i.id IN :ids"),
        "application": sa.text(
            "SELECT a.id, a.title, o.name, o.short_name, a.note FROM funding_application a "
            "LEFT JOIN organisation o ON o.id = a.funder_id WHERE a.id IN :ids"),
    }


def _enum_labels() -> dict[str, dict[str, str]]:
    from shk_tui.enums import ContractKind, EventKind, OrganisationKind

    return {"organisation": {m.value: m.label for m in OrganisationKind},
            "event": {m.value: m.label for m in EventKind},
            "contract": {m.value: m.label for m in ContractKind}}


def entry(kind: str, row: Sequence[Any], labels: dict[str, dict[str, str]]) -> tuple[int, str, str] | None:
    """(ref, title, body) of one item read by :func:`_sources` (None: the item is not searchable)."""
    item_id = row[0]
    if kind == "contact":
        _, archived, restricted_on, first, last, search_text = row
        if restricted_on is not None:
            return None
        code = CODES["contact_archived" if archived else "contact"]
        return ref(code, item_id), _text(first, last), search_text or ""
    if kind == "organisation":
        _, name, short, city, org_kind = row
        return ref(CODES[kind], item_id), _text(name, short), _text(name, short, city, labels[kind].get(org_kind))
    if kind == "event":
        _, title, location, city, starts_at, ev_kind = row
        day = str(starts_at)[:10] if starts_at is not None else ""
        return ref(CODES[kind], item_id), _text(title), _text(title, location, city, day, labels[kind].get(ev_kind))
    if kind == "contract":
        _, title, dnr, org, org_short, initiative, c_kind = row
        body = _text(title, dnr, squash(fold(dnr)), org, org_short, initiative, labels[kind].get(c_kind))
        return ref(CODES[kind], item_id), _text(title), body
    if kind == "payment":
        _, reference = row
        if not reference:
            return None
        return ref(CODES[kind], item_id), _text(reference), _text(reference, squash(fold(reference)))
    if kind == "initiative":
        _, name, description, first, last, context, next_step = row
        owner = f"{first or ''} {last or ''}".strip()
        return ref(CODES[kind], item_id), _text(name), _text(name, owner, description, context, next_step)
    _, title, funder, funder_short, note = row
    return ref(CODES[kind], item_id), _text(title), _text(title, funder, funder_short, note)


def _entries(conn: sa.Connection, kind: str, ids: Sequence[int]) -> Iterator[tuple[int, str, str]]:
    query = _sources(conn)[kind].bindparams(sa.bindparam("ids", expanding=True))
    labels = _enum_labels()
    for start in range(0, len(ids), _CHUNK):
        for row in conn.execute(query, {"ids": list(ids[start:start + _CHUNK])}):
            found = entry(kind, row, labels)
            if found is not None:
                yield found


# --- writing ------------------------------------------------------------------------------------

def is_pg(conn: sa.Connection) -> bool:
    return conn.dialect.name == "postgresql"


def _refs_of(kind: str, ids: Iterable[int]) -> list[int]:
    return [ref(code, i) for i in ids for code in codes(kind)]


def remove(conn: sa.Connection, refs: Sequence[int]) -> None:
    """Delete the rows (and their prefixes) of ``refs``."""
    key = "ref" if is_pg(conn) else "rowid"
    for start in range(0, len(refs), _CHUNK):
        chunk = list(refs[start:start + _CHUNK])
        params = {"refs": chunk}
        old = conn.execute(sa.text(f"SELECT {key}, title, body FROM {TABLE} WHERE {key} IN :refs")
                           .bindparams(sa.bindparam("refs", expanding=True)), params).all()
        if not old:
            continue
        if is_pg(conn):
            gone = [{"p": p, "r": r} for r, title, body in old for p in prefixes(title, body)]
            if gone:
                conn.execute(sa.text(f"DELETE FROM {PREFIX_TABLE} WHERE prefix = :p AND ref = :r"), gone)
        else:  # an external-content FTS5 table forgets a row given the values it was indexed with
            conn.exec_driver_sql(f"INSERT INTO {WORDS_TABLE} ({WORDS_TABLE}, rowid, title, body) "
                                 "VALUES ('delete', ?, ?, ?)", [tuple(r) for r in old])
        conn.execute(sa.text(f"DELETE FROM {TABLE} WHERE {key} IN :refs")
                     .bindparams(sa.bindparam("refs", expanding=True)), {"refs": [r for r, _, _ in old]})


def insert(conn: sa.Connection, rows: Sequence[tuple[int, str, str]]) -> None:
    """Add index rows (ref, folded title, folded body) that are not there yet."""
    if not rows:
        return
    if is_pg(conn):
        pre = [(p, r) for r, title, body in rows for p in prefixes(title, body)]
        conn.execute(sa.text(f"INSERT INTO {TABLE} (ref, title, body) VALUES (:r, :t, :b)"),
                     [{"r": r, "t": t, "b": b} for r, t, b in rows])
        if pre:
            conn.execute(sa.text(f"INSERT INTO {PREFIX_TABLE} (prefix, ref) VALUES (:p, :r)"),
                         [{"p": p, "r": r} for p, r in pre])
        return
    conn.exec_driver_sql(f"INSERT INTO {TABLE} (rowid, title, body) VALUES (?, ?, ?)", list(rows))
    conn.exec_driver_sql(f"INSERT INTO {WORDS_TABLE} (rowid, title, body) VALUES (?, ?, ?)", list(rows))


def refresh(conn: sa.Connection, kind: str, ids: Iterable[int]) -> None:
    """Rewrite the rows of the items ``ids`` of ``kind`` from what the database holds now (an item
    that no longer exists, or is not searchable, loses its row)."""
    wanted = sorted(set(ids))
    if not wanted:
        return
    remove(conn, _refs_of(kind, wanted))
    insert(conn, list(_entries(conn, kind, wanted)))


def add_contacts(conn: sa.Connection, contacts: Sequence[tuple[int, str, str, str]]) -> None:
    """The index rows of contacts just inserted in bulk (the import, ``contact_bulk``), in its
    transaction: (id, first name, last name, search text) of new, active, unrestricted contacts."""
    if not contacts or not has_index(conn):
        return
    code = CODES["contact"]
    insert(conn, [(ref(code, i), _name_title(first, last), text) for i, first, last, text in contacts])


#: A contact's index title (its folded name), worked out once per distinct name.
_name_title = lru_cache(maxsize=1 << 16)(lambda first, last: fold(f"{first} {last}"))


def sweep(conn: sa.Connection, kind: str) -> None:
    """Remove the rows of ``kind`` whose item no longer exists (after a bulk delete)."""
    lo, hi = ref_range(*codes(kind))
    key = "ref" if is_pg(conn) else "rowid"
    stale = [r for (r,) in conn.execute(sa.text(
        f"SELECT {key} FROM {TABLE} WHERE {key} BETWEEN :lo AND :hi "
        f"AND ({key} & {MASK}) NOT IN (SELECT id FROM {TABLES[kind]})"), {"lo": lo, "hi": hi})]
    remove(conn, stale)


def rebuild(conn: sa.Connection) -> int:
    """Empty the index and fill it from every table (a migration, a database without it). Returns how
    many rows."""
    if is_pg(conn):
        conn.execute(sa.text(f"DELETE FROM {TABLE}"))
        conn.execute(sa.text(f"DELETE FROM {PREFIX_TABLE}"))
    else:
        conn.exec_driver_sql(f"DELETE FROM {TABLE}")
        conn.exec_driver_sql(f"INSERT INTO {WORDS_TABLE} ({WORDS_TABLE}) VALUES ('delete-all')")
    total = 0
    for kind, table in TABLES.items():
        ids = [i for (i,) in conn.execute(sa.text(f"SELECT id FROM {table} ORDER BY id"))]
        rows = list(_entries(conn, kind, ids))
        insert(conn, rows)
        total += len(rows)
    return total


_HAS = "_shk_has_search_index"


def has_index(conn: sa.Connection) -> bool:
    """Whether this database has the index yet (a database before migration 0009: not; asked once per
    connection)."""
    info = conn.info
    if _HAS not in info:
        insp = sa.inspect(conn)
        info[_HAS] = insp.has_table(TABLE) and insp.has_table(PREFIX_TABLE if is_pg(conn) else WORDS_TABLE)
    return bool(info[_HAS])


# --- the schema (migration 0009) ------------------------------------------------------------------

NO_TRGM = ("PostgreSQL-tillägget pg_trgm saknas och rollen {user} får inte skapa det. Be databasens ägare "
           "(eller en superanvändare) köra CREATE EXTENSION pg_trgm; i databasen och kör sedan shk db upgrade igen.")


def create(conn: sa.Connection) -> None:
    """Create the index tables (empty)."""
    if is_pg(conn):
        _create_trgm(conn)
        conn.exec_driver_sql(f"CREATE TABLE {TABLE} (ref BIGINT PRIMARY KEY, title TEXT NOT NULL, body TEXT NOT NULL)")
        conn.exec_driver_sql(f"CREATE INDEX ix_{TABLE}_body ON {TABLE} USING gin (body gin_trgm_ops)")
        conn.exec_driver_sql(f'CREATE TABLE {PREFIX_TABLE} (prefix TEXT COLLATE "C" NOT NULL, ref BIGINT NOT NULL, '
                             f"PRIMARY KEY (prefix, ref))")
    else:
        conn.exec_driver_sql(f"CREATE VIRTUAL TABLE {TABLE} USING fts5(title, body, "
                             "tokenize='trigram case_sensitive 1')")
        # the words of the same rows (external content: search_index) with prefix indexes of one and two
        # characters, for one- and two-letter words
        conn.exec_driver_sql(f"CREATE VIRTUAL TABLE {WORDS_TABLE} USING fts5(title, body, content='{TABLE}', "
                             "content_rowid='rowid', tokenize='unicode61 remove_diacritics 0', prefix='1 2', "
                             "detail=none)")
    conn.info[_HAS] = True


def _create_trgm(conn: sa.Connection) -> None:
    """``CREATE EXTENSION pg_trgm`` where the role may (a superuser, or the database's owner: pg_trgm is
    a trusted extension); otherwise a Swedish message saying who must."""
    if conn.exec_driver_sql("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'").first() is not None:
        return
    from shk_tui.errors import ShkError

    try:
        with conn.begin_nested():
            conn.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except (sa.exc.ProgrammingError, sa.exc.OperationalError, sa.exc.NotSupportedError) as exc:
        user = conn.exec_driver_sql("SELECT current_user").scalar()
        raise ShkError(NO_TRGM.format(user=user)) from exc


def drop(conn: sa.Connection) -> None:
    conn.exec_driver_sql(f"DROP TABLE IF EXISTS {WORDS_TABLE if not is_pg(conn) else PREFIX_TABLE}")
    conn.exec_driver_sql(f"DROP TABLE IF EXISTS {TABLE}")
    conn.info[_HAS] = False
