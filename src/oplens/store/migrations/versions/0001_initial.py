"""The first tables: articles, documents, authors, predictions, resolutions, audit, rows.

Revision ID: 0001
Revises: (none)
Create Date: 2026-12-01 17:56:00.097060
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "articles",
        sa.Column("id", sa.String(length=71), nullable=False),
        sa.Column("body_key", sa.String(length=64), nullable=False),
        sa.Column(
            "document_id",
            sa.String(length=71),
            nullable=False,
            comment="the copy the rows come from",
        ),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("outlet", sa.Text(), nullable=True),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("body_key"),
    )
    op.create_table(
        "authors",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("affiliation", sa.Text(), nullable=True),
        sa.Column("name_key", sa.Text(), nullable=False),
        sa.Column("affiliation_key", sa.Text(), nullable=False, comment="'' when unknown"),
        sa.PrimaryKeyConstraint("id"),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_authors_key", "authors", ["name_key", "affiliation_key"], unique=True)
    op.create_table(
        "argument_units",
        sa.Column("article_id", sa.String(length=71), nullable=False),
        sa.Column("local_id", sa.String(length=32), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("type", sa.String(length=16), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("article_id", "local_id"),
    )
    op.create_table(
        "article_authors",
        sa.Column("article_id", sa.String(length=71), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(
            ["author_id"],
            ["authors.id"],
        ),
        sa.PrimaryKeyConstraint("article_id", "position"),
    )
    op.create_index(
        op.f("ix_article_authors_author_id"), "article_authors", ["author_id"], unique=False
    )
    op.create_table(
        "attributions",
        sa.Column("article_id", sa.String(length=71), nullable=False),
        sa.Column("local_id", sa.String(length=32), nullable=False),
        sa.Column("speaker", sa.Text(), nullable=False),
        sa.Column("speaker_entity", sa.String(length=32), nullable=True),
        sa.Column("cue", sa.Text(), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("content_start", sa.Integer(), nullable=False),
        sa.Column("content_end", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("stance", sa.String(length=8), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("article_id", "local_id"),
    )
    op.create_table(
        "documents",
        sa.Column("id", sa.String(length=71), nullable=False),
        sa.Column("article_id", sa.String(length=71), nullable=False),
        sa.Column("source", sa.Text(), nullable=True),
        sa.Column("site", sa.Text(), nullable=True),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("analysis", sa.Text(), nullable=False),
        sa.Column("stored_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_documents_article_id"), "documents", ["article_id"], unique=False)
    op.create_table(
        "predictions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.String(length=71), nullable=False),
        sa.Column("local_id", sa.String(length=32), nullable=False),
        sa.Column("text_key", sa.Text(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("event", sa.Text(), nullable=False),
        sa.Column("polarity", sa.String(length=8), nullable=False),
        sa.Column("probability", sa.Float(), nullable=False),
        sa.Column("cue", sa.Text(), nullable=True),
        sa.Column("horizon", sa.Text(), nullable=True),
        sa.Column("due_start", sa.Date(), nullable=True),
        sa.Column("due", sa.Date(), nullable=True),
        sa.Column("condition", sa.Text(), nullable=True),
        sa.Column("holder", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sqlite_autoincrement=True,
    )
    op.create_index(op.f("ix_predictions_due"), "predictions", ["due"], unique=False)
    op.create_index("ix_predictions_key", "predictions", ["article_id", "text_key"], unique=True)
    op.create_table(
        "resolution_audit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.String(length=71), nullable=False),
        sa.Column("text_key", sa.Text(), nullable=False),
        sa.Column("prediction_id", sa.Integer(), nullable=True),
        sa.Column("old_outcome", sa.String(length=9), nullable=True),
        sa.Column("new_outcome", sa.String(length=9), nullable=False),
        sa.Column("old_value", sa.Text(), nullable=True),
        sa.Column("new_value", sa.Text(), nullable=False),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        sa.Column("changed_by", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sqlite_autoincrement=True,
    )
    op.create_index(
        op.f("ix_resolution_audit_prediction_id"),
        "resolution_audit",
        ["prediction_id"],
        unique=False,
    )
    op.create_table(
        "resolutions",
        sa.Column("article_id", sa.String(length=71), nullable=False),
        sa.Column("text_key", sa.Text(), nullable=False),
        sa.Column(
            "prediction_id",
            sa.Integer(),
            nullable=True,
            comment="the prediction row with this text now; NULL while the analysis lacks it",
        ),
        sa.Column("outcome", sa.String(length=9), nullable=False),
        sa.Column(
            "value",
            sa.Float(),
            nullable=True,
            comment="the outcome as scored: true 1, false 0, partial 0.5, ambiguous NULL",
        ),
        sa.Column("resolved_on", sa.Date(), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("resolved_by", sa.Text(), nullable=False),
        sa.Column("resolved_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "outcome IN ('true', 'false', 'partial', 'ambiguous')", name="ck_resolutions_outcome"
        ),
        sa.ForeignKeyConstraint(["prediction_id"], ["predictions.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("article_id", "text_key"),
    )
    op.create_index(
        op.f("ix_resolutions_prediction_id"), "resolutions", ["prediction_id"], unique=False
    )


def downgrade() -> None:
    """Undo this revision."""
    op.drop_index(op.f("ix_resolutions_prediction_id"), table_name="resolutions")
    op.drop_table("resolutions")
    op.drop_index(op.f("ix_resolution_audit_prediction_id"), table_name="resolution_audit")
    op.drop_table("resolution_audit")
    op.drop_index("ix_predictions_key", table_name="predictions")
    op.drop_index(op.f("ix_predictions_due"), table_name="predictions")
    op.drop_table("predictions")
    op.drop_index(op.f("ix_documents_article_id"), table_name="documents")
    op.drop_table("documents")
    op.drop_table("attributions")
    op.drop_index(op.f("ix_article_authors_author_id"), table_name="article_authors")
    op.drop_table("article_authors")
    op.drop_table("argument_units")
    op.drop_index("ix_authors_key", table_name="authors")
    op.drop_table("authors")
    op.drop_table("articles")
