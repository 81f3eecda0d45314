"""xAIF: the argument of one article as an Argument Interchange Format graph (JSON).

xAIF is the JSON form of AIF used by AIFdb, OVA and the open argument-mining framework
(structure as documented by ARG-tech for the ``xaif`` library: ``{"AIF": {"nodes",
"edges", "locutions", "participants", "schemefulfillments", "descriptorfulfillments"}}`` plus
named extra sections). Inference Anchoring Theory (IAT) is how the graph reads:

- each argument unit is a locution of the author (an ``L`` node, "Name: text", with a
  ``locutions`` entry naming the participant) anchored by a ``YA`` "Asserting" node in its
  proposition (an ``I`` node);
- each reported statement is a locution of its speaker (Mike Pompeo, a participant of its
  own) with its own proposition (the content, a leading "that" dropped); the author's
  locution that reports it links to it through a ``YA`` "Reporting" node;
- a support relation is an ``RA`` node between propositions, an attack a ``CA`` node; an
  attack on a unit that reports someone's claim attacks the claim itself (the reported
  proposition), since "They are not." denies what Pompeo said, not that he said it; each
  relation is anchored, as IAT does, by a ``YA`` ("Arguing" for support, "Disagreeing" for
  attack) in a ``TA`` transition between the two locutions;
- each prediction is a proposition (the unit's own when the spans are the same) whose
  probability, horizon, cue, condition and holder are kept in the ``forecasts`` section,
  keyed by node id, the way xAIF keeps a tool's extra findings (``propositionClassifier``);
- the ``oplens`` section ties nodes to character offsets in the article's text.

Scheme ids in ``schemefulfillments`` are AIFdb's, as OVA3 assigns them: Default Inference
72, Default Conflict 71, Asserting 74, Arguing 80, Default Transition 82; "Reporting" and
"Disagreeing" have no id we could verify and are left out there.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from oplens.export.people import UNKNOWN_AUTHOR, Person, author_names, speaker
from oplens.schema import Analysis, Attribution, Prediction, Span, Unit

SCHEMES = {
    "Default Inference": "72",
    "Default Conflict": "71",
    "Asserting": "74",
    "Arguing": "80",
    "Default Transition": "82",
}
_RELATION = {
    "support": ("RA", "Default Inference", "Arguing"),
    "attack": ("CA", "Default Conflict", "Disagreeing"),
}


@dataclass
class _Graph:
    """An xAIF graph being built: nodes, edges, locutions, participants, extras."""

    nodes: list[dict[str, Any]] = field(default_factory=list)
    edges: list[dict[str, str]] = field(default_factory=list)
    locutions: list[dict[str, str]] = field(default_factory=list)
    participants: dict[str, dict[str, str]] = field(default_factory=dict)
    schemes: list[dict[str, str]] = field(default_factory=list)
    anchors: list[dict[str, Any]] = field(default_factory=list)
    forecasts: list[dict[str, Any]] = field(default_factory=list)
    transitions: dict[tuple[str, str], str] = field(default_factory=dict)
    starts: dict[str, int] = field(default_factory=dict)

    def node(self, kind: str, text: str, span: Span | None = None, **ref: str) -> str:
        """Add a node (its scheme id too when AIFdb has one); return its id."""
        node_id = str(len(self.nodes) + 1)
        self.nodes.append({"nodeID": node_id, "text": text, "type": kind})
        if text in SCHEMES and kind not in ("I", "L"):
            self.schemes.append({"nodeID": node_id, "schemeID": SCHEMES[text]})
        if span is not None:
            self.anchors.append({"nodeID": node_id, "start": span.start, "end": span.end, **ref})
        return node_id

    def edge(self, source: str, target: str) -> None:
        """Add an edge from one node to another."""
        self.edges.append({"edgeID": str(len(self.edges) + 1), "fromID": source, "toID": target})

    def link(self, source: str, kind: str, text: str, target: str) -> str:
        """Add a node between two others: ``source -> new -> target``."""
        between = self.node(kind, text)
        self.edge(source, between)
        self.edge(between, target)
        return between

    def participant(self, who: Person) -> str:
        """Return the participant id of a person or group, adding it the first time.

        A person's name is split at its last space ("Aaron David" "Miller"), as OVA keeps
        first names and surnames; a group's ("State Department") is its first name whole.
        """
        if who.name not in self.participants:
            first, last = who.name, ""
            if who.person and " " in who.name:
                first, last = who.name.rsplit(" ", 1)
            self.participants[who.name] = {
                "participantID": str(len(self.participants) + 1),
                "firstname": first,
                "surname": last,
            }
        return self.participants[who.name]["participantID"]

    def locution(self, who: Person, span: Span, text: str, **ref: str) -> str:
        """Add an ``L`` node said by ``who`` and its ``locutions`` entry."""
        node_id = self.node("L", f"{who.name}: {text}", span, **ref)
        self.starts[node_id] = span.start
        self.locutions.append({"nodeID": node_id, "personID": self.participant(who)})
        return node_id

    def transition(self, earlier: str, later: str) -> str:
        """Return the ``TA`` node from one locution to a later one, adding it once."""
        key = (earlier, later)
        if key not in self.transitions:
            self.transitions[key] = self.link(earlier, "TA", "Default Transition", later)
        return self.transitions[key]


@dataclass(frozen=True)
class _Said:
    """The nodes of one locution: its ``L`` node and the ``I`` node it asserts."""

    locution: str
    proposition: str


def reported_proposition(attribution: Attribution) -> Span:
    """Return the reported proposition: the content's span, without a leading "that"."""
    content = attribution.content
    text = content.text
    skip = len(text) - len(text.lstrip())
    if attribution.kind == "indirect" and text[skip:].lower().startswith("that "):
        skip += len("that ")
    end = len(text.rstrip())
    return Span(start=content.start + skip, end=content.start + end, text=text[skip:end])


