"""xAIF export: the published structure (JSON Schema), AIF's graph rules, the canonical case."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner

from oplens import Analysis
from oplens.cli import main
from oplens.export.xaif import to_xaif
from oplens.schema import Document, Horizon, Metadata, Prediction, Relation, document_id
from tests.conftest import EXAMPLE, EXAMPLE_PUBLISHED, analysis_of

SCHEMA = json.loads(
    (Path(__file__).parent / "fixtures" / "xaif" / "xaif.schema.json").read_text("utf-8")
)
SCHEME_NODES = ("RA", "CA", "MA", "PA")


def graph_problems(document: dict[str, Any], text: str) -> list[str]:
    """What breaks AIF's rules or our anchors (empty when the graph is sound)."""
    aif = document["AIF"]
    nodes = {node["nodeID"]: node for node in aif["nodes"]}
    problems = [
        f"duplicate node {n}"
        for n, c in Counter(n["nodeID"] for n in aif["nodes"]).items()
        if c > 1
    ]
    into: dict[str, list[str]] = {n: [] for n in nodes}
    out: dict[str, list[str]] = {n: [] for n in nodes}
    for edge in aif["edges"]:
        if edge["fromID"] not in nodes or edge["toID"] not in nodes:
            problems.append(f"edge {edge['edgeID']} to a missing node")
            continue
        out[edge["fromID"]].append(nodes[edge["toID"]]["type"])
        into[edge["toID"]].append(nodes[edge["fromID"]]["type"])
    people = {p["participantID"] for p in aif["participants"]}
    spoken = {loc["nodeID"] for loc in aif["locutions"]}
    for loc in aif["locutions"]:
        if nodes[loc["nodeID"]]["type"] != "L" or loc["personID"] not in people:
            problems.append(f"locution {loc} is not an L node of a participant")
    for node_id, node in nodes.items():
        kind = node["type"]
        if kind == "L" and node_id not in spoken:
            problems.append(f"L node {node_id} has no locution")
        if kind in SCHEME_NODES and (out[node_id] != ["I"] or "I" not in into[node_id]):
            problems.append(f"{kind} node {node_id}: {into[node_id]} -> {out[node_id]}")
        if kind == "I" and "YA" not in into[node_id]:
            problems.append(f"I node {node_id} is anchored in no illocution")
        if kind in ("YA", "TA") and (not into[node_id] or not out[node_id]):
            problems.append(f"{kind} node {node_id} is not between two nodes")
    for anchor in document["oplens"]["nodes"]:
        node = nodes[anchor["nodeID"]]
        if text[anchor["start"] : anchor["end"]] not in node["text"]:
            problems.append(f"node {anchor['nodeID']} is not the text it is anchored to")
    for forecast in document["forecasts"]["nodes"]:
        if nodes[forecast["nodeID"]]["type"] != "I":
            problems.append(f"forecast {forecast['prediction']} is not on an I node")
    return problems


def check(analysis: Analysis) -> dict[str, Any]:
    document = to_xaif(analysis)
    jsonschema.Draft202012Validator(SCHEMA).validate(document)
    assert graph_problems(document, analysis.document.text) == []
    json.dumps(document)  # JSON-ready
    return document


def _node(document: dict[str, Any], kind: str, text: str) -> dict[str, Any]:
    found: list[dict[str, Any]] = [
        n for n in document["AIF"]["nodes"] if n["type"] == kind and n["text"] == text
    ]
    assert len(found) == 1, found
    return found[0]


def _edges(document: dict[str, Any]) -> set[tuple[str, str]]:
    return {(e["fromID"], e["toID"]) for e in document["AIF"]["edges"]}


def _between(document: dict[str, Any], kind: str, source: str, target: str) -> list[str]:
    """The ``kind`` nodes with an edge from ``source`` and one to ``target``."""
    edges = _edges(document)
    return [
        n["nodeID"]
        for n in document["AIF"]["nodes"]
        if n["type"] == kind and (source, n["nodeID"]) in edges and (n["nodeID"], target) in edges
    ]


def test_canonical_example(miller: Analysis) -> None:
    document = check(miller)
    aif = document["AIF"]
    names = {f"{p['firstname']} {p['surname']}": p["participantID"] for p in aif["participants"]}
    assert aif["participants"][0] == {
        "participantID": "1",
        "firstname": "Aaron David",
        "surname": "Miller",
    }
    pompeo_id = names["Mike Pompeo"]
    claim = "that Americans are safer now that Soleimani is gone"
    locution = _node(document, "L", f"Mike Pompeo: {claim}")
    assert {"nodeID": locution["nodeID"], "personID": pompeo_id} in aif["locutions"]
    proposition = _node(document, "I", "Americans are safer now that Soleimani is gone")
    assert len(_between(document, "YA", locution["nodeID"], proposition["nodeID"])) == 1
    rebuttal = _node(document, "I", "They are not.")
    [conflict] = _between(document, "CA", rebuttal["nodeID"], proposition["nodeID"])
    assert next(n for n in aif["nodes"] if n["nodeID"] == conflict)["text"] == "Default Conflict"
    # The author's locution reports Pompeo's, and the reply is anchored in a transition.
    reporting = next(
        n for n in aif["nodes"] if n["text"].startswith("Aaron David Miller: Secretary")
    )
    [report] = _between(document, "YA", reporting["nodeID"], locution["nodeID"])
    assert next(n for n in aif["nodes"] if n["nodeID"] == report)["text"] == "Reporting"
    reply = _node(document, "L", "Aaron David Miller: They are not.")
    [transition] = _between(document, "TA", locution["nodeID"], reply["nodeID"])
    [anchor] = _between(document, "YA", transition, conflict)
    assert next(n for n in aif["nodes"] if n["nodeID"] == anchor)["text"] == "Disagreeing"


