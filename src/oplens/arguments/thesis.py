"""Thesis selection: the unit that looks most like the piece's central claim.

Candidates are the author's own non-evidence units not yet given a role by the rebuttal,
concession and premise rules, and the answers to concessions. Each is scored by hand-set
weights over cues the argument-mining literature ties to central claims (Peldszus &
Stede; Stab & Gurevych): a turn against a concession that denies an inference ("that the
US could kill him doesn't mean it should", +2; any other answer to a concession, +0.5);
words shared with the headline (+3 × the share of headline words); a normative modal
(+1); a conclusive marker ("therefore", "that's why", +1); the opening unit of the text
(+0.75); the opening or closing paragraph (+0.5 each, a one-paragraph text gets both);
each unit already supporting it (+0.25, at most +1). Ties go to the earlier unit.
"""

from __future__ import annotations

from collections.abc import Sequence

from oplens.arguments.units import EVIDENCE, Structure, UnitInput


def thesis_score(
    units: Sequence[UnitInput], index: int, out: Structure, title: frozenset[str]
) -> float:
    """Return the hand-weighted centrality score of one unit (see the module note)."""
    unit = units[index]
    cues = unit.cues
    score = 0.0
    target = out.relations.get(index)
    if target and target[1] == "attack" and out.roles.get(target[0]) == "concession":
        score += 2.0 if cues.denies_inference else 0.5
    if title:
        score += 3.0 * len((cues.lemmas | cues.forms) & title) / len(title)
    score += 1.0 if cues.normative else 0.0
    score += 1.0 if cues.opener == "conclusive" or cues.conclusive_inside else 0.0
    score += 0.75 if index == 0 else 0.0
    score += 0.5 if unit.paragraph == 0 else 0.0
    score += 0.5 if unit.paragraph == units[-1].paragraph else 0.0
    supporters = sum(1 for t, kind in out.relations.values() if t == index and kind == "support")
    return score + min(1.0, 0.25 * supporters)


def _candidate(units: Sequence[UnitInput], index: int, out: Structure) -> bool:
    unit = units[index]
    if unit.type in EVIDENCE or unit.cues.reported or unit.cues.voiced:
        return False
    role = out.roles.get(index)
    answers_concession = (
        index in out.relations
        and out.relations[index][1] == "attack"
        and out.roles.get(out.relations[index][0]) == "concession"
    )
    return (role is None and index not in out.relations) or answers_concession


def choose_thesis(units: Sequence[UnitInput], out: Structure, title: frozenset[str]) -> int | None:
    """Return the index of the best-scoring candidate, or None when there is none."""
    candidates = [i for i in range(len(units)) if _candidate(units, i, out)]
    if not candidates:
        return None
    return max(candidates, key=lambda i: (thesis_score(units, i, out, title), -i))
