"""Helpers every command shares: one-line errors, warnings, reading a source."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from oplens.errors import InputError, OplensError
from oplens.fetch import fetch, is_url
from oplens.ingest import check_size, decode
from oplens.settings import Settings

F = TypeVar("F", bound=Callable[..., Any])


def fail(message: str) -> None:
    """Print one error line and exit with status 1."""
    click.echo(f"oplens: error: {message}", err=True)
    sys.exit(1)


def warn(message: str) -> None:
    """Print one warning line to stderr."""
    click.echo(f"oplens: warning: {message}", err=True)


def read_source(source: str, settings: Settings) -> tuple[str, str | None]:
    """Read a CLI source (path, ``-`` for stdin, or URL) as text, and name its origin.

    Raises:
        OplensError: a missing or unreadable file, a failed fetch, or undecodable input.
    """
    if source == "-":
        data = sys.stdin.buffer.read(settings.max_bytes + 1)
        return decode(data, max_bytes=settings.max_bytes), None
    if is_url(source):
        return decode(fetch(source, settings), max_bytes=settings.max_bytes), source
    path = Path(source)
    if not path.exists():
        raise InputError(f"no such file: {source}")
    if not path.is_file():
        raise InputError(f"not a file: {source}")
    check_size(path.stat().st_size, settings.max_bytes)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(f"cannot read {source}: {error.strerror}") from None
    return decode(data, max_bytes=settings.max_bytes), str(path)


def errors_as_one_line(function: F) -> F:
    """Turn an OplensError (or an interrupted run) into one line and a non-zero exit."""

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return function(*args, **kwargs)
        except OplensError as error:
            fail(str(error))
        except KeyboardInterrupt:
            click.echo("oplens: interrupted", err=True)
            sys.exit(130)
        except BrokenPipeError:
            sys.exit(0)

    wrapper.__name__ = function.__name__
    wrapper.__doc__ = function.__doc__
    return wrapper  # type: ignore[return-value]
