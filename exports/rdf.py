"""The graph as RDF: entities, direct triples for facts, one node per assertion.

Each term is made once by pyoxigraph (IRIs checked, text escaped) and kept as
N-Triples text; the triples are emitted as sorted lines (assertion nodes in a
precomputed property order, so a million triples need no per-triple sort or
Python object), and Oxigraph parses them to write Turtle, TriG and JSON-LD or to
fill the store of an rdflib ``Dataset`` (oxrdflib). The same graph always gives
the same bytes. Layout of the dataset:

- the default graph holds the entities (type, label, aliases, owl:sameAs);
- one named graph per article (named by the article's IRI) holds the article's
  metadata, its assertion nodes and the direct triples of its facts;
- the events graph (``<base>graph/events``) holds one ``geo:Event`` node per
  event (graph/events.py): its relation and family, participants, status, date,
  place, mentions and Goldstein weight, ``geo:supportedBy`` each assertion node
  that reports it and ``prov:wasDerivedFrom`` each article;
- the entailed graph (``<base>graph/entailed``) holds what the ontology entails
  from those direct triples and is not asserted (see :func:`property_entailments`):
  the reverse of each symmetric relation, and each fact's family property and
  ``geo:relatedTo``, so plain SPARQL finds them without a reasoner.

Turtle, N-Triples and JSON-LD are the union of the asserted graphs (the entailed
graph is :func:`to_entailed_turtle`); TriG keeps every graph apart, the entailed
one included unless ``entailment=False``.
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
from geokg.exports.ontology import (
    DEFAULT_BASE,
    geo_namespace,
    namespaces,
    ontology_graph,
    property_entailments,
)
from geokg.graph.events import event_table
from geokg.graph.vocabulary import FAMILIES, MODALITIES, RELATIONS
from oxrdflib import OxigraphStore
from rdflib import RDF, RDFS, Dataset, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import OWL, PROV, SDO, SKOS, XSD

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


def event_iri(identifier: str, *, base: str = DEFAULT_BASE) -> URIRef:
    """The IRI of an event node."""
    return URIRef(f"{base}event/{iri_segment(identifier)}")


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


# Terms are kept as their N-Triples text, made once by pyoxigraph (which checks
# IRIs and escapes literals) and cached: entities, predicates and many literals
# repeat. Lines are then parsed back by Oxigraph (Rust) for Turtle, TriG, JSON-LD
# and the store, so no Python object is made per triple.
# A triple's sort key is (subject, predicate, object) as N-Triples text, with
# rdf:type first so Turtle writes `a` first; quads sort by graph name first.
_Pair = tuple[str, str]  # (predicate, object) as N-Triples text
_RDF_TYPE = f"<{RDF.type}>"
_BOOLEANS = {flag: str(ox.Literal(flag)) for flag in (False, True)}
_INTEGER = f'"^^<{XSD.integer}>'
_CHUNK = 1 << 22  # characters of N-Triples parsed at a time


def _nt(term: URIRef | Literal) -> str:
    """An rdflib IRI or literal as N-Triples text (checked by pyoxigraph)."""
    if isinstance(term, URIRef):
        return str(ox.NamedNode(str(term)))
    if term.datatype is not None:
        datatype = ox.NamedNode(str(term.datatype))
        return str(ox.Literal(str(term), datatype=datatype))
    return str(ox.Literal(str(term), language=term.language))


def _pair_key(pair: _Pair) -> tuple[str, str]:
    p, o = pair
    return ("" if p == _RDF_TYPE else p[1:-1]), o


def _sorted_pairs(pairs: Iterable[_Pair]) -> list[_Pair]:
    return sorted(dict.fromkeys(pairs), key=_pair_key)


def _slots(base: str) -> tuple[tuple[str, ...], list[int]]:
    """The properties of an assertion node, and the order that sorts them."""
    geo = geo_namespace(base)
    names = (
        "sentence",
        "sentenceStart",
        "sentenceEnd",
        "subjectStart",
        "subjectEnd",
        "objectStart",
        "objectEnd",
        "modality",
        "negated",
        "confidence",
        "rule",
        "role",
        "triggerId",
        "trigger",
        "triggerStart",
        "triggerEnd",
        "date",
        "dateText",
        "location",
        "attributedTo",
    )
    props = (
        RDF.type,
        RDF.type,
        RDF.subject,
        RDF.predicate,
        RDF.object,
        PROV.wasDerivedFrom,
        *(geo[n] for n in names),
    )
    slots = tuple(_nt(p) for p in props)
    keys = [
        _pair_key((p, _STATEMENT_TYPES[i] if i < 2 else ""))
        for i, p in enumerate(slots)
    ]
    return slots, sorted(range(len(slots)), key=keys.__getitem__)


_STATEMENT_TYPES = (_nt(RDF.Statement), _nt(PROV.Entity))  # sorted


class _Part:
    """The triples of one graph (the entities', or an article's), by subject."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.pairs: dict[str, list[_Pair]] = {}  # subject -> pairs, any order
        self.rows: dict[str, list[list[str | None]]] = {}  # assertion nodes

    def add(self, subject: str, pairs: Iterable[_Pair]) -> None:
        self.pairs.setdefault(subject, []).extend(pairs)


