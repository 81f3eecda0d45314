"""The ledger scenario of the README, run by the tests on SQLite and PostgreSQL.

Three articles by three authors are added, the open predictions listed, three resolved
(and one resolution corrected), the scores printed, the first article re-added (its
resolution survives) and the audit trail shown. ``python -m tests.scenario [--db URL]``
prints every command with its real output, as quoted in the README.

The first article is the canonical example (``../shared/examples/miller-soleimani.txt``)
when it is there, else ``tests/fixtures/reservoir-plan.txt``; then the project's example
and ``tests/fixtures/transit-fares.txt``. Both variants give the same numbers.

Until the prediction stage lands, ``STAND_IN_PREDICTIONS`` adds predictions by hand: spans
of the real analyses with fixed probabilities and due dates, so that the scores can be
checked by hand. Once the stage is in, set it to False: the articles are then added as
text and the stage's own predictions are used (the expected numbers in
``tests/test_scenario.py`` then need redoing by hand).
"""

from __future__ import annotations

import argparse
import shlex
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from click.testing import CliRunner

from oplens import Analysis
from oplens.cli import main
from oplens.schema import Horizon, Prediction
from tests.conftest import EXAMPLE, MILLER, analysis_of

STAND_IN_PREDICTIONS = True
FIXTURES = Path(__file__).resolve().parent / "fixtures"
AS_OF = "2026-12-01"  # scores and "due" judged on this day, so the output never drifts


@dataclass(frozen=True)
class StandIn:
    """A stand-in prediction: a phrase of the article, its probability and due date."""

    phrase: str
    probability: float
    due: date


@dataclass(frozen=True)
class ArticleCase:
    """One article of the scenario and the stand-in predictions it gets."""

    path: Path
    published: str
    predictions: tuple[StandIn, ...]


MILLER_CASE = ArticleCase(
    MILLER,
    "2020-01-03",
    (
        StandIn("We have now entered open season for Iranian attacks", 0.7, date(2020, 6, 30)),
        StandIn("it will accelerate severe and consequential actions", 0.8, date(2020, 12, 31)),
        StandIn("The US position in Iraq may become untenable", 0.4, date(2021, 1, 3)),
    ),
)
RESERVOIR_CASE = ArticleCase(
    FIXTURES / "reservoir-plan.txt",
    "2024-09-10",
    (
        StandIn("bills will probably rise within two years", 0.7, date(2026, 9, 10)),
        StandIn("construction costs will very likely overrun by half", 0.8, date(2025, 9, 10)),
        StandIn("the board may yet choose it before the election", 0.4, date(2025, 5, 1)),
    ),
)
HARBOUR_CASE = ArticleCase(
    EXAMPLE,
    "2025-03-14",
    (
        StandIn("the ships will most likely move to Kingsbridge", 0.8, date(2026, 9, 30)),
        StandIn("may see takings fall by a fifth next year", 0.4, date(2026, 12, 31)),
    ),
)
TRANSIT_CASE = ArticleCase(
    FIXTURES / "transit-fares.txt",
    "2024-11-20",
    (
        StandIn("ridership will almost certainly rise by a tenth", 0.9, date(2025, 6, 30)),
        StandIn("Traffic on the ring road will probably be as heavy", 0.7, date(2025, 6, 30)),
    ),
)
# (prediction id, outcome, date, extra options): ids follow the order articles are added.
RESOLUTIONS: tuple[tuple[int, str, dict[str, str]], ...] = (
    (1, "true", {"miller": "2020-01-08", "reservoir": "2026-09-15"}),
    (4, "false", {"any": "2026-10-01"}),
    (6, "partial", {"any": "2025-07-15"}),
)
CORRECTION = (6, "true", "2025-09-01", "revised figures: the full tenth")


def cases(canonical: bool) -> tuple[ArticleCase, ...]:
    """The three articles: the canonical example first, or else our own reservoir piece."""
    first = MILLER_CASE if canonical else RESERVOIR_CASE
    return (first, HARBOUR_CASE, TRANSIT_CASE)


