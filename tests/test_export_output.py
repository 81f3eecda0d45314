"""Export destinations: a file is replaced only by a complete export, never left half-written."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from oplens.errors import InputError
from oplens.export.output import output_stream


def test_a_complete_export_replaces_the_file(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_text("old", encoding="utf-8")
    with output_stream(str(target)) as stream:
        stream.write("a,b\r\nç,\n")
        assert target.read_text(encoding="utf-8") == "old"  # not yet
    assert target.read_bytes() == "a,b\r\nç,\n".encode()  # UTF-8, newlines as written
    assert oct(target.stat().st_mode & 0o777) == oct(0o666 & ~_umask())
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_a_failed_export_keeps_the_old_file_and_leaves_nothing(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError), output_stream(str(target)) as stream:
        stream.write("half")
        raise RuntimeError("the database went away")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def _open(path: Path) -> None:
    with output_stream(str(path)) as stream:
        stream.write("x")


def test_unwritable_destinations(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"^cannot write .*: No such file or directory$"):
        _open(tmp_path / "missing" / "out.csv")
    with pytest.raises(InputError, match="it is a folder"):
        _open(tmp_path)
    if os.geteuid() != 0:  # root writes anywhere
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o500)
        with pytest.raises(InputError, match="Permission denied"):
            _open(locked / "out.csv")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
