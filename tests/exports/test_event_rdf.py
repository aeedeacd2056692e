"""Events in the RDF: one geo:Event node per event, described by the ontology and
checked by the SHACL shapes; the event table in graph.json and GraphML."""

from __future__ import annotations

import io
import json

import networkx as nx
import pytest
from geokg.exports.graphml import to_graphml
from geokg.exports.ontology import GEO, ontology_graph
from geokg.exports.rdf import event_iri, graph_name, to_named_graphs, to_trig
from rdflib import RDF, RDFS, Dataset, Literal, URIRef
from rdflib.namespace import PROV, XSD

from tests.exports.test_rdf import parsed, shacl

ENT = "https://geokg.example.org/entity/"
DOC = "https://geokg.example.org/document/"


def event_nodes(g) -> dict[str, URIRef]:
    """The event nodes of an rdflib graph, by date."""
    return {str(g.value(e, GEO.eventDate)): e for e in g.subjects(RDF.type, GEO.Event)}


def test_one_event_node_per_event(news):
    g = parsed(news, "turtle")
    nodes = event_nodes(g)
    assert sorted(nodes) == ["2025-03-03", "2025-03-07", "2025-03-10"]
    for e in news.graph["events"]:
        assert event_iri(e["id"]) in set(nodes.values())


def test_an_event_node_holds_its_type_participants_date_place(news):
    g = parsed(news, "turtle")
    meeting = event_nodes(g)["2025-03-03"]
    assert g.value(meeting, GEO.eventRelation) == GEO.metWith
    assert g.value(meeting, GEO.eventFamily) == GEO.verbalCooperation
    assert set(g.objects(meeting, GEO.participant)) == {
        URIRef(ENT + "iran"), URIRef(ENT + "russia")}
    assert g.value(meeting, GEO.eventSource) is None  # symmetric: no direction
    assert g.value(meeting, GEO.eventDate) == Literal("2025-03-03", datatype=XSD.date)
    assert g.value(meeting, GEO.place) == URIRef(ENT + "moscow")
    assert g.value(meeting, GEO.mentions).toPython() == 3
    assert g.value(meeting, GEO.status) == Literal("occurred")
    assert g.value(meeting, GEO.joinRule) == Literal("same-day")
    attack = event_nodes(g)["2025-03-07"]
    assert g.value(attack, GEO.eventSource) == URIRef(ENT + "israel")
    assert g.value(attack, GEO.eventTarget) == URIRef(ENT + "iran")
    assert float(g.value(attack, GEO.goldstein)) == -9.0


def test_an_event_points_at_every_claim_and_article(news):
    g = parsed(news, "turtle")
    meeting = event_nodes(g)["2025-03-03"]
    claims = set(g.objects(meeting, GEO.supportedBy))
    assert len(claims) == 3
    assert all((c, RDF.type, RDF.Statement) in g for c in claims)
    assert set(g.objects(meeting, PROV.wasDerivedFrom)) == {
        URIRef(DOC + d) for d in ("n1", "n2", "n3")}
    every = {c for e in g.subjects(RDF.type, GEO.Event)
             for c in g.objects(e, GEO.supportedBy)}
    events = {s for s, p in g.subject_predicates()
              if p == RDF.predicate and g.value(s, RDF.predicate) != GEO.officialOf}
    assert every == events  # every event claim backs one event


def test_events_have_their_own_named_graph(news):
    ds = Dataset()
    ds.parse(data=to_trig(news), format="trig")
    events = ds.graph(graph_name("events"))
    assert len(set(events.subjects(RDF.type, GEO.Event))) == 3
    assert str(graph_name("events")) in to_named_graphs(news)


def test_the_ontology_describes_events():
    onto = ontology_graph()
    assert (GEO.Event, RDFS.subClassOf, PROV.Entity) in onto
    assert (GEO.supportedBy, RDFS.range, RDF.Statement) in onto
    assert (GEO.eventRelation, RDFS.range, RDF.Property) in onto
    assert (GEO.participant, RDFS.domain, GEO.Event) in onto
    assert (GEO.Event, RDFS.subClassOf, GEO.Entity) not in onto


def test_a_build_with_events_passes_shacl(news):
    ok, report = shacl(parsed(news, "turtle"))
    assert ok, report


@pytest.mark.parametrize("damage", [
    "wrong-mentions", "claim-without-event", "claim-of-another-family",
    "article-not-derived", "three-participants", "bad-status",
])
def test_shacl_catches_broken_events(news, damage):
    g = parsed(news, "turtle")
    nodes = event_nodes(g)
    meeting, attack = nodes["2025-03-03"], nodes["2025-03-07"]
    if damage == "wrong-mentions":
        g.set((meeting, GEO.mentions, Literal(4)))
    elif damage == "claim-without-event":
        claim = next(g.objects(meeting, GEO.supportedBy))
        g.remove((meeting, GEO.supportedBy, claim))
        g.set((meeting, GEO.mentions, Literal(2)))
    elif damage == "claim-of-another-family":
        g.add((meeting, GEO.supportedBy, next(g.objects(attack, GEO.supportedBy))))
    elif damage == "article-not-derived":
        g.remove((meeting, PROV.wasDerivedFrom, URIRef(DOC + "n1")))
    elif damage == "three-participants":
        g.add((meeting, GEO.participant, URIRef(ENT + "israel")))
    else:
        g.set((meeting, GEO.status, Literal("rumoured")))
    ok, _ = shacl(g)
    assert not ok


# ---- graph.json and GraphML ----------------------------------------------------------


def test_graphml_holds_the_event_attribute_and_table(news):
    back = nx.read_graphml(io.BytesIO(to_graphml(news).encode("utf-8")))
    assert json.loads(back.graph["events"]) == news.graph["events"]
    events = {d["event"] for _, _, d in back.edges(data=True) if "event" in d}
    assert events == {e["id"] for e in news.graph["events"]}
