"""Attributions: each construction with its exact spans, the negative cases, the examples."""

from __future__ import annotations

import pytest

from oplens import Analysis, analyze

Row = tuple[str, str | None, str, tuple[str, ...], str, str, str | None]


def rows(text: str) -> list[Row]:
    """(speaker, entity name, cue, content parts, kind, stance, evidence) per attribution."""
    return rows_of(analyze(text))


def rows_of(analysis: Analysis) -> list[Row]:
    """The rows of an analysis already made."""
    names = {e.id: e.name for e in analysis.entities}
    return [
        (
            a.speaker.text,
            names.get(a.speaker.entity or ""),
            a.cue.text,
            tuple(p.text for p in a.content_parts or (a.content,)),
            a.kind,
            a.stance,
            a.stance_evidence.text if a.stance_evidence else None,
        )
        for a in analysis.attributions
    ]


CASES: dict[str, tuple[str, list[Row]]] = {
    "a poll speaks through 'in'": (
        "In a CNN national poll, Hillary Clinton held a 24-point lead over Barack Obama "
        "among black voters.",
        [
            (
                "a CNN national poll",
                "CNN",
                "In",
                ("Hillary Clinton held a 24-point lead over Barack Obama among black voters",),
                "indirect",
                "neutral",
                None,
            )
        ],
    ),
    "'according to' when the parser hangs the sentence on it": (
        "According to conservative talk radio host Rush Limbaugh, the move reeks of fear "
        "and desperation.",
        [
            (
                "conservative talk radio host Rush Limbaugh",
                "Rush Limbaugh",
                "According to",
                ("the move reeks of fear and desperation",),
                "indirect",
                "neutral",
                None,
            )
        ],
    ),
    "'according to' a source the parser reads as a verb": (
        "Donald Trump repeatedly demeaned women with sexist language, according to show insiders.",
        [
            (
                "show insiders",
                None,
                "according to",
                ("Donald Trump repeatedly demeaned women with sexist language",),
                "indirect",
                "neutral",
                None,
            )
        ],
    ),
    "a cue ending its paragraph with a colon takes the next paragraph whole": (
        "The governor spoke to reporters on Monday. The governor added:\n\n"
        "It is typical of the council. I have never seen something so transparent.",
        [
            (
                "The governor",
                None,
                "added:",
                ("It is typical of the council. I have never seen something so transparent",),
                "indirect",
                "neutral",
                None,
            )
        ],
    ),
    "a headline led by the speaker's name and a colon": (
        "Pence: Gennifer Flowers Won't Be at Debate, Trump Was Mocking Clinton\n\n"
        "The vice-presidential nominee spoke on Sunday.",
        [
            (
                "Pence",
                None,
                ":",
                ("Gennifer Flowers Won't Be at Debate, Trump Was Mocking Clinton",),
                "indirect",
                "neutral",
                None,
            )
        ],
    ),
    "signed quotations run together in one paragraph": (
        "“Donald Trump scares me.” ― Julie A. Diaz Martinez. “I am so ashamed to be an "
        "American.” ― Carla Sanchez.",
        [
            (
                "Julie A. Diaz Martinez",
                "Julie A. Diaz Martinez",
                "―",
                ("“Donald Trump scares me.”",),
                "direct",
                "neutral",
                None,
            ),
            (
                "Carla Sanchez",
                "Carla Sanchez",
                "―",
                ("“I am so ashamed to be an American.”",),
                "direct",
                "neutral",
                None,
            ),
        ],
    ),
    "a coordinated verb under an adjective takes the subject of the clause": (
        "Trump will be unable to turn the crowds against the moderators and accuse the "
        "audience of being donors.",
        [
            (
                "Trump",
                "Trump",
                "accuse",
                ("the audience of being donors",),
                "indirect",
                "neutral",
                None,
            )
        ],
    ),
    "indirect speech, a title before the name, rejected by a denial": (
        (
            "Secretary of State Mike Pompeo said Friday morning that Americans are "
            "safer now that Soleimani is gone. They are not."
        ),
        [
            (
                "Secretary of State Mike Pompeo",
                "Mike Pompeo",
                "said Friday morning",
                ("that Americans are safer now that Soleimani is gone",),
                "indirect",
                "rejected",
                "They are not.",
            ),
        ],
    ),
    "direct quote after the speaker's name": (
        '"We will win this fight," Senator Jane Doe said on Monday.',
        [
            (
                "Senator Jane Doe",
                "Jane Doe",
                "said",
                ('"We will win this fight,"',),
                "direct",
                "neutral",
                None,
            ),
        ],
    ),
    "interrupted quote in two parts": (
        '"We will win this fight," she said, "and the voters know it."',
        [
            (
                "she",
                None,
                "said",
                (
                    '"We will win this fight,"',
                    '"and the voters know it."',
                ),
                "direct",
                "neutral",
                None,
            ),
        ],
    ),
    "multi-sentence quote": (
        'The governor spoke after the vote. "The plan is dead. Nobody wants it," she said.',
        [
            (
                "she",
                None,
                "said",
                ('"The plan is dead. Nobody wants it,"',),
                "direct",
                "neutral",
                None,
            ),
        ],
    ),
    "mixed quote: a quoted fragment in reported speech": (
        'Senator Jane Doe called the plan "a disaster for working families."',
        [
            (
                "Senator Jane Doe",
                "Jane Doe",
                "called",
                ('the plan "a disaster for working families."',),
                "mixed",
                "neutral",
                None,
            ),
        ],
    ),
    "according to an institution": (
        "According to the Finance Ministry, the deficit will double by 2026.",
        [
            (
                "the Finance Ministry",
                "Finance Ministry",
                "According to",
                ("the deficit will double by 2026",),
                "indirect",
                "neutral",
                None,
            ),
        ],
    ),
    "nominal report: issued a warning that": (
        (
            "Hours later, his State Department issued a warning that all Americans "
            "should leave Iraq."
        ),
        [
            (
                "his State Department",
                "State Department",
                "issued a warning",
                ("that all Americans should leave Iraq",),
                "indirect",
                "neutral",
                None,
            ),
        ],
    ),
    "described by some as, an anonymous speaker": (
        (
            "The US has eliminated the second most powerful man in Iran, described "
            'by some as a "living martyr."'
        ),
        [
            (
                "some",
                None,
                "described",
                ('a "living martyr."',),
                "mixed",
                "neutral",
                None,
            ),
        ],
    ),
    "a group speaker": (
        "Critics say the levy will drive visitors away.",
        [
            (
                "Critics",
                None,
                "say",
                ("the levy will drive visitors away",),
                "indirect",
                "neutral",
                None,
            ),
        ],
    ),
    "contradiction of the content": (
        (
            "The Pentagon has stated that this was a defensive action designed to "
            "deter Iran. It will not deter Iran, and it may provoke it."
        ),
        [
            (
                "The Pentagon",
                "Pentagon",
                "has stated",
                ("that this was a defensive action designed to deter Iran",),
                "indirect",
                "rejected",
                "It will not deter Iran",
            ),
        ],
    ),
    "a denial of an argument": (
        ("Tom Reyes has argued that the money will pay for a new plant. That is wishful thinking."),
        [
            (
                "Tom Reyes",
                "Tom Reyes",
                "has argued",
                ("that the money will pay for a new plant",),
                "indirect",
                "rejected",
                "That is wishful thinking.",
            ),
        ],
    ),
    "a pronoun speaker resolved to the person before": (
        ("Mayor Helen Okafor spoke on Tuesday. She said the levy would raise four million pounds."),
        [
            (
                "She",
                "Helen Okafor",
                "said",
                ("the levy would raise four million pounds",),
                "indirect",
                "neutral",
                None,
            ),
        ],
    ),
    "a distancing cue": (
        "John Smith insisted that the figures were sound.",
        [
            (
                "John Smith",
                "John Smith",
                "insisted",
                ("that the figures were sound",),
                "indirect",
                "rejected",
                "insisted",
            ),
        ],
    ),
    "a factive cue with an approving adverb": (
        "Jane Doe rightly pointed out that the port has no room for more ships.",
        [
            (
                "Jane Doe",
                "Jane Doe",
                "rightly pointed out",
                ("that the port has no room for more ships",),
                "indirect",
                "endorsed",
                "rightly pointed out",
            ),
        ],
    ),
    "a one-word denial": (
        "The company claims the new engine is clean. Nonsense.",
        [
            (
                "The company",
                None,
                "claims",
                ("the new engine is clean",),
                "indirect",
                "rejected",
                "Nonsense.",
            ),
        ],
    ),
    "reported speech inside a quotation is not its own attribution": (
        '"They told us we were finished," Mayor Helen Okafor said.',
        [
            (
                "Mayor Helen Okafor",
                "Helen Okafor",
                "said",
                ('"They told us we were finished,"',),
                "direct",
                "neutral",
                None,
            ),
        ],
    ),
    "a transcript turn": (
        '"PENCE: Well, look, the question is why she did it.',
        [
            (
                "PENCE",
                None,
                ":",
                ("Well, look, the question is why she did it",),
                "direct",
                "neutral",
                None,
            ),
        ],
    ),
    "a report offered as the author's evidence": (
        (
            "Mayor Helen Okafor said the levy would cost no visitors. It will not. "
            "The two largest cruise lines have already told the port authority that"
            " they are reviewing their schedules."
        ),
        [
            (
                "Mayor Helen Okafor",
                "Helen Okafor",
                "said",
                ("the levy would cost no visitors",),
                "indirect",
                "rejected",
                "It will not.",
            ),
            (
                "The two largest cruise lines",
                None,
                "have already told",
                ("that they are reviewing their schedules",),
                "indirect",
                "endorsed",
                "It will not.",
            ),
        ],
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_construction(name: str) -> None:
    text, expected = CASES[name]
    assert rows(text) == expected


NEGATIVE = {
    "the author's own first person": "Until we see the intelligence, we won't know "
    "whether this operation was tied to any strategy.",
    "the author's own belief": "I think the council is wrong about the levy.",
    "the idiom": "The levy, as they say, is a tax on hope.",
    "a section label before a colon": "Correction: An earlier version of this article "
    "misstated the date of the vote.",
}


@pytest.mark.parametrize("name", sorted(NEGATIVE))
def test_not_an_attribution(name: str) -> None:
    assert rows(NEGATIVE[name]) == []


def test_every_span_matches_the_text(example: Analysis) -> None:
    text = example.document.text
    for a in example.attributions:
        for span in (a.speaker, a.cue, a.content, *a.content_parts):
            assert text[span.start : span.end] == span.text


def by_speaker(analysis: Analysis, speaker: str) -> Row:
    """The one attribution of a speaker in an analysed example."""
    (row,) = [r for r in rows_of(analysis) if r[0] == speaker]
    return row


def test_the_canonical_example_statements(miller: Analysis) -> None:
    pompeo = by_speaker(miller, "Secretary of State Mike Pompeo")
    assert pompeo[1:3] == ("Mike Pompeo", "said Friday morning")
    assert pompeo[3] == ("that Americans are safer now that Soleimani is gone",)
    assert pompeo[4:] == ("indirect", "rejected", "They are not.")
    pentagon = by_speaker(miller, "The Pentagon")
    assert pentagon[1:3] == ("Pentagon", "has stated")
    assert pentagon[4:] == ("indirect", "rejected", "It will not deter Iran")
    officials = by_speaker(miller, "American officials")
    assert officials[1:3] == ("American", "have accused")
    assert officials[3][0].startswith("him of being responsible for the deaths")
    assert officials[4] == "indirect"
    warning = by_speaker(miller, "his State Department")
    assert warning[1:4] == (
        "State Department",
        "issued a warning",
        ("that all Americans should leave Iraq",),
    )
    assert warning[4] == "indirect"
    some = by_speaker(miller, "some")
    assert some[1:5] == (None, "described", ('a "living martyr."',), "mixed")


def test_the_canonical_example_has_no_attribution_to_the_author(miller: Analysis) -> None:
    speakers = {r[0].lower() for r in rows_of(miller)}
    assert not speakers & {"we", "i", "it"}


def test_the_project_example(example: Analysis) -> None:
    assert rows_of(example) == [
        (
            "Mayor Helen Okafor",
            "Helen Okafor",
            "said",
            (
                "that the levy would raise four million pounds a year without costing the "
                "town a single visitor",
            ),
            "indirect",
            "rejected",
            "It will not.",
        ),
        (
            "The two largest cruise lines",
            None,
            "have already told",
            ("that they are reviewing their summer schedules",),
            "indirect",
            "endorsed",
            "It will not.",
        ),
        (
            "Okafor's finance director, Tom Reyes",
            "Tom Reyes",
            "has argued",
            ("that the money will pay for a new sewage plant by 2027",),
            "indirect",
            "rejected",
            "That is wishful thinking.",
        ),
        ("some", None, "described", ('"the levy\'s first victims,"',), "mixed", "neutral", None),
    ]


def unattributed(text: str) -> list[tuple[str, tuple[str, ...], str]]:
    """(cue, content parts, kind) per report with no source named."""
    return [
        (u.cue.text, tuple(p.text for p in u.content_parts or (u.content,)), u.kind)
        for u in analyze(text).unattributed
    ]


def test_an_agentless_passive_is_a_report_with_no_source_named() -> None:
    text = "He has been harshly criticized for policies that objectors see as abuses of power."
    assert rows(text) == []
    assert unattributed(text) == [
        (
            "has been harshly criticized",
            ("He", "for policies that objectors see as abuses of power"),
            "indirect",
        )
    ]


UNATTRIBUTED_NEGATIVE = {
    "a name given": "The program, called EB-5, allows foreign investors to gain citizenship "
    "by investing in a business.",
    "the author's aside": "It is worth noting that this is the first time in American history "
    "that the question has been asked.",
    "a thing, not an act of saying": "The footage of the shooting shows the officer raising "
    "his gun.",
    "an imperative is the author's": "Call your brother who you haven't spoken to in two years.",
    "a hedge is the author's": "It seems a college education is part of the American dream.",
    "the author telling the reader": "It should be noted that the chief did not receive a "
    "copy of the book.",
    "a participle whose doer is named": "The administration contains regime changers, "
    "sanctions promoters, chicken hawks -- and real ones, too -- pushing for tougher steps "
    "against Iran.",
}


@pytest.mark.parametrize("name", sorted(UNATTRIBUTED_NEGATIVE))
def test_not_a_report_with_no_source(name: str) -> None:
    analysis = analyze(UNATTRIBUTED_NEGATIVE[name])
    assert (analysis.attributions, analysis.unattributed) == ((), ())
