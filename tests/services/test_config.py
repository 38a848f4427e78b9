"""Which database: ``--db`` > ``SHK_DATABASE_URL`` > the default file in the data dir."""

from __future__ import annotations

from pathlib import Path

import pytest

from shk_tui import config
from shk_tui.config import resolve
from shk_tui.errors import BadInput


def test_default_is_a_sqlite_file_in_the_data_dir(_isolated_data_dir):
    cfg = resolve(None, environ={})
    assert cfg.is_sqlite
    assert cfg.sqlite_path == _isolated_data_dir / "shk.sqlite3"
    assert cfg.url == f"sqlite:///{_isolated_data_dir / 'shk.sqlite3'}"
    assert cfg.backup_dir == _isolated_data_dir / "backups"
    assert config.log_file().parent == _isolated_data_dir
    assert not _isolated_data_dir.exists()  # resolving creates nothing


def test_environment_beats_default_and_flag_beats_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("SHK_DATABASE_URL", str(tmp_path / "env.sqlite3"))
    assert resolve(None).sqlite_path == tmp_path / "env.sqlite3"
    assert resolve(str(tmp_path / "flag.sqlite3")).sqlite_path == tmp_path / "flag.sqlite3"
    env = {"SHK_DATABASE_URL": "postgresql+psycopg://shk@db.example.se/shk"}
    assert not resolve(None, environ=env).is_sqlite
    assert resolve(str(tmp_path / "flag.sqlite3"), environ=env).is_sqlite
    assert resolve("  ", environ={}).sqlite_path.name == "shk.sqlite3"  # blank means default


def test_plain_path_is_sqlite_and_resolved(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    cfg = resolve("min.sqlite3")
    assert cfg.sqlite_path == tmp_path / "min.sqlite3"
    assert cfg.backup_dir == tmp_path / "backups"
    assert resolve(f"sqlite:///{tmp_path}/u.sqlite3").sqlite_path == tmp_path / "u.sqlite3"
    home = resolve("~/x.sqlite3").sqlite_path
    assert home == Path("~/x.sqlite3").expanduser().resolve()


def test_postgresql_urls_accepted_and_password_hidden():
    cfg = resolve("postgresql+psycopg://shk:hemligt@db.example.se:5433/shk")
    assert not cfg.is_sqlite and cfg.sqlite_path is None
    assert cfg.url == "postgresql+psycopg://shk:hemligt@db.example.se:5433/shk"
    assert "hemligt" not in cfg.display and "db.example.se" in cfg.display
    assert resolve("postgresql://shk@localhost/shk").url.startswith("postgresql+psycopg://")


@pytest.mark.parametrize("raw, message", [
    ("mysql://u@h/d", "stöds inte"),
    ("oracle+cx_oracle://u@h/d", "stöds inte"),
    ("postgresql+asyncpg://u@h/d", "drivrutin"),
    ("postgresql+psycopg:///d", "värd saknas"),
    ("postgresql+psycopg://u:hemligt@h:abc/d", "Ogiltig databasadress"),
    ("postgresql+psycopg://u@h:99999/d", "Ogiltig port"),
    ("postgresql+psycopg://[::1", "Ogiltig databasadress"),
    ("://x", "Ogiltig databasadress"),
    ("sqlite://", "SQLite-fil"),
    ("sqlite:///:memory:", "SQLite-fil"),
])
def test_malformed_or_unknown_urls_are_bad_input(raw, message):
    with pytest.raises(BadInput, match=message) as info:
        resolve(raw)
    assert info.value.exit_code == 2
    assert "hemligt" not in str(info.value)


def test_a_directory_is_not_a_database(tmp_path):
    with pytest.raises(BadInput, match="katalog"):
        resolve(str(tmp_path))
