"""Print every evaluation table: ``python -m oplens.evaluation --data ../shared/data``."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

from oplens.evaluation import arguments, attributions, extraction, forecasts
from oplens.evaluation.table import DataMissingError, Table

# (name, evaluator): each stage adds its own; ``--only NAME`` runs one.
EVALUATIONS: dict[str, Callable[[Path], list[Table]]] = {
    "extraction": lambda data: [extraction.evaluate(data)],
    "attributions": lambda data: [attributions.evaluate(data)],
    "predictions": forecasts.evaluate,
    "arguments": arguments.evaluate,
}


def main(argv: list[str] | None = None) -> int:
    """Run the evaluations and print their tables; return the exit status."""
    parser = argparse.ArgumentParser(prog="python -m oplens.evaluation", description=__doc__)
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--only", choices=sorted(EVALUATIONS), action="append")
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        print(f"evaluation data not found at {args.data}: nothing to score", file=sys.stderr)
        return 1
    for name in args.only or EVALUATIONS:
        started = time.perf_counter()
        try:
            tables = EVALUATIONS[name](args.data)
        except DataMissingError as missing:
            print(f"{name}: skipped, data missing: {missing}\n")
            continue
        for table in tables:
            print(table.render())
        print(f"  ({name}: {time.perf_counter() - started:.1f} s)\n", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
