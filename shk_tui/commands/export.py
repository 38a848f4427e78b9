"""``shk export KIND [--event ID] [--format …] [-o FILE]``: kinds come from every command module's
``EXPORTS`` mapping."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from shk_tui.commands.args import day, row_id
from shk_tui.errors import BadInput
from shk_tui.services.files import write_private

if TYPE_CHECKING:
    from shk_tui.db.engine import Database


@dataclass(frozen=True)
class Exporter:
    """``run(db, args)`` writes the export (to ``args.output`` or stdout)."""

    run: Callable[[Database, argparse.Namespace], int | None]
    formats: tuple[str, ...] = ("csv",)
    help: str = ""
    needs: tuple[str, ...] = field(default=())  # e.g. ("event",) when --event is required


def all_exporters() -> dict[str, Exporter]:
    from shk_tui.commands import modules

    kinds: dict[str, Exporter] = {}
    for module in modules():
        kinds.update(getattr(module, "EXPORTS", {}))
    return kinds


def register(sub: argparse._SubParsersAction) -> None:
    kinds = all_exporters()
    p = sub.add_parser("export", help="exportera data (csv, xlsx, vcf, ics)")
    p.add_argument("kind", metavar="KIND", help="vad som exporteras: " + ", ".join(sorted(kinds)))
    p.add_argument("--event", type=row_id, help="evenemangets id")
    p.add_argument("--format", dest="fmt", default=None, help="csv, xlsx, vcf, ics, md")
    p.add_argument("--from", dest="date_from", type=day, default=None, help="från datum (ÅÅÅÅ-MM-DD)")
    p.add_argument("--to", dest="date_to", type=day, default=None, help="till datum (ÅÅÅÅ-MM-DD)")
    p.add_argument("-o", "--output", default=None, help="fil att skriva (annars standard ut)")
    p.add_argument("--status", default=None, help="deltagarstatus (t.ex. anmäld) för e-postlistor")
    p.set_defaults(func=_run)


def _run(db: Database, args: argparse.Namespace) -> int | None:
    kinds = all_exporters()
    exporter = kinds.get(args.kind)
    if exporter is None:
        raise BadInput(f"Okänd export: {args.kind} (välj bland {', '.join(sorted(kinds)) or 'inga'})")
    args.fmt = args.fmt or exporter.formats[0]
    if args.fmt not in exporter.formats:
        raise BadInput(f"Formatet {args.fmt} stöds inte för {args.kind} (välj {', '.join(exporter.formats)})")
    for need in exporter.needs:
        if getattr(args, need, None) is None:
            raise BadInput(f"Ange --{need} för export av {args.kind}")
    return exporter.run(db, args)


def emit(data: bytes | str, args: argparse.Namespace) -> None:
    """Write an export to ``-o FILE`` (mode 0600: exports may hold personal data) or to stdout; an
    xlsx file is never written to a terminal."""
    if args.output:
        path = Path(args.output)
        write_private(path, data.encode("utf-8") if isinstance(data, str) else data)
        print(f"Skrev {path}", file=sys.stderr)
        return
    if isinstance(data, str):
        sys.stdout.write(data if data.endswith("\n") else data + "\n")
        sys.stdout.flush()
        return
    if getattr(args, "fmt", None) == "xlsx":
        raise BadInput("Ange -o FIL för att skriva en xlsx-fil")
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()
