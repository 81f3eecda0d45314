"""The ledger commands, in process and as real processes: crashes, two writers, bad input."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from oplens.cli import main
from oplens.schema import document_id
from tests.conftest import EXAMPLE, analysis_of
from tests.test_cli import _help_examples

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def oplens(*args: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    """Start ``oplens ARGS`` as a real child process."""
    return subprocess.Popen(
        [sys.executable, "-m", "oplens.cli", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **(env or {})},
    )


def articles(folder: Path, count: int) -> list[str]:
    """``count`` distinct articles: the example with one numbered sentence added."""
    text = EXAMPLE.read_text(encoding="utf-8")
    paths = []
    for number in range(count):
        path = folder / f"article-{number:03d}.txt"
        extra = f"The council meets again on day {number} of the session."
        path.write_text(text.replace("The council should take it.", extra), encoding="utf-8")
        paths.append(str(path))
    return paths


def record_json(folder: Path, count: int) -> list[str]:
    """``count`` distinct Analysis JSON files: the example's, each with a postscript added."""
    base = analysis_of(EXAMPLE, "2025-03-14")
    paths = []
    for number in range(count):
        text = base.document.text + f"\n\nPostscript {number}."
        record = base.model_copy(
            update={"document": base.document.model_copy(update={"text": text})}
        )
        data = json.loads(record.to_json())
        data["document"]["id"] = document_id(text)
        start = len(text) - len(f"Postscript {number}.")
        data["document"]["body"].append({"start": start, "end": len(text), "text": text[start:]})
        path = folder / f"record-{number:03d}.json"
        path.write_text(json.dumps(data), encoding="utf-8")
        paths.append(str(path))
    return paths


