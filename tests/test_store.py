"""The store on SQLite and PostgreSQL alike: round trips, re-analysis, copies, resolutions.

Every test takes ``db_url``, so each runs once on an SQLite file and once on a schema of
the PostgreSQL server named by ``OPLENS_TEST_POSTGRES_URL`` (skipped when it is unset).
"""

from __future__ import annotations

import random
import re
from datetime import date, timedelta
from typing import Any, TypeVar

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from sqlalchemy import text
from sqlalchemy.orm import Session

from oplens import Analysis
from oplens.errors import StoreError
from oplens.schema import (
    Arguments,
    Attribution,
    Author,
    BodySpan,
    Document,
    Furniture,
    Horizon,
    Metadata,
    Prediction,
    Sentence,
    Span,
    Speaker,
    Unit,
    document_id,
)
from oplens.scoring import score_by_author
from oplens.store import Store
from oplens.store.reading import score_rows
from oplens.store.tables import Base
from tests.conftest import EXAMPLE, EXAMPLE_PUBLISHED, analysis_of


def predicted(analysis: Analysis, *specs: tuple[str, float, date | None, str]) -> Analysis:
    """The analysis with predictions over the given phrases: (phrase, p, due, holder)."""
    body = analysis.document.text
    out = []
    for number, (phrase, probability, due, holder) in enumerate(specs, start=1):
        start = body.index(phrase)
        out.append(
            Prediction(
                start=start,
                end=start + len(phrase),
                text=phrase,
                id=f"p{number}",
                event=phrase,
                polarity="positive",
                probability=probability,
                horizon=Horizon(end=due) if due else None,
                holder=holder,
            )
        )
    return analysis.model_copy(update={"predictions": tuple(out)})


SHIPS = "the ships will most likely move to Kingsbridge within two seasons"
TAKINGS = "may see takings fall by a fifth next year"
PLANT = "the money will pay for a new sewage plant by 2027"


@pytest.fixture
def harbour() -> Analysis:
    return predicted(
        analysis_of(EXAMPLE, EXAMPLE_PUBLISHED),
        (SHIPS, 0.8, date(2026, 9, 30), "author"),
        (TAKINGS, 0.4, date(2026, 12, 31), "author"),
        (PLANT, 0.7, date(2027, 12, 31), "a3"),  # Tom Reyes's (attribution a3), not hers
    )


@pytest.fixture
def store(db_url: str) -> Store:
    return Store.open(db_url)


def test_migrations_create_exactly_the_tables(store: Store) -> None:
    with store.engine.connect() as connection:
        context = MigrationContext.configure(connection)
        assert compare_metadata(context, Base.metadata) == []
        assert context.get_current_revision() == "0001"


def test_add_then_list_predictions_authors_and_article(store: Store, harbour: Analysis) -> None:
    [added] = store.add_analyses([harbour])
    assert (added.status, added.predictions, added.resolutions_kept) == ("new", 3, 0)
    assert added.article_id == harbour.document.id
    listed = store.predictions(today=date(2026, 12, 1))
    assert [(p.id, p.text, p.status, p.due) for p in listed] == [
        (1, SHIPS, "due", date(2026, 9, 30)),
        (2, TAKINGS, "open", date(2026, 12, 31)),
        (3, PLANT, "open", date(2027, 12, 31)),
    ]
    assert listed[0].authors == ("Marta Lindqvist",)
    assert listed[0].published == date(2025, 3, 14)
    assert [(p.holder, p.holder_name) for p in listed] == [
        ("author", None),
        ("author", None),
        ("a3", "Okafor's finance director, Tom Reyes"),
    ]
    [author] = store.authors()
    assert (author.name, author.affiliation) == ("Marta Lindqvist", "University of Northmoor")
    assert (author.articles, author.predictions, author.resolved) == (1, 2, 0)  # own only
    article = store.article(harbour.document.id[:15])
    assert (article.title, article.outlet) == (
        "The Harbour Levy Will Not Save Port Ellery",
        "Northmoor Courier",
    )
    assert [s.source for s in article.sources] == ["harbour-levy.txt"]
    assert store.get_analysis(harbour.document.id) == harbour


