"""Names, bios and bylines parsed from their wording alone."""

from __future__ import annotations

import pytest

from oplens.bylines import (
    clean_author_names,
    is_name_line,
    parse_bio,
    parse_byline,
    split_names,
)


@pytest.mark.parametrize(
    ("sentence", "names", "role", "affiliation"),
    [
        (
            "Aaron David Miller is a senior fellow at the Carnegie Endowment for International "
            "Peace, focusing on U.S. foreign policy.",
            ("Aaron David Miller",),
            "senior fellow",
            "Carnegie Endowment for International Peace",
        ),
        ("Jane Doe is a CNN contributor.", ("Jane Doe",), "contributor", "CNN"),
        (
            "Jane Doe is a Washington Post columnist.",
            ("Jane Doe",),
            "columnist",
            "Washington Post",
        ),
        (
            "Maria de la Cruz is the director of research at Human Rights Watch.",
            ("Maria de la Cruz",),
            "director of research",
            "Human Rights Watch",
        ),
        (
            "Ann Lee and Bo Chan are economists at the Brookings Institution.",
            ("Ann Lee", "Bo Chan"),
            "economists",
            "Brookings Institution",
        ),
        (
            "Omar Haddad is a professor of law at Columbia University and a former prosecutor.",
            ("Omar Haddad",),
            "professor of law",
            "Columbia University",
        ),
        ("John Roe is a columnist.", ("John Roe",), "columnist", None),
    ],
)
def test_parse_bio(
    sentence: str, names: tuple[str, ...], role: str, affiliation: str | None
) -> None:
    bio = parse_bio(sentence)
    assert bio is not None
    assert (bio.names, bio.role, bio.affiliation) == (names, role, affiliation)


@pytest.mark.parametrize(
    "sentence",
    [
        "The council is a disgrace to the town.",
        "Trump is wrong about Iran.",
        "Mike Pompeo is happy with the result.",
        "This is a senior fellow at the institute.",
    ],
)
def test_parse_bio_rejects_ordinary_sentences(sentence: str) -> None:
    assert parse_bio(sentence) is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Aaron David Miller", True),
        ("J. K. Rowling", True),
        ("Bashar al-Assad", False),  # a lowercase particle glued on: not a bare name line
        ("More From CNN", False),
        ("Read More", False),
        ("The Harbour Levy", False),
        ("Aaron", False),
    ],
)
def test_is_name_line(line: str, expected: bool) -> None:
    assert is_name_line(line) is expected


def test_parse_byline_forms() -> None:
    assert parse_byline("By Jane Doe") == (("Jane Doe",), None)
    assert parse_byline("BY JANE DOE") == (("Jane Doe",), None)
    assert parse_byline("By Jane Doe, Opinion Contributor") == (
        ("Jane Doe",),
        "Opinion Contributor",
    )
    assert parse_byline("Jane Doe, Senior Columnist") == (("Jane Doe",), "Senior Columnist")
    assert parse_byline("By the way, the levy is a mistake") is None


def test_split_names_keeps_suffixes() -> None:
    assert split_names("Martin Luther King, Jr. and Coretta Scott King") == (
        "Martin Luther King, Jr.",
        "Coretta Scott King",
    )


def test_clean_author_names_from_page_metadata() -> None:
    raw = (
        "Author Isaiah Shelton",
        "Supermove February 8",
        "On December 9",
        "Trial Attorney",
        "The Author",
        "Jane Doe",
        "Jane Doe",
    )
    assert clean_author_names(raw) == ("Isaiah Shelton", "Supermove", "Jane Doe")
