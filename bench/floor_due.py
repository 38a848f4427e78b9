"""Floor for ``shk due``: import SQLAlchemy and sqlite3, open the database and run one query of the kind
``shk due`` runs (unpaid payments due by a date, with their contracts), print the rows.

    python -m bench.floor_due FILE.sqlite3 2026-12-31
"""

import sqlite3  # noqa: F401  (the floor's imports are what the issue names)
import sys

import sqlalchemy as sa

QUERY = sa.text(
    "SELECT c.title, p.due_on, p.amount_ore FROM payment p JOIN contract c ON c.id = p.contract_id"
    " WHERE p.paid_on IS NULL AND p.due_on <= :last ORDER BY p.due_on"
)

if __name__ == "__main__":
    engine = sa.create_engine(f"sqlite:///{sys.argv[1]}")
    with engine.connect() as conn:
        for title, due, amount in conn.execute(QUERY, {"last": sys.argv[2]}):
            print(f"{due}  {title}: {amount // 100} kr")
