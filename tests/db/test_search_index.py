"""The search index (``shk_tui.db.search_index``) and the global search on it, on both backends: each
kind found; words in any order; å, ä, ö in any case; other accents folded; ``%``, ``_``, ``\\`` and NUL
literal; phone digits in any grouping; a diarienummer with spaces, dashes or slashes; 1-2 letter words
(word starts); the index right after insert, update, delete, merge, GDPR erasure and import."""

from __future__ import annotations

from datetime import date, datetime

import pytest
import sqlalchemy as sa

from shk_tui.db import search_index
from shk_tui.db.models import (
    Contact,
    Contract,
    Event,
    FundingApplication,
    Initiative,
    Organisation,
    Payment,
    Tag,
)
from shk_tui.enums import ContractKind, EventKind, FocusArea
from shk_tui.services.contacts import contact_import, contact_list, duplicates, gdpr
from shk_tui.services.search.global_search import KIND_LABELS, KINDS, SECTION_OF, find

TODAY = date(2026, 12, 2)


def _seed(db) -> dict[str, int]:  # noqa: ANN001
    with db.session() as s:
        dml = Organisation(name="Dark Matter Labs", short_name="DML", city="Stockholm")
        mdu = Organisation(name="Mälardalens universitet", short_name="MDU")
        s.add_all([dml, mdu])
        s.flush()
        tag = Tag(name="Nyhetsbrev")
        ulrika = Contact(first_name="Ulrika", last_name="Åström", email="ulrika@exempel.se",
                         phone="+46 70 123 45 67", organisation_id=mdu.id, tags=[tag])
        jose = Contact(first_name="José", last_name="Østergaard", email="jose@exempel.se")
        odd = Contact(first_name="100% säker", last_name="Rad_ett c:\\temp")
        s.add_all([ulrika, jose, odd])
        s.flush()
        event = Event(title="Labb: Framtidens äldreboende", kind=EventKind.LABB, starts_at=datetime(2026, 3, 5, 9),
                      location="Ängsgärdet", city="Västerås")
        initiative = Initiative(name="Ökad trygghet", description="Mobil trygghetslösning för äldre",
                                focus_area=FocusArea.ALDRE, owner_id=ulrika.id)
        s.add_all([event, initiative])
        s.flush()
        contract = Contract(title="Konsultavtal Cornerstone", kind=ContractKind.KONSULTAVTAL, counterparty_id=dml.id,
                            diarienummer="SK 2023/45", initiative_id=initiative.id)
        s.add(contract)
        s.flush()
        payment = Payment(contract_id=contract.id, due_on=date(2026, 5, 1), amount_ore=100_000_00,
                          reference="Faktura 88-1234")
        application = FundingApplication(title="Physical literacy i Årby", funder_id=mdu.id, amount_ore=10)
        s.add_all([payment, application])
        s.flush()
        return {"dml": dml.id, "mdu": mdu.id, "ulrika": ulrika.id, "jose": jose.id, "odd": odd.id,
                "event": event.id, "initiative": initiative.id, "contract": contract.id, "payment": payment.id,
                "application": application.id}


def _found(db, typed: str) -> set[tuple[str, str]]:  # noqa: ANN001
    return {(h.kind, h.title) for h in find(db, typed)}


def _kinds(db, typed: str) -> dict[str, set[str]]:  # noqa: ANN001
    out: dict[str, set[str]] = {}
    for h in find(db, typed):
        out.setdefault(h.kind, set()).add(h.title)
    return out


def test_every_kind_is_found_with_its_section_and_context(db) -> None:  # noqa: ANN001
    ids = _seed(db)
    hits = {h.kind: h for h in find(db, "cornerstone")} | {h.kind: h for h in find(db, "faktura 88")}
    hits |= {h.kind: h for h in find(db, "ulrika")} | {h.kind: h for h in find(db, "dark matter")}
    hits |= {h.kind: h for h in find(db, "äldreboende")} | {h.kind: h for h in find(db, "trygghet")}
    hits |= {h.kind: h for h in find(db, "literacy")}
    assert set(hits) == set(KINDS) == set(KIND_LABELS) == set(SECTION_OF)
    assert hits["contact"].title == "Ulrika Åström" and "Mälardalens universitet" in hits["contact"].context
    assert hits["organisation"].title == "Dark Matter Labs"
    assert hits["event"].context.startswith("2026-03-05") and "Ängsgärdet" in hits["event"].context
    assert hits["contract"].context == "SK 2023/45 · Dark Matter Labs"
    assert hits["payment"].title == "Faktura 88-1234" and hits["payment"].target_id == ids["contract"]
    assert hits["payment"].section == "avtal" and hits["payment"].item_id == ids["payment"]
    assert hits["initiative"].context.endswith("Ulrika Åström")
    assert hits["application"].context.startswith("Mälardalens universitet")
    assert [h.kind for h in find(db, "ö")] == sorted((h.kind for h in find(db, "ö")), key=KINDS.index)


