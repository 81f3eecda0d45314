"""Throughput of ``analyze`` against the bare spaCy parse of the same texts (``make bench``).

Texts: the editorials of ``../shared/data/corpus/webis-editorialsum-20`` (paragraphs joined
by blank lines), or the bundled example repeated when that data is absent. The spaCy model
is loaded before timing starts, and one warm-up batch runs first, for both sides alike.

Reports analyses per second, the bare parse rate, their ratio (aim ≥ 0.8), the share of
analysis time each stage takes, and the process's peak resident memory.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from oplens.evaluation.corpus import CORPUS, editorial_files, editorial_text  # noqa: E402
from oplens.evaluation.table import Table  # noqa: E402
from oplens.nlp import ParsedDocument, load_nlp, parse_many  # noqa: E402
from oplens.pipeline import STAGES, analyze_prepared, prepare  # noqa: E402
from oplens.schema import Analysis  # noqa: E402


def corpus_texts(data: Path, limit: int | None) -> tuple[list[str], str]:
    """Return the benchmark texts and a description of where they came from."""
    files = editorial_files(data)[:limit]
    if not files:
        example = (ROOT / "examples" / "harbour-levy.txt").read_text(encoding="utf-8")
        return [example] * (limit or 100), "the bundled example, repeated (corpus absent)"
    texts = [editorial_text(file) for file in files]
    return texts, f"{len(texts)} editorials from {data / CORPUS}"


def timed(function: Callable[[], object]) -> float:
    """Return the seconds one call of ``function`` takes."""
    started = time.perf_counter()
    function()
    return time.perf_counter() - started


def run(data: Path, limit: int | None, batch_size: int) -> list[Table]:
    """Measure and return the throughput and stage tables."""
    texts, origin = corpus_texts(data, limit)
    words = sum(len(text.split()) for text in texts)
    nlp = load_nlp()
    list(nlp.pipe(texts[:8], batch_size=batch_size))  # warm-up, untimed
    list(analyze_prepared((prepare(t) for t in texts[:8]), batch_size=batch_size))

    bare = timed(lambda: list(nlp.pipe(texts, batch_size=batch_size)))
    full = timed(lambda: list(analyze_prepared((prepare(t) for t in texts), batch_size=batch_size)))

    # The same work split by stage: prepare (ingest, furniture, metadata), parse, each stage.
    prepared: list[Analysis] = []
    prepare_time = timed(lambda: prepared.extend(prepare(t) for t in texts))
    parsed: list[ParsedDocument] = []
    parse_time = timed(
        lambda: parsed.extend(
            parse_many(((r.document, r.furniture) for r in prepared), batch_size=batch_size)
        )
    )
    stage_times: dict[str, float] = {}
    records = [
        r.model_copy(update={"sentences": p.sentences})
        for r, p in zip(prepared, parsed, strict=True)
    ]
    for name, stage in STAGES:
        started = time.perf_counter()
        records = [r.model_copy(update=stage(p, r)) for r, p in zip(records, parsed, strict=True)]
        stage_times[name] = time.perf_counter() - started
    split_total = prepare_time + parse_time + sum(stage_times.values())

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    throughput = Table(
        title=f"Throughput on {origin} ({words:,} words, batch {batch_size}, one process)",
        columns=("measure", "docs_per_s", "words_per_s", "seconds"),
        rows=(
            ("bare spaCy parse", len(texts) / bare, words / bare, bare),
            ("oplens analyze", len(texts) / full, words / full, full),
            ("ratio oplens / bare", (len(texts) / full) / (len(texts) / bare), None, None),
            ("peak memory (MB)", None, None, round(peak_mb)),
        ),
        notes=("aim: ratio ≥ 0.8",),
    )
    shares = [("prepare (ingest+furniture)", prepare_time), ("spaCy parse", parse_time)]
    shares += list(stage_times.items())
    stages = Table(
        title="Share of analysis time by stage",
        columns=("stage", "seconds", "share"),
        rows=tuple((name, seconds, seconds / split_total) for name, seconds in shares),
    )
    return [throughput, stages]


def main() -> int:
    """Parse arguments, run the benchmark, print its tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--limit", type=int, default=None, help="use the first N texts only")
    parser.add_argument("--batch-size", type=int, default=32)
    args = parser.parse_args()
    for table in run(args.data, args.limit, args.batch_size):
        print(table.render(), end="\n\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
