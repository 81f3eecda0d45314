"""Furniture: find the page furniture in a text by lines and blocks, and keep the body.

Scraped opinion pages carry author boxes, "More >" links, share and newsletter lines,
republication notices, copyright lines, photo credits and "Related:" lists in among the
article. Each rule below recognises one kind from the line's wording and its neighbours;
what no rule claims is body. The rules are general (tested one by one), not tuned to a page.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from oplens import bylines
from oplens.dates import find_date
from oplens.schema import FurnitureKind


@dataclass(frozen=True)
class Line:
    """One non-empty line: offsets of its stripped text in the document."""

    index: int
    start: int
    end: int
    text: str
    blank_before: bool


@dataclass(frozen=True)
class AuthorFinding:
    """An author named by furniture, with the bio span when there is one."""

    name: str
    role: str | None = None
    affiliation: str | None = None
    bio: tuple[int, int] | None = None


@dataclass(frozen=True)
class Piece:
    """A removed piece of furniture and what it says."""

    kind: FurnitureKind
    start: int
    end: int
    authors: tuple[AuthorFinding, ...] = ()
    outlet: str | None = None
    published: date | None = None


@dataclass(frozen=True)
class FurnitureResult:
    """The furniture found, and the body paragraphs as (start, end) offsets."""

    pieces: tuple[Piece, ...]
    paragraphs: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class _Context:
    lines: Sequence[Line]
    is_html: bool
    title: str | None = None


# A rule looks at line i and returns the piece and the index of the last line it covers.
_Rule = Callable[[_Context, int], tuple[Piece, int] | None]

_LINE = re.compile(r"[^\r\n]*")
_MORE = re.compile(
    r"^(?:more|read\s+more|continue\s+reading|show\s+more|see\s+more|load\s+more|keep\s+reading|"
    r"read\s+the\s+(?:full|rest)(?:\s+\w+){0,3}|read\s+next|view\s+more|more\s+from\s+this\s+author)"
    r"\s*(?:[>»›→…]+|\.\.\.)?\s*$",
    re.I,
)
_REPUBLICATION = re.compile(
    r"(?:\b(?:this|the|a\s+version\s+of\s+this)\s+(?:article|piece|op-?ed|column|essay|commentary|"
    r"post|story|analysis|editorial|interview)\s+(?:was\s+|is\s+|has\s+been\s+)?"
    r"(?:originally\s+|first\s+|previously\s+|also\s+)?(?:published|appeared|ran|posted|printed)\s+"
    r"(?:originally\s+|first\s+)?(?:in|on|by|at|with)\s+"
    r"|^(?:originally|first|previously)\s+(?:published|appeared|posted|ran)\s+(?:in|on|by|at)\s+"
    r"|^(?:republished|reprinted|reproduced|cross-?posted)\s+(?:here\s+)?(?:with\s+permission\s+)?"
    r"(?:from|by)\s+"
    r"|\bis\s+republished\s+from\s+)"
    r"(?P<outlet>.+)$",
    re.I,
)
_OUTLET_END = re.compile(
    r"\s+on\s+(?:\d|[A-Z][a-z]+\s+\d)|\s+under\s|\s+with\s+permission|\s+and\s+is\s|,|\s\(|\.\s|\.+$"
)
_COPYRIGHT = re.compile(r"^(?:©|\(c\)\s|copyright\b)|\ball rights reserved\b", re.I)
_SHARE_WORDS = re.compile(
    r"\b(?:share|tweet|email|e-mail|print|facebook|twitter|linkedin|whatsapp|reddit|pinterest|"
    r"telegram|flipboard|bluesky|threads|copy\s+link|save\s+(?:article|story)|gift\s+(?:this\s+)?"
    r"article|comments?|follow\s+(?:us|me|him|her|them)|instagram|youtube|mastodon)\b",
    re.I,
)
_NEWSLETTER = re.compile(
    r"\b(?:sign\s+up|subscribe|newsletter|delivered\s+to\s+your\s+inbox|in\s+your\s+inbox)\b", re.I
)
_ADVERT = re.compile(
    r"^(?:advertisement|advertising|ad|sponsored(?:\s+content)?|story\s+continues\s+below"
    r"(?:\s+(?:this\s+)?advertisement)?|scroll\s+to\s+continue(?:\s+with\s+content)?)\s*:?$",
    re.I,
)
_PHOTO = re.compile(
    r"^(?:photo|image|illustration|picture|photograph|video|credit|caption)s?(?:\s+credit)?\s*"
    r"(?::|by\b)|\b(?:getty\s+images|ap\s+photo|afp\s+via\s+getty|shutterstock|photo(?:graph)?\s+by|"
    r"\(photo:|image\s+credit|illustration\s+by|/reuters\b|reuters/|bloomberg\s+via\s+getty|"
    r"via\s+getty|istock(?:photo)?|alamy)\b",
    re.I,
)
_RELATED = re.compile(
    r"^(?:related(?:\s+(?:articles?|stories|coverage|content|reading|topics))?|read\s+also|"
    r"also\s+read|recommended(?:\s+(?:for\s+you|reading))?|more\s+on\s+this(?:\s+\w+)?|see\s+also|"
    r"further\s+reading|you\s+(?:may|might)\s+also\s+like|most\s+(?:read|popular)|trending|"
    r"more\s+from\s+[\w ]{1,30}|what\s+to\s+read\s+next)\s*(?::|>|»|$)",
    re.I,
)
_EDITOR_NOTE = re.compile(r"^editor['’]?s\s+note\s*:\s*", re.I)
_DISCLAIMER = re.compile(
    r"\b(?:the\s+)?(?:views|opinions)\s+expressed\b.{0,80}\b(?:own|necessarily\s+reflect)", re.I
)
_ABOUT_AUTHOR = re.compile(r"^about\s+the\s+authors?\s*:?$", re.I)
_SENTENCE_END = re.compile(r"[.!?…:;\"”’)]$")


def split_lines(text: str) -> list[Line]:
    """Split text into its non-empty lines, with offsets of their stripped content."""
    lines: list[Line] = []
    for match in _LINE.finditer(text):
        raw = match.group()
        stripped = raw.strip()
        if stripped:
            start = match.start() + (len(raw) - len(raw.lstrip()))
            lines.append(Line(len(lines), start, start + len(stripped), stripped, False))
    return _mark_blank_lines(text, lines)


def _mark_blank_lines(text: str, lines: list[Line]) -> list[Line]:
    """Recompute ``blank_before``: an empty line lies between this line and the last."""
    marked: list[Line] = []
    previous_end = 0
    for line in lines:
        gap = text[previous_end : line.start]
        blank = line.index == 0 or gap.count("\n") + gap.count("\r") - gap.count("\r\n") >= 2
        marked.append(Line(line.index, line.start, line.end, line.text, blank))
        previous_end = line.end
    return marked


def _words(text: str) -> int:
    return len(text.split())


def _piece(kind: FurnitureKind, first: Line, last: Line, **found: object) -> Piece:
    return Piece(kind, first.start, last.end, **found)  # type: ignore[arg-type]


def _one(kind: FurnitureKind, ctx: _Context, i: int, **found: object) -> tuple[Piece, int]:
    return _piece(kind, ctx.lines[i], ctx.lines[i], **found), i


def _more_link(ctx: _Context, i: int) -> tuple[Piece, int] | None:
    return _one("more_link", ctx, i) if _MORE.match(ctx.lines[i].text) else None


def _republication(ctx: _Context, i: int) -> tuple[Piece, int] | None:
    line = ctx.lines[i]
    near_end = i >= len(ctx.lines) - 3
    if _words(line.text) > (60 if near_end else 35):
        return None
    match = _REPUBLICATION.search(line.text)
    if not match:
        return None
    outlet = _OUTLET_END.split(match.group("outlet"), maxsplit=1)[0].strip()
    outlet = re.sub(r"^the\s+(?=[a-z])|^the\s+", "", outlet).strip(" .")
    return _one("republication_notice", ctx, i, outlet=outlet or None)


def _copyright(ctx: _Context, i: int) -> tuple[Piece, int] | None:
    text = ctx.lines[i].text
    return _one("copyright", ctx, i) if _words(text) <= 30 and _COPYRIGHT.search(text) else None


def _share(ctx: _Context, i: int) -> tuple[Piece, int] | None:
    text = ctx.lines[i].text
    if _words(text) > 8 or (_SENTENCE_END.search(text) and not text.endswith(":")):
        return None
    hits = _SHARE_WORDS.findall(text)
    handle = re.fullmatch(r"(?:follow\s+[\w .'-]{1,40}\s+on\s+\w+\s*)?@\w{2,30}", text, re.I)
    # Either every word is a platform or action word, or the line is a short call to share.
    only_platforms = _SHARE_WORDS.sub("", text).strip(" |·•/-,:") == ""
    call = bool(hits) and re.match(r"^(?:share|follow|tweet|email|print|comment)", text, re.I)
    return _one("share", ctx, i) if handle or (hits and only_platforms) or call else None


def _newsletter(ctx: _Context, i: int) -> tuple[Piece, int] | None:
    text = ctx.lines[i].text
    if _words(text) > 30 or not _NEWSLETTER.search(text):
        return None
    calls = re.search(r"^(?:sign\s+up|subscribe|get\s+(?:the|our)|join|enter\s+your)\b", text, re.I)
    # A line that merely mentions a newsletter is furniture only when short and unpunctuated.
    label = "newsletter" in text.lower() and _words(text) <= 12 and not _SENTENCE_END.search(text)
    return _one("newsletter", ctx, i) if calls or label else None


def _advertisement(ctx: _Context, i: int) -> tuple[Piece, int] | None:
    return _one("advertisement", ctx, i) if _ADVERT.match(ctx.lines[i].text) else None


def _photo_credit(ctx: _Context, i: int) -> tuple[Piece, int] | None:
    text = ctx.lines[i].text
    return _one("photo_credit", ctx, i) if _words(text) <= 60 and _PHOTO.search(text) else None


def _related(ctx: _Context, i: int) -> tuple[Piece, int] | None:
    line = ctx.lines[i]
    if _words(line.text) > 20 or not _RELATED.match(line.text):
        return None
    last = i
    header_only = _words(line.text) <= 6 and not _SENTENCE_END.search(line.text.rstrip(":>» "))
    if header_only:
        # A header alone takes the short headline-like lines under it, up to a blank line.
        while last + 1 < len(ctx.lines):
            nxt = ctx.lines[last + 1]
            if (nxt.blank_before and last > i) or _words(nxt.text) > 18:
                break
            if _SENTENCE_END.search(nxt.text) and not nxt.text.endswith("?"):
                break
            last += 1
    return _piece("related", line, ctx.lines[last]), last


def _editor_note(ctx: _Context, i: int) -> tuple[Piece, int] | None:
    line = ctx.lines[i]
    match = _EDITOR_NOTE.match(line.text)
    if not match:
        return None
    bio_text = line.text[match.end() :]
    authors = _bio_authors(bio_text, line.start + match.end())
    return _one("editor_note", ctx, i, authors=authors)


def _disclaimer(ctx: _Context, i: int) -> tuple[Piece, int] | None:
    text = ctx.lines[i].text
    return _one("disclaimer", ctx, i) if _words(text) <= 40 and _DISCLAIMER.search(text) else None


def _near_edge(ctx: _Context, i: int, head: int = 6, tail: int = 4) -> bool:
    return i < head or i >= len(ctx.lines) - tail


def _byline(ctx: _Context, i: int) -> tuple[Piece, int] | None:
    line = ctx.lines[i]
    if not _near_edge(ctx, i, head=8, tail=3):
        return None
    parsed = bylines.parse_byline(line.text)
    if parsed is None:
        return None
    names, trailer = parsed
    role = bylines.byline_role(trailer)
    authors = tuple(AuthorFinding(name, role=role) for name in names)
    published = find_date(trailer) if trailer else None
    return _one("byline", ctx, i, authors=authors, published=published)


def _dateline(ctx: _Context, i: int) -> tuple[Piece, int] | None:
    line = ctx.lines[i]
    if not _near_edge(ctx, i, head=8, tail=2) or _words(line.text) > 8:
        return None
    published = find_date(line.text, whole=True)
    return _one("dateline", ctx, i, published=published) if published else None


def _bio_authors(text: str, offset: int) -> tuple[AuthorFinding, ...]:
    """Authors from the first sentence of a bio, with that sentence as their bio span."""
    sentence = re.split(r"(?<=[a-z0-9)”\"’])\.(?=\s+[A-Z]|\s*$)", text, maxsplit=1)[0]
    sentence_end = min(len(text), len(sentence) + 1)
    bio = bylines.parse_bio(sentence)
    if bio is None:
        return ()
    span = (offset, offset + sentence_end)
    return tuple(AuthorFinding(n, bio.role, bio.affiliation, span) for n in bio.names)


def _author_box(ctx: _Context, i: int) -> tuple[Piece, int] | None:
    """A name line (or "About the author") followed by a bio; or a bio paragraph alone."""
    line = ctx.lines[i]
    header = bylines.is_name_line(line.text) or _ABOUT_AUTHOR.match(line.text)
    if header and i + 1 < len(ctx.lines):
        bio_line = ctx.lines[i + 1]
        authors = _bio_authors(bio_line.text, bio_line.start)
        if authors and _words(bio_line.text) <= 120:
            return _piece("author_box", line, bio_line, authors=authors), i + 1
    return _standalone_bio(ctx, i)


def _standalone_bio(ctx: _Context, i: int) -> tuple[Piece, int] | None:
    """A short bio paragraph at the top or bottom, or beside other furniture."""
    line = ctx.lines[i]
    if _words(line.text) > 80 or not (line.blank_before or ctx.is_html):
        return None
    authors = _bio_authors(line.text, line.start)
    # Without a name line above it, a bio must name where its subject works: "X is the
    # secretary of state" inside an article names a role but no employer.
    if not authors or authors[0].affiliation is None:
        return None
    at_edge = _near_edge(ctx, i, head=3, tail=3) or i >= 0.65 * len(ctx.lines)
    return _one("author_box", ctx, i, authors=authors) if at_edge else None


def _title(ctx: _Context, i: int) -> tuple[Piece, int] | None:
    """The headline: the page's known title as its first line, or a plain text's headline."""
    line = ctx.lines[i]
    if i != 0 or len(ctx.lines) < 2:
        return None
    text = line.text
    if ctx.title is not None:
        same = " ".join(text.lower().split()) == " ".join(ctx.title.lower().split())
        return _one("title", ctx, i) if same else None
    if ctx.is_html or len(ctx.lines) < 3:
        return None
    if _words(text) > 20 or re.search(r"[.!,;:\"”’)]$", text) or not text[:1].isupper():
        return None
    return _one("title", ctx, i) if ctx.lines[1].blank_before else None


# Order matters: the most specific wording first; bylines and bios before titles.
RULES: tuple[_Rule, ...] = (
    _more_link,
    _republication,
    _editor_note,
    _disclaimer,
    _copyright,
    _advertisement,
    _newsletter,
    _share,
    _related,
    _photo_credit,
    _byline,
    _dateline,
    _author_box,
    _title,
)


def find_furniture(
    text: str, *, is_html: bool = False, title: str | None = None
) -> FurnitureResult:
    """Find the furniture in a text and return it with the body paragraphs.

    Paragraphs are runs of kept lines separated by blank lines or furniture; in a text
    with no blank lines at all (trafilatura's output) every line is its own paragraph.
    ``title`` is the page's own title, when known (from HTML metadata).
    """
    lines = split_lines(text)
    ctx = _Context(lines, is_html, title)
    pieces: list[Piece] = []
    furniture_lines: set[int] = set()
    i = 0
    while i < len(lines):
        found = next((hit for rule in RULES if (hit := rule(ctx, i)) is not None), None)
        if found is None:
            i += 1
            continue
        piece, last = found
        pieces.append(piece)
        furniture_lines.update(range(i, last + 1))
        i = last + 1
    return FurnitureResult(tuple(pieces), _paragraphs(lines, furniture_lines))


def _paragraphs(lines: Sequence[Line], furniture: set[int]) -> tuple[tuple[int, int], ...]:
    one_per_line = not any(line.blank_before for line in lines[1:])
    paragraphs: list[tuple[int, int]] = []
    current: tuple[int, int] | None = None
    previous = -2
    for line in lines:
        if line.index in furniture:
            continue
        starts_new = one_per_line or line.blank_before or line.index != previous + 1
        if current is None or starts_new:
            if current is not None:
                paragraphs.append(current)
            current = (line.start, line.end)
        else:
            current = (current[0], line.end)
        previous = line.index
    if current is not None:
        paragraphs.append(current)
    return tuple(paragraphs)
