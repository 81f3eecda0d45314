"""Find the inputs of a batch and cut them into partitions that workers read themselves.

A partition names what to read, never the text: a group of article files, or a byte range
of one JSONL or WARC file. Nothing here reads article contents; only file names and sizes,
so planning a run over millions of articles costs one directory walk and constant memory.

Byte ranges follow the Hadoop rule: a record belongs to the range its first byte falls in,
so a worker starts at the first record that begins at or after ``start`` and reads until a
record begins at or after ``end`` (see ``readers``). Only files that can be entered at any
byte are split: plain JSONL (records end at a newline) and WARC.gz with one gzip member per
record (the form Common Crawl and ``warcio`` write). A gzipped JSONL file or a plain WARC
file is one partition.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from oplens.errors import InputError

Kind = Literal["files", "jsonl", "warc"]

DOCUMENT_SUFFIXES = (".txt", ".html", ".htm")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
WARC_SUFFIXES = (".warc",)

# 1 MB of input per partition: about 200 plain-text op-eds or 40 HTML pages, a minute of one
# worker's time at the 3.3 articles/s measured on the 2-core machine, so progress moves
# often and a lost worker redoes little; 10^8 articles of 5 KB make 500,000 tasks, which a
# Dask scheduler handles since at most a few per worker are in flight at once.
PARTITION_BYTES = 1_000_000
# Article files per partition at most: one write transaction (``work.WRITE_BATCH``).
FILES_PER_PARTITION = 32


@dataclass(frozen=True)
class InputFile:
    """One file found among the inputs, with how to read it (None: not an input type)."""

    path: str
    kind: Kind | None
    size: int


@dataclass(frozen=True)
class Partition:
    """What one task reads: a group of article files, or a byte range of one file.

    ``end`` None means to the end of the file; ``size`` is the input bytes the partition
    covers, for progress.
    """

    kind: Kind
    paths: tuple[str, ...]
    start: int = 0
    end: int | None = None
    size: int = 0


def kind_of(path: str) -> Kind | None:
    """Tell how to read a file from its name (``.gz`` allowed), or None for other files."""
    name = path.lower().removesuffix(".gz")
    if name.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if name.endswith(WARC_SUFFIXES):
        return "warc"
    if name.endswith(DOCUMENT_SUFFIXES):
        return "files"
    return None


def check_inputs(inputs: Sequence[str]) -> None:
    """Refuse a missing input before any work starts.

    Raises:
        InputError: an input is neither a file nor a directory.
    """
    if not inputs:
        raise InputError("no input given: name files or directories")
    for name in inputs:
        if not Path(name).exists():
            raise InputError(f"no such file or directory: {name}")


def input_files(inputs: Sequence[str]) -> Iterator[InputFile]:
    """Walk the inputs: directories recursively (sorted, links not followed), files as named.

    A file named explicitly is read by its suffix, or as one article when the suffix is
    none of the known ones; inside a directory only known suffixes are taken.
    """
    for name in inputs:
        path = Path(name)
        if not path.is_dir():
            yield InputFile(str(path), kind_of(str(path)) or "files", _size(path))
            continue
        for folder, subfolders, files in os.walk(path):
            subfolders.sort()
            for file in sorted(files):
                full = Path(folder) / file
                yield InputFile(str(full), kind_of(str(full)), _size(full))


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # reported as unreadable when a worker opens it


def splittable(file: InputFile) -> bool:
    """Tell whether a file can be entered at any byte (plain JSONL, WARC.gz)."""
    gzipped = file.path.lower().endswith(".gz")
    return (file.kind == "jsonl" and not gzipped) or (file.kind == "warc" and gzipped)


def partitions(
    files: Iterable[InputFile],
    *,
    partition_bytes: int = PARTITION_BYTES,
    files_per_partition: int = FILES_PER_PARTITION,
) -> Iterator[Partition]:
    """Cut input files into partitions, lazily, in input order; other files are dropped."""
    group: list[InputFile] = []
    for file in files:
        if file.kind is None:
            continue
        if file.kind == "files":
            group.append(file)
            if len(group) >= files_per_partition or sum(f.size for f in group) >= partition_bytes:
                yield _group(group)
                group = []
            continue
        if not splittable(file) or file.size <= partition_bytes:
            yield Partition(file.kind, (file.path,), 0, None, file.size)
            continue
        for start in range(0, file.size, partition_bytes):
            end = start + partition_bytes if start + partition_bytes < file.size else None
            yield Partition(file.kind, (file.path,), start, end, (end or file.size) - start)
    if group:
        yield _group(group)


def _group(files: Sequence[InputFile]) -> Partition:
    return Partition("files", tuple(f.path for f in files), size=sum(f.size for f in files))
