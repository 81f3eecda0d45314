"""The predictions stage: each construction, each exclusion, holders, and the examples."""

from __future__ import annotations

from datetime import date

import pytest

from oplens import Analysis
from oplens.forecasts import find_predictions, holder_of
from oplens.nlp import ParsedDocument, parse_many
from oplens.pipeline import prepare
from oplens.schema import Attribution, Horizon, Prediction, Span, Speaker

PUBLISHED = "2025-03-11"  # a Tuesday


def parsed_of(text: str, published: str | None = PUBLISHED) -> ParsedDocument:
    record = prepare(text, published=published)
    return next(parse_many([(record.document, record.furniture)]))


def predictions_of(text: str, published: str | None = PUBLISHED) -> tuple[Prediction, ...]:
    return find_predictions(parsed_of(text, published))


def one(text: str) -> Prediction:
    found = predictions_of(text)
    assert len(found) == 1, [p.text for p in found]
    return found[0]


def summary(p: Prediction) -> tuple[str, str | None, float, str, str]:
    return (p.text, p.cue.text if p.cue else None, p.probability, p.polarity, p.event)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The port is going to lose its biggest client.",
            (
                "The port is going to lose its biggest client",
                "is going to",
                0.9,
                "positive",
                "The port will lose its biggest client",
            ),
        ),
        (
            "The ferry won't run on Friday.",
            ("The ferry won't run on Friday", "won't", 0.9, "negative", "The ferry will run"),
        ),
        (
            "We shall overcome this crisis.",
            (
                "We shall overcome this crisis",
                "shall",
                0.9,
                "positive",
                "We will overcome this crisis",
            ),
        ),
        (
            "The strike may spread to other ports.",
            (
                "The strike may spread to other ports",
                "may",
                0.45,
                "positive",
                "The strike will spread to other ports",
            ),
        ),
        (
            "Prices might rise again.",
            ("Prices might rise again", "might", 0.4, "positive", "Prices will rise again"),
        ),
        (
            "The deal could collapse.",
            ("The deal could collapse", "could", 0.4, "positive", "The deal will collapse"),
        ),
        (
            "The reform is likely to pass.",
            (
                "The reform is likely to pass",
                "is likely to",
                0.7,
                "positive",
                "The reform will pass",
            ),
        ),
        (
            "The talks are bound to fail.",
            (
                "The talks are bound to fail",
                "are bound to",
                0.95,
                "positive",
                "The talks will fail",
            ),
        ),
        (
            "The company is set to close its last factory.",
            (
                "The company is set to close its last factory",
                "is set to",
                0.9,
                "positive",
                "The company will close its last factory",
            ),
        ),
        (
            "The move risks a backlash from voters.",
            (
                "The move risks a backlash from voters",
                "risks",
                0.45,
                "positive",
                "The move risks a backlash from voters",
            ),
        ),
        (
            "I expect the talks to fail.",
            ("I expect the talks to fail", "expect", 0.75, "positive", "the talks will fail"),
        ),
        (
            "I don't think the deal will survive.",
            (
                "I don't think the deal will survive",
                "think",
                0.7,
                "negative",
                "the deal will survive",
            ),
        ),
        (
            "The minister is not expected to resign.",
            (
                "The minister is not expected to resign",
                "is not expected to",
                0.75,
                "negative",
                "The minister will resign",
            ),
        ),
        (
            "It is likely that the talks will fail.",
            (
                "It is likely that the talks will fail",
                "It is likely",
                0.7,
                "positive",
                "the talks will fail",
            ),
        ),
        (
            "There is every reason to believe the deal will hold.",
            (
                "There is every reason to believe the deal will hold",
                "every reason to believe",
                0.85,
                "positive",
                "the deal will hold",
            ),
        ),
        (
            "A recession is unlikely.",
            ("A recession is unlikely", "unlikely", 0.2, "positive", "A recession will happen"),
        ),
        (
            "The town will most likely lose.",
            (
                "The town will most likely lose",
                "will most likely",
                0.85,
                "positive",
                "The town will lose",
            ),
        ),
    ],
)
def test_construction(text: str, expected: tuple[str, str, float, str, str]) -> None:
    assert summary(one(text)) == expected


