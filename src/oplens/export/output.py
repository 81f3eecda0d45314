"""Where an export goes: a file, written whole or not at all, or standard output.

A file is written to a temporary file beside it and renamed over it at the end, so that a
failed or interrupted export never leaves half a file in its place (and an existing file is
kept until the new one is complete).
"""

from __future__ import annotations

import io
import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from oplens.errors import InputError


def _cannot(path: str, error: OSError) -> InputError:
    return InputError(f"cannot write {path}: {error.strerror or error}")


@contextmanager
def _stdout() -> Iterator[TextIO]:
    # UTF-8 and no newline translation whatever the locale: a CSV's CRLF stays CRLF.
    stream = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="")
    try:
        yield stream
        stream.flush()
    finally:
        stream.detach()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextmanager
def _file(path: str) -> Iterator[TextIO]:
    target = Path(path)
    if target.is_dir():
        raise InputError(f"cannot write {path}: it is a folder")
    try:
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    except OSError as error:
        raise _cannot(path, error) from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            yield stream
        Path(temporary).chmod(0o666 & ~_umask())
        Path(temporary).replace(target)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise _cannot(path, error) from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


@contextmanager
def output_stream(path: str | None) -> Iterator[TextIO]:
    """Open the export's destination as UTF-8 text with no newline translation.

    Raises:
        InputError: the file cannot be created or written (no such folder, no permission,
            a folder of that name, a full disk).
    """
    with _stdout() if path is None or path == "-" else _file(path) as stream:
        yield stream
