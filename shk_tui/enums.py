"""Enumerations of the data model. Values are stable codes stored in the database; ``label`` is
the Swedish text shown to users. Pure Python: every layer may import this module."""

from __future__ import annotations

from enum import StrEnum, nonmember
from typing import Self


class LabelledEnum(StrEnum):
    """A StrEnum whose members carry a Swedish display label."""

    @property
    def label(self) -> str:
        labels = getattr(type(self), "_LABELS", {})
        return labels.get(self.value, self.value[:1].upper() + self.value[1:])

    @classmethod
    def parse(cls, text: str) -> Self:
        """Find a member by value or label, case-insensitively."""
        wanted = text.strip().casefold()
        for member in cls:
            if wanted in (member.value.casefold(), member.label.casefold()):
                return member
        raise ValueError(f"{text!r} is not a {cls.__name__}")

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        """(label, value) pairs, in declaration order, for Select widgets."""
        return [(m.label, m.value) for m in cls]


class OrganisationKind(LabelledEnum):
    STRATEGISK_PART = "strategisk part"
    OFFENTLIG_AKTOR = "offentlig aktör"
    AKADEMI = "akademi"
    CIVILSAMHALLE = "civilsamhälle"
    NARINGSLIV = "näringsliv"
    FINANSIAR = "finansiär"
    SAMARBETSPART = "samarbetspart"
    OVRIG = "övrig"


class LegalBasis(LabelledEnum):
    SAMTYCKE = "samtycke"
    AVTAL = "avtal"
    ALLMANT_INTRESSE = "allmänt intresse"
    BERATTIGAT_INTRESSE = "berättigat intresse"
    RATTSLIG_FORPLIKTELSE = "rättslig förpliktelse"


class EventKind(LabelledEnum):
    FORUM = "forum"
    LABB = "labb"
    WORKSHOP = "workshop"
    SEMINARIUM = "seminarium"
    KONFERENS = "konferens"
    MOTE = "möte"
    STYRELSEMOTE = "styrelsemöte"
    CO_WORKING = "co-working"
    OPPEN_VERKSTAD = "öppen verkstad"
    MASSA = "mässa"
    OVRIGT = "övrigt"


class Function(LabelledEnum):
    SAMHALLSFORUM = "samhällsforum"
    SAMHALLSLABBET = "samhällslabbet"
    SAMHALLSAKADEMIN = "samhällsakademin"
    TESTBADD = "testbädd"
    OVERGRIPANDE = "övergripande"

    _LABELS = nonmember({
        "samhällsforum": "Samhällsforum",
        "samhällslabbet": "Samhällslabbet",
        "samhällsakademin": "Samhällsakademin",
        "testbädd": "Testbädd",
        "övergripande": "Övergripande",
    })


class FocusArea(LabelledEnum):
    BARN = "barn"
    ALDRE = "aldre"
    OVERGRIPANDE = "overgripande"

    _LABELS = nonmember({
        "barn": "Alla barn och unga lyckas",
        "aldre": "Välmående och självständiga äldre",
        "overgripande": "Övergripande",
    })
    _SHORT = nonmember({"barn": "Barn och unga", "aldre": "Äldre", "overgripande": "Övergripande"})

    @property
    def short(self) -> str:
        """The name shortened for tables and bars (forms show the full ``label``)."""
        return type(self)._SHORT[self.value]


class EventStatus(LabelledEnum):
    PLANERAD = "planerad"
    GENOMFORD = "genomförd"
    INSTALLD = "inställd"


class ParticipationStatus(LabelledEnum):
    INBJUDEN = "inbjuden"
    ANMALD = "anmäld"
    RESERV = "reserv"
    DELTOG = "deltog"
    UTEBLEV = "uteblev"
    AVBOKAD = "avbokad"


class ParticipationRole(LabelledEnum):
    DELTAGARE = "deltagare"
    TALARE = "talare"
    ARRANGOR = "arrangör"
    FACILITATOR = "facilitator"


