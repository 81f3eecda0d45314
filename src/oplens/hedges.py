"""Hedges: the probability a wording gives a statement, calibrated on survey medians.

A prediction's probability is how likely its wording says the statement *as written* is to
come true. It is read from the hedge (the modal, adverb or frame that marks the statement as
a forecast), then composed with intensifiers, frame negation and nested hedges.

The table (``READINGS``) takes each value from the largest survey that asked about the
phrase, in this order (the data is in ``../shared/data/probability-words``; only medians are
quoted here):

- Mauboussin & Mauboussin 2018 (probabilitysurvey.com, about 1,860 answers per phrase):
  *certainly* 98, *almost certainly* 90, *with high probability* 80, *likely* 70, *probably*
  70, *serious possibility* 66, *real possibility* 60, *maybe* 50, *possibly* 45, *might
  happen* 40, *unlikely* 20, *with low probability* 15, *never* 0;
- zonination /r/samplesize poll (46 answers per phrase): *highly likely* 90, *very good
  chance* 80, *probable* 70, *we believe* 70, *better than even* 60, *about even* 50,
  *probably not* 26.5, *we doubt* 25, *improbable* 15, *little chance* 15, *chances are
  slight* 10, *highly unlikely* 5, *almost no chance* 2;
- Kent 1964 (words of estimative probability): *almost certain* 93.

A phrase no survey asked about is read as the surveyed phrase it paraphrases, named in its
row's ``source`` (``"as <phrase>"``): *will*, *shall*, *is going to* and the *would* of
reported speech are read as *almost certainly* (0.90: an unhedged future claims the outcome
but is weaker than *certainly*); *may* as the mean of *maybe*, *possibly* and *might happen*
(0.45); *might* and *could* as *might happen* (0.40); *may well* as *real possibility*
(0.60); *expect*, *is expected to*, *predict*, *forecast* and *warn of* (a forecasting verb
with a noun object) as Kent's *probable* (0.75); *promise* and *pledge* as *with high
probability* (0.80); *is set to*, *is due to* and *is scheduled to* (plans already made) as
*will*; *is bound to*, *surely* and *no doubt* as *slam dunk* (0.95); *risks*, *threatens
to*, "it is possible that" and "there is a risk that" as *possibly*; *perhaps* as *maybe*;
"chances are" and "the odds are" as *probably*.

Composition, applied in this order:

1. An intensifier (*very*, *highly*, *extremely*, *most*) moves a value halfway to the
   nearer end: *likely* 0.70 → *very likely* 0.85 (ICD 203 puts *very likely* at 80–95 %),
   *unlikely* 0.20 → *very unlikely* 0.10 (IPCC: under 10 %). A surveyed compound (*highly
   likely* 0.90) is looked up, not composed.
2. A negated frame (*not likely*, *don't expect*, *don't think*) reads as its complement,
   1 − p (*not likely* → 0.30; zonination's *probably not* is 26.5); a negated certainty
   word (*not certain*, *not sure*, *not inevitable*) only withdraws the certainty and
   reads 0.50.
3. A frame or hedging adverb over a clause with its own future marker replaces the future's
   0.90 (or more), and the weaker of the two wins over a hedged one: *there is every reason
   to believe it will* is the frame's 0.85, *will most likely* 0.85, and *it is possible
   that it could* 0.40, not a compounded 0.18 (writers repeat a hedge; they do not multiply
   it).
4. Negation inside the predicted clause changes the polarity, never the probability:
   "It will not deter Iran" is as near-certain as "It will deter Iran".
5. Values are clipped to [0.02, 0.98]: no wording in the surveys earns more than
   *certainly*'s 98.
"""

from __future__ import annotations

from dataclasses import dataclass

# The value of an unhedged future; frames and adverbs over it replace it (rule 3).
WILL = 0.90
FLOOR, CEILING = 0.02, 0.98


@dataclass(frozen=True)
class Reading:
    """How probable a phrase makes a statement, and where that number comes from."""

    probability: float
    source: str


def _m(value: float) -> Reading:
    return Reading(value, "Mauboussin 2018 median")


def _z(value: float) -> Reading:
    return Reading(value, "zonination median")


def _as(phrase: str, value: float) -> Reading:
    return Reading(value, f"as {phrase}")