def test_forecasting_verbs_report_the_clause_or_the_object() -> None:
    (clause,) = predictions_of("Analysts predict that inflation will fall.")
    assert summary(clause) == (
        "inflation will fall",
        "will",
        0.9,
        "positive",
        "inflation will fall",
    )
    (noun,) = predictions_of("Forecasters predict further rain.")
    assert summary(noun) == ("further rain", "predict", 0.75, "positive", "further rain")
    (warned,) = predictions_of("The union warned that the strike will last for months.")
    assert warned.text == "the strike will last for months"


def test_conditions_if_and_unless() -> None:
    found = one("If the levy passes, the ships will leave.")
    assert (found.text, found.condition) == (
        "the ships will leave",
        Span(start=0, end=18, text="If the levy passes"),
    )
    found = one("The ships will leave unless the council drops the levy.")
    assert found.text == "The ships will leave"
    assert found.condition == Span(start=21, end=54, text="unless the council drops the levy")


def test_horizon_is_resolved_from_the_publication_date() -> None:
    found = one("The company is set to close its last factory in early December.")
    assert found.horizon == Horizon(
        text="in early December", start=date(2025, 12, 1), end=date(2025, 12, 10)
    )
    assert one("The vote will come on Friday.").horizon == Horizon(
        text="on Friday", start=date(2025, 3, 14), end=date(2025, 3, 14)
    )


def test_without_a_publication_date_the_horizon_has_no_dates() -> None:
    (found,) = predictions_of("The vote will come next year.", published=None)
    assert found.horizon == Horizon(text="next year", start=None, end=None)


def test_an_epistemic_adverb_needs_a_future_time_phrase() -> None:
    found = one("We have entered a period of unrest, likely for months to come.")
    assert summary(found)[1:4] == ("likely", 0.7, "positive")
    assert found.horizon is not None and found.horizon.end == date(2025, 6, 11)
    assert predictions_of("We have probably entered a period of unrest.") == ()


def test_ellipsis_restates_the_previous_prediction_negated() -> None:
    first, second = predictions_of("She said the levy would raise a million. It will not.")
    assert first.event == "the levy will raise a million"
    assert (second.text, second.event, second.polarity) == (
        "It will not",
        "the levy will raise a million",
        "negative",
    )


@pytest.mark.parametrize(
    "text",
    [
        "Trump may have compromised something.",  # past speculation
        "He would have won if he had run.",  # counterfactual past
        "You should leave now.",  # deontic
        "The council must act.",  # deontic
        "The council should take it.",  # deontic
        "If you walk along the quay at night, you will see the lights.",  # generic you
        "Politicians will always promise more than they deliver.",  # habitual
        "Will the council act?",  # question
        "We hope the talks will succeed.",  # wish
        "Centring the victims would mitigate the backlash.",  # would without a condition
        "If he were mayor, he would cut the levy.",  # unreal condition
        "It is not clear whether the talks will succeed.",  # embedded question
        "We won't know whether it worked.",  # a statement of not knowing
        "As I will argue, the levy is a mistake.",  # the text's own plan
        "The moral argument for the levy is compelling.",  # present judgement
        "Americans are safer now.",  # present claim
        "Mr Cameron may not care too much about that.",  # present speculation
        "It may be time for a change.",  # present speculation
        "The party could not govern effectively.",  # past ability
        "They are more likely to report crimes than others.",  # comparison, not forecast
        "They weren't about to march.",  # past frame
        "We need a leader who will tell the truth.",  # a wanted, hypothetical leader
    ],
)
def test_exclusion(text: str) -> None:
    assert predictions_of(text) == ()


def test_reported_present_tense_claim_is_not_a_prediction() -> None:
    assert predictions_of("Pompeo said that Americans are safer now.") == ()


