"""The graph as RDF: entities, direct triples for facts, one node per assertion."""

from __future__ import annotations

import networkx as nx
from rdflib import RDF, RDFS, Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, PROV, SKOS, XSD

from graph.build import iter_assertions
from graph.vocabulary import ENTITY_TYPES, FAMILIES, RELATIONS

DEFAULT_BASE = "https://geokg.example.org/"


def namespaces(base: str = DEFAULT_BASE) -> dict[str, Namespace]:
    """The project's namespaces under a base IRI."""
    return {
        "geo": Namespace(base + "ontology#"),
        "ent": Namespace(base + "entity/"),
        "asr": Namespace(base + "assertion/"),
        "doc": Namespace(base + "document/"),
    }


def ontology_graph(*, base: str = DEFAULT_BASE) -> Graph:
    """The vocabulary as an OWL ontology: classes, properties, families."""
    ns = namespaces(base)
    geo = ns["geo"]
    g = Graph()
    g.bind("geo", geo)
    for t in ENTITY_TYPES:
        g.add((geo[t], RDF.type, OWL.Class))
        g.add((geo[t], RDFS.label, Literal(t)))
    for fam in FAMILIES.values():
        g.add((geo[fam.camel], RDF.type, OWL.ObjectProperty))
        g.add((geo[fam.camel], RDFS.label, Literal(fam.label)))
        g.add((geo[fam.camel], RDFS.comment, Literal(fam.comment)))
    for rel in RELATIONS.values():
        prop = geo[rel.camel]
        g.add((prop, RDF.type, OWL.ObjectProperty))
        if rel.symmetric:
            g.add((prop, RDF.type, OWL.SymmetricProperty))
        g.add((prop, RDFS.subPropertyOf, geo[FAMILIES[rel.family].camel]))
        g.add((prop, RDFS.label, Literal(rel.name)))
        g.add((prop, RDFS.comment, Literal(rel.comment)))
    return g


def rdf_graph(g: nx.MultiDiGraph, *, base: str = DEFAULT_BASE) -> Graph:
    """The knowledge graph as RDF."""
    ns = namespaces(base)
    geo, ent, asr, doc = ns["geo"], ns["ent"], ns["asr"], ns["doc"]
    out = Graph()
    for prefix, space in ns.items():
        out.bind(prefix, space)
    out.bind("prov", PROV)
    out.bind("skos", SKOS)
    for node, data in g.nodes(data=True):
        out.add((ent[node], RDF.type, geo[data["type"]]))
        out.add((ent[node], RDFS.label, Literal(data["label"])))
        for alias in data.get("aliases", []):
            out.add((ent[node], SKOS.altLabel, Literal(alias)))
    for a in iter_assertions(g):
        node = asr[a.id]
        prop = geo[RELATIONS[a.relation].camel]
        if a.is_fact:
            out.add((ent[a.subject.id], prop, ent[a.object.id]))
        out.add((node, RDF.type, RDF.Statement))
        out.add((node, RDF.type, PROV.Entity))
        out.add((node, RDF.subject, ent[a.subject.id]))
        out.add((node, RDF.predicate, prop))
        out.add((node, RDF.object, ent[a.object.id]))
        out.add((node, geo.sentence, Literal(a.sentence.text)))
        out.add((node, geo.modality, Literal(a.modality)))
        out.add((node, geo.negated, Literal(a.negated)))
        out.add((node, geo.confidence, Literal(a.confidence, datatype=XSD.decimal)))
        out.add((node, PROV.wasDerivedFrom, doc[a.doc_id]))
    return out


def to_turtle(g: nx.MultiDiGraph, *, base: str = DEFAULT_BASE) -> str:
    """The knowledge graph as Turtle."""
    return rdf_graph(g, base=base).serialize(format="turtle")


def ontology_turtle(g: nx.MultiDiGraph | None = None, *, base: str = DEFAULT_BASE) -> str:
    """The ontology as Turtle (the graph argument is ignored)."""
    return ontology_graph(base=base).serialize(format="turtle")
