"""``oplens export``: the JSONL round trip through ``oplens batch``, errors, help examples."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from oplens import Analysis
from oplens.cli import main
from oplens.export.csv import COLUMNS
from oplens.schema import document_id
from oplens.store import Store
from tests.conftest import EXAMPLE, EXAMPLE_PUBLISHED, MILLER, MILLER_PUBLISHED, analysis_of
from tests.export_cases import variant
from tests.test_cli import _help_examples

ROOT = Path(__file__).resolve().parent.parent
OUTPUTS = (".jsonl", ".csv", ".json")  # the files help examples write, put in tmp_path


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def _republished(analysis: Analysis) -> Analysis:
    """Another copy of the same article: the same body, another "More" line around it."""
    text = analysis.document.text.replace("More >", "More »")  # the same length: offsets hold
    data = json.loads(analysis.to_json())
    data["document"] |= {"text": text, "id": document_id(text)}
    for furniture in data["furniture"]:
        furniture["text"] = text[furniture["start"] : furniture["end"]]
    return Analysis.from_json(json.dumps(data))


@pytest.fixture
def ledger(tmp_path: Path) -> str:
    """The example, a republished copy of it, two more articles, and the canonical one."""
    db = str(tmp_path / "ledger.db")
    harbour = analysis_of(EXAMPLE, EXAMPLE_PUBLISHED)
    records = [
        harbour,
        variant(harbour, 1, author="Owen Hartley", published=date(2024, 5, 1)),
        _republished(harbour),
        variant(harbour, 2),
    ]
    if MILLER.exists():
        records.append(analysis_of(MILLER, MILLER_PUBLISHED))
    with Store.open(db) as store:
        for record in records:
            store.add_analysis(record)
        ships = next(p for p in store.predictions() if p.text.startswith("the ships"))
        store.resolve(ships.id, "false", on=date(2025, 10, 1), by="ed")
    return db


def test_jsonl_round_trip_through_batch(ledger: str, tmp_path: Path) -> None:
    dump = tmp_path / "ledger.jsonl"
    code, out, err = run("export", "--format", "jsonl", "--db", ledger, "-o", str(dump))
    assert (code, out) == (0, ""), err
    lines = dump.read_text(encoding="utf-8").splitlines()
    assert err == f"oplens: exported {len(lines)} analyses to {dump}\n"
    fresh = str(tmp_path / "fresh.db")
    code, out, err = run("batch", str(dump), "--db", fresh, "--workers", "1")
    assert code == 0, err
    assert out.splitlines()[0] == (
        f"{len(lines)} analysed ({len(lines)} of them Analysis records stored as given), "
        "0 skipped (already stored), 0 failed"
    )
    with Store.open(ledger) as before, Store.open(fresh) as after:
        originals = list(before.export_analyses())
        assert [a.to_json(indent=None) for a in originals] == lines
        for original in originals:
            assert after.get_analysis(original.document.id) == original
        assert {a.id for a in after.export_articles()} == {a.id for a in before.export_articles()}
        # Ledger ids are the new ledger's own; the predictions are the same.
        assert sorted((p.article_id, p.local_id, p.text) for p in after.predictions()) == sorted(
            (p.article_id, p.local_id, p.text) for p in before.predictions()
        )
        assert len(after.authors()) == len(before.authors())
    code, again, _ = run("export", "--format", "jsonl", "--db", fresh)
    assert sorted(again.splitlines()) == sorted(lines)


def test_stdout_and_filters(ledger: str) -> None:
    code, out, err = run("export", "--format", "jsonl", "--author", "hartley", "--db", ledger)
    assert (code, err) == (0, "")
    [line] = out.splitlines()
    assert Analysis.from_json(line).metadata.authors[0].name == "Owen Hartley"
    args = ["export", "--format", "csv", "--since", "2024-01-01", "--until", "2024-12-31"]
    result = CliRunner().invoke(main, [*args, "--db", ledger])
    assert result.exit_code == 0
    assert result.stdout_bytes.startswith((",".join(COLUMNS) + "\r\n").encode())  # CRLF kept
    out = result.stdout
    assert {row.split(",")[6] for row in out.splitlines()[1:]} == {"Owen Hartley"}
    code, out, _ = run("export", "--format", "csv", "--status", "resolved", "--db", ledger)
    assert len(out.splitlines()) == 2
    code, out, _ = run("export", "--format", "xaif", "--since", "2025-01-01", "--db", ledger)
    maps = [json.loads(line) for line in out.splitlines()]
    assert {m["oplens"]["document"]["published"] for m in maps} == {"2025-03-14"}
    code, out, _ = run("export", "--format", "claimreview", "--db", ledger)
    assert [r["reviewRating"]["alternateName"] for r in json.loads(out)] == ["False"]


def test_nothing_to_export_is_a_warning(ledger: str, tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    code, out, err = run(
        "export", "--format", "csv", "--since", "2030-01-01", "--db", ledger, "-o", str(target)
    )
    assert (code, out) == (0, "")
    assert err == "oplens: warning: nothing to export: no stored prediction matches\n"
    assert target.read_bytes() == (",".join(COLUMNS) + "\r\n").encode()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--format", "csv", "--since", "01/02/2025"), "bad --since date '01/02/2025': expected"),
        (("--format", "csv", "--until", "2025-02-30"), "bad --until date '2025-02-30'"),
        (
            ("--format", "csv", "--since", "2025-02-01", "--until", "2025-01-01"),
            "--since 2025-02-01 is after --until 2025-01-01",
        ),
        (("--format", "csv", "--author", "Nobody"), "no author in the ledger matches 'Nobody'"),
        (("--format", "jsonl", "--bom"), "--bom applies to --format csv only"),
        (("--format", "xaif", "--status", "due"), "--status applies to --format csv only"),
        (("--format", "claimreview", "--status", "open"), "exports resolved predictions only"),
        (("--format", "csv", "--reviewer", "Desk"), "--reviewer applies to --format claimreview"),
    ],
)
def test_bad_options_are_one_line_and_write_nothing(
    ledger: str, tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    target = tmp_path / "out.csv"
    target.write_text("old", encoding="utf-8")
    code, out, err = run("export", *args, "--db", ledger, "-o", str(target))
    assert (code, out) == (1, "")
    assert err.startswith("oplens: error: ") and err.count("\n") == 1
    assert message in err
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out")] == []


def test_unwritable_outputs(ledger: str, tmp_path: Path) -> None:
    missing = tmp_path / "no" / "such" / "out.csv"
    code, _, err = run("export", "--format", "csv", "--db", ledger, "-o", str(missing))
    assert (code, err) == (1, f"oplens: error: cannot write {missing}: No such file or directory\n")
    code, _, err = run("export", "--format", "csv", "--db", ledger, "-o", str(tmp_path))
    assert (code, err) == (1, f"oplens: error: cannot write {tmp_path}: it is a folder\n")


def test_missing_and_bad_databases(tmp_path: Path) -> None:
    missing = tmp_path / "nope.db"
    code, out, err = run("export", "--format", "jsonl", "--db", str(missing))
    assert (code, out, err) == (1, "", f"oplens: error: no ledger database at {missing}\n")
    assert not missing.exists()
    notes = tmp_path / "notes.txt"
    notes.write_text("not a database, just some notes " * 100, encoding="utf-8")
    code, _, err = run("export", "--format", "jsonl", "--db", str(notes))
    assert code == 1
    assert (
        err == f"oplens: error: cannot use the database sqlite:///{notes}: file is not a database\n"
    )


def test_a_real_process_has_no_traceback(tmp_path: Path) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "oplens.cli",
            "export",
            "--format",
            "csv",
            "--db",
            str(tmp_path / "x.db"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == f"oplens: error: no ledger database at {tmp_path / 'x.db'}\n"


def test_help_examples_run(ledger: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    examples = _help_examples("export")
    assert len(examples) == 4
    for example in examples:
        args = [
            ledger if a == "ledger.db" else str(tmp_path / a) if a.endswith(OUTPUTS) else a
            for a in example
        ]
        code, _, err = run(*args)
        assert code == 0, f"oplens {' '.join(example)} failed: {err}"
    assert (tmp_path / "predictions.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert (
        json.loads((tmp_path / "reviews.json").read_text(encoding="utf-8"))[0]["@type"]
        == "ClaimReview"
    )
