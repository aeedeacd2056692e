"""Hostile text survives every export and parses back equal.

Labels, aliases, evidence and document metadata carry quotes, angle brackets,
newlines, control characters, very long strings, right-to-left text and emoji.
GraphML is XML 1.0, which cannot hold most control characters at all: they are
replaced by U+FFFD there (documented in exports/graphml.py) and only there.
"""

from __future__ import annotations

import io
import json
from datetime import date
from decimal import Decimal

import networkx as nx
import pytest
import rdflib
from geokg.exports.graphml import to_graphml, xml_safe
from geokg.exports.jsonl import to_assertions_jsonl
from geokg.exports.nodelink import from_node_link_json, to_node_link_json
from geokg.exports.rdf import rdf_dataset, to_jsonld, to_ntriples, to_turtle
from geokg.graph.build import build_graph, iter_assertions
from geokg.graph.model import Assertion, DocResult, Document, Entity, TextSpan
from rdflib.compare import isomorphic
from rdflib.namespace import XSD

HOSTILE_TEXT = {
    "quotes": 'He said "no", then \'yes\' and \\"maybe\\" """ \'\'\'',
    "markup": "<script>alert(1)</script> ]]> <![CDATA[x]]> &amp; &lt; <!-- -->",
    "newlines": "line one\nline two\r\nline three\rline four\u2028\u2029end",
    "controls": "nul\x00 bel\x07 bs\x08 vt\x0b ff\x0c esc\x1b del\x7f tab\t c1\x85\x9f",
    "nonchars": "\ufffe\uffff\ufdd0",
    "long": "Very long label " * 6000,
    "rtl": "وزير الخارجية الإيراني עברית \u202eevil\u202c \u200f",
    "emoji": "🇮🇷🤝🇷🇺 👨‍👩‍👧 🏳️‍🌈 \U0001f9ff",
    "turtle": 'ex:x a ex:Y . @prefix x: <http://x/> . _:b0 """ ^^xsd:string @en',
}


def hostile_graph(
    url: str = "https://x.example/{name}?q=<\"'> {{}}|\\^`",
) -> nx.MultiDiGraph:
    """Entities, assertions and documents whose every text field is hostile."""
    results = []
    for n, (name, text) in enumerate(HOSTILE_TEXT.items()):
        s = Entity(f"s-{name}", f"Subject {text}", "Person", aliases=(text, f"{text}!"))
        o = Entity(f"o-{name}", text, "Country")
        sentence = f"{text} met {text}."
        doc = Document(
            id=f"doc {name} <\"'>",
            text=sentence,
            title=text,
            url=url.format(name=name, text=text),
            published=date(2025, 1, 1 + n),
            publisher=text,
        )
        a = Assertion(
            doc_id=doc.id,
            relation="met-with",
            subject=s.ref(),
            object=o.ref(),
            sentence=TextSpan(sentence, 0, len(sentence)),
            subject_span=(0, len(text)),
            object_span=(len(text) + 5, 2 * len(text) + 5),
            trigger=TextSpan("met", len(text) + 1, len(text) + 4),
            role=text,
            rule=text[:50],
            date="2025-01-02",
            confidence=0.25,
        )
        results.append(DocResult(doc, (s, o), (a,)))
    return build_graph(results)


@pytest.fixture(scope="module")
def graph() -> nx.MultiDiGraph:
    """The hostile graph, built once."""
    return hostile_graph()


def test_assertions_jsonl_parses_back_equal(graph):
    text = to_assertions_jsonl(graph)
    lines = text.split("\n")[:-1]  # JSON Lines ends records with \n, and only \n
    assert len(lines) == graph.number_of_edges()
    back = [Assertion.from_json(json.loads(line)) for line in lines]
    assert back == list(iter_assertions(graph))


def test_node_link_json_parses_back_equal(graph):
    back = from_node_link_json(to_node_link_json(graph))
    assert nx.utils.graphs_equal(graph, back)
    edges = list(graph.edges(keys=True, data=True))
    assert list(back.edges(keys=True, data=True)) == edges


