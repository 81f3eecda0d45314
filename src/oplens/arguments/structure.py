"""Roles and relations from the units' cues and types; the thesis from ``thesis``.

The rules, in the order they run (an earlier rule's role is never overwritten):

1. **Rebuttal of a reported claim.** A unit right after a reported claim (reported speech
   found in the parse, an opposing voice such as "Critics point out ...", or the content of
   an attribution) that denies it: negated and short ("They are not.", "It will not.") or
   negating a verb of the reported content ("It will not deter Iran" after "... designed to
   deter Iran"), or dismissing it ("That is wishful thinking.", "I doubt that ..."). The
   reported unit becomes background; the rebuttal attacks it. An attribution the
   attributions stage marked *rejected* makes the unit holding its stance evidence a
   rebuttal of it too.
2. **Concession.** A unit opened by a concessive marker ("Granted, ...", "Of course ...",
   "Although ...") and answered by the next adversative unit (or by the main clause of its
   own sentence); or, before a unit opened by an adversative marker ("But", "However"),
   the unit it answers: a clause of the same sentence ("X may be true, yet ..."), or the
   unit before it or the first unit of the stretch (its paragraph, or for a
   paragraph-opening "But" the paragraph before) when that unit grants a point ("is
   compelling", "is easy to make", "may", an opposing voice); or the unit before it when
   the answer is a strong adversative ("However", "Nevertheless") or denies an inference
   ("does not mean it should"). The answer attacks the concession; the units between
   them support it.
3. **Premises.** A unit opened by a causal marker ("because", "as", "after all") supports
   the unit before it; the units before one opened by a conclusive marker ("therefore",
   "that's why") support it.
4. **Thesis** (``oplens.arguments.thesis``), then every other unit of a paragraph
   supports the paragraph's head (the thesis, else its first claim; evidence, i.e.
   anecdote, statistics and testimony, never heads one); a rebuttal heads what follows
   it; every head without a target supports the thesis.
"""

from __future__ import annotations

from collections.abc import Sequence

from oplens.arguments.thesis import choose_thesis
from oplens.arguments.units import EVIDENCE, Structure, UnitInput
from oplens.schema import Attribution

# A denial this short (in words) is elliptical and can only answer what came just before.
ELLIPSIS_WORDS = 6
# How many units back an adversative answer may reach for the point it concedes: the
# concession, at most two premises for it (the op-ed pattern "X is compelling. [reasons]
# But ...").
CONCESSION_REACH = 3


def _denies(unit: UnitInput, reported: UnitInput) -> bool:
    cues = unit.cues
    if cues.dismissive:
        return True
    if not cues.negated or cues.opener in {"causal", "conclusive"}:
        return False
    if cues.words <= ELLIPSIS_WORDS:
        return True
    shared = cues.lemmas & reported.cues.content_lemmas
    return any(lemma not in {"be", "have", "do", "will", "would"} for lemma in shared)


def _rebuttals(units: Sequence[UnitInput], out: Structure) -> None:
    for index, unit in enumerate(units):
        if index in out.roles:
            continue
        for back in (1, 2):
            target = index - back
            if target < 0 or units[target].paragraph != unit.paragraph:
                break
            reported = units[target]
            if reported.cues.reported or reported.cues.voiced or reported.attribution:
                if _denies(unit, reported):
                    _mark_rebuttal(units, out, index, target)
                break


def _mark_rebuttal(units: Sequence[UnitInput], out: Structure, index: int, target: int) -> None:
    out.roles[index] = "rebuttal"
    out.roles[target] = "background"
    out.relate(index, target, "attack")
    attribution = units[target].attribution
    if attribution:
        out.answers[index] = attribution


def _rejected(
    units: Sequence[UnitInput], attributions: Sequence[Attribution], out: Structure
) -> None:
    for attribution in attributions:
        evidence = attribution.stance_evidence
        if attribution.stance != "rejected" or evidence is None:
            continue
        source = _unit_at(units, evidence.start)
        target = next((i for i, u in enumerate(units) if u.attribution == attribution.id), None)
        if source is None or target is None or source == target or source in out.roles:
            continue
        _mark_rebuttal(units, out, source, target)


def _unit_at(units: Sequence[UnitInput], offset: int) -> int | None:
    return next((i for i, u in enumerate(units) if u.start <= offset < u.end), None)


def _concede(out: Structure, concession: int, answer: int | None) -> None:
    out.roles[concession] = "concession"
    if answer is None:
        return
    out.relate(answer, concession, "attack")
    for between in range(concession + 1, answer):
        if between not in out.roles:
            out.roles[between] = "premise"
            out.relate(between, concession, "support")


def _concessions(units: Sequence[UnitInput], out: Structure) -> None:
    for index, unit in enumerate(units):
        if unit.cues.opener == "concessive" and index not in out.roles:
            _concede(out, index, _next_adversative(units, index))
    for index, unit in enumerate(units):
        if unit.cues.opener != "adversative" or index in out.relations or index in out.roles:
            continue
        conceded = _conceded(units, index, out)
        if conceded is not None:
            _concede(out, conceded, index)


