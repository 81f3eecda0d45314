"""The ledger's one entry point: a ``Store`` over a database URL, every call a transaction.

>>> from oplens.store import Store
>>> with Store.open("sqlite:///ledger.db") as store:        # doctest: +SKIP
...     store.add_analyses(analyses)                        # one transaction per batch
...     store.predictions(status="due")
...     store.resolve(3, "false", evidence="https://example.org/news")
...     store.scores().authors[0].score.brier

Reads run in a transaction of their own, writes in ``BEGIN IMMEDIATE`` on SQLite; any
database error a user can cause comes out as a one-line ``StoreError``.
"""

from __future__ import annotations

import getpass
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime
from types import TracebackType
from typing import TypeVar

from pydantic import BaseModel, ConfigDict
from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError, IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session

from oplens.errors import StoreError
from oplens.schema import Analysis
from oplens.settings import load_settings
from oplens.store import exporting, listing, reading, resolving, scores, writing
from oplens.store.engine import one_line, open_engine, shown_url
from oplens.store.records import (
    AddResult,
    ArticleRecord,
    ArticleSummary,
    AuditRecord,
    AuthorRecord,
    ExportedArticle,
    ExportQuery,
    Order,
    PredictionRecord,
    Status,
)
from oplens.store.scores import ScoreReport

# 3 tries: a write fails on a unique key only when another process stored the same new
# article, author or first resolution at the same moment (PostgreSQL); a retry sees its rows.
_TRIES = 3
# 100 records a page: an Analysis record is 20-200 kB of JSON (the canonical example's is
# 60 kB), so a page stays well under 20 MB however large the ledger.
EXPORT_PAGE = 100
T = TypeVar("T")
K = TypeVar("K")


