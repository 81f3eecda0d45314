"""Stance: denials and affirmations after a report, contradictions, distancing and factive cues."""

from __future__ import annotations

import pytest

from oplens.attribution_features import paragraphs_of
from oplens.attribution_rules import rule_relations
from oplens.nlp import ParsedDocument, parse_many
from oplens.pipeline import prepare
from oplens.stance import judge_stance


def parsed_of(text: str) -> ParsedDocument:
    record = prepare(text)
    return next(parse_many([(record.document, record.furniture)]))


def stance_after(report: str, following: str) -> tuple[str, str | None]:
    """Stance towards the one "according to" report of ``report``, followed by text."""
    parsed = parsed_of(f"{report} {following}".strip())
    bounds = [(s.start, s.end) for s in parsed.document.body]
    relations = [r for p in paragraphs_of(parsed.doc, bounds) for r in rule_relations(p)]
    assert len(relations) == 1
    stance, evidence = judge_stance(relations[0], parsed)
    return stance, evidence.text if evidence else None


REPORT = "According to the ministry, the harbour levy will raise four million pounds."


@pytest.mark.parametrize(
    "following",
    ["That is false.", "Nonsense.", "It will not.", "That is wishful thinking.", "It won't."],
)
def test_a_following_denial_rejects(following: str) -> None:
    assert stance_after(REPORT, following) == ("rejected", following)


def test_a_following_affirmation_endorses() -> None:
    assert stance_after(REPORT, "That is right.") == ("endorsed", "That is right.")


def test_a_contradiction_of_the_content_rejects_with_the_negated_clause() -> None:
    report = "According to the Pentagon, the strike will deter Iran from attacking Americans."
    following = "It will not deter Iran, and there is every reason to fear the opposite."
    assert stance_after(report, following) == ("rejected", "It will not deter Iran")


def test_an_unrelated_negation_is_not_a_contradiction() -> None:
    following = "The council did not meet on Tuesday."
    assert stance_after(REPORT, following) == ("neutral", None)


def test_a_denial_in_the_next_paragraph_does_not_count() -> None:
    assert stance_after(REPORT, "\n\nThat is false.") == ("neutral", None)


def test_nothing_after_a_report_is_neutral() -> None:
    assert stance_after(REPORT, "") == ("neutral", None)
