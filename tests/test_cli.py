"""The command line: formats, sources (file, stdin, URL), and one-line errors for bad input."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from oplens import Analysis
from oplens.cli import main
from oplens.schema import json_schema, mismatched_spans
from tests.conftest import EXAMPLE, MILLER
from tests.test_ingest import ARTICLE_HTML


def run(*args: str, input: bytes | str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), input=input)
    return result.exit_code, result.stdout, result.stderr


class _Pages(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path == "/slow":
            time.sleep(2)
        if self.path == "/missing":
            self.send_error(404)
            return
        body = ("x" * 5000 if self.path == "/big" else ARTICLE_HTML).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Pages)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_json_output_validates_and_every_span_matches() -> None:
    code, out, _ = run("analyze", str(EXAMPLE), "--published", "2025-03-14")
    assert code == 0
    record = json.loads(out)
    jsonschema.validate(record, json_schema())
    analysis = Analysis.model_validate(record)
    assert mismatched_spans(analysis) == []
    assert analysis.metadata.authors[0].name == "Marta Lindqvist"
    assert record["document"]["published"] == "2025-03-14"


def test_canonical_example_record(miller_text: str) -> None:
    code, out, _ = run("analyze", str(MILLER), "--published", "2020-01-03", "--format", "json")
    assert code == 0
    record = json.loads(out)
    jsonschema.validate(record, json_schema())
    analysis = Analysis.model_validate(record)
    assert mismatched_spans(analysis) == []
    author = analysis.metadata.authors[0]
    assert (author.name, author.role, author.affiliation) == (
        "Aaron David Miller",
        "senior fellow",
        "Carnegie Endowment for International Peace",
    )
    assert analysis.metadata.outlet == "CNN"
    kinds = {f.kind: f.text for f in analysis.furniture}
    assert kinds["more_link"] == "More >"
    assert kinds["republication_notice"] == "This article was originally published in CNN."
    body = "\n".join(span.text for span in analysis.document.body)
    assert "More >" not in body and "Carnegie" not in body and "originally published" not in body
    for attribution in ("attributions", "predictions"):
        assert record[attribution] == [] or isinstance(record[attribution], list)


def test_text_format_summarises() -> None:
    code, out, _ = run("analyze", str(EXAMPLE), "--format", "text")
    assert code == 0
    assert "Author:     Marta Lindqvist (senior lecturer in urban economics, University of" in out
    assert "Outlet:     Northmoor Courier" in out
    assert "[more_link] More >" in out
    assert "Helen Okafor (PERSON, Mayor) ×2  also: Okafor" in out


def test_html_format_writes_a_standalone_page(tmp_path: Path) -> None:
    target = tmp_path / "page.html"
    code, out, _ = run("analyze", str(EXAMPLE), "--format", "html", "--output", str(target))
    assert (code, out) == (0, "")
    page = target.read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>")
    assert '<span class="furniture more_link"' in page
    assert "<script src" not in page and "<link" not in page  # no external resources


def test_stdin_source() -> None:
    code, out, _ = run("analyze", "-", "--format", "text", input=EXAMPLE.read_bytes())
    assert code == 0
    assert "Marta Lindqvist" in out


def test_url_source(server: str) -> None:
    code, out, _ = run("analyze", f"{server}/opinion/levy", "--format", "json")
    assert code == 0
    record = json.loads(out)
    assert record["document"]["source"] == f"{server}/opinion/levy"
    assert record["metadata"]["authors"][0]["name"] == "Jane Doe"
    assert record["document"]["published"] == "2025-03-14"


@pytest.mark.parametrize(
    ("path", "args", "message"),
    [
        ("/missing", (), "answered HTTP 404"),
        ("/slow", ("--timeout", "0.5"), "did not answer within 0.5 s"),
        ("/big", ("--max-bytes", "1000"), "over 1,000 bytes"),
    ],
)
def test_url_failures_are_one_line(
    server: str, path: str, args: tuple[str, ...], message: str
) -> None:
    code, out, err = run("analyze", f"{server}{path}", *args)
    assert code == 1
    assert out == ""
    assert message in err
    assert err.count("\n") == 1


def test_unreachable_url_is_one_line() -> None:
    code, _, err = run("analyze", "http://127.0.0.1:9/nothing", "--timeout", "2")
    assert code == 1
    assert err.startswith("oplens: error: could not fetch http://127.0.0.1:9/nothing")


@pytest.mark.parametrize(
    ("content", "args", "message"),
    [
        (b"", (), "input is empty"),
        (b"  \n\n  ", (), "input is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", (), "binary data"),
        (b"word " * 300, ("--max-bytes", "1000"), "over the 1,000-byte limit"),
        (b"<html><body><nav>Home</nav></body></html>", (), "no article text"),
        (b"A fine text.", ("--published", "2020-13-45"), "bad publication date"),
        (b"A fine text.", ("--published", "yesterday"), "expected YYYY-MM-DD"),
    ],
)
def test_bad_input_is_one_line_and_non_zero(
    tmp_path: Path, content: bytes, args: tuple[str, ...], message: str
) -> None:
    source = tmp_path / "input.txt"
    source.write_bytes(content)
    code, out, err = run("analyze", str(source), *args)
    assert code == 1
    assert out == ""
    assert message in err
    assert err.startswith("oplens: error: ") and err.count("\n") == 1


def test_missing_file_and_directory(tmp_path: Path) -> None:
    assert run("analyze", str(tmp_path / "nope.txt"))[2] == (
        f"oplens: error: no such file: {tmp_path / 'nope.txt'}\n"
    )
    assert run("analyze", str(tmp_path))[2] == f"oplens: error: not a file: {tmp_path}\n"


def test_wrong_encoding_is_decoded(tmp_path: Path) -> None:
    source = tmp_path / "latin.txt"
    text = "Le café était fermé. The mayor said the levy would raise déjà four million pounds."
    source.write_bytes(text.encode("cp1252"))
    code, out, _ = run("analyze", str(source))
    assert code == 0
    assert json.loads(out)["document"]["text"] == text


def test_non_english_is_analysed_with_a_warning(tmp_path: Path) -> None:
    source = tmp_path / "de.txt"
    source.write_text(
        "Die Abgabe wird die Stadt nicht retten, und der Rat weiß das auch ganz genau. "
        "Die Schiffe werden nach Kingsbridge fahren, und die Geschäfte werden leiden.",
        encoding="utf-8",
    )
    code, out, err = run("analyze", str(source))
    assert code == 0
    assert json.loads(out)["document"]["language"] == "de"
    assert err.startswith("oplens: warning: the text does not look like English (guessed 'de'")


def test_schema_command_prints_a_json_schema() -> None:
    code, out, _ = run("schema")
    assert code == 0
    schema = json.loads(out)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["title"] == "Analysis"


def test_real_process_exit_status_and_no_traceback(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    done = subprocess.run(
        [sys.executable, "-m", "oplens.cli", "analyze", str(empty)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert done.stderr == "oplens: error: input is empty\n"
    assert "Traceback" not in done.stderr


def _help_examples(command: str) -> list[list[str]]:
    """The ``oplens ...`` lines under "Example(s):" in a command's help, redirections cut."""
    code, out, _ = run(*([command] if command else []), "--help")
    assert code == 0
    examples: list[list[str]] = []
    in_examples = False
    for line in out.splitlines():
        if re.match(r"^\s*Examples?:\s*$", line):
            in_examples = True
        elif in_examples and line.strip().startswith("oplens "):
            examples.append(line.split(">")[0].split()[1:])
        elif line.strip().endswith(":") or (line.strip() and not line.startswith(" ")):
            in_examples = False
    return examples


@pytest.mark.parametrize("command", ["", "analyze", "schema"])
def test_help_examples_run(command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(Path(__file__).resolve().parent.parent)
    examples = _help_examples(command)
    assert examples, f"`oplens {command} --help` shows no example"
    for example in examples:
        args = [str(tmp_path / a) if a.endswith((".json", ".html")) else a for a in example]
        code, _, err = run(*args)
        assert code == 0, f"oplens {' '.join(example)} failed: {err}"


def test_the_command_line_loads_spacy_only_to_analyse() -> None:
    """The ledger, export and web commands start without the stages' half second of spaCy."""
    probe = (
        "import sys, oplens, oplens.cli; before = 'spacy' in sys.modules; "
        "oplens.analyze; print(before, 'spacy' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["False", "True"]


def test_the_package_still_names_only_what_it_has() -> None:
    import oplens

    with pytest.raises(AttributeError, match="no attribute 'analyse'"):
        oplens.analyse  # noqa: B018
