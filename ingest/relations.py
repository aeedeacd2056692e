"""Find relations between actor mentions by walking spaCy's dependency parse.

The words come from ``triggers.toml`` (see its header); this module holds only
the grammar: who is the source (subjects, passive agents, noun modifiers), who
is the target (direct objects, objects of the trigger's prepositions), and
coordination on either side.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from itertools import combinations

from spacy.tokens import Doc, Token

from graph.vocabulary import ACTOR_TYPES, RELATIONS, relation
from ingest.actors import Mention

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
MODIFIER_DEPS = frozenset({"amod", "compound", "poss", "nmod"})


@dataclass(frozen=True)
class Trigger:
    """One way of saying a relation (one ``[[trigger]]`` of triggers.toml)."""

    relation: str
    verbs: frozenset[str] = frozenset()
    nouns: frozenset[str] = frozenset()
    preps: frozenset[str] = frozenset()
    direct: bool = False
    joint: bool = False
    as_nouns: frozenset[str] = frozenset()


@dataclass(frozen=True)
class TriggerTable:
    """The trigger table, indexed by verb and noun lemma."""

    triggers: tuple[Trigger, ...]
    light_verbs: frozenset[str]
    by_verb: dict[str, tuple[Trigger, ...]] = field(default_factory=dict)
    by_noun: dict[str, tuple[Trigger, ...]] = field(default_factory=dict)


def _index(triggers: tuple[Trigger, ...], attr: str) -> dict[str, tuple[Trigger, ...]]:
    index: dict[str, list[Trigger]] = {}
    for trig in triggers:
        for word in sorted(getattr(trig, attr)):
            index.setdefault(word, []).append(trig)
    return {k: tuple(v) for k, v in index.items()}


def parse_triggers(data: dict) -> TriggerTable:
    """The trigger table of a parsed triggers.toml; unknown relations are an error."""
    rows = []
    for row in data.get("trigger", []):
        relation(row["relation"])  # raises with the valid names on a typo
        rows.append(
            Trigger(
                relation=row["relation"],
                verbs=frozenset(row.get("verbs", ())),
                nouns=frozenset(row.get("nouns", ())),
                preps=frozenset(row.get("preps", ())),
                direct=bool(row.get("direct", False)),
                joint=bool(row.get("joint", False)),
                as_nouns=frozenset(row.get("as_nouns", ())),
            )
        )
    triggers = tuple(rows)
    return TriggerTable(
        triggers=triggers,
        light_verbs=frozenset(data.get("light", {}).get("verbs", ())),
        by_verb=_index(triggers, "verbs"),
        by_noun=_index(triggers, "nouns"),
    )


@lru_cache(maxsize=1)
def load_triggers() -> TriggerTable:
    """The packaged trigger table."""
    text = (resources.files("ingest") / "triggers.toml").read_text(encoding="utf-8")
    return parse_triggers(tomllib.loads(text))


@dataclass(frozen=True)
class Found:
    """A relation found in a parsed document, before it becomes an Assertion."""

    relation: str
    subject: Mention
    object: Mention
    trigger: int
    rule: str
    negated: bool = False
    modality: str = "asserted"
    role: str | None = None


class MentionIndex:
    """Which actor mention each token belongs to."""

    def __init__(self, mentions: list[Mention]) -> None:
        self.by_token: dict[int, Mention] = {}
        for m in mentions:
            for i in range(m.start, m.end):
                self.by_token[i] = m

    def at(self, tok: Token) -> Mention | None:
        """The mention that covers the token."""
        return self.by_token.get(tok.i)

    def actors(self, tok: Token, *, owners: bool = True) -> list[Mention]:
        """The actors a noun phrase names, following coordination ("Iran and Russia").

        With ``owners``, a phrase that names no actor stands for the actors that
        modify it ("Iranian nuclear sites" -> Iran, "Russia's leadership" -> Russia).
        """
        found: list[Mention] = []
        for head in _conjuncts(tok):
            m = self.at(head)
            if m is None and owners:
                m = next((self.at(c) for c in head.children
                          if c.dep_ in MODIFIER_DEPS and self.at(c)), None)
            if m is not None and m.entity.type in ACTOR_TYPES and m not in found:
                found.append(m)
        return found

    def modifiers(self, tok: Token) -> list[Mention]:
        """Actors that modify a noun: "Israeli and American strikes" -> Israel, US."""
        found: list[Mention] = []
        for child in tok.children:
            if child.dep_ in MODIFIER_DEPS:
                for m in self.actors(child, owners=False):
                    if m not in found:
                        found.append(m)
        return found


def _conjuncts(tok: Token) -> Iterator[Token]:
    yield tok
    for child in tok.children:
        if child.dep_ in ("conj", "appos"):
            yield from _conjuncts(child)


def _subjects(verb: Token, idx: MentionIndex) -> list[Mention]:
    """The sources of a verb: its subjects, or the agent of a passive."""
    while verb.dep_ in ("conj", "xcomp") and not any(
        c.dep_ in SUBJECT_DEPS for c in verb.children
    ):
        verb = verb.head
    found: list[Mention] = []
    for child in verb.children:
        if child.dep_ == "nsubj":
            found += idx.actors(child)
        elif child.dep_ == "agent":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    found += idx.actors(pobj)
    return found


def _prep_objects(tok: Token, preps: frozenset[str], idx: MentionIndex) -> list[Mention]:
    found: list[Mention] = []
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ in preps:
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    found += idx.actors(pobj)
    return found


def _negated(tok: Token) -> bool:
    return any(c.dep_ == "neg" for c in tok.children) or (
        tok.dep_ in ("xcomp", "conj") and any(c.dep_ == "neg" for c in tok.head.children)
    )


class RelationFinder:
    """Finds relations in a parsed document whose actor mentions are known."""

    def __init__(self, table: TriggerTable) -> None:
        self.table = table

    def __call__(self, doc: Doc, mentions: list[Mention]) -> list[Found]:
        """Every relation in the document, in text order."""
        idx = MentionIndex(mentions)
        found: list[Found] = []
        for tok in doc:
            if tok.pos_ in ("VERB", "AUX") and tok.lemma_ in self.table.by_verb:
                found += self.verb_relations(tok, idx)
            if tok.pos_ in ("NOUN", "PROPN") and tok.lemma_.lower() in self.table.by_noun:
                found += self.noun_relations(tok, idx)
        return _unique(found)

    def verb_relations(self, verb: Token, idx: MentionIndex) -> list[Found]:
        """Relations whose trigger is a verb: subjects to objects."""
        out: list[Found] = []
        for trig in self.table.by_verb[verb.lemma_]:
            subjects = _subjects(verb, idx)
            if trig.as_nouns:
                objects = self._as_targets(verb, trig, idx)
            else:
                objects = _prep_objects(verb, trig.preps, idx)
                if trig.direct:
                    for child in verb.children:
                        if child.dep_ == "dobj":
                            objects += idx.actors(child)
            out += _pairs(trig, subjects, objects, verb, "verb", _negated(verb))
        return out

    def _as_targets(self, verb: Token, trig: Trigger, idx: MentionIndex) -> list[Mention]:
        """"referred to X as an act of aggression": the actors behind X."""
        as_phrase = [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"]
        heads = [t for p in as_phrase for t in p.subtree if t.lemma_.lower() in trig.as_nouns]
        if not heads:
            return []
        targets: list[Mention] = []
        for child in verb.children:
            phrases = [child] if child.dep_ == "dobj" else (
                [t for t in child.children if t.dep_ == "pobj"]
                if child.dep_ == "prep" and child.lower_ != "as" else [])
            for phrase in phrases:
                for head in _conjuncts(phrase):
                    targets += idx.modifiers(head) or idx.actors(head)
        return targets

    def noun_relations(self, noun: Token, idx: MentionIndex) -> list[Found]:
        """Relations whose trigger is an event noun."""
        out: list[Found] = []
        head = noun.head
        light = noun.dep_ == "dobj" and head.lemma_ in self.table.light_verbs
        for trig in self.table.by_noun[noun.lemma_.lower()]:
            subjects = idx.modifiers(noun)
            if light:
                subjects = subjects or _subjects(head, idx)
            objects = _prep_objects(noun, trig.preps, idx)
            if light:
                objects += _prep_objects(head, trig.preps, idx)
            negated = _negated(head) if light else False
            if trig.joint and len(subjects) > 1 and not objects:
                for a, b in combinations(subjects, 2):
                    out += _pairs(trig, [a], [b], noun, "joint-activity", negated)
            else:
                out += _pairs(trig, subjects, objects, noun, "event-noun", negated)
        return out


def _pairs(
    trig: Trigger, subjects: list[Mention], objects: list[Mention], trigger: Token,
    rule: str, negated: bool,
) -> list[Found]:
    return [
        Found(trig.relation, s, o, trigger.i, rule, negated)
        for s in subjects
        for o in objects
        if s.entity.id != o.entity.id and o.entity.type in RELATIONS[trig.relation].range
    ]


def _unique(found: list[Found]) -> list[Found]:
    seen: set[tuple] = set()
    out = []
    for f in found:
        key = (f.relation, f.subject.entity.id, f.object.entity.id, f.subject.start,
               f.object.start)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out
