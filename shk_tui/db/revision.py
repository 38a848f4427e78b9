"""Developer helper: ``python -m shk_tui.db.revision "message"`` autogenerates a migration
against a scratch SQLite database upgraded to the current head."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from alembic import command

from shk_tui.config import resolve
from shk_tui.db import migrate
from shk_tui.db.engine import Database


def main(argv: list[str]) -> None:
    message = " ".join(argv) or "schema change"
    with tempfile.TemporaryDirectory() as tmp:
        db = Database(resolve(str(Path(tmp) / "scratch.sqlite3")))
        migrate.upgrade(db)
        cfg = migrate.alembic_config(db)
        with db.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            rev_id = f"{len(list((migrate.MIGRATIONS / 'versions').glob('0*.py'))) + 1:04d}"
            command.revision(cfg, message=message, autogenerate=True, rev_id=rev_id)
        db.dispose()


if __name__ == "__main__":
    main(sys.argv[1:])
