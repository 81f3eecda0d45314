"""Entities: short names joined to full names, labels fixed by majority, titles kept."""

from __future__ import annotations

from oplens import Analysis, analyze


def entity_named(analysis: Analysis, name: str) -> tuple[str, tuple[str, ...], str | None]:
    entity = next(e for e in analysis.entities if e.name == name)
    return entity.label, tuple(m.text for m in entity.mentions), entity.title


def test_short_names_join_full_names_in_the_canonical_example(miller: Analysis) -> None:
    assert entity_named(miller, "Qasem Soleimani") == (
        "PERSON",
        ("Qasem Soleimani", "Soleimani", "Soleimani", "Soleimani"),
        None,
    )
    # "Pompeo's" is a mention of Mike Pompeo; the small model calls it an ORG once.
    assert entity_named(miller, "Mike Pompeo") == (
        "PERSON",
        ("Mike Pompeo", "Pompeo"),
        "Secretary of State",
    )
    assert entity_named(miller, "Donald Trump") == ("PERSON", ("Donald Trump",), "President")


def test_a_title_is_not_left_behind_as_an_organisation(miller: Analysis) -> None:
    assert "State" not in {e.name for e in miller.entities}


def test_us_and_united_states_are_one_place(miller: Analysis) -> None:
    label, mentions, _ = entity_named(miller, "United States")
    assert (label, len(mentions)) == ("GPE", 6)


def test_every_mention_is_a_span_of_the_text(miller: Analysis) -> None:
    text = miller.document.text
    assert all(text[m.start : m.end] == m.text for e in miller.entities for m in e.mentions)


def test_ids_follow_first_mention_order() -> None:
    analysis = analyze("Angela Merkel met Emmanuel Macron in Paris. Merkel spoke first.")
    assert [(e.id, e.name) for e in analysis.entities][:2] == [
        ("e1", "Angela Merkel"),
        ("e2", "Emmanuel Macron"),
    ]
    merkel = analysis.entities[0]
    assert [m.text for m in merkel.mentions] == ["Angela Merkel", "Merkel"]


def test_the_same_surname_goes_to_the_nearest_full_name() -> None:
    text = (
        "Hillary Clinton spoke on Monday. Bill Clinton spoke on Tuesday. "
        "Then Clinton left the stage."
    )
    analysis = analyze(text)
    bill = next(e for e in analysis.entities if e.name == "Bill Clinton")
    assert [m.text for m in bill.mentions] == ["Bill Clinton", "Clinton"]
