"""Listing stored articles: latest stored first, of one author or all, with counts."""

from __future__ import annotations

from pathlib import Path

from oplens.store import Store
from tests.webkit import case_analyses


def test_articles_latest_first_with_authors_and_counts(tmp_path: Path) -> None:
    store = Store.open(f"sqlite:///{tmp_path / 'ledger.db'}")
    reservoir, harbour, transit = case_analyses()
    for record in (reservoir, harbour, transit):  # one transaction each: three stored times
        store.add_analysis(record)
    listed = store.articles()
    assert [a.title for a in listed] == [
        "Free Buses Will Not Empty the Ring Road",
        "The Harbour Levy Will Not Save Port Ellery",
        "The Valley Does Not Need Another Reservoir",
    ]
    assert [a.predictions for a in listed] == [5, 6, 5]
    assert listed[1].authors == ("Marta Lindqvist",)
    [lindqvist] = [a for a in store.authors() if a.name == "Marta Lindqvist"]
    assert listed[1].author_ids == (lindqvist.id,)
    assert [a.id for a in store.articles(author_id=lindqvist.id)] == [harbour.document.id]
    assert [a.title for a in store.articles(limit=1, offset=1)] == [listed[1].title]
