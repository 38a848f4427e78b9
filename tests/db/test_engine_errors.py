"""The engine's own messages are Swedish: a failed connection names the reason in Swedish, never the
driver's English text."""

from __future__ import annotations

import socket

import pytest

from shk_tui.config import resolve
from shk_tui.db.engine import Database
from shk_tui.errors import BadInput


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_an_unreachable_postgresql_server_is_described_in_swedish() -> None:
    pytest.importorskip("psycopg")
    db = Database(resolve(f"postgresql+psycopg://shk@127.0.0.1:{_closed_port()}/shk"))
    try:
        with pytest.raises(BadInput) as caught:
            db.check_connection()
    finally:
        db.dispose()
    message = caught.value.message
    assert message.startswith("Kan inte ansluta till PostgreSQL") and "servern svarar inte" in message
    assert "refused" not in message and "connection" not in message.lower().replace("postgresql+psycopg", "")


def test_a_database_file_in_a_directory_that_cannot_be_opened(tmp_path) -> None:
    path = tmp_path / "shk.sqlite3"
    db = Database(resolve(str(path)))
    path.unlink()
    path.mkdir()  # SQLite cannot open a directory as a database
    try:
        with pytest.raises(BadInput) as caught:
            db.check_connection()
    finally:
        db.dispose()
    assert "Kan inte öppna databasfilen" in caught.value.message
    assert "unable" not in caught.value.message
