"""The part of the example data that comes from Samhällskontraktet's own documents.

Read from the CSV copies in ``shk_tui/data`` (the package never reads ``../shared`` at run time):
organisations, the budget table 2022–2025 with outcome, funders, funding applications, the
initiatives of 2023, the spring 2024 beslutsunderlag for *Alla barn och unga lyckas*, and the events
named in the documents. Amounts in the CSVs are whole kronor; the database holds öre."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from datetime import date, datetime, time

from sqlmodel import Session

from shk_tui import data_text, enums
from shk_tui.db.models import (
    BudgetLine,
    BudgetYear,
    Event,
    Funder,
    FundingApplication,
    Initiative,
    InitiativePartner,
    Organisation,
)

#: The date the budget table's outcome figures were taken ("per 2023-10-31").
OUTCOME_2023_AS_OF = date(2023, 10, 31)
FUNDING_PERIOD = "2022–2025"

#: How the spring 2024 beslutsunderlag (1 272 000 kr) splits into the ordinary budget (472 000) and
#: the pilot budget (800 000): no subset of the amounts sums to 472 000, so one initiative is split.
#: name -> (source, pilot part in kronor)
BESLUTSUNDERLAG_SOURCES: dict[str, tuple[enums.BudgetSource, int]] = {
    "Samverkansmöjligheter för fler i förskolan": (enums.BudgetSource.PILOT, 288_000),
    "Demokratisk infrastruktur fas 2": (enums.BudgetSource.PILOT, 360_000),
    "På barn och ungas villkor fas 2": (enums.BudgetSource.BLANDAD, 152_000),
    "Normförskjutning": (enums.BudgetSource.ORDINARIE, 0),
    "UVAS: vem, vad, vart": (enums.BudgetSource.ORDINARIE, 0),
}

#: The 2023 initiatives' status words mapped to portfolio phases.
STATUS_PHASE = {
    "pågående": enums.Phase.FAS_1,
    "pausad": enums.Phase.PAUSAD,
    "utforskas": enums.Phase.UTFORSKAS,
    "planeras": enums.Phase.PLANERAS,
    "avslutad": enums.Phase.AVSLUTAD,
}

#: Functions of the 2023 initiatives (from the focus-area slides: testbäddar and the labs).
INITIATIVE_FUNCTION = {
    "Skultuna": enums.Function.TESTBADD,
    "Drömfabriken": enums.Function.TESTBADD,
    "Zetterbergsgymnasiet": enums.Function.TESTBADD,
    "Årby": enums.Function.TESTBADD,
    "Ängsgärdet": enums.Function.TESTBADD,
    "MDU": enums.Function.SAMHALLSAKADEMIN,
}

EVENT_FUNCTION = {
    enums.EventKind.STYRELSEMOTE: enums.Function.OVERGRIPANDE,
    enums.EventKind.KONFERENS: enums.Function.SAMHALLSFORUM,
    enums.EventKind.MASSA: enums.Function.SAMHALLSAKADEMIN,
    enums.EventKind.OPPEN_VERKSTAD: enums.Function.SAMHALLSLABBET,
}


def rows(name: str) -> Iterator[dict[str, str]]:
    """The rows of one packaged facts CSV, with surrounding blanks stripped."""
    text = data_text(name)
    for row in csv.DictReader(text.splitlines()):
        yield {key: (value or "").strip() for key, value in row.items()}


def kr(text: str) -> int | None:
    """Whole kronor in a CSV cell → öre (None when empty)."""
    return int(text) * 100 if text else None


_AMOUNT = re.compile(r"^\s*(\d[\d\s]*)\s*kr\b\s*(.*)$")


def split_budget_text(text: str) -> tuple[int, str | None]:
    """'192 000 kr + del av …' → (19 200 000 öre, '+ del av …'); 'Ordinarie personal…' → (0, text).

    The printed text is the source of truth: the CSV's numeric column has a typo for UVAS (19200)."""
    match = _AMOUNT.match(text)
    if not match:
        return 0, text or None
    amount = int(re.sub(r"\s", "", match.group(1))) * 100
    return amount, match.group(2).strip() or None


def focus_area(label: str) -> enums.FocusArea | None:
    return enums.FocusArea.parse(label) if label else None


def load_organisations(session: Session) -> dict[str, Organisation]:
    orgs: dict[str, Organisation] = {}
    for row in rows("organisations.csv"):
        org = Organisation(
            name=row["name"],
            short_name=row["short_name"] or None,
            kind=enums.OrganisationKind.parse(row["kind"]),
            city=row["city"] or None,
            note=row["note"] or None,
        )
        session.add(org)
        orgs[org.name] = org
    return orgs


def load_budget(session: Session) -> int:
    """Budget lines with their 2022 and 2023 figures; returns the number of lines."""
    count = 0
    for position, row in enumerate(rows("budget_2022_2025.csv")):
        line = BudgetLine(name=row["budget_line"], group=row["group"], position=position)
        for year in (2022, 2023, 2024, 2025):
            budget = kr(row.get(f"budget_{year}", ""))
            outcome = kr(row.get(f"outcome_{year}", ""))
            if budget is None and outcome is None:
                continue
            as_of = None
            if outcome is not None:
                as_of = OUTCOME_2023_AS_OF if year == 2023 else date(year, 12, 31)
            line.years.append(BudgetYear(year=year, budget_ore=budget, outcome_ore=outcome, outcome_as_of=as_of))
        session.add(line)
        count += 1
    return count


