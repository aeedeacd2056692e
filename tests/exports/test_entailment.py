"""The entailed graph: what the ontology entails from the facts, for plain SPARQL.

Symmetric relations answer in both directions and family properties
(``geo:materialConflict``, ...) and ``geo:relatedTo`` answer without a reasoner
or a property path; the entailed triples stay apart (entailed.ttl, the graph
``<base>graph/entailed``), and ``--no-entailment`` leaves them out.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import httpx
import pytest
from geokg.exports.endpoint import Endpoint
from geokg.exports.ontology import (
    ENTAILING_AXIOMS,
    GEO,
    ontology_graph,
    property_entailments,
)
from geokg.exports.push import push
from geokg.exports.rdf import graph_name, to_entailed_turtle, to_trig, to_turtle
from geokg.exports.sparql import load, named_queries, run_query
from geokg.graph.vocabulary import FAMILIES, RELATIONS
from rdflib import RDF, Dataset, Graph, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import OWL

import geokg
from tests.conftest import SEEDS, run_cli
from tests.exports.test_rdf import renders_in_fresh_processes, shacl
from tests.exports.test_serve_push import oxigraph_server  # noqa: F401 (a fixture)

ENT = "https://geokg.example.org/entity/"
ENTAILED = graph_name("entailed")
JSON = "application/sparql-results+json"
PREFIXES = (
    "PREFIX geo: <https://geokg.example.org/ontology#>\n"
    "PREFIX ent: <https://geokg.example.org/entity/>\n"
    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
    "PREFIX owl: <http://www.w3.org/2002/07/owl#>\n"
)
MET_ARAGHCHI = PREFIXES + "SELECT ?x WHERE { ?x geo:metWith ent:abbas-araghchi }"
MATERIAL_CONFLICT = PREFIXES + "SELECT ?a ?b WHERE { ?a geo:materialConflict ?b }"
# what users had to write before: sub-properties and, for symmetric ones, reversed
MATERIAL_CONFLICT_PATH = PREFIXES + (
    "SELECT DISTINCT ?a ?b WHERE {"
    " ?p rdfs:subPropertyOf* geo:materialConflict ."
    " { ?a ?p ?b } UNION { ?b ?p ?a . ?p a owl:SymmetricProperty } }"
)
#: Every property a fact or an entailment between two entities can have.
RELATION_PROPERTIES = (
    {GEO[r.camel] for r in RELATIONS.values()}
    | {GEO[f.camel] for f in FAMILIES.values()}
    | {GEO.relatedTo}
)
#: Both Xi Jinping and Sergey Lavrov met Abbas Araghchi in the seeds.
ARAGHCHI_MET = {"xi-jinping", "sergey-lavrov"}


def ids(results, column: str = "x") -> set[str]:
    """One column of a SELECT's rows, entity IRIs shortened to their ids."""
    at = results.columns.index(column)
    return {str(row[at]).removeprefix(ENT) for row in results.rows}


def pairs(results) -> set[tuple[str, str]]:
    """The (?a, ?b) rows of a SELECT, as entity ids."""
    return {tuple(str(t).removeprefix(ENT) for t in row) for row in results.rows}


def relation_triples(g: Graph) -> Graph:
    """The triples between entities of a graph (facts or entailments)."""
    out = Graph()
    for triple in g:
        if triple[1] in RELATION_PROPERTIES:
            out.add(triple)
    return out


def rebuilt(seeds_build: Path, tmp_path_factory, *options: str) -> Path:
    """A copy of the seeds build, built again with `options` (quick: its cache)."""
    out = tmp_path_factory.mktemp("seeds-entailment") / "out"
    shutil.copytree(seeds_build, out)
    proc = run_cli("build", str(SEEDS), "--out", str(out), "--quiet", *options)
    assert proc.returncode == 0, proc.stderr
    return out


@pytest.fixture(scope="module")
def seeds_trig(seeds_build: Path, tmp_path_factory) -> Path:
    """The seeds build with graph.trig as well."""
    return rebuilt(seeds_build, tmp_path_factory, "--formats", "trig")


@pytest.fixture(scope="module")
def seeds_plain(seeds_build: Path, tmp_path_factory) -> Path:
    """The seeds build again with ``--no-entailment``, over one with entailed.ttl."""
    assert (seeds_build / "entailed.ttl").is_file()
    options = ("--no-entailment", "--formats", "trig")
    return rebuilt(seeds_build, tmp_path_factory, *options)


# ---- the rules, read from the ontology -------------------------------------------


