"""Batch throughput (``make bench``): 1 and 2 local workers, a 2-worker LocalCluster, bare spaCy.

The editorials of ``../shared/data/corpus/webis-editorialsum-20`` (the texts
``benchmarks/run.py`` uses) are written as .txt files into a temporary folder, and
``oplens batch`` reads them from there, as it would an archive. Each engine's run goes into
a new database: SQLite for the local pool, a new PostgreSQL schema for the Dask cluster
(skipped with a message when ``OPLENS_TEST_POSTGRES_URL`` is not set).

A run's wall time includes starting the workers and loading spaCy in each; a run over one
short article measures that start-up, and "articles/s" is the rate without it (the number
that matters over an archive). The bare parse is ``nlp.pipe`` over the same texts in this
process, after the engines; "cpu_ms_per_article" is the CPU time the workers (or this
process) spent per article, which contention for the cores inflates far less than wall time.
Peak memory is the resident-memory high-water mark of each worker process, as the workers
report it. Aims: 2 workers ≥ 1.7 × one worker; one worker ≥ 0.7 × the bare parse;
≤ 600 MB per worker. The load average is printed with the results, since other jobs on the
machine take cores from the workers.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))


from oplens.batch import BatchOptions, Progress, run_batch  # noqa: E402
from oplens.evaluation.table import Table  # noqa: E402
from oplens.nlp import load_nlp  # noqa: E402
from oplens.store.engine import scratch_schema  # noqa: E402
from run import corpus_texts  # noqa: E402

POSTGRES_ENV = "OPLENS_TEST_POSTGRES_URL"
SHORT = "Jane Doe said the plan will fail. She is wrong, and the council knows it."


def write_texts(folder: Path, texts: list[str]) -> None:
    """Write each text as its own .txt file."""
    folder.mkdir(parents=True)
    for number, body in enumerate(texts):
        (folder / f"{number:04d}.txt").write_text(body, encoding="utf-8")


Row = tuple[str | float | int | None, ...]
COLUMNS = (
    "engine",
    "articles_per_s",
    "wall_s",
    "startup_s",
    "cpu_ms_per_article",
    "peak_worker_mb",
    "load_1min",
)


def timed(run: Callable[[], Progress]) -> tuple[Progress, float]:
    """Run a batch; return its progress and wall seconds."""
    started = time.perf_counter()
    progress = run()
    return progress, time.perf_counter() - started


def engine_row(
    name: str, count: int, full: tuple[Progress, float], startup: float, load: float, *, warm: bool
) -> Row:
    """One table row: the rate without start-up (``warm``: the run had none), wall time,
    start-up, the workers' CPU time per article, and the busiest worker's peak memory."""
    progress, seconds = full
    assert progress.analysed == count and progress.failed == 0, progress
    rate = count / (seconds if warm else seconds - startup)
    peak = round(max(progress.workers.values()))
    return (name, rate, seconds, startup, 1000 * progress.cpu_s / count, peak, load)


def local_rows(folder: Path, short: Path, tmp: Path, count: int) -> list[Row]:
    """Rows for one and two local workers; each run starts its own pool and loads spaCy."""
    rows = []
    for workers in (1, 2):
        load = os.getloadavg()[0]
        short_db = BatchOptions(db=str(tmp / f"short-{workers}.db"))
        full_db = BatchOptions(db=str(tmp / f"full-{workers}.db"))
        _, startup = timed(partial(run_batch, [str(short)], short_db, workers=workers))
        full = timed(partial(run_batch, [str(folder)], full_db, workers=workers))
        name = f"local, {workers} worker{'s' if workers > 1 else ''}"
        rows.append(engine_row(name, count, full, startup, load, warm=False))
    return rows


def dask_row(folder: Path, short: Path, count: int) -> Row | str:
    """The row for a 2-worker LocalCluster into PostgreSQL, or why it was not measured."""
    base = os.environ.get(POSTGRES_ENV)
    if not base:
        return f"{POSTGRES_ENV} is not set: the Dask engine (PostgreSQL only) was not measured"
    from distributed import LocalCluster

    with (
        LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=":0",
        ) as cluster,
        scratch_schema(base, "bench") as db,
    ):
        options = BatchOptions(db=db)
        address = cluster.scheduler_address
        load = os.getloadavg()[0]
        # The short run registers the plugin, which loads spaCy on each worker; the full
        # run then starts warm. 100 KB partitions: about 20 editorials per task, so both
        # workers stay busy to the end of a 266-article run.
        _, startup = timed(lambda: run_batch([str(short)], options, scheduler=address))
        full = timed(
            lambda: run_batch([str(folder)], options, scheduler=address, partition_bytes=100_000)
        )
        return engine_row("Dask LocalCluster, 2 workers", count, full, startup, load, warm=True)


def bare_row(texts: list[str], label: str) -> Row:
    """``nlp.pipe`` alone over the texts, in this process: documents per second, CPU time."""
    nlp = load_nlp()
    list(nlp.pipe(texts[:8], batch_size=8))  # warm-up, untimed
    load = os.getloadavg()[0]
    wall, cpu = time.perf_counter(), time.process_time()
    list(nlp.pipe(texts, batch_size=8))
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return (
        f"bare spaCy parse, {label}",
        len(texts) / wall,
        wall,
        None,
        1000 * cpu / len(texts),
        None,
        load,
    )


def run(data: Path, limit: int | None) -> Table:
    """Measure every engine, then the bare parse, and return the table."""
    texts, origin = corpus_texts(data, limit)
    load = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="oplens-bench-batch-") as name:
        tmp = Path(name)
        write_texts(tmp / "corpus", texts)
        write_texts(tmp / "short", [SHORT])
        rows = local_rows(tmp / "corpus", tmp / "short", tmp, len(texts))
        parent_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        dask = dask_row(tmp / "corpus", tmp / "short", len(texts))
    # The bare parse runs last, so that the batch parent's memory is measured before this
    # process loads spaCy itself.
    rows.insert(0, bare_row(texts, "one process"))
    notes = [dask] if isinstance(dask, str) else []
    if not isinstance(dask, str):
        rows.append(dask)
    bare, one, two = (float(row[1] or 0.0) for row in rows[:3])
    bare_cpu, one_cpu = (float(row[4] or 0.0) for row in rows[:2])
    after = os.getloadavg()
    notes += [
        f"2 workers / 1 worker: {two / one:.2f} (aim ≥ 1.7); 1 worker / bare parse: "
        f"{one / bare:.2f} in articles/s, {bare_cpu / one_cpu:.2f} in CPU time per article "
        "(aim ≥ 0.7); peak memory per worker: aim ≤ 600 MB",
        f"the batch process itself (the local engine's parent) peaked at {parent_mb:.0f} MB",
        f"load average (1, 5, 15 min) before: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}, "
        f"after: {after[0]:.2f} {after[1]:.2f} {after[2]:.2f}, on {os.cpu_count()} cores",
    ]
    return Table(
        title=f"Batch throughput on {origin}, read from .txt files",
        columns=COLUMNS,
        rows=tuple(rows),
        notes=tuple(notes),
    )


def main() -> int:
    """Parse arguments, run the benchmark, print its table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--limit", type=int, default=None, help="use the first N texts only")
    args = parser.parse_args()
    print(run(args.data, args.limit).render(), end="\n\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