def expected_graphml_value(value):
    """What GraphML holds for a value: scalars as they are, lists as JSON, XML-safe."""
    if isinstance(value, list):
        value = json.dumps(value, ensure_ascii=False)
    return xml_safe(value) if isinstance(value, str) else value


def test_graphml_is_valid_xml_and_parses_back_equal(graph):
    stream = io.BytesIO(to_graphml(graph).encode("utf-8"))
    back = nx.read_graphml(stream, force_multigraph=True)
    assert sorted(back.nodes) == sorted(graph.nodes)
    for node, data in graph.nodes(data=True):
        expected = {k: expected_graphml_value(v) for k, v in data.items()}
        assert back.nodes[node] == expected
    for u, v, key, data in graph.edges(keys=True, data=True):
        assert back.edges[u, v, key] == {
            k: expected_graphml_value(val) for k, val in data.items()
        }


@pytest.mark.parametrize(
    ("text", "safe"),
    [
        ("plain <&> \"'", "plain <&> \"'"),
        ("a\x00b\x1fc\x7fd", "a\ufffdb\ufffdc\x7fd"),
        ("tab\tnl\ncr\r", "tab\tnl\ncr\r"),
        ("\ufffe\uffff", "\ufffd\ufffd"),
        ("lone \ud800 surrogate", "lone \ufffd surrogate"),
        ("🇮🇷 عربى", "🇮🇷 عربى"),
    ],
)
def test_xml_safe_replaces_only_what_xml_cannot_hold(text, safe):
    assert xml_safe(text) == safe


def plain(term):
    """A literal in one form: ``xsd:string`` as plain (RDF 1.1 makes them the same
    term), a decimal in its canonical lexical form (``0`` and ``0.0`` are one value).
    """
    if isinstance(term, rdflib.Literal) and term.datatype == XSD.string:
        return rdflib.Literal(str(term))
    if isinstance(term, rdflib.Literal) and term.datatype == XSD.decimal:
        return rdflib.Literal(format(Decimal(str(term)).normalize(), "f"),
                              datatype=XSD.decimal)
    return term


def normalised(triples) -> rdflib.Graph:
    """An rdflib graph of `triples` with the literals made plain."""
    out = rdflib.Graph()
    for s, p, o in triples:
        out.add((s, p, plain(o)))
    return out


def rdf_expected(graph) -> rdflib.Graph:
    """The exported RDF as one rdflib graph (every asserted named graph merged)."""
    quads = rdf_dataset(graph, entailment=False).quads()
    return normalised((s, p, o) for s, p, o, _ in quads)


@pytest.mark.parametrize(
    ("render", "fmt"),
    [(to_turtle, "turtle"), (to_ntriples, "nt"), (to_jsonld, "json-ld")],
)
def test_rdf_parses_back_isomorphic_with_every_label(graph, render, fmt):
    parsed = normalised(rdflib.Graph().parse(data=render(graph), format=fmt))
    assert isomorphic(parsed, rdf_expected(graph))
    literals = {str(o) for o in parsed.objects() if isinstance(o, rdflib.Literal)}
    for text in HOSTILE_TEXT.values():
        assert text in literals


def test_entity_iris_are_valid_and_distinct(graph):
    parsed = rdflib.Graph().parse(data=to_ntriples(graph), format="nt")
    subjects = {s for s in parsed.subjects() if isinstance(s, rdflib.URIRef)}
    for iri in subjects:
        assert not any(c in str(iri) for c in ' <>"{}|\\^`\n')
    labelled = {s for s, _, _ in parsed.triples((None, rdflib.RDFS.label, None))}
    assert len(labelled) == graph.number_of_nodes()


@pytest.mark.parametrize(
    "url", ["https://x.example/?ids[]=1", "https://x.example/{text}"]
)
def test_hostile_document_urls_still_give_valid_rdf(url):
    graph = hostile_graph(url)
    parsed = normalised(rdflib.Graph().parse(data=to_ntriples(graph), format="nt"))
    assert isomorphic(parsed, rdf_expected(graph))
