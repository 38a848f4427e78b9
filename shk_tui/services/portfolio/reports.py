"""The beslutsunderlag (decision basis) produced from the portfolio: one table per focus area with
*Initiativets namn, Förslag på start, Kontext, Resurser parterna, Budget processtöd*, then TOTALT and
its split *Från ordinarie budget* / *Från pilotbudget*."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlmodel import select

from shk_tui.db.engine import Database
from shk_tui.db.models import Initiative
from shk_tui.enums import FocusArea, Phase
from shk_tui.errors import BadInput
from shk_tui.fmt import format_kr
from shk_tui.services.portfolio.portfolio import ordinary_ore, pilot_part_ore

COLUMNS = ("Initiativets namn", "Förslag på start", "Kontext", "Resurser parterna", "Budget processtöd")
#: Phases a decision basis lists by default: what is proposed and not yet decided.
DEFAULT_PHASES: tuple[Phase, ...] = (Phase.FORSLAG,)
FOCUS_WORDS = {"barn": FocusArea.BARN, "aldre": FocusArea.ALDRE, "äldre": FocusArea.ALDRE,
               "overgripande": FocusArea.OVERGRIPANDE, "övergripande": FocusArea.OVERGRIPANDE}


@dataclass(frozen=True)
class ReportRow:
    name: str
    proposed_start: str
    context: str
    party_resources: str
    budget_text: str
    budget_ore: int
    ordinary_ore: int
    pilot_ore: int
    budget_note: str = ""  # what follows the amount in budget_text ("+ del av …")

    def cells(self) -> tuple[str, str, str, str, str]:
        return (self.name, self.proposed_start, self.context, self.party_resources, self.budget_text)


@dataclass
class Beslutsunderlag:
    focus_area: FocusArea
    phases: tuple[Phase, ...]
    rows: list[ReportRow] = field(default_factory=list)

    @property
    def title(self) -> str:
        return f"Beslutsunderlag – {self.focus_area.label}"

    @property
    def total_ore(self) -> int:
        return sum(r.budget_ore for r in self.rows)

    @property
    def ordinary_total_ore(self) -> int:
        return sum(r.ordinary_ore for r in self.rows)

    @property
    def pilot_total_ore(self) -> int:
        return sum(r.pilot_ore for r in self.rows)

    def totals(self) -> list[tuple[str, str]]:
        return [
            ("TOTALT", format_kr(self.total_ore)),
            ("Från ordinarie budget", format_kr(self.ordinary_total_ore)),
            ("Från pilotbudget", format_kr(self.pilot_total_ore)),
        ]


def budget_text(budget_ore: int, note: str | None) -> str:
    """The "Budget processtöd" cell: ``192 000 kr + del av …``, or the note alone without money."""
    note = (note or "").strip()
    if not budget_ore:
        return note or "0 kr"
    return f"{format_kr(budget_ore)} {note}".strip()


def parse_focus(text: str) -> FocusArea:
    word = (text or "").strip().casefold()
    if word in FOCUS_WORDS:
        return FOCUS_WORDS[word]
    try:
        return FocusArea.parse(text)
    except ValueError:
        raise BadInput(f"Okänt fokusområde: {text!r} (välj barn eller aldre)") from None


def parse_phases(values: list[str] | None) -> tuple[Phase, ...]:
    if not values:
        return DEFAULT_PHASES
    phases = []
    for value in values:
        for part in filter(None, (p.strip() for p in value.split(","))):
            try:
                phases.append(Phase.parse(part))
            except ValueError:
                names = ", ".join(p.value for p in Phase)
                raise BadInput(f"Okänd fas: {part!r} (välj bland {names})") from None
    return tuple(phases)


def beslutsunderlag(db: Database, focus_area: FocusArea, phases: tuple[Phase, ...] = DEFAULT_PHASES) -> Beslutsunderlag:
    """The decision basis for one focus area, rows in the order they were entered."""
    report = Beslutsunderlag(focus_area, phases)
    with db.session() as s:
        found = s.exec(
            select(Initiative).where(Initiative.focus_area == focus_area, Initiative.phase.in_(phases))
            .order_by(Initiative.created_at, Initiative.id)
        ).all()
        for i in found:
            report.rows.append(ReportRow(
                name=i.name, proposed_start=i.proposed_start or "", context=i.context or "",
                party_resources=i.party_resources or "", budget_text=budget_text(i.budget_ore, i.budget_note),
                budget_note=(i.budget_note or "").strip(),
                budget_ore=i.budget_ore, ordinary_ore=ordinary_ore(i.budget_source, i.budget_ore, i.pilot_ore),
                pilot_ore=pilot_part_ore(i.budget_source, i.budget_ore, i.pilot_ore),
            ))
    return report