class _Rdf:
    """The RDF of one graph as N-Triples terms, kept by graph and by subject.

    Assertion nodes (most of the triples) are kept as a row of objects in a fixed
    property order, so they need neither sorting nor a tuple per triple.
    """

    def __init__(
        self, g: nx.MultiDiGraph, base: str, *, entailment: bool = False
    ) -> None:
        self.base, self.geo = base, geo_namespace(base)
        self.slots, self.order = _slots(base)
        self.entities: dict[str, str] = {}
        self.strings: dict[str, str] = {}
        self.ints: dict[int, str] = {}
        self.dates: dict[str, tuple[str | None, str | None]] = {}
        self.decimals: dict[float, str | None] = {}
        self.props: dict[str, str] = {}
        self.default = _Part("")
        self.parts: dict[str, _Part] = {}
        self.events = _Part(_nt(graph_name("events", base=base)))
        self.facts: set[tuple[str, str, str]] = set()  # the direct triples
        self._entities(g)
        self._statements(g)
        self._events(g)
        known = {d["id"]: d for d in g.graph.get("documents", [])}
        for doc_id in sorted(known.keys() | self.parts.keys()):
            self._article(known.get(doc_id, {"id": doc_id}))
        self.entailed = self.entailed_graph() if entailment else None

    def entity(self, identifier: str) -> str:
        found = self.entities.get(identifier)
        if found is None:
            found = _nt(entity_iri(identifier, base=self.base))
            self.entities[identifier] = found
        return found

    def string(self, value: Any) -> str:
        found = self.strings.get(value)
        if found is None:
            found = self.strings[value] = str(ox.Literal(_text(value)))
        return found

    def part(self, doc_id: str) -> _Part:
        found = self.parts.get(doc_id)
        if found is None:
            name = _nt(document_iri(doc_id, base=self.base))
            found = self.parts[doc_id] = _Part(name)
        return found

    def _entities(self, g: nx.MultiDiGraph) -> None:
        geo, string = self.geo, self.string
        label, ident = _nt(RDFS.label), _nt(SDO.identifier)
        alt, iso3, same = _nt(SKOS.altLabel), _nt(geo.iso3), _nt(OWL.sameAs)
        owns = {"parent": _nt(geo.parent), "country": _nt(geo.country)}
        sector = _nt(geo.sector)
        types: dict[str, str] = {}
        for node, data in g.nodes(data=True):
            kind = types.get(data["type"])
            if kind is None:
                kind = types[data["type"]] = _nt(geo[data["type"]])
            pairs = [
                (_RDF_TYPE, kind),
                (label, string(data["label"])),
                (ident, string(node)),
            ]
            pairs += [(alt, string(a)) for a in data.get("aliases", ())]
            if data.get("iso3"):
                pairs.append((iso3, string(data["iso3"])))
            if data.get("sector"):
                pairs.append((sector, string(data["sector"])))
            pairs += [
                (owns[key], self.entity(data[key]))
                for key in ("parent", "country")
                if data.get(key) in g
            ]
            pairs += [(same, _nt(s)) for s in _same_as(data)]
            self.default.add(self.entity(node), pairs)

    def integer(self, value: int) -> str:
        found = self.ints.get(value)
        if found is None:
            found = self.ints[value] = f'"{int(value)}{_INTEGER}'
        return found

    def _statements(self, g: nx.MultiDiGraph) -> None:
        """One row per assertion node, plus the direct triple of each fact."""
        base, entity, string, integer = (
            self.base, self.entity, self.string, self.integer
        )
        nothing = (None, None)
        for u, v, key, d in g.edges(keys=True, data=True):
            part = self.part(d["doc_id"])
            subject, obj = entity(u), entity(v)
            prop = self._relation(d["relation"])
            modality = d["modality"]
            if modality == "asserted" and not d["negated"]:
                part.add(subject, ((prop, obj),))
                self.facts.add((subject, prop, obj))
            date = d.get("date")
            where, said = d.get("location"), d.get("attributed_to")
            rule, role = d.get("rule"), d.get("role")
            row = [
                *_STATEMENT_TYPES,
                subject,
                prop,
                obj,
                part.name,
                string(d["sentence"]),
                integer(d["sentence_start"]),
                integer(d["sentence_end"]),
                integer(d["subject_start"]),
                integer(d["subject_end"]),
                integer(d["object_start"]),
                integer(d["object_end"]),
                self._modality(modality),
                _BOOLEANS[bool(d["negated"])],
                self._decimal(d["confidence"]),
                string(rule) if rule else None,
                string(role) if role else None,
                string(d["trigger_id"]) if d.get("trigger_id") else None,
                *(
                    (
                        string(d["trigger"]),
                        integer(d["trigger_start"]),
                        integer(d["trigger_end"]),
                    )
                    if "trigger" in d
                    else (None,) * 3
                ),
                *(self._date(date) if date else nothing),
                entity(where) if where else None,
                entity(said) if said else None,
            ]
            node = _nt(assertion_iri(key, base=base))
            part.rows.setdefault(node, []).append(row)

    def _events(self, g: nx.MultiDiGraph) -> None:
        """One geo:Event node per event of the graph, in the events graph."""
        geo, entity, base = self.geo, self.entity, self.base
        names = ("eventRelation", "eventFamily", "status", "participant",
                 "eventSource", "eventTarget", "eventDate", "eventDateText", "place",
                 "mentions", "goldstein", "joinRule", "supportedBy")
        p = {name: _nt(geo[name]) for name in names}
        kind, derived = _nt(geo.Event), _nt(PROV.wasDerivedFrom)
        for e in event_table(g):
            source, target = entity(e["source"]), entity(e["target"])
            pairs = [
                (_RDF_TYPE, kind),
                (p["eventRelation"], self._relation(e["relation"])),
                (p["eventFamily"], _nt(geo[FAMILIES[e["family"]].camel])),
                (p["status"], self.string(e["status"])),
                (p["mentions"], self.integer(e["mentions"])),
                (p["goldstein"], self._decimal(e["goldstein"])),
                (p["joinRule"], self.string(e["rule"])),
                (p["participant"], source),
                (p["participant"], target),
            ]
            if not e["symmetric"]:
                pairs += [(p["eventSource"], source), (p["eventTarget"], target)]
            if e["date"]:
                day, text = self._date(e["date"])
                pairs.append(
                    (p["eventDate"], day) if day else (p["eventDateText"], text)
                )
            if e["location"]:
                pairs.append((p["place"], entity(e["location"])))
            pairs += [
                (p["supportedBy"], _nt(assertion_iri(c, base=base)))
                for c in e["claims"]
            ]
            pairs += [(derived, self.part(doc).name) for doc in e["articles"]]
            self.events.add(_nt(event_iri(e["id"], base=base)), pairs)

    def entailed_graph(self) -> _Part:
        """The entailed graph: the triples the ontology adds to the direct ones."""
        rules = {
            _nt(prop): [(_nt(q), flipped) for q, flipped in found]
            for prop, found in property_entailments(self.base).items()
        }
        part = _Part(_nt(graph_name("entailed", base=self.base)))
        for s, p, o in self.facts:
            for q, flipped in rules[p]:
                subject, obj = (o, s) if flipped else (s, o)
                if (subject, q, obj) not in self.facts:
                    part.add(subject, ((q, obj),))
        return part

    def _relation(self, relation: str) -> str:
        found = self.props.get(relation)
        if found is None:
            if relation not in RELATIONS:
                raise ValueError(f"unknown relation {relation!r}")
            found = self.props[relation] = _nt(self.geo[RELATIONS[relation].camel])
        return found

    def _modality(self, modality: str) -> str:
        if modality not in MODALITIES:
            raise ValueError(f"unknown modality {modality!r}")
        return self.string(modality)

    def _decimal(self, value: float) -> str | None:
        if value not in self.decimals:
            lit = _decimal(value)
            self.decimals[value] = None if lit is None else _nt(lit)
        return self.decimals[value]

    def _date(self, text: str) -> tuple[str | None, str | None]:
        """(date, dateText) objects of an assertion node: one of them is None."""
        found = self.dates.get(text)
        if found is None:
            prop, lit = date_literal(text)
            found = (_nt(lit), None) if prop == "date" else (None, _nt(lit))
            self.dates[text] = found
        return found

    def _article(self, meta: dict[str, Any]) -> None:
        part = self.part(meta["id"])
        pairs = [(RDF.type, SDO.NewsArticle), (SDO.identifier, _string(meta["id"]))]
        if meta.get("title"):
            pairs.append((SDO.headline, _string(meta["title"])))
        if meta.get("url"):
            pairs.append((SDO.url, url_term(meta["url"])))
        if meta.get("published"):
            _, lit = date_literal(str(meta["published"]))
            if lit.datatype == XSD.date:
                pairs.append((SDO.datePublished, lit))
        if meta.get("publisher"):
            pairs.append((SDO.publisher, _string(meta["publisher"])))
        part.add(part.name, ((_nt(p), _nt(o)) for p, o in pairs))

    def block(
        self, subject: str, pairs: list[_Pair], rows: list[list[Any]], end: str
    ) -> str:
        """The sorted lines of one subject (`end` closes each: graph name and ` .`)."""
        if not pairs and len(rows) == 1:
            row, slots = rows[0], self.slots
            return "".join(
                [
                    f"{subject} {slots[i]} {row[i]}{end}"
                    for i in self.order
                    if row[i] is not None
                ]
            )
        pairs = list(pairs)
        for row in rows:
            pairs += [
                (p, o) for p, o in zip(self.slots, row, strict=True) if o is not None
            ]
        return "".join([f"{subject} {p} {o}{end}" for p, o in _sorted_pairs(pairs)])

    def lines(self, parts: Iterable[_Part], end: str = " .\n") -> Iterator[str]:
        """The lines of the union of some graphs, sorted by subject."""
        pairs: dict[str, list[_Pair]] = {}
        rows: dict[str, list[list[Any]]] = {}
        for part in parts:
            for subject, found in part.pairs.items():
                pairs.setdefault(subject, []).extend(found)
            for subject, found in part.rows.items():
                rows.setdefault(subject, []).extend(found)
        for subject in sorted(pairs.keys() | rows.keys()):
            yield self.block(
                subject, pairs.get(subject, []), rows.get(subject, []), end
            )

    def graphs(self) -> list[_Part]:
        """Every graph, sorted by name (named graphs, then the default graph)."""
        named = [*self.parts.values(), self.events,
                 *([self.entailed] if self.entailed else [])]
        return sorted(named, key=lambda p: p.name) + [self.default]

    def ntriples(self) -> Iterator[str]:
        """The union of the asserted graphs as N-Triples, sorted, in pieces."""
        return self.lines([self.default, *self.parts.values(), self.events], " .\n")

    def nquads(self) -> Iterator[str]:
        """Every graph as N-Quads, sorted by graph name, then subject, in pieces."""
        for part in self.graphs():
            yield from self.lines([part], f" {part.name} .\n" if part.name else " .\n")


