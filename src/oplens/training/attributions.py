"""Train the attribution tagger on PolNeAR train (``python -m oplens.training.attributions``).

A linear-chain CRF (CRFsuite, L-BFGS with L1 + L2 regularisation) labels each token of a
body paragraph B/I source, cue or content, or O, over the features of
``oplens.attribution_features``. The learned weights are written as plain JSON (gzip) and
read back by oplens's own Viterbi decoder, so CRFsuite is needed for training only.
Deterministic: CRFsuite's L-BFGS has no random state and the data is read in sorted order
(two runs wrote identical weights).

Needs the ``train`` extra (``pip install -e '.[train]'``) and ``../shared/data``;
``make train-attributions`` does both.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from oplens.attribution_crf import LABELS, MODEL_PATH
from oplens.attribution_features import Paragraph, paragraphs_of, token_features
from oplens.attribution_spans import TaggedSpan, cue_head
from oplens.attribution_verbs import frame_key, predicate_frame
from oplens.nlp import ParsedDocument
from oplens.training.parsed import DEFAULT_CACHE, parse_gold
from oplens.training.polnear import ROLES, GoldDocument, read_split, trim

# A lemma joins the learned cue lexicon when it is part of a cue at least this often in
# train and in at least this share of its occurrences (say: 4,118 of 4,905).
MIN_CUE_COUNT = 5
MIN_CUE_SHARE = 0.2
# A verb frame ("call|prep_for") becomes a reporting pattern when it is seen at least this
# often in train and is a cue in this share of them, counted as cues / (seen + 1). On dev
# (tuned there), shares of 0.22, 0.3, 0.5 and 0.7 added 0.2, 0.6, 0.5 and 0.2 points of
# cue overlap F1 over no frames.
MIN_FRAME_COUNT = 3
# A common noun speaks when it heads a source this often in train (official: 202 times);
# requiring it of the frames' subjects added 0.001 to source and cue overlap F1 on dev.
MIN_SPEAKER_COUNT = 2
MIN_FRAME_SHARE = 0.4


def token_labels(gold: GoldDocument, paragraph: Paragraph) -> list[str]:
    """Return the BIO label of every token of a paragraph from the gold fragments.

    A token takes the role of a fragment it overlaps; where fragments of one role nest,
    the earlier-starting (outer) one keeps the token.
    """
    labels = ["O"] * len(paragraph.tokens)
    fragments = sorted(
        (trim(gold.text, start, end), role)
        for relation in gold.relations
        for role in ROLES
        for start, end in getattr(relation, role)
    )
    for (start, end), role in fragments:
        first = True
        for i, token in enumerate(paragraph.tokens):
            if token.idx >= end or token.idx + len(token) <= start:
                continue
            if labels[i] == "O":
                labels[i] = ("B-" if first else "I-") + role
            first = False
    return labels


def cue_lexicon(golds: list[GoldDocument], parses: list[ParsedDocument], seed: Path) -> set[str]:
    """Return the lemmas of reporting words: the seed list's, and frequent train cue heads."""
    forms = set(seed.read_text(encoding="utf-8").split()) if seed.exists() else set()
    in_cue: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    lexicon: set[str] = set()
    for gold, parsed in zip(golds, parses, strict=True):
        cue_chars = {i for r in gold.relations for a, b in r.cue for i in range(a, b)}
        for token in parsed.doc:
            lemma = token.lemma_.lower()
            seen[lemma] += 1
            if token.lower_ in forms and token.pos_ == "VERB":
                lexicon.add(lemma)
            if token.idx in cue_chars and token.pos_ in {"VERB", "NOUN"}:
                in_cue[lemma] += 1
    lexicon |= {
        lemma
        for lemma, count in in_cue.items()
        if count >= MIN_CUE_COUNT and count / seen[lemma] >= MIN_CUE_SHARE
    }
    return lexicon


def reporting_frames(golds: list[GoldDocument], parses: list[ParsedDocument]) -> set[str]:
    """Return the ``lemma|frame`` keys (``predicate_frame``) that are mostly cues in train."""
    seen: Counter[str] = Counter()
    in_cue: Counter[str] = Counter()
    for gold, parsed in zip(golds, parses, strict=True):
        cue_chars = {i for r in gold.relations for a, b in r.cue for i in range(a, b)}
        for token in parsed.doc:
            framed = predicate_frame(token)
            if framed is None:
                continue
            key = frame_key(token, framed[0])
            seen[key] += 1
            in_cue[key] += token.idx in cue_chars
    return {
        key
        for key, count in seen.items()
        if count >= MIN_FRAME_COUNT and in_cue[key] / (count + 1) >= MIN_FRAME_SHARE
    }


