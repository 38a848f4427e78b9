"""Files written for the user (``services.files``): a temporary file in the same directory, fsynced,
then renamed over the target. The result is 0600 even over an old 0644 file; a failure (disk full,
Ctrl-C) leaves the old file as it was and no temporary file behind; directories and special files
are refused with a Swedish message."""

from __future__ import annotations

import errno
import os
import stat
from datetime import date

import pytest

from shk_tui.errors import BadInput
from shk_tui.services import files
from shk_tui.services.contracts import contract_export
from shk_tui.services.events import event_export


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def old_file(tmp_path):
    # in a folder of its own: tmp_path also holds the test run's isolated documents folder
    folder = tmp_path / "ut"
    folder.mkdir()
    path = folder / "export.csv"
    path.write_bytes(b"gammalt innehall")
    os.chmod(path, 0o644)
    return path


def disk_full(*_args, **_kw):
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def test_an_export_over_a_0644_file_is_0600(old_file):
    assert files.write_private(old_file, b"nytt") == old_file
    assert old_file.read_bytes() == b"nytt" and mode(old_file) == 0o600
    assert sorted(p.name for p in old_file.parent.iterdir()) == ["export.csv"]


def test_text_is_written_as_utf8_and_a_new_file_is_0600(tmp_path):
    path = files.write_private(str(tmp_path / "lista.txt"), "åäö@ex.se")
    assert path.read_text(encoding="utf-8") == "åäö@ex.se" and mode(path) == 0o600


def test_disk_full_leaves_the_old_file_and_no_temporary_file(old_file, monkeypatch):
    monkeypatch.setattr(files.os, "write", disk_full)
    with pytest.raises(BadInput) as err:
        files.write_private(old_file, b"x" * 100_000)
    assert str(err.value) == f"Disken är full: kunde inte skriva {old_file}"
    assert old_file.read_bytes() == b"gammalt innehall" and mode(old_file) == 0o644
    assert [p.name for p in old_file.parent.iterdir()] == ["export.csv"]


def test_a_failed_fsync_or_rename_leaves_the_old_file(old_file, monkeypatch):
    for name in ("fsync", "replace"):
        with monkeypatch.context() as m:
            m.setattr(files.os, name, disk_full)
            with pytest.raises(BadInput, match="Disken är full"):
                files.write_private(old_file, b"nytt")
        assert old_file.read_bytes() == b"gammalt innehall"
        assert [p.name for p in old_file.parent.iterdir()] == ["export.csv"]


def test_ctrl_c_while_writing_removes_the_temporary_file(old_file, monkeypatch):
    def interrupted(*_args):
        raise KeyboardInterrupt

    monkeypatch.setattr(files.os, "write", interrupted)
    with pytest.raises(KeyboardInterrupt):
        files.write_private(old_file, b"nytt")
    assert old_file.read_bytes() == b"gammalt innehall"
    assert [p.name for p in old_file.parent.iterdir()] == ["export.csv"]


def test_partial_writes_are_continued(tmp_path, monkeypatch):
    real = os.write
    monkeypatch.setattr(files.os, "write", lambda fd, data: real(fd, bytes(data[:3])))
    path = files.write_private(tmp_path / "a.txt", b"0123456789")
    assert path.read_bytes() == b"0123456789"


def test_a_directory_is_refused(tmp_path):
    with pytest.raises(BadInput) as err:
        files.write_private(tmp_path, b"x")
    assert str(err.value) == f"Det är en katalog, inte en fil: {tmp_path}"


def test_a_fifo_or_device_is_refused_not_replaced(tmp_path):
    tmp_path = tmp_path / "ut"
    tmp_path.mkdir()
    fifo = tmp_path / "ror"
    os.mkfifo(fifo)
    with pytest.raises(BadInput) as err:
        files.write_private(fifo, b"x")
    assert str(err.value) == f"Kan inte skriva {fifo}: det är inte en vanlig fil"
    assert stat.S_ISFIFO(os.stat(fifo).st_mode) and [p.name for p in tmp_path.iterdir()] == ["ror"]
    with pytest.raises(BadInput, match="inte en vanlig fil"):
        files.write_private("/dev/null", b"x")


