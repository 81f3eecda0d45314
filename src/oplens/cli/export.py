"""``oplens export``: the ledger as JSONL, CSV, xAIF or ClaimReview, streamed."""

from __future__ import annotations

from typing import cast

import click

from oplens.cli.common import errors_as_one_line, warn
from oplens.cli.ledger import a_date, db_option
from oplens.export import FORMATS, ExportOptions, Format, export_to
from oplens.settings import load_settings
from oplens.store import Store
from oplens.store.records import ExportQuery, Status


@click.command("export")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(FORMATS),
    required=True,
    help="jsonl: one Analysis record a line (what `oplens batch` reads); csv: one row a "
    "prediction; xaif: one AIF argument map a line; claimreview: a JSON-LD array of "
    "schema.org ClaimReview, one a resolved prediction.",
)
@click.option("--author", help="Only articles by an author whose name contains this.")
@click.option("--since", metavar="YYYY-MM-DD", help="Only articles published on or after this.")
@click.option("--until", metavar="YYYY-MM-DD", help="Only articles published on or before this.")
@click.option(
    "--status",
    type=click.Choice(["open", "due", "resolved"]),
    help="csv: only predictions of this status (open: unresolved; due: unresolved and due).",
)
@click.option("--as-of", metavar="YYYY-MM-DD", help="Judge 'due' as of this date [default: today].")
@click.option("--bom", is_flag=True, help="csv: start with a UTF-8 byte-order mark (for Excel).")
@click.option(
    "--reviewer",
    metavar="NAME",
    help="claimreview: the organisation reviewing [default: who resolved each prediction].",
)
@click.option(
    "--output", "-o", metavar="FILE", help="Write here (replaced only when complete), not stdout."
)
@db_option
@errors_as_one_line
def export_command(
    output_format: str,
    author: str | None,
    since: str | None,
    until: str | None,
    status: str | None,
    as_of: str | None,
    bom: bool,
    reviewer: str | None,
    output: str | None,
    db: str | None,
) -> None:
    """Export the ledger: every stored analysis, or the articles an author or dates pick.

    CSV text cells that start with = + - @ get a leading apostrophe, so that a spreadsheet
    shows them as text instead of running them as formulas.

    \b
    Examples:
      oplens export --format jsonl --db ledger.db -o ledger.jsonl
      oplens export --format csv --bom --since 2025-01-01 --db ledger.db -o predictions.csv
      oplens export --format xaif --author Lindqvist --db ledger.db -o maps.jsonl
      oplens export --format claimreview --db ledger.db -o reviews.json
    """
    query = ExportQuery(
        author=author,
        since=a_date(since, "--since date"),
        until=a_date(until, "--until date"),
        status=cast(Status | None, status),
        today=a_date(as_of, "--as-of date"),
    )
    options = ExportOptions(
        format=cast(Format, output_format), query=query, bom=bom, reviewer=reviewer
    )
    options.check()
    with Store.open(load_settings(db=db).db, create=False) as store:
        summary = export_to(store, options, output)
    if summary.records == 0:
        warn(f"nothing to export: no stored {_what(options)} matches")
    elif output and output != "-":
        click.echo(f"oplens: exported {summary.line()} to {output}", err=True)


def _what(options: ExportOptions) -> str:
    if options.format == "claimreview":
        return "resolved prediction"
    if options.format == "csv":
        return "prediction"
    return "article"
