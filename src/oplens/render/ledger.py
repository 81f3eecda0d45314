"""Ledger records as terminal tables, CSV and JSON: what the ledger commands print."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel

from oplens.scoring import Score
from oplens.store import (
    ArticleRecord,
    AuditRecord,
    AuthorRecord,
    AuthorScore,
    PredictionRecord,
    ScoreReport,
)


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def table(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """Return rows as left-aligned columns under a header (numbers right-aligned)."""
    cells = [[("" if v is None else str(v)) for v in row] for row in rows]
    widths = [max([len(h), *(len(row[i]) for row in cells)]) for i, h in enumerate(header)]
    numeric = [all(_isnumber(row[i]) for row in rows) for i in range(len(header))]

    def line(values: Sequence[str]) -> str:
        parts = [
            v.rjust(w) if num else v.ljust(w)
            for v, w, num in zip(values, widths, numeric, strict=True)
        ]
        return "  ".join(parts).rstrip()

    return "\n".join([line(header), *(line(row) for row in cells)]) + "\n"


def _isnumber(value: Any) -> bool:
    """Numbers, numbers formatted as text, and blanks ("", "-") line up to the right."""
    if isinstance(value, bool):
        return False
    if value is None or isinstance(value, int | float) or value in ("", "-"):
        return True
    try:
        float(str(value))
    except ValueError:
        return False
    return True


def as_json(records: BaseModel | Sequence[BaseModel]) -> str:
    """Return one record or a list of records as indented JSON."""
    if isinstance(records, BaseModel):
        return records.model_dump_json(indent=2) + "\n"
    return json.dumps([r.model_dump(mode="json") for r in records], indent=2) + "\n"


def _outcome(record: PredictionRecord) -> str:
    if record.resolution is None:
        return record.status
    return f"{record.resolution.outcome} ({record.resolution.resolved_on})"


def predictions_table(records: Sequence[PredictionRecord]) -> str:
    """One line per prediction: id, due date, probability, status, author, text.

    A prediction the author quotes (held by a speaker, not scored for the author) reads
    "quoting SPEAKER: text".
    """
    if not records:
        return "no predictions match\n"
    rows = [
        (
            r.id,
            r.due.isoformat() if r.due else "-",
            f"{r.probability:.2f}",
            _outcome(r),
            _clip(", ".join(r.authors) or "-", 24),
            _clip(r.text if r.holder == "author" else f"quoting {_holder(r)}: {r.text}", 70),
        )
        for r in records
    ]
    return table(("id", "due", "p", "status", "author", "prediction"), rows)


def _holder(record: PredictionRecord) -> str:
    """Who holds a quoted prediction: the speaker, else the attribution's id."""
    return record.holder_name or record.holder


CSV_FIELDS = (
    "id",
    "article_id",
    "authors",
    "published",
    "due",
    "probability",
    "status",
    "outcome",
    "resolved_on",
    "evidence",
    "holder",
    "text",
)


def predictions_csv(records: Sequence[PredictionRecord]) -> str:
    """Predictions as CSV with a header row."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_FIELDS)
    for r in records:
        resolution = r.resolution
        writer.writerow(
            (
                r.id,
                r.article_id,
                "; ".join(r.authors),
                r.published or "",
                r.due or "",
                r.probability,
                r.status,
                resolution.outcome if resolution else "",
                resolution.resolved_on if resolution else "",
                (resolution.evidence or "") if resolution else "",
                r.holder,
                r.text,
            )
        )
    return out.getvalue()


def number(value: float | None, digits: int = 3) -> str:
    """Format a score to three decimals, or ``-`` when there is none."""
    return "-" if value is None else f"{value:.{digits}f}"


def _signed(value: float | None) -> str:
    return "-" if value is None else f"{value:+.3f}"


def _bins(score: Score) -> list[str]:
    return [
        f"    {b.lower:.1f}-{b.upper:.1f}  n={b.count:<3d} forecast {b.mean_probability:.3f}  "
        f"observed {b.observed:.3f}"
        for b in score.calibration
    ]


def scores_text(report: ScoreReport) -> str:
    """Each author's counts and scores, the pool, and each author's calibration bins."""
    if not report.authors:
        return f"no author has predictions in the ledger (as of {report.as_of})\n"
    rows: list[Sequence[Any]] = [_score_row(card) for card in report.authors]
    pooled = report.pooled
    numbers = (pooled.brier, pooled.log_score, pooled.base_rate, pooled.base_rate_brier)
    rows.append(("(pooled)", "", "", "", "", pooled.scored, *map(number, numbers), ""))
    header = ("author", "preds", "not due", "due", "resolved", "scored", "brier", "log")
    lines = [
        f"Scores as of {report.as_of} (resolved, past due, held by the author; "
        "ambiguous left out, partial = 0.5)",
        "",
        table((*header, "base rate", "base brier", "vs pool"), rows).rstrip("\n"),
    ]
    for card in report.authors:
        if card.score.calibration:
            lines += ["", f"Calibration, {card.name}:", *_bins(card.score)]
    return "\n".join(lines) + "\n"


def _score_row(card: AuthorScore) -> tuple[Any, ...]:
    score = card.score
    return (
        _clip(card.name, 28),
        card.predictions,
        card.not_due,
        card.due,
        card.resolved,
        score.scored,
        number(score.brier),
        number(score.log_score),
        number(score.base_rate),
        number(score.base_rate_brier),
        _signed(card.brier_vs_pooled),
    )


def authors_table(records: Sequence[AuthorRecord]) -> str:
    """One line per author: id, name, affiliation and counts."""
    if not records:
        return "no authors in the ledger\n"
    rows = [
        (a.id, a.name, _clip(a.affiliation or "-", 44), a.articles, a.predictions, a.resolved)
        for a in records
    ]
    return table(("id", "name", "affiliation", "articles", "predictions", "resolved"), rows)


def article_text(article: ArticleRecord) -> str:
    """An article's details, its copies, and its predictions."""
    lines = [
        f"Article:    {article.id}",
        f"Title:      {article.title or '(none)'}",
        f"Authors:    {', '.join(article.authors) or '(not found)'}",
        f"Outlet:     {article.outlet or '(unknown)'}",
        f"Published:  {article.published or '(unknown)'}",
        f"Found in:   {article.attributions} attributions, {article.units} argument units, "
        f"{len(article.predictions)} predictions",
        "",
        f"Copies ({len(article.sources)}):",
    ]
    for source in article.sources:
        latest = "  (latest analysis)" if source.document_id == article.document_id else ""
        where = ", ".join(p for p in (source.source, source.site) if p) or "(no source)"
        lines.append(f"  {source.document_id[:19]}…  {where}{latest}")
    if article.predictions:
        lines += ["", "Predictions:", predictions_table(article.predictions).rstrip("\n")]
    return "\n".join(lines) + "\n"


def audit_table(records: Sequence[AuditRecord]) -> str:
    """One line per change of a resolution: when, who, old and new outcome."""
    if not records:
        return "no resolutions have been changed\n"
    rows = [
        (
            r.id,
            r.prediction_id,
            r.changed_at.strftime("%Y-%m-%d %H:%M:%S"),
            r.changed_by,
            r.old_outcome or "-",
            r.new_outcome,
            json.loads(r.new_value)["resolved_on"],
        )
        for r in records
    ]
    return table(("change", "prediction", "when (UTC)", "by", "old", "new", "resolved on"), rows)
