"""``shk import contacts FILE [--dry-run]``, ``shk gdpr extract|erase|restrict|unrestrict CONTACT_ID``,
``shk gdpr restricted`` and the
``contacts`` kind of ``shk export`` (csv, xlsx, vcf, vcf3, outlook).

The import/export and GDPR services are imported inside the handlers: ``shk --help`` and other
commands load every command module and must not pay for openpyxl and the import stack."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from shk_tui.commands.args import one_char, one_line, row_id
from shk_tui.commands.export import Exporter, emit
from shk_tui.errors import BadInput
from shk_tui.fmt import count

if TYPE_CHECKING:
    from shk_tui.db.engine import Database

#: The formats of ``shk export contacts``; equal to ``contact_export.EXPORT_FORMATS`` (a unit test checks).
EXPORT_FORMATS = ("csv", "xlsx", "vcf", "vcf3", "outlook")


def _kinds(parser: argparse.ArgumentParser, name: str) -> argparse._SubParsersAction:
    return parser.add_subparsers(dest=f"{name}_kind", metavar="VAD", required=True)


def register(sub: argparse._SubParsersAction) -> None:
    # Written out as sub.add_parser("…") so that ``shk import``/``shk gdpr`` load only this module.
    p = _kinds(sub.add_parser("import", help="importera data från fil"), "import").add_parser(
        "contacts", help="kontakter från CSV (Excel, Outlook, Google), vCard (.vcf) eller Excel (.xlsx)")
    p.add_argument("file", metavar="FIL")
    p.add_argument("--dry-run", action="store_true", help="kontrollera och visa utan att spara")
    p.add_argument("--skip-bad", action="store_true", help="importera de giltiga raderna trots felaktiga rader")
    p.add_argument("--delimiter", type=one_char, help="kolumnavgränsare (annars upptäcks ; , eller tabb)")
    p.add_argument("--encoding", help="teckenkodning, t.ex. cp1252 eller utf-8 (annars upptäcks den)")
    p.add_argument("--column", action="append", default=[], metavar="RUBRIK=FÄLT",
                   help="koppla en kolumn till ett fält (förnamn, efternamn, namn, titel, organisation, e-post, "
                        "telefon, taggar, anteckning, rättslig grund, datum för grund); tomt fält hoppar över "
                        "kolumnen")
    p.add_argument("--with-duplicates", action="store_true",
                   help="importera dubbletterna som egna kontakter, för att jämföra och slå ihop dem i TUI:n")
    p.set_defaults(func=_import)

    kinds = _kinds(sub.add_parser("gdpr", help="GDPR: registerutdrag och radering"), "gdpr")
    e = kinds.add_parser("extract", help="registerutdrag: allt som finns om en person (Markdown och JSON)")
    e.add_argument("contact_id", type=row_id, metavar="KONTAKT_ID")
    e.add_argument("-o", "--output", help="fil att skriva (.md eller .json; båda skrivs), annars Markdown till standard ut")
    e.add_argument("--json", action="store_true", help="skriv JSON till standard ut")
    e.set_defaults(func=_extract)
    r = kinds.add_parser("erase", help="radera (anonymisera) en person; deltaganden finns kvar för statistiken")
    r.add_argument("contact_id", type=row_id, metavar="KONTAKT_ID")
    r.add_argument("--reason", required=True, help="skäl, t.ex. 'begäran från personen 2026-11-20'")
    r.add_argument("--yes", action="store_true", help="fråga inte")
    r.set_defaults(func=_erase)
    b = kinds.add_parser("restrict", help="begränsa behandlingen (GDPR art. 18): personen döljs i listor, sökning "
                         "och exporter, uppgifterna sparas")
    b.add_argument("contact_id", type=row_id, metavar="KONTAKT_ID")
    b.add_argument("--reason", required=True, help="skäl, t.ex. 'begäran om radering; ansvarig för avtal'")
    b.set_defaults(func=_restrict)
    u = kinds.add_parser("unrestrict", help="häv en begränsning")
    u.add_argument("contact_id", type=row_id, metavar="KONTAKT_ID")
    u.set_defaults(func=_unrestrict)
    kinds.add_parser("restricted", help="lista begränsade personer").set_defaults(func=_restricted)


def _import(db: Database, args: argparse.Namespace) -> int:
    from shk_tui.services.contacts import contact_import

    columns = contact_import.parse_columns(args.column)
    plan = contact_import.plan_file(db, Path(args.file), delimiter=args.delimiter, encoding=args.encoding,
                                    columns=columns)
    if plan.kind == "csv":  # file text is cut to one line each: a cell may be megabytes long
        print(one_line(f"{Path(args.file).name}: {plan.encoding}, avgränsare {plan.delimiter!r}; kolumner: "
                       + plan.columns_text()))
    print(plan.summary())
    for d in plan.duplicates:
        print("  " + one_line(f"dubblett rad {d.line}: {d.name} <{d.email}> finns redan"
              + (f" (kontakt {d.existing_id}: {d.existing_name})" if d.existing_id else f" ({d.existing_name})")))
    for b in plan.bad:
        print("  " + one_line(f"fel rad {b.line}: {b.name or '(utan namn)'}: {b.reason}"), file=sys.stderr)
    for w in plan.warnings:
        print("  " + one_line(f"varning rad {w.line}: {w.name or '(utan namn)'}: {w.reason}"))
    if args.dry_run:
        print("Provkörning: inget sparades.")
        return 0
    if plan.bad and not args.skip_bad:
        raise BadInput(f"{count(len(plan.bad), 'felaktig rad', 'felaktiga rader')} – inget sparades"
                       " (rätta filen eller använd --skip-bad)")
    created = contact_import.apply(db, plan, with_duplicates=args.with_duplicates)
    orgs = len(plan.organisations)
    print(f"{created} {'kontakt importerad' if created == 1 else 'kontakter importerade'}"
          + (f", {count(orgs, 'organisation', 'organisationer')} (företagskort) sparade" if orgs else "")
          + "."
          + (" Dubbletterna finns under Kontakter → Dubbletter (d)." if args.with_duplicates and plan.duplicates
             else ""))
    return 0


def _extract(db: Database, args: argparse.Namespace) -> int:
    from shk_tui.services.contacts import gdpr

    data = gdpr.extract(db, args.contact_id)
    if args.output:
        md, js = gdpr.save_extract(data, Path(args.output), today=date.today())
        print(f"Registerutdrag skrivet: {md} och {js}")
    elif args.json:
        print(gdpr.to_json(data))
    else:
        print(gdpr.to_markdown(data, today=date.today()), end="")
    return 0


def _yes(question: str, cancelled: str) -> bool:
    """Ask on the terminal; anything but a yes prints ``cancelled`` and gives False."""
    if input(question).strip().lower() in ("j", "ja", "y", "yes"):
        return True
    print(cancelled)
    return False


def _erase(db: Database, args: argparse.Namespace) -> int:
    from shk_tui.services.contacts import gdpr, restriction

    data = gdpr.extract(db, args.contact_id)
    name = f"{data['fields']['first_name']} {data['fields']['last_name']}".strip()
    if data["must_keep"]:
        error = restriction.MustKeep(args.contact_id, name, data["must_keep"])
        if args.yes or not sys.stdin.isatty():
            raise error
        print(one_line(f"{name} kan inte raderas, uppgifterna ska bevaras (arkivlagen):"))
        for reason in error.reasons:
            print("  " + one_line(reason))
        if not _yes("Begränsa behandlingen i stället (GDPR art. 18)? [j/N] ", "Avbrutet: inget ändrades."):
            return 1
        restriction.restrict(db, args.contact_id, args.reason, today=date.today())
        print(f"Kontakt {args.contact_id} begränsad: döljs i listor, sökning och exporter.")
        return 0
    if not args.yes:
        if not sys.stdin.isatty():
            raise BadInput("Bekräfta raderingen med --yes")
        if not _yes(f"Radera {name} (kontakt {args.contact_id})? Det går inte att ångra. [j/N] ",
                    "Avbrutet: inget raderades."):
            return 1
    gdpr.erase(db, args.contact_id, args.reason, today=date.today())
    print(f"Kontakt {args.contact_id} raderad; {len(data['participations'])} deltaganden finns kvar anonymt.")
    return 0


def _restrict(db: Database, args: argparse.Namespace) -> int:
    from shk_tui.services.contacts import restriction

    restriction.restrict(db, args.contact_id, args.reason, today=date.today())
    print(f"Kontakt {args.contact_id} begränsad: döljs i listor, sökning och exporter; uppgifterna sparas "
          f"(shk gdpr extract {args.contact_id} visar dem).")
    return 0


def _unrestrict(db: Database, args: argparse.Namespace) -> int:
    from shk_tui.services.contacts import restriction

    name = restriction.unrestrict(db, args.contact_id)
    print(one_line(f"Begränsningen av {name} (kontakt {args.contact_id}) är hävd."))
    return 0


def _restricted(db: Database, args: argparse.Namespace) -> int:
    from shk_tui.services.contacts import restriction

    found = restriction.restricted(db)
    if not found:
        print("Inga begränsade personer.")
    for r in found:
        print(one_line(f"{r.id:>6}  {r.name}  begränsad {r.restricted_on.isoformat()}: {r.reason}"))
    return 0


def _export(db: Database, args: argparse.Namespace) -> int:
    from shk_tui.services.contacts import contact_export
    from shk_tui.services.contacts.contact_list import ContactFilter

    emit(contact_export.export_bytes(db, ContactFilter(), args.fmt), args)
    return 0


EXPORTS = {
    "contacts": Exporter(_export, formats=EXPORT_FORMATS,
                         help="alla aktiva kontakter (csv för Excel, xlsx, vcf = vCard 4.0, vcf3 = vCard 3.0, "
                              "outlook = csv för Outlooks import)"),
}
