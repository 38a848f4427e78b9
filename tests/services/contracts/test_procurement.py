"""The procurement guard on the database (SQLite and PostgreSQL): per-contract warnings for Avtal, the
Översikt rows (attention providers) and the report per category."""

from __future__ import annotations

from datetime import date

from shk_tui.db.models import Contract, Organisation, Payment
from shk_tui.enums import ContractStatus, PaymentDirection, ProcurementRoute
from shk_tui.fmt import format_kr
from shk_tui.services import attention
from shk_tui.services.contracts import procurement
from shk_tui.services.contracts import procurement_rules as rules

TODAY = date(2026, 12, 2)
D = ProcurementRoute.DIREKT


def _seed(db, specs: dict[str, dict]) -> dict[str, int]:
    """Contracts by key; each spec's ``org`` names its counterparty, ``payments`` (amount kr, direction)."""
    with db.session() as s:
        orgs: dict[str, Organisation] = {}
        made = {}
        for key, spec in specs.items():
            spec = dict(spec)
            org_name = spec.pop("org", "Leverantör AB")
            if org_name not in orgs:
                orgs[org_name] = Organisation(name=org_name)
                s.add(orgs[org_name])
                s.flush()
            pays = spec.pop("payments", [])
            spec.setdefault("status", ContractStatus.AKTIVT)
            spec.setdefault("signed_on", date(2026, 3, 1))
            c = Contract(title=key, counterparty_id=orgs[org_name].id, **spec)
            for kr, direction in pays:
                c.payments.append(Payment(due_on=date(2026, 6, 1), amount_ore=kr * 100, direction=direction))
            s.add(c)
            made[key] = c
        s.flush()
        return {k: c.id for k, c in made.items()}


def _kinds(found: dict[int, list[rules.Warning]], cid: int) -> list[str]:
    return sorted(w.kind for w in found.get(cid, []))


def test_direct_awards_over_the_limit_and_undocumented(db):
    ids = _seed(db, {
        "Under gränsen": {"procurement_route": D, "amount_ore": 699_999_00, "direct_award_documented": True},
        "På gränsen": {"procurement_route": D, "amount_ore": 700_000_00, "direct_award_documented": True},
        "Odokumenterad": {"procurement_route": D, "amount_ore": 120_000_00},
        "Dokumenterad": {"procurement_route": D, "amount_ore": 120_000_00, "direct_award_documented": True},
        "Avrop": {"procurement_route": ProcurementRoute.AVROP, "amount_ore": 5_000_000_00},
        "Mellan parterna": {"procurement_route": ProcurementRoute.EJ_PLIKTIG, "amount_ore": 4_000_000_00},
    })
    found = procurement.warnings(db, TODAY)
    assert _kinds(found, ids["Under gränsen"]) == []
    assert _kinds(found, ids["På gränsen"]) == [rules.OVER_LIMIT]
    assert _kinds(found, ids["Odokumenterad"]) == [rules.UNDOCUMENTED]
    assert found[ids["Odokumenterad"]][0].text == "Direktupphandling över 100 000 kr utan dokumentation"
    assert set(found) == {ids["På gränsen"], ids["Odokumenterad"]}


def test_automatic_renewal_is_counted_and_flagged(db):
    ids = _seed(db, {"Licens": {"procurement_route": D, "amount_ore": 400_000_00, "direct_award_documented": True,
                                "starts_on": date(2026, 1, 1), "ends_on": date(2026, 12, 31), "auto_renew": True,
                                "renewal_months": 12, "signed_on": date(2025, 12, 15)}})
    found = procurement.warnings(db, TODAY)
    assert _kinds(found, ids["Licens"]) == [rules.OVER_LIMIT]
    assert format_kr(800_000_00) in found[ids["Licens"]][0].text


def test_split_purchases_in_one_category_within_12_months(db):
    ids = _seed(db, {
        "Konsult A": {"procurement_route": D, "procurement_category": "Konsulttjänster", "amount_ore": 350_000_00,
                      "direct_award_documented": True, "signed_on": date(2026, 1, 10), "org": "A AB"},
        "Konsult B": {"procurement_route": D, "procurement_category": "konsulttjänster", "amount_ore": 350_000_00,
                      "direct_award_documented": True, "signed_on": date(2026, 9, 1), "org": "B AB"},
        # 13 months before B: not added up with it (and alone under the limit)
        "Konsult 2025": {"procurement_route": D, "procurement_category": "Konsulttjänster",
                         "amount_ore": 300_000_00, "direct_award_documented": True,
                         "signed_on": date(2025, 8, 1), "status": ContractStatus.AVSLUTAT, "org": "C AB"},
        "Ramavtal": {"procurement_route": ProcurementRoute.AVROP, "procurement_category": "Konsulttjänster",
                     "amount_ore": 900_000_00, "org": "D AB"},
    })
    found = procurement.warnings(db, TODAY)
    assert _kinds(found, ids["Konsult A"]) == [rules.SPLIT] and _kinds(found, ids["Konsult B"]) == [rules.SPLIT]
    assert "Risk för otillåten uppdelning" in found[ids["Konsult A"]][0].text
    assert ids["Ramavtal"] not in found and ids["Konsult 2025"] not in found


