"""The editorial corpus as texts: one reproducible construction shared by bench and eval.

Webis-EditorialSum-20 stores each editorial as paragraphs of argumentative units. The text
oplens reads is the units of a paragraph joined by one space, and the paragraphs joined by a
blank line (``"\\n\\n"``). The benchmark and the prediction gold set both use this function,
so the gold set's character offsets refer to exactly the text the benchmark analyses.
"""

from __future__ import annotations

import json
from pathlib import Path

CORPUS = Path("corpus") / "webis-editorialsum-20"


def editorial_files(data: Path) -> list[Path]:
    """Return the corpus's editorial files under ``data``, sorted by outlet and name."""
    folder = data / CORPUS
    return sorted(folder.glob("*/*.json")) if folder.is_dir() else []


def editorial_key(path: Path) -> str:
    """Return an editorial's key: its outlet folder and file name, e.g. ``guardian/023-x.json``."""
    return f"{path.parent.name}/{path.name}"


def editorial_text(path: Path) -> str:
    """Return one editorial's text: units joined by a space, paragraphs by a blank line."""
    paragraphs = json.loads(path.read_text(encoding="utf-8"))["paragraphs"]
    return "\n\n".join(" ".join(unit["text"] for unit in paragraph) for paragraph in paragraphs)
