"""Web UI speed (``make bench``): the article page and the prediction queue, server time.

1. The article page of a 2,000-word op-ed (the example op-eds' paragraphs, numbered, to
   2,000 words), with the predictions, attributions and argument units the stages find in
   it; the analysis is done and stored first, and not timed. Aim: p95 under 200 ms.
2. The prediction queue over 10,000 synthetic predictions (2,000 articles, 200 authors,
   about 60 % resolved): pages of 50 through the whole queue, by status and by author.
   Aim: p95 under 300 ms.

Each request goes through the whole ASGI app in process (routing, the ledger's queries,
the templates), without a network or a browser: the server's own time.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Starlette's test client warns that it will move to httpx2; the timing is the same.
warnings.filterwarnings("ignore", message="Using `httpx`")
sys.path.insert(0, str(ROOT))

from fastapi.testclient import TestClient  # noqa: E402
from tests.conftest import EXAMPLE, MILLER  # noqa: E402

from oplens import analyze  # noqa: E402
from oplens.evaluation.table import Table  # noqa: E402
from oplens.schema import Analysis  # noqa: E402
from oplens.settings import load_settings  # noqa: E402
from oplens.store import Store  # noqa: E402
from oplens.web import create_app  # noqa: E402
from store import synthetic_ledger  # noqa: E402  (benchmarks/store.py, beside this file)

WORDS = 2_000
TODAY = date(2026, 12, 1)


def long_article() -> Analysis:
    """An analysed op-ed of about 2,000 words: the example op-eds' paragraphs, numbered."""
    sources = [p for p in (MILLER, EXAMPLE) if p.exists()]
    paragraphs = [
        block.strip()
        for source in sources
        for block in source.read_text(encoding="utf-8").split("\n\n")
        if len(block.split()) > 20
    ]
    out: list[str] = []
    number = 0
    while sum(len(p.split()) for p in out) < WORDS + 50:  # a few words go as furniture
        number += 1
        out.append(f"{number}. {paragraphs[number % len(paragraphs)]}")
    return analyze("\n\n".join(out), published="2025-01-01")


def timed(get: Callable[[], int], runs: int) -> list[float]:
    """Milliseconds of ``runs`` calls (after three to warm up); each must answer 200."""
    for _ in range(3):
        assert get() == 200
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        status = get()
        times.append((time.perf_counter() - started) * 1000)
        assert status == 200
    return times


def p95(times: list[float]) -> float:
    return statistics.quantiles(times, n=20)[-1]


def client(db: str) -> TestClient:
    store = Store.open(db)
    return TestClient(create_app(load_settings(environ={}, db=db), store, today=lambda: TODAY))


def run(runs: int, predictions: int) -> Table:
    """Measure both pages and return the table."""
    rows: list[tuple[str | float | int | None, ...]] = []
    with tempfile.TemporaryDirectory() as folder:
        article_db = f"sqlite:///{Path(folder) / 'article.db'}"
        record = long_article()
        with Store.open(article_db) as store:
            added = store.add_analysis(record)
        web = client(article_db)
        words = sum(len(p.text.split()) for p in record.document.body)
        times = timed(lambda: web.get(f"/articles/{added.article_id}").status_code, runs)
        rows.append(
            (
                f"article page, {words:,} words, {len(record.predictions)} predictions",
                runs,
                statistics.median(times),
                p95(times),
                200,
            )
        )

        queue_db = f"sqlite:///{Path(folder) / 'queue.db'}"
        synthetic_ledger(queue_db, predictions)
        web = client(queue_db)
        pages = predictions // 50
        queries = [
            f"/predictions?status=all&order=id&page={1 + (n * 37) % pages}" for n in range(runs)
        ]
        queries += [f"/predictions?status=due&page={1 + n % 20}" for n in range(runs)]
        queries += [f"/predictions?status=open&author=Author%20{n % 200}" for n in range(runs)]
        queries += [f"/predictions?status=overdue&page={1 + n % 10}" for n in range(runs)]
        cycle = iter(queries * 2)
        times = timed(lambda: web.get(next(cycle)).status_code, len(queries))
        rows.append(
            (
                f"predictions page, {predictions:,} predictions, 50 a page",
                len(queries),
                statistics.median(times),
                p95(times),
                300,
            )
        )
    return Table(
        title="Web pages: server time per request (in process, ASGI)",
        columns=("page", "requests", "p50_ms", "p95_ms", "aim_p95_ms"),
        rows=tuple(rows),
        notes=(
            "analysis excluded (done and stored before timing); SQLite ledger",
            f"load average when done: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores",
        ),
    )


def main() -> int:
    """Parse arguments, run the benchmark, print its table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=60)
    parser.add_argument("--predictions", type=int, default=10_000)
    args = parser.parse_args()
    print(run(args.runs, args.predictions).render(), end="\n\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
