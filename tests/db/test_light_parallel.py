"""db.light.parallel: independent reads two at a time, each thread on a connection of its own, the values in
the tasks' order, the first failure raised once every task has ended; sequential inside a transaction."""

from __future__ import annotations

import threading
import time

import pytest

from shk_tui.db import light


def _tasks(log: list[tuple[int, str]], n: int = 6) -> list:
    def task(i: int):
        def read(rows: light.Reader) -> tuple[int, int]:
            log.append((i, threading.current_thread().name))
            time.sleep(0.02)  # a statement's wait (the GIL is free meanwhile)
            return i, rows.scalar("SELECT :i + 1", i=i)

        return read

    return [task(i) for i in range(n)]


def test_values_in_order_from_two_threads_on_both_backends(db):
    log: list[tuple[int, str]] = []
    assert light.parallel(db, _tasks(log)) == [(i, i + 1) for i in range(6)]
    threads = {name for _, name in log}
    assert len(threads) == 2 and "shk-read" in threads  # the caller's thread and one helper
    assert sorted(i for i, _ in log) == list(range(6))  # each task once


def test_each_thread_reads_on_a_connection_of_its_own(sqlite_db):
    reader = light.SqliteReader(sqlite_db.config.sqlite_path)
    seen: list[object] = []

    def read(rows: light.Reader) -> None:
        seen.append(rows)
        time.sleep(0.02)
        rows.all("SELECT 1")

    try:
        light.parallel(reader, [read, read, read, read])
    finally:
        reader.close()
    assert reader in seen and len({id(r) for r in seen}) == 2
    forked = next(r for r in seen if r is not reader)
    assert isinstance(forked, light.SqliteReader) and forked._conn is None  # closed when done


def test_the_first_failure_in_task_order_is_raised_after_all_tasks_ended(sqlite_db):
    done: list[int] = []

    def ok(i: int):
        def read(rows: light.Reader) -> int:
            time.sleep(0.01)
            done.append(i)
            return i

        return read

    def broken(message: str):
        def read(rows: light.Reader) -> int:
            time.sleep(0.01)
            raise ValueError(message)

        return read

    with pytest.raises(ValueError, match="first"):
        light.parallel(sqlite_db, [ok(0), broken("first"), ok(2), broken("second"), ok(4)])
    assert sorted(done) == [0, 2, 4]


def test_a_transactions_reads_stay_in_its_thread(sqlite_db):
    log: list[tuple[int, str]] = []
    with sqlite_db.engine.connect() as conn:
        reader = light.ConnectionReader(conn)
        assert light.parallel(reader, _tasks(log, 3)) == [(0, 1), (1, 2), (2, 3)]
    assert {name for _, name in log} == {threading.current_thread().name}


def test_one_task_needs_no_thread(sqlite_db):
    log: list[tuple[int, str]] = []
    assert light.parallel(sqlite_db, _tasks(log, 1)) == [(0, 1)]
    assert log == [(0, threading.current_thread().name)]
