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
import pkgutil
from types import ModuleType


def modules() -> list[ModuleType]:
    found = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        if info.name.startswith("_"):
            continue
        found.append(importlib.import_module(f"{__name__}.{info.name}"))
    return found