def _chunks(lines: Iterable[str]) -> Iterator[str]:
    """Lines joined into pieces of about _CHUNK characters."""
    piece: list[str] = []
    size = 0
    for text in lines:
        piece.append(text)
        size += len(text)
        if size >= _CHUNK:
            yield "".join(piece)
            piece, size = [], 0
    yield "".join(piece)


def _parsed(lines: Iterable[str], fmt: ox.RdfFormat) -> Iterator[Any]:
    """Triples (or quads) that Oxigraph parses from N-Triples (N-Quads) text."""
    for piece in _chunks(lines):
        yield from ox.parse(piece.encode("utf-8"), format=fmt, lenient=True)


def _same_as(data: dict[str, Any]) -> Iterator[URIRef]:
    qid = str(data.get("wikidata") or "")
    if _QID.fullmatch(qid):
        yield URIRef(WIKIDATA + qid)
    geonames = str(data.get("geonames") or "")
    if geonames.isascii() and geonames.isdigit():
        yield URIRef(f"{GEONAMES}{int(geonames)}/")


def ox_quads(
    g: nx.MultiDiGraph, *, base: str = DEFAULT_BASE, entailment: bool = True
) -> list[ox.Quad]:
    """Every quad of the RDF as pyoxigraph quads, sorted (entities: default graph)."""
    rdf = _Rdf(g, base, entailment=entailment)
    return list(_parsed(rdf.nquads(), ox.RdfFormat.N_QUADS))


