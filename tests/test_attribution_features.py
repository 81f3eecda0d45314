"""Attribution features: quotation state, sentence numbering, place relative to cue words."""

from __future__ import annotations

from oplens.attribution_features import (
    paragraphs_of,
    quote_states,
    sentence_ids,
    token_features,
)
from oplens.nlp import load_nlp


def test_quote_states_open_close_and_ignore_apostrophes() -> None:
    doc = load_nlp()("He said “we’re ready” and left. She called it ‘odd’ today.")
    states = dict(zip((t.text for t in doc), quote_states(list(doc)), strict=False))
    assert [s for t, s in zip(doc, quote_states(list(doc)), strict=True) if t.text == "we"] == [1]
    assert states["“"] == 2 and states["”"] == 2
    assert states["left"] == 0
    assert [s for t, s in zip(doc, quote_states(list(doc)), strict=True) if t.text == "odd"] == [1]
    assert states["today"] == 0


def test_straight_quotes_toggle_and_an_unclosed_quote_runs_to_the_end() -> None:
    doc = load_nlp()('"Yes," she said. "And more')
    assert quote_states(list(doc)) == [2, 1, 1, 2, 0, 0, 0, 2, 1, 1]


def test_sentence_ids_number_sentences() -> None:
    doc = load_nlp()("One sentence here. Another one. A third.")
    assert sentence_ids(list(doc)) == [0, 0, 0, 0, 1, 1, 1, 2, 2, 2]


def test_paragraphs_of_leave_out_spaces_and_other_paragraphs() -> None:
    doc = load_nlp()("First para.\n\nSecond para.")
    paragraphs = paragraphs_of(doc, [(0, 11), (13, 25)])
    assert [[t.text for t in p.tokens] for p in paragraphs] == [
        ["First", "para", "."],
        ["Second", "para", "."],
    ]


def test_features_tell_where_a_token_stands_towards_the_cue() -> None:
    doc = load_nlp()("The mayor said the levy will fail.")
    (paragraph,) = paragraphs_of(doc, [(0, len(doc.text))])
    rows = token_features(paragraph, {"say"})
    sides = [next(f for f in row if f.startswith("side=")) for row in rows]
    assert sides == [
        "side=before",
        "side=before",
        "side=on",
        "side=after",
        "side=after",
        "side=after",
        "side=after",
        "side=after",
    ]
    assert "anc=ccomp" in rows[6]  # "fail" hangs under "said" as its clausal complement
    assert "lex=True" in rows[2]


def test_a_closing_mark_joined_to_a_signature_dash_closes_the_quotation() -> None:
    doc = load_nlp()("“He is fine with it.”― Stephanie Egan")
    assert [t.text for t in doc][-3:] == ["”―", "Stephanie", "Egan"]
    assert quote_states(list(doc))[-3:] == [2, 0, 0]
