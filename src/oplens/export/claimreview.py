"""ClaimReview: each resolved prediction as a schema.org fact-check review (JSON-LD).

One ``ClaimReview`` object per resolved prediction, each with its own ``@context``
(``https://schema.org``) so that it can be pasted into a page as it is:

- ``itemReviewed``: the ``Claim`` — its ``text`` (the prediction as written), ``author``
  (the article's authors, or the quoted speaker who holds the prediction), ``datePublished``
  (the article's date) and ``appearance`` (the ``OpinionNewsArticle`` it appeared in: URL,
  headline, authors, date, publisher);
- ``reviewRating``: a ``Rating`` whose ``alternateName`` is the outcome ("True", "False",
  "Partly true", "Ambiguous") and whose ``ratingValue`` is the outcome as scored (1, 0, 0.5
  between ``worstRating`` 0 and ``bestRating`` 1; none for an ambiguous outcome);
- ``datePublished``: the resolution date; ``citation``: the evidence URL; ``reviewBody``:
  the resolution's note; ``author``: who resolved it, or the organisation given.

The review's own page (``url``) is not known to oplens and is left out.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from oplens.export.people import is_web_url, speaker
from oplens.schema import Analysis, Author, Prediction
from oplens.store.records import ExportedArticle, PredictionRecord, ResolutionRecord

CONTEXT = "https://schema.org"
OUTCOME_NAMES = {
    "true": "True",
    "false": "False",
    "partial": "Partly true",
    "ambiguous": "Ambiguous",
}
OUTCOME_VALUES = {"true": 1, "false": 0, "partial": 0.5}


def _person(author: Author) -> dict[str, Any]:
    person: dict[str, Any] = {"@type": "Person", "name": author.name}
    if author.role:
        person["jobTitle"] = author.role
    if author.affiliation:
        person["affiliation"] = {"@type": "Organization", "name": author.affiliation}
    return person


def _claim_author(analysis: Analysis, prediction: Prediction | None) -> list[dict[str, Any]]:
    """The claim's author: the quoted speaker holding it, else the article's authors."""
    for attribution in analysis.attributions:
        if prediction is not None and attribution.id == prediction.holder:
            who = speaker(analysis, attribution)
            return [{"@type": "Person" if who.person else "Organization", "name": who.name}]
    return [_person(author) for author in analysis.metadata.authors]


def _appearance(article: ExportedArticle) -> dict[str, Any]:
    analysis = article.analysis
    appearance: dict[str, Any] = {"@type": "OpinionNewsArticle"}
    if is_web_url(article.source):
        appearance["url"] = article.source
    if article.title:
        appearance["headline"] = article.title
    if article.published:
        appearance["datePublished"] = article.published.isoformat()
    if analysis.metadata.authors:
        appearance["author"] = [_person(author) for author in analysis.metadata.authors]
    if article.outlet:
        appearance["publisher"] = {"@type": "Organization", "name": article.outlet}
    return appearance


def _rating(resolution: ResolutionRecord) -> dict[str, Any]:
    rating: dict[str, Any] = {
        "@type": "Rating",
        "alternateName": OUTCOME_NAMES[resolution.outcome],
    }
    if resolution.outcome in OUTCOME_VALUES:
        rating |= {
            "ratingValue": OUTCOME_VALUES[resolution.outcome],
            "worstRating": 0,
            "bestRating": 1,
        }
    return rating


def claim_review(
    article: ExportedArticle,
    record: PredictionRecord,
    resolution: ResolutionRecord,
    *,
    reviewer: str | None = None,
) -> dict[str, Any]:
    """Return the ClaimReview of one resolved prediction of an article."""
    analysis = article.analysis
    found = next((p for p in analysis.predictions if p.id == record.local_id), None)
    claim: dict[str, Any] = {
        "@type": "Claim",
        "text": record.text,
        "author": _claim_author(analysis, found),
        "appearance": _appearance(article),
    }
    if article.published:
        claim["datePublished"] = article.published.isoformat()
    if not claim["author"]:
        del claim["author"]
    review: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "ClaimReview",
        "claimReviewed": record.text,
        "datePublished": resolution.resolved_on.isoformat(),
        "author": (
            {"@type": "Organization", "name": reviewer}
            if reviewer
            else {"@type": "Person", "name": resolution.resolved_by}
        ),
        "reviewRating": _rating(resolution),
        "itemReviewed": claim,
    }
    if resolution.evidence:
        review["citation"] = {"@type": "CreativeWork", "url": resolution.evidence}
    if resolution.note:
        review["reviewBody"] = resolution.note
    return review


def claim_reviews(
    article: ExportedArticle, *, reviewer: str | None = None
) -> Iterator[dict[str, Any]]:
    """Yield the ClaimReview of each resolved prediction of an article, by ledger id."""
    for record in article.predictions:
        if record.resolution is not None:
            yield claim_review(article, record, record.resolution, reviewer=reviewer)