class InitiativeKind(LabelledEnum):
    INNOVATION = "innovation"
    FORSKNING = "forskning"
    UTBILDNING = "utbildning"


class Phase(LabelledEnum):
    FORSLAG = "förslag"
    UTFORSKAS = "utforskas"
    PLANERAS = "planeras"
    FAS_1 = "fas 1"
    FAS_2 = "fas 2"
    AVSLUTAD = "avslutad"
    PAUSAD = "pausad"
    AVSLAGEN = "avslagen"


class BudgetSource(LabelledEnum):
    """Where an initiative's processtöd budget comes from. ``blandad`` splits it between the
    ordinary and the pilot budget (``Initiative.pilot_ore`` holds the pilot part)."""

    ORDINARIE = "ordinarie"
    PILOT = "pilot"
    BLANDAD = "blandad"
    EXTERN = "extern"
    INGEN = "ingen"


class DecisionLevel(LabelledEnum):
    PROCESSLEDARE = "processledare"
    STYRELSE = "styrelse/Core Team"

    _LABELS = nonmember({
        "processledare": "Processledare",
        "styrelse/Core Team": "Styrelse/Core Team",
    })


class ContractKind(LabelledEnum):
    SAMARBETSAVTAL = "samarbetsavtal"
    FORSKNINGSAVTAL = "forskningsavtal"
    UPPDRAGSAVTAL = "uppdragsavtal"
    UPPHANDLING = "upphandling/ramavtal"
    KONSULTAVTAL = "konsultavtal"
    STUDENTUPPDRAG = "studentuppdrag"
    OVERENSKOMMELSE = "överenskommelse om medel"
    OVRIGT = "övrigt"


class ContractStatus(LabelledEnum):
    UTKAST = "utkast"
    UNDER_SIGNERING = "under signering"
    AKTIVT = "aktivt"
    AVSLUTAT = "avslutat"
    UPPSAGT = "uppsagt"


class PaymentStatus(LabelledEnum):
    """Derived, never stored (see services.contracts)."""

    PLANERAD = "planerad"
    FORFALLEN = "förfallen"
    DELBETALD = "delbetald"
    BETALD = "betald"


class ApplicationStatus(LabelledEnum):
    UNDER_ARBETE = "under arbete"
    INSKICKAD = "inskickad"
    BEVILJAD = "beviljad"
    AVSLAGEN = "avslagen"


class AuditAction(LabelledEnum):
    INSERT = "insert"
    UPDATE = "update"
    DELETE = "delete"
    MERGE = "merge"
    ERASE = "erase"

    _LABELS = nonmember({
        "insert": "Skapad",
        "update": "Ändrad",
        "delete": "Borttagen",
        "merge": "Sammanslagen",
        "erase": "Raderad (GDPR)",
    })


class ProcurementRoute(LabelledEnum):
    """How a contract was procured (LOU). Agreements between the parties are not procurements."""

    AVROP = "avrop från ramavtal"
    DIREKT = "direktupphandling"
    ANNONSERAD = "annonserad upphandling"
    EJ_PLIKTIG = "ej upphandlingspliktigt"


class PaymentDirection(LabelledEnum):
    """A payment goes out (a cost) or comes in (income, e.g. an överenskommelse om medel from a party)."""

    UT = "utbetalning"
    IN = "inbetalning"


class DecisionBody(LabelledEnum):
    """Who decided an initiative's budget, as recorded (``Initiative.decision_body``). Not the derived
    ``DecisionLevel``, which says who *must* decide given the amount."""

    PROCESSLEDARE = "processledare"
    CORE_TEAM = "core team"
    STYRELSE = "styrelse"

    _LABELS = nonmember({
        "processledare": "Processledare",
        "core team": "Core Team",
        "styrelse": "Styrelse",
    })


class FunderKind(LabelledEnum):
    """An application to an external funder, or the parties' own money (board goal 5 counts external)."""

    EXTERN = "extern finansiär"
    PART = "parternas egna medel"
