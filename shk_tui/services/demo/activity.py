"""The part of the example data that moves with today's date: upcoming and recent events with their
participant lists, contracts with payment schedules (some overdue, some due soon), follow-up notes,
initiative next steps. Everything is placed relative to ``today`` so every screen has something true
to show whenever the example data is loaded."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

import sqlalchemy as sa
from sqlmodel import Session

from shk_tui import enums
from shk_tui.db.models import (
    Contact,
    Contract,
    ContractNote,
    Event,
    Indicator,
    Initiative,
    Organisation,
    Participation,
    Payment,
)
from shk_tui.services.demo.people import BITRADANDE, PROCESSLEDARE, find, with_tag

S = enums.ParticipationStatus
DIETS = ["vegetarisk", "vegetarisk", "glutenfri", "laktosfri", "vegan", "nötallergi"]


def weekday(day: date) -> date:
    """The same day, or the next Monday when it falls on a weekend."""
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute))


def participate(
    session: Session,
    event: Event,
    people: list[Contact],
    statuses: list[enums.ParticipationStatus],
    rng: random.Random,
    *,
    role: enums.ParticipationRole = enums.ParticipationRole.DELTAGARE,
    diets: bool = False,
    today: date,
) -> int:
    """Add one participation per person with the status at the same position; nobody registered after
    ``today`` (for an event soon, people registered during the days before today)."""
    latest = datetime.combine(today, time(8))
    for n, (person, status) in enumerate(zip(people, statuses, strict=True)):
        registered = None
        if status is not S.INBJUDEN:
            registered = event.starts_at - timedelta(days=20 - n % 15, hours=rng.randint(0, 8))
            if registered > latest:
                registered = latest - timedelta(days=n % 10, hours=rng.randint(1, 8))
        checked_in = event.starts_at + timedelta(minutes=rng.randint(-10, 15)) if status is S.DELTOG else None
        session.add(
            Participation(
                event_id=event.saved_id,
                contact_id=person.saved_id,
                status=status,
                role=role,
                dietary=rng.choice(DIETS) if diets and rng.random() < 0.25 else None,
                registered_at=registered,
                checked_in_at=checked_in,
            )
        )
    return len(people)


def load_events(
    session: Session,
    past: dict[tuple[str, date], Event],
    contacts: list[Contact],
    initiatives: dict[str, Initiative],
    today: date,
    rng: random.Random,
) -> tuple[int, int]:
    """Participants for the documented board meetings, plus seven fictional events around today.
    Returns (events added, participations added)."""
    board = with_tag(contacts, "styrelse")
    core = with_tag(contacts, "core team")
    staff = [find(contacts, *PROCESSLEDARE), find(contacts, *BITRADANDE)]
    active = [c for c in contacts if not c.archived]
    added = 0

    for (title, _day), event in past.items():
        if event.kind is enums.EventKind.STYRELSEMOTE:
            people = board + staff + (core if "Core Team" in title else [])
            statuses = [S.DELTOG] * len(people)
            if len(people) > 8:
                statuses[-1] = S.UTEBLEV
            added += participate(session, event, people, statuses, rng, today=today)
        elif event.kind is enums.EventKind.OPPEN_VERKSTAD:
            people = rng.sample(with_tag(contacts, "äldre"), 10)
            added += participate(session, event, people, [S.DELTOG] * 8 + [S.UTEBLEV] * 2, rng, today=today)

    def add_event(title: str, kind: enums.EventKind, day: date, hours: tuple[int, int], **fields) -> Event:
        day = weekday(day)
        new = Event(title=title, kind=kind, starts_at=at(day, hours[0]), ends_at=at(day, hours[1]), **fields)
        session.add(new)
        session.flush()
        return new

    verkstad = add_event(
        "Öppen verkstad: Måltider och möten", enums.EventKind.OPPEN_VERKSTAD, today + timedelta(days=5), (13, 16),
        location="Träffpunkt Fristaden, Eskilstuna", city="Eskilstuna", focus_area=enums.FocusArea.ALDRE,
        function=enums.Function.SAMHALLSLABBET, initiative_id=initiatives["Måltider och möten"].id, capacity=25,
        booking_note="Lokal bokad; fika beställs senast fem dagar före",
    )
    people = rng.sample([c for c in active if c not in board], 18)
    added += participate(session, verkstad, people, [S.ANMALD] * 10 + [S.INBJUDEN] * 8, rng, diets=True, today=today)

    styrelse = add_event(
        "Styrelsemöte", enums.EventKind.STYRELSEMOTE, today + timedelta(days=14), (9, 12),
        location="Rektors styrelserum, MDU, Västerås", city="Västerås", function=enums.Function.OVERGRIPANDE,
        capacity=12, booking_note="Handlingar skickas ut en vecka före",
    )
    added += participate(session, styrelse, board, [S.ANMALD] * 5 + [S.INBJUDEN], rng, today=today)
    added += participate(
        session, styrelse, staff, [S.ANMALD] * 2, rng, role=enums.ParticipationRole.ARRANGOR, today=today
    )

    forum = add_event(
        "Samhällsforum: Alla barn och unga lyckas", enums.EventKind.FORUM, today + timedelta(days=21), (13, 17),
        location="Aulan, MDU, Västerås", city="Västerås", focus_area=enums.FocusArea.BARN,
        function=enums.Function.SAMHALLSFORUM, capacity=30, booking_note="Catering: eftermiddagsfika",
    )
    speakers = [find(contacts, "Nils", "Eklund"), find(contacts, "Annika", "Persson")]
    added += participate(
        session, forum, speakers, [S.ANMALD] * 2, rng, role=enums.ParticipationRole.TALARE, today=today
    )
    crowd = rng.sample([c for c in active if c not in speakers], 31)
    added += participate(session, forum, crowd, [S.ANMALD] * 28 + [S.RESERV] * 3, rng, diets=True, today=today)

    labb = add_event(
        "Labb: Framtidens äldreboende", enums.EventKind.LABB, today + timedelta(days=35), (9, 15),
        location="Ängsgärdet, Västerås", city="Västerås", focus_area=enums.FocusArea.ALDRE,
        function=enums.Function.SAMHALLSLABBET, initiative_id=initiatives["Framtidens äldreboende"].id, capacity=20,
    )
    added += participate(session, labb, rng.sample(with_tag(contacts, "äldre"), 12), [S.INBJUDEN] * 12, rng, today=today)

    seminar = add_event(
        "Seminarium: följeforskning i Samhällskontraktet", enums.EventKind.SEMINARIUM, today + timedelta(days=60), (10, 12),
        location="MDU, Eskilstuna", city="Eskilstuna", function=enums.Function.SAMHALLSAKADEMIN,
    )
    people = rng.sample(with_tag(contacts, "forskare") + with_tag(contacts, "nyhetsbrev"), 12)
    added += participate(session, seminar, people, [S.ANMALD] * 5 + [S.INBJUDEN] * 7, rng, today=today)

    workshop = add_event(
        "Workshop: Demokratisk infrastruktur", enums.EventKind.WORKSHOP, today - timedelta(days=10), (13, 16),
        location="Stadshuset, Västerås", city="Västerås", focus_area=enums.FocusArea.BARN, function=enums.Function.SAMHALLSLABBET,
        initiative_id=initiatives["Demokratisk infrastruktur"].id, capacity=20,
    )
    people = rng.sample(with_tag(contacts, "barn och unga"), 19)
    statuses = [S.DELTOG] * 12 + [S.UTEBLEV] * 3 + [S.ANMALD] * 3 + [S.AVBOKAD]
    added += participate(session, workshop, people, statuses, rng, diets=True, today=today)

    core_meeting = add_event(
        "Core Team-möte", enums.EventKind.MOTE, today - timedelta(days=40), (9, 12),
        location="MDU, Eskilstuna", city="Eskilstuna", function=enums.Function.OVERGRIPANDE, status=enums.EventStatus.GENOMFORD,
        follow_up_note="Minnesanteckningar skickade",
    )
    added += participate(session, core_meeting, core + staff, [S.DELTOG] * 7 + [S.UTEBLEV], rng, today=today)
    return 7, added


def _payments(contract: Contract, today: date, schedule: list[tuple[int, int, int | None]]) -> None:
    """schedule: (days from today, amount kr, paid kr or None); paid ones are paid on their due date."""
    for n, (offset, amount, paid) in enumerate(schedule, start=1):
        due = today + timedelta(days=offset)
        contract.payments.append(
            Payment(
                due_on=due,
                amount_ore=amount * 100,
                paid_on=due if paid is not None else None,
                paid_amount_ore=paid * 100 if paid is not None else None,
                reference=f"Ver {due.year}-{4100 + n * 7}" if paid is not None else None,
            )
        )


def load_contracts(
    session: Session,
    orgs: dict[str, Organisation],
    contacts: list[Contact],
    initiatives: dict[str, Initiative],
    today: date,
) -> tuple[int, int]:
    """Nine contracts covering every follow-up case; returns (contracts, payments)."""
    for name in ("Mälarsalen Konferens AB", "Hubbverket AB"):
        orgs[name] = Organisation(name=name, kind=enums.OrganisationKind.NARINGSLIV, city="Västerås",
                                  note="Fiktiv leverantör (exempeldata)")
        session.add(orgs[name])
    session.flush()
    me = find(contacts, *BITRADANDE)
    boss = find(contacts, *PROCESSLEDARE)
    d = lambda days: today + timedelta(days=days)  # noqa: E731
    year = today.year

    def contract(title: str, kind: enums.ContractKind, org: str, **fields) -> Contract:
        fields.setdefault("responsible_id", me.id)
        new = Contract(title=title, kind=kind, counterparty_id=orgs[org].id, **fields)
        session.add(new)
        return new

    c = contract("Överenskommelse om medel till processtödet, Västerås stad", enums.ContractKind.OVERENSKOMMELSE,
                 "Västerås stad", diarienummer=f"KS {year - 1}-112/322", signed_on=date(year - 1, 12, 10),
                 starts_on=date(year, 1, 1), ends_on=date(year + 1, 12, 31), notice_months=6,
                 amount_ore=4_000_000_00, status=enums.ContractStatus.AKTIVT, registered_on=date(year - 1, 12, 12),
                 document_ref="Samhällshubben/Avtal/Västerås överenskommelse.pdf")
    _payments(c, today, [(-290, 500_000, 500_000), (-200, 500_000, 500_000), (-110, 500_000, 500_000),
                         (-20, 500_000, None), (70, 500_000, None), (160, 500_000, None),
                         (250, 500_000, None), (340, 500_000, None)])

    c = contract("Överenskommelse om medel till processtödet, Eskilstuna kommun", enums.ContractKind.OVERENSKOMMELSE,
                 "Eskilstuna kommun", diarienummer=f"Dnr KS 67/{str(year)[2:]}", signed_on=date(year, 1, 15),
                 starts_on=date(year, 1, 1), ends_on=date(year + 1, 12, 31), notice_months=6,
                 amount_ore=4_000_000_00, status=enums.ContractStatus.AKTIVT, registered_on=date(year, 1, 20))
    _payments(c, today, [(-200, 1_000_000, 1_000_000), (-50, 1_000_000, 600_000), (12, 1_000_000, None),
                         (195, 1_000_000, None)])
    c.notes.append(ContractNote(noted_on=d(-10), author=me.full_name,
                                text="Påminnelse skickad om resterande 400 000 kr av andra delbetalningen"))

    c = contract("Forskningsavtal följeforskning", enums.ContractKind.FORSKNINGSAVTAL, "Mälardalens universitet",
                 diarienummer=f"MDU {year - 1}/1234", signed_on=d(-310), starts_on=d(-300), ends_on=d(150),
                 notice_months=3, amount_ore=1_100_000_00, status=enums.ContractStatus.AKTIVT, registered_on=d(-305),
                 responsible_id=boss.id)
    _payments(c, today, [(-120, 550_000, 550_000), (25, 550_000, None)])

    c = contract("Konsultavtal Cornerstone Indicators", enums.ContractKind.KONSULTAVTAL, "Dark Matter Labs",
                 initiative_id=initiatives["Cornerstone Indicators"].id, signed_on=d(-62), starts_on=d(-60),
                 ends_on=d(120), notice_months=1, amount_ore=240_000_00, status=enums.ContractStatus.AKTIVT,
                 note="Diarieförs hos MDU:s registratur")
    _payments(c, today, [(-30, 120_000, 120_000), (5, 120_000, None)])

    c = contract("Studentuppdrag: enkätanalys Skultuna", enums.ContractKind.STUDENTUPPDRAG, "Mälardalens universitet",
                 diarienummer=f"MDU {year}/0311", signed_on=d(-205), starts_on=d(-200), ends_on=d(-40),
                 amount_ore=45_000_00, status=enums.ContractStatus.AVSLUTAT, registered_on=d(-203),
                 initiative_id=initiatives["Cornerstone Indicators fas 2"].id)
    _payments(c, today, [(-45, 45_000, 45_000)])
    c.notes.append(ContractNote(noted_on=d(-35), author=me.full_name, text="Slutrapport mottagen; ska arkiveras"))

    c = contract("Ramavtal konferenslokaler och catering", enums.ContractKind.UPPHANDLING, "Mälarsalen Konferens AB",
                 diarienummer=f"KS {year - 2}-301/053", signed_on=d(-660), starts_on=d(-660), ends_on=d(70),
                 notice_months=2, auto_renew=True, renewal_months=12, amount_ore=150_000_00,
                 status=enums.ContractStatus.AKTIVT, registered_on=d(-655))
    _payments(c, today, [(-45, 38_500, 38_500), (20, 41_250, None)])

    c = contract("Licens Samhällshubben", enums.ContractKind.OVRIGT, "Hubbverket AB", diarienummer=f"MDU {year - 2}/0877",
                 signed_on=d(-745), starts_on=d(-745), ends_on=d(-15), notice_months=1, auto_renew=True,
                 renewal_months=12, amount_ore=36_000_00, status=enums.ContractStatus.AKTIVT, registered_on=d(-740))
    _payments(c, today, [(-380, 36_000, 36_000), (-20, 36_000, 36_000)])

    c = contract("Samarbetsavtal Physical literacy i Årby", enums.ContractKind.SAMARBETSAVTAL, "RF-SISU",
                 initiative_id=initiatives["Physical literacy"].id, starts_on=d(30), ends_on=d(30 + 730),
                 notice_months=3, amount_ore=300_000_00, status=enums.ContractStatus.UNDER_SIGNERING)
    _payments(c, today, [(60, 100_000, None), (240, 100_000, None), (420, 100_000, None)])

    c = contract("Samarbetsavtal Inkludera Mera 2019", enums.ContractKind.SAMARBETSAVTAL, "Eskilstuna kommun",
                 diarienummer="MDU 2019/0456", signed_on=date(2019, 5, 2), starts_on=date(2019, 5, 2),
                 ends_on=date(2019, 12, 31), amount_ore=120_000_00, status=enums.ContractStatus.AVSLUTAT,
                 registered_on=date(2019, 5, 6), archived_on=date(2020, 2, 14),
                 archive_location="MDU registratur, arkivbox 2019:4")
    _payments(c, today, [((date(2019, 11, 30) - today).days, 120_000, 120_000)])
    session.flush()
    return 9, session.execute(sa.select(sa.func.count()).select_from(Payment)).scalar_one()


#: Three fictional proposals beside the beslutsunderlag (in the other focus areas, so that the
#: beslutsunderlag for *Alla barn och unga lyckas* stays exactly the documented eight).
PROPOSALS = [
    ("Digital vardagskompetens för äldre", enums.FocusArea.ALDRE, 288_000, enums.BudgetSource.PILOT,
     "Träffpunkter i båda städerna", "Studentledda handledningstillfällen på mötesplatserna för äldre."),
    ("Generationsmöten på mötesplatserna", enums.FocusArea.ALDRE, 150_000, enums.BudgetSource.ORDINARIE,
     "Mötesplatser Eskilstuna", "Gymnasieelever och äldre möts kring måltider och berättelser."),
    ("Studentdriven hälsokartläggning", enums.FocusArea.OVERGRIPANDE, 200_000, enums.BudgetSource.PILOT,
     "Folkhälsoprogrammet, MDU", "Studentuppdrag som kartlägger hälsodata i båda kommunerna."),
]

NEXT_STEPS = {
    "Demokratisk infrastruktur": (-7, "Boka uppföljning med labbgruppen"),
    "På barn och ungas villkor": (12, "PLG-möte om Drömfabrikens nästa steg"),
    "Cornerstone Indicators": (-2, "Stäm av enkätdata med kommundelsförvaltningen"),
    "Studentcoacher": (45, "Ny bedömning när bygget är klart"),
    "Physical literacy": (20, "Besked från Formas väntas"),
    "Hälsofrämjande team (Levnadsberättelser)": (9, "Utvärdera utbildningen i motiverande samtal"),
    "Framtidens äldreboende": (35, "Labb på Ängsgärdet"),
    "Måltider och möten": (5, "Öppen verkstad i Eskilstuna"),
}


def load_portfolio_extras(session: Session, contacts: list[Contact], initiatives: dict[str, Initiative],
                          today: date) -> int:
    """Owners, next steps and indicators for the running initiatives; three new proposals."""
    owners = {
        enums.FocusArea.BARN: find(contacts, "Jonas", "Hedlund"),
        enums.FocusArea.ALDRE: find(contacts, "Linnea", "Strand"),
    }
    for name, initiative in initiatives.items():
        owner = owners.get(initiative.focus_area)
        initiative.owner_id = owner.id if owner else None
        if name in NEXT_STEPS:
            days, step = NEXT_STEPS[name]
            initiative.next_step, initiative.next_step_on = step, today + timedelta(days=days)
    indicators = [
        ("Demokratisk infrastruktur", "Deltagare i labbgruppen", 20, 20, "personer"),
        ("Demokratisk infrastruktur", "Mikrohandlingar prövade", 10, 6, "st"),
        ("Physical literacy", "Barn som deltar i aktiviteterna", 200, 85, "barn"),
        ("Hälsofrämjande team (Levnadsberättelser)", "Medarbetare utbildade i MI", 40, 28, "personer"),
        ("Minilabb ofrivillig ensamhet", "Genomförda minilabb", 4, 2, "st"),
    ]
    for name, label, target, current, unit in indicators:
        initiatives[name].indicators.append(
            Indicator(name=label, target=target, current=current, unit=unit, measured_on=today - timedelta(days=30))
        )
    new = [
        Initiative(
            name=name, focus_area=area, phase=enums.Phase.FORSLAG, kind=enums.InitiativeKind.INNOVATION, context=context,
            proposed_start=start, budget_ore=amount * 100, budget_source=source,
            pilot_ore=amount * 100 if source is enums.BudgetSource.PILOT else 0,
            owner_id=find(contacts, *PROCESSLEDARE).id, next_step="Triagering i Core Team",
            next_step_on=today + timedelta(days=7),
        )
        for name, area, amount, source, context, start in PROPOSALS
    ]
    session.add_all(new)
    waiting = [i for i in initiatives.values() if i.phase is enums.Phase.FORSLAG]
    date_proposals([*waiting, *new], today)
    return len(PROPOSALS)


def date_proposals(proposals: list[Initiative], today: date) -> None:
    """The proposals came in over the past weeks, in the given order (oldest first): one every
    PROPOSAL_SPACING days, the newest 3–5 days before ``today``, each on a weekday."""
    for age, initiative in enumerate(reversed(proposals)):
        day = weekday(today - timedelta(days=(age + 1) * PROPOSAL_SPACING))
        initiative.created_at = datetime.combine(day, time(9, 30))


PROPOSAL_SPACING = 5
