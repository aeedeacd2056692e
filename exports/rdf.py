"""The graph as RDF: entities, direct triples for facts, one node per assertion.

The RDF is built through rdflib's API on an Oxigraph store (oxrdflib), and
serialised by Oxigraph from a sorted list of quads, so the same graph always
gives the same bytes. Layout of the dataset:

- the default graph holds the entities (type, label, aliases, owl:sameAs);
- one named graph per article (named by the article's IRI) holds the article's
  metadata, its assertion nodes and the direct triples of its facts.

Turtle, N-Triples and JSON-LD are the union of all graphs; TriG keeps them apart.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Iterator
from datetime import date
from decimal import Decimal
from typing import Any
from urllib.parse import quote

import networkx as nx
import pyoxigraph as ox
from oxrdflib import OxigraphStore
from rdflib import RDF, RDFS, Dataset, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import OWL, PROV, SDO, SKOS, XSD

from exports.ontology import DEFAULT_BASE, geo_namespace, namespaces, ontology_graph
from graph.build import iter_assertions
from graph.model import Assertion
from graph.vocabulary import RELATIONS

WIKIDATA = "http://www.wikidata.org/entity/"
GEONAMES = "https://sws.geonames.org/"

Quad = tuple[URIRef, URIRef, Any, URIRef]

_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
# Characters kept as they are in a URL's IRI (RFC 3987 reserved, minus the '[' and
# ']' that are only valid in a host, + unreserved + '%'); all else is %-encoded.
_IRI_SAFE = "-._~:/?#@!$&'()*+,;=%"
_QID = re.compile(r"Q[1-9][0-9]*")
_DATE_FORMATS = (
    (re.compile(r"\d{4}-\d{2}-\d{2}"), XSD.date),
    (re.compile(r"\d{4}-(0[1-9]|1[0-2])"), XSD.gYearMonth),
    (re.compile(r"\d{4}"), XSD.gYear),
)


def iri_segment(identifier: str) -> str:
    """An id as one IRI path segment: unreserved characters kept, all else %-encoded."""
    return quote(_text(identifier), safe="-._~")


def entity_iri(identifier: str, *, base: str = DEFAULT_BASE) -> URIRef:
    """The IRI of an entity id (distinct ids always give distinct, valid IRIs)."""
    return URIRef(f"{base}entity/{iri_segment(identifier)}")


def document_iri(identifier: str, *, base: str = DEFAULT_BASE) -> URIRef:
    """The IRI of an article id; also the name of the article's graph in TriG."""
    return URIRef(f"{base}document/{iri_segment(identifier)}")


def assertion_iri(identifier: str, *, base: str = DEFAULT_BASE) -> URIRef:
    """The IRI of an assertion node."""
    return URIRef(f"{base}assertion/{iri_segment(identifier)}")


def _text(value: Any) -> str:
    """Text that UTF-8 can encode (lone surrogates become U+FFFD)."""
    text = str(value)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = text.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
    return text


def _string(value: Any) -> Literal:
    return Literal(_text(value))


def date_literal(text: str) -> tuple[str, Literal]:
    """A date as (property, literal): xsd:date, gYearMonth or gYear, else dateText."""
    for pattern, datatype in _DATE_FORMATS:
        if pattern.fullmatch(text):
            if datatype == XSD.date and not _valid_date(text):
                break
            return "date", Literal(text, datatype=datatype)
    return "dateText", _string(text)


def _valid_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def url_term(url: str) -> URIRef | Literal:
    """A URL as an IRI when it is absolute (unsafe characters %-encoded), else text."""
    url = _text(url).strip()
    if _SCHEME.match(url):
        iri = quote(url, safe=_IRI_SAFE)
        try:
            ox.NamedNode(iri)  # Oxigraph checks the IRI grammar; keep text if it fails
        except ValueError:
            return _string(url)
        return URIRef(iri)
    return _string(url)


def _decimal(value: float) -> Literal | None:
    if not math.isfinite(value):
        return None
    return Literal(format(Decimal(repr(float(value))), "f"), datatype=XSD.decimal)


