"""The command line: parse arguments, call one library function, format the result.

Every error a user can cause ends as one line on stderr and a non-zero exit status:
1 for bad input or a failed fetch, 2 for a bad command line (click's own convention).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import click

from oplens import __version__
from oplens.cli.batch import batch_command
from oplens.cli.common import errors_as_one_line, fail, read_source, warn
from oplens.cli.export import export_command
from oplens.cli.ledger import LEDGER_COMMANDS
from oplens.cli.serve import serve_command
from oplens.errors import InputError
from oplens.export.xaif import to_xaif
from oplens.render import render_html, render_text
from oplens.schema import Analysis, json_schema_text
from oplens.settings import DEFAULT_MAX_BYTES, load_settings

__all__ = ["errors_as_one_line", "fail", "main", "read_source", "warn"]

FORMATTERS: dict[str, Callable[[Analysis], str]] = {
    "json": lambda analysis: analysis.to_json() + "\n",
    "text": render_text,
    "html": render_html,
    "xaif": lambda analysis: json.dumps(to_xaif(analysis), indent=2, ensure_ascii=False) + "\n",
}


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="oplens")
def main() -> None:
    """oplens reads opinion writing and says what it argues, whom it quotes, and what it
    predicts, every finding anchored to character offsets in the original text.

    \b
    Examples:
      oplens analyze examples/harbour-levy.txt --format text
      oplens analyze examples/harbour-levy.txt --published 2025-03-14 -o analysis.json
      oplens schema > analysis.schema.json

    \b
    Online (fetched with a time-out and a size limit):
      oplens analyze https://example.org/opinion/piece --format html -o piece.html
    """


@main.command("analyze")
@click.argument("source")
@click.option(
    "--published", metavar="YYYY-MM-DD", help="Publication date (overrides the page's own)."
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(sorted(FORMATTERS)),
    default="json",
    show_default=True,
    help="json: the Analysis record; text: a summary; html: one standalone page; "
    "xaif: the argument as an AIF graph (JSON).",
)
@click.option(
    "--output", "-o", type=click.Path(dir_okay=False, writable=True), help="Write here, not stdout."
)
@click.option(
    "--max-bytes",
    type=click.IntRange(min=1),
    help=f"Largest input accepted [default: {DEFAULT_MAX_BYTES:,}].",
)
@click.option("--timeout", type=click.FloatRange(min=0.1), help="Seconds to wait for a URL.")
@errors_as_one_line
def analyze_command(
    source: str,
    published: str | None,
    output_format: str,
    output: str | None,
    max_bytes: int | None,
    timeout: float | None,
) -> None:
    """Analyse one article: a file (.txt, .html, any text), - for stdin, or an http(s) URL.

    \b
    Examples:
      oplens analyze examples/harbour-levy.txt --format text
      oplens analyze examples/harbour-levy.txt --published 2025-03-14 -o analysis.json
      oplens analyze examples/harbour-levy.txt --format html -o article.html
      oplens analyze examples/harbour-levy.txt --format xaif -o argument.json
      cat examples/harbour-levy.txt | oplens analyze - --format text
    """
    settings = load_settings(max_bytes=max_bytes, fetch_timeout=timeout)
    text, origin = read_source(source, settings)
    from oplens.pipeline import analyze  # imported here: the other commands need no spaCy

    analysis = analyze(text, published=published, source=origin, settings=settings)
    for warning in analysis.warnings:
        warn(warning)
    rendered = FORMATTERS[output_format](analysis)
    if output:
        try:
            Path(output).write_text(rendered, encoding="utf-8")
        except OSError as error:
            raise InputError(f"cannot write {output}: {error.strerror}") from None
    else:
        click.echo(rendered, nl=False)


@main.command("schema")
def schema_command() -> None:
    """Print the JSON Schema of the Analysis record (schema version 1).

    \b
    Example:
      oplens schema > analysis.schema.json
    """
    click.echo(json_schema_text())


for _command in LEDGER_COMMANDS:
    main.add_command(_command)
main.add_command(serve_command)
main.add_command(batch_command)
main.add_command(export_command)