def rdf_quads(
    g: nx.MultiDiGraph, *, base: str = DEFAULT_BASE, entailment: bool = True
) -> list[Quad]:
    """Every quad of the RDF as rdflib terms (graph name last); for small graphs."""
    return [
        (
            _rdflib(q.subject),
            _rdflib(q.predicate),
            _rdflib(q.object),
            _rdflib(q.graph_name),
        )
        for q in ox_quads(g, base=base, entailment=entailment)
    ]


def _rdflib(term: Any) -> Any:
    """A pyoxigraph IRI, literal or graph name as an rdflib term."""
    if isinstance(term, ox.DefaultGraph):
        return DATASET_DEFAULT_GRAPH_ID
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    if term.datatype.value == str(XSD.string):
        return Literal(term.value)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


def rdf_dataset(
    g: nx.MultiDiGraph, *, base: str = DEFAULT_BASE, entailment: bool = True
) -> Dataset:
    """The knowledge graph as an rdflib Dataset on an Oxigraph store."""
    store = ox.Store()
    for piece in _chunks(_Rdf(g, base, entailment=entailment).nquads()):
        store.load(piece.encode("utf-8"), format=ox.RdfFormat.N_QUADS, lenient=True)
    ds = Dataset(store=OxigraphStore(store=store))
    for prefix, space in namespaces(base).items():
        ds.bind(prefix, space, override=True, replace=True)
    return ds