def test_split_from_one_supplier_is_flagged_too_and_13_months_apart_is_not(db):
    ids = _seed(db, {
        "Tryck 1": {"procurement_route": D, "procurement_category": "Tryck", "amount_ore": 350_000_00,
                    "direct_award_documented": True, "signed_on": date(2026, 2, 1)},
        "Tryck 2": {"procurement_route": D, "procurement_category": "Tryck", "amount_ore": 350_000_00,
                    "direct_award_documented": True, "signed_on": date(2026, 5, 1)},
        "Film 1": {"procurement_route": D, "procurement_category": "Film", "amount_ore": 350_000_00,
                   "direct_award_documented": True, "signed_on": date(2025, 1, 1), "org": "Film AB"},
        "Film 2": {"procurement_route": D, "procurement_category": "Film", "amount_ore": 350_000_00,
                   "direct_award_documented": True, "signed_on": date(2026, 2, 1), "org": "Annan film AB"},
    })
    found = procurement.warnings(db, TODAY)
    assert _kinds(found, ids["Tryck 1"]) == [rules.SPLIT] and _kinds(found, ids["Tryck 2"]) == [rules.SPLIT]
    assert ids["Film 1"] not in found and ids["Film 2"] not in found


def test_value_from_payments_out_when_no_amount(db):
    ids = _seed(db, {"Utan belopp": {"procurement_route": D, "direct_award_documented": True,
                                     "payments": [(400_000, PaymentDirection.UT), (400_000, PaymentDirection.UT),
                                                  (900_000, PaymentDirection.IN)]}})
    assert _kinds(procurement.warnings(db, TODAY), ids["Utan belopp"]) == [rules.OVER_LIMIT]


def test_an_old_ended_contract_is_not_shown(db):
    ids = _seed(db, {"Gammal": {"procurement_route": D, "amount_ore": 900_000_00, "signed_on": date(2019, 5, 2),
                                "status": ContractStatus.AVSLUTAT}})
    assert procurement.warnings(db, TODAY) == {}
    assert ids


def test_attention_items_reach_the_dashboard(db):
    ids = _seed(db, {"Odokumenterad": {"procurement_route": D, "amount_ore": 120_000_00}})
    items = [i for i in attention.collect(db, TODAY) if i.category == procurement.CATEGORY]
    assert [(i.target_id, i.section, i.text) for i in items] == [
        (ids["Odokumenterad"], "avtal", "Odokumenterad: Direktupphandling över 100 000 kr utan dokumentation")]


def test_report_per_category(db):
    _seed(db, {
        "Konsult A": {"procurement_route": D, "procurement_category": "Konsulttjänster", "amount_ore": 350_000_00,
                      "direct_award_documented": True, "signed_on": date(2026, 1, 10)},
        "Konsult B": {"procurement_route": D, "procurement_category": "Konsulttjänster", "amount_ore": 350_000_00,
                      "direct_award_documented": True, "signed_on": date(2026, 9, 1), "org": "B AB"},
        "Lokaler": {"procurement_route": ProcurementRoute.AVROP, "procurement_category": "Lokaler",
                    "amount_ore": 900_000_00, "signed_on": date(2026, 4, 1)},
        "Gammalt": {"procurement_route": D, "procurement_category": "Lokaler", "amount_ore": 90_000_00,
                    "signed_on": date(2024, 4, 1), "status": ContractStatus.AVSLUTAT},
        "Okategoriserad": {"procurement_route": D, "amount_ore": 50_000_00, "signed_on": date(2026, 4, 1)},
    })
    rows = {r.category: r for r in procurement.report(db, TODAY)}
    assert list(rows) == ["Konsulttjänster", "Lokaler", procurement.NO_CATEGORY]
    k = rows["Konsulttjänster"]
    assert (k.value_ore, k.contracts, k.routes) == (700_000_00, 2, (D.label,))
    assert k.status.startswith("Risk för otillåten uppdelning") and not k.ok
    lok = rows["Lokaler"]
    assert (lok.value_ore, lok.contracts, lok.routes, lok.status) == (900_000_00, 1, (ProcurementRoute.AVROP.label,), "ok")
    assert rows[procurement.NO_CATEGORY].value_ore == 50_000_00 and rows[procurement.NO_CATEGORY].ok
