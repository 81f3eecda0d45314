"""Ledger speed (``make bench``): analyses stored per second, and ``oplens scores`` on 100k.

1. Already-computed analyses (the example op-ed, varied so each is a new article, with
   its six predictions, four attributions and fifteen argument units) stored with
   ``Store.add_analyses`` in batches of 100, into a new SQLite file and, when
   ``OPLENS_TEST_POSTGRES_URL`` is set, a new PostgreSQL schema.
   Aim: at least 200 analyses per second.
2. ``oplens scores`` over 100,000 synthetic predictions (2,000 authors, 20,000 articles,
   about 60 % resolved), bulk-inserted straight into the tables: the time of the library
   call, and of the whole ``oplens scores`` process (Python start-up and imports included).
   Aim: under 1 s.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import insert, text  # noqa: E402
from tests.conftest import EXAMPLE, EXAMPLE_PUBLISHED, analysis_of  # noqa: E402

from oplens import Analysis  # noqa: E402
from oplens.evaluation.table import Table  # noqa: E402
from oplens.schema import BodySpan, document_id  # noqa: E402
from oplens.scoring import OUTCOME_VALUES  # noqa: E402
from oplens.store import Store  # noqa: E402
from oplens.store.engine import scratch_schema  # noqa: E402
from oplens.store.tables import (  # noqa: E402
    Article,
    ArticleAuthor,
    AuthorRow,
    PredictionRow,
    Resolution,
)

POSTGRES_ENV = "OPLENS_TEST_POSTGRES_URL"
BATCH = 100


def variants(count: int) -> list[Analysis]:
    """``count`` distinct analyses of the example (a postscript added), as the stages made it."""
    base = analysis_of(EXAMPLE, EXAMPLE_PUBLISHED)
    out = []
    for number in range(count):
        note = f"Postscript {number}: the council meets again."
        text = base.document.text + "\n\n" + note
        start = len(text) - len(note)
        body = (*base.document.body, BodySpan(start=start, end=len(text), text=note))
        document = base.document.model_copy(
            update={"id": document_id(text), "text": text, "body": body}
        )
        out.append(base.model_copy(update={"document": document}))
    return out


@contextmanager
def databases(folder: Path) -> Iterator[list[tuple[str, str | None]]]:
    """(name, URL or None when unavailable) for SQLite and PostgreSQL, cleaned up after."""
    sqlite = ("SQLite", f"sqlite:///{folder / 'bench.db'}")
    base = os.environ.get(POSTGRES_ENV)
    if not base:
        yield [sqlite, ("PostgreSQL", None)]
        return
    with scratch_schema(base, "bench") as url:
        yield [sqlite, ("PostgreSQL", url)]


def store_rate(url: str, records: list[Analysis]) -> float:
    """Analyses stored per second, in batches of ``BATCH``, into a new ledger."""
    with Store.open(url) as store:
        store.add_analyses(records[:10])  # warm-up: connections, statement caches
        rest = records[10:]
        started = time.perf_counter()
        for start in range(0, len(rest), BATCH):
            store.add_analyses(rest[start : start + BATCH])
        return len(rest) / (time.perf_counter() - started)


def synthetic_ledger(url: str, predictions: int, seed: int = 7) -> None:
    """Fill a new ledger with ``predictions`` predictions, 5 per article, 10 articles each."""
    rng = random.Random(seed)
    now = datetime(2026, 1, 1)
    articles = predictions // 5
    authors = max(articles // 10, 1)
    with Store.open(url) as store, store.engine.begin() as connection:
        connection.execute(
            insert(AuthorRow),
            [
                {"name": f"Author {a}", "name_key": f"author {a}", "affiliation_key": ""}
                for a in range(authors)
            ],
        )
        ids = [f"sha256:{n:064x}" for n in range(articles)]
        connection.execute(
            insert(Article),
            [
                {"id": i, "body_key": i[7:], "document_id": i, "added_at": now, "updated_at": now}
                for i in ids
            ],
        )
        author_ids = list(connection.execute(text("SELECT id FROM authors")).scalars())
        connection.execute(
            insert(ArticleAuthor),
            [
                {"article_id": i, "position": 0, "author_id": author_ids[n % authors]}
                for n, i in enumerate(ids)
            ],
        )
        rows, resolutions = [], []
        for n in range(predictions):
            article, key = ids[n // 5], f"prediction {n}"
            due = date(2020, 1, 1) + timedelta(days=rng.randrange(3000))
            rows.append(
                {"article_id": article, "local_id": f"p{n % 5}", "text_key": key, "start": 0}
                | {"end": 1, "text": key, "event": key, "polarity": "positive", "holder": "author"}
                | {"probability": rng.random(), "due": due}
            )
            if rng.random() < 0.6:
                outcome = rng.choice(["true", "false", "partial", "ambiguous"])
                resolutions.append(
                    {"article_id": article, "text_key": key, "resolved_by": "bench"}
                    | {"outcome": outcome, "value": OUTCOME_VALUES.get(outcome)}
                    | {"resolved_on": date(2025, 1, 1), "resolved_at": now}
                )
        connection.execute(insert(PredictionRow), rows)
        connection.execute(insert(Resolution), resolutions)
        connection.execute(
            text(
                "UPDATE resolutions SET prediction_id = (SELECT p.id FROM predictions p WHERE "
                "p.article_id = resolutions.article_id AND p.text_key = resolutions.text_key)"
            )
        )
        # A ledger in use has its statistics: PostgreSQL's autovacuum gathers them, and the
        # planners need them to pick hash joins over 100,000 rows (0.6 s without, 0.24 s with).
        connection.execute(text("ANALYZE"))


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def scores_times(url: str) -> tuple[float, float, float, float]:
    """Wall and CPU seconds of ``Store.scores()`` in process and of ``oplens scores``.

    CPU time is this process's (or the child's) own: on a machine shared with other work it
    is what the command costs, where wall time also counts waiting for a core. A PostgreSQL
    server's CPU is in neither.
    """
    with Store.open(url) as store:
        store.scores()  # warm-up
        started, cpu = time.perf_counter(), time.process_time()
        report = store.scores(as_of=date(2026, 1, 1))
        library, library_cpu = time.perf_counter() - started, time.process_time() - cpu
    assert report.pooled.scored > 0
    started, cpu = time.perf_counter(), _children_cpu()
    subprocess.run(
        [sys.executable, "-m", "oplens.cli", "scores", "--db", url, "--as-of", "2026-01-01"],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return library, library_cpu, time.perf_counter() - started, _children_cpu() - cpu


def run(count: int, predictions: int) -> list[Table]:
    """Measure and return the two tables."""
    records = variants(count + 10)
    stored: list[tuple[str | float | int | None, ...]] = []
    scored: list[tuple[str | float | int | None, ...]] = []
    notes: list[str] = []
    with tempfile.TemporaryDirectory() as folder, databases(Path(folder)) as found:
        for name, url in found:
            if url is None:
                notes.append(f"{name} skipped: {POSTGRES_ENV} is not set")
                continue
            stored.append((name, store_rate(url, records), count))
            ledger = url.replace("bench.db", "scores.db") if name == "SQLite" else url
            if name == "PostgreSQL":
                with Store.open(url) as store, store.engine.begin() as connection:
                    for table in ("resolutions", "predictions", "article_authors", "documents"):
                        connection.execute(text(f"DELETE FROM {table}"))
                    connection.execute(text("DELETE FROM articles"))
                    connection.execute(text("DELETE FROM authors"))
            synthetic_ledger(ledger, predictions)
            scored.append((name, predictions, *scores_times(ledger)))
    return [
        Table(
            title=f"Analyses stored per second (already computed, batches of {BATCH})",
            columns=("database", "analyses_per_s", "analyses"),
            rows=tuple(stored),
            notes=("aim: ≥ 200 analyses/s", *notes),
        ),
        Table(
            title="oplens scores over synthetic predictions",
            columns=(
                "database",
                "predictions",
                "library_s",
                "library_cpu_s",
                "command_s",
                "command_cpu_s",
            ),
            rows=tuple(scored),
            notes=(
                "aim: < 1 s; command: a whole `oplens scores` process, start-up included",
                f"load average when done: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores",
            ),
        ),
    ]


def main() -> int:
    """Parse arguments, run the benchmark, print its tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--analyses", type=int, default=1000)
    parser.add_argument("--predictions", type=int, default=100_000)
    args = parser.parse_args()
    for table in run(args.analyses, args.predictions):
        print(table.render(), end="\n\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
