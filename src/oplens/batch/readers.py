"""Read one partition into articles, streaming: article files, JSONL lines, WARC records.

Each reader yields an ``Item`` (an article to prepare, or an Analysis record to store as
it is) or a ``Failure`` (input, record, reason) for what cannot be an article, and goes on
with the next record. A record is located by ``line N`` in JSONL (counted only when a
failure needs it, since a worker entering a file in the middle does not know its line)
and by ``offset N`` in WARC (the record's byte offset, as CDX indexes give it).
"""

from __future__ import annotations

import functools
import gzip
import json
import zlib
from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any, cast

from oplens.batch.inputs import Partition
from oplens.batch.records import Failure, Item, too_long
from oplens.batch.warc import warc_items
from oplens.errors import InputError, OplensError
from oplens.ingest import check_size, decode, split_author_names
from oplens.ledger import analysis_record

__all__ = ["open_input", "published_date", "read_partition"]


def read_partition(partition: Partition, *, max_bytes: int) -> Iterator[Item | Failure]:
    """Yield the articles of one partition, and a Failure for each record that is none."""
    if partition.kind == "files":
        for path in partition.paths:
            yield _article_file(path, max_bytes)
    elif partition.kind == "jsonl":
        yield from _jsonl(partition, max_bytes)
    else:
        yield from warc_items(partition, max_bytes)


def _article_file(path: str, max_bytes: int) -> Item | Failure:
    try:
        if path.lower().endswith(".gz"):
            with gzip.open(path, "rb") as stream:
                data = stream.read(max_bytes + 1)
            if len(data) > max_bytes:
                raise InputError(too_long(max_bytes, "decompressed input"))
        else:
            check_size(Path(path).stat().st_size, max_bytes)
            data = Path(path).read_bytes()
        return Item(path, text=decode(data, max_bytes=max_bytes), source=path)
    except OplensError as error:
        return Failure(path, None, str(error))
    except (EOFError, zlib.error, gzip.BadGzipFile) as error:
        return Failure(path, None, f"not a valid gzip file: {error}")
    except OSError as error:
        return Failure(path, None, f"cannot read the file: {error.strerror or error}")


def open_input(path: str) -> IO[bytes]:
    """Open an input file for reading bytes, decompressing a ``.gz`` file."""
    if path.lower().endswith(".gz"):
        return cast(IO[bytes], gzip.open(path, "rb"))
    return Path(path).open("rb")


class _Lines:
    """Line numbers in a file entered at ``start`` (a line start): the lines before it,
    counted once, when a failure first needs them."""

    def __init__(self, path: str, start: int) -> None:
        self.path = path
        self.start = start

    @functools.cached_property
    def before(self) -> int:
        count = 0
        with open_input(self.path) as stream:
            left = self.start
            while left > 0:
                block = stream.read(min(left, 1 << 20))
                if not block:
                    break
                count += block.count(b"\n")
                left -= len(block)
        return count

    def locate(self, index: int) -> Callable[[], str | None]:
        return lambda: f"line {self.before + index + 1}"


def _jsonl(partition: Partition, max_bytes: int) -> Iterator[Item | Failure]:
    path = partition.paths[0]
    found = False
    try:
        with open_input(path) as stream:
            if partition.start > 0:
                stream.seek(partition.start - 1)
                stream.readline()  # the line that began in the previous partition
            lines = _Lines(path, stream.tell())
            index = 0
            while partition.end is None or stream.tell() < partition.end:
                offset = stream.tell()
                line = stream.readline(max_bytes + 1)
                if not line:
                    break
                where = lines.locate(index)
                index += 1
                if len(line) > max_bytes and not line.endswith(b"\n"):
                    _skip_line(stream)
                    yield Failure(path, where(), too_long(max_bytes, "the line"))
                    found = True
                elif line.strip():
                    found = True
                    yield _jsonl_item(path, line, where, f"{path}#offset={offset}")
    except (EOFError, zlib.error, gzip.BadGzipFile) as error:
        yield Failure(path, None, f"not a valid gzip file: {error}")
        return
    except OSError as error:
        yield Failure(path, None, f"cannot read the file: {error.strerror or error}")
        return
    if not found and partition.start == 0 and partition.end is None:
        yield Failure(path, None, "empty file: no JSON lines in it")


def _skip_line(stream: IO[bytes]) -> None:
    while True:
        rest = stream.readline(1 << 20)
        if not rest or rest.endswith(b"\n"):
            return


def _jsonl_item(
    path: str, line: bytes, where: Callable[[], str | None], origin: str
) -> Item | Failure:
    """Read one JSONL line: an article object, or a whole Analysis record."""
    try:
        text = line.decode("utf-8").rstrip("\r\n")
        data = json.loads(text)
    except UnicodeDecodeError:
        return Failure(path, where(), "the line is not UTF-8")
    except ValueError as error:
        return Failure(path, where(), f"malformed JSON: {error}")
    if not isinstance(data, dict):
        return Failure(path, where(), f"not a JSON object but {type(data).__name__}")
    try:
        record = analysis_record(text)
        if record is not None:
            return Item(path, where, analysis=record)
        return _article_object(path, data, where, origin)
    except OplensError as error:
        return Failure(path, where(), str(error))


def _article_object(
    path: str, data: dict[str, Any], where: Callable[[], str | None], origin: str
) -> Item:
    """Build an Item from ``text`` or ``html``, and ``url``, ``published``, ``title``,
    ``author`` (a string, names split at ``;``, or a list of names).

    Raises:
        OplensError: no text, or a field of the wrong type or a bad date.
    """
    body = data.get("text") if data.get("text") is not None else data.get("html")
    if body is None:
        raise OplensError("no 'text' or 'html' field")
    author = data.get("author")
    names: tuple[str, ...] = ()
    if isinstance(author, list) and all(isinstance(name, str) for name in author):
        names = tuple(name.strip() for name in author if name.strip())
    elif author is not None:
        names = split_author_names(_string(data, "author") or "")
    return Item(
        path,
        where,
        text=_string(data, "text" if data.get("text") is not None else "html"),
        source=_string(data, "url") or origin,
        published=published_date(_string(data, "published")),
        title=_string(data, "title"),
        authors=names,
    )


def _string(data: dict[str, Any], name: str) -> str | None:
    value = data.get(name)
    if value is None or isinstance(value, str):
        return value
    raise OplensError(f"'{name}' is not a string but {type(value).__name__}")


def published_date(value: str | None) -> date | str | None:
    """Read a date given with an article: ``YYYY-MM-DD`` or an ISO 8601 date-time.

    Anything else is returned as it is, for ``prepare`` to refuse with its usual message.
    """
    if value is None or len(value.strip()) <= 10:
        return value
    try:
        return datetime.fromisoformat(value.strip()).date()
    except ValueError:
        return value
