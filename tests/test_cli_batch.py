"""``oplens batch`` on the command line: summary, failures file, progress lines, errors."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from oplens.batch import Progress
from oplens.cli import batch as batch_cli
from oplens.cli import main
from tests.batch_corpus import build_mixed
from tests.test_cli import _help_examples

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_help_example_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    (example,) = _help_examples("batch")
    assert example == ["batch", "examples", "--db", "ledger.db"]
    code, out, err = run(*example)
    assert code == 0, err
    assert out.splitlines()[0] == "1 analysed, 0 skipped (already stored), 0 failed"
    assert re.fullmatch(r"0:00:\d\d for 1 partition, \d+\.\d articles/s", out.splitlines()[1])
    assert re.fullmatch(r"\d worker, peak memory per worker \d+ MB", out.splitlines()[2])
    assert (tmp_path / "ledger.db").exists()


def test_mixed_archive_with_a_tsv_failures_file(tmp_path: Path) -> None:
    inputs, expected = build_mixed(tmp_path)
    failures = tmp_path / "failures.tsv"
    db = str(tmp_path / "ledger.db")
    code, out, err = run(
        "batch", *inputs, "--db", db, "--workers", "1", "--failures", str(failures)
    )
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == (
        "10 analysed (1 of them Analysis records stored as given), 0 skipped (already stored), "
        f"9 failed (see {failures})"
    )
    assert lines[-1] == (
        "1 file in the input folders was not read "
        "(not .txt, .html, .htm, .jsonl, .warc or their .gz)"
    )
    rows = failures.read_text(encoding="utf-8").splitlines()
    assert rows[0] == "input\trecord\treason"
    assert {tuple(row.split("\t")) for row in rows[1:]} == {
        (i, r or "", reason) for i, r, reason in expected.failures
    }
    code, out, _ = run("batch", *inputs, "--db", db, "--no-resume", "--failures", str(failures))
    assert out.splitlines()[0].startswith("10 analysed (1 of them")


def test_progress_lines_when_stderr_is_not_a_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(batch_cli, "LOG_EVERY_S", 0.0)
    (tmp_path / "a.txt").write_text("Jane Doe said the plan will fail. She is wrong.")
    code, _, err = run("batch", str(tmp_path / "a.txt"), "--db", str(tmp_path / "l.db"))
    assert code == 0
    assert re.fullmatch(
        r"oplens: batch: 0% of 0\.0 MB, 0 analysed, 0 skipped, 0 failed, 0\.0 articles/s, "
        r"ETA 0:00:00\n"
        r"oplens: batch: 100% of 0\.0 MB, 1 analysed, 0 skipped, 0 failed, "
        r"\d+\.\d articles/s, ETA 0:00:00\n",
        err,
    )


def test_progress_line() -> None:
    progress = Progress(
        total_bytes=4_000_000, done_bytes=1_000_000, analysed=90, skipped=8, failed=2, elapsed=50
    )
    assert batch_cli.progress_line(progress) == (
        "oplens: batch: 25% of 4.0 MB, 90 analysed, 8 skipped, 2 failed, 2.0 articles/s, "
        "ETA 0:02:30"
    )


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["nope"], 1, "oplens: error: no such file or directory: nope"),
        (
            [".", "--scheduler", "tcp://127.0.0.1:9", "--db", "x.db"],
            1,
            "oplens: error: a Dask cluster needs a database every machine can reach: give --db "
            "a PostgreSQL URL (postgresql://user@host/db); SQLite works only with local workers",
        ),
        (
            [".", "--scheduler", "tcp://127.0.0.1:9", "--workers", "2"],
            2,
            "Error: --workers sets local processes; a Dask cluster has its own "
            "(dask worker --nworkers N)",
        ),
    ],
)
def test_errors_are_one_line(
    args: list[str], code: int, message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    got, _, err = run("batch", *args)
    assert (got, err.splitlines()[-1]) == (code, message)
    assert not (tmp_path / "x.db").exists()
