"""The arguments stage on whole articles: the canonical example, ours, and attributions."""

from __future__ import annotations

from oplens import Analysis, analyze
from oplens.arguments import find_arguments
from oplens.nlp import parse_many
from oplens.pipeline import prepare
from oplens.schema import Arguments, Attribution, Span, Speaker, Unit


def unit_at(arguments: Arguments, text: str) -> Unit:
    return next(u for u in arguments.units if u.text == text)


def relation(arguments: Arguments, source: str, target: str) -> str | None:
    s, t = unit_at(arguments, source).id, unit_at(arguments, target).id
    return next((r.type for r in arguments.relations if (r.source, r.target) == (s, t)), None)


MILLER_CONCESSION = "The moral argument for killing Qasem Soleimani is compelling."
MILLER_ANSWER = "But that the US could kill Soleimani doesn't necessarily mean it should."
POMPEO = (
    "Secretary of State Mike Pompeo said Friday morning that Americans are safer now that "
    "Soleimani is gone."
)
STATE_DEPARTMENT = (
    "Hours before Pompeo's CNN appearance, his State Department issued a warning that all "
    "Americans should leave Iraq."
)
PENTAGON = (
    "The Pentagon has stated that this was a defensive action designed to preempt and to "
    "clearly deter Iran from attacking Americans."
)
CLOSING = "What it doesn't have is a realistic approach to dealing with Iran."


def test_canonical_example_argument(miller: Analysis) -> None:
    arguments = miller.arguments
    assert unit_at(arguments, MILLER_CONCESSION).role == "concession"
    assert relation(arguments, MILLER_ANSWER, MILLER_CONCESSION) == "attack"
    assert unit_at(arguments, "They are not.").role == "rebuttal"
    assert relation(arguments, "They are not.", POMPEO) == "attack"
    assert unit_at(arguments, POMPEO).role == "background"
    assert unit_at(arguments, STATE_DEPARTMENT).role == "premise"
    assert relation(arguments, STATE_DEPARTMENT, "They are not.") == "support"
    assert unit_at(arguments, "It will not deter Iran").role == "rebuttal"
    assert relation(arguments, "It will not deter Iran", PENTAGON) == "attack"
    thesis = next(u for u in arguments.units if u.id == arguments.thesis)
    assert thesis.text in {MILLER_ANSWER, CLOSING}
    assert thesis.role == "thesis"


def test_project_example_argument(example: Analysis) -> None:
    arguments = example.arguments
    concession = "The case for a levy on cruise ships is easy to make."
    answer = "But that the council can tax the ships does not mean it should."
    okafor = (
        "Mayor Helen Okafor said on Tuesday that the levy would raise four million pounds a "
        "year without costing the town a single visitor."
    )
    reyes = (
        "Okafor's finance director, Tom Reyes, has argued that the money will pay for a new "
        "sewage plant by 2027."
    )
    assert unit_at(arguments, concession).role == "concession"
    assert relation(arguments, answer, concession) == "attack"
    assert relation(arguments, "It will not.", okafor) == "attack"
    assert relation(arguments, "That is wishful thinking.", reyes) == "attack"
    lines = (
        "The two largest cruise lines have already told the port authority that they are "
        "reviewing their summer schedules."
    )
    assert relation(arguments, lines, "It will not.") == "support"
    assert arguments.thesis == unit_at(arguments, answer).id
    # With the attributions stage: the reported sentences report a1..a4, the rebuttals answer
    # the mayor (a1) and her finance director (a3).
    linked = {
        (u.text[:24], u.reports, u.answers) for u in arguments.units if u.reports or u.answers
    }
    assert linked == {
        ("Mayor Helen Okafor said ", "a1", None),
        ("It will not.", None, "a1"),
        ("The two largest cruise l", "a2", None),
        ("Okafor's finance directo", "a3", None),
        ("That is wishful thinking", None, "a3"),
        ("Shop owners on Quay Stre", "a4", None),
    }


def test_rebuttal_is_linked_to_the_attribution_it_answers() -> None:
    text = (
        "The mayor said on Tuesday that the levy would pay for itself. It will not. "
        "The cruise lines are already leaving."
    )
    record = prepare(text)
    parsed = next(parse_many([(record.document, record.furniture)]))
    start = text.index("the levy would")
    content = "the levy would pay for itself"
    attribution = Attribution(
        id="a1",
        speaker=Speaker(start=0, end=9, text="The mayor"),
        cue=Span(start=10, end=14, text="said"),
        content=Span(start=start, end=start + len(content), text=content),
        kind="indirect",
        stance="rejected",
        stance_evidence=Span(
            start=text.index("It will"), end=text.index(" The cruise"), text="It will not."
        ),
    )
    arguments = find_arguments(parsed, record.model_copy(update={"attributions": (attribution,)}))
    reported = unit_at(arguments, "The mayor said on Tuesday that the levy would pay for itself.")
    rebuttal = unit_at(arguments, "It will not.")
    assert (reported.role, reported.reports, reported.answers) == ("background", "a1", None)
    assert (rebuttal.role, rebuttal.reports, rebuttal.answers) == ("rebuttal", None, "a1")


def test_plain_statement_has_no_concession_or_rebuttal() -> None:
    arguments = analyze(
        "The council should build the plant. It will cost less than the levy."
    ).arguments
    assert [(u.text, u.role) for u in arguments.units] == [
        ("The council should build the plant.", "thesis"),
        ("It will cost less than the levy.", "premise"),
    ]
    assert [(r.source, r.target, r.type) for r in arguments.relations] == [("u2", "u1", "support")]


def test_contrast_without_a_granted_point_is_no_concession() -> None:
    arguments = analyze("The plan failed in 2019. But the council tried again in 2021.").arguments
    assert "concession" not in {u.role for u in arguments.units}
    assert all(r.type == "support" for r in arguments.relations)
