"""Finding a person's name, e-mail address or phone number in free text for the GDPR erasure: folded,
whole words, the rest of the text kept as written."""

from __future__ import annotations

import pytest

from shk_tui.fmt import fold
from shk_tui.services.contacts import gdpr_names

X = "[raderat]"
VALUES = ["Anna Berg", "anna.berg@example.se", "+46 70 999 88 77"]


@pytest.mark.parametrize(("text", "expected"), [
    ("Anna Berg", X),
    ("  anna \n BERG ", X),
    ("Ánna Berg", X),  # accents other than å, ä, ö fold
    ("Berg, Anna", X),  # the other way round
    ("Möte med Anna Bergs chef", f"Möte med {X} chef"),  # the genitive
    ("Beslut: Anna\nBerg (ekonomi)", f"Beslut: {X} (ekonomi)"),
    ("Kontakt: ANNA BERG, anna.berg@example.se", f"Kontakt: {X}, {X}"),
    ("Ring (+46 70 999 88 77) eller 070", f"Ring ({X}) eller 070"),
    # other people: a longer name, another first name, a double first name, another address
    ("Anna Bergström", "Anna Bergström"),
    ("Annika Berg", "Annika Berg"),
    ("Lisa-Anna Berg", "Lisa-Anna Berg"),
    ("Anna Berg-Ek", "Anna Berg-Ek"),
    ("joanna.berg@example.se", "joanna.berg@example.se"),
    ("", ""),
])
def test_replace(text, expected):
    assert gdpr_names.replace(text, VALUES, X) == expected
    assert gdpr_names.mentions(text, VALUES) == (expected != text)


@pytest.mark.parametrize("text", ["Straße ÅÄÖ  é\tø\x00x ", "  a  b ", "Ærlig Øberg", "ß"])
def test_folded_is_fold_with_the_way_back(text):
    low, where = gdpr_names.folded(text)
    assert low == fold(text)
    assert len(where) == len(low) and where == sorted(where)