@pytest.mark.parametrize(("typed", "expected"), [
    ("åström ulrika", {("contact", "Ulrika Åström")}),  # any order
    ("ÅSTRÖM", {("contact", "Ulrika Åström")}),  # å, ö in any case
    ("astrom", set()),  # å and ö never fold to a or o
    ("jose östergaard", {("contact", "José Østergaard")}),  # é → e, ø → ö
    ("JOSÉ", {("contact", "José Østergaard")}),
    ("100%", {("contact", "100% säker Rad_ett c:\\temp")}),
    ("%", {("contact", "100% säker Rad_ett c:\\temp")}),
    ("_", {("contact", "100% säker Rad_ett c:\\temp")}),
    ("d_e", {("contact", "100% säker Rad_ett c:\\temp")}),
    ("\\", {("contact", "100% säker Rad_ett c:\\temp")}),
    ("c:\\t", {("contact", "100% säker Rad_ett c:\\temp")}),
    ("ra%", set()),  # % is no wildcard
    ("r_d", set()),  # nor is _
    ("\x00", set()),
    ("ulrika\x00åström", {("contact", "Ulrika Åström")}),
    ("070 123 45 67", {("contact", "Ulrika Åström")}),  # phone digits in any grouping
    ("0701234567", {("contact", "Ulrika Åström")}),
    ("070-12 34 567", {("contact", "Ulrika Åström")}),
    ("+46701234567", {("contact", "Ulrika Åström")}),
    ("SK 2023/45", {("contract", "Konsultavtal Cornerstone")}),  # the diarienummer in any party's format
    ("SK-2023-45", {("contract", "Konsultavtal Cornerstone")}),
    ("sk2023 45", {("contract", "Konsultavtal Cornerstone")}),
    ("sk202345", {("contract", "Konsultavtal Cornerstone")}),
    ("sk 2023/46", set()),
    ("finns inte", set()),
])
def test_what_is_typed_matches(db, typed: str, expected: set[tuple[str, str]]) -> None:  # noqa: ANN001
    _seed(db)
    assert {f for f in _found(db, typed) if f[0] in ("contact", "contract")} == expected


def test_one_and_two_letters_match_word_starts(db) -> None:  # noqa: ANN001
    _seed(db)
    assert _kinds(db, "ul")["contact"] == {"Ulrika Åström"}
    assert _kinds(db, "Å")["contact"] == {"Ulrika Åström"}
    assert _kinds(db, "å")["application"] == {"Physical literacy i Årby"}
    assert "contact" not in _kinds(db, "lr")  # inside a word: not a word start
    assert _kinds(db, "la ä")["event"] == {"Labb: Framtidens äldreboende"}
    assert _kinds(db, "dm")["organisation"] == {"Dark Matter Labs"}
    assert _kinds(db, "ma da")["organisation"] == {"Dark Matter Labs"}


def test_kontakter_uses_the_index_and_counts_there(db) -> None:  # noqa: ANN001
    with db.session() as s:
        for i in range(150):
            s.add(Contact(first_name=f"Anna{i}", last_name="Lind", archived=i % 10 == 0))
    page = contact_list.search(db, contact_list.ContactFilter(text="lind anna"))
    assert page.total == 135 and len(page.rows) == contact_list.PAGE
    assert contact_list.search(db, contact_list.ContactFilter(text="an", archived=contact_list.ARCHIVED_ALL)).total == 150
    assert contact_list.search(db, contact_list.ContactFilter(text="lind", archived=contact_list.ARCHIVED_ONLY)).total == 15
    with db.session() as s:  # a restricted contact is in no search
        s.get(Contact, page.rows[0].id).restricted_on = TODAY
    assert contact_list.search(db, contact_list.ContactFilter(text="lind anna")).total == 134


def test_the_index_follows_insert_update_delete(db) -> None:  # noqa: ANN001
    ids = _seed(db)
    with db.session() as s:
        s.get(Contact, ids["ulrika"]).last_name = "Berg"
        s.get(Organisation, ids["dml"]).name = "Ljusa Labs"
    assert _found(db, "åström") == set()
    assert ("contact", "Ulrika Berg") in _found(db, "ulrika berg")
    assert _kinds(db, "ljusa labs")["contract"] == {"Konsultavtal Cornerstone"}  # its counterparty's new name
    assert "contract" not in _kinds(db, "dark matter")
    assert _kinds(db, "ulrika berg").get("initiative") == {"Ökad trygghet"}  # its owner's new name
    with db.session() as s:
        s.delete(s.get(Payment, ids["payment"]))
        s.delete(s.get(Event, ids["event"]))
    assert _found(db, "faktura") == set() and _found(db, "äldreboende") == set()
    with db.session() as s:
        s.get(Initiative, ids["initiative"]).owner_id = None
        s.delete(s.get(Contact, ids["jose"]))
    assert _found(db, "jose") == set()
    assert "initiative" not in _kinds(db, "ulrika")
    with db.session() as s:
        s.add(Contact(first_name="Ny", last_name="Person"))
    assert _found(db, "ny person") == {("contact", "Ny Person")}