def count(db: Path, table: str) -> int:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30) as connection:
        return int(connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def consistent(db: Path) -> None:
    """The file passes SQLite's own checks and every article is whole."""
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        orphans = connection.execute(
            "SELECT count(*) FROM articles a WHERE NOT EXISTS "
            "(SELECT 1 FROM documents d WHERE d.id = a.document_id) OR NOT EXISTS "
            "(SELECT 1 FROM article_authors w WHERE w.article_id = a.id)"
        ).fetchone()[0]
        assert orphans == 0
        for (analysis,) in connection.execute("SELECT analysis FROM documents"):
            assert json.loads(analysis)["schema_version"] == 1


def test_killed_add_leaves_a_consistent_database_and_a_rerun_finishes(tmp_path: Path) -> None:
    db = tmp_path / "ledger.db"
    sources = articles(tmp_path, 60)
    child = oplens("add", *sources, "--db", str(db), env={"OPLENS_BATCH_SIZE": "4"})
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if db.exists() and count_or_zero(db) >= 6:
            break
        time.sleep(0.02)
    child.send_signal(signal.SIGKILL)
    child.communicate()
    assert child.returncode == -signal.SIGKILL
    stored = count(db, "documents")
    assert 6 <= stored < 60
    consistent(db)

    again = oplens("add", *sources, "--skip-existing", "--db", str(db))
    _, err = again.communicate(timeout=300)
    assert again.returncode == 0, err
    assert err.splitlines()[-1] == f"{60 - stored} stored, {stored} skipped, 0 failed"
    assert count(db, "documents") == 60
    consistent(db)


def count_or_zero(db: Path) -> int:
    try:
        return count(db, "documents")
    except sqlite3.OperationalError:  # not created yet
        return 0


def test_two_writers_and_a_reader_at_once(tmp_path: Path) -> None:
    db = tmp_path / "ledger.db"
    records = record_json(tmp_path, 80)
    assert run("authors", "--db", str(db))[0] == 0  # create the schema first
    writers = [oplens("add", *half, "--db", str(db)) for half in (records[:40], records[40:])]
    readers = [oplens("predictions", "--format", "json", "--db", str(db)) for _ in range(3)]
    for process in writers + readers:
        _, err = process.communicate(timeout=300)
        assert process.returncode == 0, err
    assert count(db, "documents") == 80
    assert count(db, "predictions") == 480  # 6 each
    assert count(db, "authors") == 1
    consistent(db)


def seeded(tmp_path: Path) -> str:
    db = str(tmp_path / "ledger.db")
    [record] = record_json(tmp_path, 1)
    assert run("add", record, "--db", db)[0] == 0
    return db


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("resolve", "99", "--outcome", "true"), "no prediction with id 99"),
        (("resolve", "x1", "--outcome", "true"), "no prediction with id 'x1': ids are whole"),
        (("resolve", "1", "--outcome", "maybe"), "invalid outcome 'maybe': expected one of"),
        (("resolve", "1", "--outcome", "true", "--date", "2025-03-01"), "is before the article"),
        (("resolve", "1", "--outcome", "true", "--date", "01/02/2026"), "bad --date '01/02/2026'"),
        (("resolve", "1", "--outcome", "true", "--evidence", "paper"), "must be an http(s) URL"),
        (("show", "sha256:ffff"), "no article with id 'sha256:ffff'"),
        (("predictions", "--due-before", "soon"), "bad --due-before date 'soon'"),
    ],
)
def test_bad_input_is_one_line_and_changes_nothing(
    tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    db = seeded(tmp_path)
    before = run("predictions", "--format", "json", "--db", db)[1]
    code, out, err = run(*args, "--db", db)
    assert (code, out) == (1, "")
    assert err.startswith("oplens: error: ") and err.count("\n") == 1
    assert message in err
    assert run("predictions", "--format", "json", "--db", db)[1] == before
    assert run("audit", "--db", db)[1] == "no resolutions have been changed\n"


def test_corrupt_and_newer_databases_are_one_line_errors(tmp_path: Path) -> None:
    corrupt = tmp_path / "corrupt.db"
    corrupt.write_bytes(b"\x00garbage" * 512)
    done = oplens("authors", "--db", str(corrupt))
    out, err = done.communicate(timeout=60)
    assert (done.returncode, out) == (1, "")
    assert (
        err
        == f"oplens: error: cannot use the database sqlite:///{corrupt}: file is not a database\n"
    )
    assert corrupt.read_bytes() == b"\x00garbage" * 512

    db = seeded(tmp_path)
    with sqlite3.connect(db) as connection:
        connection.execute("UPDATE alembic_version SET version_num = 'f00d'")
    code, _, err = run("predictions", "--db", db)
    assert code == 1
    assert err == (
        f"oplens: error: the database sqlite:///{db} has schema revision 'f00d', newer than "
        "this oplens knows (up to '0001'): upgrade oplens\n"
    )


def test_formats(tmp_path: Path) -> None:
    db = seeded(tmp_path)
    _, out, _ = run("predictions", "--format", "csv", "--as-of", "2026-12-01", "--db", db)
    article_id = json.loads(run("predictions", "--format", "json", "--db", db)[1])[0]["article_id"]
    head = f"{article_id},Marta Lindqvist,2025-03-14"
    assert out.splitlines() == [
        "id,article_id,authors,published,due,probability,status,outcome,resolved_on,evidence,"
        "holder,text",
        f"1,{head},,0.9,open,,,,a1,the levy would raise four million pounds a year without "
        "costing the town a single visitor",
        f"2,{head},,0.9,open,,,,author,It will not",
        f"3,{head},2027-12-31,0.9,open,,,,a3,the money will pay for a new sewage plant by 2027",
        f"4,{head},2025-09-14,0.85,due,,,,author,"
        "the ships will most likely move to Kingsbridge within two seasons",
        f"5,{head},,0.9,open,,,,author,the town will lose far more in harbour fees than it gains",
        f"6,{head},2026-12-31,0.45,open,,,,author,"  # CSV doubles the quotes inside quotes
        '"Shop owners on Quay Street, described by some as ""the levy\'s first victims,"" '
        'may see takings fall by a fifth next year"',
    ]
    records = json.loads(run("predictions", "--format", "json", "--db", db)[1])
    assert [(r["id"], r["probability"]) for r in records][3] == (4, 0.85)
    assert [(r["holder"], r["holder_name"]) for r in records][:3] == [
        ("a1", "Mayor Helen Okafor"),
        ("author", None),
        ("a3", "Okafor's finance director, Tom Reyes"),
    ]
    authors = json.loads(run("authors", "--format", "json", "--db", db)[1])
    assert [(a["name"], a["predictions"]) for a in authors] == [("Marta Lindqvist", 4)]  # own
    shown = run("show", article_id[:12], "--db", db)[1]
    assert f"Article:    {article_id}" in shown and "Predictions:" in shown
    stored = json.loads(run("show", article_id, "--format", "json", "--db", db)[1])
    assert stored["document"]["id"] == article_id
    assert len(stored["predictions"]) == 6


@pytest.mark.parametrize(
    "command", ["add", "predictions", "resolve", "scores", "authors", "show", "audit"]
)
def test_help_examples_run(command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    db = seeded(tmp_path)
    run("add", str(EXAMPLE), "--published", "2025-03-14", "--db", db)
    examples = _help_examples(command)
    assert examples, f"`oplens {command} --help` shows no example"
    for example in examples:
        args = [db if a == "ledger.db" else a for a in example]
        code, _, err = run(*args)
        assert code == 0, f"oplens {' '.join(example)} failed: {err}"