def load_funders(session: Session) -> int:
    count = 0
    for row in rows("funders_2022_2025.csv"):
        session.add(Funder(name=row["funder"], amount_ore=kr(row["amount_sek"]) or 0, period=FUNDING_PERIOD))
        count += 1
    return count


def load_applications(session: Session, orgs: dict[str, Organisation], initiatives: dict[str, Initiative]) -> int:
    count = 0
    for row in rows("funding_applications.csv"):
        funder = orgs.get(row["funder"])
        if funder is None:
            funder = Organisation(name=row["funder"], kind=enums.OrganisationKind.FINANSIAR)
            session.add(funder)
            orgs[funder.name] = funder
        initiative = next((i for name, i in initiatives.items() if row["application"].startswith(name)), None)
        session.add(
            FundingApplication(
                title=row["application"],
                funder_id=_id(session, funder),
                amount_ore=kr(row["amount_sek"]) or 0,
                status=enums.ApplicationStatus.parse(row["status"]),
                focus_area=focus_area(row["focus_area"]),
                initiative_id=_id(session, initiative) if initiative else None,
                note=row["note"] or None,
            )
        )
        count += 1
    return count


def _id(session: Session, obj) -> int:
    if obj.id is None:
        session.flush()
    return obj.id


def load_initiatives_2023(session: Session, orgs: dict[str, Organisation]) -> dict[str, Initiative]:
    initiatives: dict[str, Initiative] = {}
    for row in rows("initiatives_2023.csv"):
        context = row["context"] or None
        function = next((f for word, f in INITIATIVE_FUNCTION.items() if context and word in context), None)
        initiative = Initiative(
            name=row["initiative"],
            focus_area=enums.FocusArea.parse(row["focus_area"]),
            phase=STATUS_PHASE[row["status"]],
            kind=enums.InitiativeKind.INNOVATION,
            function=function,
            context=context,
            note=row["note"] or None,
            budget_source=enums.BudgetSource.INGEN,
        )
        session.add(initiative)
        session.flush()
        for partner in filter(None, (p.strip() for p in row["partners"].split(";"))):
            org = orgs.get(partner)
            if org is None:  # a partner named in the documents but not in organisations.csv
                org = Organisation(name=partner, kind=enums.OrganisationKind.SAMARBETSPART)
                session.add(org)
                session.flush()
                orgs[partner] = org
            session.add(InitiativePartner(initiative_id=initiative.saved_id, organisation_id=org.saved_id))
        initiatives[initiative.name] = initiative
    return initiatives


def load_beslutsunderlag(session: Session) -> dict[str, Initiative]:
    """The eight proposals of the spring 2024 decision basis, waiting in phase *förslag*."""
    initiatives: dict[str, Initiative] = {}
    for row in rows("beslutsunderlag_alla_barn_vt2024.csv"):
        budget, note = split_budget_text(row["budget_text"])
        source, pilot_kr = BESLUTSUNDERLAG_SOURCES.get(row["initiative"], (enums.BudgetSource.INGEN, 0))
        if source is enums.BudgetSource.PILOT:
            pilot_kr = budget // 100
        initiative = Initiative(
            name=row["initiative"],
            focus_area=enums.FocusArea.BARN,
            phase=enums.Phase.FORSLAG,
            kind=enums.InitiativeKind.INNOVATION,
            proposed_start=row["proposed_start"] or None,
            context=row["context"] or None,
            party_resources=row["party_resources"] or None,
            budget_ore=budget,
            budget_source=source if budget else enums.BudgetSource.INGEN,
            pilot_ore=pilot_kr * 100,
            budget_note=note,
        )
        session.add(initiative)
        initiatives[initiative.name] = initiative
    return initiatives


def _event_times(start: str, end: str) -> tuple[datetime, datetime]:
    """ISO date or date-time cells; whole days get office hours (09:00–16:00)."""
    def parse(text: str, default: time) -> datetime:
        return datetime.fromisoformat(text) if "T" in text else datetime.combine(date.fromisoformat(text), default)

    starts = parse(start, time(9, 0))
    ends = parse(end or start, time(16, 0))
    return starts, max(starts, ends)


def load_events(session: Session) -> dict[tuple[str, date], Event]:
    """The events named in the documents (all in the past: held)."""
    events: dict[tuple[str, date], Event] = {}
    for row in rows("events.csv"):
        kind = enums.EventKind.parse(row["kind"])
        starts, ends = _event_times(row["start"], row["end"])
        location = row["location"] or None
        city = next((c for c in ("Västerås", "Eskilstuna") if location and c in location), None)
        event = Event(
            title=row["title"],
            kind=kind,
            starts_at=starts,
            ends_at=ends,
            location=location,
            city=city,
            function=EVENT_FUNCTION.get(kind),
            focus_area=enums.FocusArea.ALDRE if kind is enums.EventKind.OPPEN_VERKSTAD else None,
            status=enums.EventStatus.GENOMFORD,
            follow_up_note=row["note"] or None,
        )
        session.add(event)
        events[(event.title, starts.date())] = event
    return events