def test_a_symlink_is_written_through(tmp_path, old_file):
    link = tmp_path / "genvag.csv"
    link.symlink_to(old_file)
    files.write_private(link, b"nytt")
    assert link.is_symlink() and old_file.read_bytes() == b"nytt" and mode(old_file) == 0o600


def test_missing_directory_and_no_permission_are_swedish(tmp_path, monkeypatch):
    missing = tmp_path / "saknas" / "a.csv"
    with pytest.raises(BadInput) as err:
        files.write_private(missing, b"x")
    assert str(err.value) == f"Kan inte skriva {missing}: katalogen {missing.parent} finns inte"

    def refused(*_args, **_kw):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    monkeypatch.setattr(files.tempfile, "mkstemp", refused)  # as root, real permissions would not stop us
    with pytest.raises(BadInput) as err:
        files.write_private(tmp_path / "a.csv", b"x")
    assert str(err.value) == f"Kan inte skriva {tmp_path / 'a.csv'}: behörighet saknas"


def test_write_in_creates_the_folder_and_refuses_a_file_in_its_place(tmp_path):
    path = files.write_in(tmp_path / "ut" / "inre", "a.txt", "hej")
    assert path.read_text() == "hej" and mode(tmp_path / "ut" / "inre") == 0o700
    (tmp_path / "fil").write_text("x")
    with pytest.raises(BadInput) as err:
        files.write_in(tmp_path / "fil", "a.txt", "hej")
    assert str(err.value) == f"Kan inte skapa katalogen {tmp_path / 'fil'}: det finns en fil med det namnet"


def test_event_and_contract_exports_use_the_same_safe_write(sqlite_db, tmp_path, monkeypatch):
    out = tmp_path / "ut"
    out.mkdir()
    old = out / f"avtal-{date(2026, 11, 25).isoformat()}.xlsx"
    old.write_bytes(b"gammal")
    os.chmod(old, 0o644)
    old_event = out / "lista.txt"
    old_event.write_bytes(b"gammal")
    monkeypatch.setattr(files.os, "write", disk_full)
    with pytest.raises(BadInput, match="Disken är full"):
        contract_export.write_files(sqlite_db, date(2026, 11, 25), out)
    with pytest.raises(BadInput, match="Disken är full"):
        event_export.write("a@ex.se", "lista.txt", out)
    assert old.read_bytes() == old_event.read_bytes() == b"gammal"
    assert sorted(p.name for p in out.iterdir()) == [old.name, "lista.txt"]
    monkeypatch.undo()
    paths = contract_export.write_files(sqlite_db, date(2026, 11, 25), out)
    assert {mode(p) for p in paths} == {0o600} and old.read_bytes().startswith(b"PK")
    assert mode(event_export.write("a@ex.se", "lista.txt", out)) == 0o600


def test_an_export_never_replaces_a_database_or_its_journal_files(tmp_path):
    import sqlite3

    from shk_tui.errors import BadInput
    from shk_tui.services.files import write_private

    live = tmp_path / "shk.sqlite3"
    conn = sqlite3.connect(live)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("CREATE TABLE t (x)")
    conn.execute("INSERT INTO t VALUES (1)")
    conn.commit()
    closed = tmp_path / "old.sqlite3"
    other = sqlite3.connect(closed)
    other.execute("CREATE TABLE t (x)")
    other.commit()
    other.close()
    try:
        for target in (live, tmp_path / "shk.sqlite3-wal", tmp_path / "shk.sqlite3-shm", closed):
            before = target.read_bytes()
            try:
                write_private(target, b"Namn;E-post\r\n")
            except BadInput as exc:
                assert "SQLite-databas" in exc.message
            else:
                raise AssertionError(f"{target.name} was overwritten")
            assert target.read_bytes() == before
        assert conn.execute("SELECT count(*) FROM t").fetchone() == (1,)
        (tmp_path / "export.csv").write_bytes(b"old")
        write_private(tmp_path / "export.csv", b"new")  # an ordinary file is still replaced
        assert (tmp_path / "export.csv").read_bytes() == b"new"
    finally:
        conn.close()
