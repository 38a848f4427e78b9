"""vCards as phones and address books write them (the files are written here): Android's 2.1 with
quoted-printable in UTF-8 and ISO-8859-1, Apple's 3.0 groups and company cards, 4.0 URIs, Outlook's
UTF-16, a card without END:VCARD."""

from __future__ import annotations

import time

from sqlmodel import select

from shk_tui.db.models import Contact, Organisation
from shk_tui.formats import vcard
from shk_tui.services.contacts import contact_import as imp

ANDROID_UTF8 = (
    "BEGIN:VCARD\r\nVERSION:2.1\r\n"
    "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=C3=96berg;=C3=85sa;;;\r\n"
    "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=C3=85sa =C3=96berg\r\n"
    "TEL;WORK:021-10 20 30\r\n"
    "TEL;CELL;PREF:070-123 45 67\r\n"
    "EMAIL;WORK:asa@example.se\r\n"
    "NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Tr=C3=A4ffades p=C3=A5 m=C3=A4ssan i V=C3=A4ster=\r\n"
    "=C3=A5s, ring efter lunch\r\n"
    "PHOTO;ENCODING=BASE64;JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD\r\n"
    "QUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJD\r\n"
    "\r\n"
    "END:VCARD\r\n"
)
ANDROID_LATIN1 = (
    "BEGIN:VCARD\r\nVERSION:2.1\r\n"
    "N;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:=C4ngstr=F6m;=D6rjan;;;\r\n"
    "ORG;CHARSET=ISO-8859-1;QUOTED-PRINTABLE:M=E4lardalens universitet\r\n"
    "TEL;HOME;VOICE:+46 8 123 456 78\r\n"
    "END:VCARD\r\n"
)
APPLE = (
    "BEGIN:VCARD\nVERSION:3.0\nPRODID:-//Apple Inc.//iPhone OS 17.4//EN\n"
    "N:Lind;Karin;;;\nFN:Karin Lind\nORG:Region Västmanland;HR\\, lön;\nTITLE:HR-chef\n"
    "item1.EMAIL;type=INTERNET;type=pref:karin.lind@example.se\nitem1.X-ABLabel:_$!<Work>!$_\n"
    "item2.EMAIL;type=INTERNET:karin@hem.example\n"
    "item3.TEL:021-39 10 00\nitem3.X-ABLabel:Växel\n"
    "TEL;type=CELL;type=VOICE;type=pref:+46 73 555 12 12\n"
    "NOTE:Rad ett\\nrad två\\; med semikolon\\, och komma\n"
    "PHOTO;ENCODING=b;TYPE=JPEG:" + "QUJD" * 200 + "\n " + "QUJD" * 18 + "\n"
    "END:VCARD\n"
    "BEGIN:VCARD\nVERSION:3.0\nN:;;;;\nFN:Västerås stad växel\nORG:Västerås stad växel;\n"
    "item1.TEL;type=pref:021-39 00 00\nitem1.X-ABLabel:_$!<Main>!$_\n"
    "EMAIL;type=INTERNET;type=WORK:kontaktcenter@vasteras.example\nX-ABShowAs:COMPANY\nEND:VCARD\n"
)
VCARD4 = (
    "\ufeffBEGIN:VCARD\r\nVERSION:4.0\r\nN:Ek;Jonas;;;\r\nFN:Jonas Ek\r\n"
    "TEL;TYPE=work,voice;VALUE=uri:tel:+46-10-123-45-67\r\n"
    "TEL;TYPE=cell,voice;VALUE=uri:tel:+46-70-999-88-77\r\n"
    "TEL;TYPE=fax;VALUE=uri:tel:+46-10-123-45-99\r\n"
    "EMAIL;PREF=1:jonas.ek@example.se\r\nEND:VCARD\r\n"
)
OUTLOOK_VCF = ("BEGIN:VCARD\r\nVERSION:2.1\r\nN;LANGUAGE=sv;CHARSET=utf-8:Ström;Märta\r\nFN:Märta Ström\r\n"
               "TEL;WORK;VOICE:+47 22 12 34 56\r\nEMAIL;PREF;INTERNET:marta@example.no\r\nEND:VCARD\r\n")


def people(db):
    with db.read() as s:
        return [(c.first_name, c.last_name, c.email, c.phone, c.note)
                for c in s.exec(select(Contact).order_by(Contact.sort_key)).all()]


def test_android_21_quoted_printable_utf8_with_soft_breaks_is_decoded(db):
    plan = imp.plan(db, ANDROID_UTF8.encode("ascii"), "telefon.vcf")
    assert not plan.bad and not plan.warnings
    [asa] = plan.new
    assert (asa.first_name, asa.last_name, asa.email, asa.phone) == ("Åsa", "Öberg", "asa@example.se",
                                                                     "+46 70 123 45 67")  # the mobile wins
    assert asa.note == "Träffades på mässan i Västerås, ring efter lunch\nTelefon (work): +46 21 10 20 30"
    imp.apply(db, plan)
    assert "=C3" not in repr(people(db)) and people(db)[0][:2] == ("Åsa", "Öberg")


