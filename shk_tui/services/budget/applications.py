"""External funding applications (board goal 5: raise at least 10 Mkr): list, form, progress."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import select

from shk_tui.db.engine import Database, sv_order
from shk_tui.db.models import FundingApplication, Initiative, Organisation
from shk_tui.enums import ApplicationStatus, FocusArea, FunderKind, OrganisationKind
from shk_tui.errors import ValidationError
from shk_tui.fmt import parse_date, parse_kr
from shk_tui.services import versioning
from shk_tui.services.rows import existing

#: Board goal 5: raise at least 10 000 000 kr in external funding.
GOAL_ORE = 10_000_000_00


@dataclass(frozen=True)
class ApplicationRow:
    id: int
    title: str
    funder: str
    amount_ore: int
    status: ApplicationStatus
    focus_area: FocusArea | None
    submitted_on: date | None
    decided_on: date | None
    initiative: str
    funder_kind: FunderKind = FunderKind.EXTERN  # extern finansiär or the parties' own money (goal 5)
    sk_share_ore: int | None = None  # our share of a consortium application (None: all of it)


@dataclass(frozen=True)
class Progress:
    goal_ore: int
    granted_ore: int
    pending_ore: int  # inskickad
    in_progress_ore: int  # under arbete

    @property
    def granted_share(self) -> float:
        return self.granted_ore / self.goal_ore if self.goal_ore else 0.0


@dataclass
class ApplicationInput:
    title: str = ""
    funder: str = ""  # organisation name; created as a finansiär when new
    amount: str = ""
    status: str = ApplicationStatus.UNDER_ARBETE.value
    focus_area: str = ""
    submitted_on: str = ""
    decided_on: str = ""
    initiative_id: int | None = None
    note: str = ""
    version: int | None = None  # of the row the form was loaded from (None: a new one)
    funder_kind: str = FunderKind.EXTERN.value  # goal 5 counts external money only
    sk_share: str = ""  # Samhällskontraktet's share of a consortium application in kr (empty: all of it)


def effective_status(status: ApplicationStatus, submitted_on: date | None) -> ApplicationStatus:
    """The status rule: a decision (beviljad, avslagen) stands; an application with a submission date
    and no decision yet is inskickad (it waits for an answer), even when it was left "under arbete";
    under arbete is one not yet sent. (An inskickad one without a known date stays inskickad.)"""
    if status is ApplicationStatus.UNDER_ARBETE and submitted_on is not None:
        return ApplicationStatus.INSKICKAD
    return status


def list_all(db: Database, status: ApplicationStatus | None = None) -> list[ApplicationRow]:
    """Every application (its status by ``effective_status``), or those of one status."""
    query = (
        select(FundingApplication, Organisation.name, Initiative.name)
        .outerjoin(Organisation, Organisation.id == FundingApplication.funder_id)
        .outerjoin(Initiative, Initiative.id == FundingApplication.initiative_id)
        .order_by(sv_order(FundingApplication.title), FundingApplication.id)
    )
    with db.read() as s:
        found = [
            ApplicationRow(a.saved_id, a.title, funder or "", a.amount_ore, effective_status(a.status, a.submitted_on),
                           a.focus_area, a.submitted_on, a.decided_on, initiative or "", a.funder_kind, a.sk_share_ore)
            for a, funder, initiative in s.exec(query)
        ]
    return found if status is None else [a for a in found if a.status is status]


def progress(db: Database) -> Progress:
    sums = {status: 0 for status in ApplicationStatus}
    for row in list_all(db):
        sums[row.status] += row.amount_ore
    return Progress(GOAL_ORE, sums[ApplicationStatus.BEVILJAD], sums[ApplicationStatus.INSKICKAD],
                    sums[ApplicationStatus.UNDER_ARBETE])


_LABELS = {"title": "Titel", "amount_ore": "Belopp", "status": "Status", "focus_area": "Fokusområde",
           "submitted_on": "Inskickad", "decided_on": "Beslut", "initiative_id": "Initiativ", "note": "Anteckning",
           "funder_kind": "Slag av finansiering", "sk_share_ore": "Samhällskontraktets andel"}


def _kr_text(ore: int | None) -> str:
    if ore is None:
        return ""
    kronor, rest = divmod(ore, 100)
    return f"{kronor},{rest:02d}" if rest else str(kronor)


def get(db: Database, application_id: int) -> ApplicationInput:
    with db.read() as s:
        a = existing(s, FundingApplication, application_id, f"Ansökan {application_id} finns inte")
        funder = s.get(Organisation, a.funder_id) if a.funder_id else None
        return ApplicationInput(
            title=a.title, funder=funder.name if funder else "", amount=_kr_text(a.amount_ore),
            status=effective_status(a.status, a.submitted_on).value,
            focus_area=a.focus_area.value if a.focus_area else "",
            submitted_on=a.submitted_on.isoformat() if a.submitted_on else "",
            decided_on=a.decided_on.isoformat() if a.decided_on else "", initiative_id=a.initiative_id,
            note=a.note or "", version=a.version, funder_kind=a.funder_kind.value, sk_share=_kr_text(a.sk_share_ore),
        )


def initiative_choices(db: Database, *, limit: int = 5000, include: int | None = None) -> list[tuple[str, int]]:
    """(name, id) of initiatives in Swedish order: at most ``limit``, and always ``include`` (the
    application's own initiative, so saving never drops one the form did not offer)."""
    with db.read() as s:
        choices = [(name, iid) for iid, name in s.exec(select(Initiative.id, Initiative.name)
                                                       .order_by(sv_order(Initiative.name)).limit(limit))]
        if include is not None and include not in {iid for _, iid in choices}:
            choices += [(name, iid) for iid, name in s.exec(select(Initiative.id, Initiative.name)
                                                            .where(Initiative.id == include))]
    return choices


def funder_names(db: Database) -> list[str]:
    with db.read() as s:
        return list(s.exec(select(Organisation.name).where(Organisation.kind == OrganisationKind.FINANSIAR)
                           .order_by(sv_order(Organisation.name))))


def validate(data: ApplicationInput) -> dict:
    errors: dict[str, str] = {}
    out: dict = {"title": data.title.strip(), "note": data.note.strip() or None, "initiative_id": data.initiative_id}
    if not out["title"]:
        errors["title"] = "Titel saknas"
    elif len(out["title"]) > 300:
        errors["title"] = "Högst 300 tecken"
    if len(data.funder.strip()) > 200:
        errors["funder"] = "Högst 200 tecken"
    try:
        out["amount_ore"] = parse_kr(data.amount) if data.amount.strip() else 0
        if out["amount_ore"] < 0:
            errors["amount"] = "Beloppet kan inte vara negativt"
    except ValueError as exc:
        errors["amount"] = str(exc)
    try:
        out["status"] = ApplicationStatus(data.status)
    except ValueError:
        errors["status"] = "Välj status"
    out["focus_area"] = FocusArea(data.focus_area) if data.focus_area else None
    try:
        out["funder_kind"] = FunderKind(data.funder_kind) if data.funder_kind else FunderKind.EXTERN
    except ValueError:
        errors["funder_kind"] = "Välj extern finansiär eller parternas egna medel"
    try:
        out["sk_share_ore"] = parse_kr(data.sk_share) if data.sk_share.strip() else None
    except ValueError as exc:
        errors["sk_share"] = str(exc)
    else:
        if out["sk_share_ore"] is not None and out["sk_share_ore"] < 0:
            errors["sk_share"] = "Andelen kan inte vara negativ"
        elif out["sk_share_ore"] is not None and out["sk_share_ore"] > out.get("amount_ore", 0) \
                and "amount" not in errors:
            errors["sk_share"] = "Andelen kan inte vara större än beloppet"
    for key in ("submitted_on", "decided_on"):
        text = getattr(data, key).strip()
        try:
            out[key] = parse_date(text) if text else None
        except ValueError as exc:
            errors[key] = str(exc)
    if "status" in out:
        out["status"] = effective_status(out["status"], out.get("submitted_on"))
    status = out.get("status")
    if status in (ApplicationStatus.BEVILJAD, ApplicationStatus.AVSLAGEN) and not out.get("decided_on") \
            and "decided_on" not in errors:
        errors["decided_on"] = "Ange beslutsdatum för ett beslutat ärende"
    if status in (ApplicationStatus.INSKICKAD, ApplicationStatus.BEVILJAD, ApplicationStatus.AVSLAGEN) \
            and not out.get("submitted_on") and "submitted_on" not in errors:
        errors["submitted_on"] = "Ange när ansökan skickades in"
    if out.get("submitted_on") and out.get("decided_on") and out["decided_on"] < out["submitted_on"]:
        errors["decided_on"] = "Beslutet kan inte komma före inskickandet"
    if errors:
        raise ValidationError(errors)
    return out


def save(db: Database, data: ApplicationInput, application_id: int | None = None) -> int:
    """Create or update an application; an update based on an older version than the row's
    (``data.version``) raises StaleEdit."""
    values = validate(data)
    funder_name = data.funder.strip()
    with versioning.session(db) as s:
        funder_id = None
        if funder_name:
            org = s.exec(select(Organisation).where(Organisation.name == funder_name)).first()
            if org is None:
                org = Organisation(name=funder_name, kind=OrganisationKind.FINANSIAR)
                s.add(org)
                s.flush()
            funder_id = org.id
        application: FundingApplication | None
        if application_id is None:
            application = FundingApplication(funder_id=funder_id, **values)
            s.add(application)
        else:
            application = existing(s, FundingApplication, application_id, f"Ansökan {application_id} finns inte")
            versioning.check_version(application, data.version, values, _LABELS)
            application.funder_id = funder_id
            for key, value in values.items():
                setattr(application, key, value)
        s.flush()
        return application.saved_id
