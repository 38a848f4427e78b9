"""What a contract's detail shows of its money (issue #18), beside ``contract_detail``: the budget line and
the procurement facts as info pairs, the procurement warnings in full, and per payment its direction and
attest, marked (``MARK``, bold) when one person both decided and attested it; the payment dialogs' fields
for direction, beslutsattestant and attestant."""

from __future__ import annotations

from rich.text import Text

from shk_tui.enums import PaymentDirection, ProcurementRoute
from shk_tui.fmt import count, format_kr
from shk_tui.services.contracts.contract_money import ContractMoney, PaymentMoney
from shk_tui.ui.base.form_fields import CHOICE, FormField

Pair = tuple[str, str]
#: Before the attestant of a payment one person decided and attested: the flag is not colour only.
MARK = "▲"
#: The payment table's columns after Status (before Anteckning).
COLUMNS = ["Riktning", "Beslutad av", "Attesterad av"]


#: The routes in short, for the two-column layout of a small terminal.
SHORT_ROUTES = {ProcurementRoute.AVROP: "avrop", ProcurementRoute.DIREKT: "direkt",
                ProcurementRoute.ANNONSERAD: "annonserad", ProcurementRoute.EJ_PLIKTIG: "ej pliktigt"}


def procurement_text(m: ContractMoney, narrow: bool = False) -> str:
    """'direktupphandling, Kommunikation, 960 000 kr (beräknat), ej dokumenterad'; ``narrow``: 'direkt,
    Kommunikation, 960 000 kr, ej dok.'."""
    if m.route is None:
        parts = ["ej angiven"]
    else:
        parts = [SHORT_ROUTES[m.route] if narrow else m.route.label]
    if m.category:
        parts.append(m.category)
    if m.value_ore is not None:
        source = "uppskattat" if m.estimated_ore is not None else "beräknat"
        parts.append(format_kr(m.value_ore) if narrow else f"{format_kr(m.value_ore)} ({source})")
    if m.route is ProcurementRoute.DIREKT:
        parts.append(("dok." if m.documented else "ej dok.") if narrow else
                     ("dokumenterad" if m.documented else "ej dokumenterad"))
    return ", ".join(parts)


def info_pairs(m: ContractMoney | None, narrow: bool = False) -> tuple[list[Pair], list[Pair], list[Pair]]:
    """(left, right, full width) pairs for ``contract_info``: the budget line, the procurement facts, the
    procurement warnings in full."""
    if m is None:
        return [], [], []
    line = f"{m.budget_line} {m.budget_year or ''}".strip() if m.budget_line else "–"
    wide = [("LOU", "; ".join(m.warnings))] if m.warnings else []
    return [("Budgetrad", line)], [("Upphandling", procurement_text(m, narrow))], wide


def summary_parts(m: ContractMoney | None) -> list[str]:
    """What the payment summary adds: payments decided and attested by one person."""
    if m is None or not m.same_person_count:
        return []
    n = m.same_person_count
    done = "beslutad och attesterad" if n == 1 else "beslutade och attesterade"
    return [f"{MARK} {count(n, 'utbetalning', 'utbetalningar')} {done} av samma person"]


def payment_cells(p: PaymentMoney | None, style: str = "") -> tuple[Text, Text, Text]:
    """Riktning, Beslutad av, Attesterad av in the row's ``style`` (the attestant marked, and both names bold,
    when one person decided and attested it)."""
    if p is None:
        return Text("", style=style), Text("", style=style), Text("", style=style)
    direction = Text("in" if p.direction is PaymentDirection.IN else "ut", style=style)
    if p.same_person:
        flagged = f"{style} bold".strip()
        return direction, Text(p.decided_by, style=flagged), Text(f"{MARK} {p.attested_by} (samma)", style=flagged)
    return direction, Text(p.decided_by, style=style), Text(p.attested_by, style=style)


def payment_fields(p: PaymentMoney | None = None) -> list[FormField]:
    """The payment dialog's direction and attest fields (a new payment: an utbetalning, names empty)."""
    return [
        FormField("direction", "Riktning", CHOICE, (p.direction if p else PaymentDirection.UT).value,
                  options=PaymentDirection.choices(), allow_blank=False,
                  help="Inbetalning: t.ex. en överenskommelse om medel"),
        FormField("decided_by", "Beslutsattestant", value=p.decided_by if p else "", placeholder="vem beslutade"),
        FormField("attested_by", "Attestant", value=p.attested_by if p else "", placeholder="vem attesterade",
                  help="En annan person än beslutsattestanten"),
    ]