def test_filters_and_pages(store: Store, harbour: Analysis) -> None:
    store.add_analyses([harbour])
    store.resolve(1, "false", on=date(2026, 10, 1))
    today = date(2026, 12, 1)

    def ids(**options: Any) -> list[int]:
        return [p.id for p in store.predictions(**({"today": today} | options))]

    assert ids(status="resolved") == [1]
    assert ids(status="open") == [2, 3]
    assert ids(status="due") == []
    assert ids(status="due", today=date(2027, 1, 1)) == [2]
    assert ids(due_before=date(2027, 1, 1)) == [1, 2]
    assert ids(author="lindqv") == [1, 2, 3]
    assert ids(author="Okafor") == []
    assert ids(limit=2) == [1, 2]
    assert ids(limit=2, offset=2) == [3]
    assert store.has_documents([harbour.document.id, "sha256:" + "0" * 64]) == {harbour.document.id}


def test_reanalysis_replaces_and_keeps_resolutions(store: Store, harbour: Analysis) -> None:
    store.add_analyses([harbour])
    store.resolve(1, "false", on=date(2026, 10, 1), note="still sailing", by="ed")
    # A new analysis of the same text: predictions renumbered, reordered, one dropped, one
    # new, and the resolved one with its text differently spaced and cased.
    text = harbour.document.text
    again = predicted(
        analysis_of(EXAMPLE, EXAMPLE_PUBLISHED),
        ("the town will lose far more in harbour fees", 0.6, date(2027, 6, 1), "author"),
        (TAKINGS, 0.5, date(2026, 12, 31), "author"),
    )
    start = text.index(SHIPS)
    reworded = Prediction(
        start=start,
        end=start + len(SHIPS),
        text=SHIPS,
        id="p3",
        event="ships move",
        polarity="positive",
        probability=0.75,
        horizon=Horizon(end=date(2026, 9, 30)),
    )
    again = again.model_copy(update={"predictions": (*again.predictions, reworded)})
    [added] = store.add_analyses([again])
    assert (added.status, added.predictions, added.resolutions_kept) == ("reanalysed", 3, 1)
    listed = {p.text: p for p in store.predictions()}
    assert listed[SHIPS].id == 1 and listed[TAKINGS].id == 2  # ids kept by text
    resolution = listed[SHIPS].resolution
    assert resolution is not None and resolution.note == "still sailing"
    assert listed[SHIPS].probability == 0.75  # the new analysis's numbers
    assert PLANT not in listed
    assert listed["the town will lose far more in harbour fees"].id == 4  # never a reused id
    assert store.get_analysis(harbour.document.id) == again
    # The resolution outlives an analysis without that prediction, and comes back with it.
    store.add_analyses([again.model_copy(update={"predictions": ()})])
    assert store.predictions() == []
    [back] = store.add_analyses([harbour])
    assert back.resolutions_kept == 1
    assert store.predictions(status="resolved")[0].text == SHIPS


def republished(analysis: Analysis) -> Analysis:
    """The same body found on another site: other furniture, other document id."""
    text = analysis.document.text.replace(
        "originally published in the Northmoor Courier", "first published by the Courier Group"
    )
    text = "Opinion | Syndicated\n" + text
    shift = len("Opinion | Syndicated\n")
    body = tuple(
        BodySpan(start=s.start + shift, end=s.end + shift, text=s.text)
        for s in analysis.document.body
    )
    document = Document(id=document_id(text), text=text, body=body, source="https://other.example")
    return Analysis(
        document=document,
        metadata=analysis.metadata.model_copy(update={"site": "other.example"}),
        predictions=tuple(
            p.model_copy(update={"start": p.start + shift, "end": p.end + shift})
            for p in analysis.predictions
        ),
    )


