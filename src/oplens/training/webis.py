"""Read Webis-Editorials-16 into documents whose typed units carry character offsets.

The corpus (Al-Khatib et al., COLING 2016) is one TSV line per segment,
``number<TAB>label<TAB>text``; a run of ``continued`` segments belongs to the next typed
segment, ``no-unit`` segments lie between units, ``par-sep`` separates paragraphs and
``title`` is the headline. The editorial is rebuilt as plain text (segments joined by one
space, none before closing punctuation; paragraphs by a blank line; the title left out, as
oplens removes it as furniture) so that it can go through the same parse and the same
feature code as an article at analysis time.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from oplens.evaluation.table import DataMissingError

# Webis label → oplens UnitType.
TYPE_OF_LABEL = {
    "assumption": "assumption",
    "anecdote": "anecdote",
    "testimony": "testimony",
    "statistics": "statistics",
    "common-ground": "common_ground",
    "other": "other",
}
_NO_SPACE_BEFORE = (*".,;:!?)%]", "'s", "n't", "'re", "'ll", "'ve", "'d", "'m")


@dataclass(frozen=True)
class WebisUnit:
    """One typed unit: its offsets in the rebuilt text and its oplens type."""

    start: int
    end: int
    type: str


@dataclass(frozen=True)
class WebisEditorial:
    """One rebuilt editorial: name, text, paragraph spans and typed units."""

    name: str
    text: str
    paragraphs: tuple[tuple[int, int], ...]
    units: tuple[WebisUnit, ...]


def corpus_folder(data: Path) -> Path:
    """Return the corpus folder under the shared data folder.

    Raises:
        DataMissingError: the folder is absent.
    """
    folder = data / "arguments" / "webis-editorials-16"
    if not (folder / "training").is_dir():
        raise DataMissingError(str(folder))
    return folder


def read_split(data: Path, split: str) -> list[WebisEditorial]:
    """Return the editorials of the official ``training`` or ``validation`` split, by name."""
    folder = corpus_folder(data) / split
    return [read_editorial(path) for path in sorted(folder.glob("*.txt"))]


def _segments(path: Path) -> Iterator[tuple[str, str]]:
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) >= 2:
            yield parts[1].strip(), parts[2] if len(parts) > 2 else ""


def read_editorial(path: Path) -> WebisEditorial:
    """Rebuild one editorial file (see the module note)."""
    text = ""
    paragraphs: list[tuple[int, int]] = []
    units: list[WebisUnit] = []
    paragraph_start: int | None = None
    unit_start: int | None = None
    for label, segment in _segments(path):
        if label == "title":
            continue
        if label == "par-sep":
            if paragraph_start is not None:
                paragraphs.append((paragraph_start, len(text)))
                text += "\n\n"
            paragraph_start = unit_start = None
            continue
        segment = " ".join(segment.split())
        if not segment:
            continue
        if paragraph_start is None:
            paragraph_start = len(text)
        elif not segment.startswith(_NO_SPACE_BEFORE):
            text += " "
        start = len(text)
        text += segment
        if label == "continued":
            unit_start = start if unit_start is None else unit_start
        elif label in TYPE_OF_LABEL:
            begin = start if unit_start is None else unit_start
            units.append(WebisUnit(begin, len(text), TYPE_OF_LABEL[label]))
            unit_start = None
        else:
            unit_start = None
    if paragraph_start is not None:
        paragraphs.append((paragraph_start, len(text)))
    return WebisEditorial(path.stem, text, tuple(paragraphs), tuple(units))
