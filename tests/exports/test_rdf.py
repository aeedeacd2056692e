"""The RDF export: ontology, RDF shape, IRIs, hostile text, formats, SHACL."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pyshacl
import pytest
from geokg.exports.ontology import GEO, geo_namespace, ontology_graph, term_names
from geokg.exports.rdf import (
    document_iri,
    entity_iri,
    graph_name,
    iri_segment,
    ontology_turtle,
    rdf_dataset,
    to_jsonld,
    to_named_graphs,
    to_ntriples,
    to_trig,
    to_turtle,
)
from geokg.graph.vocabulary import ENTITY_TYPES, FAMILIES, RELATIONS
from hypothesis import given
from hypothesis import strategies as st
from rdflib import RDF, RDFS, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import OWL, PROV, SDO, SKOS, XSD

SHAPES = Path(__file__).resolve().parents[2] / "exports" / "shapes" / "geokg.shacl.ttl"
ENT = "https://geokg.example.org/entity/"
FORMATS = {  # renderer, rdflib parser, is a dataset
    "turtle": (to_turtle, "turtle", False),
    "nt": (to_ntriples, "nt", False),
    "jsonld": (to_jsonld, "json-ld", False),
    "trig": (to_trig, "trig", True),
}


def parsed(g, fmt: str) -> Graph:
    """The graph rendered in `fmt` and parsed back by rdflib (union of the asserted
    graphs: TriG's entailed graph is left out, as Turtle has none)."""
    render, parser, dataset = FORMATS[fmt]
    if dataset:
        ds = Dataset()
        ds.parse(data=render(g), format=parser)
        out = Graph()
        for s, p, o, name in ds.quads((None, None, None, None)):
            if name != graph_name("entailed"):
                out.add((s, p, o))
        return out
    return Graph().parse(data=render(g), format=parser)


def shacl(data: Graph) -> tuple[bool, str]:
    """Validate with the shapes, the ontology mixed in (subclasses of geo:Entity)."""
    ok, _, text = pyshacl.validate(
        data,
        shacl_graph=Graph().parse(SHAPES),
        ont_graph=ontology_graph(),
        advanced=True,
    )
    return ok, text


# ---- the ontology --------------------------------------------------------------


def test_namespace_is_closed_and_derived_from_the_vocabulary():
    assert GEO.metWith == URIRef("https://geokg.example.org/ontology#metWith")
    with pytest.raises(AttributeError):
        GEO.metwith  # noqa: B018  (a typo must raise, not mint an IRI)
    names = set(term_names())
    assert {r.camel for r in RELATIONS.values()} <= names
    assert {f.camel for f in FAMILIES.values()} <= names
    assert set(ENTITY_TYPES) <= names


def test_every_ontology_term_has_a_label_and_a_comment():
    onto = ontology_graph()
    for name in term_names():
        term = GEO[name]
        assert onto.value(term, RDFS.label), name
        assert onto.value(term, RDFS.comment), name


@pytest.mark.parametrize("rel", list(RELATIONS.values()), ids=list(RELATIONS))
def test_relation_property(rel):
    onto = ontology_graph()
    prop = GEO[rel.camel]
    assert ((prop, RDF.type, OWL.SymmetricProperty) in onto) == rel.symmetric
    assert (prop, RDFS.subPropertyOf, GEO[FAMILIES[rel.family].camel]) in onto
    assert onto.value(prop, RDFS.domain) is not None
    assert onto.value(prop, RDFS.range) is not None
    concepts = onto.objects(prop, SKOS.closeMatch)
    codes = {str(onto.value(c, SKOS.notation)) for c in concepts}
    assert codes == {c for c in (rel.cameo, rel.plover) if c}


def test_base_iri_is_configurable(rdf_tiny):
    base = "http://kg.example/x/"
    text = to_turtle(rdf_tiny, base=base)
    g = Graph().parse(data=text, format="turtle")
    assert (URIRef(base + "entity/iran"), RDF.type, geo_namespace(base).Country) in g
    assert "geokg.example.org" not in text
    assert "geokg.example.org" not in ontology_turtle(base=base)


# ---- the RDF shape ------------------------------------------------------------


def test_direct_triples_only_for_asserted_non_negated_claims(rdf_tiny):
    g = parsed(rdf_tiny, "turtle")
    iran, russia, israel = (URIRef(ENT + n) for n in ("iran", "russia", "israel"))
    assert (iran, GEO.drilledWith, russia) in g
    assert (URIRef(ENT + "china"), GEO.memberOf, URIRef(ENT + "sco")) in g
    assert (iran, GEO.memberOf, URIRef(ENT + "sco")) not in g  # negated
    assert (israel, GEO.attacked, iran) not in g  # hypothetical
    assert (iran, GEO.threatened, israel) not in g  # negated
    denial = next(g.subjects(RDF.predicate, GEO.threatened))
    assert g.value(denial, GEO.negated) == Literal(True)
    assert (denial, RDF.subject, iran) in g


def test_assertion_node_carries_the_evidence(rdf_tiny):
    g = parsed(rdf_tiny, "turtle")
    node = next(g.subjects(RDF.predicate, GEO.drilledWith))
    assert {RDF.Statement, PROV.Entity} <= set(g.objects(node, RDF.type))
    assert g.value(node, PROV.wasDerivedFrom) == document_iri("d2")
    assert g.value(node, GEO.date) == Literal("2025-07-18", datatype=XSD.date)
    assert g.value(node, GEO.location) == URIRef(ENT + "caspian-sea")
    assert g.value(node, GEO.modality) == Literal("asserted")
    assert g.value(node, GEO.confidence) == Literal("0.8", datatype=XSD.decimal)
    assert g.value(node, GEO.sentenceStart) == Literal(0)
    for prop in (GEO.sentence, GEO.trigger, GEO.subjectEnd, GEO.objectStart):
        assert g.value(node, prop) is not None, prop
    official = next(g.subjects(RDF.predicate, GEO.officialOf))
    assert g.value(official, GEO.role) in (Literal("minister"), None)


def test_articles_and_entities(rdf_tiny):
    g = parsed(rdf_tiny, "turtle")
    article = document_iri("d1")
    assert (article, RDF.type, SDO.NewsArticle) in g
    assert g.value(article, SDO.headline) == Literal("Araghchi in Beijing")
    assert g.value(article, SDO.url) == URIRef("https://news.example/1")
    published = Literal("2025-07-15", datatype=XSD.date)
    assert g.value(article, SDO.datePublished) == published
    assert g.value(article, SDO.publisher) == Literal("Wire")
    iran = URIRef(ENT + "iran")
    assert g.value(iran, RDFS.label) == Literal("Iran")
    assert g.value(iran, SKOS.altLabel) == Literal("Islamic Republic of Iran")
    assert set(g.objects(iran, OWL.sameAs)) == {
        URIRef("http://www.wikidata.org/entity/Q794"),
        URIRef("https://sws.geonames.org/130758/"),
    }


def test_trig_has_one_named_graph_per_article(rdf_tiny):
    ds = Dataset()
    ds.parse(data=to_trig(rdf_tiny), format="trig")
    names = {c.identifier for c in ds.contexts()} - {ds.default_context.identifier}
    assert names == {document_iri("d1"), document_iri("d2"), graph_name("entailed"),
                     graph_name("events")}
    d2 = ds.graph(document_iri("d2"))
    assert (URIRef(ENT + "iran"), GEO.drilledWith, URIRef(ENT + "russia")) in d2
    assert (URIRef(ENT + "iran"), RDF.type, GEO.Country) in ds.default_context


def test_named_graphs_for_push_cover_the_whole_dataset(rdf_tiny):
    graphs = to_named_graphs(rdf_tiny)
    assert set(graphs) == {
        str(document_iri("d1")),
        str(document_iri("d2")),
        "https://geokg.example.org/graph/entities",
        "https://geokg.example.org/graph/ontology",
        "https://geokg.example.org/graph/entailed",
        "https://geokg.example.org/graph/events",
    }
    union = Graph()
    for name, text in graphs.items():
        if not name.endswith(("/ontology", "/entailed")):
            union.parse(data=text, format="nt")
    assert isomorphic(union, parsed(rdf_tiny, "turtle"))


def test_rdf_dataset_runs_on_the_oxigraph_store(rdf_tiny):
    ds = rdf_dataset(rdf_tiny)
    assert type(ds.store).__name__ == "OxigraphStore"
    assert len(list(ds.query("SELECT * WHERE { ?s a ?t }"))) > 0


# ---- IRIs and hostile text -----------------------------------------------------


@given(st.lists(st.text(max_size=12), min_size=2, max_size=6, unique=True))
def test_distinct_ids_give_distinct_valid_iris(ids):
    segments = [iri_segment(i) for i in ids]
    assert len(set(segments)) == len(ids)
    for seg in segments:
        assert all(c.isascii() and (c.isalnum() or c in "-._~%") for c in seg), seg


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_hostile_text_round_trips_in_every_format(rdf_hostile, fmt):
    reference = parsed(rdf_hostile, "nt")
    back = parsed(rdf_hostile, fmt)
    assert isomorphic(back, reference)
    labels = {str(o) for o in back.objects(None, RDFS.label)}
    assert any(label.startswith("q\"uote 'single' <angle>") for label in labels)
    assert any("😀" in x and "\u202e" in x and "\n" in x for x in labels)


def test_hostile_ids_become_distinct_entities(rdf_hostile):
    g = parsed(rdf_hostile, "turtle")
    entities = {s for s in g.subjects(RDF.type, GEO.Country)}
    assert len(entities) == rdf_hostile.number_of_nodes()
    assert entity_iri("a/b") in entities and entity_iri("a%2Fb") in entities
    assert entity_iri("a/b") != entity_iri("a%2Fb")


def test_hostile_values_are_kept_safely(rdf_hostile):
    g = parsed(rdf_hostile, "turtle")
    same = {str(o) for o in g.objects(None, OWL.sameAs)}
    assert same == {"http://www.wikidata.org/entity/Q42"}  # the injected QIDs dropped
    urls = set(g.objects(None, SDO.url))
    assert Literal("news.example/no scheme") in urls  # relative: kept as text
    assert any(isinstance(u, URIRef) and " " not in u and "<" not in u for u in urls)
    assert Literal("2024-02", datatype=XSD.gYearMonth) in set(g.objects(None, GEO.date))
    assert Literal('sometime in "2024"') in set(g.objects(None, GEO.dateText))


# ---- determinism -----------------------------------------------------------------


def test_same_graph_gives_same_bytes_in_every_format(rdf_tiny):
    for render, _, _ in FORMATS.values():
        assert render(rdf_tiny) == render(rdf_tiny)


def renders_in_fresh_processes(function: str, seeds=("1", "2")) -> set[bytes]:
    """The bytes ``geokg.exports.rdf.<function>`` makes of the tiny graph in a
    new process per hash seed (a set of one when hashing leaves no trace)."""
    code = (
        "import sys; sys.path[:0] = ['tests']\n"
        "from conftest import rdf_tiny_graph\n"
        f"from geokg.exports.rdf import {function}\n"
        f"sys.stdout.buffer.write({function}(rdf_tiny_graph()).encode())"
    )
    root = Path(__file__).resolve().parents[2]
    return {
        subprocess.run(
            [sys.executable, "-c", code],
            cwd=root,
            capture_output=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
            check=True,
        ).stdout
        for seed in seeds
    }


def test_turtle_bytes_do_not_depend_on_the_process(rdf_tiny):
    assert renders_in_fresh_processes("to_turtle") == {to_turtle(rdf_tiny).encode()}


def test_turtle_is_compact(rdf_tiny):
    text = to_turtle(rdf_tiny)
    assert "@prefix geo: <https://geokg.example.org/ontology#>" in text
    assert "ent:iran a geo:Country" in text
    body = [line for line in text.splitlines() if not line.startswith("@prefix")]
    assert not any("<https://geokg.example.org/" in line for line in body)


# ---- SHACL -----------------------------------------------------------------------


@pytest.mark.parametrize("graph", ["rdf_tiny", "rdf_hostile"])
def test_hand_made_graphs_pass_shacl(graph, request):
    ok, report = shacl(parsed(request.getfixturevalue(graph), "turtle"))
    assert ok, report


@pytest.mark.parametrize(
    "damage", ["negated-fact", "two-labels", "bad-modality", "no-source", "bad-sameas"]
)
def test_shacl_catches_broken_rdf(rdf_tiny, damage):
    g = parsed(rdf_tiny, "turtle")
    iran, israel = URIRef(ENT + "iran"), URIRef(ENT + "israel")
    node = next(g.subjects(RDF.predicate, GEO.drilledWith))
    if damage == "negated-fact":
        g.add((iran, GEO.threatened, israel))
    elif damage == "two-labels":
        g.add((iran, RDFS.label, Literal("Persia")))
    elif damage == "bad-modality":
        g.set((node, GEO.modality, Literal("certain")))
    elif damage == "no-source":
        g.remove((node, PROV.wasDerivedFrom, None))
    else:
        g.add((iran, OWL.sameAs, URIRef("http://www.wikidata.org/entity/Iran")))
    ok, _ = shacl(g)
    assert not ok


@pytest.mark.model
@pytest.mark.parametrize("name", ["graph.ttl"])
def test_seeds_build_passes_shacl(seeds_build, name):
    ok, report = shacl(Graph().parse(seeds_build / name))
    assert ok, report
    onto = Graph().parse(seeds_build / "ontology.ttl")
    assert isomorphic(onto, ontology_graph())


def test_sector_actors_point_at_their_state():
    from geokg.graph.build import build_graph
    from geokg.graph.model import DocResult, Document, Entity

    kenya = Entity("kenya", "Kenya", "Country", iso3="KEN")
    troops = Entity(
        "kenya-armed-forces",
        "Kenyan armed forces",
        "GovernmentBody",
        attributes=(("parent", "kenya"), ("sector", "military")),
    )
    rebels = Entity(
        "kenya-rebels", "Kenyan rebels", "Group", attributes=(("country", "kenya"),)
    )
    g = build_graph([DocResult(Document("d", "text"), (kenya, troops, rebels), ())])
    data = parsed(g, "turtle")
    geo = geo_namespace()
    assert (
        URIRef(ENT + "kenya-armed-forces"),
        geo.parent,
        URIRef(ENT + "kenya"),
    ) in data
    assert (URIRef(ENT + "kenya-armed-forces"), geo.sector, Literal("military")) in data
    assert (URIRef(ENT + "kenya-rebels"), geo.country, URIRef(ENT + "kenya")) in data
    assert shacl(data + ontology_graph())[0]


@pytest.mark.model
def test_every_claim_names_the_trigger_row_that_fired(seeds_build):
    """trigger_id in assertions.jsonl and geo:triggerId on every assertion node:
    a row of ingest/triggers.toml or a derived table, or a grammar rule."""
    import json

    from geokg.ingest.relations import load_triggers

    rows = {t.id for t in load_triggers().triggers}
    lines = (seeds_build / "assertions.jsonl").read_text(encoding="utf-8").splitlines()
    ids = [json.loads(line)["trigger_id"] for line in lines]
    assert ids and all(ids)
    assert all(i in rows or i.startswith("grammar:") for i in ids), set(ids) - rows
    assert any(i in rows for i in ids)
    g = Graph().parse(seeds_build / "graph.ttl")
    nodes = set(g.subjects(RDF.type, RDF.Statement))
    assert nodes and all(g.value(n, GEO.triggerId) is not None for n in nodes)