def test_republished_copy_is_one_article_scored_once(store: Store, harbour: Analysis) -> None:
    copy = republished(harbour)
    assert copy.document.id != harbour.document.id
    first, second = store.add_analyses([harbour, copy])
    assert (first.status, second.status) == ("new", "copy")
    assert second.article_id == harbour.document.id
    article = store.article(copy.document.id)  # found by the copy's id too
    assert [s.document_id for s in article.sources] == [harbour.document.id, copy.document.id]
    assert article.document_id == copy.document.id
    assert len(store.predictions()) == 3
    store.resolve(1, "true", on=date(2026, 10, 1))
    report = store.scores(as_of=date(2026, 12, 1))
    assert [(c.name, c.score.scored) for c in report.authors] == [("Marta Lindqvist", 1)]
    assert store.get_analysis(copy.document.id) == copy
    assert store.get_analysis(harbour.document.id) == harbour


def byline(analysis: Analysis, name: str, affiliation: str | None, number: int) -> Analysis:
    """Another article (one more body paragraph) by one author."""
    postscript = f"Postscript {number}."
    text = analysis.document.text + "\n\n" + postscript
    document = analysis.document.model_copy(update={"id": document_id(text), "text": text})
    start = len(text) - len(postscript)
    body = (*document.body, BodySpan(start=start, end=len(text), text=postscript))
    document = document.model_copy(update={"body": body})
    metadata = Metadata(authors=(Author(name=name, affiliation=affiliation),))
    return analysis.model_copy(update={"document": document, "metadata": metadata})


def test_authors_are_joined_across_articles(store: Store, harbour: Analysis) -> None:
    bare = harbour.model_copy(update={"predictions": ()})
    store.add_analyses(
        [
            byline(bare, "Jane Roe", None, 1),
            byline(bare, "Jane  ROE", "Port Institute", 2),  # fills in the affiliation
            byline(bare, "Jane Roe", None, 3),  # joins the one Jane Roe
            byline(bare, "Jane Roe", "Other College", 4),  # a different Jane Roe
        ]
    )
    assert [(a.name, a.affiliation, a.articles) for a in store.authors()] == [
        ("Jane Roe", "Port Institute", 3),
        ("Jane Roe", "Other College", 1),
    ]


def test_bad_resolutions_change_nothing(store: Store, harbour: Analysis) -> None:
    store.add_analyses([harbour])
    store.resolve(1, "true", on=date(2026, 10, 1), by="ed")
    before = (store.predictions(), store.audit())
    tomorrow = date.today() + timedelta(days=1)
    cases = [
        ((99, "true"), {}, "no prediction with id 99"),
        ((1, "maybe"), {}, "invalid outcome 'maybe': expected one of true, false, partial"),
        ((1, "false"), {"on": date(2025, 3, 13)}, "is before the article was published"),
        ((1, "false"), {"on": tomorrow}, "is in the future"),
        ((1, "false"), {"evidence": "the paper"}, "evidence must be an http(s) URL"),
        ((1, "false"), {"by": " "}, "who resolved it cannot be empty"),
    ]
    for args, options, message in cases:
        with pytest.raises(StoreError, match=re.escape(message)):
            store.resolve(*args, **options)  # type: ignore[arg-type]
    assert (store.predictions(), store.audit()) == before


def test_resolving_writes_the_audit_and_rescores(store: Store, harbour: Analysis) -> None:
    store.add_analyses([harbour])
    done = store.resolve(1, "partial", on=date(2026, 10, 1), by="ed")
    assert done.changed
    [card] = done.scores.authors
    assert card.name == "Marta Lindqvist"
    assert card.score.brier == pytest.approx(0.09)  # (0.8 - 0.5)²
    again = store.resolve(1, "partial", on=date(2026, 10, 1), by="someone else")
    assert not again.changed  # the same values: no audit entry
    store.resolve(1, "false", on=date(2026, 10, 2), evidence="https://example.org/x", by="al")
    audit = store.audit([1])
    assert [(a.old_outcome, a.new_outcome, a.changed_by) for a in audit] == [
        (None, "partial", "ed"),
        ("partial", "false", "al"),
    ]
    assert audit[1].old_value is not None and '"resolved_on": "2026-10-01"' in audit[1].old_value
    assert '"evidence": "https://example.org/x"' in audit[1].new_value


