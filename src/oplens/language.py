"""A cheap check that a text is English, by the share of common function words.

spaCy's English model says nothing about language; a full language identifier is a large
dependency for one warning. Function words separate the languages we are likely to meet
in news archives well: English op-eds score 0.35–0.55 on the list below (measured on the
editorials of ../shared/data/corpus), German or French articles under 0.08.
"""

from __future__ import annotations

import re

_FUNCTION_WORDS = {
    "en": "the of and to a in is that for it on was with as be by are this not but at have from "
    "or an they which you he his their we will has been would who more its there can",
    "de": "der die und in den von zu das mit sich des auf für ist im dem nicht ein eine als auch "
    "es an werden aus er hat dass sie nach wird bei einer um am sind noch wie einem über",
    "fr": "de la le et les des en un du une est que pour qui dans par pas sur au plus ne se "
    "ce il sont avec son elle mais nous aux",
    "es": "de la que el en y los del se las por un para con no una su al es lo como más pero "
    "sus le ya o fue este ha",
    "it": "di e il la che in un per del della non una sono le si con al dei da gli come anche "
    "ma nel alla più lo",
    "pt": "de a o que e do da em um para com não uma os no se na por mais as dos como mas ao "
    "ele das seu sua",
    "nl": "de het een en van in is dat op te zijn met voor niet aan er die ook als bij door "
    "maar om nog naar wordt",
}
_WORDS = {code: frozenset(words.split()) for code, words in _FUNCTION_WORDS.items()}
_TOKEN = re.compile(r"[^\W\d_]+", re.U)
# Below this share of English function words a text is not English; see the module note.
ENGLISH_FLOOR = 0.15


def guess_language(text: str, sample: int = 20000) -> tuple[str, float]:
    """Return the likeliest language code and its share of function words.

    Returns ``("und", 0.0)`` for a text with no words at all.
    """
    tokens = [token.lower() for token in _TOKEN.findall(text[:sample])]
    if not tokens:
        return "und", 0.0
    shares = {
        code: sum(token in words for token in tokens) / len(tokens)
        for code, words in _WORDS.items()
    }
    english = shares["en"]
    if english >= ENGLISH_FLOOR:
        return "en", english
    best = max(shares, key=lambda code: shares[code])
    return (best, shares[best]) if shares[best] >= ENGLISH_FLOOR else ("und", english)
