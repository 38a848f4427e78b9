"""Board goal 5 (external funding ≥ 10 Mkr): granted external money counts (our share of a consortium
application), the parties' own money is shown beside it; SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

from shk_tui.db.models import FundingApplication
from shk_tui.enums import ApplicationStatus, FunderKind
from shk_tui.services.budget import goal

B, SENT, U = ApplicationStatus.BEVILJAD, ApplicationStatus.INSKICKAD, ApplicationStatus.UNDER_ARBETE


def test_counted_is_our_share_and_the_granted_amount():
    assert goal.counted_ore(80_000_000_00, 8_000_000_00) == 8_000_000_00
    assert goal.counted_ore(6_000_000_00, None) == 6_000_000_00
    assert goal.counted_ore(6_000_000_00, None, 4_000_000_00, B) == 4_000_000_00
    assert goal.counted_ore(80_000_000_00, 8_000_000_00, 60_000_000_00, B) == 8_000_000_00
    assert goal.counted_ore(6_000_000_00, None, 4_000_000_00, SENT) == 6_000_000_00  # granted_ore only once granted


def test_progress_counts_granted_external_money_and_shows_the_parties_own(db):
    def app(title, amount_kr, status, kind=FunderKind.EXTERN, share_kr=None, granted_kr=None):
        return FundingApplication(
            title=title, amount_ore=amount_kr * 100, status=status, funder_kind=kind,
            sk_share_ore=share_kr * 100 if share_kr is not None else None,
            granted_ore=granted_kr * 100 if granted_kr is not None else None,
            submitted_on=None if status is U else date(2026, 1, 1), decided_on=date(2026, 6, 1) if status is B else None)

    with db.session() as s:
        s.add_all([
            app("Rektors satsning", 10_000_000, B, FunderKind.PART),
            app("Formas", 6_000_000, B, granted_kr=4_500_000),
            app("Horizon", 80_000_000, B, share_kr=3_000_000),
            app("Vinnova", 2_000_000, SENT),
            app("Horizon 2", 36_000_000, U, share_kr=4_000_000),
            app("Kommunens egna", 500_000, SENT, FunderKind.PART),
            app("Avslag", 9_000_000, ApplicationStatus.AVSLAGEN),
        ])
    p = goal.progress(db)
    assert p.target_ore == 10_000_000_00
    assert p.granted_ore == 7_500_000_00  # 4.5 Mkr granted of Formas + our 3 Mkr of Horizon
    assert (p.external.pending_ore, p.external.in_progress_ore) == (2_000_000_00, 4_000_000_00)
    assert p.own_granted_ore == 10_000_000_00 and p.own.pending_ore == 500_000_00
    assert not p.reached and p.share == 0.75


def test_kind_label():
    assert (goal.kind_label(FunderKind.EXTERN), goal.kind_label(FunderKind.PART)) == ("extern", "parternas")


def test_a_submitted_application_left_under_arbete_counts_as_pending(db):
    with db.session() as s:
        s.add(FundingApplication(title="Skickad", amount_ore=1_000_000_00, status=U, submitted_on=date(2026, 3, 1)))
    p = goal.progress(db)
    assert (p.external.pending_ore, p.external.in_progress_ore) == (1_000_000_00, 0)


def test_the_applications_export_says_extern_or_parternas(db):
    from shk_tui.services.portfolio import portfolio_export

    with db.session() as s:
        s.add_all([
            FundingApplication(title="Rektors satsning", amount_ore=10_000_000_00, status=B, funder_kind=FunderKind.PART,
                               submitted_on=date(2026, 1, 1), decided_on=date(2026, 2, 1)),
            FundingApplication(title="Horizon", amount_ore=80_000_000_00, status=SENT, sk_share_ore=6_400_000_00,
                               submitted_on=date(2026, 1, 1)),
        ])
    sheet = portfolio_export.applications_sheet(db)
    summary = {row[0]: row[1].ore for row in sheet.preamble}
    assert summary["Beviljat externt"] == 0
    assert summary["Inskickat externt, väntar på besked"] == 6_400_000_00
    assert summary["Parternas egna medel, beviljat (räknas inte mot målet)"] == 10_000_000_00
    kind, share = sheet.header.index("Slag"), sheet.header.index("Vår andel")
    rows = {row[0]: (row[kind], row[share].ore) for row in sheet.rows}
    assert rows == {"Horizon": ("extern", 6_400_000_00), "Rektors satsning": ("parternas", None)}
