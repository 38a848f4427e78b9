"""Contact import/export: files as Excel (Swedish, cp1252 and UTF-8 with BOM), Outlook, Google and
vCard 3.0/4.0 write them (written here by the tests), bad rows, duplicates, all-or-nothing, round trips."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook
from sqlmodel import select

from shk_tui.db.models import AuditEntry, Contact, Organisation
from shk_tui.errors import BadInput
from shk_tui.formats import csv_contacts, vcard, xlsx_contacts
from shk_tui.services.contacts import contact_export, contact_list, contacts
from shk_tui.services.contacts import contact_import as imp
from shk_tui.services.contacts.contact_list import ContactFilter
from shk_tui.services.contacts.contacts import ContactInput

SWEDISH = (
    "Förnamn;Efternamn;E-post;Telefon;Organisation;Titel;Taggar\r\n"
    "Åsa;Öberg;asa.oberg@example.se;070-123 45 67;Mälardalens universitet;Forskare;forskare, styrelse\r\n"
    "Örjan;Ängström;orjan@example.se;021-12 34 56;Västerås stad;Enhetschef;\r\n"
    ";;;070-111 22 33;;Forskare;\r\n"
    "Bo;Bäck;bo@@example;;;;\r\n"
)
OUTLOOK = (
    '"Title","First Name","Middle Name","Last Name","Company","Job Title","E-mail Address","Business Phone",'
    '"Mobile Phone","Categories","Notes"\r\n'
    '"Ms.","Karin","","Lund","Eskilstuna kommun","Strateg","karin.lund@example.se","016-10 20 30","",'
    '"Core Team;styrelse","Träffades på forum, 2024"\r\n'
)
GOOGLE = (
    "Name,Given Name,Additional Name,Family Name,Organization 1 - Name,Organization 1 - Title,"
    "E-mail 1 - Type,E-mail 1 - Value,Phone 1 - Type,Phone 1 - Value,Group Membership\n"
    "Per Holm,Per,,Holm,MDU,Doktorand,* Work,per.holm@example.se,Mobile,+46 73 555 12 12,"
    "* myContacts ::: student\n"
)
VCARD3 = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Sjöberg;Lena;;;\r\nFN:Lena Sjöberg\r\nORG:Region Västmanland;HR\r\n"
    "TITLE:HR-chef\r\nEMAIL;TYPE=INTERNET:lena.sjoberg@example.se\r\nTEL;TYPE=CELL:0709-876543\r\n"
    "CATEGORIES:styrelse,forskare\r\nNOTE:Rad ett\\nrad två\\, med komma\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Utan Efternamnsfält\r\nEMAIL:utan@example.se\r\nEND:VCARD\r\n"
)
VCARD4 = (
    "BEGIN:VCARD\nVERSION:4.0\nN:Ek;Jonas;;;\nFN:Jonas Ek\nEMAIL;TYPE=work:jonas.ek@exa\n mple.se\n"
    "TEL;VALUE=uri;TYPE=voice:tel:+46-8-123-456-78\nEND:VCARD\n"
)


def names(plan) -> list[str]:
    return [r.name for r in plan.new]


def all_contacts(db) -> list[tuple]:
    with db.session() as s:
        rows = s.exec(select(Contact).order_by(Contact.sort_key)).all()
        return [(c.first_name, c.last_name, c.email, c.phone, c.organisation.name if c.organisation else None,
                 c.title, sorted(t.name for t in c.tags)) for c in rows]


def everything(db) -> list[tuple]:
    """All a contact holds that an export carries."""
    with db.session() as s:
        rows = s.exec(select(Contact).order_by(Contact.sort_key)).all()
        return [(c.first_name, c.last_name, c.email, c.phone, c.organisation.name if c.organisation else None,
                 c.title, sorted(t.name for t in c.tags), c.note, c.legal_basis, c.consent_on) for c in rows]


@pytest.mark.parametrize("encoding", ["cp1252", "utf-8-sig", "utf-8"])
def test_swedish_excel_csv_in_each_encoding(db, encoding):
    plan = imp.plan(db, SWEDISH.encode(encoding), "kontakter.csv")
    assert plan.delimiter == ";" and plan.encoding == encoding
    assert names(plan) == ["Åsa Öberg", "Örjan Ängström", "Bo Bäck"]
    assert [(p.line, p.reason) for p in plan.bad] == [
        (4, "namn saknas (och ingen organisation eller e-postadress att ta det från)")]
    assert [(p.line, p.reason) for p in plan.warnings] == [
        (5, "ogiltig e-postadress 'bo@@example' sparades i anteckningen")]
    assert imp.apply(db, plan) == 3
    assert all_contacts(db) == [  # Swedish order: Ä before Ö
        ("Bo", "Bäck", None, None, None, None, []),
        ("Örjan", "Ängström", "orjan@example.se", "+46 21 12 34 56", "Västerås stad", "Enhetschef", []),
        ("Åsa", "Öberg", "asa.oberg@example.se", "+46 70 123 45 67", "Mälardalens universitet", "Forskare",
         ["forskare", "styrelse"]),
    ]
    assert [r.name for r in contact_list.search(db, ContactFilter(text="öberg")).rows] == ["Åsa Öberg"]


def test_outlook_and_google_exports(db):
    outlook = imp.plan(db, OUTLOOK.encode("utf-8"), "outlook.csv")
    assert outlook.delimiter == ","
    rec = outlook.new[0]
    assert (rec.name, rec.title, rec.organisation, rec.phone, rec.tags, rec.note) == (
        "Karin Lund", "Strateg", "Eskilstuna kommun", "+46 16 10 20 30", ["Core Team", "styrelse"],
        "Träffades på forum, 2024")
    google = imp.plan(db, GOOGLE.encode("utf-8"), "google.csv")
    rec = google.new[0]
    assert (rec.name, rec.email, rec.organisation, rec.title, rec.phone, rec.tags) == (
        "Per Holm", "per.holm@example.se", "MDU", "Doktorand", "+46 73 555 12 12", ["student"])


def test_vcard_3_and_4(db):
    three = imp.plan(db, VCARD3.encode("utf-8"), "kort.vcf")
    lena = three.new[0]
    assert (lena.first_name, lena.last_name, lena.organisation, lena.title, lena.phone, lena.tags, lena.note) == (
        "Lena", "Sjöberg", "Region Västmanland", "HR-chef", "+46 70 987 65 43", ["styrelse", "forskare"],
        "Rad ett\nrad två, med komma\nAvdelning: HR")
    assert three.new[1].name == "Utan Efternamnsfält"
    four = imp.plan(db, VCARD4.encode("utf-8"), "kort.vcf")
    assert (four.new[0].email, four.new[0].phone) == ("jonas.ek@example.se", "+46 8 123 456 78")


def test_override_delimiter_encoding_and_columns(db):
    data = "Namn|Mejladress\nEva Strand|eva@example.se\n".encode("cp1252")
    with pytest.raises(BadInput):
        imp.plan(db, data, "x.csv", delimiter=",")
    plan = imp.plan(db, data, "x.csv", delimiter="|", encoding="cp1252", columns={"Mejladress": "email"})
    assert (plan.new[0].name, plan.new[0].email) == ("Eva Strand", "eva@example.se")


def test_duplicates_are_reported_not_updated(db):
    contacts.save(db, ContactInput(first_name="Åsa", last_name="Öberg", email="ASA.OBERG@example.se", title="Gammal"))
    data = (SWEDISH + "Åsa;Öberg-Kopia;orjan@example.se;;;;\r\n").encode("cp1252")
    plan = imp.plan(db, data, "k.csv")
    assert [(d.line, d.existing_name) for d in plan.duplicates] == [(2, "Åsa Öberg"), (6, "rad 3 i filen")]
    imp.apply(db, plan)
    with db.session() as s:
        asa = s.exec(select(Contact).where(Contact.last_name == "Öberg")).one()
        assert asa.title == "Gammal"
    assert len(all_contacts(db)) == 3


def test_cancel_and_failure_leave_the_database_as_it_was(db):
    plan = imp.plan(db, SWEDISH.encode("cp1252"), "k.csv")
    calls = []
    with pytest.raises(imp.Cancelled):
        imp.apply(db, plan, cancelled=lambda: bool(calls.append(1)) or len(calls) > 1)

    def fail(done, total):
        raise OSError("disken är full")

    with pytest.raises(OSError):
        imp.apply(db, plan, progress=fail)
    with db.session() as s:
        assert s.exec(select(Contact)).all() == []
        assert s.exec(select(Organisation)).all() == []
        assert s.exec(select(AuditEntry)).all() == []


def test_import_is_audited(db):
    imp.apply(db, imp.plan(db, SWEDISH.encode("utf-8"), "k.csv"))
    with db.session() as s:
        entries = s.exec(select(AuditEntry).where(AuditEntry.table_name == "contact")).all()
    assert len(entries) == 3 and entries[0].changes["source"] == [None, "import: k.csv"]


def test_bad_files_are_refused(db, tmp_path):
    with pytest.raises(BadInput, match="namnkolumn"):
        imp.plan(db, b"a;b\n1;2\n", "x.csv")
    with pytest.raises(BadInput, match="finns inte"):
        imp.plan_file(db, tmp_path / "saknas.csv")
    assert [p.reason for p in imp.plan(db, b"BEGIN:VCARD\nFN:A\n", "x.vcf").bad] == [
        "vCard utan END:VCARD (filen kan vara avklippt) – kortet importeras inte"]
    with pytest.raises(BadInput, match="tom"):
        imp.plan(db, b"", "x.csv")


@pytest.fixture
def register(db):
    imp.apply(db, imp.plan(db, (SWEDISH + OUTLOOK.split("\r\n", 1)[1].replace(",", ";")).encode("utf-8"), "a.csv"))
    imp.apply(db, imp.plan(db, VCARD3.encode(), "b.vcf"))
    lena = contact_list.search(db, ContactFilter(text="sjöberg")).rows[0].id
    detail = contacts.get(db, lena)
    contacts.save(db, ContactInput(first_name=detail.first_name, last_name=detail.last_name, title=detail.title,
                                   organisation=detail.organisation, email=detail.email, phone=detail.phone,
                                   note=detail.note, legal_basis="allmänt intresse", consent_on="2025-03-01"), lena)
    return db


@pytest.mark.parametrize("fmt", ["csv", "vcf", "xlsx"])
def test_export_then_import_gives_the_same_contacts(register, db, fmt, tmp_path):
    before = everything(register)
    assert any(c[8] for c in before) and any(c[7] for c in before)  # a legal basis and notes travel too
    data = contact_export.export_bytes(register, ContactFilter(), fmt)
    with register.session() as s:
        for c in s.exec(select(Contact)).all():
            c.tags = []
            s.flush()
            s.delete(c)
    plan = imp.plan(register, data, f"export.{fmt}")
    assert not plan.bad and not plan.duplicates
    imp.apply(register, plan)
    assert everything(register) == before


def test_csv_export_opens_in_swedish_excel(register):
    data = contact_export.export_bytes(register, ContactFilter(text="forskare"), "csv")
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert text.split("\r\n")[0].startswith("Förnamn;Efternamn;Titel;Organisation;E-post")
    assert text.count("\r\n") == 3  # header + Åsa Öberg + Lena Sjöberg


def test_xlsx_has_swedish_header_and_rows(register):
    wb = load_workbook(io.BytesIO(contact_export.export_bytes(register, ContactFilter(), "xlsx")))
    ws = wb.active
    assert [c.value for c in ws[1]][:5] == ["Förnamn", "Efternamn", "Titel", "Organisation", "E-post"]
    assert ws.max_row == 1 + len(all_contacts(register))


def test_vcard_writer_folds_and_escapes():
    rec = csv_contacts.ContactRecord(first_name="Ann", last_name="Lång; Namn", note="x" * 200, tags=["a,b"])
    data = vcard.write_vcards([rec], version="3.0")
    assert all(len(line.encode()) <= 75 for line in data.decode().split("\r\n"))
    back = vcard.read_vcards(data)[0]
    assert (back.last_name, back.note, back.tags) == ("Lång; Namn", "x" * 200, ["a,b"])
    assert xlsx_contacts.read_xlsx(xlsx_contacts.write_xlsx([rec]))[0].last_name == "Lång; Namn"


def test_columns_are_overridden_by_code_or_swedish_name_and_shown(db):
    data = "Namn;Kontaktadress;Fax;Arbetsplats\nEva Strand;eva@example.se;021-1;MDU\n".encode("cp1252")
    auto = imp.plan(db, data, "x.csv")
    assert auto.new[0].email == "" and auto.columns_text() == "Namn → namn, Fax → anteckning; används inte: Kontaktadress, Arbetsplats"
    columns = imp.parse_columns(["Kontaktadress=e-post", " Arbetsplats = organisation", "Fax=", ""])
    assert columns == {"Kontaktadress": "email", "Arbetsplats": "organisation", "Fax": ""}
    plan = imp.plan(db, data, "x.csv", columns=columns)
    assert (plan.new[0].email, plan.new[0].organisation) == ("eva@example.se", "MDU")
    assert plan.columns_text() == "Namn → namn, Kontaktadress → e-post, Arbetsplats → organisation; används inte: Fax"
    for bad in (["Mejl"], ["=email"], ["Mejl=fax"]):
        with pytest.raises(BadInput):
            imp.parse_columns(bad)


def test_duplicates_can_be_imported_to_be_merged(db):
    from shk_tui.services.contacts import duplicates

    old = contacts.save(db, ContactInput(first_name="Åsa", last_name="Öberg", email="asa.oberg@example.se"))
    plan = imp.plan(db, SWEDISH.encode("cp1252"), "k.csv")
    assert [d.existing_id for d in plan.duplicates] == [old]
    assert imp.apply(db, plan, with_duplicates=True) == 3  # Örjan and Bo (new) and the file's Åsa Öberg
    found = duplicates.candidates(db, contact_id=old)
    assert [(c.score, c.reason) for c in found] == [(100, "samma e-post")]
    copy = found[0].b_id
    assert contacts.get(db, copy).organisation == "Mälardalens universitet"
    assert contacts.get(db, old).organisation == ""  # the existing contact is untouched until merged
    duplicates.merge(db, old, copy, {"organisation_id", "title"})
    assert (contacts.get(db, old).organisation, contacts.get(db, old).title) == ("Mälardalens universitet", "Forskare")


def test_xlsx_guards_formulas_and_gives_the_text_back():
    rec = csv_contacts.ContactRecord(first_name="=Eva", last_name="@Berg", note="-- ring först", phone="+46 70 1",
                                     title="-5 grader")
    data = xlsx_contacts.write_xlsx([rec])
    ws = load_workbook(io.BytesIO(data)).active
    assert [c.value for c in ws[2]][:3] == ["=Eva", "@Berg", "-5 grader"]
    assert all(c.data_type == "s" and c.quotePrefix for c in ws[2][:3])  # text cells: no formula in Excel
    back = xlsx_contacts.read_xlsx(data)[0]
    assert (back.first_name, back.last_name, back.note, back.phone, back.title) == (
        "=Eva", "@Berg", "-- ring först", "+46 70 1", "-5 grader")
