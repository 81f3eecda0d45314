"""The ledger: analyses stored in SQLite or PostgreSQL, predictions resolved and scored.

``Store.open(url)`` creates or migrates the database; every method is one transaction.
"""

from oplens.store.api import Resolved, Store, os_user
from oplens.store.engine import database_url, head_revision
from oplens.store.records import (
    AddResult,
    ArticleRecord,
    ArticleSummary,
    AuditRecord,
    AuthorRecord,
    PredictionRecord,
    ResolutionRecord,
    SourceRecord,
)
from oplens.store.scores import AuthorScore, ScoreReport

__all__ = [
    "AddResult",
    "ArticleRecord",
    "ArticleSummary",
    "AuditRecord",
    "AuthorRecord",
    "AuthorScore",
    "PredictionRecord",
    "ResolutionRecord",
    "Resolved",
    "ScoreReport",
    "SourceRecord",
    "Store",
    "database_url",
    "head_revision",
    "os_user",
]
