"""The geokg ontology: a closed rdflib namespace and the OWL/SKOS vocabulary graph.

Everything is derived from ``graph.vocabulary`` (entity types, relations, families);
the only terms spelled out here are the evidence fields an assertion node carries.
The namespace is closed (``_fail = True``): a typo raises instead of minting an IRI.
:func:`property_entailments` reads back from the ontology graph what one triple of
each property entails, for the exporter to materialise.
"""

from __future__ import annotations

import types
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from geokg.graph.vocabulary import (
    ACTOR_TYPES,
    ENTITY_TYPES,
    FAMILIES,
    RELATIONS,
    Relation,
)
from rdflib import RDF, RDFS, BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, PROV, SDO, SKOS, XSD, DefinedNamespace

DEFAULT_BASE = "https://geokg.example.org/"
VERSION = "0.1.0"


@dataclass(frozen=True)
class Field:
    """A property of assertion, entity or event nodes: name, range, comment."""

    name: str
    range: URIRef | None  # None: the property points at a node (see `points_to`)
    comment: str
    domain: str = "Statement"
    points_to: URIRef | None = None  # an object property's range; None: geo:Entity

    @property
    def is_object(self) -> bool:
        """Whether the property points at a node rather than a literal."""
        return self.range is None


FIELDS: tuple[Field, ...] = (
    Field("sentence", XSD.string, "The sentence the claim was read from."),
    Field("sentenceStart", XSD.integer, "Offset of the sentence in the article text."),
    Field("sentenceEnd", XSD.integer, "End offset (exclusive) of the sentence."),
    Field("subjectStart", XSD.integer, "Offset of the subject mention in the text."),
    Field("subjectEnd", XSD.integer, "End offset (exclusive) of the subject mention."),
    Field("objectStart", XSD.integer, "Offset of the object mention in the text."),
    Field("objectEnd", XSD.integer, "End offset (exclusive) of the object mention."),
    Field("trigger", XSD.string, "The word or phrase that signalled the relation."),
    Field("triggerStart", XSD.integer, "Offset of the trigger in the text."),
    Field("triggerEnd", XSD.integer, "End offset (exclusive) of the trigger."),
    Field("modality", XSD.string, "asserted, planned, hypothetical or reported."),
    Field("negated", XSD.boolean, "True when the sentence denies the claim."),
    Field("date", XSD.date, "When the event took place (or the article's date)."),
    Field("dateText", XSD.string, "A date that is not an ISO date, as written."),
    Field("location", None, "Where the event took place."),
    Field("attributedTo", None, "The speaker or outlet the claim is attributed to."),
    Field("role", XSD.string, "The office held, on official-of claims."),
    Field("confidence", XSD.decimal, "The extractor's confidence, from 0 to 1."),
    Field("rule", XSD.string, "The extraction pattern that produced the claim."),
    Field(
        "triggerId",
        XSD.string,
        "The trigger-table row (ingest/triggers.toml or a derived table) that fired.",
    ),
    Field("iso3", XSD.string, "ISO 3166-1 alpha-3 code of a country.", domain="Entity"),
    Field(
        "parent",
        None,
        "The state (or organisation) a sector actor belongs to: its government, "
        "armed forces, ministries, officials.",
        domain="Entity",
    ),
    Field(
        "sector",
        XSD.string,
        "The sector of a state a sector actor is: government, military, police, "
        "intelligence, legislature or judiciary.",
        domain="Entity",
    ),
    Field(
        "country", None, "The country a non-state group belongs to.", domain="Entity"
    ),
    *(
        Field(name, rng, comment, domain="Event", points_to=to)
        for name, rng, comment, to in (
            ("eventRelation", None, "The relation most of the event's claims "
             "report: a property of the vocabulary.", RDF.Property),
            ("eventFamily", None, "The relation family of the event.", RDF.Property),
            ("status", XSD.string, "occurred (asserted or reported, not negated), "
             "planned, hypothetical or denied (negated).", None),
            ("participant", None, "An actor of the event, officials and sector "
             "actors rolled up to the state or body they belong to.", None),
            ("eventSource", None, "Who acted, in a directed event.", None),
            ("eventTarget", None, "Who was acted on, in a directed event.", None),
            ("eventDate", XSD.date, "The event's best date: a day, month or year.",
             None),
            ("eventDateText", XSD.string, "An event date that is not an ISO date, "
             "such as an ISO week (2025-W28).", None),
            ("place", None, "Where the event took place.", None),
            ("mentions", XSD.integer, "How many claims report the event.", None),
            ("goldstein", XSD.decimal, "The Goldstein (1992) weight of the CAMEO "
             "code of the event's relation, from -10 (conflict) to +10.", None),
            ("joinRule", XSD.string, "The rule that grouped the event's claims: "
             "same-day, within-3-days, same-period or same-article.", None),
            ("supportedBy", None, "A claim (assertion node) that reports the event.",
             RDF.Statement),
        )
    ),
)

