"""Erase or restrict (GDPR art. 18 and arkivlagen), SQLite and PostgreSQL: erasure is refused for a person
tied to records that must be kept, and restriction offered; it is allowed otherwise; a restricted person is
absent from every list, search and export and present in the register extract, with the rules that keep
the data."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from shk_tui.db.models import Contact, Contract, Event, Initiative, Organisation, Participation
from shk_tui.enums import ContractStatus, LegalBasis
from shk_tui.enums import ParticipationStatus as PS
from shk_tui.errors import BadInput, ShkError
from shk_tui.services import summary
from shk_tui.services.contacts import (
    contact_export,
    contact_list,
    duplicates,
    gdpr,
    picker,
    restriction,
)
from shk_tui.services.contacts.contact_list import ARCHIVED_ALL, ContactFilter
from shk_tui.services.contracts import contract_edit
from shk_tui.services.events import event_export
from shk_tui.services.events.participants import HIDDEN_NAME, list_participants
from shk_tui.services.portfolio import initiatives

TODAY = date(2026, 12, 1)


@pytest.fixture
def people(db):
    with db.session() as s:
        org = Organisation(name="Västerås stad")
        s.add(org)
        s.flush()
        signer = Contact(first_name="Sigrid", last_name="Östlund", email="sigrid@vasteras.se", organisation_id=org.id,
                         legal_basis=LegalBasis.ALLMANT_INTRESSE)
        twin = Contact(first_name="Sigrid", last_name="Östlund", email="sigrid.ostlund@example.se")
        owner = Contact(first_name="Olof", last_name="Ägare")
        judge = Contact(first_name="Britt", last_name="Beslutar")
        free = Contact(first_name="Fria", last_name="Fransson", email="fria@example.se")
        s.add_all([signer, twin, owner, judge, free])
        s.flush()
        s.add(Contract(title="Samverkansavtal", responsible_id=signer.id, status=ContractStatus.AKTIVT,
                       diarienummer="MDU 2026/12"))
        s.add(Contract(title="Utkast", responsible_id=free.id))  # a draft is not yet a public record
        s.add(Initiative(name="Läslyftet", owner_id=owner.id, decided_on=date(2026, 3, 1), decided_by="Styrgruppen"))
        s.add(Initiative(name="Idrott", decided_by="britt  BESLUTAR", decided_on=date(2026, 4, 1)))
        ev = Event(title="Forum", starts_at=datetime(2026, 11, 3, 9))
        s.add(ev)
        s.flush()
        for c, diet in ((signer, "glutenfri"), (free, None)):
            s.add(Participation(event_id=ev.id, contact_id=c.id, status=PS.ANMALD, dietary=diet))
        db.ids = {"signer": signer.id, "twin": twin.id, "owner": owner.id, "judge": judge.id, "free": free.id}
        db.event = ev.id
    return db


def test_erase_refused_for_records_that_must_be_kept_and_restriction_offered(people):
    ids = people.ids
    assert restriction.ties(people, ids["signer"]) == ["ansvarig för avtalet Samverkansavtal (MDU 2026/12)"]
    assert restriction.ties(people, ids["owner"]) == ["ägare av initiativet Läslyftet, beslutat 2026-03-01"]
    assert restriction.ties(people, ids["judge"]) == ["fattade beslutet om initiativet Idrott"]
    with pytest.raises(restriction.MustKeep) as refused:
        gdpr.erase(people, ids["signer"], "begäran", today=TODAY)
    assert refused.value.reasons == ["ansvarig för avtalet Samverkansavtal (MDU 2026/12)"]
    assert refused.value.message.startswith("Sigrid Östlund kan inte raderas: uppgifterna ska bevaras (arkivlagen)")
    assert f"shk gdpr restrict {ids['signer']}" in refused.value.message and "arkivlagen" in refused.value.message
    with people.read() as s:
        assert s.get(Contact, ids["signer"]).erased_on is None
    assert restriction.ties(people, ids["free"]) == []
    gdpr.erase(people, ids["free"], "begäran från personen", today=TODAY)
    with people.read() as s:
        assert s.get(Contact, ids["free"]).erased_on == TODAY


def test_restrict_needs_a_reason_and_is_lifted(people):
    cid = people.ids["signer"]
    with pytest.raises(BadInput, match="skäl"):
        restriction.restrict(people, cid, "  ", today=TODAY)
    restriction.restrict(people, cid, "begäran om radering; ansvarig för avtal", today=TODAY)
    with pytest.raises(ShkError, match="redan begränsad sedan 2026-12-01"):
        restriction.restrict(people, cid, "igen", today=TODAY)
    assert [(r.id, r.reason) for r in restriction.restricted(people)] == [
        (cid, "begäran om radering; ansvarig för avtal")]
    assert restriction.unrestrict(people, cid) == "Sigrid Östlund"
    assert contact_list.search(people, ContactFilter(text="östlund")).total == 2
    with pytest.raises(ShkError, match="inte begränsad"):
        restriction.unrestrict(people, cid)


def test_a_restricted_person_is_absent_from_every_list_search_and_export_but_in_the_extract(people):
    ids = people.ids
    pair = {ids["signer"], ids["twin"]}
    assert pair in [{c.a_id, c.b_id} for c in duplicates.candidates(people)]  # the twins, before
    restriction.restrict(people, ids["signer"], "begäran om radering", today=TODAY)
    for flt in (ContactFilter(), ContactFilter(text="sigrid"), ContactFilter(archived=ARCHIVED_ALL),
                ContactFilter(organisation_id=1), ContactFilter(ids=(ids["signer"],))):
        page = contact_list.search(people, flt)
        assert ids["signer"] not in [r.id for r in page.rows]
        assert ids["signer"] not in contact_list.ids_matching(people, flt)
        assert "sigrid@vasteras.se" not in contact_list.emails(people, flt)
    assert [r.id for r in contact_list.search(people, ContactFilter(text="sigrid")).rows] == [ids["twin"]]
    for fmt in ("csv", "xlsx", "vcf"):
        assert b"vasteras.se" not in contact_export.export_bytes(people, ContactFilter(), fmt)
    assert [r.first_name for r in contact_export.records(people)] == ["Britt", "Fria", "Olof", "Sigrid"]
    assert [h.id for h in picker.search(people, "sigrid")] == [ids["twin"]]
    assert all(ids["signer"] not in (c.a_id, c.b_id) for c in duplicates.candidates(people))
    assert contract_edit.contact_suggestion(people, "Sigrid") == "Sigrid Östlund"  # the twin's label, alone
    assert ids["signer"] not in [i for _, i in initiatives.owner_choices(people)]
    counts = dict(summary.overview(people, today=TODAY).rows)
    assert counts["Kontakter"] == "4"
    rows = list_participants(people, people.event)
    hidden = next(r for r in rows if r.contact_id == ids["signer"])
    assert (hidden.name, hidden.email, hidden.organisation, hidden.dietary) == (HIDDEN_NAME, None, "", None)
    csv = event_export.participant_export(people, people.event, "csv").data.decode("utf-8-sig")
    assert "Östlund" not in csv and "Västerås" not in csv and "glutenfri" not in csv and HIDDEN_NAME in csv
    assert "vasteras" not in event_export.emails(people, people.event)
    data = gdpr.extract(people, ids["signer"], today=TODAY)
    assert data["fields"]["email"] == "sigrid@vasteras.se" and data["fields"]["restricted_on"] == "2026-12-01"
    assert data["participations"][0]["dietary"] == "glutenfri"
    kept = {k["what"]: (k["rule"], k["source"]) for k in data["kept"]}
    assert kept["Ansvar för avtal"][0] == "Avtal och utbetalningar" and "Bokföringslagen" in kept["Ansvar för avtal"][1]
    assert kept["Kostönskemål"][0] == "Kostuppgifter" and kept["Begränsning"][1] == "GDPR art. 18"
    md = gdpr.to_markdown(data, today=TODAY)
    assert "| Begränsad | 2026-12-01 |" in md and "| Skäl för begränsning | begäran om radering |" in md
    assert "## Vad som sparas och varför" in md and "7 år efter räkenskapsårets slut" in md
    assert "kan inte raderas, de ingår i allmänna handlingar" in md
