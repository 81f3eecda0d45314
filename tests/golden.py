"""Golden files: whole analyses of the example articles, pinned.

Regenerate after an intended change with ``python -m tests.golden`` and review the diff.
The canonical example's golden file leaves out ``document.text`` (the article is not ours
to ship); its ``document.id`` still pins the exact text.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from oplens import Analysis
from tests.conftest import EXAMPLE, EXAMPLE_PUBLISHED, MILLER, MILLER_PUBLISHED, analysis_of

GOLDEN = Path(__file__).resolve().parent / "golden"
CASES = {
    "harbour-levy": (EXAMPLE, EXAMPLE_PUBLISHED, True),
    "miller-soleimani": (MILLER, MILLER_PUBLISHED, False),
}


def golden_view(analysis: Analysis, keep_text: bool) -> dict[str, Any]:
    """The record as pinned: JSON data, without the document text when it is not ours."""
    record: dict[str, Any] = json.loads(analysis.to_json())
    if not keep_text:
        record["document"]["text"] = None
    record["document"]["source"] = None
    return record


def update() -> None:
    """Rewrite every golden file whose input is present."""
    for name, (path, published, keep_text) in CASES.items():
        if path.exists():
            view = golden_view(analysis_of(path, published), keep_text)
            target = GOLDEN / f"{name}.json"
            target.write_text(json.dumps(view, indent=2, ensure_ascii=False) + "\n", "utf-8")
            print(f"wrote {target}")


if __name__ == "__main__":
    update()
