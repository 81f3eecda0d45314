"""Parse what pages say about their writers: names, bylines, bios, roles and affiliations.

Pure string functions with no spaCy: furniture detection runs before the parse, and an
author box must be recognised from its wording alone ("X is a senior fellow at the Y").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A name word: capitalised ("Miller", "O'Neil", "Al-Assad") or an initial ("J.").
_NAME_WORD = (
    r"(?:[A-Z][a-zà-öø-ÿ'’]+(?:-[A-Za-zà-öø-ÿ'’]+)*|[A-Z]\.(?:[A-Z]\.)?"
    r"|Mc[A-Z][a-z]+|[A-Z][a-z]+[A-Z][a-z]+)"
)
_PARTICLE = r"(?:de|da|del|della|di|du|van|von|der|den|al|el|bin|ibn|la|le|dos|das|ter|St\.)"
NAME = (
    rf"{_NAME_WORD}(?:\s+(?:{_PARTICLE}\s+){{0,2}}{_NAME_WORD}){{1,3}}"
    r"(?:,?\s+(?:Jr|Sr|II|III|IV)\.?)?"
)
_NAMES = rf"{NAME}(?:\s*(?:,|,?\s+and|&)\s+{NAME})*"
_NAME_LINE = re.compile(rf"^{NAME}$")
# Words that start many capitalised lines and never a person's name.
_NOT_NAME_WORDS = frozenset(
    """The A An This That These More Read Share Follow Related Photo Image Credit Subscribe
    Sign Get Advertisement Editor Opinion News Home Menu Search Contact About Privacy
    Terms Copyright All Breaking Latest Top Most Trending Watch Listen Video Comments
    Print Email Why How What When Where Who Our Your Their His Her New Old United States
    Department President Secretary Senator Minister Congress House Senate Street Avenue
    University Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February
    March April May June July August September October November December
    """.split()
)
# Nouns that make "X is a ___" a bio: from author boxes of think tanks and opinion pages.
ROLE_WORDS = frozenset(
    """fellow professor columnist contributor editor writer author director president
    analyst journalist correspondent reporter researcher scholar chair chairman
    chairwoman chairperson ceo cofounder co-founder founder lecturer economist lawyer
    attorney historian member partner adviser advisor ambassador officer executive
    commentator strategist scientist physician doctor student candidate secretary
    senator representative governor mayor manager head dean expert consultant associate
    host producer novelist poet blogger activist teacher pastor rabbi publisher
    specialist coordinator organizer leader principal instructor vice contributing
    deputy assistant former retired emeritus veteran diplomat negotiator psychologist
    sociologist philosopher political lecturer chief counsel administrator practitioner
    entrepreneur investor owner designer engineer nurse psychiatrist surgeon researcher
    reader minister mp congressman congresswoman judge professor
    """.split()
)
_BIO = re.compile(
    rf"^(?P<names>{_NAMES})\s*,?\s+(?:is|was|are|were|serves\s+as|has\s+been|have\s+been)\s+"
    r"(?P<rest>.+)$",
    re.S,
)
_ARTICLE = re.compile(r"^(?:(?:a|an|the|currently|also|now|both|each|formerly)\s+)+", re.I)
# Where the role ends and the affiliation begins: a preposition before a capitalised word.
_AFFILIATION_START = re.compile(r"\s(?:at|with|for|of|in|on)\s+(?:the\s+)?(?=[A-Z0-9])")
_AFFILIATION_END = re.compile(
    r",|;|:|\s\(|\s(?:where|who|which|and\s+(?:is|was|a|an|the|author|co-?author|has|host|"
    r"former|editor|founder)|focusing|specializing|specialising)\b|\.(?=\s|$)(?<![A-Z]\.)"
)
_BYLINE = re.compile(
    rf"^(?i:by|written\s+by|words\s+by)\s+(?P<names>{_NAMES})(?:\s*(?:[,|·•—–]|\s-\s)\s*(?P<rest>.*))?$",
)
_ROLE_BYLINE = re.compile(rf"^(?P<names>{_NAMES})\s*[,|—–]\s*(?P<role>[A-Za-z ,.'-]{{3,60}})$")


@dataclass(frozen=True)
class Bio:
    """The parts of an author bio sentence."""

    names: tuple[str, ...]
    role: str | None
    affiliation: str | None


def is_name_line(line: str) -> bool:
    """Tell whether a line is a person's name alone (as at the top of an author box)."""
    line = line.strip()
    if len(line) > 50 or not _NAME_LINE.match(line):
        return False
    return not any(word.strip(",.") in _NOT_NAME_WORDS for word in line.split())


def split_names(names: str) -> tuple[str, ...]:
    """Split "A, B and C" into names, keeping a suffix such as ", Jr." with its name."""
    parts = re.split(r"\s*(?:,(?!\s*(?:Jr|Sr|II|III|IV)\b)\s*|,?\s+and\s+|\s*&\s*)", names.strip())
    return tuple(part.strip() for part in parts if part.strip())