class _Builder:
    """Collects the quads of one graph under one base IRI."""

    def __init__(self, g: nx.MultiDiGraph, base: str) -> None:
        self.g, self.base = g, base
        self.geo = geo_namespace(base)
        self.quads: list[Quad] = []

    def add(self, s: URIRef, p: URIRef, o: Any, graph: URIRef) -> None:
        if o is not None:
            self.quads.append((s, p, o, graph))

    def entities(self) -> None:
        geo, into = self.geo, DATASET_DEFAULT_GRAPH_ID
        for node, data in self.g.nodes(data=True):
            iri = entity_iri(node, base=self.base)
            self.add(iri, RDF.type, geo[data["type"]], into)
            self.add(iri, RDFS.label, _string(data["label"]), into)
            self.add(iri, SDO.identifier, _string(node), into)
            for alias in data.get("aliases", ()):
                self.add(iri, SKOS.altLabel, _string(alias), into)
            if data.get("iso3"):
                self.add(iri, geo.iso3, _string(data["iso3"]), into)
            for same in _same_as(data):
                self.add(iri, OWL.sameAs, same, into)

    def documents(self) -> None:
        known = {d["id"]: d for d in self.g.graph.get("documents", [])}
        cited = {data["doc_id"] for _, _, data in self.g.edges(data=True)}
        for doc_id in sorted(known.keys() | cited):
            self.article(known.get(doc_id, {"id": doc_id}))

    def article(self, meta: dict[str, Any]) -> None:
        iri = document_iri(meta["id"], base=self.base)
        self.add(iri, RDF.type, SDO.NewsArticle, iri)
        self.add(iri, SDO.identifier, _string(meta["id"]), iri)
        if meta.get("title"):
            self.add(iri, SDO.headline, _string(meta["title"]), iri)
        if meta.get("url"):
            self.add(iri, SDO.url, url_term(meta["url"]), iri)
        if meta.get("published"):
            prop, lit = date_literal(str(meta["published"]))
            if lit.datatype == XSD.date:
                self.add(iri, SDO.datePublished, lit, iri)
        if meta.get("publisher"):
            self.add(iri, SDO.publisher, _string(meta["publisher"]), iri)

    def assertion(self, a: Assertion) -> None:
        geo, base = self.geo, self.base
        into = document_iri(a.doc_id, base=base)
        node = assertion_iri(a.id, base=base)
        subject = entity_iri(a.subject.id, base=base)
        obj = entity_iri(a.object.id, base=base)
        prop = geo[RELATIONS[a.relation].camel]
        if a.is_fact:
            self.add(subject, prop, obj, into)
        for p, o in (
            (RDF.type, RDF.Statement),
            (RDF.type, PROV.Entity),
            (RDF.subject, subject),
            (RDF.predicate, prop),
            (RDF.object, obj),
            (PROV.wasDerivedFrom, into),
            (geo.sentence, _string(a.sentence.text)),
            (geo.sentenceStart, Literal(a.sentence.start)),
            (geo.sentenceEnd, Literal(a.sentence.end)),
            (geo.subjectStart, Literal(a.subject_span[0])),
            (geo.subjectEnd, Literal(a.subject_span[1])),
            (geo.objectStart, Literal(a.object_span[0])),
            (geo.objectEnd, Literal(a.object_span[1])),
            (geo.modality, Literal(a.modality)),
            (geo.negated, Literal(bool(a.negated))),
            (geo.confidence, _decimal(a.confidence)),
            (geo.rule, _string(a.rule) if a.rule else None),
            (geo.role, _string(a.role) if a.role else None),
            *self._optional(a),
        ):
            self.add(node, p, o, into)

    def _optional(self, a: Assertion) -> Iterator[tuple[URIRef, Any]]:
        geo, base = self.geo, self.base
        if a.trigger:
            yield geo.trigger, _string(a.trigger.text)
            yield geo.triggerStart, Literal(a.trigger.start)
            yield geo.triggerEnd, Literal(a.trigger.end)
        if a.date:
            prop, lit = date_literal(a.date)
            yield geo[prop], lit
        if a.location:
            yield geo.location, entity_iri(a.location.id, base=base)
        if a.attributed_to:
            yield geo.attributedTo, entity_iri(a.attributed_to.id, base=base)


def _same_as(data: dict[str, Any]) -> Iterator[URIRef]:
    qid = str(data.get("wikidata") or "")
    if _QID.fullmatch(qid):
        yield URIRef(WIKIDATA + qid)
    geonames = str(data.get("geonames") or "")
    if geonames.isascii() and geonames.isdigit():
        yield URIRef(f"{GEONAMES}{int(geonames)}/")


def rdf_quads(g: nx.MultiDiGraph, *, base: str = DEFAULT_BASE) -> list[Quad]:
    """Every quad of the RDF (graph name last; entities in the default graph)."""
    builder = _Builder(g, base)
    builder.entities()
    builder.documents()
    for a in iter_assertions(g):
        builder.assertion(a)
    return builder.quads


def _to_ox(term: Any, memo: dict[Any, Any]) -> Any:
    """An rdflib term as a pyoxigraph term (memoised: IRIs repeat a lot)."""
    found = memo.get(term)
    if found is None:
        if term == DATASET_DEFAULT_GRAPH_ID:
            found = ox.DefaultGraph()
        elif isinstance(term, URIRef):
            found = ox.NamedNode(str(term))
        elif term.datatype is not None:
            found = ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        else:
            found = ox.Literal(str(term), language=term.language)
        memo[term] = found
    return found


