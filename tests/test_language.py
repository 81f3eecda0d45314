"""The English check."""

from __future__ import annotations

from oplens.language import guess_language


def test_english_german_french_and_nothing() -> None:
    assert guess_language("The levy will not save the town, and the council knows it.")[0] == "en"
    german = "Die Abgabe wird die Stadt nicht retten, und der Rat weiß das auch ganz genau."
    assert guess_language(german)[0] == "de"
    french = "La taxe ne sauvera pas la ville, et le conseil le sait bien depuis des mois."
    assert guess_language(french)[0] == "fr"
    assert guess_language("12345 !!! ---") == ("und", 0.0)
