"""Rows from an Analysis: normalised keys that join copies and re-analyses."""

from __future__ import annotations

from oplens import Analysis
from oplens.schema import BodySpan, Document, Prediction, document_id
from oplens.store.rows import article_rows, author_key, body_key, normalise, prediction_keys


def test_normalise() -> None:
    assert normalise("  The “levy”\u00a0won’t —\n pass ") == 'the "levy" won\'t - pass'
    assert normalise("ﬁnal") == "final"  # NFKC


def analysis(text: str, *paragraphs: tuple[int, int]) -> Analysis:
    body = tuple(BodySpan(start=s, end=e, text=text[s:e]) for s, e in paragraphs)
    return Analysis(document=Document(id=document_id(text), text=text, body=body))


def test_body_key_ignores_furniture_spacing_and_quotes() -> None:
    one = analysis("Title\nIt won't pass.\nBy Jane", (6, 21))
    other = analysis("Other site | It won’t  pass.\nShare this", (13, 29))
    assert one.document.id != other.document.id
    assert body_key(one) == body_key(other)
    assert body_key(one) != body_key(analysis("It will pass.", (0, 13)))


def test_prediction_keys_number_repeats() -> None:
    text = "It will rain. It will rain."
    base = analysis(text, (0, len(text)))
    predictions = tuple(
        Prediction(
            start=s,
            end=s + 13,
            text=text[s : s + 13],
            id=f"p{i}",
            event="rain",
            polarity="positive",
            probability=0.7,
        )
        for i, s in enumerate((0, 14))
    )
    record = base.model_copy(update={"predictions": predictions})
    assert prediction_keys(record) == ["it will rain.", "it will rain.#2"]
    rows = article_rows(record)
    assert [(r["local_id"], r["text_key"], r["due"]) for r in rows.predictions] == [
        ("p0", "it will rain.", None),
        ("p1", "it will rain.#2", None),
    ]


def test_author_key() -> None:
    assert author_key("Jane  ROE", None) == ("jane roe", "")
    assert author_key("Jane Roe", "Port  Institute") == ("jane roe", "port institute")
