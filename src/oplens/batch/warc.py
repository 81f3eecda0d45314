"""Read the HTML responses of a WARC file, or of a byte range of a WARC.gz file, with warcio.

Each HTML response (or ``resource`` record) becomes an article with its target URI as the
source and its WARC-Date (the capture time) as the publication date when the page states
none. A response that is not an HTML page (another content type, an HTTP status other than
2xx) is reported as a failure; request, metadata, revisit and warcinfo records are not
articles and pass silently.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any

from oplens.batch.inputs import Partition
from oplens.batch.records import Failure, Item, too_long
from oplens.errors import InputError, OplensError
from oplens.ingest import decode, looks_like_html

_GZIP_MAGIC = b"\x1f\x8b\x08"
# 1 MB blocks when looking for the first gzip member of a range; 64 KB decompressed from a
# candidate is ample to see the "WARC/" that begins every record.
_SCAN_BLOCK = 1 << 20
_PROBE = 1 << 16
_ARTICLE_TYPES = ("response", "resource")
_ONE_STREAM = (
    "the file is one gzip stream, not one gzip member per record as WARC.gz must be "
    "(warcio recompress IN OUT fixes it); records after the first were not read"
)


def member_start(stream: IO[bytes], start: int, end: int | None) -> int | None:
    """Return the first offset in [start, end) where a gzip member holding a WARC record
    begins, or None.

    A candidate is taken only if it decompresses to text starting with ``WARC/``, so gzip
    magic bytes that occur by chance inside compressed data are passed over.
    """
    import zlib

    position = start
    while end is None or position < end:
        stream.seek(position)
        block = stream.read(_SCAN_BLOCK + len(_GZIP_MAGIC))
        if not block:
            return None
        index = block.find(_GZIP_MAGIC)
        while index != -1 and index < _SCAN_BLOCK and (end is None or position + index < end):
            stream.seek(position + index)
            try:
                head = zlib.decompressobj(31).decompress(stream.read(_PROBE), 16)
            except zlib.error:
                head = b""
            if head.startswith(b"WARC/"):
                return position + index
            index = block.find(_GZIP_MAGIC, index + 1)
        position += _SCAN_BLOCK
    return None


def warc_items(partition: Partition, max_bytes: int) -> Iterator[Item | Failure]:
    """Yield the HTML responses of the records that begin in the partition's byte range."""
    from warcio.archiveiterator import ArchiveIterator

    path = partition.paths[0]
    offset = partition.start
    found = False
    try:
        with Path(path).open("rb") as stream:
            if partition.start > 0:
                begin = member_start(stream, partition.start, partition.end)
                if begin is None:
                    return
                stream.seek(begin)
                offset = begin
            records = ArchiveIterator(stream)
            for record in records:
                found = True
                item = _article(path, record, max_bytes)
                offset = records.get_record_offset()
                if partition.end is not None and offset >= partition.end:
                    return
                if item is not None:
                    yield _located(item, offset)
                offset = offset + records.get_record_length()
    except OSError as error:
        yield Failure(path, None, f"cannot read the file: {error.strerror or error}")
    except Exception as error:  # warcio raises plain exceptions of many kinds on bad data
        if "non-chunked gzip" in str(error):
            yield Failure(path, None, _ONE_STREAM)
            return
        lines = str(error).strip().splitlines()
        reason = lines[0] if lines else type(error).__name__
        yield Failure(path, f"offset {offset}", f"not a readable WARC record: {reason}")
        return
    if not found and partition.start == 0:
        yield Failure(path, None, "empty file: no WARC records in it")


def _located(item: Item | Failure, offset: int) -> Item | Failure:
    where = f"offset {offset}"
    if isinstance(item, Failure):
        return Failure(item.input, where, item.reason)
    return Item(
        item.input,
        lambda: where,
        text=item.text,
        source=item.source,
        fallback_published=item.fallback_published,
    )


def _article(path: str, record: Any, max_bytes: int) -> Item | Failure | None:
    """Read one record: an HTML page as an Item, another response as a Failure, else None."""
    if record.rec_type not in _ARTICLE_TYPES:
        return None
    headers = record.rec_headers
    content_type = headers.get_header("Content-Type") or ""
    if record.rec_type == "response":
        http = record.http_headers
        if http is None:
            return Failure(path, None, "a response with no HTTP headers")
        status = http.get_statuscode() or ""
        if not status.startswith("2"):
            return Failure(path, None, f"not a page: HTTP status {status}")
        content_type = http.get_header("Content-Type") or ""
    if content_type and "html" not in content_type.lower():
        return Failure(path, None, f"not an HTML response ({content_type.split(';')[0]})")
    data = record.content_stream().read(max_bytes + 1)
    try:
        if len(data) > max_bytes:
            raise InputError(too_long(max_bytes, "the response"))
        text = decode(data, max_bytes=max_bytes)
    except OplensError as error:
        return Failure(path, None, str(error))
    if not content_type and not looks_like_html(text):
        return Failure(path, None, "not an HTML response (no Content-Type, and not HTML)")
    uri = headers.get_header("WARC-Target-URI")
    return Item(path, text=text, source=uri, fallback_published=_date(headers))


def _date(headers: Any) -> date | None:
    value = headers.get_header("WARC-Date") or ""
    try:
        return datetime.fromisoformat(value).date()
    except ValueError:
        return None
