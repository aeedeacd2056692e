"""geokg's spaCy components, all registered here.

    geokg_ruler      spaCy's entity ruler with the gazetteer's patterns, before "ner"
    geokg_actors     doc.ents -> Doc._.geokg_mentions (canonical entity mentions,
                     then light coreference: ingest.coref)
    geokg_relations  mentions + parse -> Doc._.geokg_found (relations, then the
                     offices of people: ingest.roles)
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ingest import coref
from ingest.actors import ActorFinder
from ingest.gazetteer import load_gazetteer
from ingest.relations import RelationFinder, load_triggers
from ingest.roles import OfficeFinder

EXTENSIONS = ("geokg_mentions", "geokg_found")


def register_extensions() -> None:
    """Register the custom Doc attributes, once."""
    for name in EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


class ActorsComponent:
    """Finds the canonical actor mentions of a document."""

    def __init__(self) -> None:
        self.find = ActorFinder(load_gazetteer())

    def __call__(self, doc: Doc) -> Doc:
        mentions = self.find(doc)
        mentions += coref.resolve(doc, mentions)
        doc._.geokg_mentions = sorted(mentions, key=lambda m: (m.start, -m.end))
        return doc


class RelationsComponent:
    """Finds the relations between a document's actor mentions."""

    def __init__(self) -> None:
        self.find = RelationFinder(load_triggers())
        self.offices = OfficeFinder(load_gazetteer())

    def __call__(self, doc: Doc) -> Doc:
        mentions = doc._.geokg_mentions or []
        doc._.geokg_found = self.find(doc, mentions) + self.offices(doc, mentions)
        return doc


@Language.factory(
    "geokg_actors", requires=["doc.ents", "token.dep"], assigns=["doc._.geokg_mentions"]
)
def make_actors(nlp: Language, name: str) -> ActorsComponent:
    """Factory of the actor component."""
    register_extensions()
    return ActorsComponent()


@Language.factory(
    "geokg_relations",
    requires=["doc._.geokg_mentions", "token.dep", "token.lemma"],
    assigns=["doc._.geokg_found"],
)
def make_relations(nlp: Language, name: str) -> RelationsComponent:
    """Factory of the relation component."""
    register_extensions()
    return RelationsComponent()


def as_phrase(pattern: dict, nlp: Language) -> dict:
    """A one-token ORTH pattern as the same phrase, when it tokenizes to that token.

    The ruler's PhraseMatcher finds phrases by hash lookup; its Matcher tries every
    token pattern at every token, which made thousands of one-word names cost ~75x
    more (15% of spaCy's own time). The matches are the same.
    """
    token = pattern["pattern"]
    if isinstance(token, list) and len(token) == 1 and list(token[0]) == ["ORTH"]:
        text = token[0]["ORTH"]
        if [t.text for t in nlp.make_doc(text)] == [text]:
            return {**pattern, "pattern": text}
    return pattern


def add_to(nlp: Language) -> Language:
    """Add the ruler, actor and relation components to a loaded English pipeline."""
    register_extensions()
    ruler = nlp.add_pipe(
        "entity_ruler", name="geokg_ruler", before="ner",
        config={"phrase_matcher_attr": None, "validate": False, "overwrite_ents": True},
    )
    ruler.add_patterns([as_phrase(p, nlp) for p in load_gazetteer().patterns()])
    nlp.add_pipe("geokg_actors")
    nlp.add_pipe("geokg_relations")
    return nlp
