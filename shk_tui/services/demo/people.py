"""Fictional people for the example data: ~60 contacts with roles, tags and legal basis.

No real person's details: names are common Swedish name pairs chosen for the roles of the organisation
document (styrelse, Core Team, processtöd, researchers, students, partners); e-mail addresses are on
``example.se`` domains and phone numbers are in the 070-1xx range. A few names are there on purpose:
Zetterberg/Åberg/Ängel/Ödman show the Swedish sort order, "Lindqvist"/"Lindkvist" at the same organisation
is a duplicate candidate, three contacts lack a legal basis (to be fixed), one is archived."""

from __future__ import annotations

import random
import unicodedata
from datetime import date, timedelta

from sqlmodel import Session

from shk_tui.db.models import Contact, Organisation, Tag
from shk_tui.enums import LegalBasis

# first | last | organisation | title | tags (comma-separated) | legal basis (- = none)
PEOPLE = """
Anna|Lundberg|Västerås stad|Styrelseordförande|styrelse|allmänt intresse
Mikael|Ekström|Västerås stad|Styrelseledamot|styrelse|allmänt intresse
Helena|Sjöberg|Eskilstuna kommun|Styrelseledamot|styrelse|allmänt intresse
Johan|Forsberg|Eskilstuna kommun|Styrelseledamot|styrelse|allmänt intresse
Karin|Wallin|Mälardalens universitet|Styrelseledamot|styrelse|allmänt intresse
Per|Nyström|Mälardalens universitet|Styrelseledamot|styrelse|allmänt intresse
Sara|Holmgren|Västerås stad|Core Team, Alla barn och unga lyckas|core team,barn och unga|allmänt intresse
Erik|Zetterberg|Västerås stad|Core Team, Välmående och självständiga äldre|core team,äldre|allmänt intresse
Maria|Åberg|Eskilstuna kommun|Core Team, Alla barn och unga lyckas|core team,barn och unga|allmänt intresse
Lars|Ödman|Eskilstuna kommun|Core Team, Välmående och självständiga äldre|core team,äldre|allmänt intresse
Eva|Ängel|Mälardalens universitet|Core Team, Alla barn och unga lyckas|core team,barn och unga|allmänt intresse
Anders|Blom|Mälardalens universitet|Core Team, Välmående och självständiga äldre|core team,äldre|allmänt intresse
Cecilia|Norén|Mälardalens universitet|Processledare, verksamhetschef|processtöd|allmänt intresse
Jonas|Hedlund|Mälardalens universitet|Processledare innovation och design|processtöd,barn och unga|allmänt intresse
Linnea|Strand|Mälardalens universitet|Processledare innovation och design|processtöd,äldre|allmänt intresse
Elin|Bergström|Mälardalens universitet|Biträdande processledare|processtöd|allmänt intresse
Fredrik|Sandberg|Mälardalens universitet|Processledare forskning och utbildning|processtöd|allmänt intresse
Ingrid|Dahl|Mälardalens universitet|Följeforskare|processtöd,forskare|allmänt intresse
Tomas|Lindgren|Mälardalens universitet|Ekonomicontroller|processtöd|allmänt intresse
Birgitta|Hellström|Mälardalens universitet|Senior rådgivare|processtöd|allmänt intresse
Nils|Eklund|Mälardalens universitet|Professor i statsvetenskap|forskare,barn och unga|allmänt intresse
Sofia|Berglund|Mälardalens universitet|Universitetslektor i pedagogik|forskare,barn och unga|allmänt intresse
Magnus|Lund|Mälardalens universitet|Docent i folkhälsovetenskap|forskare,äldre|allmänt intresse
Emma|Åström|Mälardalens universitet|Doktorand|forskare,barn och unga|allmänt intresse
Oskar|Fransson|Mälardalens universitet|Forskare, vårdvetenskap|forskare,äldre|allmänt intresse
Ida|Nordin|Mälardalens universitet|Amanuens|student|samtycke
Viktor|Engström|Mälardalens universitet|Student, beteendevetarprogrammet|student|samtycke
Alva|Söderberg|Mälardalens universitet|Student, folkhälsoprogrammet|student|samtycke
Hugo|Björk|Mälardalens universitet|Student, statsvetenskap|student|samtycke
Klara|Östlund|Mälardalens universitet|Amanuens|student|-
Karin|Lindqvist|Västerås stad|Samordnare mötesplatser|barn och unga,nyhetsbrev|allmänt intresse
Karin|Lindkvist|Västerås stad|Samordnare|nyhetsbrev|allmänt intresse
Peter|Gustafsson|Västerås stad|Samordnare ungdomsdialog|barn och unga|allmänt intresse
Lena|Axelsson|Västerås stad|Enhetschef äldreomsorg|äldre|allmänt intresse
David|Mattsson|Västerås stad|Rektor, Nybyggeskolan|barn och unga|allmänt intresse
Johanna|Ek|Västerås stad|Verksamhetsutvecklare|äldre,nyhetsbrev|allmänt intresse
Henrik|Olofsson|Eskilstuna kommun|Enhetschef hemtjänsten|äldre|allmänt intresse
Malin|Jakobsson|Eskilstuna kommun|Folkhälsostrateg|äldre,barn och unga|allmänt intresse
Stefan|Hermansson|Eskilstuna kommun|Säkerhetssamordnare, KUG Trygghet|barn och unga|allmänt intresse
Josefin|Falk|Eskilstuna kommun|Fritidsledare, Årby|barn och unga,testbädd|allmänt intresse
Mats|Lindström|Eskilstuna kommun|Utvecklingsledare digitalisering|äldre|-
Annika|Persson|Skultuna kommundelsförvaltning|Projektledare Drömfabriken|testbädd,barn och unga|allmänt intresse
Robert|Isaksson|Skultuna kommundelsförvaltning|Kommundelschef|testbädd|allmänt intresse
Therese|Nyberg|Skultuna kommundelsförvaltning|Fritidsgårdsföreståndare|testbädd,barn och unga|allmänt intresse
Kristoffer|Holm|Skultuna kommundelsförvaltning|Skolkurator|testbädd,barn och unga|allmänt intresse
Camilla|Sundberg|Zetterbergsgymnasiet|Rektor|testbädd,barn och unga|allmänt intresse
Martin|Wikström|Zetterbergsgymnasiet|Förstelärare|testbädd,barn och unga|allmänt intresse
Ulrika|Lindholm|Region Sörmland|Folkhälsoplanerare|äldre,nyhetsbrev|allmänt intresse
Göran|Sjöström|Region Västmanland|Tidigare kontaktperson|nyhetsbrev|allmänt intresse
Jenny|Hansson|RF-SISU|Utvecklingskonsulent|barn och unga|avtal
Patrik|Öberg|RF-SISU|Distriktschef|barn och unga|avtal
Marie|Jonsson|Handelskammaren|Näringslivsutvecklare|nyhetsbrev|berättigat intresse
Daniel|Carlsson|Handelskammaren|Vd|nyhetsbrev|berättigat intresse
Åsa|Lindell|Center för Välfärdsförändring|Verksamhetsledare|äldre|avtal
Björn|Andersson|Center för Välfärdsförändring|Innovationsledare|äldre|avtal
Lisa|Kronberg|Dark Matter Labs|Strategic designer|barn och unga|avtal
Gustav|Mårtensson|Mimer|Analytiker|barn och unga|avtal
Hanna|Vesterlund|SKR|Handläggare välfärdsinnovation|nyhetsbrev|berättigat intresse
Tobias|Rydberg|Formas|Handläggare|nyhetsbrev|berättigat intresse
Agnes|Ström||Invånare, pensionär|äldre|samtycke
Rut|Claesson||Invånare|äldre|-
"""