def _assert(
    graph: _Graph, who: Person, said: Span, proposition: Span | None = None, **ref: str
) -> _Said:
    """Add a locution and the proposition it asserts (the same span unless given)."""
    meant = proposition or said
    locution = graph.locution(who, said, said.text, **ref)
    node = graph.node("I", meant.text, meant, **ref)
    graph.link(locution, "YA", "Asserting", node)
    return _Said(locution, node)


def _containing(units: tuple[Unit, ...], start: int) -> Unit | None:
    return next((unit for unit in units if unit.start <= start < unit.end), None)


def _reports(graph: _Graph, analysis: Analysis, units: dict[str, _Said]) -> dict[str, _Said]:
    """Add each attribution's reported locution, linked to the author's reporting one."""
    reported: dict[str, _Said] = {}
    all_units = analysis.arguments.units
    for attribution in analysis.attributions:
        content = attribution.content
        said = _assert(
            graph,
            speaker(analysis, attribution),
            content,
            reported_proposition(attribution),
            attribution=attribution.id,
        )
        reported[attribution.id] = said
        reporting = next((u for u in all_units if u.reports == attribution.id), None)
        reporting = reporting or _containing(all_units, attribution.cue.start)
        if reporting is not None:
            graph.link(units[reporting.id].locution, "YA", "Reporting", said.locution)
    return reported


def _relations(
    graph: _Graph, analysis: Analysis, units: dict[str, _Said], reported: dict[str, _Said]
) -> None:
    """Add an ``RA`` or ``CA`` node for each relation, anchored in a transition."""
    by_id = {unit.id: unit for unit in analysis.arguments.units}
    for relation in analysis.arguments.relations:
        if relation.source not in by_id or relation.target not in by_id:
            continue  # a record edited by hand may name a unit it lacks: no node to link
        source, target = by_id[relation.source], by_id[relation.target]
        kind, text, illocution = _RELATION[relation.type]
        to = units[target.id]
        if relation.type == "attack" and target.reports in reported:
            to = reported[target.reports]
        node = graph.link(units[source.id].proposition, kind, text, to.proposition)
        first, second = sorted((to, units[source.id]), key=lambda s: graph.starts[s.locution])
        ta = graph.transition(first.locution, second.locution)
        graph.link(ta, "YA", illocution, node)


def _prediction_node(
    graph: _Graph,
    analysis: Analysis,
    prediction: Prediction,
    units: dict[str, _Said],
    reported: dict[str, _Said],
    author: Person,
) -> str:
    """Return the proposition a prediction is: a unit's or a report's own, or a new one."""
    for unit in analysis.arguments.units:
        if (unit.start, unit.end) == (prediction.start, prediction.end):
            return units[unit.id].proposition
    if prediction.holder in reported:
        said = reported[prediction.holder]
        for attribution in analysis.attributions:
            meant = reported_proposition(attribution)
            if attribution.id == prediction.holder and (meant.start, meant.end) == (
                prediction.start,
                prediction.end,
            ):
                return said.proposition
    else:
        found = _containing(analysis.arguments.units, prediction.start)
        if found is None:
            return _assert(graph, author, prediction, prediction=prediction.id).proposition
        said = units[found.id]
    proposition = graph.node("I", prediction.text, prediction, prediction=prediction.id)
    graph.link(said.locution, "YA", "Asserting", proposition)
    return proposition


def _forecast(node_id: str, prediction: Prediction) -> dict[str, Any]:
    horizon = prediction.horizon
    return {
        "nodeID": node_id,
        "prediction": prediction.id,
        "text": prediction.text,
        "event": prediction.event,
        "polarity": prediction.polarity,
        "probability": prediction.probability,
        "cue": prediction.cue.text if prediction.cue else None,
        "horizon": {
            "text": horizon.text if horizon else None,
            "start": horizon.start.isoformat() if horizon and horizon.start else None,
            "end": horizon.end.isoformat() if horizon and horizon.end else None,
        },
        "condition": prediction.condition.text if prediction.condition else None,
        "holder": prediction.holder,
    }


def to_xaif(analysis: Analysis) -> dict[str, Any]:
    """Return the xAIF document (a JSON-ready dict) of one Analysis record."""
    graph = _Graph()
    names = author_names(analysis) or (UNKNOWN_AUTHOR,)
    author = Person(names[0], person=True)
    for name in names:
        graph.participant(Person(name, person=True))
    units = {
        unit.id: _assert(graph, author, unit, unit=unit.id) for unit in analysis.arguments.units
    }
    reported = _reports(graph, analysis, units)
    _relations(graph, analysis, units, reported)
    for prediction in analysis.predictions:
        node_id = _prediction_node(graph, analysis, prediction, units, reported, author)
        graph.forecasts.append(_forecast(node_id, prediction))
    return _document(graph, analysis)


def _document(graph: _Graph, analysis: Analysis) -> dict[str, Any]:
    document = analysis.document
    return {
        "AIF": {
            "nodes": graph.nodes,
            "edges": graph.edges,
            "locutions": graph.locutions,
            "participants": list(graph.participants.values()),
            "schemefulfillments": graph.schemes,
            "descriptorfulfillments": [],
        },
        "text": "\n\n".join(span.text for span in document.body),
        "dialog": True,
        "forecasts": {"nodes": graph.forecasts},
        "oplens": {
            "schema_version": analysis.schema_version,
            "document": {
                "id": document.id,
                "source": document.source,
                "published": document.published.isoformat() if document.published else None,
                "title": analysis.metadata.title,
                "outlet": analysis.metadata.outlet,
            },
            "nodes": graph.anchors,
        },
    }
