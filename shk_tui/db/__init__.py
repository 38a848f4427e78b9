"""Storage: SQLModel tables, the engine and Alembic migrations. No Textual here."""
