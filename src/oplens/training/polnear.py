"""Read PolNeAR (Newell, Margolin and Ruths, LREC 2018): brat standoff attribution relations.

Each article is ``<split>/text/<name>.txt`` with one or more annotator files
``<split>/attributions/<name>_<annotator>.ann``. A relation (``E`` line) joins a Cue, a
Content and, unless it is ``Attribution-no-source``, a Source; each is a ``T`` line whose
offsets are character offsets into the ``.txt`` and may be discontinuous
(``start end;start end``). Every annotator file is one gold document, as in the published
dev count (84 articles, 94 files, 2,320 relations).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from oplens.schema import BodySpan, Document, document_id

ROLES = ("source", "cue", "content")
Fragment = tuple[int, int]


@dataclass(frozen=True)
class GoldRelation:
    """One annotated attribution: the fragments of its source, cue and content."""

    source: tuple[Fragment, ...]
    cue: tuple[Fragment, ...]
    content: tuple[Fragment, ...]


@dataclass(frozen=True)
class GoldDocument:
    """One annotator's file over one article text."""

    name: str
    annotator: str
    text: str
    relations: tuple[GoldRelation, ...]

    def spans(self, role: str) -> set[Fragment]:
        """Every distinct fragment of one role, trimmed of edge spaces."""
        found: set[Fragment] = set()
        for relation in self.relations:
            for start, end in getattr(relation, role):
                trimmed = trim(self.text, start, end)
                if trimmed[1] > trimmed[0]:
                    found.add(trimmed)
        return found


def trim(text: str, start: int, end: int) -> Fragment:
    """Move ``start`` and ``end`` inwards past spaces."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


_T_LINE = re.compile(r"^(T\d+)\t(\S+) ([\d ;]+)\t")


def parse_ann(ann: str) -> tuple[GoldRelation, ...]:
    """Return the relations of one brat ``.ann`` file's text."""
    spans: dict[str, tuple[Fragment, ...]] = {}
    events: list[dict[str, str]] = []
    for line in ann.splitlines():
        match = _T_LINE.match(line)
        if match:
            pieces = (part.split() for part in match.group(3).split(";"))
            spans[match.group(1)] = tuple((int(a), int(b)) for a, b in pieces)
        elif line.startswith("E"):
            args = line.split("\t", 1)[1].split()
            events.append(dict(arg.split(":", 1) for arg in args))
    relations = []
    for event in events:
        parts = {key.lower(): spans.get(value, ()) for key, value in event.items()}
        if parts.get("cue") and parts.get("content"):
            relations.append(GoldRelation(parts.get("source", ()), parts["cue"], parts["content"]))
    return tuple(relations)


def read_split(folder: Path, split: str) -> Iterator[GoldDocument]:
    """Yield every annotator file of one split (``train``, ``dev``), sorted by file name."""
    for ann_path in sorted((folder / split / "attributions").glob("*.ann")):
        name, annotator = ann_path.stem.rsplit("_", 1)
        text_path = folder / split / "text" / f"{name}.txt"
        if not text_path.exists():
            continue
        # Bytes decoded as they are: brat offsets count every character, "\r" included.
        text = text_path.read_bytes().decode("utf-8")
        relations = parse_ann(ann_path.read_bytes().decode("utf-8"))
        yield GoldDocument(name, annotator, text, relations)


def as_document(text: str) -> Document:
    """Return an article text as a Document whose body paragraphs are its non-blank lines.

    PolNeAR texts have one paragraph per line and no page furniture, so the evaluation
    parses exactly the annotated text, as ``analyze`` would parse an article body.
    """
    body = tuple(
        BodySpan(start=m.start(), end=m.end(), text=m.group())
        for m in re.finditer(r"[^\s](?:[^\n]*[^\s])?", text)
    )
    return Document(id=document_id(text), text=text, body=body)
