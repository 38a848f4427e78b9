"""The LOU rules as data (procurement_rules.csv) and the pure checks: the limit ("under" 700 000 kr), the
documentation duty above 100 000 kr, the rule in force by effective date, the estimated total value with
automatic renewals, and the split rule (one category, 12 months)."""

from __future__ import annotations

from datetime import date

import pytest

from shk_tui.enums import ProcurementRoute
from shk_tui.services.contracts import procurement_rules as rules
from shk_tui.services.contracts.procurement_rules import Purchase

D = ProcurementRoute.DIREKT
DAY = date(2026, 6, 1)


def test_packaged_rules_hold_the_classic_limit_and_the_documentation_duty():
    limit = rules.in_force(rules.DIRECT_LIMIT, DAY)
    duty = rules.in_force(rules.DOCUMENTATION, DAY)
    assert limit is not None and duty is not None
    assert (limit.amount_ore, limit.effective_from, limit.sector) == (700_000_00, date(2022, 2, 1), "klassisk")
    assert "19 a kap." in limit.source and "2016:1145" in limit.source
    assert duty.amount_ore == 100_000_00 and "19 kap. 30 §" in duty.source


def test_the_limit_is_under_700000_so_699999_is_allowed_and_700000_is_not():
    assert rules.direct_award_allowed(699_999_00, DAY)
    assert not rules.direct_award_allowed(700_000_00, DAY)
    ok = Purchase(1, "lokaler", D, 699_999_00, DAY, documented=True)
    over = Purchase(2, "lokaler", D, 700_000_00, DAY, documented=True)
    assert rules.single_warnings(ok) == []
    assert [w.kind for w in rules.single_warnings(over)] == [rules.OVER_LIMIT]
    assert "700 000 kr" in rules.single_warnings(over)[0].text


def test_the_rule_in_force_is_the_newest_with_effective_from_on_or_before_the_day():
    text = ("rule_id,sector,effective_from,amount_ore,source\n"
            "direktupphandlingsgrans,klassisk,2020-01-01,61531200,gammal\n"
            "direktupphandlingsgrans,klassisk,2022-02-01,70000000,ny\n"
            "direktupphandlingsgrans,forsorjning,2022-02-01,110000000,LUF\n")
    own = rules.parse_rules(text)
    assert rules.in_force(rules.DIRECT_LIMIT, date(2022, 1, 31), own).source == "gammal"
    assert rules.in_force(rules.DIRECT_LIMIT, date(2022, 2, 1), own).source == "ny"
    assert rules.in_force(rules.DIRECT_LIMIT, date(2019, 12, 31), own) is None
    # 650 000 kr: over the old limit, under the new one
    assert not rules.direct_award_allowed(650_000_00, date(2022, 1, 31), own)
    assert rules.direct_award_allowed(650_000_00, date(2022, 2, 1), own)
    assert rules.in_force(rules.DIRECT_LIMIT, DAY, own, sector="forsorjning").amount_ore == 110_000_000


def test_a_bad_rules_row_names_its_line():
    with pytest.raises(ValueError, match="rad 3"):
        rules.parse_rules("rule_id,sector,effective_from,amount_ore,source\n"
                          "dokumentationsplikt,klassisk,2017-01-01,10000000,x\n"
                          "dokumentationsplikt,klassisk,inte-ett-datum,1,x\n")


def test_documentation_duty_above_100000_when_undocumented():
    assert [w.kind for w in rules.single_warnings(Purchase(1, "x", D, 120_000_00, DAY))] == [rules.UNDOCUMENTED]
    assert rules.single_warnings(Purchase(1, "x", D, 120_000_00, DAY, documented=True)) == []
    assert rules.single_warnings(Purchase(1, "x", D, 100_000_00, DAY)) == []  # "över" 100 000 kr
    # other routes are not direct awards
    assert rules.single_warnings(Purchase(1, "x", ProcurementRoute.AVROP, 900_000_00, DAY)) == []


def test_estimated_value_counts_one_automatic_renewal_period():
    year = {"starts_on": date(2026, 1, 1), "ends_on": date(2026, 12, 31)}
    assert rules.estimated_value(estimated_value_ore=None, amount_ore=400_000_00, auto_renew=True,
                                 renewal_months=12, **year) == 800_000_00
    assert rules.estimated_value(estimated_value_ore=None, amount_ore=400_000_00, auto_renew=False, **year) == 400_000_00
    # two years for 400 000 kr renewing by 12 months: half as much again
    assert rules.estimated_value(estimated_value_ore=None, amount_ore=400_000_00, auto_renew=True, renewal_months=12,
                                 starts_on=date(2025, 1, 1), ends_on=date(2026, 12, 31)) == 600_000_00
    # no renewal period given: 12 months (as the renewal roll-forward); no dates: the amount is a year's
    assert rules.estimated_value(estimated_value_ore=None, amount_ore=400_000_00, auto_renew=True) == 800_000_00
    # the user's own estimate wins; without an amount the payments are the value
    assert rules.estimated_value(estimated_value_ore=1_000_000_00, amount_ore=400_000_00, auto_renew=True) \
        == 1_000_000_00
    assert rules.estimated_value(estimated_value_ore=None, amount_ore=None, payments_ore=90_000_00) == 90_000_00
    assert rules.estimated_value(estimated_value_ore=None, amount_ore=None) is None


def test_two_350000_in_one_category_within_12_months_are_flagged():
    a = Purchase(1, "Konsulttjänster", D, 350_000_00, date(2026, 1, 15), documented=True)
    b = Purchase(2, " konsulttjänster ", None, 350_000_00, date(2026, 12, 14), documented=True)
    found = rules.split_warnings([a, b])
    assert set(found) == {1, 2}
    assert found[1].kind == rules.SPLIT and "Risk för otillåten uppdelning" in found[1].text
    assert "700 000 kr" in found[1].text
    # each alone is allowed
    assert rules.single_warnings(a) == [] and rules.single_warnings(b) == []


def test_not_added_up_when_12_months_or_more_apart_or_in_other_categories_or_routes():
    a = Purchase(1, "Konsulttjänster", D, 350_000_00, date(2025, 1, 15))
    assert rules.split_warnings([a, Purchase(2, "Konsulttjänster", D, 350_000_00, date(2026, 2, 15))]) == {}
    assert rules.split_warnings([a, Purchase(2, "Konsulttjänster", D, 350_000_00, date(2026, 1, 15))]) == {}
    assert rules.split_warnings([a, Purchase(2, "Lokaler", D, 350_000_00, date(2025, 3, 1))]) == {}
    assert rules.split_warnings([a, Purchase(2, "Konsulttjänster", ProcurementRoute.AVROP, 350_000_00,
                                             date(2025, 3, 1))]) == {}
    # together under the limit
    assert rules.split_warnings([a, Purchase(2, "Konsulttjänster", D, 349_999_00, date(2025, 3, 1))]) == {}


def test_only_the_purchases_inside_a_window_are_flagged():
    old = Purchase(1, "Tryck", D, 300_000_00, date(2025, 1, 10))
    mid = Purchase(2, "Tryck", D, 300_000_00, date(2025, 11, 1))
    new = Purchase(3, "Tryck", D, 300_000_00, date(2026, 6, 1))
    # old+mid = 600 000 (under); mid+new = 600 000; old and new are 16 months apart: nothing
    assert rules.split_warnings([old, mid, new]) == {}
    big = Purchase(4, "Tryck", D, 150_000_00, date(2026, 7, 1))
    assert set(rules.split_warnings([old, mid, new, big])) == {2, 3, 4}