def test_a_deleted_owner_leaves_no_name_in_the_index(db) -> None:  # noqa: ANN001
    ids = _seed(db)
    with db.session() as s:
        s.delete(s.get(Contact, ids["ulrika"]))  # the initiative's owner_id is set NULL by the database
    assert _found(db, "åström") == set()


def test_merge_and_gdpr_erasure(db) -> None:  # noqa: ANN001
    ids = _seed(db)
    with db.session() as s:
        s.add(Contact(first_name="Ulrika", last_name="Åström", email="ua@annan.se"))
    dup = next(h.item_id for h in find(db, "ua@annan") if h.kind == "contact")
    duplicates.merge(db, ids["ulrika"], dup)
    with db.session() as s:  # another row naming her: erasure scrubs it, and its index row with it
        s.get(Initiative, ids["initiative"]).description = "Frågor till Ulrika Åström"
    assert _kinds(db, "åström")["initiative"] == {"Ökad trygghet"}
    assert [h.item_id for h in find(db, "ulrika åström") if h.kind == "contact"] == [ids["ulrika"]]
    gdpr.erase(db, ids["ulrika"], "Begärde radering", today=TODAY)
    assert _found(db, "åström") == set() and _found(db, "ulrika") == set()
    assert find(db, "0701234567") == [] and "contact" not in _kinds(db, "raderad person")
    with db.session() as s:
        s.get(Organisation, ids["dml"]).archived = True
    assert "organisation" not in _kinds(db, "dark matter")
    with db.read() as s:  # nothing of the old name stays in the index itself either
        texts = s.execute(sa.text(f"SELECT title, body FROM {search_index.TABLE}")).all()
    assert not any("åström" in t or "åström" in b for t, b in texts)


def test_import_adds_the_index_rows_in_its_transaction(db, tmp_path) -> None:  # noqa: ANN001
    csv = tmp_path / "k.csv"
    csv.write_text("Förnamn;Efternamn;E-post;Telefon\nÖrjan;Ängel;orjan@exempel.se;070-555 12 34\n", encoding="utf-8")
    plan = contact_import.plan_file(db, csv)
    contact_import.apply(db, plan)
    assert _found(db, "örjan ängel") == {("contact", "Örjan Ängel")}
    assert _found(db, "0705551234") == {("contact", "Örjan Ängel")}
    assert contact_list.search(db, contact_list.ContactFilter(text="än")).total == 1


def _word_starts(db) -> list:  # noqa: ANN001
    """PostgreSQL: the prefix rows; SQLite: FTS5's own check of the words index, then what short searches
    find (a word start the hooks left behind would be found before a rebuild and not after)."""
    with db.engine.begin() as conn:
        if db.dialect == "postgresql":
            return sorted(conn.execute(sa.text(f"SELECT prefix, ref FROM {search_index.PREFIX_TABLE}")).all())
        table = search_index.WORDS_TABLE
        conn.exec_driver_sql(f"INSERT INTO {table} ({table}) VALUES ('integrity-check')")
    return sorted((h.kind, h.item_id) for typed in ("d", "dm", "ul", "å", "la", "ös", "lu", "fa") for h in find(db, typed))


def test_rebuild_gives_what_the_hooks_keep(db) -> None:  # noqa: ANN001
    ids = _seed(db)
    with db.session() as s:
        s.get(Organisation, ids["dml"]).short_name = "DMLX"
        s.delete(s.get(Payment, ids["payment"]))
        s.get(Contact, ids["jose"]).last_name = "Lund"
    with db.read() as s:
        kept = sorted(s.execute(sa.text(f"SELECT title, body FROM {search_index.TABLE}")).all())
    starts = _word_starts(db)
    assert starts and (db.dialect == "postgresql" or ("organisation", ids["dml"]) in starts)
    with db.engine.begin() as conn:
        search_index.rebuild(conn)
    with db.read() as s:
        assert sorted(s.execute(sa.text(f"SELECT title, body FROM {search_index.TABLE}")).all()) == kept
    assert _word_starts(db) == starts
