"""The applications' status rule (issue #15): one with a submission date and no decision is inskickad,
not "under arbete" – when saved so, and when an older row was stored so; a decision stands."""

from __future__ import annotations

from datetime import date

from sqlmodel import select

from shk_tui.db.models import FundingApplication
from shk_tui.enums import ApplicationStatus
from shk_tui.services.budget import applications
from shk_tui.services.budget.applications import ApplicationInput, effective_status

KR = 100


def test_the_rule():
    day = date(2026, 9, 1)
    assert effective_status(ApplicationStatus.UNDER_ARBETE, None) is ApplicationStatus.UNDER_ARBETE
    assert effective_status(ApplicationStatus.UNDER_ARBETE, day) is ApplicationStatus.INSKICKAD
    assert effective_status(ApplicationStatus.INSKICKAD, None) is ApplicationStatus.INSKICKAD  # date unknown
    assert effective_status(ApplicationStatus.BEVILJAD, day) is ApplicationStatus.BEVILJAD
    assert effective_status(ApplicationStatus.AVSLAGEN, day) is ApplicationStatus.AVSLAGEN


def test_a_submission_date_makes_it_inskickad(db):
    sent = applications.save(db, ApplicationInput(title="Vinnova", amount="2 000 000", status="under arbete",
                                                  submitted_on="2026-09-01"))
    draft = applications.save(db, ApplicationInput(title="Skiss", amount="1 000 000", status="under arbete"))
    with db.read() as s:
        assert s.get(FundingApplication, sent).status is ApplicationStatus.INSKICKAD
        assert s.get(FundingApplication, draft).status is ApplicationStatus.UNDER_ARBETE
    # a row stored before the rule (under arbete with a date) reads as inskickad everywhere
    with db.session() as s:
        old = FundingApplication(title="Äldre", amount_ore=500_000 * KR, status=ApplicationStatus.UNDER_ARBETE,
                                 submitted_on=date(2026, 5, 1))
        s.add(old)
        s.flush()
        old_id = old.id
    shown = {a.title: a.status for a in applications.list_all(db)}
    assert shown == {"Vinnova": ApplicationStatus.INSKICKAD, "Skiss": ApplicationStatus.UNDER_ARBETE,
                     "Äldre": ApplicationStatus.INSKICKAD}
    assert applications.get(db, old_id).status == "inskickad"
    progress = applications.progress(db)
    assert (progress.pending_ore, progress.in_progress_ore) == (2_500_000 * KR, 1_000_000 * KR)
    assert [a.title for a in applications.list_all(db, ApplicationStatus.INSKICKAD)] == ["Vinnova", "Äldre"]
    with db.read() as s:
        assert s.exec(select(FundingApplication.status).where(FundingApplication.id == old_id)).one() \
            is ApplicationStatus.UNDER_ARBETE  # reading changes nothing stored