@pytest.mark.parametrize("rel", list(RELATIONS.values()), ids=list(RELATIONS))
def test_each_relation_entails_its_family_relatedto_and_its_reverse(rel):
    prop, family = GEO[rel.camel], GEO[FAMILIES[rel.family].camel]
    expected = {(family, False), (GEO.relatedTo, False)}
    if rel.symmetric:
        expected |= {(prop, True), (family, True), (GEO.relatedTo, True)}
    assert set(property_entailments()[prop]) == expected


def test_the_ontology_has_no_entailing_axiom_the_rules_do_not_follow():
    onto = ontology_graph()
    used = set(onto.predicates()) | set(onto.objects(None, RDF.type))
    entailing = {
        OWL.inverseOf,
        OWL.equivalentProperty,
        OWL.propertyChainAxiom,
        OWL.TransitiveProperty,
        OWL.ReflexiveProperty,
        OWL.sameAs,
        *ENTAILING_AXIOMS,
    }
    assert used & entailing == set(ENTAILING_AXIOMS)


def test_the_rules_follow_another_base():
    base = "http://kg.example/x/"
    found = property_entailments(base)
    prop = URIRef(base + "ontology#fought")
    assert (URIRef(base + "ontology#materialConflict"), True) in found[prop]


# ---- the tiny graph ------------------------------------------------------------------


def test_tiny_entailments_come_from_asserted_facts_only(rdf_tiny):
    entailed = Graph().parse(data=to_entailed_turtle(rdf_tiny), format="turtle")
    iran, israel, russia, sco, china, xi, araghchi = (
        URIRef(ENT + n)
        for n in (
            "iran", "israel", "russia", "sco", "china", "xi-jinping", "abbas-araghchi"
        )
    )
    for triple in [
        (xi, GEO.metWith, araghchi),  # the reverse of a symmetric fact
        (xi, GEO.verbalCooperation, araghchi),
        (araghchi, GEO.verbalCooperation, xi),
        (russia, GEO.drilledWith, iran),
        (araghchi, GEO.verbalConflict, israel),  # condemned: directed
        (china, GEO.standing, sco),
        (china, GEO.relatedTo, sco),
    ]:
        assert triple in entailed, triple
    for triple in [
        (israel, GEO.condemned, araghchi),  # condemned is not symmetric
        (israel, GEO.verbalConflict, araghchi),
        (iran, GEO.standing, sco),  # member-of, negated
        (iran, GEO.relatedTo, sco),
        (israel, GEO.materialConflict, iran),  # attacked, hypothetical
        (iran, GEO.verbalConflict, israel),  # threatened, negated
        (iran, GEO.relatedTo, israel),
    ]:
        assert triple not in entailed, triple


def test_tiny_entailed_triples_are_never_asserted_ones(rdf_tiny):
    asserted = Graph().parse(data=to_turtle(rdf_tiny), format="turtle")
    entailed = Graph().parse(data=to_entailed_turtle(rdf_tiny), format="turtle")
    assert len(entailed) > 0
    assert not set(asserted) & set(entailed)
    assert (URIRef(ENT + "xi-jinping"), GEO.metWith, None) not in asserted


def test_an_owl_rl_reasoner_entails_exactly_the_same(rdf_tiny):
    import owlrl

    facts = relation_triples(Graph().parse(data=to_turtle(rdf_tiny), format="turtle"))
    entailed = Graph().parse(data=to_entailed_turtle(rdf_tiny), format="turtle")
    closure = facts + ontology_graph()
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(closure)
    assert set(relation_triples(closure)) == set(facts) | set(entailed)


def test_trig_keeps_the_entailed_graph_apart(rdf_tiny):
    ds = Dataset()
    ds.parse(data=to_trig(rdf_tiny), format="trig")
    entailed = Graph().parse(data=to_entailed_turtle(rdf_tiny), format="turtle")
    assert isomorphic(ds.graph(ENTAILED), entailed)
    plain = Dataset()
    plain.parse(data=to_trig(rdf_tiny, entailment=False), format="trig")
    assert ENTAILED not in {g.identifier for g in plain.graphs()}


def test_same_graph_gives_same_bytes(rdf_tiny):
    assert to_entailed_turtle(rdf_tiny) == to_entailed_turtle(rdf_tiny)
    assert to_trig(rdf_tiny) == to_trig(rdf_tiny)


def test_entailed_bytes_do_not_depend_on_the_process(rdf_tiny):
    outs = renders_in_fresh_processes("to_entailed_turtle", ("1", "2", "3"))
    assert outs == {to_entailed_turtle(rdf_tiny).encode()}


