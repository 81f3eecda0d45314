"""A small mixed archive for the batch tests: a folder, a JSONL file and a WARC.gz file.

Every article is the example op-ed with one numbered sentence, so each has its own
document id; the bad records are the failure cases ``oplens batch`` must report.
``MIXED`` says what a run over it must end with.
"""

from __future__ import annotations

import gzip
import io
import json
from dataclasses import dataclass
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from oplens import Analysis, analyze
from tests.conftest import EXAMPLE

_BASE = EXAMPLE.read_text(encoding="utf-8")


def article(number: int) -> str:
    """The example op-ed as plain text, made distinct by one numbered sentence."""
    return _BASE.replace(
        "The council should take it.", f"The council meets again on day {number} of the session."
    )


def html_page(number: int) -> str:
    """An HTML page holding a distinct op-ed (no date in it)."""
    paragraphs = article(number).split("\n\n")[1:4]
    body = "".join(f"<p>{p}</p>\n" for p in paragraphs)
    return (
        f"<!DOCTYPE html>\n<html><head><title>Harbour levy, part {number}</title></head>\n"
        f"<body><nav><a href='/'>Home</a></nav><article><h1>Harbour levy, part {number}</h1>\n"
        f"{body}</article></body></html>\n"
    )


@dataclass(frozen=True)
class Expected:
    """What a run over the mixed archive stores and reports."""

    analysed: int
    imported: int
    documents: int
    ignored: int
    failures: frozenset[tuple[str, str | None, str]]


def write_warc(path: Path, records: list[tuple[str, str, bytes, str, str]]) -> dict[str, int]:
    """Write a WARC.gz of (type, uri, payload, HTTP status line, content type) records,
    each with its request, and return each response's offset by URI."""
    offsets: dict[str, int] = {}
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "tests"}))
        for kind, uri, payload, status, content_type in records:
            if kind == "response":
                request = StatusAndHeaders(
                    "GET / HTTP/1.1", [("Host", "example.org")], is_http_request=True
                )
                writer.write_record(writer.create_warc_record(uri, "request", http_headers=request))
            offsets[uri] = stream.tell()
            headers = StatusAndHeaders(status, [("Content-Type", content_type)], "HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(
                    uri,
                    kind,
                    payload=io.BytesIO(payload),
                    http_headers=headers if kind == "response" else None,
                    warc_content_type=content_type if kind != "response" else "",
                    warc_headers_dict={"WARC-Date": "2024-05-01T10:00:00Z"},
                )
            )
    return offsets


def analysis_line(number: int) -> str:
    """A whole Analysis record on one line (what ``oplens export --format jsonl`` is to write)."""
    record: Analysis = analyze(article(number), published="2025-01-02")
    return record.to_json(indent=None)


def build_mixed(root: Path) -> tuple[list[str], Expected]:
    """Write the mixed archive under ``root``; return the inputs and what a run must do."""
    folder = root / "articles"
    (folder / "sub").mkdir(parents=True)
    (folder / "one.txt").write_text(article(1), encoding="utf-8")
    (folder / "two.html").write_text(html_page(2), encoding="utf-8")
    (folder / "sub" / "three.htm").write_text(html_page(3), encoding="utf-8")
    (folder / "four.txt.gz").write_bytes(gzip.compress(article(4).encode("utf-8")))
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (folder / "broken.html.gz").write_bytes(b"no gzip here")
    (folder / "notes.md").write_text("not an input type", encoding="utf-8")

    lines = [
        json.dumps(
            {
                "text": article(5),
                "url": "https://example.org/five",
                "published": "2025-03-14T08:00:00Z",
                "title": "Five",
                "author": "Ann Author",
            }
        ),
        json.dumps({"html": html_page(6), "url": "https://example.org/six"}),
        '{"text": "broken',
        json.dumps({"url": "https://example.org/none"}),
        json.dumps({"text": article(7), "published": "14/03/2025"}),
        "",
        "[1, 2]",
        analysis_line(8),
        json.dumps({"text": article(9)}),
    ]
    jsonl = root / "articles.jsonl"
    jsonl.write_text("\n".join(lines) + "\n", encoding="utf-8")

    warc = root / "crawl.warc.gz"
    html = "text/html; charset=utf-8"
    offsets = write_warc(
        warc,
        [
            ("response", "https://example.org/ten", html_page(10).encode(), "200 OK", html),
            ("response", "https://example.org/a.pdf", b"%PDF-1.4", "200 OK", "application/pdf"),
            ("response", "https://example.org/gone", b"<html></html>", "404 Not Found", html),
            ("response", "https://example.org/eleven", html_page(11).encode(), "200 OK", html),
            ("metadata", "https://example.org/ten", b"fetchTimeMs: 12", "", "text/plain"),
        ],
    )
    failures = {
        (str(folder / "empty.txt"), None, "input is empty"),
        (
            str(folder / "binary.txt"),
            None,
            "input looks like binary data (it contains NUL bytes), not text",
        ),
        (str(folder / "broken.html.gz"), None, "not a valid gzip file: Not a gzipped file (b'no')"),
        (
            str(jsonl),
            "line 3",
            "malformed JSON: Unterminated string starting at: line 1 column 10 (char 9)",
        ),
        (str(jsonl), "line 4", "no 'text' or 'html' field"),
        (
            str(jsonl),
            "line 5",
            "bad publication date '14/03/2025': expected YYYY-MM-DD, e.g. 2020-01-03",
        ),
        (str(jsonl), "line 7", "not a JSON object but list"),
        (
            str(warc),
            f"offset {offsets['https://example.org/a.pdf']}",
            "not an HTML response (application/pdf)",
        ),
        (
            str(warc),
            f"offset {offsets['https://example.org/gone']}",
            "not a page: HTTP status 404",
        ),
    }
    expected = Expected(
        analysed=9, imported=1, documents=10, ignored=1, failures=frozenset(failures)
    )
    return [str(folder), str(jsonl), str(warc)], expected


def stored_ids(db: str) -> list[str]:
    """Every document id stored in a ledger, one per stored row, sorted."""
    from sqlalchemy import create_engine, text

    from oplens.store import database_url

    engine = create_engine(database_url(db))
    try:
        with engine.connect() as connection:
            return sorted(connection.execute(text("SELECT id FROM documents")).scalars())
    finally:
        engine.dispose()


def failures_in(path: Path) -> set[tuple[str, str | None, str]]:
    """The (input, record, reason) rows of a JSON-lines failures file."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    return {(row["input"], row["record"], row["reason"]) for row in rows}


def check_mixed_run(db: str, expected: Expected, failures: Path) -> None:
    """Assert what a finished run over the mixed archive stored and reported."""
    from oplens.schema import document_id
    from oplens.store import Store

    ids = stored_ids(db)
    assert len(ids) == len(set(ids)) == expected.documents
    text_ids = {document_id(article(n)) for n in (1, 4, 5, 8, 9)}
    assert text_ids <= set(ids)
    assert failures_in(failures) == expected.failures
    with Store.open(db) as store:
        five = store.get_analysis(document_id(article(5)))
        assert (five.metadata.title, [a.name for a in five.metadata.authors]) == (
            "Five",
            ["Ann Author"],
        )
        assert (str(five.document.published), five.document.source) == (
            "2025-03-14",
            "https://example.org/five",
        )
        eight = store.get_analysis(document_id(article(8)))
        assert eight.to_json(indent=None) == analysis_line(8)
