"""The ledger commands: add, predictions, resolve, scores, authors, show, audit.

Each opens the store named by ``--db`` (or ``OPLENS_DB``, or the default file in the
user's data folder), calls one library function and prints its records.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date
from typing import Any

import click
from tqdm import tqdm

from oplens.cli.common import errors_as_one_line, read_source
from oplens.dates import parse_published
from oplens.errors import InputError, StoreError
from oplens.ledger import Added, add_sources
from oplens.render import ledger as show
from oplens.settings import SETTINGS_HELP, load_settings
from oplens.store import Store
from oplens.store.records import Status


def db_option(function: Callable[..., Any]) -> Callable[..., Any]:
    """The ``--db`` option every ledger command takes."""
    return click.option(
        "--db",
        metavar="URL",
        help=f"Ledger database: an SQLite path or an SQLAlchemy URL "
        f"[env {SETTINGS_HELP['db'][0]}; default: oplens.db in the user data folder].",
    )(function)


def open_store(db: str | None) -> Store:
    """Open the ledger named by ``--db``, the environment, or the default."""
    return Store.open(load_settings(db=db).db)


def a_date(value: str | None, what: str) -> date | None:
    """Parse a YYYY-MM-DD option, or fail with a one-line error naming it."""
    if value is None:
        return None
    try:
        return parse_published(value)
    except InputError:
        raise InputError(f"bad {what} {value!r}: expected YYYY-MM-DD, e.g. 2020-01-03") from None


def _added_line(added: Added) -> str:
    if added.result is not None:
        result = added.result
        kept = f", resolutions kept: {result.resolutions_kept}" if result.resolutions_kept else ""
        return (
            f"{result.status:<10} {result.article_id[:19]}  {added.source}  "
            f"({result.predictions} predictions{kept})"
        )
    return f"skipped    {(added.skipped_id or '')[:19]}  {added.source}  (already stored)"


@click.command("add")
@click.argument("sources", nargs=-1, required=True)
@click.option("--published", metavar="YYYY-MM-DD", help="Publication date of every text source.")
@click.option("--skip-existing", is_flag=True, help="Skip texts already stored (to resume).")
@db_option
@errors_as_one_line
def add_command(
    sources: tuple[str, ...], published: str | None, skip_existing: bool, db: str | None
) -> None:
    """Analyse articles and store them in the ledger (files, - for stdin, URLs, or Analysis
    JSON written by `oplens analyze -o`).

    Storing the same text again replaces its analysis and keeps its resolutions; another
    copy of a stored article (same body, other furniture or site) joins that article.

    \b
    Example:
      oplens add examples/harbour-levy.txt --published 2025-03-14 --db ledger.db
    """
    settings = load_settings(db=db)
    counts = {"stored": 0, "skipped": 0, "failed": 0}
    with open_store(settings.db) as store:
        bar = tqdm(
            total=len(sources),
            unit="doc",
            file=sys.stderr,
            disable=len(sources) < 2 or not sys.stderr.isatty(),
        )
        for added in add_sources(
            store,
            sources,
            lambda source: read_source(source, settings),
            settings=settings,
            published=published,
            skip_existing=skip_existing,
        ):
            bar.update(1)
            if added.error is not None:
                counts["failed"] += 1
                bar.write(f"oplens: error: {added.source}: {added.error}", file=sys.stderr)
                continue
            counts["stored" if added.result else "skipped"] += 1
            bar.write(_added_line(added), file=sys.stdout)
        bar.close()
    if len(sources) > 1:
        click.echo(", ".join(f"{n} {what}" for what, n in counts.items()), err=True)
    if counts["failed"]:
        sys.exit(1)


@click.command("predictions")
@click.option("--author", help="Only articles by an author whose name contains this.")
@click.option("--due-before", metavar="YYYY-MM-DD", help="Only predictions due before this date.")
@click.option(
    "--status",
    type=click.Choice(["open", "due", "resolved"]),
    help="open: unresolved; due: unresolved and past its due date; resolved.",
)
@click.option("--as-of", metavar="YYYY-MM-DD", help="Judge 'due' as of this date [default: today].")
@click.option("--limit", type=click.IntRange(min=1), help="At most this many.")
@click.option("--offset", type=click.IntRange(min=0), default=0, help="Skip this many first.")
@click.option(
    "--format", "output_format", type=click.Choice(["table", "json", "csv"]), default="table"
)
@db_option
@errors_as_one_line
def predictions_command(
    author: str | None,
    due_before: str | None,
    status: Status | None,
    as_of: str | None,
    limit: int | None,
    offset: int,
    output_format: str,
    db: str | None,
) -> None:
    """List stored predictions, oldest first.

    \b
    Example:
      oplens predictions --status due --db ledger.db
    """
    before = a_date(due_before, "--due-before date")
    with open_store(db) as store:
        records = store.predictions(
            author=author,
            due_before=before,
            status=status,
            limit=limit,
            offset=offset,
            today=a_date(as_of, "--as-of date"),
        )
    formats = {"table": show.predictions_table, "json": show.as_json, "csv": show.predictions_csv}
    click.echo(formats[output_format](records), nl=False)


@click.command("resolve")
@click.argument("prediction_id", metavar="ID")
@click.option(
    "--outcome",
    required=True,
    metavar="true|false|partial|ambiguous",
    help="What happened (partial counts as 0.5; ambiguous is not scored).",
)
@click.option("--evidence", metavar="URL", help="Where the outcome can be checked.")
@click.option("--note", metavar="TEXT", help="A note on the resolution.")
@click.option("--date", "on", metavar="YYYY-MM-DD", help="When it was resolved [default: today].")
@click.option("--by", help="Who resolved it [default: the OS user].")
@db_option
@errors_as_one_line
def resolve_command(
    prediction_id: str,
    outcome: str,
    evidence: str | None,
    note: str | None,
    on: str | None,
    by: str | None,
    db: str | None,
) -> None:
    """Resolve a prediction; prints its authors' new scores (same transaction).

    \b
    Example:
      oplens resolve 1 --outcome false --date 2025-06-30 --db ledger.db
    """
    if not prediction_id.isdigit():
        raise StoreError(f"no prediction with id {prediction_id!r}: ids are whole numbers")
    with open_store(db) as store:
        done = store.resolve(
            int(prediction_id),
            outcome,
            on=a_date(on, "--date"),
            evidence=evidence,
            note=note,
            by=by,
        )
    resolution = done.prediction.resolution
    assert resolution is not None
    verb = "resolved" if done.changed else "unchanged:"
    click.echo(
        f"{verb} prediction {prediction_id}: {resolution.outcome} ({resolution.resolved_on})"
    )
    for card in done.scores.authors:
        click.echo(
            f"  {card.name}: Brier {show.number(card.score.brier)}, "
            f"{card.score.scored} scored of {card.predictions}"
        )


@click.command("scores")
@click.option("--author", help="Only authors whose name contains this.")
@click.option("--as-of", metavar="YYYY-MM-DD", help="Score as of this date [default: today].")
@click.option("--format", "output_format", type=click.Choice(["table", "json"]), default="table")
@db_option
@errors_as_one_line
def scores_command(
    author: str | None, as_of: str | None, output_format: str, db: str | None
) -> None:
    """Brier and log scores per author, with counts, base rate and calibration bins.

    \b
    Example:
      oplens scores --db ledger.db
    """
    with open_store(db) as store:
        report = store.scores(author=author, as_of=a_date(as_of, "--as-of date"))
    click.echo(
        show.as_json(report) if output_format == "json" else show.scores_text(report), nl=False
    )


@click.command("authors")
@click.option("--format", "output_format", type=click.Choice(["table", "json"]), default="table")
@db_option
@errors_as_one_line
def authors_command(output_format: str, db: str | None) -> None:
    """List the authors of stored articles with their counts.

    \b
    Example:
      oplens authors --db ledger.db
    """
    with open_store(db) as store:
        records = store.authors()
    click.echo(
        show.as_json(records) if output_format == "json" else show.authors_table(records), nl=False
    )


@click.command("show")
@click.argument("article_id")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    help="json: the stored Analysis record of the latest copy.",
)
@db_option
@errors_as_one_line
def show_command(article_id: str, output_format: str, db: str | None) -> None:
    """Show a stored article (by id, a copy's id, or the first digits of one).

    \b
    Example:
      oplens show sha256:4739bc3a --db ledger.db
    """
    with open_store(db) as store:
        article = store.article(article_id)
        if output_format == "json":
            click.echo(store.get_analysis(article.document_id).to_json())
            return
    click.echo(show.article_text(article), nl=False)


@click.command("audit")
@click.argument("prediction_ids", nargs=-1, type=int, metavar="[ID]...")
@click.option("--format", "output_format", type=click.Choice(["table", "json"]), default="table")
@db_option
@errors_as_one_line
def audit_command(prediction_ids: tuple[int, ...], output_format: str, db: str | None) -> None:
    """List every change of a resolution (of the given predictions, or of all).

    \b
    Example:
      oplens audit --db ledger.db
    """
    with open_store(db) as store:
        records = store.audit(prediction_ids)
    click.echo(
        show.as_json(records) if output_format == "json" else show.audit_table(records), nl=False
    )


LEDGER_COMMANDS = (
    add_command,
    predictions_command,
    resolve_command,
    scores_command,
    authors_command,
    show_command,
    audit_command,
)
