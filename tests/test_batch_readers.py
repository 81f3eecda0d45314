"""Reading partitions: article files, JSONL lines (and their line numbers), byte ranges."""

from __future__ import annotations

import gzip
import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from oplens.batch.inputs import Partition, input_files, partitions
from oplens.batch.readers import published_date, read_partition
from oplens.batch.records import Failure, Item
from tests.batch_corpus import analysis_line

MAX = 5_000_000


def read_all(path: Path, partition_bytes: int) -> list[Item | Failure]:
    """Read a file through every partition it is cut into, in order."""
    out: list[Item | Failure] = []
    for partition in partitions(input_files([str(path)]), partition_bytes=partition_bytes):
        out.extend(read_partition(partition, max_bytes=MAX))
    return out


def described(entries: list[Item | Failure]) -> list[tuple[str, str | None]]:
    """Each entry as (text or reason, where)."""
    return [
        (e.reason, e.record) if isinstance(e, Failure) else (e.text or "", e.locate())
        for e in entries
    ]


def test_jsonl_fields_become_item_fields(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl"
    line = {
        "text": "Body.",
        "url": "https://example.org/a",
        "published": "2025-03-14T08:00:00+01:00",
        "title": "A title",
        "author": ["Ann Author", " ", "Bo Writer"],
    }
    path.write_text(json.dumps(line) + "\n" + json.dumps({"html": "<p>x</p>"}), encoding="utf-8")
    first, second = read_all(path, 1_000_000)
    assert isinstance(first, Item) and isinstance(second, Item)
    assert (first.text, first.source, first.published, first.title, first.authors) == (
        "Body.",
        "https://example.org/a",
        date(2025, 3, 14),
        "A title",
        ("Ann Author", "Bo Writer"),
    )
    offset = len(json.dumps(line)) + 1
    assert (second.text, second.source, second.locate()) == (
        "<p>x</p>",
        f"{path}#offset={offset}",
        "line 2",
    )


def test_jsonl_author_string_is_split_and_wrong_types_are_failures(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl"
    rows = [{"text": "a", "author": "Ann Author; Bo Writer"}, {"text": 3}, {"text": "a", "url": 1}]
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    entries = read_all(path, 1_000_000)
    assert isinstance(entries[0], Item) and entries[0].authors == ("Ann Author", "Bo Writer")
    assert described(entries[1:]) == [
        ("'text' is not a string but int", "line 2"),
        ("'url' is not a string but int", "line 3"),
    ]


def test_jsonl_analysis_record_line_is_kept_whole(tmp_path: Path) -> None:
    path = tmp_path / "export.jsonl"
    line = analysis_line(1)
    path.write_text(line + "\n", encoding="utf-8")
    (item,) = read_all(path, 1_000_000)
    assert isinstance(item, Item) and item.analysis is not None
    assert item.analysis.to_json(indent=None) == line


def test_jsonl_bad_lines_empty_files_and_undecodable_lines(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl.gz"
    body = b'{"text": "ok"}\n\xff\xfe{}\n{"text": "a", "schema_version": 1, "document": {}}\n'
    path.write_bytes(gzip.compress(body))
    entries = read_all(path, 10)  # a gzipped file is one partition, whatever the size
    assert described(entries)[1:] == [
        ("the line is not UTF-8", "line 2"),
        ("not a valid Analysis record: 3 validation errors for Analysis", "line 3"),
    ]
    empty = tmp_path / "empty.jsonl"
    empty.write_text("\n\n", encoding="utf-8")
    assert described(read_all(empty, 1_000_000)) == [("empty file: no JSON lines in it", None)]
    fake = tmp_path / "fake.jsonl.gz"
    fake.write_bytes(b"plain")
    assert described(read_all(fake, 1_000_000)) == [
        ("not a valid gzip file: Not a gzipped file (b'pl')", None)
    ]


def test_jsonl_line_over_the_limit_is_reported_and_skipped(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl"
    path.write_text(
        json.dumps({"text": "x" * 100}) + "\n" + json.dumps({"text": "y"}) + "\n", encoding="utf-8"
    )
    partition = Partition("jsonl", (str(path),), size=path.stat().st_size)
    entries = list(read_partition(partition, max_bytes=50))
    assert described(entries) == [
        ("the line is over the 50-byte limit (raise it with --max-bytes)", "line 1"),
        ("y", "line 2"),
    ]


@given(
    lengths=st.lists(st.integers(min_value=0, max_value=40), min_size=1, max_size=12),
    partition_bytes=st.integers(min_value=1, max_value=400),
)
def test_jsonl_byte_ranges_read_every_line_once_with_its_line_number(
    tmp_path_factory: pytest.TempPathFactory, lengths: list[int], partition_bytes: int
) -> None:
    path = tmp_path_factory.mktemp("split") / "dump.jsonl"
    lines = [json.dumps({"text": "w" * n}) if n % 7 else "{broken" for n in lengths]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    expected = [
        (
            "malformed JSON: Expecting property name enclosed in double quotes: line 1 column 2 "
            "(char 1)",
            f"line {i + 1}",
        )
        if not n % 7
        else ("w" * n, f"line {i + 1}")
        for i, n in enumerate(lengths)
    ]
    assert described(read_all(path, partition_bytes)) == expected


def test_article_files_plain_gzipped_and_too_large(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes("Un café, s'il vous plaît.".encode("cp1252"))
    (tmp_path / "b.txt.gz").write_bytes(gzip.compress("Zoë’s plan.".encode()))
    (tmp_path / "c.txt.gz").write_bytes(gzip.compress(b"x" * 60))
    (tmp_path / "d.txt").write_bytes(b"x" * 60)
    entries = [
        e for p in partitions(input_files([str(tmp_path)])) for e in read_partition(p, max_bytes=50)
    ]
    assert described(entries) == [
        ("Un café, s'il vous plaît.", None),
        ("Zoë’s plan.", None),
        ("decompressed input is over the 50-byte limit (raise it with --max-bytes)", None),
        ("input is 60 bytes, over the 50-byte limit (raise it with --max-bytes)", None),
    ]
    assert [e.source for e in entries if isinstance(e, Item)] == [
        str(tmp_path / "a.txt"),
        str(tmp_path / "b.txt.gz"),
    ]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-03-14", "2025-03-14"),
        ("2025-03-14T23:30:00Z", date(2025, 3, 14)),
        ("2025-03-14 08:00:00.123456+05:00", date(2025, 3, 14)),
        ("March 14, 2025", "March 14, 2025"),
        (None, None),
    ],
)
def test_published_date(value: str | None, expected: object) -> None:
    assert published_date(value) == expected