def _sentence_words(text: str) -> str:
    return text.split(",")[0].rstrip(".")


def with_stand_ins(analysis: Analysis, case: ArticleCase, *, reverse: bool = False) -> Analysis:
    """Add the case's stand-in predictions (``reverse``: in the opposite order, renumbered)."""
    text = analysis.document.text
    stand_ins = list(reversed(case.predictions)) if reverse else list(case.predictions)
    predictions = []
    for number, stand_in in enumerate(stand_ins, start=1):
        start = text.index(stand_in.phrase)
        end = start + len(stand_in.phrase)
        predictions.append(
            Prediction(
                start=start,
                end=end,
                text=text[start:end],
                id=f"p{number}",
                event=_sentence_words(stand_in.phrase),
                polarity="positive",
                probability=stand_in.probability,
                horizon=Horizon(text=None, end=stand_in.due),
            )
        )
    return analysis.model_copy(update={"predictions": tuple(predictions)})


def source_for(case: ArticleCase, folder: Path, *, again: bool = False) -> list[str]:
    """The ``oplens add`` arguments for a case: its Analysis JSON, or its text file.

    ``again``: a second analysis of the same text, its predictions in another order.
    """
    if not STAND_IN_PREDICTIONS:
        return [str(case.path), "--published", case.published]
    analysis = with_stand_ins(analysis_of(case.path, case.published), case, reverse=again)
    target = folder / f"{case.path.stem}{'-again' if again else ''}.json"
    target.write_text(analysis.to_json(), encoding="utf-8")
    return [str(target)]


def steps(folder: Path, canonical: bool) -> list[list[str]]:
    """Every command of the scenario, in order, without ``--db``."""
    first = cases(canonical)[0]
    variant = "miller" if canonical else "reservoir"
    commands = [["add", *source_for(case, folder)] for case in cases(canonical)]
    commands.append(["predictions", "--status", "open", "--as-of", AS_OF])
    for prediction_id, outcome, dates in RESOLUTIONS:
        on = dates.get(variant, dates.get("any", ""))
        commands.append(
            ["resolve", str(prediction_id), "--outcome", outcome, "--date", on, "--by", "editor"]
        )
    correction_id, outcome, on, note = CORRECTION
    commands.append(["resolve", str(correction_id), "--outcome", outcome, "--date", on])
    commands[-1] += ["--note", note, "--evidence", "https://example.org/ridership-2025"]
    commands.append(["scores", "--as-of", AS_OF])
    commands.append(["add", *source_for(first, folder, again=True)])
    commands.append(["scores", "--as-of", AS_OF, "--format", "json"])
    commands.append(["audit"])
    return commands


def run(
    db: str,
    folder: Path,
    *,
    canonical: bool | None = None,
    echo: Callable[[str], None] | None = None,
) -> list[str]:
    """Run the scenario against ``db``; return each command's output (stdout).

    ``canonical``: start with the canonical example (default: when ../shared has it).
    """
    runner = CliRunner()
    outputs = []
    for command in steps(folder, MILLER.exists() if canonical is None else canonical):
        result = runner.invoke(main, [*command, "--db", db])
        if result.exit_code != 0:
            raise RuntimeError(
                f"oplens {shlex.join(command)} failed: {result.stderr or repr(result.exception)}"
            )
        outputs.append(result.stdout)
        if echo is not None:
            shown = [Path(a).name if a.startswith("/") else a for a in command]
            echo(f"$ oplens {shlex.join(shown)}\n" + result.stdout.replace(f"{folder}/", ""))
    return outputs


def main_() -> int:
    """Print the scenario's commands and outputs (for the README)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="database URL [default: a new SQLite file]")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = args.db or str(Path(folder) / "ledger.db")
        run(db, Path(folder), echo=print)
    return 0


if __name__ == "__main__":
    sys.exit(main_())
