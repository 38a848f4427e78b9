"""Contact exports as the real tools read them: Outlook's CSV import (its own column names, commas,
UTF-8 with BOM), vCard 3.0 and 4.0 read back with ``vobject`` (an independent parser): TEL types,
75-octet folding that never splits a UTF-8 character, CRLF, escapes."""

from __future__ import annotations

import csv
import io

import pytest
import vobject

from shk_tui import cli
from shk_tui.db.models import Contact, ContactTag, Organisation, Tag
from shk_tui.formats import outlook_csv, vcard
from shk_tui.formats.csv_contacts import ContactRecord
from shk_tui.services.contacts import contact_export
from shk_tui.services.contacts.contact_list import ContactFilter

LONG_ORG = "Överförmyndarnämnden för Östra Göinge, Hässleholm och Osby – Åtgärdsgruppen för äldreomsorg"
NOTE = 'Ring före 10; tar "kaffe", gärna\r\nandra raden \\ slut'


@pytest.fixture
def people(sqlite_db):
    with sqlite_db.session() as s:
        org = Organisation(name=LONG_ORG)
        s.add(org)
        s.flush()
        tag, other = Tag(name="Nätverk; Väst"), Tag(name="Styrgrupp")
        s.add_all([tag, other])
        s.flush()
        rows = [
            Contact(first_name="Åsa", last_name="Öberg", email="asa@example.se", phone="+46 70 123 45 67",
                    organisation_id=org.id, title="Enhetschef, äldreomsorg", note=NOTE),
            Contact(first_name="Per", last_name="Ek", email="per@example.se", phone="+46 8 123 456 78"),
            Contact(first_name="=cmd", last_name="Lind", email="lind@example.se", phone="+46 771 12 34 56"),
        ]
        s.add_all(rows)
        s.flush()
        s.add_all([ContactTag(contact_id=rows[0].id, tag_id=tag.id),
                   ContactTag(contact_id=rows[0].id, tag_id=other.id)])
    return sqlite_db