def _prefixes(base: str) -> dict[str, str]:
    return {prefix: str(space) for prefix, space in namespaces(base).items()}


def _serialize(items: Iterable[Any], fmt: ox.RdfFormat, base: str) -> str:
    return ox.serialize(items, format=fmt, prefixes=_prefixes(base)).decode("utf-8")


def to_turtle(g: nx.MultiDiGraph, *, base: str = DEFAULT_BASE) -> str:
    """The knowledge graph as Turtle (all graphs merged)."""
    triples = _parsed(_Rdf(g, base).ntriples(), ox.RdfFormat.N_TRIPLES)
    return _serialize(triples, ox.RdfFormat.TURTLE, base)


def to_ntriples(g: nx.MultiDiGraph, *, base: str = DEFAULT_BASE) -> str:
    """The knowledge graph as N-Triples (all graphs merged)."""
    return "".join(_Rdf(g, base).ntriples())


def to_trig(
    g: nx.MultiDiGraph, *, base: str = DEFAULT_BASE, entailment: bool = True
) -> str:
    """The graph as TriG: entities in the default graph, one named graph per article,
    and (unless `entailment` is False) the entailed graph."""
    rdf = _Rdf(g, base, entailment=entailment)
    quads = _parsed(rdf.nquads(), ox.RdfFormat.N_QUADS)
    return _serialize(quads, ox.RdfFormat.TRIG, base)


