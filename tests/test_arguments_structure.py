"""Role, relation and thesis rules over hand-built units (no parse needed)."""

from __future__ import annotations

from oplens.arguments.cues import UnitCues
from oplens.arguments.structure import build_structure
from oplens.arguments.units import UnitInput
from oplens.schema import Attribution, Span, Speaker, UnitType


def unit(
    index: int,
    paragraph: int,
    unit_type: UnitType = "assumption",
    attribution: str | None = None,
    **cues: object,
) -> UnitInput:
    return UnitInput(
        start=index * 10,
        end=index * 10 + 9,
        sentence=f"s{index + 1}",
        paragraph=paragraph,
        type=unit_type,
        cues=UnitCues(**cues),  # type: ignore[arg-type]
        attribution=attribution,
    )


def test_short_denial_after_reported_claim_is_a_rebuttal() -> None:
    units = [
        unit(0, 0, "testimony", reported=True, content_lemmas=frozenset({"safe", "be"})),
        unit(1, 0, negated=True, words=3),
        unit(2, 0, "testimony"),
    ]
    out = build_structure(units)
    assert out.roles == {0: "background", 1: "rebuttal", 2: "premise"}
    assert out.relations == {1: (0, "attack"), 2: (1, "support")}
    assert out.answers == {}


def test_rebuttal_is_linked_to_the_attribution_it_answers() -> None:
    units = [unit(0, 0, "testimony", attribution="a1"), unit(1, 0, negated=True, words=3)]
    out = build_structure(units)
    assert out.roles[1] == "rebuttal" and out.answers == {1: "a1"}


def test_long_negated_unit_must_share_a_verb_with_the_reported_content() -> None:
    reported = unit(0, 0, reported=True, content_lemmas=frozenset({"deter", "iran", "action"}))
    shares = unit(1, 0, negated=True, words=9, lemmas=frozenset({"deter", "iran", "will"}))
    unrelated = unit(1, 0, negated=True, words=9, lemmas=frozenset({"win", "war"}))
    assert build_structure([reported, shares]).relations[1] == (0, "attack")
    assert build_structure([reported, unrelated]).roles[1] != "rebuttal"


def test_negation_without_a_reported_claim_is_no_rebuttal() -> None:
    out = build_structure([unit(0, 0), unit(1, 0, negated=True, words=3)])
    assert "rebuttal" not in out.roles.values()


def test_denial_in_the_next_paragraph_is_no_rebuttal() -> None:
    out = build_structure([unit(0, 0, reported=True), unit(1, 1, negated=True, words=3)])
    assert "rebuttal" not in out.roles.values()


def test_dismissal_is_a_rebuttal() -> None:
    out = build_structure([unit(0, 0, reported=True), unit(1, 0, dismissive=True, words=4)])
    assert out.roles[1] == "rebuttal" and out.relations[1] == (0, "attack")


def test_granted_point_answered_by_but_is_a_concession() -> None:
    units = [
        unit(0, 0, concession_words=True),
        unit(1, 0, "testimony"),
        unit(2, 1, opener="adversative", denies_inference=True, normative=True),
        unit(3, 1, opener="additive"),
    ]
    out = build_structure(units)
    assert out.roles == {0: "concession", 1: "premise", 2: "thesis", 3: "premise"}
    assert out.relations == {1: (0, "support"), 2: (0, "attack"), 3: (2, "support")}
    assert out.thesis == 2


def test_but_without_a_granted_point_makes_no_concession() -> None:
    out = build_structure([unit(0, 0), unit(1, 0, opener="adversative")])
    assert "concession" not in out.roles.values()


def test_concessive_marker_is_answered_by_the_main_clause() -> None:
    first = unit(0, 0, opener="concessive")
    main = UnitInput(10, 19, "s1", 0, "assumption", UnitCues(normative=True))
    out = build_structure([first, main])
    assert out.roles == {0: "concession", 1: "thesis"}
    assert out.relations == {1: (0, "attack")}


def test_causal_clause_supports_the_unit_before_it() -> None:
    out = build_structure([unit(0, 0), unit(1, 0, opener="causal")])
    assert out.roles == {0: "thesis", 1: "premise"}
    assert out.relations == {1: (0, "support")}


def test_units_before_a_conclusion_support_it() -> None:
    out = build_structure([unit(0, 0), unit(1, 0), unit(2, 0, opener="conclusive")])
    assert out.relations == {0: (2, "support"), 1: (2, "support")}
    assert out.thesis == 2


def test_evidence_never_heads_a_paragraph() -> None:
    out = build_structure([unit(0, 0, "statistics"), unit(1, 0), unit(2, 1, normative=True)])
    assert out.roles == {0: "premise", 1: "claim", 2: "thesis"}
    assert out.relations == {0: (1, "support"), 1: (2, "support")}


def test_headline_words_pick_the_thesis() -> None:
    units = [unit(0, 0, forms=frozenset({"levy", "fail"})), unit(1, 1), unit(2, 2)]
    out = build_structure(units, title=frozenset({"levy", "save"}))
    assert out.thesis == 0


def test_rejected_attribution_marks_its_stance_evidence_as_rebuttal() -> None:
    attribution = Attribution(
        id="a1",
        speaker=Speaker(start=0, end=4, text="Mayo"),
        cue=Span(start=5, end=8, text="sai"),
        content=Span(start=0, end=9, text="x" * 9),
        kind="indirect",
        stance="rejected",
        stance_evidence=Span(start=21, end=25, text="nope"),
    )
    units = [unit(0, 0, attribution="a1"), unit(1, 0), unit(2, 0)]
    out = build_structure(units, [attribution])
    assert out.roles[2] == "rebuttal" and out.relations[2] == (0, "attack")
    assert out.answers == {2: "a1"}
