"""Decoding bytes, recognising HTML, and extracting articles from HTML."""

from __future__ import annotations

import codecs
from datetime import date

import pytest

from oplens.errors import InputError
from oplens.ingest import decode, ingest_text, looks_like_html

ARTICLE_HTML = """<!doctype html><html><head><title>The levy will fail | Courier</title>
<meta name="author" content="Jane Doe"><meta property="article:published_time"
content="2025-03-14T08:00:00Z"><meta property="og:site_name" content="Northmoor Courier">
</head><body><nav>Home | News | Opinion</nav><article><h1>The levy will fail</h1>
<p>The council voted on Tuesday to raise the harbour levy, and the cruise lines have already
started to look elsewhere for their summer schedules next year.</p>
<p>Residents will pay for the mistake for years to come. The ships will go to Kingsbridge,
and the shops on Quay Street will lose a fifth of their takings by the end of the season.</p>
<p>There is a better way: a modest landing fee, negotiated with the cruise lines rather than
imposed on them, would raise the money without driving anyone away from the harbour.</p>
</article><footer>© 2025 Northmoor Courier</footer></body></html>"""


def test_decode_utf8_and_boms() -> None:
    text = "Café – “quoted”"
    assert decode(text.encode("utf-8"), max_bytes=100) == text
    assert decode(codecs.BOM_UTF8 + text.encode("utf-8"), max_bytes=100) == text
    assert decode(text.encode("utf-16"), max_bytes=100) == text


def test_decode_detects_a_legacy_encoding() -> None:
    text = "Le café était déjà fermé, et les élèves étaient très déçus ce matin-là à Genève."
    assert decode(text.encode("cp1252"), max_bytes=1000) == text


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "input is empty"),
        (b"   \n\t ", "input is empty"),
        (b"\x00\x01\x02binary\x00", "binary data"),
        (bytes(range(1, 32)) * 3, "binary data"),
        (b"x" * 101, "over the 100-byte limit"),
    ],
)
def test_decode_refuses_bad_input(data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message):
        decode(data, max_bytes=100)


def test_looks_like_html() -> None:
    assert looks_like_html(ARTICLE_HTML)
    assert looks_like_html("  <html><body><p>x</p></body></html>")
    assert not looks_like_html("Use the <b> tag for bold, as in <b>this</b>.")
    assert not looks_like_html("Plain text about <div> tags.")


def test_html_article_is_extracted_with_metadata() -> None:
    ingested = ingest_text(ARTICLE_HTML, url="https://www.courier.example/opinion/levy")
    assert ingested.is_html
    assert ingested.text.startswith("The levy will fail\nThe council voted on Tuesday")
    assert "Home | News" not in ingested.text
    assert ingested.page.authors == ("Jane Doe",)
    assert ingested.page.published == date(2025, 3, 14)
    assert ingested.page.site == "Northmoor Courier"


def test_html_without_an_article_is_refused() -> None:
    with pytest.raises(InputError, match="no article text"):
        ingest_text("<html><body><nav>Home</nav></body></html>")


def test_plain_text_is_kept_exactly() -> None:
    text = "  Two spaces, a tab\there,\r\nand CRLF line ends.\r\n"
    ingested = ingest_text(text, url="https://www.example.org/x")
    assert ingested.text == text
    assert not ingested.is_html
    assert ingested.page.site == "example.org"
