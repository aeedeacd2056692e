"""The NetworkX knowledge graph: built from extraction results, read by the exports.

The graph is a ``networkx.MultiDiGraph``:

- one node per entity id, with ``label``, ``type``, ``aliases`` (a list), the
  identifiers that are known (``wikidata``, ``iso3``, ``geonames``) and
  ``documents`` (how many documents mention it);
- one edge per assertion, keyed by the assertion id, from subject to object,
  with the assertion's fields flattened to scalars (absent fields are left out,
  so the graph stays compact and GraphML can hold it);
- ``graph["documents"]``: the metadata of every document, sorted by id;
- ``graph["events"]``: the events the claims report, one row per real-world
  happening, and on each event claim's edge its ``event`` and ``event_rule``
  (graph/events.py).

Nodes and edges are inserted in sorted order, so the same input gives the same
graph and the same bytes in every export.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any

import networkx as nx
from geokg.graph.events import add_events
from geokg.graph.model import Assertion, DocResult, Entity, EntityRef, TextSpan
from geokg.graph.vocabulary import RELATIONS

_REF_FIELDS = ("location", "attributed_to")


def edge_attributes(a: Assertion) -> dict[str, Any]:
    """An assertion as flat edge attributes (ids for entities, ints for spans)."""
    attrs: dict[str, Any] = {
        "relation": a.relation,
        "family": RELATIONS[a.relation].family,
        "doc_id": a.doc_id,
        "sentence": a.sentence.text,
        "sentence_start": a.sentence.start,
        "sentence_end": a.sentence.end,
        "subject_start": a.subject_span[0],
        "subject_end": a.subject_span[1],
        "object_start": a.object_span[0],
        "object_end": a.object_span[1],
        "modality": a.modality,
        "negated": a.negated,
        "confidence": a.confidence,
        "rule": a.rule,
    }
    if a.trigger:
        attrs |= {
            "trigger": a.trigger.text,
            "trigger_start": a.trigger.start,
            "trigger_end": a.trigger.end,
        }
    optional = {"date": a.date, "role": a.role, "trigger_id": a.trigger_id}
    optional |= {name: getattr(a, name).id for name in _REF_FIELDS if getattr(a, name)}
    attrs |= {k: v for k, v in optional.items() if v is not None}
    return attrs


def node_ref(g: nx.MultiDiGraph, node: str) -> EntityRef:
    """The ``{id, label, type}`` reference of a node."""
    data = g.nodes[node]
    return EntityRef(node, data["label"], data["type"])


def assertion_from_edge(
    g: nx.MultiDiGraph, u: str, v: str, key: str, data: dict[str, Any]
) -> Assertion:
    """Rebuild the assertion that an edge holds."""
    trigger = None
    if "trigger" in data:
        trigger = TextSpan(data["trigger"], data["trigger_start"], data["trigger_end"])
    refs = {name: node_ref(g, data[name]) for name in _REF_FIELDS if name in data}
    return Assertion(
        id=key,
        doc_id=data["doc_id"],
        relation=data["relation"],
        subject=node_ref(g, u),
        object=node_ref(g, v),
        sentence=TextSpan(
            data["sentence"], data["sentence_start"], data["sentence_end"]
        ),
        subject_span=(data["subject_start"], data["subject_end"]),
        object_span=(data["object_start"], data["object_end"]),
        trigger=trigger,
        modality=data["modality"],
        negated=data["negated"],
        date=data.get("date"),
        role=data.get("role"),
        confidence=data["confidence"],
        rule=data["rule"],
        trigger_id=data.get("trigger_id"),
        **refs,
    )


def iter_assertions(g: nx.MultiDiGraph) -> Iterator[Assertion]:
    """Every assertion of the graph, in edge order (sorted by document and span)."""
    for u, v, key, data in g.edges(keys=True, data=True):
        yield assertion_from_edge(g, u, v, key, data)


def _assertion_order(a: Assertion) -> tuple:
    return (
        a.doc_id,
        a.sentence.start,
        a.subject_span[0],
        a.object_span[0],
        a.relation,
        a.id,
    )


class GraphBuilder:
    """Collects extraction results and freezes them into a deterministic graph."""

    def __init__(self) -> None:
        self._entities: dict[str, Entity] = {}
        self._assertions: dict[str, Assertion] = {}
        self._documents: dict[str, dict[str, Any]] = {}
        self._doc_counts: Counter[str] = Counter()

    def add(self, result: DocResult) -> None:
        """Add one document's entities and assertions."""
        self._documents[result.document.id] = result.document.meta()
        for entity in result.entities:
            known = self._entities.get(entity.id)
            self._entities[entity.id] = known.merged(entity) if known else entity
            self._doc_counts[entity.id] += 1
        for a in result.assertions:
            self._assertions.setdefault(a.id, a)

    def add_all(self, results: Iterable[DocResult]) -> GraphBuilder:
        """Add many results; returns the builder."""
        for result in results:
            self.add(result)
        return self

    def graph(self) -> nx.MultiDiGraph:
        """The knowledge graph, with nodes and edges in sorted order."""
        g = nx.MultiDiGraph()
        g.graph["documents"] = [self._documents[k] for k in sorted(self._documents)]
        for entity_id in sorted(self._entities):
            g.add_node(entity_id, **self._node_attributes(self._entities[entity_id]))
        for a in sorted(self._assertions.values(), key=_assertion_order):
            g.add_edge(a.subject.id, a.object.id, key=a.id, **edge_attributes(a))
        return add_events(g)

    def _node_attributes(self, e: Entity) -> dict[str, Any]:
        attrs: dict[str, Any] = {
            "label": e.label,
            "type": e.type,
            "aliases": list(e.aliases),
        }
        ids = {"wikidata": e.wikidata, "iso3": e.iso3, "geonames": e.geonames}
        attrs |= {k: v for k, v in ids.items() if v is not None}
        attrs |= dict(e.attributes)
        attrs["documents"] = self._doc_counts[e.id]
        return attrs


def build_graph(results: Iterable[DocResult]) -> nx.MultiDiGraph:
    """Build the knowledge graph of many extraction results."""
    return GraphBuilder().add_all(results).graph()
