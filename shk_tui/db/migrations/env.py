"""Alembic environment. The connection (or URL) comes from ``shk_tui.db.migrate`` through the
config's attributes; there is no alembic.ini at run time."""

from alembic import context
from sqlalchemy import engine_from_config, pool
from sqlmodel import SQLModel

import shk_tui.db.models  # noqa: F401  (registers the tables)

config = context.config
target_metadata = SQLModel.metadata


def _include_name(name, type_, _parent_names) -> bool:
    # the search index (migration 0009, shk_tui.db.search_index) is not a model: autogenerate leaves it be
    return not (type_ == "table" and name is not None and name.startswith("search_"))


def _configure(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        include_name=_include_name,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )


def run_migrations_offline() -> None:
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure(connection)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = engine_from_config(config.get_section(config.config_ini_section) or {}, prefix="sqlalchemy.",
                                poolclass=pool.NullPool)
    with engine.connect() as conn:
        _configure(conn)
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