def test_scores_leave_out_quoted_ambiguous_and_not_due(store: Store, harbour: Analysis) -> None:
    store.add_analyses([harbour])
    store.resolve(1, "true", on=date(2026, 10, 1))
    store.resolve(2, "ambiguous", on=date(2026, 10, 1))
    store.resolve(3, "false", on=date(2026, 10, 1))  # held by a quoted speaker
    [card] = store.scores(as_of=date(2026, 12, 1)).authors
    assert (card.predictions, card.resolved, card.ambiguous, card.score.scored) == (2, 2, 1, 1)
    assert card.score.brier == pytest.approx(0.04)  # (0.8 - 1)²
    assert store.scores(as_of=date(2026, 9, 29)).authors[0].score.scored == 0  # not yet due
    assert store.scores(author="nobody").authors == ()


def test_newer_schema_is_refused_and_left_alone(db_url: str, harbour: Analysis) -> None:
    store = Store.open(db_url)
    store.add_analyses([harbour])
    with store.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    store.close()
    with pytest.raises(StoreError, match=r"schema revision '9999', newer than this oplens"):
        Store.open(db_url)
    with store.engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM documents")).scalar() == 1
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar() == (
            "9999"
        )


def test_unknown_ids_are_one_line_errors(store: Store) -> None:
    with pytest.raises(StoreError, match="no article with id 'abcd1234'"):
        store.article("abcd1234")
    with pytest.raises(StoreError, match="give at least 4 hex digits"):
        store.article("ab")
    with pytest.raises(StoreError, match="no stored document with id sha256:00"):
        store.get_analysis("sha256:00")


# Round trip: any consistent Analysis comes back from the store exactly as it went in.
TEXT = st.text(
    st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00"),
    min_size=1,
    max_size=300,
)
DAYS = st.dates(min_value=date(1990, 1, 1), max_value=date(2040, 12, 31))
SHORT = st.text(
    st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00"), max_size=20
)


S = TypeVar("S", bound=Span)


@st.composite
def analyses(draw: st.DrawFn) -> Analysis:
    text = draw(TEXT)

    def span() -> tuple[int, int, str]:
        start = draw(st.integers(0, len(text)))
        end = draw(st.integers(start, len(text)))
        return start, end, text[start:end]

    def spans(model: type[S], count: int, **extra: Any) -> list[S]:
        made = []
        for index in range(count):
            s, e, t = span()
            fields = {k: (v(index) if callable(v) else v) for k, v in extra.items()}
            made.append(model(start=s, end=e, text=t, **fields))
        return made

    def n(most: int) -> int:
        return draw(st.integers(0, most))

    body = spans(BodySpan, n(3))
    document = Document(
        id=document_id(text), text=text, body=tuple(body), published=draw(st.none() | DAYS)
    )
    authors = tuple(
        Author(name=draw(SHORT), affiliation=draw(st.none() | SHORT), role=draw(st.none() | SHORT))
        for _ in range(n(2))
    )
    predictions = tuple(
        Prediction(
            start=s,
            end=e,
            text=t,
            id=f"p{i}",
            event=draw(SHORT),
            polarity=draw(st.sampled_from(["positive", "negative"])),
            probability=draw(st.floats(0, 1)),
            horizon=draw(st.none() | st.builds(Horizon, text=st.none() | SHORT, end=DAYS)),
            holder=draw(st.sampled_from(["author", "a1"])),
        )
        for i, (s, e, t) in enumerate(span() for _ in range(n(3)))
    )
    attributions = tuple(
        Attribution(
            id=f"a{i}",
            speaker=Speaker(**dict(zip(("start", "end", "text"), span(), strict=True))),
            cue=Span(**dict(zip(("start", "end", "text"), span(), strict=True))),
            content=Span(**dict(zip(("start", "end", "text"), span(), strict=True))),
            kind=draw(st.sampled_from(["direct", "indirect", "mixed"])),
            stance=draw(st.sampled_from(["endorsed", "rejected", "neutral"])),
        )
        for i in range(n(2))
    )
    units = spans(Unit, n(3), id=lambda i: f"u{i}", role="claim", type="other")
    return Analysis(
        document=document,
        metadata=Metadata(title=draw(st.none() | SHORT), authors=authors),
        furniture=tuple(spans(Furniture, n(2), kind="share")),
        sentences=tuple(spans(Sentence, n(3), id=lambda i: f"s{i}", paragraph=0)),
        attributions=attributions,
        arguments=Arguments(units=tuple(units), thesis=units[0].id if units else None),
        predictions=predictions,
        warnings=tuple(draw(st.lists(SHORT, max_size=2))),
    )


