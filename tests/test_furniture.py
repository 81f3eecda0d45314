"""Furniture rules, one by one, on short texts with known answers."""

from __future__ import annotations

from datetime import date

import pytest

from oplens.furniture import find_furniture, split_lines

BODY_A = "The council voted on Tuesday to raise the levy. Nobody expected it."
BODY_B = "Residents will pay for the mistake for years. That much is certain."


def kinds(text: str, *, is_html: bool = False) -> list[tuple[str, str]]:
    result = find_furniture(text, is_html=is_html)
    return [(p.kind, text[p.start : p.end]) for p in result.pieces]


def body(text: str, *, is_html: bool = False) -> list[str]:
    return [text[s:e] for s, e in find_furniture(text, is_html=is_html).paragraphs]


def test_split_lines_keeps_offsets_and_blank_lines() -> None:
    text = "  One line.  \r\n\r\nTwo\nThree"
    lines = split_lines(text)
    assert [(line.text, line.blank_before) for line in lines] == [
        ("One line.", True),
        ("Two", True),
        ("Three", False),
    ]
    assert all(text[line.start : line.end] == line.text for line in lines)


def test_author_box_in_the_middle_with_name_line_and_bio() -> None:
    text = (
        f"{BODY_A}\n\nJane Q. Doe\nJane Q. Doe is a senior fellow at the Hudson Institute, "
        f"focusing on trade.\nMore >\n\n{BODY_B}"
    )
    result = find_furniture(text)
    assert kinds(text) == [
        (
            "author_box",
            "Jane Q. Doe\nJane Q. Doe is a senior fellow at the Hudson Institute, "
            "focusing on trade.",
        ),
        ("more_link", "More >"),
    ]
    author = result.pieces[0].authors[0]
    assert (author.name, author.role, author.affiliation) == (
        "Jane Q. Doe",
        "senior fellow",
        "Hudson Institute",
    )
    assert author.bio is not None
    assert text[author.bio[0] : author.bio[1]].startswith("Jane Q. Doe is a senior fellow")
    assert body(text) == [BODY_A, BODY_B]


def test_standalone_bio_at_the_end_is_an_author_box() -> None:
    bio = "Omar Haddad is a professor of law at Columbia University and a former prosecutor."
    text = f"{BODY_A}\n\n{BODY_B}\n\n{bio}"
    result = find_furniture(text)
    assert kinds(text) == [("author_box", bio)]
    author = result.pieces[0].authors[0]
    assert (author.role, author.affiliation) == ("professor of law", "Columbia University")


def test_a_person_described_mid_article_is_body() -> None:
    text = (
        f"{BODY_A}\n\nMike Pompeo is the secretary of state at the moment, and he knows it.\n\n"
        f"{BODY_B}\n\n{BODY_A}\n\n{BODY_B}\n\n{BODY_A}"
    )
    assert kinds(text) == []


@pytest.mark.parametrize(
    ("line", "outlet"),
    [
        ("This article was originally published in CNN.", "CNN"),
        ("This piece first appeared in The Atlantic on March 3, 2021.", "The Atlantic"),
        ("Originally published by the Washington Post.", "Washington Post"),
        ("A version of this op-ed appeared in the Financial Times.", "Financial Times"),
        ("Republished with permission from Foreign Policy.", "Foreign Policy"),
        (
            "This article is republished from The Conversation under a Creative Commons license.",
            "The Conversation",
        ),
    ],
)
def test_republication_notices_name_the_outlet(line: str, outlet: str) -> None:
    result = find_furniture(f"{BODY_A}\n\n{line}")
    assert [(p.kind, p.outlet) for p in result.pieces] == [("republication_notice", outlet)]


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("More >", "more_link"),
        ("Read more", "more_link"),
        ("Continue reading...", "more_link"),
        ("Share this article", "share"),
        ("Facebook Twitter Email", "share"),
        ("Follow us on Twitter", "share"),
        ("@janedoe", "share"),
        ("Sign up for our daily opinion newsletter", "newsletter"),
        ("Subscribe to get the best of Opinion in your inbox", "newsletter"),
        ("© 2024 The Northmoor Courier. All rights reserved.", "copyright"),
        ("Copyright 2019 Example Media", "copyright"),
        ("Photo: John Smith/Getty Images", "photo_credit"),
        ("Protesters gather outside the embassy. (AP Photo/Jane Roe)", "photo_credit"),
        ("Advertisement", "advertisement"),
        ("Story continues below advertisement", "advertisement"),
        ("Editor's note: the views expressed here are the author's own.", "editor_note"),
        ("The views expressed in this commentary are his own.", "disclaimer"),
    ],
)
def test_single_line_furniture(line: str, kind: str) -> None:
    text = f"{BODY_A}\n\n{BODY_B}\n\n{line}\n\n{BODY_A}\n\n{BODY_B}"
    assert kinds(text) == [(kind, line)]
    assert body(text) == [BODY_A, BODY_B, BODY_A, BODY_B]