def test_canonical_predictions_keep_probability_and_horizon(miller: Analysis) -> None:
    document = check(miller)
    forecasts = {f["prediction"]: f for f in document["forecasts"]["nodes"]}
    assert sorted(forecasts) == [p.id for p in miller.predictions]
    first = forecasts["p1"]
    assert (first["probability"], first["cue"], first["holder"]) == (0.7, "likely", "author")
    assert first["horizon"] == {
        "text": "for months to come",
        "start": "2020-01-03",
        "end": "2020-04-03",
    }
    node = next(n for n in document["AIF"]["nodes"] if n["nodeID"] == first["nodeID"])
    assert node == {"nodeID": first["nodeID"], "text": miller.predictions[0].text, "type": "I"}
    # "It will not deter Iran" is a unit of its own: the prediction is that unit's proposition.
    deter = forecasts["p2"]
    assert next(n for n in document["AIF"]["nodes"] if n["nodeID"] == deter["nodeID"])["text"] == (
        "It will not deter Iran"
    )
    assert sum(1 for n in document["AIF"]["nodes"] if n["text"] == "It will not deter Iran") == 1


def test_relations_become_ra_and_ca_nodes(example: Analysis) -> None:
    document = check(example)
    kinds = Counter(n["type"] for n in document["AIF"]["nodes"])
    relations = Counter(r.type for r in example.arguments.relations)
    assert (kinds["RA"], kinds["CA"]) == (relations["support"], relations["attack"])
    assert kinds["L"] == len(example.arguments.units) + len(example.attributions)
    schemes = {s["schemeID"] for s in document["AIF"]["schemefulfillments"]}
    assert schemes == {"71", "72", "74", "80", "82"}
    # Okafor's forecast (p1, held by a1) is the proposition of her reported locution.
    forecast = next(f for f in document["forecasts"]["nodes"] if f["prediction"] == "p1")
    assert {"nodeID": forecast["nodeID"], "start": 378, "end": 467, "attribution": "a1"} in (
        document["oplens"]["nodes"]
    )
    assert document["oplens"]["document"]["id"] == example.document.id
    assert document["text"] == "\n\n".join(span.text for span in example.document.body)


def test_a_record_without_arguments_or_author() -> None:
    text = "The dam will fail next spring."
    prediction = Prediction(
        start=0,
        end=len(text) - 1,
        text=text[:-1],
        id="p1",
        event="The dam fails",
        polarity="positive",
        probability=0.9,
        horizon=Horizon(text="next spring"),
    )
    analysis = Analysis(
        document=Document(id=document_id(text), text=text),
        metadata=Metadata(),
        predictions=(prediction,),
    )
    document = check(analysis)
    assert document["AIF"]["participants"] == [
        {"participantID": "1", "firstname": "Unknown", "surname": "author"}
    ]
    assert [n["type"] for n in document["AIF"]["nodes"]] == ["L", "I", "YA"]
    [forecast] = document["forecasts"]["nodes"]
    assert forecast["horizon"] == {"text": "next spring", "start": None, "end": None}


def test_analyze_format_xaif(tmp_path: Path) -> None:
    target = tmp_path / "argument.json"
    result = CliRunner().invoke(
        main,
        [
            "analyze",
            str(EXAMPLE),
            "--published",
            EXAMPLE_PUBLISHED,
            "--format",
            "xaif",
            "-o",
            str(target),
        ],
    )
    assert result.exit_code == 0, result.stderr
    written = json.loads(target.read_text(encoding="utf-8"))
    expected = to_xaif(analysis_of(EXAMPLE, EXAMPLE_PUBLISHED))
    expected["oplens"]["document"]["source"] = str(EXAMPLE)
    assert written == expected


@pytest.mark.parametrize("path", [EXAMPLE])
def test_every_span_anchor_matches(path: Path) -> None:
    analysis = analysis_of(path, EXAMPLE_PUBLISHED)
    document = to_xaif(analysis)
    anchored = {a["nodeID"] for a in document["oplens"]["nodes"]}
    spoken = {n["nodeID"] for n in document["AIF"]["nodes"] if n["type"] in ("L", "I")}
    assert spoken <= anchored


def test_a_relation_to_a_missing_unit_is_left_out(example: Analysis) -> None:
    arguments = example.arguments.model_copy(
        update={
            "relations": (
                *example.arguments.relations,
                Relation(source="u1", target="u99", type="attack"),
            )
        }
    )
    edited = example.model_copy(update={"arguments": arguments})
    assert to_xaif(edited)["AIF"] == to_xaif(example)["AIF"]
    check(edited)
