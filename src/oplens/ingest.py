"""Ingest: bytes or text in, the document text and the page's metadata candidates out.

Plain text is kept exactly as decoded (offsets index it); HTML goes through trafilatura,
whose extracted text becomes ``document.text`` and whose title, author, date and site name
become candidates that the furniture stage may confirm or improve.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from oplens.errors import InputError

_HTML_START = re.compile(
    r"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S
)
_HTML_TAGS = re.compile(r"<(?:p|div|article|body|head|main|section|span)\b[^>]*>", re.I)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Control characters other than tab, newline, carriage return and form feed: a text file
# has almost none; 1 % of the first 8 KB is a generous bound for scraped text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class PageMetadata:
    """What the source itself says about the piece (before furniture analysis)."""

    title: str | None = None
    authors: tuple[str, ...] = ()
    published: date | None = None
    site: str | None = None


@dataclass(frozen=True)
class Ingested:
    """The text to analyse, whether it came from HTML, and the page's own metadata."""

    text: str
    is_html: bool
    page: PageMetadata


def decode(data: bytes, *, max_bytes: int) -> str:
    """Decode input bytes: a BOM's encoding, else UTF-8, else the detected charset.

    Raises:
        InputError: empty, too large, binary, or undecodable input.
    """
    check_size(len(data), max_bytes)
    if not data.strip():
        raise InputError("input is empty")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _check_text(data.decode(encoding, errors="strict"))
    if b"\x00" in data[:8192]:
        raise InputError("input looks like binary data (it contains NUL bytes), not text")
    try:
        return _check_text(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    if not matches:
        raise InputError("input could not be decoded as text in any known encoding")
    # Short Western-European texts fit several single-byte code pages about equally well;
    # for an English-language tool Windows-1252 is by far the likeliest of them.
    western = [m for m in matches if m.encoding in {"cp1252", "latin_1", "iso8859_15"}]
    return _check_text(str((western or matches)[0]))


def _check_text(text: str) -> str:
    head = text[:8192]
    if head and len(_CONTROL.findall(head)) > 0.01 * len(head):
        raise InputError("input looks like binary data (many control characters), not text")
    return text


def check_size(size: int, max_bytes: int) -> None:
    """Refuse input larger than ``max_bytes``, naming the option that raises the limit."""
    if size > max_bytes:
        raise InputError(
            f"input is {size:,} bytes, over the {max_bytes:,}-byte limit "
            "(raise it with --max-bytes)"
        )


def looks_like_html(text: str) -> bool:
    """Tell whether text is an HTML page rather than plain text that mentions a tag."""
    if _HTML_START.match(text[:4096]):
        return True
    stripped = text.lstrip()
    return stripped.startswith("<") and len(_HTML_TAGS.findall(text[:20000])) >= 2


def ingest_text(text: str, *, url: str | None = None, max_bytes: int | None = None) -> Ingested:
    """Prepare decoded input: plain text is kept as it is, HTML is extracted.

    Raises:
        InputError: empty, too large or binary text, or HTML with no article text in it.
    """
    if max_bytes is not None and len(text) > max_bytes // 4:
        check_size(len(text.encode("utf-8", "surrogatepass")), max_bytes)
    if not text.strip():
        raise InputError("input is empty")
    _check_text(text)
    if looks_like_html(text):
        return _extract_html(text, url)
    return Ingested(text=text, is_html=False, page=PageMetadata(site=_hostname(url)))


def _extract_html(html: str, url: str | None) -> Ingested:
    import trafilatura

    result = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False)
    fields: dict[str, Any] = {}
    if isinstance(result, dict):
        fields = result
    elif result is not None:
        fields = result.as_dict()
    text = fields.get("text") or ""
    # Under a dozen words is a menu or an error page, not an article (the shortest
    # ScrapingHub gold body has 18 words).
    if len(text.split()) < 12:
        raise InputError("the HTML holds no article text that could be extracted")
    page = PageMetadata(
        title=fields.get("title") or None,
        authors=split_author_names(fields.get("author") or ""),
        published=parse_date(fields.get("date")),
        site=fields.get("sitename") or fields.get("hostname") or _hostname(url),
    )
    return Ingested(text=text, is_html=True, page=page)


def split_author_names(field: str) -> tuple[str, ...]:
    """Split an author field such as ``"A; B"`` into names."""
    names = (name.strip() for name in re.split(r"\s*;\s*", field))
    return tuple(name for name in names if name)


def parse_date(value: object) -> date | None:
    """Parse an ISO ``YYYY-MM-DD`` prefix, or return None."""
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _hostname(url: str | None) -> str | None:
    if not url:
        return None
    match = re.match(r"^[a-z][a-z0-9+.-]*://(?:[^@/]*@)?([^/:?#]+)", url, re.I)
    if not match:
        return None
    host = match.group(1).lower()
    return host.removeprefix("www.")