@hypothesis_settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(analysis=analyses())
def test_round_trip_is_identical(store: Store, analysis: Analysis) -> None:
    store.add_analyses([analysis])
    assert store.get_analysis(analysis.document.id) == analysis
    article = store.article(analysis.document.id)
    if article.document_id == analysis.document.id:  # the rows come from this copy
        stored = [(p.text, p.probability, p.due) for p in article.predictions]
        given = [
            (p.text, p.probability, p.horizon.end if p.horizon else None)
            for p in analysis.predictions
        ]
        assert sorted(stored, key=str) == sorted(given, key=str)
        assert article.attributions == len(analysis.attributions)
        assert article.units == len(analysis.arguments.units)


def test_scores_in_sql_match_the_one_pass_over_rows(store: Store, harbour: Analysis) -> None:
    rng = random.Random(3)
    sentences = harbour.sentences
    records = []
    for number, name in enumerate(["Ann Lee", "Bo Chan", "Cy Diaz", "Ann Lee"]):
        record = byline(harbour.model_copy(update={"predictions": ()}), name, None, number)
        predictions = tuple(
            Prediction(
                start=s.start,
                end=s.end,
                text=s.text,
                id=f"p{i}",
                event="e",
                polarity="positive",
                probability=round(rng.random(), 2) if i else 1.0,
                horizon=Horizon(end=date(2025, rng.randrange(1, 13), 1)) if i % 4 else None,
            )
            for i, s in enumerate(sentences)
        )
        records.append(record.model_copy(update={"predictions": predictions}))
    store.add_analyses(records)
    for prediction in store.predictions():
        outcome = rng.choice(["true", "false", "partial", "ambiguous", None])
        if outcome:
            store.resolve(prediction.id, outcome, on=date(2025, 6, 1))
    as_of = date(2025, 6, 15)
    report = store.scores(as_of=as_of)
    with store.engine.connect() as connection, Session(connection) as session:
        per_author, pooled = score_by_author(score_rows(session, as_of=as_of))
    assert report.pooled.scored >= 10
    for mine, theirs in [(report.pooled, pooled)] + [
        (card.score, per_author[card.author_id]) for card in report.authors
    ]:
        assert mine.scored == theirs.scored
        for field in ("brier", "log_score", "base_rate", "base_rate_brier"):
            assert getattr(mine, field) == pytest.approx(getattr(theirs, field), abs=1e-12)
        assert [(b.lower, b.count) for b in mine.calibration] == [
            (b.lower, b.count) for b in theirs.calibration
        ]


def test_filters_by_author_id_due_after_and_due_order(store: Store, harbour: Analysis) -> None:
    store.add_analyses([harbour])
    today = date(2026, 12, 1)
    [author] = store.authors()
    assert [p.id for p in store.predictions(author_id=author.id, today=today)] == [1, 2, 3]
    assert store.predictions(author_id=author.id + 1, today=today) == []
    after = store.predictions(due_after=date(2026, 12, 31), today=today)
    assert [p.id for p in after] == [2, 3]
    soonest = store.predictions(order="due", status="open", today=today)
    assert [p.due for p in soonest] == [date(2026, 9, 30), date(2026, 12, 31), date(2027, 12, 31)]
    assert store.count_predictions(today=today) == 3
    assert store.count_predictions(status="due", today=today) == 1
    assert store.count_predictions(author="lindqv", due_after=date(2027, 1, 1), today=today) == 1
    assert store.prediction(2, today=today).text == TAKINGS
    assert store.author(author.id) == author
    with pytest.raises(StoreError, match="no author with id 99"):
        store.author(99)
    article = store.article(harbour.document.id)
    assert article.author_ids == (author.id,)
