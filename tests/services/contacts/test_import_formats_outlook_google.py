"""CSV from Outlook (English and Swedish headers, about 90 columns, cp1252) and Google Contacts (old and
new headers, ``:::`` multi-values), written here as those tools write them; odd phones and e-mails."""

from __future__ import annotations

import csv
import io

from shk_tui.services.contacts import contact_import as imp

OUTLOOK_EN = ["Title", "First Name", "Middle Name", "Last Name", "Suffix", "Company", "Department", "Job Title",
              "Business Street", "Business Street 2", "Business Street 3", "Business City", "Business State",
              "Business Postal Code", "Business Country/Region", "Home Street", "Home Street 2", "Home Street 3",
              "Home City", "Home State", "Home Postal Code", "Home Country/Region", "Other Street", "Other Street 2",
              "Other Street 3", "Other City", "Other State", "Other Postal Code", "Other Country/Region",
              "Assistant's Phone", "Business Fax", "Business Phone", "Business Phone 2", "Callback", "Car Phone",
              "Company Main Phone", "Home Fax", "Home Phone", "Home Phone 2", "ISDN", "Mobile Phone", "Other Fax",
              "Other Phone", "Pager", "Primary Phone", "Radio Phone", "TTY/TDD Phone", "Telex", "Account",
              "Anniversary", "Assistant's Name", "Billing Information", "Birthday", "Business Address PO Box",
              "Categories", "Children", "Directory Server", "E-mail Address", "E-mail Type", "E-mail Display Name",
              "E-mail 2 Address", "E-mail 2 Type", "E-mail 2 Display Name", "E-mail 3 Address", "E-mail 3 Type",
              "E-mail 3 Display Name", "Gender", "Government ID Number", "Hobby", "Home Address PO Box", "Initials",
              "Internet Free Busy", "Keywords", "Language", "Location", "Manager's Name", "Mileage", "Notes",
              "Office Location", "Organizational ID Number", "Other Address PO Box", "Priority", "Private",
              "Profession", "Referred By", "Sensitivity", "Spouse", "User 1", "User 2", "User 3", "User 4",
              "Web Page"]
OUTLOOK_SV = {"Title": "Titel", "First Name": "Förnamn", "Middle Name": "Mellannamn", "Last Name": "Efternamn",
              "Company": "Företag", "Department": "Avdelning", "Job Title": "Befattning",
              "Business Phone": "Telefon arbete", "Business Phone 2": "Telefon arbete 2",
              "Company Main Phone": "Huvudtelefon företag", "Mobile Phone": "Mobiltelefon",
              "Home Phone": "Telefon hem", "Business Fax": "Fax arbete", "E-mail Address": "E-postadress",
              "E-mail Type": "E-posttyp", "E-mail Display Name": "Visningsnamn för e-post",
              "E-mail 2 Address": "E-postadress 2", "E-mail 3 Address": "E-postadress 3", "Notes": "Anteckningar",
              "Categories": "Kategorier"}


def outlook(rows: list[dict[str, str]], *, swedish: bool = False, encoding: str = "cp1252") -> bytes:
    """As Outlook for Windows exports: every column quoted, comma, CRLF, empty cells and Birthday 0/0/00."""
    headers = [OUTLOOK_SV.get(h, h) for h in OUTLOOK_EN] if swedish else OUTLOOK_EN
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(headers)
    for row in rows:
        cells = {**{h: "" for h in OUTLOOK_EN}, "Birthday": "0/0/00", "Priority": "Normal", "Private": "False",
                 "Sensitivity": "Normal", **row}
        writer.writerow([cells[h] for h in OUTLOOK_EN])
    return out.getvalue().encode(encoding)


KARIN = {"Title": "Fru", "First Name": "Karin", "Last Name": "Åström", "Company": "Eskilstuna kommun",
         "Department": "Barn- och utbildning", "Job Title": "Strateg", "Business Phone": "016-710 10 00",
         "Company Main Phone": "016-710 00 00", "Mobile Phone": "070-123 45 67", "Home Phone": "016-12 34 56",
         "Business Fax": "016-710 10 01", "E-mail Address": "/o=ExchangeLabs/ou=Exchange Administrative Group "
         "(FYDIBOHF23SPDLT)/cn=Recipients/cn=abc123-karin", "E-mail Type": "EX",
         "E-mail 2 Address": "karin.astrom@eskilstuna.example", "E-mail 2 Type": "SMTP",
         "Categories": "Styrelse;Core Team", "Notes": "Träffades på forum\r\nandra raden"}


def test_outlook_english_90_columns_in_cp1252(db):
    plan = imp.plan(db, outlook([KARIN]), "outlook.csv")
    assert plan.encoding == "cp1252" and plan.delimiter == "," and not plan.bad and not plan.warnings
    [k] = plan.new
    assert (k.first_name, k.last_name, k.title, k.organisation, k.email, k.phone, k.tags) == (
        "Karin", "Åström", "Strateg", "Eskilstuna kommun", "karin.astrom@eskilstuna.example", "+46 70 123 45 67",
        ["Styrelse", "Core Team"])
    assert k.note.split("\n") == [
        "Träffades på forum", "andra raden", "Avdelning: Barn- och utbildning", "Business Fax: 016-710 10 01",
        "Business Phone: +46 16 710 10 00", "Home Phone: +46 16 12 34 56", "Company Main Phone: +46 16 710 00 00"]