def test_python_query_over_a_graph_sees_the_entailments(rdf_tiny):
    rows = geokg.query(rdf_tiny, MET_ARAGHCHI)
    assert [r["x"] for r in rows] == [ENT + "xi-jinping"]
    named = PREFIXES + (
        f"SELECT ?a WHERE {{ GRAPH <{ENTAILED}> {{ ?a geo:metWith ?b }} }}"
    )
    assert [r["a"] for r in geokg.query(rdf_tiny, named)] == [ENT + "xi-jinping"]


@pytest.mark.parametrize(
    "damage",
    [
        ("israel", "condemned", "abbas-araghchi"),  # the reverse of a directed fact
        ("israel", "verbalConflict", "abbas-araghchi"),
        ("abbas-araghchi", "materialConflict", "israel"),  # the wrong family
        ("iran", "verbalConflict", "israel"),  # from a denial
        ("israel", "materialConflict", "iran"),  # from a hypothetical claim
        ("china", "relatedTo", "israel"),  # from nothing
    ],
)
def test_shacl_catches_a_wrong_entailment(rdf_tiny, damage):
    data = Graph().parse(data=to_turtle(rdf_tiny), format="turtle")
    data.parse(data=to_entailed_turtle(rdf_tiny), format="turtle")
    assert shacl(data)[0]
    s, p, o = damage
    data.add((URIRef(ENT + s), GEO[p], URIRef(ENT + o)))
    assert not shacl(data)[0]


# ---- the seeds build -------------------------------------------------------------


@pytest.mark.model
def test_seeds_met_with_answers_both_directions(seeds_build):
    ds = load(seeds_build)
    assert ids(run_query(ds, MET_ARAGHCHI)) == ARAGHCHI_MET
    forward = PREFIXES + "SELECT ?x WHERE { ent:abbas-araghchi geo:metWith ?x }"
    assert ids(run_query(ds, forward)) == ARAGHCHI_MET


@pytest.mark.model
def test_seeds_material_conflict_is_what_a_property_path_found(seeds_build):
    got = pairs(run_query(load(seeds_build), MATERIAL_CONFLICT))
    facts = load(seeds_build / "graph.ttl")  # the asserted facts alone
    assert pairs(run_query(facts, MATERIAL_CONFLICT)) == set()
    assert got == pairs(run_query(facts, MATERIAL_CONFLICT_PATH))
    assert {("israel", "iran"), ("iran", "israel"), ("united-states", "jcpoa")} <= got


@pytest.mark.model
def test_seeds_every_symmetric_fact_answers_both_ways(seeds_build):
    asserted = Graph().parse(seeds_build / "graph.ttl")
    symmetric = {GEO[r.camel] for r in RELATIONS.values() if r.symmetric}
    facts = [(s, p, o) for s, p, o in asserted if p in symmetric]
    assert len({p for _, p, _ in facts}) >= 3  # met, cooperated, drilled, fought
    ds = load(seeds_build)
    for s, p, o in facts:
        assert run_query(ds, f"ASK {{ <{o}> <{p}> <{s}> }}").boolean, (s, p, o)


@pytest.mark.model
def test_seeds_an_owl_rl_reasoner_entails_exactly_the_same(seeds_build):
    import owlrl

    facts = relation_triples(Graph().parse(seeds_build / "graph.ttl"))
    entailed = Graph().parse(seeds_build / "entailed.ttl")
    closure = facts + ontology_graph()
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(closure)
    assert set(relation_triples(closure)) == set(facts) | set(entailed)


@pytest.mark.model
def test_seeds_entailed_triples_live_in_their_own_graph(seeds_trig):
    entailed = Graph().parse(seeds_trig / "entailed.ttl")
    asserted = Graph().parse(seeds_trig / "graph.ttl")
    ds = Dataset()
    ds.parse(seeds_trig / "graph.trig", format="trig")
    assert len(entailed) > 50
    assert isomorphic(ds.graph(ENTAILED), entailed)
    assert not set(entailed) & set(asserted)
    for g in ds.graphs():
        if g.identifier != ENTAILED:
            assert not set(g) & set(entailed), g.identifier


@pytest.mark.model
def test_seeds_entailed_file_is_the_renderers_bytes(seeds_build):
    again = to_entailed_turtle(geokg.read(seeds_build)).encode("utf-8")
    assert (seeds_build / "entailed.ttl").read_bytes() == again


