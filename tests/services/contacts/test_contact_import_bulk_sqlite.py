"""A large import on SQLite (``contact_bulk_sqlite.bulk_mode``): the contact and audit indexes are
dropped and built again, FTS5 keeps more pending terms in memory, and the search index rows are added
after the last batch. Afterwards (or after a cancel) the schema and the FTS5 settings are exactly as
before, and the search index holds every contact, consistent with its tables. Also: the quick audit
JSON of an imported contact is ``json.dumps`` of its changes."""

from __future__ import annotations

import json
from datetime import date

import pytest

from shk_tui.db import search_index
from shk_tui.enums import LegalBasis
from shk_tui.services.contacts import contact_bulk
from shk_tui.services.contacts import contact_bulk_sqlite as bulk
from shk_tui.services.contacts import contact_import as imp

HEADER = "Förnamn;Efternamn;Titel;Organisation;E-post;Telefon;Taggar\r\n"


def _csv(n: int, start: int = 0) -> bytes:
    rows = "".join(f"Person{i};Efter{i};;Förening {i % 3};p{i}@example.se;070-123 45 {10 + i % 80};"
                   f"{'tagg' if i % 4 == 0 else ''}\r\n" for i in range(start, start + n))
    return (HEADER + rows).encode("utf-8")


def _schema(db) -> list[tuple]:
    with db.engine.connect() as conn:
        return conn.exec_driver_sql("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name").all()


def _settings(db) -> list[tuple]:
    with db.engine.connect() as conn:
        return [(t, *row) for t in (search_index.TABLE, search_index.WORDS_TABLE)
                for row in conn.exec_driver_sql(f"SELECT k, v FROM {t}_config ORDER BY k").all()]


def _spy(monkeypatch) -> list[str]:
    asked: list[str] = []
    real = bulk._plain_indexes

    def plain(conn, table):
        found = real(conn, table)
        asked.append(table)
        assert found, table  # the schema has plain indexes on both tables
        return found

    monkeypatch.setattr(bulk, "_plain_indexes", plain)
    return asked


@pytest.fixture
def small(monkeypatch):
    """Batches of 4; an import of 5 rows counts as large."""
    monkeypatch.setattr(imp, "BATCH", 4)
    monkeypatch.setattr(bulk, "MIN_ROWS", 5)


def test_a_large_import_leaves_schema_and_settings_as_they_were_and_indexes_every_contact(sqlite_db, small,
                                                                                          monkeypatch):
    db = sqlite_db
    schema, settings = _schema(db), _settings(db)
    asked = _spy(monkeypatch)
    assert imp.apply(db, imp.plan(db, _csv(13), "k.csv")) == 13
    assert asked == ["contact", "audit_entry"]  # the indexes were dropped and built again
    assert _schema(db) == schema
    assert _settings(db) == settings
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        for table in (search_index.TABLE, search_index.WORDS_TABLE):  # raises when an index disagrees
            conn.exec_driver_sql(f"INSERT INTO {table} ({table}) VALUES ('integrity-check')")
        ids = [i for (i,) in conn.exec_driver_sql("SELECT id FROM contact ORDER BY id")]
        indexed = conn.exec_driver_sql(f"SELECT rowid, title FROM {search_index.TABLE} ORDER BY rowid").all()
        assert indexed == [(search_index.ref(search_index.CODES["contact"], i), f"person{n} efter{n}")
                           for n, i in enumerate(ids)]
        words = conn.exec_driver_sql(f"SELECT rowid FROM {search_index.WORDS_TABLE} WHERE "
                                     f"{search_index.WORDS_TABLE} MATCH 'pe*' ORDER BY rowid").scalars().all()
        assert words == [r for r, _ in indexed]
        trigram = conn.exec_driver_sql(f"SELECT title FROM {search_index.TABLE} WHERE body MATCH '\"0701234512\"'"
                                       ).scalars().all()
        assert trigram == ["person2 efter2"]  # the phone as typed in Sweden, from the search text
        audited = conn.exec_driver_sql("SELECT count(*) FROM audit_entry WHERE table_name = 'contact'").scalar()
        assert audited == 13


def test_a_cancelled_large_import_leaves_everything_as_it_was(sqlite_db, small):
    db = sqlite_db
    schema, settings = _schema(db), _settings(db)
    steps: list[int] = []
    with pytest.raises(imp.Cancelled):
        imp.apply(db, imp.plan(db, _csv(13), "k.csv"), progress=lambda done, total: steps.append(done),
                  cancelled=lambda: len(steps) >= 2)
    assert steps == [4, 8]
    assert _schema(db) == schema
    assert _settings(db) == settings
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM contact").scalar() == 0
        assert conn.exec_driver_sql(f"SELECT count(*) FROM {search_index.TABLE}").scalar() == 0


def test_a_few_rows_into_a_larger_register_keep_the_indexes(sqlite_db, small, monkeypatch):
    db = sqlite_db
    monkeypatch.setattr(bulk, "MIN_ROWS", 10**9)
    assert imp.apply(db, imp.plan(db, _csv(20), "a.csv")) == 20
    monkeypatch.setattr(bulk, "MIN_ROWS", 5)
    asked = _spy(monkeypatch)
    assert imp.apply(db, imp.plan(db, _csv(6, start=100), "b.csv")) == 6
    assert asked == []  # 6 new rows into 20 (and their audit rows): indexes kept
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql(f"SELECT count(*) FROM {search_index.TABLE}").scalar() == 26


def test_a_chosen_fts_setting_is_left_alone(sqlite_db, small):
    db = sqlite_db
    with db.engine.begin() as conn:
        conn.exec_driver_sql(f"INSERT INTO {search_index.TABLE} ({search_index.TABLE}, rank) VALUES ('hashsize', 2097152)")
    settings = _settings(db)
    assert (search_index.TABLE, "hashsize", 2097152) in settings
    assert imp.apply(db, imp.plan(db, _csv(7), "k.csv")) == 7
    assert _settings(db) == settings


@pytest.mark.parametrize("values", [
    ("Åsa", "Öberg", "Forskare", 7, "asa@example.se", "+46 70 123 45 67", "Rad 1\nRad \"2\" \\ \t", LegalBasis.SAMTYCKE,
     date(2026, 3, 1), "import: k.csv", False),
    ("Zoë 😀", "", None, None, None, None, None, None, None, "import: \u2028x\x00.csv", False),
    ("Ivan", "Дмитриев", "Σ", 123456789012, "x@y.se", "", "", LegalBasis.BERATTIGAT_INTRESSE, None, "s", True),
])
def test_the_quick_audit_json_is_json_dumps_of_the_changes(values):
    row = (*values, "at", "at", "search", "sort")
    change = contact_bulk.change_of(row)
    assert contact_bulk.dumps_change(row) == json.dumps(change)
    assert json.loads(contact_bulk.dumps_change(row)) == change
    assert change["first_name"] == [None, values[0]]
    if values[7] is not None:
        assert change["legal_basis"] == [None, values[7].value]
    if values[8] is not None:
        assert change["consent_on"] == [None, values[8].isoformat()]