READINGS: dict[str, Reading] = {
    # Surveyed phrases (Mauboussin first, then zonination, then Kent).
    "certainly": _m(0.98),
    "almost certainly": _m(0.90),
    "with high probability": _m(0.80),
    "likely": _m(0.70),
    "probably": _m(0.70),
    "serious possibility": _m(0.66),
    "real possibility": _m(0.60),
    "maybe": _m(0.50),
    "possibly": _m(0.45),
    "might happen": _m(0.40),
    "unlikely": _m(0.20),
    "with low probability": _m(0.15),
    "highly likely": _z(0.90),
    "very good chance": _z(0.80),
    "probable": _z(0.70),
    "we believe": _z(0.70),
    "better than even": _z(0.60),
    "about even": _z(0.50),
    "probably not": _z(0.265),
    "we doubt": _z(0.25),
    "improbable": _z(0.15),
    "little chance": _z(0.15),
    "chances are slight": _z(0.10),
    "highly unlikely": _z(0.05),
    "almost no chance": _z(0.02),
    "almost certain": Reading(0.93, "Kent 1964"),
    # Paraphrases of surveyed phrases (see the module note).
    "will": _as("almost certainly", WILL),
    "shall": _as("almost certainly", WILL),
    "is going to": _as("almost certainly", WILL),
    "would": _as("almost certainly (reported or conditional will)", WILL),
    "may": _as("mean of maybe, possibly, might happen", 0.45),
    "might": _as("might happen", 0.40),
    "could": _as("might happen", 0.40),
    "may well": _as("real possibility", 0.60),
    "might well": _as("real possibility", 0.60),
    "could well": _as("real possibility", 0.60),
    "perhaps": _as("maybe", 0.50),
    "expect": _as("probable (Kent 75)", 0.75),
    "is expected to": _as("probable (Kent 75)", 0.75),
    "anticipate": _as("probable (Kent 75)", 0.75),
    "predict": _as("probable (Kent 75)", 0.75),
    "forecast": _as("probable (Kent 75)", 0.75),
    "project": _as("probable (Kent 75)", 0.75),
    "plan": _as("probable (Kent 75)", 0.75),
    "intend": _as("probable (Kent 75)", 0.75),
    "promise": _as("with high probability", 0.80),
    "warn": _as("probable (Kent 75)", 0.75),
    "is set to": _as("will (a plan already made)", WILL),
    "is due to": _as("will (a plan already made)", WILL),
    "is scheduled to": _as("will (a plan already made)", WILL),
    "is slated to": _as("will (a plan already made)", WILL),
    "is poised to": _as("very likely (intensified likely)", 0.85),
    "is about to": _as("very likely (intensified likely)", 0.85),
    "is bound to": _as("slam dunk", 0.95),
    "is sure to": _as("slam dunk", 0.95),
    "is certain to": _as("slam dunk", 0.95),
    "inevitable": _as("slam dunk", 0.95),
    "inevitably": _as("slam dunk", 0.95),
    "surely": _as("slam dunk", 0.95),
    "no doubt": _as("slam dunk", 0.95),
    "undoubtedly": _as("slam dunk", 0.95),
    "definitely": _as("certainly", 0.98),
    "certain": _as("certainly", 0.98),
    "imminent": _as("very likely (intensified likely)", 0.85),
    "stands to": _as("likely", 0.70),
    "think": _as("we believe", 0.70),
    "believe": _as("we believe", 0.70),
    "suspect": _as("we believe", 0.70),
    "fear": _as("we believe", 0.70),
    "chances are": _as("probably", 0.70),
    "chances": _as("probably (chances are)", 0.70),
    "odds": _as("probably (the odds are)", 0.70),
    "chance": _as("about even (a chance that)", 0.50),
    "possible": _as("possibly", 0.45),
    "possibility": _as("possibly", 0.45),
    "risk": _as("possibly (a risk that)", 0.45),
    "danger": _as("possibly (a danger that)", 0.45),
    "good chance": _as("probably", 0.70),
    "more than likely": _as("likely, half intensified", 0.775),
    "every reason to believe": _as("we believe, intensified", 0.85),
    "good reason to believe": _as("we believe", 0.70),
    "little reason to believe": _as("little chance", 0.15),
    "no reason to believe": _as("almost no chance", 0.02),
    "risks": _as("possibly", 0.45),
    "threatens to": _as("possibly", 0.45),
    "doubt": _as("we doubt", 0.25),
    "questionable": _as("we doubt", 0.25),
    "doubtful": _as("we doubt", 0.25),
    "difficult to see": _as("we doubt", 0.25),
    "hard to see": _as("we doubt", 0.25),
    "less than 50/50": _as("between might happen and about even", 0.45),
    "50/50": _as("about even", 0.50),
    "even chance": _as("about even", 0.50),
}

INTENSIFIERS = frozenset({"very", "highly", "extremely", "most", "overwhelmingly"})
_CERTAINTY = frozenset(
    {"certain", "certainly", "sure", "inevitable", "inevitably", "definitely", "bound", "clear"}
)


def value(phrase: str) -> float:
    """The table's probability for a phrase known to be in it.

    Raises:
        KeyError: the phrase is not in the table.
    """
    found = reading(phrase)
    if found is None:
        raise KeyError(phrase)
    return found.probability


def reading(phrase: str) -> Reading | None:
    """Return the table's reading of a phrase (case and spacing ignored), or None."""
    key = " ".join(phrase.lower().replace("’", "'").split())
    return READINGS.get(key)


def intensify(probability: float) -> float:
    """Move a probability halfway to the nearer end (*likely* 0.70 → *very likely* 0.85)."""
    if probability >= 0.5:
        return probability + (1.0 - probability) / 2
    return probability / 2


def negate_frame(word: str, probability: float) -> float:
    """Return the probability of a negated frame: 1 − p, or 0.50 for a certainty word."""
    if word.lower() in _CERTAINTY:
        return 0.5
    return 1.0 - probability


def combine(frame: float, inner: float) -> float:
    """Compose a frame or adverb over a clause with its own future marker (rule 3)."""
    return frame if inner >= WILL else min(frame, inner)


def clip(probability: float) -> float:
    """Clip to [0.02, 0.98] and round to three places, for stable records."""
    return round(min(CEILING, max(FLOOR, probability)), 3)


def phrase_probability(phrase: str, *, negated: bool = False) -> float | None:
    """Read a hedge phrase, composing a leading intensifier and frame negation.

    ``"very likely"`` is 0.85 (intensified), ``"highly likely"`` 0.90 (surveyed);
    with ``negated`` (the frame itself is negated: "not likely") the complement is taken.
    Returns None when the phrase (without its intensifier) is not in the table.
    """
    found = reading(phrase)
    words = phrase.lower().split()
    head_word = words[-1] if words else ""
    if found is None and len(words) > 1 and words[0] in INTENSIFIERS:
        base = reading(" ".join(words[1:]))
        if base is None:
            return None
        value = intensify(base.probability)
    elif found is None:
        return None
    else:
        value = found.probability
    if negated:
        value = negate_frame(head_word, value)
    return clip(value)