_CLASS_COMMENTS = {
    "Entity": "Anything the graph names: an actor, a place, an agreement or an outlet.",
    "Actor": "An entity that can take part in geopolitical relations.",
    "Country": "A sovereign state.",
    "Organization": "An intergovernmental body, bloc or coalition (SCO, BRICS, NATO).",
    "GovernmentBody": "A ministry, agency, armed force or parliament.",
    "Person": "A person, usually an official.",
    "Agreement": "A treaty, accord or resolution.",
    "Location": "A city, sea, region or other place.",
    "Media": "A news outlet or agency.",
    "Group": "A party, armed group or other non-state group.",
    "Event": "One real-world happening (a meeting, an attack …) and every claim "
    "that reports it: its relation, participants, date and place.",
}

TOP_PROPERTY = "relatedTo"
SCHEMES = ("CAMEO", "PLOVER")


def term_names() -> tuple[str, ...]:
    """Every local name of the ontology namespace, derived from the vocabulary."""
    classes = ("Entity", "Actor", *ENTITY_TYPES, "Event")
    properties = (TOP_PROPERTY, *(f.camel for f in FAMILIES.values()))
    properties += tuple(r.camel for r in RELATIONS.values())
    return (*classes, *properties, *(f.name for f in FIELDS), *SCHEMES)


@lru_cache(maxsize=8)
def geo_namespace(base: str = DEFAULT_BASE) -> type[DefinedNamespace]:
    """The closed ``DefinedNamespace`` of the ontology under a base IRI."""
    body = {
        "__annotations__": {name: URIRef for name in term_names()},
        "__doc__": f"The geokg ontology under {base}.",
        "_NS": Namespace(base + "ontology#"),
        "_fail": True,
    }
    return types.new_class(
        "GEO", (DefinedNamespace,), exec_body=lambda n: n.update(body)
    )


GEO = geo_namespace()


def namespaces(base: str = DEFAULT_BASE) -> dict[str, Namespace]:
    """The prefixes of every geokg RDF file under a base IRI."""
    return {
        "geo": Namespace(base + "ontology#"),
        "ent": Namespace(base + "entity/"),
        "asr": Namespace(base + "assertion/"),
        "doc": Namespace(base + "document/"),
        "evt": Namespace(base + "event/"),
        "cameo": Namespace(base + "cameo/"),
        "plover": Namespace(base + "plover/"),
        "rdf": Namespace(str(RDF)),
        "rdfs": Namespace(str(RDFS)),
        "owl": Namespace(str(OWL)),
        "xsd": Namespace(str(XSD)),
        "skos": Namespace(str(SKOS)),
        "prov": Namespace(str(PROV)),
        "schema": Namespace(str(SDO)),
    }


def _labelled(out: Graph, term: URIRef, label: str, comment: str) -> None:
    out.add((term, RDFS.label, Literal(label, lang="en")))
    out.add((term, RDFS.comment, Literal(comment, lang="en")))


def _words(name: str) -> str:
    """A camel-case name as lower-case words: GovernmentBody -> Government body."""
    return name[:1] + "".join(f" {c.lower()}" if c.isupper() else c for c in name[1:])


def _class_expr(out: Graph, base: str, names: tuple[str, ...]) -> URIRef | BNode:
    """A class for a tuple of entity types: a named class or an owl:unionOf."""
    geo = geo_namespace(base)
    if len(names) == 1:
        return geo[names[0]]
    if names == ACTOR_TYPES:
        return geo.Actor
    union = BNode("union-" + "-".join(names))
    if (union, RDF.type, OWL.Class) not in out:
        out.add((union, RDF.type, OWL.Class))
        cells = [BNode(f"union-{i}-" + "-".join(names)) for i in range(len(names))]
        for cell, name, rest in zip(cells, names, [*cells[1:], RDF.nil], strict=True):
            out.add((cell, RDF.first, geo[name]))
            out.add((cell, RDF.rest, rest))
        out.add((union, OWL.unionOf, cells[0]))
    return union


def _add_classes(out: Graph, base: str) -> None:
    geo = geo_namespace(base)
    for name, comment in _CLASS_COMMENTS.items():
        out.add((geo[name], RDF.type, OWL.Class))
        _labelled(out, geo[name], _words(name), comment)
    out.add((geo.Actor, RDFS.subClassOf, geo.Entity))
    for name in ENTITY_TYPES:
        parent = geo.Actor if name in ACTOR_TYPES else geo.Entity
        out.add((geo[name], RDFS.subClassOf, parent))
    out.add((geo.Event, RDFS.subClassOf, PROV.Entity))  # a record derived from articles


def _add_families(out: Graph, base: str) -> None:
    geo = geo_namespace(base)
    top = geo[TOP_PROPERTY]
    out.add((top, RDF.type, OWL.ObjectProperty))
    _labelled(out, top, "related to", "Any relation of the vocabulary.")
    for fam in FAMILIES.values():
        out.add((geo[fam.camel], RDF.type, OWL.ObjectProperty))
        out.add((geo[fam.camel], RDFS.subPropertyOf, top))
        _labelled(out, geo[fam.camel], fam.label, fam.comment)