def _has_role_word(phrase: str) -> bool:
    words = re.findall(r"[a-z][a-z-]*", phrase.lower())
    return any(word in ROLE_WORDS or word.removesuffix("s") in ROLE_WORDS for word in words)


def parse_bio(sentence: str) -> Bio | None:
    """Parse "Jane Doe is a senior fellow at the X Institute, ..." into its parts.

    Returns None unless the sentence starts with a name followed by "is/was/are" and a
    phrase with a role word ("fellow", "columnist", ...).
    """
    match = _BIO.match(sentence.strip())
    if not match:
        return None
    names = split_names(match.group("names"))
    if any(word in _NOT_NAME_WORDS for name in names for word in name.split()[:1]):
        return None
    rest = _ARTICLE.sub("", match.group("rest").strip())
    role, affiliation = _split_role(rest)
    if role is None or not _has_role_word(role):
        return None
    return Bio(names=names, role=role, affiliation=affiliation)


def _split_role(rest: str) -> tuple[str | None, str | None]:
    """Split "senior fellow at the Carnegie Endowment, ..." into role and affiliation."""
    head = _AFFILIATION_END.split(rest, maxsplit=1)[0]
    start = _AFFILIATION_START.search(head)
    if start is None:
        return _split_leading_organisation(head.strip())
    role = head[: start.start()].strip()
    affiliation = head[start.end() :].strip().rstrip(".")
    return (role or None), (affiliation or None)


def _split_leading_organisation(phrase: str) -> tuple[str | None, str | None]:
    """Split "CNN contributor" into ("contributor", "CNN"); leave "columnist" alone."""
    words = phrase.split()
    leading = 0
    while leading < len(words) - 1 and words[leading][:1].isupper():
        if words[leading].lower() in ROLE_WORDS:
            break
        leading += 1
    if leading == 0:
        return (phrase or None), None
    return " ".join(words[leading:]), " ".join(words[:leading])


def parse_byline(line: str) -> tuple[tuple[str, ...], str | None] | None:
    """Parse "By Jane Doe" or "Jane Doe, Opinion Contributor" into names and a trailer.

    The trailer is the rest of the line (a role, a date, an outlet), or None.
    """
    line = line.strip()
    if len(line.split()) > 24:
        return None
    if line.isupper():  # "BY JANE DOE": read the names in title case
        titled = line.title()
        return None if titled.isupper() else parse_byline(titled)
    match = _BYLINE.match(line)
    if match:
        names = split_names(match.group("names"))
        # "By Jane Doe, Opinion Contributor": a "name" holding a role word starts the trailer.
        valid = [not _has_role_word(n) and n.split()[0] not in _NOT_NAME_WORDS for n in names]
        kept = valid.index(False) if False in valid else len(names)
        if kept == 0:
            return None
        trailer = ", ".join(
            [*names[kept:], *([match.group("rest")] if match.group("rest") else [])]
        )
        return names[:kept], (trailer or None)
    match = _ROLE_BYLINE.match(line)
    if match and _has_role_word(match.group("role")) and is_name_line(match.group("names")):
        return split_names(match.group("names")), match.group("role").strip()
    return None


def byline_role(trailer: str | None) -> str | None:
    """Return the trailer of a byline when it names a role ("Opinion Contributor")."""
    if trailer and _has_role_word(trailer) and not re.search(r"\d", trailer):
        return trailer.strip(" .,")
    return None


_AUTHOR_PREFIX = re.compile(r"^(?:by|written\s+by|posted\s+by|words\s+by|author)\s*:?\s+", re.I)
_MONTH_WORDS = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?"
)
_TRAILING_DATE = re.compile(rf"\s+(?:on\s+)?{_MONTH_WORDS}\s+\d.*$")
_NOT_AUTHORS = frozenset({"the author", "author", "admin", "administrator", "staff", "editor"})


def clean_author_names(names: tuple[str, ...]) -> tuple[str, ...]:
    """Tidy author names from page metadata: drop "By", trailing dates, and non-names.

    Meta tags and bylines hand trafilatura strings such as "Author Isaiah Shelton",
    "Supermove February 8", "On December 9" or a bare "Trial Attorney"; each is cleaned to
    the name or dropped.
    """
    cleaned: list[str] = []
    for raw in names:
        if re.match(rf"^(?:on\s+)?{_MONTH_WORDS}\s+\d", raw.strip(), re.I):
            continue  # a date, not a name
        name = _TRAILING_DATE.sub("", _AUTHOR_PREFIX.sub("", raw.strip())).strip(" ,|·-")
        words = name.split()
        if not words or name.lower() in _NOT_AUTHORS:
            continue
        if len(words) <= 2 and _has_role_word(words[-1]):
            continue  # "Trial Attorney", "Sr Director": a role without a name
        cleaned.append(name)
    return tuple(dict.fromkeys(cleaned))