def test_outlook_swedish_headers(db):
    plan = imp.plan(db, outlook([KARIN], swedish=True), "outlook.csv")
    [k] = plan.new
    assert (k.name, k.title, k.organisation, k.email, k.phone) == (
        "Karin Åström", "Strateg", "Eskilstuna kommun", "karin.astrom@eskilstuna.example", "+46 70 123 45 67")
    assert "Avdelning: Barn- och utbildning" in k.note and "Telefon arbete: +46 16 710 10 00" in k.note
    assert "Titel" not in plan.columns  # Mr./Ms., since a Befattning column is there


def test_outlook_exchange_address_alone_is_warned_and_the_person_kept(db):
    row = {**KARIN, "E-mail 2 Address": "", "Mobile Phone": ""}
    plan = imp.plan(db, outlook([row], encoding="utf-8"), "outlook.csv")
    [k] = plan.new
    assert (k.email, k.phone) == ("", "+46 16 710 10 00")  # the business phone before the switchboard
    assert [w.reason for w in plan.warnings] == ["Exchange-adressen (/o=…) är ingen e-postadress och hoppades över"]


GOOGLE_OLD = ("Name,Given Name,Additional Name,Family Name,Group Membership,E-mail 1 - Type,E-mail 1 - Value,"
              "E-mail 2 - Type,E-mail 2 - Value,Phone 1 - Type,Phone 1 - Value,Phone 2 - Type,Phone 2 - Value,"
              "Organization 1 - Type,Organization 1 - Name,Organization 1 - Title\n"
              "Per Holm,Per,,Holm,* myContacts ::: student,* Work,per.holm@example.se ::: per@holm.example,"
              "Home,per@hem.example,Work,021-10 11 12,Mobile,073-555 12 12 ::: 070-999 88 77,,MDU,Doktorand\n")
GOOGLE_NEW = ("First Name,Middle Name,Last Name,Phonetic First Name,Nickname,File As,E-mail 1 - Label,"
              "E-mail 1 - Value,Phone 1 - Label,Phone 1 - Value,Phone 2 - Label,Phone 2 - Value,Organization Name,"
              "Organization Title,Organization Department,Birthday,Notes,Labels\n"
              "Lena,,Sjöberg,,,,Work,lena@region.example ::: lena.s@privat.example,Work,"
              "010-123 45 67,Mobile,+46 72 333 44 55,Region Västmanland,HR-chef,HR,1980-05-01,,* myContacts\n")


def test_google_old_headers_multi_values_and_second_columns(db):
    plan = imp.plan(db, GOOGLE_OLD.encode("utf-8"), "google.csv")
    assert not plan.bad and not plan.warnings
    [p] = plan.new
    assert (p.name, p.email, p.phone, p.organisation, p.title, p.tags) == (
        "Per Holm", "per.holm@example.se", "+46 73 555 12 12", "MDU", "Doktorand", ["student"])
    assert p.note.split("\n") == ["E-post 1: per@holm.example", "E-post 2: per@hem.example",
                                  "Telefon 2 (Mobile): +46 70 999 88 77", "Telefon 1 (Work): +46 21 10 11 12"]


def test_google_new_headers(db):
    [lena] = imp.plan(db, GOOGLE_NEW.encode("utf-8"), "contacts.csv").new
    assert (lena.name, lena.email, lena.phone, lena.organisation, lena.title, lena.tags) == (
        "Lena Sjöberg", "lena@region.example", "+46 72 333 44 55", "Region Västmanland", "HR-chef", [])
    assert lena.note.split("\n") == ["Avdelning: HR", "E-post 1: lena.s@privat.example",
                                     "Telefon 1 (Work): +46 10 123 45 67"]


ODD = ("Förnamn;Efternamn;E-post;Telefon;Mobil\r\n"
       "Örjan;Ek;orjan@example.se;021-12 34 56 ankn 12;\r\n"
       "Eva;Strand;eva(at)example.se;7,01E+08;\r\n"
       "Nils;Berg;;;0709-87 65 43\r\n"
       ";;anna.lind@example.se;;\r\n"
       ";;;070-111 22 33;\r\n")


def test_an_odd_field_never_drops_a_person(db):
    plan = imp.plan(db, ODD.encode("utf-8"), "udda.csv")
    assert [(r.name, r.email, r.phone) for r in plan.new] == [
        ("Örjan Ek", "orjan@example.se", ""), ("Eva Strand", "", ""), ("Nils Berg", "", "+46 70 987 65 43"),
        ("Anna Lind", "anna.lind@example.se", "")]
    assert plan.new[0].note == "Telefon: 021-12 34 56 ankn 12"
    assert plan.new[1].note == "E-post: eva(at)example.se\nTelefon: 7,01E+08"
    assert [(w.line, w.reason) for w in plan.warnings] == [
        (2, "telefon '021-12 34 56 ankn 12' (inget telefonnummer) sparades i anteckningen"),
        (3, "ogiltig e-postadress 'eva(at)example.se' sparades i anteckningen"),
        (3, "telefon '7,01E+08' (Excel har gjort om numret till ett tal med exponent) sparades i anteckningen"),
        (5, "namn saknas; namnet togs från e-postadressen (Anna Lind)")]
    assert [(b.line, b.name) for b in plan.bad] == [(6, "")]
    assert plan.summary() == "4 nya, 0 dubbletter, 1 felaktig rad, 4 varningar"