def test_holder_is_the_attribution_whose_content_contains_the_prediction() -> None:
    text = "The mayor said that the levy would raise a million. It will not."
    parsed = parsed_of(text)
    content_start = text.index("the levy")
    content_end = text.index(".")
    attribution = Attribution(
        id="a1",
        speaker=Speaker(start=0, end=9, text="The mayor"),
        cue=Span(start=10, end=14, text="said"),
        content=Span(start=content_start, end=content_end, text=text[content_start:content_end]),
        kind="indirect",
    )
    reported, own = find_predictions(parsed, [attribution])
    assert (reported.text, reported.holder) == ("the levy would raise a million", "a1")
    assert (own.text, own.holder) == ("It will not", "author")


def test_holder_prefers_the_innermost_attribution() -> None:
    def attribution(ident: str, start: int, end: int) -> Attribution:
        return Attribution(
            id=ident,
            speaker=Speaker(start=0, end=1, text="x"),
            cue=Span(start=0, end=1, text="x"),
            content=Span(start=start, end=end, text="y" * (end - start)),
            kind="indirect",
        )

    attributions = [attribution("a1", 0, 100), attribution("a2", 10, 40)]
    assert holder_of(12, 30, attributions) == "a2"
    assert holder_of(5, 30, attributions) == "a1"
    assert holder_of(90, 120, attributions) == "author"


def test_every_prediction_span_matches_the_text(miller: Analysis, example: Analysis) -> None:
    for analysis in (miller, example):
        text = analysis.document.text
        for p in analysis.predictions:
            assert text[p.start : p.end] == p.text
            if p.cue is not None:
                assert text[p.cue.start : p.cue.end] == p.cue.text


def test_canonical_example(miller: Analysis) -> None:
    found = {p.text: p for p in miller.predictions}
    deter = found["It will not deter Iran"]
    assert (deter.polarity, deter.probability >= 0.8) == ("negative", True)
    accelerate = found[
        "there is every reason to believe it will accelerate severe and consequential "
        "actions against the United States"
    ]
    assert accelerate.probability >= 0.8 and accelerate.cue is not None
    assert accelerate.cue.text == "every reason to believe"
    season = next(p for p in miller.predictions if p.text.startswith("We have now entered"))
    assert season.text.endswith("likely for months to come")
    assert abs(season.probability - 0.7) <= 0.05
    assert season.horizon is not None and season.horizon.text == "for months to come"
    assert season.horizon.end is not None
    assert season.horizon.end >= date(2020, 3, 3)  # months after 2020-01-03
    killing = next(p for p in miller.predictions if p.text.startswith("His killing will be"))
    assert killing.cue is not None and killing.cue.text == "will"
    untenable = found["The US position in Iraq may become untenable"]
    battleground = found[
        "Iran may make it the central battleground in its asymmetrical campaign against the US"
    ]
    for hedged in (untenable, battleground):
        assert abs(hedged.probability - 0.4) <= 0.05
    assert all(p.holder == "author" for p in miller.predictions)


def test_canonical_example_non_predictions(miller: Analysis) -> None:
    texts = " | ".join(p.text for p in miller.predictions)
    for phrase in ("may have compromised", "is compelling", "safer now", "won't know"):
        assert phrase not in texts
    # "we may never see it" is kept on purpose: a hedged forecast that the intelligence
    # will not be disclosed, which can be resolved.
    never = next(p for p in miller.predictions if p.text == "we may never see it")
    assert (never.polarity, never.probability) == ("negative", 0.45)


def test_project_example(example: Analysis) -> None:
    found = {p.text: p for p in example.predictions}
    ships = found["the ships will most likely move to Kingsbridge within two seasons"]
    assert ships.condition is not None and ships.condition.text == "If the levy passes in March"
    assert ships.horizon == Horizon(
        text="within two seasons", start=date(2025, 3, 14), end=date(2025, 9, 14)
    )
    takings = next(p for p in example.predictions if p.text.endswith("next year"))
    assert takings.probability == 0.45
    assert takings.horizon == Horizon(
        text="next year", start=date(2026, 1, 1), end=date(2026, 12, 31)
    )
    assert (
        "the levy would raise four million pounds a year without costing the town a single visitor"
        in found
    )
    assert not any("should" in p.text for p in example.predictions)
