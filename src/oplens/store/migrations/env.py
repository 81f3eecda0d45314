"""Alembic environment: run migrations over the connection oplens passes in.

oplens runs migrations itself (``oplens.store.engine.open_engine``) inside a transaction it
holds; a developer can also point the ``alembic`` command at a database with
``-x url=...`` to write a new revision (``--autogenerate`` compares with ``tables.py``).
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from oplens.store.tables import Base


def run() -> None:
    """Run the migrations over the given connection, or over ``-x url=...``."""
    connection = context.config.attributes.get("connection")
    if connection is not None:
        context.configure(connection=connection, target_metadata=Base.metadata)
        with context.begin_transaction():
            context.run_migrations()
        return
    url = context.get_x_argument(as_dictionary=True)["url"]
    with create_engine(url).begin() as own:
        context.configure(connection=own, target_metadata=Base.metadata)
        with context.begin_transaction():
            context.run_migrations()


run()