def to_entailed_turtle(g: nx.MultiDiGraph, *, base: str = DEFAULT_BASE) -> str:
    """The entailed graph as Turtle: what the ontology adds to the direct triples."""
    rdf = _Rdf(g, base)
    triples = _parsed(rdf.lines([rdf.entailed_graph()]), ox.RdfFormat.N_TRIPLES)
    name = graph_name("entailed", base=base)
    head = (
        "# What the geokg ontology (ontology.ttl) entails from the facts of\n"
        "# graph.ttl: the reverse of each symmetric relation, each fact's family\n"
        "# property and geo:relatedTo. No article asserts these triples; in TriG\n"
        f"# they are the graph <{name}>.\n"
    )
    return head + _serialize(triples, ox.RdfFormat.TURTLE, base)


def to_jsonld(g: nx.MultiDiGraph, *, base: str = DEFAULT_BASE) -> str:
    """The knowledge graph as JSON-LD (expanded form, all graphs merged), indented."""
    nodes: list[str] = []
    for piece in _chunks(_Rdf(g, base).ntriples()):  # a subject never spans two
        triples = ox.parse(
            piece.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES, lenient=True
        )
        text = _serialize(triples, ox.RdfFormat.JSON_LD, base)
        nodes += [_indented(node, 1) for node in json.loads(text)]
    return ("[\n " + ",\n ".join(nodes) + "\n]\n") if nodes else "[]\n"


def _indented(value: Any, depth: int) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=1)`` nested at `depth`, faster."""
    if isinstance(value, str):
        return _json_string(value)
    pad = "\n" + " " * (depth + 1)
    if isinstance(value, dict) and value:
        items = [
            f"{_json_string(k)}: {_indented(v, depth + 1)}" for k, v in value.items()
        ]
        return "{" + pad + ("," + pad).join(items) + pad[:-1] + "}"
    if isinstance(value, list) and value:
        items = [_indented(v, depth + 1) for v in value]
        return "[" + pad + ("," + pad).join(items) + pad[:-1] + "]"
    return json.dumps(value, ensure_ascii=False)


_json_string = json.encoder.encode_basestring  # type: ignore[attr-defined]


def ontology_turtle(
    g: nx.MultiDiGraph | None = None, *, base: str = DEFAULT_BASE
) -> str:
    """The ontology as Turtle (the graph argument is ignored)."""
    return ontology_graph(base=base).serialize(format="turtle")


def graph_name(name: str, *, base: str = DEFAULT_BASE) -> URIRef:
    """The IRI of a build's shared graph (``entities``, ``ontology``, ``entailed``)."""
    return URIRef(f"{base}graph/{name}")


def to_named_graphs(
    g: nx.MultiDiGraph, *, base: str = DEFAULT_BASE, entailment: bool = True
) -> dict[str, str]:
    """The dataset as one N-Triples document per named graph, by graph IRI.

    Each article has its graph (named by the article's IRI); the entities, the
    ontology and (unless `entailment` is False) the entailed triples go to
    ``<base>graph/entities``, ``<base>graph/ontology`` and ``<base>graph/entailed``.
    """
    rdf = _Rdf(g, base, entailment=entailment)
    entities = str(graph_name("entities", base=base))
    out = {
        part.name[1:-1] if part.name else entities: "".join(rdf.lines([part]))
        for part in rdf.graphs()
        if part.pairs or part.rows
    }
    ontology = ontology_graph(base=base).serialize(format="nt", encoding="utf-8")
    out[str(graph_name("ontology", base=base))] = "".join(
        sorted(ontology.decode("utf-8").splitlines(keepends=True))
    )
    return dict(sorted(out.items()))