def test_android_21_quoted_printable_latin1_and_bare_types(db):
    [orjan] = imp.plan(db, ANDROID_LATIN1.encode("ascii"), "gammal.vcf").new
    assert (orjan.first_name, orjan.last_name, orjan.organisation, orjan.phone) == (
        "Örjan", "Ängström", "Mälardalens universitet", "+46 8 123 456 78")


def test_apple_groups_labels_department_and_escapes(db):
    plan = imp.plan(db, APPLE.encode("utf-8"), "iphone.vcf")
    [karin] = plan.new
    assert (karin.email, karin.phone, karin.organisation, karin.title) == (
        "karin.lind@example.se", "+46 73 555 12 12", "Region Västmanland", "HR-chef")
    assert karin.note.split("\n") == ["Rad ett", "rad två; med semikolon, och komma", "Avdelning: HR, lön",
                                      "E-post: karin@hem.example", "Telefon (Växel): +46 21 39 10 00"]


def test_apple_company_card_becomes_an_organisation_with_its_phone_and_email(db):
    plan = imp.plan(db, APPLE.encode("utf-8"), "iphone.vcf")
    assert [r.name for r in plan.new] == ["Karin Lind"]
    [company] = plan.organisations
    assert (company.organisation, company.note) == (
        "Västerås stad växel", "Telefon: +46 21 39 00 00\nE-post: kontaktcenter@vasteras.example")
    assert "1 ny, 1 organisation," in plan.summary()
    assert imp.apply(db, plan) == 1
    with db.read() as s:
        org = s.exec(select(Organisation).where(Organisation.name == "Västerås stad växel")).one()
        assert org.note == "Telefon: +46 21 39 00 00\nE-post: kontaktcenter@vasteras.example"
        assert s.exec(select(Contact).where(Contact.first_name == "Västerås")).all() == []
    imp.apply(db, imp.plan(db, APPLE.encode("utf-8"), "iphone.vcf"))  # again: the note is not doubled
    with db.read() as s:
        assert s.exec(select(Organisation.note).where(Organisation.name == "Västerås stad växel")).one().count(
            "Telefon") == 1


def test_vcard_40_uris_pref_and_fax_with_bom(db):
    [jonas] = imp.plan(db, VCARD4.encode("utf-8"), "kort.vcf").new
    assert (jonas.email, jonas.phone) == ("jonas.ek@example.se", "+46 70 999 88 77")
    assert jonas.note == "Telefon (fax): tel:+46-10-123-45-99\nTelefon (work): +46 10 123 45 67"


def test_outlook_vcf_in_utf16_and_cp1252(db):
    for data in (OUTLOOK_VCF.encode("utf-16"), OUTLOOK_VCF.encode("utf-16-le"), OUTLOOK_VCF.encode("cp1252")):
        [marta] = imp.plan(db, data, "outlook.vcf").new
        assert (marta.first_name, marta.last_name, marta.email, marta.phone) == (
            "Märta", "Ström", "marta@example.no", "+47 22 12 34 56")


def test_several_cards_lf_or_crlf_and_a_card_without_end_is_reported(db):
    data = (ANDROID_LATIN1 + APPLE.replace("\n", "\r\n") + "BEGIN:VCARD\nVERSION:3.0\nN:Avklippt;Anna;;;\nEMAIL:an")
    plan = imp.plan(db, data.encode("utf-8"), "alla.vcf")
    assert [r.name for r in plan.new] == ["Örjan Ängström", "Karin Lind"]
    [bad] = plan.bad
    assert (bad.line, bad.name) == (34, "Anna Avklippt") and "END:VCARD" in bad.reason
    # a card whose END is missing before the next BEGIN is reported too, the next one still read
    plan = imp.plan(db, (ANDROID_LATIN1.replace("END:VCARD\r\n", "") + ANDROID_UTF8).encode(), "två.vcf")
    assert [r.name for r in plan.new] == ["Åsa Öberg"] and [b.name for b in plan.bad] == ["Örjan Ängström"]


def test_an_unindented_21_photo_is_skipped_in_linear_time():
    photo = "PHOTO;ENCODING=BASE64;TYPE=JPEG:" + "\r\n".join(["QUJD" * 19] * 200_000) + "\r\n\r\n"
    data = ("BEGIN:VCARD\r\nVERSION:2.1\r\nN:Foto;Frida\r\n" + photo + "EMAIL:frida@example.se\r\nEND:VCARD\r\n")
    started = time.monotonic()
    [card] = vcard.read_vcards(data.encode())
    assert time.monotonic() - started < 10  # a safety net against a hang, not a benchmark
    assert (card.name, card.email) == ("Frida Foto", "frida@example.se")
