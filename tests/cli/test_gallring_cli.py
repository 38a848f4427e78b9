"""``shk gallra [--dry-run] [--today]`` and ``shk gdpr erase|restrict|unrestrict|restricted`` on SQLite and
PostgreSQL: the dry run lists what the run then does, the run removes it; erasure of a contract's
responsible person is refused with the restriction offered; a restricted person leaves the export."""

from __future__ import annotations

from datetime import datetime

import pytest
import sqlalchemy as sa
from sqlmodel import select

from shk_tui.db.models import Contact, Contract, Event, Participation
from shk_tui.enums import ContractStatus
from shk_tui.enums import ParticipationStatus as PS
from tests.helpers.cli import run


@pytest.fixture
def seeded(db):
    with db.session() as s:
        ev = Event(title="Samhällsforum", starts_at=datetime(2026, 10, 1, 9), ends_at=datetime(2026, 10, 1, 16))
        signer = Contact(first_name="Sigrid", last_name="Östlund", email="sigrid@vasteras.se")
        s.add_all([ev, signer])
        s.flush()
        s.add(Participation(event_id=ev.id, contact_id=signer.id, status=PS.DELTOG, dietary="glutenfri"))
        s.add(Contract(title="Samverkansavtal", responsible_id=signer.id, status=ContractStatus.AKTIVT))
        db.signer = signer.id
    return db


def test_gallra_dry_run_then_run(seeded, capsys):
    url = seeded.config.url
    code, dry, err = run(capsys, "--db", url, "gallra", "--dry-run", "--today", "2026-11-01")
    assert code == 0 and err == ""
    assert dry.splitlines()[0] == "Gallring 2026-11-01 (provkörning):"
    assert ("  1 kostuppgift i 1 evenemang tas bort (30 dagar efter evenemangets slut); antalet per kost sparas"
            in dry.splitlines())
    assert "Avtal och utbetalningar (bevaras, 7 år efter räkenskapsårets slut; Bokföringslagen" in dry
    assert dry.rstrip().endswith("Provkörning: inget ändrades.")
    with seeded.read() as s:
        assert s.exec(select(sa.func.count()).where(Participation.dietary.is_not(None))).one() == 1
    code, done, _ = run(capsys, "--db", url, "gallra", "--today", "2026-11-01")
    assert code == 0
    assert done.splitlines()[1:-2] == dry.splitlines()[1:-2]  # the run did what the dry run showed
    assert done.rstrip().endswith("Klart: 1 uppgift gallrade.")
    with seeded.read() as s:
        assert s.exec(select(sa.func.count()).where(Participation.dietary.is_not(None))).one() == 0
    code, again, _ = run(capsys, "--db", url, "gallra", "--today", "2026-11-01")
    assert code == 0 and "Inga kostuppgifter att ta bort" in again and again.rstrip().endswith("Inget att gallra.")
    code, _, err = run(capsys, "--db", url, "gallra", "--today", "2026-13-01")
    assert code == 2 and "Ogiltigt datum" in err


def test_gdpr_erase_refused_then_restrict_and_unrestrict(seeded, capsys):
    url, cid = seeded.config.url, str(seeded.signer)
    code, _, err = run(capsys, "--db", url, "gdpr", "erase", cid, "--reason", "begäran", "--yes")
    assert code == 1
    assert err.strip() == ("shk: Sigrid Östlund kan inte raderas: uppgifterna ska bevaras (arkivlagen). Begränsa i "
                           f"stället (GDPR art. 18): shk gdpr restrict {cid} --reason … Varför: ansvarig för avtalet "
                           "Samverkansavtal")
    code, _, err = run(capsys, "--db", url, "gdpr", "restrict", cid, "--reason", " ")
    assert code == 2 and "Ange ett skäl" in err
    code, out, _ = run(capsys, "--db", url, "gdpr", "restrict", cid, "--reason", "begäran om radering")
    assert code == 0 and out.startswith(f"Kontakt {cid} begränsad")
    code, out, _ = run(capsys, "--db", url, "export", "contacts")
    assert code == 0 and "Östlund" not in out
    code, out, _ = run(capsys, "--db", url, "gdpr", "restricted")
    assert code == 0 and "Sigrid Östlund" in out and "begäran om radering" in out
    code, out, _ = run(capsys, "--db", url, "gdpr", "extract", cid)
    assert code == 0 and "| Skäl för begränsning | begäran om radering |" in out
    code, out, _ = run(capsys, "--db", url, "gdpr", "unrestrict", cid)
    assert code == 0 and out.strip() == f"Begränsningen av Sigrid Östlund (kontakt {cid}) är hävd."
    code, _, err = run(capsys, "--db", url, "gdpr", "unrestrict", cid)
    assert code == 1 and "inte begränsad" in err
    code, out, _ = run(capsys, "--db", url, "gdpr", "restricted")
    assert out.strip() == "Inga begränsade personer."
