"""Metadata: combine what the page says (HTML meta tags) with what its furniture says.

Furniture is the better witness for an opinion piece: an author box gives the role and
affiliation that meta tags never carry, and a republication notice names the outlet where
the piece first ran. Meta tags win on the author's name when both exist, since they are
written for machines; the furniture then lends that name its role and affiliation.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from oplens.bylines import clean_author_names
from oplens.furniture import AuthorFinding, Piece
from oplens.ingest import PageMetadata
from oplens.schema import Author, Metadata, Span


def build_metadata(
    text: str, page: PageMetadata, pieces: Sequence[Piece]
) -> tuple[Metadata, date | None]:
    """Return the metadata record and the publication date the page states, if any."""
    found = _merge_findings([author for piece in pieces for author in piece.authors])
    names = clean_author_names(page.authors) or tuple(author.name for author in found)
    by_name = {_key(author.name): author for author in found}
    authors = tuple(_author(text, name, by_name.get(_key(name))) for name in names)
    outlet = next((piece.outlet for piece in pieces if piece.outlet), None)
    title = page.title or next(
        (text[piece.start : piece.end] for piece in pieces if piece.kind == "title"), None
    )
    published = page.published or next((p.published for p in pieces if p.published), None)
    metadata = Metadata(title=title, authors=authors, outlet=outlet or page.site, site=page.site)
    return metadata, published


def _key(name: str) -> str:
    return " ".join(name.lower().replace(".", "").split())


def _merge_findings(findings: Sequence[AuthorFinding]) -> list[AuthorFinding]:
    """One finding per name, keeping the most informative (a bio beats a bare byline)."""
    merged: dict[str, AuthorFinding] = {}
    for finding in findings:
        key = _key(finding.name)
        old = merged.get(key)
        if old is None:
            merged[key] = finding
            continue
        merged[key] = AuthorFinding(
            name=max(old.name, finding.name, key=len),
            role=old.role or finding.role,
            affiliation=old.affiliation or finding.affiliation,
            bio=old.bio or finding.bio,
        )
    return list(merged.values())


def _author(text: str, name: str, finding: AuthorFinding | None) -> Author:
    if finding is None:
        return Author(name=name)
    bio = None
    if finding.bio is not None:
        start, end = finding.bio
        bio = Span(start=start, end=end, text=text[start:end])
    return Author(name=name, role=finding.role, affiliation=finding.affiliation, bio=bio)