DOMAINS = {
    "Mälardalens universitet": "mdu",
    "Västerås stad": "vasteras",
    "Eskilstuna kommun": "eskilstuna",
    "Skultuna kommundelsförvaltning": "vasteras",
    "Zetterbergsgymnasiet": "eskilstuna",
}

#: The roles whose holders the other parts of the example data refer to.
BITRADANDE = ("Elin", "Bergström")
PROCESSLEDARE = ("Cecilia", "Norén")


def fold_ascii(text: str) -> str:
    """'Ödman Åsa' → 'odman asa' (for e-mail local parts and domains)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if c.isascii() and (c.isalnum() or c in ".-"))


def email_for(first: str, last: str, org: str | None, taken: set[str]) -> str:
    domain = DOMAINS.get(org or "") or (fold_ascii(org.replace(" ", "-")) if org else "privat")
    local = f"{fold_ascii(first)}.{fold_ascii(last)}"
    address = f"{local}@{domain}.example.se"
    n = 2
    while address in taken:
        address = f"{local}{n}@{domain}.example.se"
        n += 1
    taken.add(address)
    return address


def phone(rng: random.Random) -> str:
    """A fictional Swedish mobile number, already in the normalised +46 form."""
    return f"+46 70 1{rng.randint(0, 99):02d} {rng.randint(10, 99)} {rng.randint(10, 99)}"


def load_contacts(session: Session, orgs: dict[str, Organisation], today: date, rng: random.Random) -> list[Contact]:
    tags: dict[str, Tag] = {}
    taken: set[str] = set()
    contacts: list[Contact] = []
    for line in filter(None, PEOPLE.strip().splitlines()):
        first, last, org_name, title, tag_text, basis = line.split("|")
        org = orgs.get(org_name) if org_name else None
        if org_name and org is None:
            raise KeyError(f"example contact {first} {last}: unknown organisation {org_name}")
        legal = None if basis == "-" else LegalBasis.parse(basis)
        contact = Contact(
            first_name=first,
            last_name=last,
            title=title,
            organisation=org,
            email=email_for(first, last, org_name or None, taken),
            phone=phone(rng) if rng.random() < 0.85 else None,
            legal_basis=legal,
            consent_on=today - timedelta(days=rng.randint(30, 700)) if legal is LegalBasis.SAMTYCKE else None,
            source="Exempeldata",
            archived=org_name == "Region Västmanland",
        )
        for name in filter(None, tag_text.split(",")):
            if name not in tags:
                tags[name] = Tag(name=name)
            contact.tags.append(tags[name])
        session.add(contact)
        contacts.append(contact)
    session.flush()
    return contacts


def find(contacts: list[Contact], first: str, last: str) -> Contact:
    return next(c for c in contacts if (c.first_name, c.last_name) == (first, last))


def with_tag(contacts: list[Contact], tag: str) -> list[Contact]:
    return [c for c in contacts if any(t.name == tag for t in c.tags) and not c.archived]
