"""The one phone normaliser (phonenumbers, region SE): 010/020/0900 numbers, labels, foreign numbers,
text that is not one number; the leading zero a spreadsheet ate."""

from __future__ import annotations

import pytest

from shk_tui.services.contacts import contacts, phones


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("010-123 45 67", "+46 10 123 45 67"),  # was "+46 101 23 45 67"
        ("020-123 456", "+46 20 12 34 56"),  # was "+46 201 234 56"
        ("0900-123 45 67", "+46 900 12 34 567"),  # was refused
        ("tel:+46-8-123-456-78", "+46 8 123 456 78"),
        ("Växel: 021-39 10 00", "+46 21 39 10 00"),
        ("Mobil 070-123 45 67", "+46 70 123 45 67"),
        ("0155-12 34 56", "+46 155 12 34 56"),
        ("070\u2013123\u00a045 67", "+46 70 123 45 67"),
        ("+47 22 12 34 56", "+47 22 12 34 56"),
        ("+358 40 123 4567", "+358 40 1234567"),
        ("+44 20 7946 0958", "+44 20 7946 0958"),
        ("0046 16 123 456", "+46 16 12 34 56"),
    ],
)
def test_numbers_are_formatted_as_the_library_does(typed, expected):
    assert phones.normalise_phone(typed) == expected


@pytest.mark.parametrize("bad", ["021-12 34 56 ankn 12", "7,01E+08", "070-123 45 67 / 08-123 456 78x", "ring mig",
                                 "+46 70 1", "701234567"])
def test_text_that_is_not_one_number_is_refused(bad):
    with pytest.raises(ValueError, match="Ogiltigt telefonnummer"):
        phones.normalise_phone(bad)


def test_the_contact_form_uses_the_same_normaliser():
    assert contacts.normalise_phone is phones.normalise_phone
    assert contacts.normalise_phone("010-123 45 67") == "+46 10 123 45 67"


@pytest.mark.parametrize(
    ("cell", "expected"),
    [("701234567", ("0701234567", False)), ("46701234567", ("+46701234567", False)),
     ("21123456", ("021123456", True)), ("0701234567", ("0701234567", False)), ("12", ("12", False)),
     ("070-123", ("070-123", False))],
)
def test_a_lost_leading_zero_is_restored(cell, expected):
    assert phones.restore_leading_zero(cell) == expected