def _add_codes(out: Graph, base: str, prop: URIRef, rel: Relation) -> None:
    geo, ns = geo_namespace(base), namespaces(base)
    for scheme, code in (("CAMEO", rel.cameo), ("PLOVER", rel.plover)):
        if not code:
            continue
        concept = ns[scheme.lower()][code]
        out.add((concept, RDF.type, SKOS.Concept))
        out.add((concept, SKOS.inScheme, geo[scheme]))
        out.add((concept, SKOS.notation, Literal(code)))
        out.add((concept, SKOS.prefLabel, Literal(f"{scheme} {code}", lang="en")))
        out.add((prop, SKOS.closeMatch, concept))


def _add_relations(out: Graph, base: str) -> None:
    geo = geo_namespace(base)
    for rel in RELATIONS.values():
        prop = geo[rel.camel]
        out.add((prop, RDF.type, OWL.ObjectProperty))
        if rel.symmetric:
            out.add((prop, RDF.type, OWL.SymmetricProperty))
        out.add((prop, RDFS.subPropertyOf, geo[FAMILIES[rel.family].camel]))
        out.add((prop, RDFS.domain, _class_expr(out, base, rel.domain)))
        out.add((prop, RDFS.range, _class_expr(out, base, rel.range)))
        out.add((prop, SKOS.notation, Literal(rel.name)))
        _labelled(out, prop, rel.name.replace("-", " "), rel.comment)
        _add_codes(out, base, prop, rel)


def _add_fields(out: Graph, base: str) -> None:
    geo = geo_namespace(base)
    for f in FIELDS:
        kind = OWL.ObjectProperty if f.is_object else OWL.DatatypeProperty
        out.add((geo[f.name], RDF.type, kind))
        domain = RDF.Statement if f.domain == "Statement" else geo[f.domain]
        out.add((geo[f.name], RDFS.domain, domain))
        target = (f.points_to or geo.Entity) if f.is_object else f.range
        out.add((geo[f.name], RDFS.range, target))
        _labelled(out, geo[f.name], _words(f.name), f.comment)
    out.add((geo.attributedTo, RDFS.subPropertyOf, PROV.wasAttributedTo))


def _add_schemes(out: Graph, base: str) -> None:
    geo = geo_namespace(base)
    comments = {
        "CAMEO": "Conflict and Mediation Event Observations event codes.",
        "PLOVER": "Political Language Ontology for Verifiable Event Records types.",
    }
    for scheme in SCHEMES:
        out.add((geo[scheme], RDF.type, SKOS.ConceptScheme))
        _labelled(out, geo[scheme], f"{scheme} codes", comments[scheme])


#: The property axioms :func:`property_entailments` follows. The ontology has no
#: others that entail triples between entities (a test keeps it so).
ENTAILING_AXIOMS = (RDFS.subPropertyOf, OWL.SymmetricProperty)

Entailment = tuple[URIRef, bool]  # (property, reversed)


@lru_cache(maxsize=8)
def property_entailments(
    base: str = DEFAULT_BASE,
) -> Mapping[URIRef, tuple[Entailment, ...]]:
    """What a triple ``s P o`` entails under the ontology, for each property P.

    Each ``(Q, reversed)`` pair means ``s Q o`` (``o Q s`` when reversed) follows;
    ``(P, False)`` itself is left out. Two OWL 2 RL rules, applied to a fixpoint
    over the ontology graph itself: rdfs:subPropertyOf (prp-spo1, so transitively)
    and owl:SymmetricProperty (prp-symp).
    """
    onto = ontology_graph(base=base)
    symmetric = set(onto.subjects(RDF.type, OWL.SymmetricProperty))
    found: dict[URIRef, tuple[Entailment, ...]] = {}
    for prop in sorted(set(onto.subjects(RDFS.subPropertyOf)) | symmetric):
        seen, todo = {(prop, False)}, [(prop, False)]
        while todo:
            here, flipped = todo.pop()
            steps = [(up, flipped) for up in onto.objects(here, RDFS.subPropertyOf)]
            if here in symmetric:
                steps.append((here, not flipped))
            for step in steps:
                if step not in seen:
                    seen.add(step)
                    todo.append(step)
        found[prop] = tuple(sorted(seen - {(prop, False)}))
    return types.MappingProxyType(found)


def ontology_graph(*, base: str = DEFAULT_BASE) -> Graph:
    """The vocabulary as an OWL ontology with SKOS mappings to CAMEO and PLOVER."""
    out = Graph()
    for prefix, space in namespaces(base).items():
        out.bind(prefix, space, override=True, replace=True)
    onto = URIRef(base + "ontology")
    out.add((onto, RDF.type, OWL.Ontology))
    out.add((onto, RDFS.label, Literal("geokg ontology", lang="en")))
    about = "Actors, the geopolitical relations between them, and the evidence."
    out.add((onto, RDFS.comment, Literal(about, lang="en")))
    out.add((onto, OWL.versionInfo, Literal(VERSION)))
    for add in (_add_classes, _add_families, _add_relations, _add_fields, _add_schemes):
        add(out, base)
    return out
