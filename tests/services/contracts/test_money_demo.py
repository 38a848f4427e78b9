"""The example data's #18 cases on SQLite and PostgreSQL: one direktupphandling over the limit (its
automatic renewal counted), one undocumented, one payment decided and attested by one person, agreements
between the parties not procurements; goal 5 counts granted external money only (the rector's 10 Mkr is
the parties' own) and the Horizon application by our share."""

from __future__ import annotations

from datetime import date

from sqlmodel import select

from shk_tui.db.models import Contract, FundingApplication
from shk_tui.enums import ContractKind, FunderKind, ProcurementRoute
from shk_tui.services import attention
from shk_tui.services.budget import goal
from shk_tui.services.contracts import attest, procurement
from shk_tui.services.contracts import procurement_rules as rules
from shk_tui.services.demo import money
from shk_tui.services.demo import seed as demo

TODAY = date(2026, 12, 2)


def test_example_data_holds_the_procurement_attest_and_goal_cases(db):
    demo.load(db, today=TODAY)
    with db.read() as s:
        contracts = {c.title: c for c in s.exec(select(Contract)).all()}
        applications = {a.title: a for a in s.exec(select(FundingApplication)).all()}
    found = procurement.warnings(db, TODAY)
    by_title = {title: [w.kind for w in found.get(c.id, [])] for title, c in contracts.items()}
    assert by_title[money.OVER_LIMIT_TITLE] == [rules.OVER_LIMIT]
    assert by_title["Konsultavtal Cornerstone Indicators"] == [rules.UNDOCUMENTED]
    assert sum(1 for kinds in by_title.values() if kinds) == 2
    over = found[contracts[money.OVER_LIMIT_TITLE].id][0].text
    assert "960 000 kr" in over  # 480 000 kr for a year + a 12-month renewal
    # agreements between the parties are not procurements
    assert all(c.procurement_route is ProcurementRoute.EJ_PLIKTIG for c in contracts.values()
               if c.kind is ContractKind.OVERENSKOMMELSE)

    conflicts = attest.attest_conflicts(db, TODAY)
    assert [(c.contract, c.person) for c in conflicts] == [("Konsultavtal Cornerstone Indicators", "Elin Bergström")]
    # Physical literacy's samarbetsavtal (3 x 100 000 kr) passes the mandate; Cornerstone has Core Team's decision
    assert [(m.name, m.spending_ore) for m in attest.missing_decisions(db)] == [("Physical literacy", 300_000_00)]
    categories = {i.category for i in attention.collect(db, TODAY)}
    assert {procurement.CATEGORY, attest.SAME_PERSON, attest.NO_DECISION} <= categories

    rector = applications["Tvärvetenskaplig forskning kopplad till Samhällskontraktet"]
    horizon = applications["Care Collectives för och med barn och unga i Skultuna"]
    assert (rector.funder_kind, rector.amount_ore) == (FunderKind.PART, 10_000_000_00)
    assert (horizon.amount_ore, horizon.sk_share_ore) == (80_000_000_00, 6_400_000_00)
    progress = goal.progress(db)
    assert progress.own_granted_ore == 10_000_000_00  # beside the goal, not in it
    assert progress.granted_ore == 0 and not progress.reached
    assert progress.external.pending_ore == 6_000_000_00 + 6_400_000_00  # Formas + our Horizon share
