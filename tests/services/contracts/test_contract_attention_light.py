"""The contracts' Översikt providers on the light read path (``db.light``, issue #17): importing them needs no
SQLAlchemy, SQLModel, Pydantic or models; they give the same items through a stdlib ``SqliteReader`` on the
file as through the ``Database``, on SQLite and on PostgreSQL; Avtal's filter "Ska diarieföras" and the
light ``diarium.pending`` are one rule."""

from __future__ import annotations

import importlib
import shutil
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from shk_tui.config import resolve
from shk_tui.db.engine import Database
from shk_tui.db.light import SqliteReader
from shk_tui.db.models import Contract, ContractNote
from shk_tui.enums import ContractStatus
from shk_tui.services.contracts import contract_attention, contracts, diarium
from shk_tui.services.demo import seed as demo

PROVIDERS = ("contract_attention", "diarium", "procurement", "attest")
HEAVY = ("sqlalchemy", "sqlmodel", "pydantic", "shk_tui.db.models", "shk_tui.db.engine", "openpyxl")
SEEDED = date(2026, 11, 25)
DAYS = (SEEDED, date(2026, 1, 15), date(2026, 12, 3), date(2027, 6, 30))


@pytest.mark.parametrize("name", PROVIDERS)
def test_provider_imports_light(name: str) -> None:
    code = f"import sys, shk_tui.services.contracts.{name}; print([m for m in {HEAVY!r} if m in sys.modules])"
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    assert out.strip() == "[]"


@pytest.fixture
def reference(_sqlite_template: Path, tmp_path: Path):
    """The example data in a SQLite file of its own, read through the standard library alone."""
    path = tmp_path / "reference.sqlite3"
    shutil.copyfile(_sqlite_template, path)
    database = Database(resolve(str(path)))
    demo.load(database, today=SEEDED)
    database.dispose()
    reader = SqliteReader(path)
    yield reader
    reader.close()


@pytest.mark.parametrize("day", DAYS)
def test_same_items_through_a_sqlite_reader_as_through_the_database(db, reference, day: date) -> None:
    demo.load(db, today=SEEDED)
    found = 0
    for name in PROVIDERS:
        provider = importlib.import_module(f"shk_tui.services.contracts.{name}").attention_items
        items = provider(db, day)
        assert provider(reference, day) == items, name
        found += len(items)
    assert found  # the example data has something to say on every one of these days


def test_ska_diarieforas_filter_agrees_with_pending(db) -> None:
    demo.load(db, today=SEEDED)
    with db.session() as s:  # signed on a Friday, before Christmas, a draft, registered
        s.add_all([Contract(title=f"Diarietest {signed}", signed_on=signed, status=status, diarienummer=dnr)
                   for signed, status, dnr in ((date(2026, 11, 20), ContractStatus.AKTIVT, None),
                                               (date(2026, 12, 23), ContractStatus.UNDER_SIGNERING, ""),
                                               (date(2026, 11, 2), ContractStatus.UTKAST, None),
                                               (date(2026, 11, 2), ContractStatus.AKTIVT, "MDU 2026/9"))])
    seen = set()
    for day in (date(2026, 1, 1) + timedelta(days=n) for n in range(0, 760, 3)):
        listed = contracts.list_contracts(db, day, flt=contracts.Filter.SKA_DIARIEFORAS, limit=10_000)
        late = {p.target_id for p in diarium.pending(db, day) if p.kind == diarium.CONTRACT}
        assert {r.id for r in listed.rows} == late, day
        seen.add(frozenset(late))
    assert len(seen) > 2  # the days differ: the comparison is not between empty sets


def test_a_note_that_only_looks_like_an_auto_renewal_is_not_one(db) -> None:
    """The prefix is compared exactly (as on PostgreSQL); SQLite's LIKE ignored case and listed it."""
    today = date(2026, 11, 25)
    with db.session() as s:
        contract = Contract(title="Lokalhyra", status=ContractStatus.AKTIVT, diarienummer="MDU 2026/1")
        s.add(contract)
        s.flush()
        s.add_all([ContractNote(contract_id=contract.id, noted_on=today,
                                text="förlängt automatiskt? Nej, vi förhandlar om"),
                   ContractNote(contract_id=contract.id, noted_on=today,
                                text=f"{contract_attention.RENEWAL_NOTE_PREFIX} till 2027-11-30")])
    renewed = [i.text for i in contract_attention.attention_items(db, today)
               if i.category == contract_attention.RENEWED]
    assert renewed == ["Lokalhyra: Förlängt automatiskt till 2027-11-30"]
