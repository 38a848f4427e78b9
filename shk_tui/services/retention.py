"""Retention rules (gallring): how long each kind of personal data is kept, why, and since when.

The rules are data: a :class:`Rule` per record type, with its period, its source (the law or the
disposal decision it follows) and the date it takes effect. The defaults are in :data:`DEFAULTS`;
an organisation overrides them in ``gallring.toml`` in the data directory (``config.data_dir()``,
or ``SHK_DATA_DIR``), one table per rule key::

    [kost]
    period = 14                      # in the rule's unit (dagar, månader, år)
    source = "MDU:s gallringsbeslut 2027:3"
    effective = 2027-01-01           # until then the default applies

    [avtal]
    period = 10                      # never below the legal minimum (bokföringslagen: 7 år)

An override whose ``effective`` date is still to come does not apply yet. A file that cannot be read
or holds something else than these keys is refused with a Swedish message (``BadInput``), never
half-applied. ``shk_tui.services.gallring`` applies the rules; ``shk_tui.services.contacts.restriction`` tells
which rule keeps a person's data."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from shk_tui import config
from shk_tui.errors import BadInput

SETTINGS_FILE = "gallring.toml"

#: What a rule makes gallring do.
REMOVE, REVIEW, KEEP, SCRUB = "gallras", "granskas", "bevaras", "rensas"


@dataclass(frozen=True)
class Rule:
    key: str
    name: str  # Swedish, e.g. "Kostuppgifter"
    what: str  # Swedish: the data the rule concerns
    action: str  # REMOVE, REVIEW, KEEP or SCRUB
    period: int | None  # in ``unit``; None: no time limit
    unit: str  # "dagar", "månader" or "år"
    after: str  # Swedish: what the period is counted from
    source: str
    effective: date
    minimum: int = 0  # the shortest period allowed (a law's minimum)

    @property
    def period_text(self) -> str:
        """'30 dagar efter evenemangets slut', 'så länge raden finns'."""
        if self.period is None:
            return self.after
        unit = self.unit
        if self.period == 1:
            unit = {"dagar": "dag", "månader": "månad", "år": "år"}[unit]
        return f"{self.period} {unit} {self.after}".strip()


GDPR = date(2018, 5, 25)  # the date the GDPR applies from
BFL = date(2000, 1, 1)  # bokföringslagen (1999:1078) in force
ARKIVLAGEN = date(1991, 7, 1)  # arkivlagen (1990:782) in force

DEFAULTS: dict[str, Rule] = {r.key: r for r in (
    Rule("kost", "Kostuppgifter", "deltagares kostönskemål (kan avslöja hälsa eller religion); antalet per "
         "kost sparas för uppföljningen", REMOVE, 30, "dagar", "efter evenemangets slut",
         "GDPR art. 5.1 c och e, art. 9; MDU:s gallringsbeslut", GDPR),
    Rule("inaktiva", "Inaktiva kontakter", "kontakter med samtycke eller berättigat intresse utan deltagande, "
         "avtal eller ändring; föreslås för granskning, raderas inte automatiskt", REVIEW, 24, "månader",
         "utan aktivitet (och efter senaste granskning)", "GDPR art. 5.1 e, art. 6.1 a och f", GDPR, 1),
    Rule("deltaganden", "Deltaganden i evenemang", "deltaganden bevaras för statistiken; en raderad person "
         "lämnar ingen identifierande uppgift i dem", KEEP, None, "", "så länge evenemanget finns",
         "GDPR art. 5.1 b och art. 89; arkivlagen", GDPR),
    Rule("avtal", "Avtal och utbetalningar", "avtal, utbetalningar och avtalsanteckningar, med ansvarig person "
         "(räkenskapsinformation och allmänna handlingar)", KEEP, 7, "år", "efter räkenskapsårets slut",
         "Bokföringslagen 7 kap. 2 §; arkivlagen; Riksarkivets/MDU:s gallringsbeslut", BFL, 7),
    Rule("beslut", "Initiativ och beslut", "initiativ med beslut, med ägare och beslutsfattare (allmänna "
         "handlingar)", KEEP, None, "", "så länge arkivlagen kräver (gallras bara enligt gallringsbeslut)",
         "Arkivlagen; OSL; Riksarkivets/MDU:s gallringsbeslut", ARKIVLAGEN),
    Rule("historik", "Ändringshistorik", "personuppgifter i ändringshistoriken sparas bara så länge raden de "
         "beskriver finns", SCRUB, None, "", "så länge raden finns", "GDPR art. 5.1 c och e", GDPR),
)}
_FIELDS = {"period", "source", "effective"}


def settings_path() -> Path:
    return config.data_dir() / SETTINGS_FILE


def rules(today: date, path: Path | None = None) -> dict[str, Rule]:
    """The rules in force on ``today``: the defaults with the settings file's overrides that apply."""
    overrides = load_overrides(path or settings_path())
    out: dict[str, Rule] = {}
    for key, rule in DEFAULTS.items():
        new = overrides.get(key)
        out[key] = new if new is not None and new.effective <= today else rule
    return out


def load_overrides(path: Path) -> dict[str, Rule]:
    """The rules as the settings file changes them (every one checked); {} without a file."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise BadInput(f"Kan inte läsa {path}: {exc.strerror or 'okänt fel'}") from None
    import tomllib  # only when there is a file (as prefs.load): not on the start's path without one

    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise BadInput(f"{path.name}: filen är inte UTF-8") from None
    except tomllib.TOMLDecodeError as exc:
        raise BadInput(f"{path.name}: ogiltig TOML ({exc})") from None
    out: dict[str, Rule] = {}
    for key, table in data.items():
        rule = DEFAULTS.get(key)
        if rule is None:
            raise BadInput(f"{path.name}: okänd regel [{key}] (kända: {', '.join(DEFAULTS)})")
        if not isinstance(table, dict):
            raise BadInput(f"{path.name}: [{key}] ska vara en tabell med period, source och effective")
        unknown = sorted(set(table) - _FIELDS)
        if unknown:
            raise BadInput(f"{path.name}: [{key}] okänt fält {unknown[0]} (tillåtna: period, source, effective)")
        out[key] = _override(path.name, rule, table)
    return out


def _override(name: str, rule: Rule, table: dict) -> Rule:
    period = table.get("period", rule.period)
    if "period" in table:
        if rule.period is None:
            raise BadInput(f"{name}: [{rule.key}] har ingen tidsgräns att ändra")
        if not isinstance(period, int) or isinstance(period, bool):
            raise BadInput(f"{name}: [{rule.key}] period ska vara ett heltal ({rule.unit})")
        if period < rule.minimum or period > 100 * (365 if rule.unit == "dagar" else 12 if rule.unit == "månader" else 1):
            raise BadInput(f"{name}: [{rule.key}] period {period} är utanför det tillåtna (minst {rule.minimum} "
                           f"{rule.unit})")
    source = table.get("source", rule.source)
    if not isinstance(source, str) or not source.strip():
        raise BadInput(f"{name}: [{rule.key}] source ska vara en text (lagrum eller gallringsbeslut)")
    effective = table.get("effective", rule.effective)
    if not isinstance(effective, date) or hasattr(effective, "hour"):
        raise BadInput(f"{name}: [{rule.key}] effective ska vara ett datum, t.ex. 2027-01-01")
    return replace(rule, period=period, source=" ".join(source.split()), effective=effective)
