"""Find the actors a document names and map every mention to one canonical entity.

The gazetteer's entity ruler runs before spaCy's statistical NER; this module
then reads ``doc.ents`` and turns each into a :class:`Mention` of a canonical
:class:`graph.model.Entity`: gazetteer entries by id, demonyms to their country,
capitals acting as their state, people by name (short forms folded into the
full name seen earlier), acronyms defined in the text to their long form.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from graph.model import Entity
from ingest.gazetteer import Gazetteer, GazetteerEntry, normalise

#: Prepositions after which a capital is a place, not the state acting.
PLACE_PREPOSITIONS = frozenset(
    {"in", "at", "near", "inside", "outside", "within", "around", "across", "throughout"}
)
PERSON_TITLES = frozenset(
    {"mr", "mrs", "ms", "dr", "ayatollah", "sheikh", "president", "minister", "king",
     "queen", "prince", "general", "gen", "sen", "senator", "rep", "secretary"}
)


@dataclass(frozen=True)
class Mention:
    """One place in the text (token span) that names an entity, and how it was found."""

    start: int
    end: int
    entity: Entity
    how: str

    def span(self, doc: Doc) -> Span:
        """The mention's tokens."""
        return doc[self.start : self.end]


def slug(text: str) -> str:
    """A stable id from a name: ASCII, lower case, words joined by hyphens."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "x"


def entity_of(entry: GazetteerEntry) -> Entity:
    """The graph entity of a gazetteer entry."""
    return Entity(
        id=entry.id,
        label=entry.label,
        type=entry.type,
        aliases=tuple(sorted(set(entry.aliases))),
        wikidata=entry.wikidata,
        iso3=entry.iso3,
        geonames=entry.geonames,
    )


def person_entity(name: str) -> Entity:
    """A person in no table: a Person node keyed by the slug of the name."""
    return Entity(id=slug(name), label=name, type="Person")


def _strip_span(span: Span) -> Span:
    """The span without a leading article, trailing possessive or punctuation."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].lower_ in ("the", "a", "an") or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct
                           or doc[end - 1].is_space):
        end -= 1
    return doc[start:end]


def _person_name(span: Span) -> Span:
    """A person's name without leading titles ("Ayatollah Ali Khamenei" -> "Ali Khamenei")."""
    start = span.start
    while start < span.end - 1 and span.doc[start].lower_.rstrip(".") in PERSON_TITLES:
        start += 1
    return span.doc[start : span.end]


def _acts(span: Span) -> bool:
    """Whether a place name is used as an actor (not after "in", "at", …)."""
    head = span.root.head
    return not (span.root.dep_ == "pobj" and head.lower_ in PLACE_PREPOSITIONS)


class ActorFinder:
    """Turns a parsed document's entities into mentions of canonical entities."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gaz = gazetteer

    def __call__(self, doc: Doc) -> list[Mention]:
        """Every mention of an actor, place or outlet in the document, in text order."""
        people: dict[str, Entity] = {}
        acronyms = self.defined_acronyms(doc)
        mentions = []
        for ent in doc.ents:
            mention = self.resolve(_strip_span(ent), ent.label_, people, acronyms)
            if mention is not None:
                mentions.append(mention)
        return mentions

    def resolve(
        self, span: Span, label: str, people: dict[str, Entity], acronyms: dict[str, Entity]
    ) -> Mention | None:
        """The mention one entity span stands for, or None if it names no actor."""
        if not len(span):
            return None
        if span.ent_id_ and (entry := self.gaz.get(span.ent_id_)):
            return self._entry_mention(span, entry, "gazetteer")
        text = span.text
        if text in acronyms:
            return Mention(span.start, span.end, acronyms[text], "acronym")
        known = self._known_person(text, people)
        if known is not None:
            return Mention(span.start, span.end, known, "short-form")
        if label == "PERSON":
            return self._person(span, people)
        if label == "NORP" and (entry := self.gaz.by_demonym(text)):
            return Mention(span.start, span.end, entity_of(entry), "demonym")
        if label in ("GPE", "LOC", "FAC", "ORG", "LAW", "NORP"):
            entries = self.gaz.lookup(text)
            if entries:
                return self._entry_mention(span, entries[0], "gazetteer")
        return None

    def _entry_mention(self, span: Span, entry: GazetteerEntry, how: str) -> Mention:
        if entry.type == "Location" and entry.country and _acts(span):
            country = self.gaz.get(entry.country)
            if country is not None and country.capital == entry.id:
                return Mention(span.start, span.end, entity_of(country), "capital")
        if entry.type == "Country" and not _acts(span) and entry.capital:
            capital = self.gaz.get(entry.capital)
            if capital is not None and normalise(span.text) == normalise(capital.label):
                return Mention(span.start, span.end, entity_of(capital), "capital-place")
        return Mention(span.start, span.end, entity_of(entry), how)

    def _known_person(self, text: str, people: dict[str, Entity]) -> Entity | None:
        key = normalise(text)
        if key in people:
            return people[key]
        for entry in self.gaz.lookup(text):
            if entry.type == "Person":
                return entity_of(entry)
        return None

    def _person(self, span: Span, people: dict[str, Entity]) -> Mention | None:
        name = _person_name(span)
        entries = [e for e in self.gaz.lookup(name.text) if e.type == "Person"]
        entity = entity_of(entries[0]) if entries else person_entity(name.text)
        people[normalise(name.text)] = entity
        if len(name) > 1:  # the surname alone later means the same person
            people.setdefault(normalise(name[-1].text), entity)
        return Mention(name.start, name.end, entity, "person")

    def defined_acronyms(self, doc: Doc) -> dict[str, Entity]:
        """Acronyms the text defines, "Long Name (ACR)", mapped to the long form's entity."""
        found: dict[str, Entity] = {}
        for tok in doc[2:-1]:
            acr = doc[tok.i]
            if not (doc[tok.i - 1].text == "(" and doc[tok.i + 1].text == ")"):
                continue
            if not (acr.text.isupper() and 2 <= len(acr.text) <= 8):
                continue
            entries = self.gaz.lookup(acr.text)
            if entries:
                found[acr.text] = entity_of(entries[0])
        return found
