"""Export speed and memory (``make bench``): each format over a small and a 10x larger ledger.

Ledgers of N distinct articles (the example op-ed with a numbered postscript, its real
analysis: 6 predictions, 4 attributions, 15 units; 200 predictions resolved) are
built in SQLite files, then ``oplens export --format F --db ... -o FILE`` runs as its own
process for each format. Reported: wall time, the process's CPU time and its peak resident
memory, and the CPU per article from the difference between the two ledgers (start-up and
imports cancel out). Memory must not grow with the ledger (exports page through it, 100
articles a page): the aim is a peak for the large ledger within 10 % of the small one's.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.conftest import EXAMPLE, EXAMPLE_PUBLISHED, analysis_of  # noqa: E402
from tests.export_cases import variant  # noqa: E402

from oplens.evaluation.table import Table  # noqa: E402
from oplens.store import Store  # noqa: E402

FORMATS = ("jsonl", "csv", "xaif", "claimreview")
BATCH = 100
# Resolutions are written one transaction each, re-scoring the author: a fixed 200 keeps
# building the large ledger to a minute and still fills two pages of ClaimReview articles.
RESOLVED = 200
OPLENS = (sys.executable, "-m", "oplens.cli")


def build(path: Path, count: int) -> None:
    """A ledger of ``count`` articles; 200 predictions, spread over it, resolved."""
    base = analysis_of(EXAMPLE, EXAMPLE_PUBLISHED)
    with Store.open(str(path)) as store:
        for start in range(0, count, BATCH):
            store.add_analyses(variant(base, n) for n in range(start, min(count, start + BATCH)))
        every = max(1, count * len(base.predictions) // RESOLVED)
        for record in store.predictions()[::every][:RESOLVED]:
            store.resolve(record.id, "true", on=date(2025, 6, 1), by="bench")


def measure(db: Path, fmt: str, target: Path) -> tuple[float, float, float]:
    """Run one export process; return wall seconds, CPU seconds and peak RSS in MB."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(
        [*OPLENS, "export", "--format", fmt, "--db", str(db), "-o", str(target)],
        check=True,
        capture_output=True,
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, after.ru_maxrss / 1024


def _isolated(db: Path, fmt: str, target: Path) -> tuple[float, float, float]:
    """Measure in a child Python, so that ``ru_maxrss`` of children is this export's own."""
    done = subprocess.run(
        [sys.executable, __file__, "--one", str(db), fmt, str(target)],
        check=True,
        capture_output=True,
        text=True,
    )
    wall, cpu, peak = (float(x) for x in done.stdout.split())
    return wall, cpu, peak


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--small", type=int, default=2000)
    parser.add_argument("--large", type=int, default=20000)
    parser.add_argument(
        "--one", nargs=3, metavar=("DB", "FORMAT", "TARGET"), help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    if args.one:
        print(*measure(Path(args.one[0]), args.one[1], Path(args.one[2])))
        return 0
    rows: list[tuple[str | float | int | None, ...]] = []
    peaks: dict[tuple[str, int], float] = {}
    cpus: dict[tuple[str, int], float] = {}
    with tempfile.TemporaryDirectory() as folder:
        for count in (args.small, args.large):
            db = Path(folder) / f"ledger-{count}.db"
            build(db, count)
            for fmt in FORMATS:
                wall, cpu, peak = _isolated(db, fmt, Path(folder) / f"out-{count}.{fmt}")
                peaks[fmt, count] = peak
                cpus[fmt, count] = cpu
                rows.append((fmt, count, wall, cpu, round(peak)))
    worst = max(peaks[f, args.large] / peaks[f, args.small] for f in FORMATS)
    extra = args.large - args.small
    rates = ", ".join(
        f"{f} {1000 * (cpus[f, args.large] - cpus[f, args.small]) / extra:.2f}" for f in FORMATS
    )
    table = Table(
        title="oplens export (one process each, SQLite)",
        columns=("format", "articles", "wall s", "CPU s", "peak MB"),
        rows=tuple(rows),
        notes=(
            f"CPU ms per article, from the difference of the two ledgers: {rates}",
            f"peak memory, large / small ledger: at most {worst:.2f} (aim: at most 1.10)",
        ),
    )
    print(table.render())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
