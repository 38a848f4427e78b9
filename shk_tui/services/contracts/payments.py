"""A contract's payment schedule: add one payment, generate N equal instalments (monthly,
quarterly or on given dates; the last takes the rounding remainder), mark paid (partial payments
add up), undo a payment, delete a row. Amounts are typed in Swedish (``1 272 000``,
``12 500,50``) and parsed here, so every form gets the same messages."""

from __future__ import annotations

from datetime import date

from shk_tui.db.engine import Database
from shk_tui.db.models import Contract, Payment
from shk_tui.errors import NotFound, ValidationError
from shk_tui.fmt import format_kr, parse_date, parse_kr
from shk_tui.services import versioning
from shk_tui.services.contracts import contract_money
from shk_tui.services.contracts import contract_rules as rules
from shk_tui.services.rows import existing, saved


def _amount(raw: str, field: str, errors: dict[str, str], *, positive: bool = True) -> int | None:
    ore = rules.parsed(raw, field, errors, parse_kr, "Ange ett belopp")
    if ore is None:
        return None
    if ore < 0 or (positive and ore == 0):
        errors[field] = "Beloppet måste vara större än 0" if positive else "Beloppet får inte vara negativt"
        return None
    return ore


def _contract(s, contract_id: int) -> Contract:
    return existing(s, Contract, contract_id, f"Avtalet finns inte (id {contract_id})")


def _payment(s, payment_id: int, *, lock: bool = False) -> Payment:
    """The payment row; ``lock``: SELECT … FOR UPDATE on PostgreSQL, so a concurrent writer waits for
    this transaction and then reads what it wrote (SQLite has one writer at a time anyway: a transaction
    whose snapshot is older than another's commit cannot write)."""
    p = s.get(Payment, payment_id, with_for_update=lock or None, populate_existing=lock)
    if p is None:
        raise NotFound(f"Utbetalningen finns inte (id {payment_id})")
    return p


_LABELS = {"due_on": "Förfallodag", "amount_ore": "Belopp", "note": "Anteckning", "paid_on": "Betald",
           "paid_amount_ore": "Betalt belopp", "reference": "Referens", **contract_money.PAYMENT_LABELS}


def add_payment(db: Database, contract_id: int, due_on: str, amount: str, note: str = "", *, direction: str = "",
                decided_by: str = "", attested_by: str = "") -> int:
    """A payment on the contract: an utbetalning unless ``direction`` says inbetalning, with who decided
    (beslutsattestant) and who attested it when known."""
    errors: dict[str, str] = {}
    day = rules.parse_day(due_on, "due_on", errors)
    ore = _amount(amount, "amount", errors)
    attest = contract_money.parse_payment(direction, decided_by, attested_by, errors)
    if errors:
        raise ValidationError(errors)
    assert day is not None and ore is not None  # else errors
    with db.session() as s:
        _contract(s, contract_id)
        p = Payment(contract_id=contract_id, due_on=day, amount_ore=ore, note=note.strip() or None, **attest)
        return saved(s, p)


def update_payment(db: Database, payment_id: int, due_on: str, amount: str, note: str = "", *,
                   expected_version: int | None = None, direction: str | None = None, decided_by: str | None = None,
                   attested_by: str | None = None) -> None:
    """Change a payment's due date, amount or note (a postponed or re-split instalment), and, when given
    (not None), its direction and attest names. The amount may not go below what has already been paid on
    it. StaleEdit when the row changed since it was read at ``expected_version``."""
    errors: dict[str, str] = {}
    day = rules.parse_day(due_on, "due_on", errors)
    ore = _amount(amount, "amount", errors)
    given = {k: v for k, v in (("direction", direction), ("decided_by", decided_by), ("attested_by", attested_by))
             if v is not None}
    attest = {k: v for k, v in contract_money.parse_payment(
        given.get("direction", ""), given.get("decided_by", ""), given.get("attested_by", ""), errors).items()
        if k in given}
    with versioning.session(db) as s:
        p = _payment(s, payment_id, lock=True)
        versioning.check_version(p, expected_version, {"due_on": day, "amount_ore": ore, "note": note, **attest},
                                 _LABELS)
        if ore is not None and ore < (p.paid_amount_ore or 0):
            errors["amount"] = f"Mindre än det som redan är betalt ({format_kr(p.paid_amount_ore)})"
        if errors:
            raise ValidationError(errors)
        assert day is not None and ore is not None  # else errors
        p.due_on = day
        p.amount_ore = ore
        p.note = note.strip() or None
        for key, value in attest.items():
            setattr(p, key, value)
        s.add(p)


