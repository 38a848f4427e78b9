"""money (issue #18): what ties contracts, payments and initiatives to the budget, the procurement
facts of a contract, attest on payments, the manual forecast adjustment, and external vs the parties'
own funding.

- ``contract``: ``budget_line_id`` (→ budget_line, SET NULL) and ``budget_year``; ``procurement_route``,
  ``procurement_category``, ``estimated_value_ore`` (the user's estimate over the whole term incl.
  options and renewals; NULL: computed) and ``direct_award_documented`` (NOT NULL, false for existing
  rows). ``renewal_months`` exists since 0001.
- ``payment``: ``direction`` (NOT NULL, existing rows ``utbetalning``), ``decided_by`` (beslutsattestant)
  and ``attested_by``.
- ``initiative``: ``budget_line_id``, ``budget_year`` and ``decision_body`` (who decided its budget),
  filled for existing rows from ``decided_by`` when that names a body (Processledare, Core Team,
  Styrelse); a person's name or any other text leaves it NULL.
- ``budget_year``: ``adjustment_ore`` and ``adjustment_reason`` (an adjustment needs a reason).
- ``funding_application``: ``funder_kind`` (NOT NULL, existing rows ``extern finansiär``),
  ``sk_share_ore`` and ``granted_ore``.

On SQLite the five tables are rebuilt by Alembic's batch mode (a foreign key or CHECK cannot be added
in place), keeping AUTOINCREMENT (0005) and every row; ``shk_tui.db.migrate`` runs this with foreign
keys off and checks them before committing. PostgreSQL adds the columns and constraints in place.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 18:30:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0008'
down_revision: str | None = '0007'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: SQLite rebuilds keep the ids never reused (0005).
_KEEP = {"table_kwargs": {"sqlite_autoincrement": True}}

#: decided_by text (casefolded, spaces collapsed) → decision_body, for the rows there already are.
BODIES = {"processledare": "processledare", "core team": "core team", "styrelse": "styrelse",
          "styrelsen": "styrelse", "styrelse/core team": "styrelse"}


def _enum(name: str, *values: str) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, create_constraint=True, length=40)


def _year_check(batch, column: str) -> None:
    batch.create_check_constraint(f"{column}_range", f"{column} IS NULL OR {column} BETWEEN 2000 AND 2100")


def _non_negative(batch, column: str, name: str) -> None:
    batch.create_check_constraint(name, f"{column} IS NULL OR {column} >= 0")


def _budget_link(batch, table: str) -> None:
    batch.add_column(sa.Column("budget_line_id", sa.Integer(), nullable=True))
    batch.add_column(sa.Column("budget_year", sa.Integer(), nullable=True))
    batch.create_index(f"ix_{table}_budget_line_id", ["budget_line_id"], unique=False)
    batch.create_foreign_key(f"fk_{table}_budget_line_id_budget_line", "budget_line", ["budget_line_id"], ["id"],
                             ondelete="SET NULL")
    _year_check(batch, "budget_year")


def upgrade() -> None:
    sequences = _sequences()
    _upgrade_tables()
    _restore_sequences(sequences)


def _upgrade_tables() -> None:
    with op.batch_alter_table("contract", **_KEEP) as batch:
        _budget_link(batch, "contract")
        batch.add_column(sa.Column("procurement_route", _enum(
            "procurementroute", "avrop från ramavtal", "direktupphandling", "annonserad upphandling",
            "ej upphandlingspliktigt"), nullable=True))
        batch.add_column(sa.Column("procurement_category", sa.String(length=100), nullable=True))
        batch.add_column(sa.Column("estimated_value_ore", sa.BigInteger(), nullable=True))
        batch.add_column(sa.Column("direct_award_documented", sa.Boolean(), server_default=sa.false(),
                                   nullable=False))
        batch.create_index("ix_contract_procurement_category", ["procurement_category"], unique=False)
        _non_negative(batch, "estimated_value_ore", "estimated_value_non_negative")

    with op.batch_alter_table("payment", **_KEEP) as batch:
        batch.add_column(sa.Column("direction", _enum("paymentdirection", "utbetalning", "inbetalning"),
                                   server_default="utbetalning", nullable=False))
        batch.add_column(sa.Column("decided_by", sa.String(length=100), nullable=True))
        batch.add_column(sa.Column("attested_by", sa.String(length=100), nullable=True))

    with op.batch_alter_table("initiative", **_KEEP) as batch:
        batch.add_column(sa.Column("decision_body", _enum("decisionbody", "processledare", "core team", "styrelse"),
                                   nullable=True))
        _budget_link(batch, "initiative")
    _fill_decision_body()

    with op.batch_alter_table("budget_year", **_KEEP) as batch:
        batch.add_column(sa.Column("adjustment_ore", sa.BigInteger(), nullable=True))
        batch.add_column(sa.Column("adjustment_reason", sa.Text(), nullable=True))
        batch.create_check_constraint(
            "adjustment_has_reason",
            "adjustment_ore IS NULL OR (adjustment_reason IS NOT NULL AND length(adjustment_reason) > 0)")

    with op.batch_alter_table("funding_application", **_KEEP) as batch:
        batch.add_column(sa.Column("funder_kind", _enum("funderkind", "extern finansiär", "parternas egna medel"),
                                   server_default="extern finansiär", nullable=False))
        batch.add_column(sa.Column("sk_share_ore", sa.BigInteger(), nullable=True))
        batch.add_column(sa.Column("granted_ore", sa.BigInteger(), nullable=True))
        _non_negative(batch, "sk_share_ore", "sk_share_non_negative")
        _non_negative(batch, "granted_ore", "granted_non_negative")


#: The tables this migration rebuilds on SQLite.
REBUILT = ("contract", "payment", "initiative", "budget_year", "funding_application")


def _sequences() -> dict[str, int]:
    """SQLite: each rebuilt table's AUTOINCREMENT counter (the highest id it ever handed out)."""
    conn = op.get_bind()
    if conn.dialect.name != "sqlite":
        return {}
    return {name: seq for name, seq in conn.execute(sa.text("SELECT name, seq FROM sqlite_sequence")).all()
            if name in REBUILT}


