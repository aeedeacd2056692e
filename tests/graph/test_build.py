"""The graph builder merges entities, keeps one edge per assertion, sorts everything."""

from __future__ import annotations

import networkx as nx
from geokg.exports.nodelink import from_node_link_json, to_node_link_json
from geokg.graph.build import build_graph, iter_assertions
from geokg.graph.model import DocResult, Document, Entity, TextSpan

from tests.conftest import claim

IRAN = Entity(
    "iran", "Iran", "Country", aliases=("Islamic Republic of Iran",), iso3="IRN"
)
RUSSIA = Entity("russia", "Russia", "Country", iso3="RUS")


def result(
    doc_id: str,
    text: str,
    *entities: Entity,
    relation: str = "drilled-with",
    modality: str = "asserted",
) -> DocResult:
    """One document with one assertion between its first two entities."""
    a, b = entities[0], entities[1]
    assertion = claim(
        a,
        relation,
        b,
        doc_id=doc_id,
        sentence=text,
        modality=modality,
        trigger=TextSpan("drills", 20, 26),
    )
    return DocResult(Document(doc_id, text), entities, (assertion,))


def test_same_actor_from_two_documents_is_one_node():
    tehran_view = Entity("iran", "Iran", "Country", aliases=("Tehran",))
    g = build_graph(
        [
            result("d1", "Iran and Russia held drills.", IRAN, RUSSIA),
            result("d2", "Iran and Russia held drills again.", tehran_view, RUSSIA),
        ]
    )
    assert sorted(g.nodes) == ["iran", "russia"]
    assert g.nodes["iran"]["aliases"] == ["Islamic Republic of Iran", "Tehran"]
    assert g.nodes["iran"]["documents"] == 2
    assert g.number_of_edges() == 2


def test_edges_round_trip_to_assertions():
    r = result("d1", "Iran and Russia held drills.", IRAN, RUSSIA, modality="planned")
    g = build_graph([r])
    assert list(iter_assertions(g)) == list(r.assertions)


def test_order_of_input_does_not_change_the_graph():
    r1 = result("d1", "Iran and Russia held drills.", IRAN, RUSSIA)
    r2 = result("d2", "Russia and Iran held drills.", RUSSIA, IRAN)
    a, b = build_graph([r1, r2]), build_graph([r2, r1])
    assert to_node_link_json(a) == to_node_link_json(b)


def test_node_link_json_round_trips():
    g = build_graph([result("d1", "Iran and Russia held drills.", IRAN, RUSSIA)])
    back = from_node_link_json(to_node_link_json(g))
    assert nx.utils.graphs_equal(g, back)
    assert back.graph["documents"][0]["id"] == "d1"