def outlook_rows(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data
    return list(csv.DictReader(io.StringIO(data[3:].decode("utf-8"), newline=""), delimiter=","))


def test_outlook_csv_has_outlooks_columns_and_puts_mobiles_in_mobile_phone(people):
    data = contact_export.export_bytes(people, ContactFilter(), "outlook")
    rows = {r["Last Name"]: r for r in outlook_rows(data)}
    assert list(next(iter(rows.values()))) == list(outlook_csv.HEADER)
    asa = rows["Öberg"]
    assert (asa["First Name"], asa["E-mail Address"], asa["Company"]) == ("Åsa", "asa@example.se", LONG_ORG)
    assert asa["Job Title"] == "Enhetschef, äldreomsorg"  # the comma quoted, not a column break
    assert (asa["Mobile Phone"], asa["Business Phone"]) == ("070-123 45 67", "")
    assert asa["Categories"] == "Nätverk, Väst;Styrgrupp"  # Outlook separates categories with ';'
    assert asa["Notes"] == NOTE  # quoted: the line break and the comma stay inside the cell
    per, lind = rows["Ek"], rows["Lind"]
    assert (per["Business Phone"], per["Mobile Phone"]) == ("08-123 456 78", "")
    assert lind["Business Phone"] == "0771-12 34 56" and lind["Mobile Phone"] == ""  # 077x is no mobile
    assert lind["First Name"] == "'=cmd"  # the formula guard stays


@pytest.mark.parametrize(("phone", "mobile"), [
    ("+46 70 123 45 67", True), ("073-123 45 67", True), ("0046 79 123 45 67", True), ("+46 (0)76 1234567", True),
    ("+46 8 123 456 78", False), ("0771-12 34 56", False), ("+46 74 123 45 67", False), ("+47 92 34 56 78", False),
    ("", False),
])
def test_swedish_mobile_numbers(phone, mobile):
    assert outlook_csv.is_swedish_mobile(phone) is mobile


def test_outlook_numbers_never_start_with_a_plus():
    assert outlook_csv.national_form("+46 70 123 45 67") == "070-123 45 67"
    assert outlook_csv.national_form("+46 (0)8 123 456 78") == "08-123 456 78"
    assert outlook_csv.national_form("+46701234567") == "0701234567"
    assert outlook_csv.national_form("+44 20 7946 0958") == "0044 20 7946 0958"
    assert outlook_csv.national_form("070-123 45 67") == "070-123 45 67"


def test_cli_export_contacts_outlook_and_vcf3(people, capsys, tmp_path):
    db_args = ["--db", str(people.config.sqlite_path)]
    for fmt, check in (("outlook", lambda b: outlook_rows(b)[0]["First Name"]),
                       ("vcf3", lambda b: next(vobject.readComponents(b.decode())).version.value),
                       ("vcf", lambda b: next(vobject.readComponents(b.decode())).version.value)):
        target = tmp_path / f"ut-{fmt}"
        code = cli.main([*db_args, "export", "contacts", "--format", fmt, "-o", str(target)])
        out, err = capsys.readouterr()
        assert code == 0 and "Traceback" not in out + err, err
        assert check(target.read_bytes()) in ("'=cmd", "Åsa", "Per", "3.0", "4.0")
    assert next(vobject.readComponents((tmp_path / "ut-vcf3").read_text())).version.value == "3.0"
    assert next(vobject.readComponents((tmp_path / "ut-vcf").read_text())).version.value == "4.0"


def cards(data: bytes) -> dict[str, vobject.base.Component]:
    return {c.fn.value: c for c in vobject.readComponents(data.decode("utf-8"))}


def physical_lines(data: bytes) -> list[bytes]:
    assert data.endswith(b"\r\n")
    assert b"\n" not in data.replace(b"\r\n", b""), "a bare LF: every line ends with CRLF"
    return data.split(b"\r\n")[:-1]


@pytest.mark.parametrize("fmt", ["vcf", "vcf3"])
def test_vcard_read_back_with_vobject(people, fmt):
    data = contact_export.export_bytes(people, ContactFilter(), fmt)
    lines = physical_lines(data)
    assert max(len(line) for line in lines) <= 75, "folded at 75 octets"
    assert any(line.startswith(b" ") for line in lines), "the long ORG/NOTE lines are folded"
    for line in lines:
        line.decode("utf-8")  # a fold never splits a multi-byte character
    found = cards(data)
    asa = found["Åsa Öberg"]
    assert asa.version.value == ("3.0" if fmt == "vcf3" else "4.0")
    assert asa.org.value == [LONG_ORG]
    assert asa.note.value == NOTE.replace("\r\n", "\n")  # , ; \ and the line break unescaped intact
    assert asa.title.value == "Enhetschef, äldreomsorg"
    assert [c for c in asa.categories.value] == ["Nätverk; Väst", "Styrgrupp"]
    tel = asa.tel
    types = [t.lower() for t in tel.params["TYPE"] for t in t.split(",")]
    assert types == ["cell"]
    per_types = [t.lower() for t in found["Per Ek"].tel.params["TYPE"] for t in t.split(",")]
    assert per_types == ["work", "voice"]
    if fmt == "vcf3":
        assert b"TEL;TYPE=CELL:+46 70 123 45 67\r\n" in data
        assert b"TEL;TYPE=WORK,VOICE:+46 8 123 456 78\r\n" in data
        assert tel.value == "+46 70 123 45 67"
    else:
        assert b"TEL;TYPE=cell;VALUE=uri:tel:+46-70-123-45-67\r\n" in data
        assert tel.params["VALUE"] == ["uri"] and tel.value == "tel:+46-70-123-45-67"


def test_vcard_escapes_and_folds_multibyte_text():
    record = ContactRecord(first_name="Ö" * 60, last_name="Å,;\\", note="a\rb\r\nc\nd")
    data = vcard.write_vcards([record], version="3.0")
    lines = physical_lines(data)
    assert all(len(line) <= 75 for line in lines) and len(lines) > 6
    card = next(vobject.readComponents(data.decode("utf-8")))
    assert card.n.value.given == "Ö" * 60 and card.n.value.family == "Å,;\\"
    assert card.note.value == "a\nb\nc\nd"  # a lone CR no longer breaks the line
    assert b"NOTE:a\\nb\\nc\\nd\r\n" in data
