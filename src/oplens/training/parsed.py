"""Parse a PolNeAR split once with oplens's own pipeline and cache the parses on disk.

Parsing the 840 training articles takes minutes; the cache (a spaCy ``DocBin`` per split,
outside the repository, under ``~/.cache/oplens`` by default) makes feature work and
retraining quick. The cache is keyed by the split and the texts' document ids.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from oplens.nlp import ParsedDocument, load_nlp, parse_many, sentences_of
from oplens.training.polnear import GoldDocument, as_document

if TYPE_CHECKING:
    from spacy.tokens import Doc

DEFAULT_CACHE = Path.home() / ".cache" / "oplens"


def parse_gold(
    documents: list[GoldDocument], cache: Path | None = DEFAULT_CACHE
) -> list[ParsedDocument]:
    """Return one parse per gold document (articles with several annotators parsed once)."""
    from spacy.tokens import DocBin

    texts = sorted({d.text for d in documents})
    key = hashlib.sha256("\0".join(texts).encode()).hexdigest()[:16]
    path = cache / f"polnear-{key}.spacy" if cache else None
    nlp = load_nlp()
    if path and path.exists():
        docs: list[Doc] = list(DocBin().from_disk(path).get_docs(nlp.vocab))
    else:
        items = ((as_document(t), ()) for t in texts)
        docs = [parsed.doc for parsed in parse_many(items, batch_size=16)]
        if path:
            path.parent.mkdir(parents=True, exist_ok=True)
            DocBin(store_user_data=False, docs=docs).to_disk(path)
    by_text = dict(zip(texts, docs, strict=True))
    out = []
    for gold in documents:
        document = as_document(gold.text)
        doc = by_text[gold.text]
        out.append(ParsedDocument(document, doc, sentences_of(doc, document.body)))
    return out
