"""Parsers and readers of user files, and the contact search, against hostile input: huge folded
vCard properties, million-column headers, NUL bytes, FIFOs and devices."""

from __future__ import annotations

import errno
import os
import time

import pytest

from shk_tui.db import contact_search
from shk_tui.errors import BadInput
from shk_tui.fmt import without_controls
from shk_tui.formats import csv_contacts, vcard
from shk_tui.formats.csv_contacts import FormatError
from shk_tui.services.contacts import contact_import, contact_list, contacts
from shk_tui.services.contacts.contact_list import ContactFilter
from shk_tui.services.contacts.contacts import ContactInput
from shk_tui.services.input_files import read_input


def _card_with_photo(megabytes: int, prop: str = "PHOTO;ENCODING=b;TYPE=JPEG") -> bytes:
    line = "QUJD" * 18 + "QQ"  # 74 characters of base64, folded as real programs do
    folded = ("\r\n " + line) * (megabytes * 1024 * 1024 // 77)
    return ("BEGIN:VCARD\r\nVERSION:3.0\r\nN:Fotograf;Frida;;;\r\nFN:Frida Fotograf\r\n"
            f"{prop}:{line}{folded}\r\nEMAIL:frida@example.se\r\nNOTE:lång\r\n  rad\r\nEND:VCARD\r\n").encode()


def test_a_20_mb_photo_is_skipped_in_linear_time():
    data = _card_with_photo(20)
    started = time.monotonic()
    [card] = vcard.read_vcards(data)
    # a safety net against a hang, not a benchmark: quadratic unfolding took minutes here
    assert time.monotonic() - started < 10
    assert (card.first_name, card.last_name, card.email, card.note) == ("Frida", "Fotograf", "frida@example.se",
                                                                         "lång rad")


def test_a_huge_folded_text_property_is_joined_once():
    """NOTE is read, not skipped: 200 000 folds of it must still be joined in linear time."""
    piece = "x" * 74
    data = ("BEGIN:VCARD\r\nFN:Nils Not\r\nNOTE:" + piece + ("\r\n " + piece) * 200_000 + "\r\nEND:VCARD\r\n").encode()
    started = time.monotonic()
    [card] = vcard.read_vcards(data)
    assert time.monotonic() - started < 10
    assert len(card.note) == 74 * 200_001


@pytest.mark.parametrize("prop", ["LOGO;ENCODING=b", "item1.PHOTO;VALUE=uri", "sound", "KEY"])
def test_every_binary_property_is_skipped_with_its_folds(prop):
    [card] = vcard.read_vcards(_card_with_photo(0, prop))
    assert card.email == "frida@example.se" and card.note == "lång rad"


def test_folding_still_joins_lines_and_keeps_line_numbers():
    data = b"BEGIN:VCARD\r\nFN:Anna\r\n  Berg\r\nEMAIL:anna@\r\n\texample.se\r\nEND:VCARD\r\n"
    [card] = vcard.read_vcards(data)
    assert (card.first_name, card.last_name, card.email, card.line) == ("Anna", "Berg", "anna@example.se", 1)


def test_a_million_column_header_is_refused_with_a_short_message():
    header = ";".join(f"kolumn{i}" for i in range(1_000_000)).encode()
    with pytest.raises(FormatError) as caught:
        csv_contacts.read_csv(header + b"\n")
    message = str(caught.value)
    assert len(message) < 200 and "kolumn0, kolumn1" in message and "999995 till" in message


def test_a_header_without_a_name_column_lists_only_the_first_columns():
    header = ";".join(["x" * 5000] + [f"k{i}" for i in range(50)]).encode()
    with pytest.raises(FormatError) as caught:
        csv_contacts.read_csv(header + b"\n1;2\n")
    message = str(caught.value)
    assert "namnkolumn" in message and len(message) < 300 and "k49" not in message


@pytest.mark.parametrize("data, encoding, expected", [
    (b"Namn\n" + b"a" * 200_000 + b"\n", None, "ett fält är längre än"),
    (b"Namn\nA\n", "finns-inte", "Okänd teckenkodning"),
    (b"Namn\n\xff\xfe\n", "utf-8", "ogiltiga tecken på rad 2"),
    (b"Namn\nA\n", "zlib", "Okänd teckenkodning: 'zlib'"),
])
def test_csv_and_codec_failures_are_swedish(data, encoding, expected):
    with pytest.raises(FormatError) as caught:
        csv_contacts.read_csv(data, encoding=encoding)
    assert expected in str(caught.value) and "field" not in str(caught.value)


def test_read_input_refuses_fifos_devices_and_directories(tmp_path):
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    for path, expected in ((fifo, "Inte en vanlig fil"), ("/dev/zero", "Inte en vanlig fil"),
                           (tmp_path, "katalog"), (tmp_path / "saknas.csv", "Filen finns inte")):
        with pytest.raises(BadInput, match=expected):
            read_input(path)


def test_read_input_reads_at_most_the_limit(tmp_path):
    path = tmp_path / "k.csv"
    path.write_bytes(b"x" * 1001)
    with pytest.raises(BadInput, match="för stor"):
        read_input(path, limit=1000)
    assert read_input(path, limit=1001) == b"x" * 1001


def test_unreadable_file_is_a_swedish_message(tmp_path, monkeypatch):
    path = tmp_path / "hemlig.csv"
    path.write_bytes(b"Namn\nA\n")

    def refused(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied", str(path))

    monkeypatch.setattr(os, "open", refused)  # as for a file of another user (the tests may run as root)
    with pytest.raises(BadInput) as caught:
        read_input(path)
    assert str(caught.value) == f"Du saknar behörighet att läsa filen: {path}"


def test_plan_file_uses_the_bounded_reader(sqlite_db, tmp_path):
    fifo = tmp_path / "k.vcf"
    os.mkfifo(fifo)
    with pytest.raises(BadInput, match="Inte en vanlig fil"):
        contact_import.plan_file(sqlite_db, fifo)


def test_fold_turns_control_characters_into_spaces():
    assert contact_search.fold("an\x00na\x1b[31m\x7f") == "an na [31m"
    assert without_controls("Åsa\tÖ\x85") == "Åsa Ö "
    assert without_controls("vanlig text") == "vanlig text"


@pytest.mark.parametrize("text", ["\x00", "\x00\x00", "\x1b", "\x7f"])
def test_a_search_for_control_characters_matches_nothing_and_does_not_raise(db, text):
    for first, last in (("Anna", "Andersson"), ("Bo", "Berg")):
        contacts.save(db, ContactInput(first_name=first, last_name=last))
    assert contact_list.search(db, ContactFilter()).total == 2
    page = contact_list.search(db, ContactFilter(text=text))
    assert page.rows == [] and page.total == 0
    assert contact_list.ids_matching(db, ContactFilter(text=text)) == []


def test_a_nul_inside_a_search_word_splits_it(db):
    contacts.save(db, ContactInput(first_name="Anna", last_name="Andersson"))
    contacts.save(db, ContactInput(first_name="Bo", last_name="Berg"))
    page = contact_list.search(db, ContactFilter(text="ann\x00ders"))
    assert [r.name for r in page.rows] == ["Anna Andersson"]