@pytest.mark.model
def test_seeds_facts_and_entailments_pass_shacl(seeds_build):
    data = Graph().parse(seeds_build / "graph.ttl")
    data.parse(seeds_build / "entailed.ttl")
    ok, report = shacl(data)
    assert ok, report


@pytest.mark.model
def test_no_entailment_writes_none_and_removes_the_old_one(seeds_build, seeds_plain):
    assert not (seeds_plain / "entailed.ttl").exists()
    ds = Dataset()
    ds.parse(seeds_plain / "graph.trig", format="trig")
    assert ENTAILED not in {g.identifier for g in ds.graphs()}
    same = (seeds_plain / "graph.ttl").read_bytes()
    assert same == (seeds_build / "graph.ttl").read_bytes()  # facts unchanged


@pytest.mark.model
def test_no_entailment_queries_see_only_the_facts(seeds_plain):
    ds = load(seeds_plain)
    assert ids(run_query(ds, MET_ARAGHCHI)) == set()
    forward = PREFIXES + "SELECT ?x WHERE { ent:abbas-araghchi geo:metWith ?x }"
    assert ids(run_query(ds, forward)) == ARAGHCHI_MET  # stored in this direction
    assert pairs(run_query(ds, MATERIAL_CONFLICT)) == set()


@pytest.mark.model
@pytest.mark.parametrize("name", list(named_queries()))
def test_named_queries_answer_the_same_with_or_without(seeds_build, seeds_plain, name):
    params = {"actor": "iran", "bloc": "sco", "a": "iran", "b": "russia"}
    query = named_queries()[name]
    wanted = {k: v for k, v in params.items() if k in dict(query.params)}
    with_, without = (
        run_query(load(build), query.text, params=wanted)
        for build in (seeds_build, seeds_plain)
    )
    assert with_.rows
    assert sorted(map(str, with_.rows)) == sorted(map(str, without.rows))


@pytest.mark.model
def test_cli_query_sees_the_entailments(seeds_build):
    proc = run_cli("query", str(seeds_build), MET_ARAGHCHI, "--format", "csv")
    assert proc.returncode == 0, proc.stderr
    found = {line.removeprefix(ENT) for line in proc.stdout.splitlines()[1:]}
    assert found == ARAGHCHI_MET


@pytest.mark.model
def test_python_query_of_a_build_sees_the_entailments(seeds_build):
    for target in (seeds_build, geokg.read(seeds_build)):
        rows = geokg.query(target, MET_ARAGHCHI)
        assert {r["x"].removeprefix(ENT) for r in rows} == ARAGHCHI_MET


def sparql(url: str, query: str) -> list[dict]:
    """The JSON bindings of a query sent to a SPARQL endpoint."""
    headers = {"Accept": JSON}
    reply = httpx.get(url, params={"query": query}, headers=headers, timeout=20)
    assert reply.status_code == 200, reply.text
    return reply.json()["results"]["bindings"]


@pytest.mark.model
@pytest.mark.server
def test_serve_sees_the_entailments_in_their_graph(seeds_build, seeds_plain):
    in_graph = PREFIXES + (
        f"SELECT ?x WHERE {{ GRAPH <{ENTAILED}> "
        "{ ?x geo:metWith ent:abbas-araghchi } }"
    )
    with Endpoint(seeds_build, port=0, timeout_s=10) as served:
        rows = sparql(served.url, MET_ARAGHCHI)
        assert {b["x"]["value"].removeprefix(ENT) for b in rows} == ARAGHCHI_MET
        assert len(sparql(served.url, in_graph)) == len(ARAGHCHI_MET)
        assert len(sparql(served.url, MATERIAL_CONFLICT)) == len(
            pairs(run_query(load(seeds_build), MATERIAL_CONFLICT))
        )
    with Endpoint(seeds_plain, port=0, timeout_s=10) as served:
        assert sparql(served.url, MET_ARAGHCHI) == []


@pytest.mark.model
@pytest.mark.server
def test_push_sends_the_entailed_graph_and_takes_it_back(
    seeds_build, seeds_plain, oxigraph_server  # noqa: F811 (the imported fixture)
):
    report = push(seeds_build, f"{oxigraph_server}/store")
    query = f"{oxigraph_server}/query"
    assert report.graphs == 6  # two articles, entities, ontology, entailed, events
    assert len(sparql(query, MET_ARAGHCHI)) == len(ARAGHCHI_MET)
    push(seeds_plain, f"{oxigraph_server}/store")  # a --no-entailment build
    assert sparql(query, MET_ARAGHCHI) == []
    push(seeds_plain, f"{oxigraph_server}/store")  # nothing left to delete: fine
