"""CSV export: columns and types read back by the csv module and pandas; formula injection."""

from __future__ import annotations

import csv
import importlib.util
from datetime import date
from pathlib import Path

import pytest

from oplens import Analysis
from oplens.export import ExportOptions, export_to
from oplens.export.csv import COLUMNS, csv_rows, safe
from oplens.store import Store
from tests.conftest import EXAMPLE, EXAMPLE_PUBLISHED, analysis_of
from tests.export_cases import variant

SHIPS = "the ships will most likely move to Kingsbridge within two seasons"


@pytest.fixture
def ledger(tmp_path: Path) -> str:
    """A ledger with the example op-ed, one prediction resolved."""
    db = str(tmp_path / "ledger.db")
    with Store.open(db) as store:
        store.add_analysis(analysis_of(EXAMPLE, EXAMPLE_PUBLISHED))
        ships = next(p for p in store.predictions() if p.text == SHIPS)
        store.resolve(
            ships.id, "false", on=date(2025, 10, 1), evidence="https://example.org/ships", by="ed"
        )
    return db


def exported(db: str, path: Path, **options: object) -> Path:
    with Store.open(db) as store:
        export_to(store, ExportOptions.model_validate({"format": "csv", **options}), str(path))
    return path


def read_rows(path: Path, encoding: str = "utf-8") -> list[dict[str, str]]:
    with path.open(encoding=encoding, newline="") as stream:
        return list(csv.DictReader(stream))


def test_one_row_per_prediction_with_the_right_values(ledger: str, tmp_path: Path) -> None:
    path = exported(ledger, tmp_path / "out.csv")
    with path.open(encoding="utf-8", newline="") as stream:
        assert next(csv.reader(stream)) == list(COLUMNS)
    rows = read_rows(path)
    assert [row["local_id"] for row in rows] == ["p1", "p2", "p3", "p4", "p5", "p6"]
    ships = rows[3]
    assert {k: ships[k] for k in ("text", "probability", "horizon", "horizon_start")} == {
        "text": SHIPS,
        "probability": "0.85",
        "horizon": "within two seasons",
        "horizon_start": "2025-03-14",
    }
    assert ships["horizon_end"] == "2025-09-14"
    assert ships["sentence"] == (
        "If the levy passes in March, the ships will most likely move to Kingsbridge within "
        "two seasons, and the town will lose far more in harbour fees than it gains."
    )
    assert ships["condition"] == "If the levy passes in March"
    assert (ships["author"], ships["outlet"], ships["published"]) == (
        "Marta Lindqvist",
        "Northmoor Courier",
        "2025-03-14",
    )
    assert (ships["holder"], ships["holder_id"], ships["cue"]) == (
        "Marta Lindqvist",
        "author",
        "will most likely",
    )
    assert (ships["status"], ships["outcome"], ships["resolution_date"], ships["evidence"]) == (
        "resolved",
        "false",
        "2025-10-01",
        "https://example.org/ships",
    )
    text = analysis_of(EXAMPLE, EXAMPLE_PUBLISHED).document.text
    assert text[int(ships["start"]) : int(ships["end"])] == SHIPS
    assert (rows[0]["outcome"], rows[0]["resolution_date"], rows[0]["url"]) == ("", "", "")
    assert rows[0]["source"] == "harbour-levy.txt"
    assert path.read_bytes().count(b"\r\n") == len(rows) + 1  # CRLF, no line break inside


def test_status_keeps_only_those_predictions(ledger: str, tmp_path: Path) -> None:
    rows = read_rows(exported(ledger, tmp_path / "out.csv", query={"status": "resolved"}))
    assert [row["text"] for row in rows] == [SHIPS]


def test_bom_for_excel(ledger: str, tmp_path: Path) -> None:
    path = exported(ledger, tmp_path / "out.csv", bom=True)
    assert path.read_bytes().startswith(b"\xef\xbb\xbfprediction_id,")
    assert len(read_rows(path, encoding="utf-8-sig")) == 6


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ('=HYPERLINK("http://evil")', '\'=HYPERLINK("http://evil")'),
        ("+1 (555) 0100", "'+1 (555) 0100"),
        ("-- an aside", "'-- an aside"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("a = b", "a = b"),
        ("", ""),
        (None, ""),
        (0.85, 0.85),
        (-1, -1),
        (date(2020, 1, 3), "2020-01-03"),
    ],
)
def test_cells_are_defused_and_typed(value: str | float | date | None, cell: object) -> None:
    assert safe(value) == cell


def test_hostile_and_multiline_text_reads_back_as_text(tmp_path: Path) -> None:
    base = analysis_of(EXAMPLE, EXAMPLE_PUBLISHED)
    title = '=cmd|" /C calc"!A0, and\na second "line"'
    hostile = variant(base, 1, author="@Marta Lindqvist")
    hostile = hostile.model_copy(
        update={"metadata": hostile.metadata.model_copy(update={"title": title})}
    )
    db = str(tmp_path / "ledger.db")
    with Store.open(db) as store:
        store.add_analysis(hostile)
    rows = read_rows(exported(db, tmp_path / "out.csv"))
    assert {row["title"] for row in rows} == {"'" + title}
    assert {row["author"] for row in rows} == {"'@Marta Lindqvist"}
    assert rows[3]["probability"] == "0.85"  # numbers are never prefixed


def test_pandas_reads_the_columns_with_their_types(ledger: str, tmp_path: Path) -> None:
    if importlib.util.find_spec("pandas") is None:
        pytest.skip("pandas is not installed: the CSV was checked with the csv module only")
    import pandas as pd

    path = exported(ledger, tmp_path / "out.csv", bom=True)
    # A column holding only "true" and "false" would be read as booleans; outcome is a word.
    frame = pd.read_csv(
        path,
        encoding="utf-8-sig",
        parse_dates=["published", "horizon_end"],
        dtype={"outcome": "string"},
    )
    assert list(frame.columns) == list(COLUMNS)
    assert len(frame) == 6
    assert str(frame["prediction_id"].dtype) == "int64"
    assert str(frame["start"].dtype) == "int64"
    assert str(frame["probability"].dtype) == "float64"
    assert str(frame["published"].dtype).startswith("datetime64")
    assert frame["published"].iloc[0] == pd.Timestamp("2025-03-14")
    assert frame.loc[3, "probability"] == 0.85
    assert frame.loc[3, "horizon_end"] == pd.Timestamp("2025-09-14")
    assert frame.loc[3, "outcome"] == "false"
    assert int(frame["outcome"].isna().sum()) == 5


def test_empty_export_is_just_the_header(ledger: str, tmp_path: Path) -> None:
    path = exported(ledger, tmp_path / "out.csv", query={"since": "2030-01-01"})
    assert path.read_bytes() == (",".join(COLUMNS) + "\r\n").encode()


def test_rows_of_an_analysis_without_its_prediction(tmp_path: Path) -> None:
    """A ledger prediction the stored record lacks still gets its row, from the ledger."""
    base: Analysis = analysis_of(EXAMPLE, EXAMPLE_PUBLISHED)
    db = str(tmp_path / "ledger.db")
    with Store.open(db) as store:
        store.add_analysis(base)
        [article] = list(store.export_articles())
    stripped = article.model_copy(
        update={"analysis": base.model_copy(update={"predictions": base.predictions[1:]})}
    )
    rows = list(csv_rows(stripped))
    assert rows[0][COLUMNS.index("sentence")] is None
    assert rows[0][COLUMNS.index("text")] == base.predictions[0].text
