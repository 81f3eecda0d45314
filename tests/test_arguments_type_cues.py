"""Cues of common ground and of ``other`` units, and of a unit's connective."""

from __future__ import annotations

from oplens.arguments.type_cues import common_ground_cues, connective_of, other_cues
from oplens.nlp import load_nlp


def common(text: str) -> list[str]:
    return sorted(common_ground_cues(load_nlp()(text)[:], text.lower()))


def other(text: str) -> list[str]:
    span = load_nlp()(text)[:]
    words = [t for t in span if not t.is_punct and not t.is_space]
    return sorted(other_cues(span, words, text))


def test_common_ground_phrase_and_generic_statement() -> None:
    assert common("Of course, people make mistakes.") == [
        "cg:of course",
        "generic_statement",
        "generic_subject",
        "present_unspecific",
    ]


def test_a_specific_past_event_is_not_common_ground() -> None:
    assert common("Obama signed the bill in 2014.") == []


def test_talk_to_the_reader() -> None:
    assert other("Let's hear Cameron talk.") == [
        "command",
        "meta_open:let",
        "talk",
        "talk:let's",
        "talk_open",
        "talk_open:let",
    ]


def test_the_opener_is_read_after_a_leading_connective() -> None:
    assert other("But here's the bottom line.") == ["talk_open", "talk_open:here"]


def test_a_greeting_to_a_named_addressee() -> None:
    assert other("Merry Christmas, Piedmont.") == [
        "len<=3",
        "talk_open",
        "talk_open:merry",
        "verbless",
        "verbless_short",
        "vocative",
    ]


def test_an_aside_in_brackets() -> None:
    assert other("(the Lego version is a favourite)") == ["aside"]


def test_a_byline() -> None:
    assert other("David Mitchell is a columnist for the Guardian.") == ["byline", "meta_word"]


def test_connective_from_the_gap_or_else_the_first_word() -> None:
    nlp = load_nlp()
    assert connective_of(" But ", []) == "but"
    assert connective_of("", list(nlp("However, no."))) == "however"
    assert connective_of(" — ", list(nlp("It rained."))) is None
