"""Budget follow-up: budget lines × years with outcome (utfall) and what remains, group subtotals and
the grand total (the board's table "Budget och utfall"), funders and editing one figure (Översikt's row for
lines over 90 % used: ``budget_attention``). Funding applications live in ``services.applications``."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlmodel import select

from shk_tui.db.engine import Database, sv_order
from shk_tui.db.models import BudgetLine, BudgetYear, Funder
from shk_tui.errors import NotFound, StaleEdit, ValidationError
from shk_tui.fmt import parse_date, parse_kr
from shk_tui.services import versioning
from shk_tui.services.rows import saved

#: Swedish headings of the budget line groups (the board's table), in display order.
GROUP_LABELS = {
    "verksamhet": "Verksamhet",
    "pilot": "Pilotprojekt",
    "funktion": "Funktioner",
    "reserverat": "Reserverat",
}


@dataclass(frozen=True)
class Cell:
    """One year of one row: budget, outcome and what remains (None = no figure)."""

    budget_ore: int | None = None
    outcome_ore: int | None = None
    outcome_as_of: date | None = None
    version: int = 0  # of the stored year row (0: none yet); passed back to set_figure

    @property
    def remaining_ore(self) -> int | None:
        if self.budget_ore is None and self.outcome_ore is None:
            return None
        return (self.budget_ore or 0) - (self.outcome_ore or 0)

    @property
    def used_share(self) -> float | None:
        if not self.budget_ore:
            return None
        return (self.outcome_ore or 0) / self.budget_ore

    def __add__(self, other: Cell) -> Cell:
        def add(a: int | None, b: int | None) -> int | None:
            return None if a is None and b is None else (a or 0) + (b or 0)

        as_of = max((d for d in (self.outcome_as_of, other.outcome_as_of) if d), default=None)
        return Cell(add(self.budget_ore, other.budget_ore), add(self.outcome_ore, other.outcome_ore), as_of)


@dataclass(frozen=True)
class Row:
    """kind: "line" (a budget line), "group" (a group's subtotal) or "total" (the grand total)."""

    kind: str
    label: str
    group: str
    cells: dict[int, Cell]
    line_id: int | None = None


@dataclass
class BudgetTable:
    years: list[int]
    rows: list[Row] = field(default_factory=list)

    @property
    def total(self) -> Row:
        return self.rows[-1]

    def line(self, name: str) -> Row:
        return next(r for r in self.rows if r.kind == "line" and r.label == name)

    def group(self, group: str) -> Row:
        return next(r for r in self.rows if r.kind == "group" and r.group == group)


def group_label(group: str) -> str:
    return GROUP_LABELS.get(group, group.capitalize())


def years(db: Database) -> list[int]:
    """The years that have any figure, ascending."""
    with db.read() as s:
        return sorted(s.exec(select(BudgetYear.year).distinct()).all())


def table(db: Database, shown_years: list[int] | None = None) -> BudgetTable:
    """Lines grouped in the order of their first position, each group followed by its subtotal,
    then TOTALT. ``shown_years`` defaults to every year with a figure."""
    with db.read() as s:
        lines = s.exec(select(BudgetLine.id, BudgetLine.name, BudgetLine.group, BudgetLine.position)
                       .order_by(BudgetLine.position, sv_order(BudgetLine.name))).all()
        figures = s.exec(select(BudgetYear.line_id, BudgetYear.year, BudgetYear.budget_ore, BudgetYear.outcome_ore,
                                BudgetYear.outcome_as_of, BudgetYear.version)).all()
    all_years = sorted({f[1] for f in figures})
    wanted = sorted(shown_years) if shown_years is not None else all_years
    cells: dict[tuple[int, int], Cell] = {(lid, y): Cell(b, o, a, v) for lid, y, b, o, a, v in figures}
    groups: dict[str, list[Row]] = {}
    for lid, name, group, _ in lines:
        groups.setdefault(group, []).append(
            Row("line", name, group, {y: cells.get((lid, y), Cell()) for y in wanted}, lid)
        )
    result = BudgetTable(wanted)
    grand = {y: Cell() for y in wanted}
    for group, rows in groups.items():
        result.rows.extend(rows)
        subtotal = {y: Cell() for y in wanted}
        for row in rows:
            for y in wanted:
                subtotal[y] = subtotal[y] + row.cells[y]
        result.rows.append(Row("group", f"Summa {group_label(group).lower()}", group, subtotal))
        for y in wanted:
            grand[y] = grand[y] + subtotal[y]
    result.rows.append(Row("total", "TOTALT", "", grand))
    return result


FIGURES = ("budget", "outcome")


def set_figure(db: Database, line_id: int, year: int, figure: str, amount: str, as_of: str = "", *,
               expected_version: int | None = None) -> Cell:
    """Set one figure: ``figure`` is "budget" or "outcome" (utfall, dated by ``as_of``). An empty
    amount clears it. Creates the year row when missing. StaleEdit when the year's figures changed
    since they were read at ``expected_version`` (``Cell.version``; 0 when there was no row)."""
    errors: dict[str, str] = {}
    if figure not in FIGURES:
        raise ValidationError({"figure": f"Okänd uppgift: {figure}"})
    if not 2000 <= year <= 2100:
        errors["year"] = "Året måste ligga mellan 2000 och 2100"
    ore: int | None = None
    if amount.strip():
        try:
            ore = parse_kr(amount)
        except ValueError as exc:
            errors["amount"] = str(exc)
        else:
            if ore < 0 and figure == "budget":
                errors["amount"] = "Budgeten kan inte vara negativ"
    when: date | None = None
    if as_of.strip():
        try:
            when = parse_date(as_of)
        except ValueError as exc:
            errors["as_of"] = str(exc)
    if figure == "outcome" and ore is not None and when is None and "as_of" not in errors:
        errors["as_of"] = "Ange per vilket datum utfallet gäller (ÅÅÅÅ-MM-DD)"
    if errors:
        raise ValidationError(errors)
    mine: dict[str, Any] = ({"budget_ore": ore} if figure == "budget" else
                            {"outcome_ore": ore, "outcome_as_of": when if ore is not None else None})
    return _write_year(db, line_id, year, mine, expected_version)


def _write_year(db: Database, line_id: int, year: int, mine: dict[str, Any], expected_version: int | None) -> Cell:
    """Write ``mine`` (columns and values) to the line's year row, creating it when missing; StaleEdit when
    the row changed since it was read at ``expected_version`` (0: there was no row then)."""
    with versioning.session(db) as s:
        if s.get(BudgetLine, line_id) is None:
            raise NotFound(f"Budgetraden {line_id} finns inte")
        row = s.exec(select(BudgetYear).where(BudgetYear.line_id == line_id, BudgetYear.year == year)).first()
        if row is None:
            if expected_version:  # there was a row when the figure was opened
                raise StaleEdit({_LABELS[k]: (versioning.shown(k, v), "") for k, v in mine.items()})
            row = BudgetYear(line_id=line_id, year=year)
            s.add(row)
        elif expected_version is not None and row.version != expected_version:
            raise StaleEdit(versioning.differences(row, mine, _LABELS)
                            or {_LABELS[k]: (versioning.shown(k, v), versioning.shown(k, getattr(row, k)))
                                for k, v in mine.items()})
        for column, value in mine.items():
            setattr(row, column, value)
        try:
            s.flush()
        except IntegrityError:  # the year row was created by someone else meanwhile (team database)
            raise StaleEdit() from None
        return Cell(row.budget_ore, row.outcome_ore, row.outcome_as_of, row.version)


_LABELS = {"budget_ore": "Budget", "outcome_ore": "Utfall", "outcome_as_of": "Utfall per",
           "adjustment_ore": "Justering", "adjustment_reason": "Skäl till justering"}


def set_adjustment(db: Database, line_id: int, year: int, amount: str, reason: str, *, today: date,
                   expected_version: int | None = None) -> Cell:
    """Set the manual forecast adjustment of one line and year (``services.budget.forecast``): an
    amount in kr, negative to lower the forecast, with the reason for it (required). An empty amount
    removes the adjustment and its reason. A closed year (before today's) takes none: its forecast is
    its outcome. Creates the year row when missing; audited, and StaleEdit when the year's row changed
    since it was read at ``expected_version`` (0: there was no row)."""
    errors: dict[str, str] = {}
    if not 2000 <= year <= 2100:
        errors["year"] = "Året måste ligga mellan 2000 och 2100"
    elif year < today.year:
        errors["year"] = f"{year} är avslutat: prognosen är utfallet och kan inte justeras"
    ore: int | None = None
    if amount.strip():
        try:
            ore = parse_kr(amount)
        except ValueError as exc:
            errors["amount"] = str(exc)
    why = " ".join(reason.split())
    if ore is not None and not why:
        errors["reason"] = "Ange skälet till justeringen"
    elif len(why) > 500:
        errors["reason"] = "Högst 500 tecken"
    if errors:
        raise ValidationError(errors)
    text = why if ore is not None else None
    mine: dict[str, Any] = {"adjustment_ore": ore, "adjustment_reason": text}
    return _write_year(db, line_id, year, mine, expected_version)


def add_line(db: Database, name: str, group: str) -> int:
    errors: dict[str, str] = {}
    if not name.strip():
        errors["name"] = "Namn saknas"
    elif len(name.strip()) > 200:
        errors["name"] = "Högst 200 tecken"
    if not group.strip():
        errors["group"] = "Grupp saknas"
    elif len(group.strip()) > 100:
        errors["group"] = "Högst 100 tecken"
    with db.session() as s:
        if not errors and s.exec(select(BudgetLine.id).where(BudgetLine.name == name.strip())).first():
            errors["name"] = f"Budgetraden {name.strip()} finns redan"
        if errors:
            raise ValidationError(errors)
        position = max(s.exec(select(BudgetLine.position)).all(), default=-1) + 1
        line = BudgetLine(name=name.strip(), group=group.strip().lower(), position=position)
        return saved(s, line)


def chart(budget_table: BudgetTable, year: int) -> list[tuple[str, int, int]]:
    """(line, budget öre, outcome öre) per budget line with a figure that year."""
    return [
        (row.label, row.cells[year].budget_ore or 0, row.cells[year].outcome_ore or 0)
        for row in budget_table.rows
        if row.kind == "line" and year in row.cells and row.cells[year].remaining_ore is not None
    ]


@dataclass(frozen=True)
class FunderRow:
    name: str
    amount_ore: int
    period: str


def funders(db: Database) -> tuple[list[FunderRow], int]:
    """Funders (largest first) and the total available."""
    with db.read() as s:
        rows = s.exec(select(Funder).order_by(Funder.amount_ore.desc(), sv_order(Funder.name))).all()
        found = [FunderRow(f.name, f.amount_ore, f.period or "") for f in rows]
    return found, sum(f.amount_ore for f in found)