def parse_dates(text: str) -> list[date]:
    """``2027-01-31, 2027-06-30 2027-12-31`` → dates (comma, semicolon or space separated)."""
    parts = [p for p in text.replace(";", " ").replace(",", " ").split() if p]
    days = []
    for part in parts:
        try:
            days.append(parse_date(part))
        except ValueError as exc:
            raise ValidationError({"dates": str(exc)}) from None
        if problem := rules.year_error(days[-1]):
            raise ValidationError({"dates": problem})
    return days


def preview_schedule(
    amount: str, interval: rules.Interval, count: str = "", first_due: str = "", dates: str = ""
) -> list[tuple[date, int]]:
    """Parse the schedule form and return (due date, öre) rows; ValidationError per field."""
    errors: dict[str, str] = {}
    ore = _amount(amount, "amount", errors)
    first = None
    n = 0
    days: list[date] = []
    if interval == rules.Interval.DATES:
        try:
            days = parse_dates(dates)
        except ValidationError as exc:
            errors.update(exc.errors)
    else:
        first = rules.parse_day(first_due, "first_due", errors)
        if not count.strip().isdigit() or int(count) < 1:
            errors["count"] = "Ange antal delbetalningar (1 eller fler)"
        else:
            n = int(count)
    if errors:
        raise ValidationError(errors)
    assert ore is not None
    return rules.schedule(ore, interval=interval, count=n, first_due=first, dates=days)


def generate_schedule(
    db: Database,
    contract_id: int,
    amount: str,
    interval: rules.Interval,
    count: str = "",
    first_due: str = "",
    dates: str = "",
) -> list[int]:
    """Add the instalments of ``preview_schedule`` to the contract in one transaction."""
    rows = preview_schedule(amount, interval, count, first_due, dates)
    with db.session() as s:
        _contract(s, contract_id)
        created = [Payment(contract_id=contract_id, due_on=day, amount_ore=ore) for day, ore in rows]
        s.add_all(created)
        s.flush()
        return [p.saved_id for p in created]


def mark_paid(db: Database, payment_id: int, paid_on: str, amount: str, reference: str = "", *,
              today: date) -> None:
    """Register a payment made (date, amount, invoice/verification number). Partial payments add
    up on the row; more than what remains is refused. Atomic: the row is locked while it is read and
    updated, so two people marking 100 kr at the same time store 200 kr (or the second is refused as
    more than remains). Not refused as stale: it adds to what is paid now rather than replacing it."""
    errors: dict[str, str] = {}
    day = rules.parse_day(paid_on, "paid_on", errors, default=today)
    ore = _amount(amount, "amount", errors)
    if len(reference.strip()) > 100:
        errors["reference"] = "Högst 100 tecken"
    with versioning.session(db) as s:
        p = _payment(s, payment_id, lock=True)
        already = p.paid_amount_ore or 0
        left = p.amount_ore - already
        if ore is not None and ore > left:
            errors["amount"] = f"Mer än det som återstår ({format_kr(left)})"
        if errors:
            raise ValidationError(errors)
        p.paid_amount_ore = already + (ore or 0)
        p.paid_on = day
        ref = reference.strip()
        if ref:
            p.reference = ref if not p.reference else f"{p.reference}, {ref}"[:100]
        s.add(p)


def unmark_paid(db: Database, payment_id: int, *, expected_version: int | None = None) -> None:
    """Undo everything registered as paid on the row (wrong row marked); StaleEdit when a payment was
    registered on it since it was read at ``expected_version`` (that one would be undone unseen)."""
    with versioning.session(db) as s:
        p = _payment(s, payment_id, lock=True)
        versioning.check_version(p, expected_version, {"paid_on": None, "paid_amount_ore": None}, _LABELS)
        p.paid_on = None
        p.paid_amount_ore = None
        p.reference = None
        s.add(p)


def delete_payment(db: Database, payment_id: int, *, expected_version: int | None = None) -> None:
    with versioning.session(db) as s:
        p = _payment(s, payment_id, lock=True)
        versioning.check_version(p, expected_version)
        s.delete(p)