class Resolved(BaseModel):
    """A resolution written, and the scores of the article's authors right after it."""

    model_config = ConfigDict(frozen=True)

    prediction: PredictionRecord
    changed: bool
    scores: ScoreReport


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def os_user() -> str:
    """Return the name of the user running oplens (``unknown`` when there is none)."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


class Store:
    """The ledger in one database (SQLite file or PostgreSQL)."""

    def __init__(self, engine: Engine) -> None:
        """Wrap an engine already migrated by ``open_engine``; use ``Store.open``."""
        self.engine = engine
        self.url = shown_url(engine.url.render_as_string(hide_password=False))

    @classmethod
    def open(cls, db: str | None = None, *, create: bool = True) -> Store:
        """Open (creating or migrating) the ledger at ``db``, or the ``db`` setting.

        With ``create=False`` a database that does not exist, or holds no ledger, is an
        error rather than a new empty ledger (for commands that only read, like exports).

        Raises:
            StoreError: the database cannot be used (see ``open_engine``).
        """
        return cls(open_engine(db or load_settings().db, create=create))

    def close(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @contextmanager
    def _session(self, *, write: bool) -> Iterator[Session]:
        engine = self.engine.execution_options(oplens_write=True) if write else self.engine
        try:
            with Session(engine, expire_on_commit=False) as session, session.begin():
                yield session
        except IntegrityError:
            raise  # for _retrying to try again
        except (DBAPIError, SQLAlchemyError) as error:
            raise StoreError(f"database error in {self.url}: {one_line(error)}") from None

    def _retrying(self, work: Callable[[Session], T]) -> T:
        """Run ``work`` in a write transaction, again if a concurrent writer got in first."""
        for attempt in range(_TRIES):
            try:
                with self._session(write=True) as session:
                    return work(session)
            except IntegrityError as error:
                if attempt == _TRIES - 1:
                    raise StoreError(f"cannot write to {self.url}: {one_line(error)}") from None
        raise AssertionError("unreachable")

    def add_analyses(self, records: Iterable[Analysis]) -> list[AddResult]:
        """Store a batch of analyses in one transaction: all of them or, on error, none.

        Raises:
            StoreError: the database failed (the batch is then not stored at all).
        """
        batch = list(records)
        return self._retrying(lambda session: writing.add_analyses(session, batch, _now()))

    def add_analysis(self, record: Analysis) -> AddResult:
        """Store one analysis in its own transaction."""
        return self.add_analyses([record])[0]

    def has_documents(self, ids: Iterable[str]) -> set[str]:
        """Return those document ids that are already stored (to skip them on resume)."""
        with self._session(write=False) as session:
            return reading.has_documents(session, ids)

    def get_analysis(self, document_id: str) -> Analysis:
        """Return one stored Analysis record, identical to the one stored."""
        with self._session(write=False) as session:
            return reading.get_analysis(session, document_id)

    def predictions(
        self,
        *,
        author: str | None = None,
        author_id: int | None = None,
        due_after: date | None = None,
        due_before: date | None = None,
        status: Status | None = None,
        order: Order = "id",
        limit: int | None = None,
        offset: int = 0,
        today: date | None = None,
    ) -> list[PredictionRecord]:
        """List predictions by id or due date (``status`` due: unresolved, due date passed).

        ``author`` matches part of a name; ``author_id`` one author exactly. ``due_after``
        is inclusive, ``due_before`` exclusive.
        """
        with self._session(write=False) as session:
            return reading.list_predictions(
                session,
                today=today or date.today(),
                author=author,
                author_id=author_id,
                due_after=due_after,
                due_before=due_before,
                status=status,
                order=order,
                limit=limit,
                offset=offset,
            )

    def count_predictions(
        self,
        *,
        author: str | None = None,
        author_id: int | None = None,
        due_after: date | None = None,
        due_before: date | None = None,
        status: Status | None = None,
        today: date | None = None,
    ) -> int:
        """Count the predictions ``predictions`` lists with the same filters (for paging)."""
        with self._session(write=False) as session:
            return reading.count_predictions(
                session,
                today=today or date.today(),
                author=author,
                author_id=author_id,
                due_after=due_after,
                due_before=due_before,
                status=status,
            )

    def authors(
        self, *, ids: Sequence[int] = (), limit: int | None = None, offset: int = 0
    ) -> list[AuthorRecord]:
        """List the authors of stored articles (or those with these ids) with their counts."""
        with self._session(write=False) as session:
            return reading.list_authors(session, author_ids=ids, limit=limit, offset=offset)

    def prediction(self, prediction_id: int, *, today: date | None = None) -> PredictionRecord:
        """Return one prediction by its ledger id.

        Raises:
            StoreError: no prediction has that id.
        """
        with self._session(write=False) as session:
            return reading.get_prediction(session, prediction_id, today or date.today())

    def author(self, author_id: int) -> AuthorRecord:
        """Return one author by ledger id, with their counts.

        Raises:
            StoreError: no author has that id.
        """
        found = self.authors(ids=[author_id])
        if not found:
            raise StoreError(f"no author with id {author_id}")
        return found[0]

    def articles(
        self, *, author_id: int | None = None, limit: int | None = None, offset: int = 0
    ) -> list[ArticleSummary]:
        """List stored articles (of one author, or all), the latest stored first."""
        with self._session(write=False) as session:
            return listing.list_articles(session, author_id=author_id, limit=limit, offset=offset)

    def article(self, article_id: str, *, today: date | None = None) -> ArticleRecord:
        """Return one article by article id, document id or a unique prefix of one."""
        with self._session(write=False) as session:
            return reading.get_article(session, article_id, today or date.today())

    def audit(
        self, prediction_ids: Sequence[int] = (), *, limit: int | None = None, offset: int = 0
    ) -> list[AuditRecord]:
        """Return the changes of resolutions, oldest first."""
        with self._session(write=False) as session:
            return reading.list_audit(
                session, prediction_ids=prediction_ids, limit=limit, offset=offset
            )

    def resolve(
        self,
        prediction_id: int,
        outcome: str,
        *,
        on: date | None = None,
        evidence: str | None = None,
        note: str | None = None,
        by: str | None = None,
    ) -> Resolved:
        """Resolve a prediction and re-score its authors, in one transaction.

        Raises:
            StoreError: unknown id, invalid outcome, a date before the article or in the
                future, or evidence that is not a URL; nothing is then written.
        """
        today = date.today()
        given = resolving.ResolutionInput(outcome, on or today, evidence, note, by or os_user())

        def work(session: Session) -> tuple[bool, PredictionRecord, ScoreReport]:
            changed = resolving.resolve(session, prediction_id, given, _now(), today)
            record = reading.get_prediction(session, prediction_id, today)
            return changed, record, scores.author_scores(session, as_of=today)

        changed, record, report = self._retrying(work)
        names = set(record.authors)
        mine = tuple(card for card in report.authors if card.name in names)
        return Resolved(
            prediction=record, changed=changed, scores=report.model_copy(update={"authors": mine})
        )

    def scores(self, *, author: str | None = None, as_of: date | None = None) -> ScoreReport:
        """Score every author (or those whose name contains ``author``) as of a date."""
        with self._session(write=False) as session:
            return scores.author_scores(session, as_of=as_of or date.today(), author=author)

    def has_author(self, name: str) -> bool:
        """Tell whether a stored author's name contains ``name`` (as ``author=`` matches)."""
        with self._session(write=False) as session:
            return exporting.has_author(session, name)

    def _pages(self, read: Callable[[Session, K | None], list[tuple[K, T]]]) -> Iterator[T]:
        """Yield the items of page after page, each page read in its own transaction."""
        after: K | None = None
        while True:
            with self._session(write=False) as session:
                page = read(session, after)
            yield from (item for _, item in page)
            if not page:
                return
            after = page[-1][0]

    def export_analyses(
        self, query: ExportQuery | None = None, *, page_size: int = EXPORT_PAGE
    ) -> Iterator[Analysis]:
        """Yield every stored copy's Analysis record, page by page.

        ``query`` picks the articles (author, publication dates); all their copies come out,
        article by article, each article's copies in the order they were stored.
        """
        wanted = query or ExportQuery()
        today = wanted.today or date.today()
        return self._pages(
            lambda session, after: exporting.document_page(session, wanted, after, page_size, today)
        )

    def export_articles(
        self, query: ExportQuery | None = None, *, page_size: int = EXPORT_PAGE
    ) -> Iterator[ExportedArticle]:
        """Yield each matching article with its latest Analysis record and its predictions.

        Articles come by article id (the primary key: a page costs the same anywhere), with
        ``query.status`` only the articles with a prediction of that status, and only those
        predictions.
        """
        wanted = query or ExportQuery()
        today = wanted.today or date.today()
        return self._pages(
            lambda session, after: exporting.article_page(session, wanted, after, page_size, today)
        )
