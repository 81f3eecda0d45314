"""Finding inputs and cutting them into partitions: kinds, order, byte ranges, groups."""

from __future__ import annotations

from pathlib import Path

import pytest

from oplens.batch.inputs import InputFile, Partition, check_inputs, input_files, kind_of, partitions
from oplens.errors import InputError


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("a.txt", "files"),
        ("a.HTML", "files"),
        ("a.htm.gz", "files"),
        ("dump.jsonl", "jsonl"),
        ("dump.ndjson.gz", "jsonl"),
        ("crawl.warc.gz", "warc"),
        ("crawl.warc", "warc"),
        ("notes.md", None),
        ("archive.gz", None),
    ],
)
def test_kind_of(name: str, kind: str | None) -> None:
    assert kind_of(name) == kind


def test_input_files_walks_directories_sorted_and_takes_named_files_as_articles(
    tmp_path: Path,
) -> None:
    (tmp_path / "b").mkdir()
    for name in ("b/z.txt", "b/a.jsonl", "c.html", "a.md"):
        (tmp_path / name).write_text("x" * 3, encoding="utf-8")
    named = tmp_path / "letter.eml"
    named.write_text("hello", encoding="utf-8")
    found = list(input_files([str(tmp_path / "b"), str(named), str(tmp_path)]))
    assert [(Path(f.path).relative_to(tmp_path).as_posix(), f.kind, f.size) for f in found] == [
        ("b/a.jsonl", "jsonl", 3),
        ("b/z.txt", "files", 3),
        ("letter.eml", "files", 5),
        ("a.md", None, 3),
        ("c.html", "files", 3),
        ("letter.eml", None, 5),
        ("b/a.jsonl", "jsonl", 3),
        ("b/z.txt", "files", 3),
    ]


def test_check_inputs_refuses_missing_and_no_inputs(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"^no such file or directory: .*/absent$"):
        check_inputs([str(tmp_path), str(tmp_path / "absent")])
    with pytest.raises(InputError, match=r"^no input given"):
        check_inputs([])


def test_partitions_group_files_and_split_only_splittable_files() -> None:
    files = [
        InputFile("a.txt", "files", 400),
        InputFile("b.txt", "files", 700),  # the group reaches 1,000 bytes here
        InputFile("c.md", None, 50),
        InputFile("d.jsonl", "jsonl", 2500),
        InputFile("e.jsonl.gz", "jsonl", 2500),
        InputFile("f.warc.gz", "warc", 2000),
        InputFile("g.warc", "warc", 5000),
        InputFile("h.txt", "files", 10),
    ]
    assert list(partitions(files, partition_bytes=1000, files_per_partition=3)) == [
        Partition("files", ("a.txt", "b.txt"), size=1100),
        Partition("jsonl", ("d.jsonl",), 0, 1000, 1000),
        Partition("jsonl", ("d.jsonl",), 1000, 2000, 1000),
        Partition("jsonl", ("d.jsonl",), 2000, None, 500),
        Partition("jsonl", ("e.jsonl.gz",), 0, None, 2500),
        Partition("warc", ("f.warc.gz",), 0, 1000, 1000),
        Partition("warc", ("f.warc.gz",), 1000, None, 1000),
        Partition("warc", ("g.warc",), 0, None, 5000),
        Partition("files", ("h.txt",), size=10),
    ]


def test_partitions_cap_files_per_group() -> None:
    files = [InputFile(f"{n}.txt", "files", 1) for n in range(5)]
    groups = [p.paths for p in partitions(files, files_per_partition=2)]
    assert groups == [("0.txt", "1.txt"), ("2.txt", "3.txt"), ("4.txt",)]
