"""One search everywhere (``shk_tui.db.search``): the same fold in Python, in SQLite's ``shk_fold`` and
in PostgreSQL's; every section's search finds the same rows on both backends: any case of å, ä, ö
(which never fold to a or o), other accents folded (é → e, ø → ö, æ → ä), words in any order, ``%``,
``_``, ``\\`` and ``/`` typed literally, a NUL as a space."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

import pytest
import sqlalchemy as sa

from shk_tui.db.models import Contact, Contract, Event, Initiative, Organisation
from shk_tui.db.search import fold, folded, matches, words
from shk_tui.enums import ContractKind, FocusArea
from shk_tui.services.contacts import contact_list, organisations, picker
from shk_tui.services.contracts import contracts
from shk_tui.services.events import events
from shk_tui.services.portfolio import portfolio

TODAY = date(2026, 11, 25)

TEXTS = (
    "Ökad trygghet genom mobil trygghetslösning",
    "Örebro universitet",
    "Åland",
    "José Østergaard",
    "Æblegård",
    "100% gratis",
    "Rad_ett",
    "Sökväg c:\\temp",
    "Och/eller",
    "Straße",
)

#: typed → the texts it must find (and no others)
CASES = {
    "ökad": {"Ökad trygghet genom mobil trygghetslösning"},
    "ÖKAD": {"Ökad trygghet genom mobil trygghetslösning"},
    "Ökad": {"Ökad trygghet genom mobil trygghetslösning"},
    "TRYGGHETSLÖSNING ökad": {"Ökad trygghet genom mobil trygghetslösning"},
    "universitet örebro": {"Örebro universitet"},
    "orebro": set(),
    "aland": set(),
    "åland": {"Åland"},
    "jose": {"José Østergaard"},
    "JOSÉ östergaard": {"José Østergaard"},
    "ostergaard": set(),
    "äblegård": {"Æblegård"},
    "%": {"100% gratis"},
    "_": {"Rad_ett"},
    "\\": {"Sökväg c:\\temp"},
    "/": {"Och/eller"},
    "strasse": {"Straße"},
    "\x00": set(),
    "\x1b\t": set(),
    "ökad\x00trygghet": {"Ökad trygghet genom mobil trygghetslösning"},
    "finns inte": set(),
}


def _contacts(db) -> Callable[[str], set[str]]:  # noqa: ANN001
    with db.session() as s:
        for text in TEXTS:
            s.add(Contact(first_name=text, last_name=""))
    return lambda typed: {r.name for r in contact_list.search(db, contact_list.ContactFilter(text=typed)).rows}


def _picker(db) -> Callable[[str], set[str]]:  # noqa: ANN001
    _contacts(db)
    return lambda typed: {h.name for h in picker.search(db, typed, limit=50)}


def _events(db) -> Callable[[str], set[str]]:  # noqa: ANN001
    with db.session() as s:
        for i, text in enumerate(TEXTS):
            s.add(Event(title="Träff", location=text, starts_at=datetime(2026, 12, 1 + i, 9)))
    return lambda typed: {e.location for e in events.list_events(db, TODAY, events.EventFilter(search=typed)).rows}


def _contracts(db) -> Callable[[str], set[str]]:  # noqa: ANN001
    with db.session() as s:
        for text in TEXTS:
            s.add(Contract(title=text, kind=ContractKind.OVRIGT))
    return lambda typed: {r.title for r in contracts.list_contracts(db, TODAY, search=typed).rows}


def _initiatives(db) -> Callable[[str], set[str]]:  # noqa: ANN001
    with db.session() as s:
        for text in TEXTS:
            s.add(Initiative(name=text, focus_area=FocusArea.ALDRE))
    return lambda typed: {c.name for c in portfolio.list_initiatives(db, portfolio.Filters(text=typed)).cards}


def _organisations(db) -> Callable[[str], set[str]]:  # noqa: ANN001
    with db.session() as s:
        for text in TEXTS:
            s.add(Organisation(name=text))
    return lambda typed: {r.name for r in organisations.list_organisations(db, typed)[0]}


@pytest.mark.parametrize("seed", [_contacts, _picker, _events, _contracts, _initiatives, _organisations],
                         ids=["kontakter", "väljare", "evenemang", "avtal", "portfölj", "organisationer"])
def test_every_search_finds_the_same_rows_on_both_backends(db, seed) -> None:  # noqa: ANN001
    search = seed(db)
    found = {typed: search(typed) for typed in CASES}
    assert found == CASES


def test_portfolio_finds_okad_trygghet(db) -> None:  # noqa: ANN001
    """The named defect: lower() left Ö alone on SQLite, so 'ökad' found nothing."""
    with db.session() as s:
        s.add(Initiative(name="Ökad trygghet genom mobil trygghetslösning", focus_area=FocusArea.ALDRE))
        s.add(Initiative(name="Språkstöd", focus_area=FocusArea.BARN, context="ÖKAD läsförståelse"))
    names = {c.name for c in portfolio.list_initiatives(db, portfolio.Filters(text="ökad")).cards}
    assert names == {"Ökad trygghet genom mobil trygghetslösning", "Språkstöd"}


def test_contract_search_matches_the_kind_label_and_counterparty(db) -> None:  # noqa: ANN001
    with db.session() as s:
        org = Organisation(name="Östra Göinge kommun")
        s.add(org)
        s.flush()
        s.add(Contract(title="Avtal A", kind=ContractKind.OVRIGT, counterparty_id=org.id))
        s.add(Contract(title="Avtal B", kind=ContractKind.SAMARBETSAVTAL))
    titles = lambda typed: {r.title for r in contracts.list_contracts(db, TODAY, search=typed).rows}  # noqa: E731
    assert titles("göinge ÖSTRA") == {"Avtal A"}
    assert titles(ContractKind.SAMARBETSAVTAL.label.upper()) == {"Avtal B"}
    assert titles("avtal") == {"Avtal A", "Avtal B"}


#: Every letter the SQL fold must change: A-Z, Latin-1, Latin Extended A, B and Additional, Greek, Cyrillic.
_LETTERS = "".join(
    ch for lo, hi in ((0x20, 0x7E), (0xA1, 0x24F), (0x370, 0x52F), (0x1E00, 0x1EFF))
    for ch in map(chr, range(lo, hi + 1)) if ch.isprintable() and not ch.isspace()
)


def test_sql_fold_is_the_python_fold_on_both_backends(db) -> None:  # noqa: ANN001
    samples = [_LETTERS, "Ökad TRYGGHET", "Søren Æble José ÅÄÖ åäö", "中文 ✓ 🙂", "Straße İstanbul ΐ"]
    with db.read() as s:
        for text in samples:
            assert s.execute(sa.select(folded(sa.literal(text)))).scalar() == fold(text)
        assert s.execute(sa.select(folded(sa.null()))).scalar() is None


def test_fold() -> None:
    assert fold("ÖKAD Trygghet") == "ökad trygghet"
    assert fold("Åsa Älg Öberg") == "åsa älg öberg"
    assert fold("José Müller Søren Æble") == "jose muller sören äble"
    assert fold("  an\x00na \t ") == "an na"
    assert fold(None) == ""
    assert fold(fold(_LETTERS)) == fold(_LETTERS)
    assert words("\x00") is None and words("") == [] and words(" Å  b ") == ["å", "b"]


def test_matches_needs_every_word_in_some_column() -> None:
    cond = matches((sa.column("a"), sa.column("b")), "x y")
    sql = str(cond.compile(compile_kwargs={"literal_binds": True}))
    assert sql.count("shk_fold(a) LIKE") == 2 and sql.count("shk_fold(b) LIKE") == 2 and " AND " in sql
    assert str(matches([sa.column("a")], "")) == "true"
    assert str(matches([sa.column("a")], "\x00")) == "false"