@pytest.mark.parametrize(
    "line",
    [
        "Share prices fell by a third after the announcement, and nobody was surprised.",
        "Follow the money, as they say, and you will find the answer.",
        "More than a thousand people signed the petition.",
        "The newsletter he wrote for twenty years was read by everyone in town.",
        "Read the report and you will see why.",
    ],
)
def test_body_sentences_that_resemble_furniture_are_kept(line: str) -> None:
    text = f"{BODY_A}\n\n{line}\n\n{BODY_B}"
    assert kinds(text) == []


def test_related_header_takes_its_headline_list() -> None:
    text = (
        f"{BODY_A}\n\nRelated:\nWhy the levy failed in Kingsbridge\nThe cruise lines' next move\n\n"
        f"{BODY_B}"
    )
    assert kinds(text) == [
        ("related", "Related:\nWhy the levy failed in Kingsbridge\nThe cruise lines' next move")
    ]
    assert body(text) == [BODY_A, BODY_B]


def test_bylines_with_role_and_date() -> None:
    text = f"By Jane Doe and John Roe | March 3, 2021\n\n{BODY_A}\n\n{BODY_B}"
    result = find_furniture(text)
    piece = result.pieces[0]
    assert piece.kind == "byline"
    assert [a.name for a in piece.authors] == ["Jane Doe", "John Roe"]
    assert piece.published == date(2021, 3, 3)
    text = f"Jane Doe, Opinion Contributor\n\n{BODY_A}\n\n{BODY_B}"
    piece = find_furniture(text).pieces[0]
    assert (piece.kind, piece.authors[0].name, piece.authors[0].role) == (
        "byline",
        "Jane Doe",
        "Opinion Contributor",
    )


def test_editor_note_carries_the_author_bio() -> None:
    note = (
        "Editor's Note: Aaron David Miller is a senior fellow at the Carnegie Endowment for "
        "International Peace. The views expressed in this commentary are his own."
    )
    result = find_furniture(f"{note}\n\n{BODY_A}\n\n{BODY_B}")
    piece = result.pieces[0]
    assert piece.kind == "editor_note"
    assert [(a.name, a.role, a.affiliation) for a in piece.authors] == [
        ("Aaron David Miller", "senior fellow", "Carnegie Endowment for International Peace")
    ]


def test_title_and_dateline_of_plain_text() -> None:
    dateline = "Updated 10:32 AM EST, Fri January 3, 2020"
    text = f"Why the Levy Will Fail\n\n{dateline}\n\n{BODY_A}\n\n{BODY_B}"
    result = find_furniture(text)
    assert [p.kind for p in result.pieces] == ["title", "dateline"]
    assert result.pieces[1].published == date(2020, 1, 3)


def test_lines_without_blank_lines_are_paragraphs_each() -> None:
    text = f"{BODY_A}\n{BODY_B}\nShare this article\n{BODY_A}"
    assert body(text, is_html=True) == [BODY_A, BODY_B, BODY_A]


def test_hard_wrapped_paragraphs_stay_whole() -> None:
    text = "First line of a paragraph\nthat wraps here.\n\nSecond paragraph."
    assert body(text) == ["First line of a paragraph\nthat wraps here.", "Second paragraph."]


def test_the_canonical_shape(miller_text: str) -> None:
    result = find_furniture(miller_text)
    assert [p.kind for p in result.pieces] == [
        "author_box",
        "more_link",
        "republication_notice",
    ]
    assert result.pieces[2].outlet == "CNN"
    assert len(result.paragraphs) == 9
