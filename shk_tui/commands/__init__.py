"""CLI sub-commands, one module per domain, discovered automatically.

A module here may define:

- ``register(sub: argparse._SubParsersAction) -> None`` adding its sub-commands; each parser sets
  ``func=handler`` with ``handler(db, args) -> int | None`` (``db`` is an opened, migrated
  ``Database``) or, for commands that manage the database file themselves, ``raw_func=handler``
  with ``handler(config, args) -> int | None``.
- ``EXPORTS: dict[str, Exporter]`` adding kinds to ``shk export KIND`` (see ``commands.export``).

Handlers print results to stdout and raise ``ShkError``/``BadInput`` for the user; ``cli.main``
turns those into one line on stderr with exit status 1/2.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import re
from types import ModuleType

# ``sub.add_parser("name"`` in a module's source: the top-level commands it registers.
_TOP_COMMAND = re.compile(r"""\bsub\.add_parser\(\s*["']([^"']+)["']""")


def _infos() -> list[pkgutil.ModuleInfo]:
    return [i for i in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name) if not i.name.startswith("_")]


def _owner(infos: list[pkgutil.ModuleInfo], command: str) -> pkgutil.ModuleInfo | None:
    """The one module whose source registers ``command`` as a top-level command, if it is unambiguous."""
    owners = []
    for info in infos:
        try:
            with open(os.path.join(info.module_finder.path, f"{info.name}.py"), encoding="utf-8") as f:  # type: ignore[union-attr]
                names = set(_TOP_COMMAND.findall(f.read()))
        except (OSError, AttributeError):
            return None
        if command in names:
            owners.append(info)
    return owners[0] if len(owners) == 1 else None


def modules(command: str | None = None) -> list[ModuleType]:
    """All command modules; with ``command``, only the module that registers it when that can be
    told from the sources (so ``shk due`` does not import every domain's services), else all."""
    infos = _infos()
    if command is not None:
        owner = _owner(infos, command)
        if owner is not None:
            infos = [owner]
    return [importlib.import_module(f"{__name__}.{info.name}") for info in infos]
