"""``oplens serve``: refuses to listen beyond loopback without a token; its example runs."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
from click.testing import CliRunner

from oplens.cli import main
from tests.test_cli import _help_examples
from tests.test_web_browser import free_port


def test_no_token_no_public_listening(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main,
        ["serve", "--db", str(tmp_path / "l.db"), "--host", "0.0.0.0"],
        env={"OPLENS_TOKEN": ""},
    )
    assert result.exit_code == 1
    assert result.stderr == (
        "oplens: error: refusing to serve on 0.0.0.0 without a write token: anyone who can reach "
        "it could write to the ledger; give --token or set OPLENS_TOKEN (or serve on 127.0.0.1)\n"
    )


def test_bad_database_is_one_line(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("not a database", encoding="utf-8")
    result = CliRunner().invoke(main, ["serve", "--db", str(notes)])
    assert result.exit_code == 1
    assert result.stderr.startswith("oplens: error: cannot use the database")
    assert result.stderr.count("\n") == 1


def test_help_example_serves(tmp_path: Path) -> None:
    [first, second] = _help_examples("serve")
    assert first == ["serve", "--db", "ledger.db"]
    assert "--token" in second and "0.0.0.0" in second
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "oplens.cli", *first, "--port", str(port)],
        cwd=tmp_path,
        stderr=subprocess.PIPE,
        text=True,
        env={k: v for k, v in os.environ.items() if not k.startswith("OPLENS_")},
    )
    try:
        deadline = time.monotonic() + 60
        answer = None
        while time.monotonic() < deadline and answer is None:
            try:
                answer = httpx.get(f"http://127.0.0.1:{port}/authors.json", timeout=1)
            except httpx.HTTPError:
                time.sleep(0.1)
        assert answer is not None and answer.status_code == 200
        assert answer.json()["authors"] == []
        assert (tmp_path / "ledger.db").exists()
    finally:
        process.terminate()
        process.wait(timeout=10)
