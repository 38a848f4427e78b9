"""Type-aheads complete with the one fold (``fmt.fold``): case and accents other than å, ä, ö do not
matter, å/ä/ö stay letters of their own, and the completion continues what was typed."""

from __future__ import annotations

import pytest

from shk_tui.fmt import completion
from shk_tui.ui.base.form_fields import NameSuggester
from shk_tui.ui.contacts.tags import LastTagSuggester
from shk_tui.ui.contracts.contract_form import names_matching


@pytest.mark.parametrize(("name", "typed", "rest"), [
    ("Eskilstuna kommun", "eskilstuna", " kommun"),
    ("Eskilstuna kommun", "Eskilstuna ", "kommun"),
    ("José Ruiz", "jose", " Ruiz"),
    ("Ærø kommun", "ärö", " kommun"),
    ("Östersund", "öst", "ersund"),
    ("Straße", "strass", "e"),
])
def test_completion_continues_what_was_typed(name, typed, rest):
    assert completion(name, typed) == rest


@pytest.mark.parametrize(("name", "typed"), [("Östersund", "ost"), ("Åby", "aby"), ("Västerås", "x"), ("Mälardalen", "")])
def test_no_completion_when_the_folded_name_does_not_start_so(name, typed):
    assert completion(name, typed) is None


async def test_tags_complete_the_last_tag_with_the_fold():
    suggester = LastTagSuggester(["Ökad trygghet", "Skola", "Äldre"])
    # Textual casefolds what is typed before asking; å/ä/ö are letters of their own: "ok" ≠ "ök"
    assert await suggester.get_suggestion("skola, ok") is None
    assert await suggester.get_suggestion("skola, ök") == "skola, ökad trygghet"
    assert await suggester.get_suggestion("skola, äl") == "skola, äldre"


async def test_a_name_field_completes_accented_names_from_plain_letters():
    suggester = NameSuggester(lambda typed: ["José Ruiz", "Jonas Berg"])
    assert await suggester.get_suggestion("jose") == "José Ruiz"
    assert suggester.pending("jose") == "José Ruiz"
    assert await suggester.get_suggestion("jon") == "Jonas Berg"


def test_the_contract_form_lookup_folds_names_and_puts_prefix_matches_first():
    lookup = names_matching(["Mälardalens universitet", "Stiftelsen Émile", "Eskilstuna kommun"])
    assert lookup("emile") == ["Stiftelsen Émile"]
    assert lookup("e") == ["Eskilstuna kommun", "Mälardalens universitet", "Stiftelsen Émile"]
    assert lookup("MÄLAR") == ["Mälardalens universitet"]
    assert lookup("malar") == []
