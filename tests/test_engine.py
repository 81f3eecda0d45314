"""Opening databases: URLs, SQLite tuning, concurrent use, unusable files and servers."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text

from oplens.errors import StoreError
from oplens.settings import load_settings
from oplens.store import Store, database_url
from oplens.store.engine import HEAD, head_revision, scratch_schema, writing
from tests.conftest import POSTGRES_ENV


def test_database_url() -> None:
    assert database_url("ledger.db") == f"sqlite:///{Path('ledger.db').resolve()}"
    assert database_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert database_url("postgresql://u:pw@h:5/db") == "postgresql+psycopg://u:pw@h:5/db"
    assert database_url("sqlite:////tmp/x.db") == "sqlite:////tmp/x.db"


def test_db_setting_default_and_environment() -> None:
    default = load_settings(environ={}).db
    assert default.startswith("sqlite:///") and default.endswith("/oplens/oplens.db")
    assert load_settings(environ={"OPLENS_DB": "x.db"}).db == "x.db"
    assert load_settings(environ={"OPLENS_DB": "x.db"}, db="y.db").db == "y.db"


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(tmp_path: Path) -> None:
    with Store.open(str(tmp_path / "ledger.db")) as store, store.engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA busy_timeout")).scalar() == 30000
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_a_reader_works_while_a_writer_holds_the_lock(tmp_path: Path) -> None:
    path = str(tmp_path / "ledger.db")
    writer, reader = Store.open(path), Store.open(path)
    with writing(writer.engine) as connection:
        connection.execute(
            text("INSERT INTO authors (name, name_key, affiliation_key) VALUES ('A', 'a', '')")
        )
        assert reader.authors() == []  # not blocked, and not seeing the uncommitted row
    assert reader.has_documents(["sha256:" + "0" * 64]) == set()
    writer.close()
    reader.close()


def test_corrupt_file_is_one_line_error_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "ledger.db"
    path.write_bytes(b"this is not a database, just some bytes " * 100)
    before = path.read_bytes()
    with pytest.raises(StoreError) as caught:
        Store.open(str(path))
    assert str(caught.value) == (
        f"cannot use the database sqlite:///{path}: file is not a database"
    )
    assert path.read_bytes() == before


def test_bad_url_and_refused_server() -> None:
    with pytest.raises(StoreError, match="bad database URL 'nosuch://x'"):
        Store.open("nosuch://x")
    with pytest.raises(StoreError) as caught:
        Store.open("postgresql://nobody:secret@127.0.0.1:9/none?connect_timeout=2")
    message = str(caught.value)
    assert message.startswith("cannot use the database postgresql+psycopg://nobody:***@")
    assert "secret" not in message and "\n" not in message


def test_two_processes_creating_one_database_both_succeed(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'ledger.db'}"
    code = f"from oplens.store import Store; Store.open({url!r}).close(); print('ok')"
    runs = [
        subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    assert [run.communicate(timeout=120)[0] for run in runs] == ["ok\n", "ok\n"]
    assert [run.returncode for run in runs] == [0, 0]


def test_head_constant_matches_the_shipped_migrations() -> None:
    assert head_revision() == HEAD


def test_scratch_schema_is_used_and_then_dropped() -> None:
    base = os.environ.get(POSTGRES_ENV)
    if not base:
        pytest.skip(f"{POSTGRES_ENV} is not set: PostgreSQL test skipped")
    with scratch_schema(base, "probe") as url:
        schema = url.rsplit("%3D", 1)[1]
        assert schema.startswith("probe_") and len(schema) == len("probe_") + 12
        with Store.open(url) as store, store.engine.connect() as connection:
            assert connection.execute(text("SELECT current_schema()")).scalar() == schema
    engine = create_engine(database_url(base))
    with engine.connect() as connection:
        left = connection.execute(
            text("SELECT count(*) FROM information_schema.schemata WHERE schema_name = :s"),
            {"s": schema},
        ).scalar()
    engine.dispose()
    assert left == 0


def test_opening_retries_when_a_concurrent_creator_holds_the_lock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlalchemy.exc import OperationalError

    from oplens.store import engine as engine_module

    real_migrate = engine_module.migrate
    calls: list[int] = []

    def migrate_once_locked(engine: Any, url: str) -> None:
        calls.append(1)
        if len(calls) == 1:
            raise OperationalError("PRAGMA journal_mode = WAL", {}, Exception("database is locked"))
        real_migrate(engine, url)

    monkeypatch.setattr(engine_module, "migrate", migrate_once_locked)
    opened = engine_module.open_engine(str(tmp_path / "ledger.db"))
    with opened.connect() as connection:
        version = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    opened.dispose()
    assert (len(calls), version) == (2, HEAD)


def test_a_lock_that_outlasts_every_attempt_is_one_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlalchemy.exc import OperationalError

    from oplens.store import engine as engine_module

    def always_locked(engine: Any, url: str) -> None:
        raise OperationalError("BEGIN IMMEDIATE", {}, Exception("database is locked"))

    monkeypatch.setattr(engine_module, "migrate", always_locked)
    monkeypatch.setattr("oplens.store.engine.time.sleep", lambda seconds: None)
    with pytest.raises(StoreError, match="database is locked"):
        engine_module.open_engine(str(tmp_path / "ledger.db"))