def ox_quads(g: nx.MultiDiGraph, *, base: str = DEFAULT_BASE) -> list[ox.Quad]:
    """The quads of ``rdf_quads`` as pyoxigraph quads (for Oxigraph to store, write)."""
    memo: dict[Any, Any] = {}
    return [
        ox.Quad(_to_ox(s, memo), _to_ox(p, memo), _to_ox(o, memo), _to_ox(c, memo))
        for s, p, o, c in rdf_quads(g, base=base)
    ]


def rdf_dataset(g: nx.MultiDiGraph, *, base: str = DEFAULT_BASE) -> Dataset:
    """The knowledge graph as an rdflib Dataset on an Oxigraph store."""
    store = ox.Store()
    store.extend(ox_quads(g, base=base))
    ds = Dataset(store=OxigraphStore(store=store))
    for prefix, space in namespaces(base).items():
        ds.bind(prefix, space, override=True, replace=True)
    return ds


def _quad_key(q: ox.Quad) -> tuple[str, str, str, str]:
    return (str(q.graph_name), *_triple_key(q))


def _triple_key(t: ox.Triple | ox.Quad) -> tuple[str, str, str]:
    predicate = "" if t.predicate == _RDF_TYPE else t.predicate.value  # `a` first
    return str(t.subject), predicate, str(t.object)


_RDF_TYPE = ox.NamedNode(str(RDF.type))


def _sorted_quads(g: nx.MultiDiGraph, base: str) -> list[ox.Quad]:
    return sorted(set(ox_quads(g, base=base)), key=_quad_key)


def _sorted_triples(g: nx.MultiDiGraph, base: str) -> list[ox.Triple]:
    quads = ox_quads(g, base=base)
    triples = {ox.Triple(q.subject, q.predicate, q.object) for q in quads}
    return sorted(triples, key=_triple_key)


def _prefixes(base: str) -> dict[str, str]:
    return {prefix: str(space) for prefix, space in namespaces(base).items()}


def _serialize(items: Iterable[Any], fmt: ox.RdfFormat, base: str) -> str:
    return ox.serialize(items, format=fmt, prefixes=_prefixes(base)).decode("utf-8")


def to_turtle(g: nx.MultiDiGraph, *, base: str = DEFAULT_BASE) -> str:
    """The knowledge graph as Turtle (all graphs merged)."""
    triples = _sorted_triples(g, base)
    return _serialize(triples, ox.RdfFormat.TURTLE, base)


def to_ntriples(g: nx.MultiDiGraph, *, base: str = DEFAULT_BASE) -> str:
    """The knowledge graph as N-Triples (all graphs merged)."""
    triples = _sorted_triples(g, base)
    return _serialize(triples, ox.RdfFormat.N_TRIPLES, base)


def to_trig(g: nx.MultiDiGraph, *, base: str = DEFAULT_BASE) -> str:
    """The graph as TriG: entities in the default graph, one named graph per article."""
    quads = _sorted_quads(g, base)
    return _serialize(quads, ox.RdfFormat.TRIG, base)


def to_jsonld(g: nx.MultiDiGraph, *, base: str = DEFAULT_BASE) -> str:
    """The knowledge graph as JSON-LD (expanded form, all graphs merged), indented."""
    triples = _sorted_triples(g, base)
    data = json.loads(_serialize(triples, ox.RdfFormat.JSON_LD, base))
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def ontology_turtle(
    g: nx.MultiDiGraph | None = None, *, base: str = DEFAULT_BASE
) -> str:
    """The ontology as Turtle (the graph argument is ignored)."""
    return ontology_graph(base=base).serialize(format="turtle")


def graph_name(name: str, *, base: str = DEFAULT_BASE) -> URIRef:
    """The IRI of one of the build's shared graphs (``entities``, ``ontology``)."""
    return URIRef(f"{base}graph/{name}")


def to_named_graphs(g: nx.MultiDiGraph, *, base: str = DEFAULT_BASE) -> dict[str, str]:
    """The dataset as one N-Triples document per named graph, by graph IRI.

    Each article has its graph (named by the article's IRI); the entities and the
    ontology go to ``<base>graph/entities`` and ``<base>graph/ontology``.
    """
    graphs: dict[str, list[ox.Triple]] = {}
    entities = str(graph_name("entities", base=base))
    for q in _sorted_quads(g, base):
        default = isinstance(q.graph_name, ox.DefaultGraph)
        name = entities if default else q.graph_name.value
        graphs.setdefault(name, []).append(ox.Triple(q.subject, q.predicate, q.object))
    nt = ox.RdfFormat.N_TRIPLES
    out = {name: _serialize(ts, nt, base) for name, ts in graphs.items()}
    ontology = ontology_graph(base=base).serialize(format="nt", encoding="utf-8")
    out[str(graph_name("ontology", base=base))] = "".join(
        sorted(ontology.decode("utf-8").splitlines(keepends=True))
    )
    return dict(sorted(out.items()))
