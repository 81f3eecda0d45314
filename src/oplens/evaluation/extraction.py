"""Body extraction and page metadata: oplens against trafilatura alone.

Both columns come from one trafilatura call per page: "trafilatura" is its text and its
author/date; "oplens" is the body left after the furniture stage and the metadata after
``build_metadata``. So the comparison measures exactly what oplens adds.

Metrics, as each benchmark defines them:
- ScrapingHub article-extraction-benchmark: 4-gram word shingles (regex ``\\w+``), per page
  TP/FP/FN normalised to sum 1, summed over pages; P, R and F1 from the sums.
- WCXB dev (article pages): bag-of-words F1 per page (lowercased ``\\w+``), averaged.
- Author accuracy (WCXB pages with a gold author): the set of names, lowercased and split on
  ``;``, ``,``, ``&`` and "and", equals the gold set. Date accuracy (pages with a gold
  date): the ``YYYY-MM-DD`` date equals the gold one.
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from oplens.errors import InputError
from oplens.evaluation.table import DataMissingError, Table
from oplens.furniture import find_furniture
from oplens.ingest import ingest_text
from oplens.metadata import build_metadata

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class PageResult:
    """What trafilatura alone and oplens made of one page."""

    trafilatura_text: str
    oplens_text: str
    trafilatura_authors: tuple[str, ...]
    oplens_authors: tuple[str, ...]
    trafilatura_date: str | None
    oplens_date: str | None


def extract_page(html: str, url: str | None) -> PageResult:
    """Run ingest and furniture on one page and keep both systems' outputs."""
    try:
        ingested = ingest_text(html, url=url)
    except InputError:
        return PageResult("", "", (), (), None, None)
    found = find_furniture(ingested.text, is_html=True, title=ingested.page.title)
    body = "\n".join(ingested.text[start:end] for start, end in found.paragraphs)
    metadata, published = build_metadata(ingested.text, ingested.page, found.pieces)
    page = ingested.page
    return PageResult(
        trafilatura_text=ingested.text,
        oplens_text=body,
        trafilatura_authors=page.authors,
        oplens_authors=tuple(author.name for author in metadata.authors),
        trafilatura_date=page.published.isoformat() if page.published else None,
        oplens_date=published.isoformat() if published else None,
    )


def _extract_file(args: tuple[str, str | None]) -> PageResult:
    path, url = args
    with gzip.open(path, "rt", encoding="utf-8", errors="replace") as handle:
        return extract_page(handle.read(), url)


def shingle_counts(true: str, pred: str, n: int = 4) -> tuple[float, float, float]:
    """ScrapingHub's per-page TP, FP, FN over word 4-gram shingles, normalised to sum 1."""
    truth, guess = _shingles(true, n), _shingles(pred, n)
    tp = sum((truth & guess).values())
    fp = sum((guess - truth).values())
    fn = sum((truth - guess).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _shingles(text: str, n: int) -> Counter[str]:
    tokens = _WORD.findall(text or "")
    grams = (" ".join(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)))
    return Counter(gram for gram in grams if gram)


def word_f1(pred: str, true: str) -> float:
    """WCXB's bag-of-words F1 between predicted and reference text."""
    p = Counter(_WORD.findall(pred.lower()))
    r = Counter(_WORD.findall(true.lower()))
    if not r:
        return 1.0 if not p else 0.0
    if not p:
        return 0.0
    overlap = sum((p & r).values())
    if not overlap:
        return 0.0
    precision, recall = overlap / sum(p.values()), overlap / sum(r.values())
    return 2 * precision * recall / (precision + recall)


def author_key(names: tuple[str, ...] | str | None) -> frozenset[str]:
    """Normalise author names to a set for comparison (see the module note)."""
    text = names if isinstance(names, str) else "; ".join(names or ())
    parts = re.split(r"\s*(?:[;,&]|\band\b)\s*", (text or "").lower())
    return frozenset(" ".join(re.findall(r"[^\W\d_]+", part)) for part in parts if part.strip())


