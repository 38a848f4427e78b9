"""``shk backup [-o FILE]``, ``shk restore FILE`` and ``shk db upgrade``.

All three handle the database file themselves (``raw_func``): a backup must not migrate what it
copies, a restore must not create or migrate the target before the source has been checked, and
``db upgrade`` reports what it did."""

from __future__ import annotations

import argparse
from pathlib import Path

from shk_tui.config import DatabaseConfig
from shk_tui.errors import BadInput


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("backup", help="säkerhetskopiera SQLite-databasen")
    p.add_argument("-o", "--output", metavar="FIL", default=None,
                   help="fil att skriva (annars i katalogen backups/, de 10 senaste sparas)")
    p.set_defaults(raw_func=_backup)

    p = sub.add_parser("restore", help="återställ databasen från en säkerhetskopia")
    p.add_argument("file", metavar="FIL", help="säkerhetskopian (en shk-databas)")
    p.set_defaults(raw_func=_restore)

    p = sub.add_parser("db", help="databasunderhåll")
    dbsub = p.add_subparsers(dest="db_command", metavar="ÅTGÄRD", parser_class=type(p))
    up = dbsub.add_parser("upgrade", help="uppgradera databasens schema (säkerhetskopia tas först)")
    up.set_defaults(raw_func=_db_upgrade)
    gr = dbsub.add_parser("grant", help="PostgreSQL: ge en roll appens behörigheter (läsa och skriva data, "
                          "inte ändra schemat); körs av databasens ägare")
    gr.add_argument("role", metavar="ROLL")
    gr.set_defaults(raw_func=_db_grant)
    p.set_defaults(raw_func=_db_missing)


def _backup(cfg: DatabaseConfig, args: argparse.Namespace) -> int:
    from shk_tui.services import backup

    path = backup.backup(cfg, Path(args.output) if args.output else None)
    print(f"Säkerhetskopia sparad: {path}")
    return 0


def _restore(cfg: DatabaseConfig, args: argparse.Namespace) -> int:
    from shk_tui.services import backup

    kept = backup.restore(cfg, Path(args.file))
    if kept is not None:
        print(f"Den tidigare databasen sparades som {kept}")
    print(f"Databasen {cfg.display} återställd från {args.file}")
    return 0


def _db_upgrade(cfg: DatabaseConfig, args: argparse.Namespace) -> int:
    from shk_tui.services import storage

    result = storage.upgrade_database(cfg)
    if result.backup is not None:
        print(f"Säkerhetskopia före uppgraderingen: {result.backup}")
    if not result.upgraded:
        print(f"Databasen är redan uppdaterad (rev {result.after})")
    elif result.before is None:
        print(f"Databasen skapad med schema {result.after}: {cfg.display}")
    else:
        print(f"Uppgraderad till {result.after} (från {result.before})")
    return 0


def _db_grant(cfg: DatabaseConfig, args: argparse.Namespace) -> int:
    from shk_tui.services import dbroles

    dbroles.grant(cfg, args.role)
    print(f"Rollen {args.role} får läsa och skriva data (inte ändra schemat) i {cfg.display}")
    return 0


def _db_missing(cfg: DatabaseConfig, args: argparse.Namespace) -> int:
    raise BadInput("Ange en åtgärd: shk db upgrade eller shk db grant ROLL")
