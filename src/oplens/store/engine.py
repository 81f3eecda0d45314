"""Open a ledger database: resolve its URL, tune SQLite, bring the schema up to date.

SQLite runs in WAL mode with a busy timeout, so one writer and any number of readers can
work at once and a second writer waits instead of failing. Write transactions start with
``BEGIN IMMEDIATE``: a deferred transaction that reads and then writes can fail at once
with "database is locked" when another writer got there first, whatever the timeout.
Migrations are Alembic revisions shipped in the package and run by ``open_engine`` itself.
"""

from __future__ import annotations

import math
import sqlite3
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, SQLAlchemyError

from oplens.errors import StoreError

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# The newest revision in migrations/versions (a test checks it against Alembic's own view).
# Knowing it here lets an up-to-date database open without importing Alembic (0.14 s).
HEAD = "0001"

# 30 s: a writer holds the SQLite lock for one batch of `add_analyses` (a few hundred
# milliseconds for 100 analyses) or one resolution; 30 s rides out a long batch of the
# other process with a wide margin and still ends a truly stuck wait.
BUSY_TIMEOUT_S = 30.0
# How often opening an SQLite file is tried when a concurrent opener holds its lock.
OPEN_ATTEMPTS = 5
# A fixed key for PostgreSQL's advisory lock, so that two processes never migrate at once.
_MIGRATION_LOCK = 0x6F706C656E73


def database_url(db: str) -> str:
    """Turn a ``--db`` value into an SQLAlchemy URL.

    A plain path means an SQLite file; ``postgresql://`` and ``postgres://`` URLs get the
    psycopg 3 driver.
    """
    if "://" not in db:
        return "sqlite:///" + str(Path(db).expanduser().resolve())
    scheme, rest = db.split("://", 1)
    if scheme in ("postgres", "postgresql"):
        return f"postgresql+psycopg://{rest}"
    return db


def shown_url(url: str) -> str:
    """Return the URL with any password hidden, fit for a message."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url


def _math_functions(dbapi_connection: Any) -> None:
    """Give SQLite ``ln`` and ``floor`` (for scoring in SQL) when it was built without them."""
    try:
        dbapi_connection.execute("SELECT ln(1), floor(1.5)").fetchone()
    except sqlite3.OperationalError:
        dbapi_connection.create_function("ln", 1, math.log, deterministic=True)
        dbapi_connection.create_function("floor", 1, math.floor, deterministic=True)


def _tune_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the sqlite3 module, say when transactions begin.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        cursor.execute("PRAGMA journal_mode = WAL")
        # NORMAL is safe in WAL mode against a crashed process (only power loss can drop
        # the last commits, never corrupt the file), and spares an fsync per commit.
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()
        _math_functions(dbapi_connection)

    @event.listens_for(engine, "begin")
    def begin(connection: Connection) -> None:
        mode = "IMMEDIATE" if connection.get_execution_options().get("oplens_write") else ""
        connection.exec_driver_sql(f"BEGIN {mode}".strip())


def make_engine(url: str) -> Engine:
    """Create an engine for ``url`` (SQLite tuned as above), without touching the schema.

    Raises:
        StoreError: the URL is malformed or names a driver that is not installed.
    """
    try:
        parsed = make_url(url)
        if parsed.get_backend_name() == "sqlite":
            database = parsed.database or ""
            if database and database != ":memory:":
                Path(database).parent.mkdir(parents=True, exist_ok=True)
            engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_S})
            _tune_sqlite(engine)
            return engine
        return create_engine(url, pool_pre_ping=True)
    except (ArgumentError, NoSuchModuleError) as error:
        raise StoreError(f"bad database URL {shown_url(url)!r}: {error}") from None
    except OSError as error:
        raise StoreError(f"cannot create the database folder for {url}: {error}") from None


@contextmanager
def writing(engine: Engine) -> Iterator[Connection]:
    """Open a write transaction (``BEGIN IMMEDIATE`` on SQLite); commit on success."""
    with engine.execution_options(oplens_write=True).begin() as connection:
        yield connection


def _config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    """Return the newest schema revision the shipped migrations define."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None  # the package ships at least one revision
    return head


