"""Reading WARC files: HTML responses only, their URI and date, byte ranges of WARC.gz."""

from __future__ import annotations

import gzip
import io
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from oplens.batch.inputs import Partition, input_files, partitions
from oplens.batch.readers import read_partition
from oplens.batch.records import Failure, Item
from oplens.batch.warc import member_start
from tests.batch_corpus import html_page, write_warc

MAX = 5_000_000
HTML = "text/html"


def read_all(path: Path, partition_bytes: int = 1_000_000) -> list[Item | Failure]:
    out: list[Item | Failure] = []
    for partition in partitions(input_files([str(path)]), partition_bytes=partition_bytes):
        out.extend(read_partition(partition, max_bytes=MAX))
    return out


def test_html_responses_carry_uri_and_capture_date(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    offsets = write_warc(
        path,
        [
            ("response", "https://example.org/a", html_page(1).encode(), "200 OK", HTML),
            ("resource", "https://example.org/b", html_page(2).encode(), "", HTML),
            ("response", "https://example.org/c", b"<p>x</p><p>y</p>", "200 OK", ""),
            ("response", "https://example.org/d", b"just words", "200 OK", ""),
            ("response", "https://example.org/e", b"", "301 Moved", HTML),
        ],
    )
    entries = read_all(path)
    items = [e for e in entries if isinstance(e, Item)]
    assert [(i.source, i.fallback_published, i.locate()) for i in items] == [
        ("https://example.org/a", date(2024, 5, 1), f"offset {offsets['https://example.org/a']}"),
        ("https://example.org/b", date(2024, 5, 1), f"offset {offsets['https://example.org/b']}"),
        ("https://example.org/c", date(2024, 5, 1), f"offset {offsets['https://example.org/c']}"),
    ]
    assert items[0].text == html_page(1)
    assert [(f.record, f.reason) for f in entries if isinstance(f, Failure)] == [
        (
            f"offset {offsets['https://example.org/d']}",
            "not an HTML response (no Content-Type, and not HTML)",
        ),
        (f"offset {offsets['https://example.org/e']}", "not a page: HTTP status 301"),
    ]


@given(
    count=st.integers(min_value=1, max_value=8),
    partition_bytes=st.integers(min_value=1, max_value=6000),
)
def test_byte_ranges_read_every_response_once(
    tmp_path_factory: pytest.TempPathFactory, count: int, partition_bytes: int
) -> None:
    path = tmp_path_factory.mktemp("warc") / "crawl.warc.gz"
    uris = [f"https://example.org/{n}" for n in range(count)]
    offsets = write_warc(
        path, [("response", u, html_page(n).encode(), "200 OK", HTML) for n, u in enumerate(uris)]
    )
    entries = read_all(path, partition_bytes)
    assert [(e.source, e.locate()) for e in entries if isinstance(e, Item)] == [
        (u, f"offset {offsets[u]}") for u in uris
    ]
    assert len(entries) == count


def test_plain_warc_is_read_whole(tmp_path: Path) -> None:
    packed = tmp_path / "crawl.warc.gz"
    write_warc(packed, [("response", "https://example.org/a", b"<p>a</p>", "200 OK", HTML)])
    plain = tmp_path / "crawl.warc"
    with gzip.open(packed, "rb") as stream:  # every member, one after another
        plain.write_bytes(stream.read())
    (item,) = read_all(plain, partition_bytes=10)
    assert isinstance(item, Item) and item.text == "<p>a</p>"


def test_unreadable_warcs_are_failures(tmp_path: Path) -> None:
    packed = tmp_path / "one.warc.gz"
    write_warc(
        packed,
        [
            ("response", "https://example.org/a", b"<p>a</p>", "200 OK", HTML),
            ("response", "https://example.org/b", b"<p>b</p>", "200 OK", HTML),
        ],
    )
    whole = tmp_path / "whole.warc.gz"  # one gzip stream for every record: cannot be entered
    with gzip.open(packed, "rb") as stream:
        whole.write_bytes(gzip.compress(stream.read()))
    assert [(f.record, f.reason) for f in read_all(whole) if isinstance(f, Failure)] == [
        (
            None,
            "the file is one gzip stream, not one gzip member per record as WARC.gz must be "
            "(warcio recompress IN OUT fixes it); records after the first were not read",
        )
    ]
    text = tmp_path / "notes.warc"
    text.write_text("hello\n", encoding="utf-8")
    assert [(f.record, f.reason) for f in read_all(text) if isinstance(f, Failure)] == [
        ("offset 0", "not a readable WARC record: Unknown archive format, first line: ['hello']")
    ]
    empty = tmp_path / "empty.warc.gz"
    empty.write_bytes(b"")
    assert [(f.record, f.reason) for f in read_all(empty) if isinstance(f, Failure)] == [
        (None, "empty file: no WARC records in it")
    ]


def test_member_start_passes_over_stray_gzip_magic() -> None:
    member = gzip.compress(b"WARC/1.0\r\n")
    other = gzip.compress(b"not a record")
    data = b"junk\x1f\x8b\x08junk" + other + member
    stream = io.BytesIO(data)
    assert member_start(stream, 0, None) == len(data) - len(member)
    assert member_start(stream, 0, len(data) - len(member)) is None
    assert member_start(stream, len(data) - len(member) + 1, None) is None


def test_partition_past_the_last_record_reads_nothing(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    write_warc(path, [("response", "https://example.org/a", b"<p>a</p>", "200 OK", HTML)])
    size = path.stat().st_size
    assert (
        list(read_partition(Partition("warc", (str(path),), size - 5, None), max_bytes=MAX)) == []
    )
