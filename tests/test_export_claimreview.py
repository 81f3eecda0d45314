"""ClaimReview export: JSON-LD that a JSON-LD processor (pyld) reads with schema.org's terms.

Fully offline: the document loader serves the bundled subset of the schema.org context
(``tests/fixtures/schemaorg``, see its README) and refuses any other URL.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pyld import jsonld

from oplens import Analysis
from oplens.export import ExportOptions, export_to
from oplens.export.claimreview import claim_reviews
from oplens.store import Store
from tests.conftest import EXAMPLE, EXAMPLE_PUBLISHED, analysis_of

CONTEXT_FILE = Path(__file__).parent / "fixtures" / "schemaorg" / "context-subset.jsonld"
CONTEXT = json.loads(CONTEXT_FILE.read_text(encoding="utf-8"))
SCHEMA_ORG = (
    "https://schema.org",
    "https://schema.org/",
    "http://schema.org",
    "http://schema.org/",
    "https://schema.org/docs/jsonldcontext.jsonld",
)
S = "http://schema.org/"  # the IRIs schema.org's own context maps its terms to
OPEN_SEASON = "We have now entered open season for Iranian attacks"


def offline_loader(url: str, options: dict[str, Any]) -> dict[str, Any]:
    """Serve the bundled schema.org context; refuse everything else (no network)."""
    if url not in SCHEMA_ORG:
        raise AssertionError(f"the JSON-LD processor asked for {url}")
    return {
        "contentType": "application/ld+json",
        "contextUrl": None,
        "documentUrl": url,
        "document": CONTEXT,
    }


OPTIONS = {"documentLoader": offline_loader}
TERMS = {
    S + name
    for name, definition in CONTEXT["@context"].items()
    if isinstance(definition, dict) and not name[0].isupper()
}


def properties(expanded: Any) -> set[str]:
    """Every property IRI used anywhere in an expanded JSON-LD document."""
    found: set[str] = set()
    if isinstance(expanded, list):
        for item in expanded:
            found |= properties(item)
    elif isinstance(expanded, dict):
        for key, value in expanded.items():
            if not key.startswith("@"):
                found.add(key)
            found |= properties(value)
    return found


def resolved_ledger(tmp_path: Path, analysis: Analysis, phrase: str, **resolution: Any) -> str:
    db = str(tmp_path / "ledger.db")
    with Store.open(db) as store:
        store.add_analysis(analysis)
        record = next(p for p in store.predictions() if p.text.startswith(phrase))
        store.resolve(record.id, **resolution)
    return db


def reviews(db: str, tmp_path: Path, **options: Any) -> list[dict[str, Any]]:
    target = tmp_path / "reviews.json"
    with Store.open(db) as store:
        export_to(
            store, ExportOptions.model_validate({"format": "claimreview", **options}), str(target)
        )
    data: list[dict[str, Any]] = json.loads(target.read_text(encoding="utf-8"))
    return data


def test_canonical_resolved_prediction_validates_as_json_ld(
    miller: Analysis, tmp_path: Path
) -> None:
    db = resolved_ledger(
        tmp_path,
        miller,
        OPEN_SEASON,
        outcome="true",
        on=date(2020, 1, 8),
        evidence="https://example.org/attacks",
        note="Iran struck two bases on 8 January.",
        by="desk",
    )
    [review] = reviews(db, tmp_path)
    expanded = jsonld.expand(review, OPTIONS)
    [node] = expanded
    assert node["@type"] == [S + "ClaimReview"]
    assert node[S + "datePublished"] == [{"@type": S + "Date", "@value": "2020-01-08"}]
    [rating] = node[S + "reviewRating"]
    assert rating["@type"] == [S + "Rating"]
    assert rating[S + "alternateName"] == [{"@value": "True"}]
    assert rating[S + "ratingValue"] == [{"@value": 1}]
    [claim] = node[S + "itemReviewed"]
    assert claim["@type"] == [S + "Claim"]
    assert claim[S + "text"][0]["@value"].startswith(OPEN_SEASON)
    assert claim[S + "datePublished"] == [{"@type": S + "Date", "@value": "2020-01-03"}]
    [author] = claim[S + "author"]
    assert (author["@type"], author[S + "name"]) == (
        [S + "Person"],
        [{"@value": "Aaron David Miller"}],
    )
    [appearance] = claim[S + "appearance"]
    assert appearance["@type"] == [S + "OpinionNewsArticle"]
    assert appearance[S + "publisher"][0][S + "name"] == [{"@value": "CNN"}]
    [citation] = node[S + "citation"]
    assert citation[S + "url"] == [{"@id": "https://example.org/attacks"}]  # an IRI, not text
    assert node[S + "reviewBody"] == [{"@value": "Iran struck two bases on 8 January."}]
    assert properties(expanded) <= TERMS, properties(expanded) - TERMS
    compacted = jsonld.compact(expanded, "https://schema.org", OPTIONS)
    assert (compacted["type"], compacted["reviewRating"]["alternateName"]) == (
        "ClaimReview",
        "True",
    )
    assert not [key for key in _keys(compacted) if ":" in key]  # every term is schema.org's
    assert jsonld.expand(compacted, OPTIONS) == expanded


def _keys(data: Any) -> set[str]:
    if isinstance(data, list):
        return set().union(*(_keys(item) for item in data)) if data else set()
    if isinstance(data, dict):
        return set(data) | set().union(*(_keys(v) for v in data.values()))
    return set()


def test_outcomes_and_a_speakers_claim(tmp_path: Path) -> None:
    harbour = analysis_of(EXAMPLE, EXAMPLE_PUBLISHED)
    db = resolved_ledger(
        tmp_path, harbour, "the money will pay", outcome="partial", on=date(2025, 6, 1), by="ed"
    )
    with Store.open(db) as store:
        ships = next(p for p in store.predictions() if p.text.startswith("the ships"))
        store.resolve(ships.id, "ambiguous", on=date(2025, 10, 1), by="ed")
    plant, ambiguous = reviews(db, tmp_path, reviewer="Port Ellery Fact Desk")
    assert plant["reviewRating"] == {
        "@type": "Rating",
        "alternateName": "Partly true",
        "ratingValue": 0.5,
        "worstRating": 0,
        "bestRating": 1,
    }
    # Tom Reyes argued it, so the claim is his, though it appeared in Lindqvist's op-ed.
    assert plant["itemReviewed"]["author"] == [{"@type": "Person", "name": "Tom Reyes"}]
    assert plant["itemReviewed"]["appearance"]["author"][0]["name"] == "Marta Lindqvist"
    assert plant["author"] == {"@type": "Organization", "name": "Port Ellery Fact Desk"}
    assert ambiguous["reviewRating"] == {"@type": "Rating", "alternateName": "Ambiguous"}
    assert "citation" not in ambiguous and "reviewBody" not in ambiguous
    for review in (plant, ambiguous):
        expanded = jsonld.expand(review, OPTIONS)
        assert properties(expanded) <= TERMS


def test_only_resolved_predictions_make_reviews(tmp_path: Path) -> None:
    db = str(tmp_path / "ledger.db")
    with Store.open(db) as store:
        store.add_analysis(analysis_of(EXAMPLE, EXAMPLE_PUBLISHED))
        [article] = list(store.export_articles())
    assert list(claim_reviews(article)) == []
    target = tmp_path / "reviews.json"
    with Store.open(db) as store:
        summary = export_to(store, ExportOptions(format="claimreview"), str(target))
    assert target.read_text(encoding="utf-8") == "[]\n"
    assert (summary.articles, summary.records) == (0, 0)


def test_the_loader_is_offline() -> None:
    with pytest.raises(jsonld.JsonLdError):
        jsonld.expand({"@context": "https://example.org/context", "name": "x"}, OPTIONS)
