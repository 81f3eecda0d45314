"""``oplens batch``: analyse archives into the ledger, with progress and a summary."""

from __future__ import annotations

import os
import sys
import time
from datetime import timedelta
from pathlib import Path

import click
from tqdm import tqdm

from oplens.batch import PARTITION_BYTES, BatchOptions, Progress, run_batch
from oplens.batch.work import batch_settings
from oplens.cli.common import errors_as_one_line
from oplens.cli.ledger import db_option
from oplens.settings import DEFAULT_MAX_BYTES

# Seconds between progress lines when stderr is not a terminal (a log file, a CI job):
# often enough to see a run is alive, rare enough that a day-long run logs under 3,000.
LOG_EVERY_S = 30.0


def _duration(seconds: float) -> str:
    return str(timedelta(seconds=round(seconds)))


def _rate(progress: Progress) -> float:
    done = progress.analysed + progress.imported + progress.skipped + progress.failed
    return done / progress.elapsed if progress.elapsed > 0 else 0.0


def _counts(progress: Progress) -> str:
    return (
        f"{progress.analysed + progress.imported:,} analysed, {progress.skipped:,} skipped, "
        f"{progress.failed:,} failed"
    )


def progress_line(progress: Progress) -> str:
    """One log line: share of the input done, counts, rate, and the time left."""
    share = progress.done_bytes / progress.total_bytes if progress.total_bytes else 1.0
    left = progress.elapsed * (1 - share) / share if share > 0 else 0.0
    return (
        f"oplens: batch: {share:.0%} of {progress.total_bytes / 1e6:,.1f} MB, "
        f"{_counts(progress)}, {_rate(progress):.1f} articles/s, ETA {_duration(left)}"
    )


def summary_lines(progress: Progress) -> list[str]:
    """The summary printed at the end of a batch."""
    imported = f" ({progress.imported:,} of them Analysis records stored as given)"
    lines = [
        f"{progress.analysed + progress.imported:,} analysed"
        + (imported if progress.imported else "")
        + f", {progress.skipped:,} skipped (already stored), {progress.failed:,} failed"
        + (f" (see {progress.failures_file})" if progress.failures_file else ""),
        f"{_duration(progress.elapsed)} for {progress.partitions:,} "
        f"partition{'' if progress.partitions == 1 else 's'}, {_rate(progress):.1f} articles/s",
    ]
    if progress.workers:
        peak = max(progress.workers.values())
        count = len(progress.workers)
        lines.append(
            f"{count} worker{'' if count == 1 else 's'}, peak memory per worker {peak:,.0f} MB"
        )
    if progress.ignored_files:
        files = (
            "1 file in the input folders was"
            if progress.ignored_files == 1
            else (f"{progress.ignored_files:,} files in the input folders were")
        )
        lines.append(f"{files} not read (not .txt, .html, .htm, .jsonl, .warc or their .gz)")
    return lines


class Reporter:
    """Show progress: a bar with rate and ETA on a terminal, else a line every 30 s."""

    def __init__(self) -> None:
        """Decide on the bar or the log lines from whether stderr is a terminal."""
        self.bar: tqdm | None = None
        self.terminal = sys.stderr.isatty()
        self.logged = time.monotonic()

    def __call__(self, progress: Progress) -> None:
        """Show the progress after one more partition."""
        if self.terminal:
            if self.bar is None:
                self.bar = tqdm(
                    total=progress.total_bytes,
                    unit="B",
                    unit_scale=True,
                    file=sys.stderr,
                    bar_format="{percentage:3.0f}%|{bar}| {n_fmt}B/{total_fmt}B "
                    "[{elapsed}<{remaining}]{postfix}",
                )
            self.bar.update(progress.done_bytes - self.bar.n)
            self.bar.set_postfix_str(f"{_counts(progress)}, {_rate(progress):.1f} articles/s")
        elif time.monotonic() - self.logged >= LOG_EVERY_S:
            self.logged = time.monotonic()
            click.echo(progress_line(progress), err=True)

    def close(self) -> None:
        """End the bar."""
        if self.bar is not None:
            self.bar.close()


@click.command("batch")
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@db_option
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    help="Local worker processes [default: one per CPU core].",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="Run on the Dask cluster of this scheduler (tcp://host:8786); needs PostgreSQL.",
)
@click.option(
    "--resume/--no-resume",
    default=True,
    show_default=True,
    help="Skip articles already stored (by document id, before the parse).",
)
@click.option(
    "--failures",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write failures here: JSON lines, or TSV if it ends in .tsv "
    "[default: oplens-failures.jsonl, made only if something fails].",
)
@click.option(
    "--max-bytes",
    type=click.IntRange(min=1),
    help=f"Largest article (file, line, response) accepted [default: {DEFAULT_MAX_BYTES:,}].",
)
@click.option(
    "--partition-bytes",
    type=click.IntRange(min=1),
    default=PARTITION_BYTES,
    show_default=True,
    help="Input bytes per task (a group of files or a slice of a JSONL or WARC.gz file).",
)
@errors_as_one_line
def batch_command(
    inputs: tuple[str, ...],
    db: str | None,
    workers: int | None,
    scheduler: str | None,
    resume: bool,
    failures: Path | None,
    max_bytes: int | None,
    partition_bytes: int,
) -> None:
    """Analyse every article in folders (.txt, .html, .htm, and .gz), JSONL files (one
    article per line: text or html, and url, published, title, author; or an Analysis
    record) and WARC files (HTML responses), and store them in the ledger.

    Articles already stored are skipped, so a run that was stopped finishes the rest when
    started again. A record that cannot be read or analysed is written to the failures
    file (input, record, reason) and the rest go on.

    \b
    Example:
      oplens batch examples --db ledger.db

    \b
    On a Dask cluster (every worker sees the inputs at the same paths):
      oplens batch /data/cc-news/ --scheduler tcp://10.0.0.5:8786 --db postgresql://oplens@db/oplens
    """
    if workers is not None and scheduler is not None:
        raise click.UsageError(
            "--workers sets local processes; a Dask cluster has its own (dask worker --nworkers N)"
        )
    settings = batch_settings(db=db, max_bytes=max_bytes)
    options = BatchOptions(db=settings.db, resume=resume, settings=settings)
    reporter = Reporter()
    try:
        progress = run_batch(
            inputs,
            options,
            workers=workers or len(os.sched_getaffinity(0)),
            scheduler=scheduler,
            failures=failures,
            partition_bytes=partition_bytes,
            on_progress=reporter,
        )
    finally:
        reporter.close()
    for line in summary_lines(progress):
        click.echo(line)
