"""The records the role rules work on: one ``UnitInput`` per unit, one ``Structure`` out."""

from __future__ import annotations

from dataclasses import dataclass, field

from oplens.arguments.cues import UnitCues
from oplens.schema import RelationType, UnitRole, UnitType

EVIDENCE = frozenset({"anecdote", "statistics", "testimony"})


@dataclass(frozen=True)
class UnitInput:
    """What the rules know of one unit: place, type, cues and any attribution it reports."""

    start: int
    end: int
    sentence: str
    paragraph: int
    type: UnitType
    cues: UnitCues
    attribution: str | None = None


@dataclass
class Structure:
    """The rules' result: a role, and at most one outgoing relation, per unit index."""

    roles: dict[int, UnitRole] = field(default_factory=dict)
    relations: dict[int, tuple[int, RelationType]] = field(default_factory=dict)
    answers: dict[int, str] = field(default_factory=dict)
    thesis: int | None = None

    def relate(self, source: int, target: int, kind: RelationType) -> None:
        """Add ``source → target`` unless the source already has a relation."""
        if source != target:
            self.relations.setdefault(source, (target, kind))