def _prf(tp: float, fp: float, fn: float) -> tuple[float, float, float]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def _map_pages(jobs: list[tuple[str, str | None]], workers: int) -> list[PageResult]:
    if workers <= 1:
        return [_extract_file(job) for job in jobs]
    with ProcessPoolExecutor(workers) as pool:
        return list(pool.map(_extract_file, jobs, chunksize=8))


def _scrapinghub_jobs(data: Path, limit: int | None) -> Iterator[tuple[str, str | None, str]]:
    folder = data / "extraction" / "scrapinghub-aeb"
    truth_file = folder / "ground-truth.json"
    if not truth_file.exists():
        raise DataMissingError(str(truth_file))
    truth = json.loads(truth_file.read_text(encoding="utf-8"))
    for count, key in enumerate(sorted(truth)):
        if limit is not None and count >= limit:
            return
        page = folder / "html" / f"{key}.html.gz"
        if page.exists():
            yield str(page), truth[key].get("url"), truth[key].get("articleBody") or ""


def _wcxb_jobs(data: Path, limit: int | None) -> Iterator[tuple[str, str | None, dict[str, str]]]:
    folder = data / "extraction" / "wcxb" / "dev"
    if not folder.exists():
        raise DataMissingError(str(folder))
    for count, truth_file in enumerate(sorted((folder / "ground-truth").glob("*.json"))):
        if limit is not None and count >= limit:
            return
        record = json.loads(truth_file.read_text(encoding="utf-8"))
        page = folder / "html" / f"{truth_file.stem}.html.gz"
        if page.exists():
            yield str(page), record.get("url"), record["ground_truth"]


def evaluate(data: Path, *, limit: int | None = None, workers: int = 2) -> Table:
    """Score body extraction and metadata on ScrapingHub and WCXB dev.

    Raises:
        DataMissingError: the extraction data is not under ``data``.
    """
    hub = list(_scrapinghub_jobs(data, limit))
    wcxb = list(_wcxb_jobs(data, limit))
    results = _map_pages([(p, u) for p, u, _ in hub] + [(p, u) for p, u, _ in wcxb], workers)
    hub_results, wcxb_results = results[: len(hub)], results[len(hub) :]
    rows = []
    for system in ("trafilatura", "oplens"):
        counts = [
            shingle_counts(truth, getattr(result, f"{system}_text"))
            for (_, _, truth), result in zip(hub, hub_results, strict=True)
        ]
        sums = [sum(column) for column in zip(*counts, strict=True)] if counts else [0, 0, 0]
        _, _, hub_f1 = _prf(*sums)
        f1s = [
            word_f1(getattr(result, f"{system}_text"), truth.get("main_content") or "")
            for (_, _, truth), result in zip(wcxb, wcxb_results, strict=True)
        ]
        author_hits = [
            author_key(getattr(result, f"{system}_authors")) == author_key(truth["author"])
            for (_, _, truth), result in zip(wcxb, wcxb_results, strict=True)
            if truth.get("author")
        ]
        date_hits = [
            getattr(result, f"{system}_date") == truth["publish_date"][:10]
            for (_, _, truth), result in zip(wcxb, wcxb_results, strict=True)
            if truth.get("publish_date")
        ]
        rows.append(
            (
                system,
                hub_f1,
                sum(f1s) / len(f1s) if f1s else 0.0,
                sum(author_hits) / len(author_hits) if author_hits else 0.0,
                sum(date_hits) / len(date_hits) if date_hits else 0.0,
            )
        )
    return Table(
        title=f"Body extraction and metadata ({len(hub)} ScrapingHub pages, {len(wcxb)} WCXB dev)",
        columns=("system", "scrapinghub_f1", "wcxb_word_f1", "wcxb_author", "wcxb_date"),
        rows=tuple(rows),
        notes=("reference: trafilatura 2.3.1 ScrapingHub F1 0.960, WCXB articles word F1 ≈0.94",),
    )