def _grants(unit: UnitInput) -> bool:
    cues = unit.cues
    return cues.concession_words or cues.voiced or cues.opener == "concessive"


def _conceded(units: Sequence[UnitInput], index: int, out: Structure) -> int | None:
    """The unit an adversative unit answers, if it is a concession (see rule 2)."""
    answer = units[index]
    before = index - 1
    if before < 0 or before in out.roles:
        return None
    if units[before].sentence == answer.sentence or _grants(units[before]):
        return before
    first = _stretch_start(units, index)
    if first is not None and first not in out.roles and _grants(units[first]):
        return first
    strong = answer.cues.strong_adversative or answer.cues.denies_inference
    return before if strong and units[before].paragraph >= answer.paragraph - 1 else None


def _next_adversative(units: Sequence[UnitInput], index: int) -> int | None:
    for later in range(index + 1, min(len(units), index + 1 + CONCESSION_REACH)):
        cues = units[later].cues
        if cues.opener == "adversative":
            return later
        if units[later].sentence == units[index].sentence and cues.opener != "additive":
            return later  # "Although X, Y": the main clause answers the concessive clause.
    return None


def _stretch_start(units: Sequence[UnitInput], index: int) -> int | None:
    """The first unit of the stretch an adversative unit answers, if within reach."""
    unit = units[index]
    opens_paragraph = index == 0 or units[index - 1].paragraph != unit.paragraph
    paragraph = unit.paragraph - 1 if opens_paragraph else unit.paragraph
    first = index
    while first - 1 >= 0 and units[first - 1].paragraph == paragraph:
        first -= 1
    return first if first != index and index - first <= CONCESSION_REACH else None


def _premises(units: Sequence[UnitInput], out: Structure) -> None:
    for index, unit in enumerate(units):
        same_paragraph = index > 0 and units[index - 1].paragraph == unit.paragraph
        if unit.cues.opener == "causal" and same_paragraph and index not in out.roles:
            out.roles[index] = "premise"
            out.relate(index, index - 1, "support")
        if unit.cues.opener == "conclusive" and same_paragraph:
            for before in range(index - 1, -1, -1):
                if units[before].paragraph != unit.paragraph or before in out.roles:
                    break
                out.roles[before] = "premise"
                out.relate(before, index, "support")


def _attach_to_heads(units: Sequence[UnitInput], members: Sequence[int], out: Structure) -> None:
    """Make the paragraph's other units premises of its head, or of a later rebuttal.

    The head is the thesis when it lies in the paragraph, else the paragraph's first claim;
    a rebuttal further on heads what follows it ("It will not. The two largest cruise
    lines have already told ...").
    """
    head = out.thesis if out.thesis in members else _paragraph_head(units, members, out)
    if head is not None and head not in out.roles:
        out.roles[head] = "claim"
    for index in members:
        if index in out.relations and index not in out.roles:
            out.roles[index] = "claim"  # an answer to a concession: its own claim
        if out.roles.get(index) == "rebuttal" and head is not None and index > head:
            head = index
        if head is None or index == head or index in out.roles:
            continue
        out.roles[index] = "premise"
        out.relate(index, head, "support")


def _paragraph_head(
    units: Sequence[UnitInput], members: Sequence[int], out: Structure
) -> int | None:
    """The paragraph's main claim: its first rebuttal or unassigned non-evidence unit."""
    for index in members:
        role = out.roles.get(index)
        if role == "rebuttal" or (role is None and units[index].type not in EVIDENCE):
            return index
    return None


def _finish(units: Sequence[UnitInput], out: Structure) -> None:
    """Attach paragraphs to their heads, heads to the thesis; name answers rebuttals."""
    for paragraph in sorted({u.paragraph for u in units}):
        _attach_to_heads(units, [i for i, u in enumerate(units) if u.paragraph == paragraph], out)
    for index in range(len(units)):
        out.roles.setdefault(index, "claim")
    if out.thesis is not None:
        out.roles[out.thesis] = "thesis"
    for index, role in sorted(out.roles.items()):
        if role != "claim":
            continue
        target = out.relations.get(index)
        if target is None and out.thesis is not None:
            out.relate(index, out.thesis, "support")
        elif target is not None and target[1] == "attack" and out.roles[target[0]] == "concession":
            # Answering a conceded point is this unit's move: it is a rebuttal of it.
            out.roles[index] = "rebuttal"


def build_structure(
    units: Sequence[UnitInput],
    attributions: Sequence[Attribution] = (),
    title: frozenset[str] = frozenset(),
) -> Structure:
    """Run the rules of the module note over units in text order.

    Args:
        units: the units, in text order.
        attributions: the attributions stage's records (empty when it did not run).
        title: lowercased content words of the headline, if known.
    """
    out = Structure()
    _rejected(units, attributions, out)
    _rebuttals(units, out)
    _concessions(units, out)
    _premises(units, out)
    out.thesis = choose_thesis(units, out, title)
    _finish(units, out)
    return out
