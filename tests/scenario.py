"""The ledger scenario of the README, run by the tests on SQLite and PostgreSQL.

Three op-eds by three authors are added as text with their publication dates (the
predictions are the prediction stage's own), the open predictions listed, three of the
authors' own predictions resolved (and one resolution corrected), the scores printed, the
first article added again (the same text, then a syndicated copy of it with other page
furniture: its resolution survives both) and the audit trail shown. ``python -m
tests.scenario [--db URL]`` prints every command with its real output, as quoted in the
README.

The first article is the canonical example (``../shared/examples/miller-soleimani.txt``)
when it is there, else ``tests/fixtures/reservoir-plan.txt``; then the project's example
and ``tests/fixtures/transit-fares.txt``. The first article's resolved prediction has the
same probability (0.7) in both variants, so the scores are the same; the counts differ.
Predictions are chosen by the start of their text, and the ids looked up in the ledger.
"""

from __future__ import annotations

import argparse
import json
import shlex
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner

from oplens.cli import main
from tests.conftest import EXAMPLE, EXAMPLE_PUBLISHED, MILLER, MILLER_PUBLISHED

FIXTURES = Path(__file__).resolve().parent / "fixtures"
AS_OF = "2026-12-01"  # scores and "due" judged on this day, so the output never drifts
# A syndicated copy: the same body with one more line of page furniture (a share line).
SHARE_LINE = "\nShare this article\n"


@dataclass(frozen=True)
class ArticleCase:
    """One article of the scenario: its text file and publication date."""

    path: Path
    published: str


@dataclass(frozen=True)
class Verdict:
    """A resolution: the prediction (by the start of its text), outcome, date and details."""

    phrase: str
    outcome: str
    on: str
    by: str | None = "editor"  # None: the OS user
    note: str | None = None
    evidence: str | None = None

    def options(self) -> list[str]:
        """The ``oplens resolve`` options after the id."""
        given = {"--outcome": self.outcome, "--date": self.on, "--by": self.by}
        given |= {"--note": self.note, "--evidence": self.evidence}
        return [part for flag, value in given.items() if value for part in (flag, value)]


MILLER_CASE = ArticleCase(MILLER, MILLER_PUBLISHED)
RESERVOIR_CASE = ArticleCase(FIXTURES / "reservoir-plan.txt", "2024-09-10")
HARBOUR_CASE = ArticleCase(EXAMPLE, EXAMPLE_PUBLISHED)
TRANSIT_CASE = ArticleCase(FIXTURES / "transit-fares.txt", "2024-11-20")

FIRST_VERDICT = {
    "canonical": Verdict("We have now entered open season", "true", "2020-01-08"),  # p = 0.70
    "own": Verdict("bills will probably rise", "true", "2026-09-15"),  # p = 0.70
}
VERDICTS = (
    Verdict("the ships will most likely move to Kingsbridge", "false", "2025-10-01"),  # 0.85
    Verdict("ridership will almost certainly rise", "partial", "2025-09-15"),  # 0.90
    Verdict(  # the correction, by the OS user
        "ridership will almost certainly rise",
        "true",
        "2025-10-20",
        by=None,
        note="revised figures: the full tenth",
        evidence="https://example.org/ridership-2025",
    ),
)


def cases(canonical: bool) -> tuple[ArticleCase, ...]:
    """The three articles: the canonical example first, or else our own reservoir piece."""
    first = MILLER_CASE if canonical else RESERVOIR_CASE
    return (first, HARBOUR_CASE, TRANSIT_CASE)


def verdicts(canonical: bool) -> tuple[Verdict, ...]:
    """The resolutions in order: the first article's, then the other two authors'."""
    return (FIRST_VERDICT["canonical" if canonical else "own"], *VERDICTS)


class Ledger:
    """Runs ``oplens`` commands against one database, keeping (and echoing) their output."""

    def __init__(self, db: str, folder: Path, echo: Callable[[str], None] | None) -> None:
        self.db, self.folder, self.echo = db, folder, echo
        self.runner = CliRunner()
        self.outputs: list[str] = []

    def _invoke(self, command: list[str]) -> str:
        result = self.runner.invoke(main, [*command, "--db", self.db])
        if result.exit_code != 0:
            raise RuntimeError(
                f"oplens {shlex.join(command)} failed: {result.stderr or repr(result.exception)}"
            )
        return result.stdout

    def __call__(self, *command: str) -> str:
        """Run one step of the scenario; its output is kept and echoed."""
        output = self._invoke(list(command))
        self.outputs.append(output)
        if self.echo is not None:
            shown = [Path(a).name if a.startswith("/") else a for a in command]
            self.echo(f"$ oplens {shlex.join(shown)}\n" + output.replace(f"{self.folder}/", ""))
        return output

    def prediction_id(self, phrase: str) -> int:
        """The id of the one stored prediction whose text starts with ``phrase``.

        Raises:
            RuntimeError: none or several match, or the author does not hold it (a quoted
                speaker's prediction would not count towards the author's score).
        """
        listed = json.loads(self._invoke(["predictions", "--format", "json"]))
        found = [p for p in listed if p["text"].startswith(phrase)]
        if len(found) != 1 or found[0]["holder"] != "author":
            raise RuntimeError(f"not one prediction of an author starts {phrase!r}: {found}")
        return int(found[0]["id"])

    def add(self, case: ArticleCase, *, copy: bool = False) -> str:
        """Add an article as text (``copy``: a syndicated copy, with a share line more)."""
        text = case.path.read_text(encoding="utf-8")
        name = f"{case.path.stem}-copy.txt" if copy else case.path.name
        source = self.folder / name
        source.write_text(text.rstrip("\n") + "\n" + SHARE_LINE if copy else text, "utf-8")
        return self("add", str(source), "--published", case.published)


def run(
    db: str,
    folder: Path,
    *,
    canonical: bool | None = None,
    echo: Callable[[str], None] | None = None,
) -> list[str]:
    """Run the scenario against ``db``; return each step's output (stdout).

    ``canonical``: start with the canonical example (default: when ../shared has it).
    """
    canonical = MILLER.exists() if canonical is None else canonical
    ledger = Ledger(db, folder, echo)
    for case in cases(canonical):
        ledger.add(case)
    ledger("predictions", "--status", "open", "--as-of", AS_OF)
    for verdict in verdicts(canonical):
        ledger("resolve", str(ledger.prediction_id(verdict.phrase)), *verdict.options())
    ledger("scores", "--as-of", AS_OF)
    first = cases(canonical)[0]
    ledger.add(first)
    ledger.add(first, copy=True)
    ledger("scores", "--as-of", AS_OF, "--format", "json")
    ledger("audit")
    return ledger.outputs


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
