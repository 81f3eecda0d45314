"""How attributions read: speaker names, stances, and one terminal line per attribution."""

from __future__ import annotations

from oplens.schema import Analysis, Attribution, UnattributedReport


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def speaker_name(analysis: Analysis, attribution: Attribution) -> str:
    """The speaker as written, with the linked entity's name when that says more."""
    written = " ".join(attribution.speaker.text.split())
    names = {e.id: e.name for e in analysis.entities}
    name = names.get(attribution.speaker.entity or "")
    return f"{written} (= {name})" if name and name not in written else written


def stance_text(attribution: Attribution | UnattributedReport) -> str:
    """The stance, with its evidence quoted when there is one."""
    if attribution.stance_evidence is None:
        return attribution.stance
    return f'{attribution.stance}: "{_clip(attribution.stance_evidence.text, 40)}"'


def quoted(text: str, width: int = 70) -> str:
    """The text clipped and in quotation marks, unless it brings its own."""
    clipped = _clip(text, width)
    return clipped if clipped[:1] in {'"', "“"} else f'"{clipped}"'


def attribution_lines(analysis: Analysis) -> list[str]:
    """One line per attribution: speaker, cue → content, then kind and stance."""
    return [
        f"  {a.id} {speaker_name(analysis, a)} [{_clip(a.cue.text, 30)}] → "
        f"{quoted(a.content.text)} ({a.kind}; {stance_text(a)})"
        for a in analysis.attributions
    ]


def unattributed_lines(analysis: Analysis) -> list[str]:
    """One line per report that names no source: cue → content parts, kind and stance."""
    lines = []
    for u in analysis.unattributed:
        # The parts, not the whole span: a passive's content runs across its own cue.
        content = " … ".join(p.text for p in u.content_parts or (u.content,))
        lines.append(
            f"  {u.id} (no source named) [{_clip(u.cue.text, 30)}] → {quoted(content)} "
            f"({u.kind}; {stance_text(u)})"
        )
    return lines
