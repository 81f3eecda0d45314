"""The shared parse: model loading, masking, sentences and paragraphs."""

from __future__ import annotations

from oplens import Analysis, analyze
from oplens.nlp import MODEL_PACKAGES, chunk_bounds, load_nlp, mask_furniture
from oplens.schema import Furniture


def test_one_model_instance_per_process() -> None:
    assert load_nlp() is load_nlp()
    assert MODEL_PACKAGES[0] == "en_core_web_sm"  # a user's own install is preferred
    assert {"parser", "ner"} <= set(load_nlp().pipe_names)


def test_masking_keeps_length_and_newlines() -> None:
    text = "Body.\nMore >\nBody."
    piece = Furniture(start=6, end=12, text="More >", kind="more_link")
    masked = mask_furniture(text, [piece])
    assert masked == "Body.\n      \nBody."
    assert len(masked) == len(text)


def test_sentences_cover_the_body_only(miller: Analysis) -> None:
    sentences = miller.sentences
    assert len(sentences) == 18
    assert sentences[5].text == "They are not."
    assert (sentences[5].id, sentences[5].paragraph) == ("s6", 2)
    assert not any("Carnegie" in s.text or "More >" in s.text for s in sentences)
    body = miller.document.body
    assert all(
        body[s.paragraph].start <= s.start < s.end <= body[s.paragraph].end for s in sentences
    )


def test_no_sentence_crosses_a_paragraph_break(example: Analysis) -> None:
    assert all("\n\n" not in s.text for s in example.sentences)
    assert example.sentences[0].text.startswith("The case for a levy")


def test_chunks_cut_at_paragraph_starts_then_spaces() -> None:
    text = "aaaa bbbb\n\ncccc dddd eeee"
    assert chunk_bounds(text, [0, 11], limit=12) == [0, 11, 21, 25]
    assert chunk_bounds(text, [0], limit=100) == [0, 25]
    assert chunk_bounds("x" * 10, [0], limit=4) == [0, 4, 8, 10]  # no space: hard cut


def test_a_document_longer_than_one_chunk_keeps_its_offsets() -> None:
    paragraph = "The levy will pass next year, the minister said. Critics disagree. " * 30
    text = "\n\n".join([paragraph.strip()] * 60)  # about 120,000 characters
    analysis = analyze(text)
    assert len(analysis.document.text) > 100_000
    assert len(analysis.document.body) == 60
    assert len(analysis.sentences) == 60 * 30 * 2
    assert all(analysis.document.text[s.start : s.end] == s.text for s in analysis.sentences)
    assert analysis.sentences[-1].text == "Critics disagree."