def _restore_sequences(before: dict[str, int]) -> None:
    """SQLite: a rebuilt table's counter goes back to where it was (a rebuild forgets it, and the id of a
    row deleted earlier would be handed out again), or to its highest id if that is higher."""
    conn = op.get_bind()
    if conn.dialect.name != "sqlite":
        return
    for table in REBUILT:
        highest = conn.execute(sa.text(f'SELECT max(id) FROM "{table}"')).scalar() or 0
        seq = max(before.get(table, 0), highest)
        conn.execute(sa.text("DELETE FROM sqlite_sequence WHERE name = :t"), {"t": table})
        if seq:
            conn.execute(sa.text("INSERT INTO sqlite_sequence (name, seq) VALUES (:t, :s)"), {"t": table, "s": seq})


def _fill_decision_body() -> None:
    """Existing initiatives whose ``decided_by`` names a body get it as ``decision_body``. The row's
    version is left alone: nothing a user sees changes."""
    conn = op.get_bind()
    rows = conn.execute(sa.text("SELECT id, decided_by FROM initiative WHERE decided_by IS NOT NULL")).all()
    for row_id, decided_by in rows:
        body = BODIES.get(" ".join(decided_by.split()).casefold())
        if body is not None:
            conn.execute(sa.text("UPDATE initiative SET decision_body = :b WHERE id = :i"), {"b": body, "i": row_id})


def downgrade() -> None:
    sequences = _sequences()
    _downgrade_tables()
    _restore_sequences(sequences)


def _downgrade_tables() -> None:
    with op.batch_alter_table("funding_application", **_KEEP) as batch:
        batch.drop_constraint("granted_non_negative", type_="check")
        batch.drop_constraint("sk_share_non_negative", type_="check")
        batch.drop_constraint("funderkind", type_="check")
        batch.drop_column("granted_ore")
        batch.drop_column("sk_share_ore")
        batch.drop_column("funder_kind")
    with op.batch_alter_table("budget_year", **_KEEP) as batch:
        batch.drop_constraint("adjustment_has_reason", type_="check")
        batch.drop_column("adjustment_reason")
        batch.drop_column("adjustment_ore")
    for table in ("initiative", "contract"):
        with op.batch_alter_table(table, **_KEEP) as batch:
            batch.drop_constraint("budget_year_range", type_="check")
            batch.drop_constraint(f"fk_{table}_budget_line_id_budget_line", type_="foreignkey")
            batch.drop_index(f"ix_{table}_budget_line_id")
            batch.drop_column("budget_year")
            batch.drop_column("budget_line_id")
            if table == "initiative":
                batch.drop_constraint("decisionbody", type_="check")
                batch.drop_column("decision_body")
            else:
                batch.drop_constraint("estimated_value_non_negative", type_="check")
                batch.drop_constraint("procurementroute", type_="check")
                batch.drop_index("ix_contract_procurement_category")
                batch.drop_column("direct_award_documented")
                batch.drop_column("estimated_value_ore")
                batch.drop_column("procurement_category")
                batch.drop_column("procurement_route")
    with op.batch_alter_table("payment", **_KEEP) as batch:
        batch.drop_constraint("paymentdirection", type_="check")
        batch.drop_column("attested_by")
        batch.drop_column("decided_by")
        batch.drop_column("direction")
