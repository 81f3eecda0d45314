"""What the attribution training mines from PolNeAR-style gold besides the CRF weights."""

from __future__ import annotations

from oplens.training.attributions import reporting_frames, speaker_nouns
from oplens.training.parsed import parse_gold
from oplens.training.polnear import GoldDocument, parse_ann

TEXT = (
    "Officials called for an inquiry.\n"
    "Officials called for calm.\n"
    "The streets called for rain.\n"
    "He wrote a letter.\n"
    "She wrote a book.\n"
    "They wrote a song.\n"
)


def annotated(text: str) -> GoldDocument:
    """The two "Officials called for …" lines annotated as attributions, nothing else."""
    ann = []
    for k, line in enumerate(("Officials called for an inquiry", "Officials called for calm")):
        start = text.index(line)
        cue, content = start + len("Officials "), start + len("Officials called for ")
        ann += [
            f"T{3 * k + 1}\tSource {start} {start + 9}\tOfficials",
            f"T{3 * k + 2}\tCue {cue} {cue + 10}\tcalled for",
            f"T{3 * k + 3}\tContent {content} {start + len(line)}\t{line[21:]}",
            f"E{k + 1}\tAttribution:T{3 * k + 2} Content:T{3 * k + 3} "
            f"Cue:T{3 * k + 2} Source:T{3 * k + 1}",
        ]
    return GoldDocument("n", "a", text, parse_ann("\n".join(ann) + "\n"))


def test_a_frame_that_is_mostly_a_cue_is_kept_and_one_never_a_cue_is_not() -> None:
    gold = annotated(TEXT)
    (parsed,) = parse_gold([gold], cache=None)
    # "call|prep_for": seen 3 times, a cue twice, 2 / (3 + 1) = 0.5 ≥ 0.4; "write|dobj": 0.
    assert reporting_frames([gold], [parsed]) == {"call|prep_for"}


def test_a_common_noun_heading_two_sources_speaks() -> None:
    gold = annotated(TEXT)
    (parsed,) = parse_gold([gold], cache=None)
    assert speaker_nouns([gold], [parsed]) == {"official"}