def speaker_nouns(golds: list[GoldDocument], parses: list[ParsedDocument]) -> set[str]:
    """Return the lemmas of the common nouns that head a source in train at least twice."""
    heads: Counter[str] = Counter()
    for gold, parsed in zip(golds, parses, strict=True):
        for start, end in gold.spans("source"):
            span = parsed.doc.char_span(start, end, alignment_mode="expand")
            tokens = tuple(t for t in span or () if not t.is_space)
            head = cue_head(TaggedSpan("source", tokens)) if tokens else None
            if head is not None and head.pos_ == "NOUN":
                heads[head.lemma_.lower()] += 1
    return {lemma for lemma, count in heads.items() if count >= MIN_SPEAKER_COUNT}


Sequence = tuple[list[list[str]], list[str]]


def sequences(
    golds: list[GoldDocument], parses: list[ParsedDocument], lexicon: set[str]
) -> Iterator[Sequence]:
    """Yield (features, labels) for every body paragraph of the gold documents."""
    for gold, parsed in zip(golds, parses, strict=True):
        bounds = [(span.start, span.end) for span in parsed.document.body]
        for paragraph in paragraphs_of(parsed.doc, bounds):
            yield token_features(paragraph, lexicon), token_labels(gold, paragraph)


Vocabulary = dict[str, list[str]]


def export(crf_path: Path, vocabulary: Vocabulary, meta: dict[str, object], out: Path) -> int:
    """Write the CRF's non-zero weights as gzip JSON; return the number of features kept.

    Args:
        crf_path: the CRFsuite model file.
        vocabulary: word lists kept beside the weights (``lexicon``, ``frames``).
        meta: what the model was trained on and how.
        out: where the JSON goes.
    """
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(crf_path))
    info = tagger.info()
    index = {label: i for i, label in enumerate(LABELS)}
    features: dict[str, list[list[float]]] = {}
    for (attr, label), weight in sorted(info.state_features.items()):
        if abs(weight) >= 1e-4:
            features.setdefault(attr, []).append([index[label], round(weight, 4)])
    transitions = [[0.0] * len(LABELS) for _ in LABELS]
    for (before, after), weight in info.transitions.items():
        transitions[index[before]][index[after]] = round(weight, 4)
    model = {
        "labels": list(LABELS),
        "transitions": transitions,
        "features": features,
        **{name: sorted(words) for name, words in vocabulary.items()},
        "meta": meta,
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    with gzip.GzipFile(out, "wb", mtime=0) as handle:
        handle.write(json.dumps(model, sort_keys=True, separators=(",", ":")).encode())
    return len(features)


Params = dict[str, float]


def fit(
    items: Iterator[Sequence],
    params: Params,
    out: Path,
    meta: dict[str, object],
    vocabulary: Vocabulary,
) -> int:
    """Train one CRF on the sequences and export it; return the paragraphs it read."""
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    paragraphs = 0
    for features, labels in items:
        trainer.append(features, labels)
        paragraphs += 1
    trainer.set_params({**params, "feature.possible_transitions": True})
    with tempfile.TemporaryDirectory() as tmp:
        crf_path = Path(tmp) / "model.crfsuite"
        trainer.train(str(crf_path))
        meta["features"] = export(crf_path, vocabulary, {**meta, "paragraphs": paragraphs}, out)
    return paragraphs


def train(data: Path, out: Path, params: Params, cache: Path | None) -> dict[str, object]:
    """Train on PolNeAR train and write the model; return what was done.

    Args:
        data: the shared data folder.
        out: where the model goes.
        params: CRFsuite parameters (``c1``, ``c2``, ``max_iterations``).
        cache: where parses are cached (None: no cache).
    """
    folder = data / "attribution" / "polnear"
    golds = list(read_split(folder, "train"))
    if not golds:
        raise SystemExit(f"no PolNeAR train files under {folder}")
    started = time.perf_counter()
    parses = parse_gold(golds, cache)
    seed = data / "attribution" / "quote-verbs" / "quote_verb_list.txt"
    lexicon = cue_lexicon(golds, parses, seed)
    meta: dict[str, object] = {
        "data": "PolNeAR train (LREC 2018), every annotator file",
        "documents": len(golds),
        **params,
    }
    vocabulary = {
        "lexicon": sorted(lexicon),
        "frames": sorted(reporting_frames(golds, parses)),
        "speakers": sorted(speaker_nouns(golds, parses)),
    }
    fit(sequences(golds, parses, lexicon), params, out, meta, vocabulary)
    return {**meta, "seconds": round(time.perf_counter() - started, 1)}


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, train, report."""
    parser = argparse.ArgumentParser(prog="python -m oplens.training.attributions")
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    parser.add_argument("--iterations", type=int, default=150)
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    parser.add_argument("--c1", type=float, default=0.05, help="L1 regularisation")
    parser.add_argument("--c2", type=float, default=0.01, help="L2 regularisation")
    args = parser.parse_args(argv)
    params = {"c1": args.c1, "c2": args.c2, "max_iterations": args.iterations}
    report = train(args.data, args.out, params, args.cache)
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