def _current(connection: Connection) -> str | None:
    if not inspect(connection).has_table("alembic_version"):
        return None
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _check_known(revision: str | None, url: str) -> None:
    from alembic.script import ScriptDirectory

    known = {script.revision for script in ScriptDirectory.from_config(_config()).walk_revisions()}
    if revision is not None and revision not in known:
        raise StoreError(
            f"the database {shown_url(url)} has schema revision {revision!r}, newer than this "
            f"oplens knows (up to {head_revision()!r}): upgrade oplens"
        )


def migrate(engine: Engine, url: str) -> None:
    """Bring the schema up to the newest revision, in one transaction, one process at a time.

    Raises:
        StoreError: the database has a newer schema than this oplens knows.
    """
    with engine.connect() as connection:
        current = _current(connection)
    if current == HEAD:
        return
    _check_known(current, url)
    head = head_revision()
    with writing(engine) as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
        current = _current(connection)  # another process may have migrated meanwhile
        _check_known(current, url)
        if current != head:
            from alembic import command

            command.upgrade(_config(connection), "head")


def _sqlite_file(url: str) -> Path | None:
    """Return the file of an SQLite URL (None for another database or an in-memory one)."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return None
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database or "")


def _check_exists(engine: Engine, url: str) -> None:
    """Refuse a database that holds no ledger (no tables of ours), rather than create one."""
    with engine.connect() as connection:
        if _current(connection) is None:
            raise StoreError(f"the database {shown_url(url)} holds no oplens ledger")


def open_engine(db: str, *, create: bool = True) -> Engine:
    """Open the database ``db`` (a URL or an SQLite path), migrating it if it is older.

    With ``create=False``, a missing SQLite file or a database without a ledger in it is an
    error instead of a new, empty ledger.

    Raises:
        StoreError: a malformed URL, a missing driver, a file that is not a database, a
            server that refuses the connection, or a schema newer than this oplens.
    """
    url = database_url(db)
    path = _sqlite_file(url)
    if not create and path is not None and not path.is_file():
        raise StoreError(f"no ledger database at {path}")
    for attempt in range(OPEN_ATTEMPTS):
        engine = make_engine(url)
        try:
            if not create:
                _check_exists(engine, url)
            migrate(engine, url)
            return engine
        except StoreError:
            engine.dispose()
            raise
        except (DBAPIError, SQLAlchemyError) as error:
            engine.dispose()
            if path is not None and _locked(error) and attempt + 1 < OPEN_ATTEMPTS:
                # Two processes creating one file at once: one may meet the other's lock
                # while that one switches the new file to WAL mode, which SQLite reports at
                # once rather than after the busy timeout. The second try finds it done.
                time.sleep(0.1 * 2**attempt)
                continue
            message = f"cannot use the database {shown_url(url)}: {one_line(error)}"
            raise StoreError(message) from None
    raise AssertionError("unreachable: the last attempt returns or raises")


def _locked(error: SQLAlchemyError) -> bool:
    return "database is locked" in one_line(error)


def one_line(error: SQLAlchemyError) -> str:
    """Return the driver's own message of a database error, on one line."""
    original = getattr(error, "orig", None)
    message = str(original if original is not None else error).strip()
    return " ".join(message.split()) or type(error).__name__


@contextmanager
def scratch_schema(base: str, prefix: str) -> Iterator[str]:
    """Create a new schema on the PostgreSQL server at ``base``; yield a URL that uses it.

    For the tests and benchmarks: each run gets a ledger of its own on a shared server, and
    the schema is dropped with everything in it when the block ends.
    """
    url = database_url(base)
    schema = f"{prefix}_{uuid.uuid4().hex[:12]}"
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    separator = "&" if "?" in url else "?"
    try:
        yield f"{url}{separator}options=-csearch_path%3D{schema}"
    finally:
        with engine.begin() as connection:
            connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        engine.dispose()
