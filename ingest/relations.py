"""Find relations between actor mentions by walking spaCy's dependency parse.

The words come from ``triggers.toml`` (see its header); this module holds only
the grammar: who is the source (subjects, passive agents, noun modifiers), who
is the target (direct objects, objects of the trigger's prepositions), and
coordination on either side. Triggers are indexed by lemma, so the work per
token is one dictionary look-up; the parse is walked only around a trigger.
Modality, negation, attribution, dates and places come from
:mod:`ingest.modality`.
"""

from __future__ import annotations

import tomllib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from itertools import combinations

from spacy.tokens import Doc, Token

from graph.vocabulary import ACTOR_TYPES, RELATIONS, relation
from ingest.actors import Mention
from ingest.modality import Clause, Context

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
MODIFIER_DEPS = frozenset({"amod", "compound", "poss", "nmod"})
RELATIVE_PRONOUNS = frozenset({"which", "that", "who", "whom", "whose"})
#: Where a relative pronoun stands for its clause's head noun.
RELATIVE_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj"})
PERSONAL_PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i"})

#: How much each rule is trusted; the assertion's ``confidence``.
CONFIDENCE = {
    "verb": 0.9,
    "passive": 0.85,
    "joint-action": 0.8,
    "as-noun": 0.8,
    "event-noun": 0.8,
    "light-verb": 0.85,
    "joint-activity": 0.85,
    "implicit-participant": 0.55,
    "group-list": 0.9,
    "modal-urge": 0.6,
    "intent-threat": 0.7,
    "complement": 0.9,
    "place-in": 0.85,
}


@dataclass(frozen=True)
class Trigger:
    """One way of saying a relation (one ``[[trigger]]`` of triggers.toml)."""

    relation: str
    verbs: frozenset[str] = frozenset()
    nouns: frozenset[str] = frozenset()
    preps: frozenset[str] = frozenset()
    direct: bool = False
    joint: bool = False
    inverse: bool = False
    implicit: bool = False
    objects: frozenset[str] = frozenset()
    as_nouns: frozenset[str] = frozenset()
    mods: frozenset[str] = frozenset()
    modals: frozenset[str] = frozenset()
    complement: bool = False
    named: bool = False
    #: The row's stable name (its ``id``): the trigger_id of what it finds.
    id: str = ""

    @property
    def derived(self) -> bool:
        """Whether the row comes from a derived table, not a hand-written one."""
        return self.id.startswith(DERIVED_PREFIXES)


_LISTS = ("verbs", "nouns", "preps", "objects", "as_nouns", "mods", "modals")
_FLAGS = ("direct", "joint", "inverse", "implicit", "complement", "named")
#: Ids of the rows of derived tables start with one of these.
DERIVED_PREFIXES = ("cameo:",)
#: A derived row is trusted less than a hand-written one saying the same.
DERIVED_CONFIDENCE = 0.85


@dataclass(frozen=True)
class TriggerTable:
    """The trigger table, indexed by verb, noun and modal lemma, and its word lists."""

    triggers: tuple[Trigger, ...]
    light_verbs: frozenset[str]
    words: dict[str, frozenset[str]] = field(default_factory=dict)
    intent: dict[str, str] = field(default_factory=dict)
    by_verb: dict[str, tuple[Trigger, ...]] = field(default_factory=dict)
    by_noun: dict[str, tuple[Trigger, ...]] = field(default_factory=dict)
    by_modal: dict[str, tuple[Trigger, ...]] = field(default_factory=dict)

    def word(self, key: str) -> frozenset[str]:
        """One word list of the table by ``section.key`` ("grammar.join")."""
        return self.words.get(key, frozenset())


def _index(triggers: tuple[Trigger, ...], attr: str) -> dict[str, tuple[Trigger, ...]]:
    index: dict[str, list[Trigger]] = {}
    for trig in triggers:
        for word in sorted(getattr(trig, attr)):
            index.setdefault(word, []).append(trig)
    return {k: tuple(v) for k, v in index.items()}


def _trigger(row: dict, default_id: str) -> Trigger:
    relation(row["relation"])  # raises with the valid names on a typo
    unknown = set(row) - {"id", "relation", *_LISTS, *_FLAGS}
    if unknown:
        raise KeyError(
            f"trigger of {row['relation']!r} has unknown keys {sorted(unknown)}; "
            f"valid keys: id, relation, {', '.join(_LISTS + _FLAGS)}"
        )
    return Trigger(
        relation=row["relation"],
        **{k: frozenset(w.lower() for w in row.get(k, ())) for k in _LISTS},
        **{k: bool(row.get(k, False)) for k in _FLAGS},
        id=str(row.get("id", default_id)),
    )


def _triggers(rows: list[dict], name: str) -> tuple[Trigger, ...]:
    """The rows of one table; a row without ``id`` is named by its place in it."""
    return tuple(_trigger(row, f"{name}#{i}") for i, row in enumerate(rows, 1))


def _beside(hand: tuple[Trigger, ...], derived: tuple[Trigger, ...]) -> list[Trigger]:
    """The derived rows that add to the hand-written ones.

    A lemma the hand-written rows trigger on keeps only their meaning (they win
    for every relation, not just their own), an object noun they treat as an
    event noun is theirs, a lemma an earlier derived row already has with the
    same relation and shape is merged away, and a row left with no word (or with
    no object, if it had objects) is dropped.
    """
    taken = {
        "verbs": {w for t in hand for w in t.verbs},
        "nouns": {w for t in hand for w in t.nouns},
    }
    seen: set[tuple[str, str, Trigger]] = set()
    out: list[Trigger] = []
    for trig in derived:
        objects = trig.objects - taken["nouns"]
        if trig.objects and not objects:
            continue
        shape = replace(trig, verbs=frozenset(), nouns=frozenset(), objects=objects)
        shape = replace(shape, id="")
        words = {
            key: frozenset(
                w
                for w in getattr(trig, key) - taken[key]
                if (key, w, shape) not in seen
            )
            for key in ("verbs", "nouns")
        }
        seen.update((key, w, shape) for key, ws in words.items() for w in ws)
        if words["verbs"] or words["nouns"]:
            out.append(replace(trig, objects=objects, **words))
    return out


def _word_lists(data: dict) -> dict[str, frozenset[str]]:
    words = {}
    for section in ("light", "grammar", "modality", "place", "dates"):
        for key, values in data.get(section, {}).items():
            words[f"{section}.{key}"] = frozenset(str(v).lower() for v in values)
    return words


def parse_triggers(data: dict, *derived: dict) -> TriggerTable:
    """The trigger table of a parsed triggers.toml and of the parsed derived tables
    beside it (hand-written rows first); unknown relations are an error."""
    hand = _triggers(data.get("trigger", []), "triggers")
    extra = _triggers([row for d in derived for row in d.get("trigger", [])], "derived")
    triggers = hand + tuple(_beside(hand, extra))
    ids = Counter(t.id for t in triggers)
    if twice := sorted(i for i, n in ids.items() if n > 1):
        raise KeyError(f"trigger ids {twice} name more than one row; make them unique")
    intent = {}
    for target, sources in data.get("intent", {}).items():
        for name in (target, *sources):
            relation(name)
        intent.update({s: target for s in sources})
    return TriggerTable(
        triggers=triggers,
        light_verbs=frozenset(data.get("light", {}).get("verbs", ())),
        words=_word_lists(data),
        intent=intent,
        by_verb=_index(triggers, "verbs"),
        by_noun=_index(triggers, "nouns"),
        by_modal=_index(triggers, "modals"),
    )


def _toml(path: str) -> dict:
    """A TOML file of the ``ingest`` package, by its path inside it."""
    text = (resources.files("ingest") / path).read_text(encoding="utf-8")
    return tomllib.loads(text)


@lru_cache(maxsize=2)
def load_triggers(*, derived: bool = True) -> TriggerTable:
    """The packaged trigger table: triggers.toml, and with ``derived`` the derived
    tables its ``[derived] tables`` names (ingest/data/cameo_triggers.toml)."""
    data = _toml("triggers.toml")
    tables = data.get("derived", {}).get("tables", []) if derived else []
    return parse_triggers(data, *(_toml(path) for path in tables))


@dataclass(frozen=True)
class Found:
    """A relation found in a parsed document, before it becomes an Assertion.

    ``date`` is the date expression of the claim's clause as written ("Tuesday",
    "last month", "2015"); the pipeline resolves it against the article's date.
    """

    relation: str
    subject: Mention
    object: Mention
    trigger: int
    rule: str
    negated: bool = False
    modality: str = "asserted"
    role: str | None = None
    date: str | None = None
    location: Mention | None = None
    attributed_to: Mention | None = None
    confidence: float = 0.8
    trigger_id: str = ""  # the id of the trigger row that fired


class MentionIndex:
    """Which actor mention each token belongs to, and the grammar of noun phrases."""

    def __init__(
        self, mentions: list[Mention], table: TriggerTable | None = None
    ) -> None:
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self.doc: Doc | None = None
        self.by_token: dict[int, Mention] = {}
        #: Mentions that share one span ("these two countries": each of the two).
        self.same_span: dict[tuple[int, int], list[Mention]] = {}
        for m in self.mentions:
            for i in range(m.start, m.end):
                self.by_token[i] = m
            self.same_span.setdefault((m.start, m.end), []).append(m)
        self.table = table or load_triggers()
        self.groups = self.table.word("grammar.groups")
        self.including = self.table.word("grammar.including")
        self.led = self.table.word("grammar.led")
        self.agent = self.table.word("grammar.agent")
        self.of = self.table.word("grammar.of")
        self.group_of = self.of | self.table.word("grammar.based")

    def at(self, tok: Token) -> Mention | None:
        """The mention that covers the token."""
        return self.by_token.get(tok.i)

    def actors(self, tok: Token, *, owners: bool = True) -> list[Mention]:
        """The actors a noun phrase names, following coordination ("Iran and Russia").

        With ``owners``, a phrase that names no actor stands for the members it
        lists ("powers including France"), the group it belongs to ("countries of
        the SCO") or the actors that modify it ("Iranian nuclear sites" -> Iran).
        """
        found: list[Mention] = []
        for head in _conjuncts(tok):
            # "Pakistan, a key U.S. ally": an apposition adds only what it names
            whole = owners and (head is tok or head.dep_ != "appos")
            for m in self._phrase(head, whole):
                if m.entity.type in ACTOR_TYPES + ("Agreement",) and m not in found:
                    found.append(m)
        return found

    def _phrase(self, head: Token, owners: bool) -> list[Mention]:
        m = self.at(head)
        if m is not None:
            return list(self.same_span.get((m.start, m.end), [m]))
        if head.lower_ in RELATIVE_PRONOUNS and head.dep_ in RELATIVE_DEPS:
            clause = head.head  # "the JCPOA, which Iran left": what "which" stands for
            while clause.dep_ not in ("relcl", "ROOT") and clause.head.i != clause.i:
                clause = clause.head
            return self.actors(clause.head) if clause.dep_ == "relcl" else []
        if not owners:
            return self._led(head)
        members = self._prep_actors(head, self.including)
        if members:
            return members
        if head.lemma_.lower() in self.groups:
            named = [
                m
                for c in head.children
                if c.dep_ in ("appos", "dobj", "npadvmod") and (m := self.at(c))
            ]
            if named:  # "ally Israel", sometimes parsed as a verb and its object
                return named
            # "the Turkish and Greek sides of Cyprus", "countries of the SCO",
            # "rebels in Zimbabwe"
            return self.modifiers(head, first=True) or self._prep_actors(
                head, self.group_of
            )
        # "Iranian nuclear sites", "calls by Belarus", "withdrawal of Serbian forces"
        return (
            self.modifiers(head, first=True)
            or self._prep_actors(head, self.agent)
            or self._prep_actors(head, self.of)
        )

    def _prep_actors(self, head: Token, preps: frozenset[str]) -> list[Mention]:
        """The actors of a noun's prepositional phrases headed by one of `preps`."""
        return [
            m
            for c in head.children
            if c.dep_ == "prep" and c.lower_ in preps
            for p in c.children
            if p.dep_ == "pobj"
            for m in self.actors(p)
        ]

    def _led(self, tok: Token) -> list[Mention]:
        """ "Saudi-led", "U.S.-backed": the actor the modifier names."""
        if tok.lemma_.lower() in self.led:
            return [m for c in tok.children for m in self.actors(c, owners=False)]
        prefix, dash, suffix = tok.text.rpartition("-")
        if dash and suffix.lower() in self.led:
            return [m for m in self.mentions if m.span(tok.doc).text == prefix][:1]
        return []

    def modifiers(self, tok: Token, *, first: bool = False) -> list[Mention]:
        """Actors that modify a noun: "Israeli and American strikes" -> Israel, US.

        With ``first``, only the first modifier that names any, with its
        conjuncts ("Hungarian and Romanian officials", not "U.S. Iran envoy").
        """
        found: list[Mention] = []
        for child in tok.children:
            if child.dep_ in MODIFIER_DEPS or (
                child.dep_ == "npadvmod" and self.at(child)
            ):
                for m in self._hyphen_pair(child) + self.actors(child, owners=False):
                    if m not in found:
                        found.append(m)
                if first and found:
                    return found
        return found

    def _hyphen_pair(self, tok: Token) -> list[Mention]:
        """ "the Chile-Bolivia talks": the actor joined to a modifier by a hyphen."""
        return [
            m
            for c in tok.children
            if c.dep_ == "compound"
            and c.i + 2 == tok.i
            and c.nbor(1).text in ("-", "–")
            and (m := self.at(c)) is not None
            and self.at(tok) is not None
        ]


def _conjuncts(tok: Token) -> Iterator[Token]:
    yield tok
    for child in tok.children:
        if child.dep_ in ("conj", "appos"):
            yield from _conjuncts(child)


def _children(tok: Token, deps: tuple[str, ...]) -> list[Token]:
    return [c for c in tok.children if c.dep_ in deps]


def _is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


class RelationFinder:
    """Finds relations in a parsed document whose actor mentions are known."""

    def __init__(self, table: TriggerTable) -> None:
        self.table = table
        self.light = table.light_verbs
        self.giving = table.word("light.giving")
        self.join = table.word("grammar.join")
        self.agent = table.word("grammar.agent")
        self.consumed: dict[str, frozenset[str]] = {}
        for trig in table.triggers:
            for noun in trig.objects:  # "suspended cooperation": the verbs that consume
                self.consumed[noun] = self.consumed.get(noun, frozenset()) | trig.verbs
        self.any_prep = table.word("grammar.complement")
        self.groups = table.word("grammar.groups") | {"people", "civilian", "fighter"}
        self.places_nouns = BODY_NOUNS

    def __call__(self, doc: Doc, mentions: list[Mention]) -> list[Found]:
        """Every relation in the document, in text order."""
        idx = MentionIndex(mentions, self.table)
        idx.doc = doc
        ctx = Context(doc, self.table.words, idx.at)
        found: list[Found] = []
        by_verb, by_noun, by_modal = (
            self.table.by_verb,
            self.table.by_noun,
            self.table.by_modal,
        )
        for tok in doc:
            lemma = tok.lemma_.lower()
            if tok.pos_ in ("VERB", "AUX") and lemma in by_verb:
                found += self.verb_relations(tok, idx, ctx)
            elif tok.pos_ in ("NOUN", "PROPN") and lemma in by_noun:
                found += self.noun_relations(tok, idx, ctx)
            elif tok.dep_ == "aux" and tok.lower_ in by_modal:
                found += self.modal_relations(tok, idx, ctx)
        found += self.lifted(found, idx, ctx)
        found += self.group_lists(doc, idx) + self.places(idx)
        found = self.intent([self.annotate(f, doc, ctx) for f in found])
        return _unique([f for f in found if not _within_one_state(f)], doc)

    # ------------------------------------------------------------------ sources

    def sources(self, verb: Token, idx: MentionIndex, ctx: Context) -> list[Mention]:
        """The sources of a verb: its subjects, the agent of a passive, the joiners."""
        raised, via = False, ""
        while (
            verb.dep_ in ("conj", "xcomp", "advcl")
            and not _children(verb, ("nsubj",))
            and not _is_passive(verb)
            and verb.head.i != verb.i
        ):
            raised, via = verb.dep_ == "xcomp", verb.dep_
            verb = verb.head
        found: list[Mention] = []
        if (raised or via == "advcl") and self._controller(verb, idx):
            # "trained groups to fight": the object is who fights (object control)
            return [m for c in self._controller(verb, idx) for m in idx.actors(c)]
        if raised:  # "Iran and Russia are set to discuss": the subject of "set"
            found += self.passive_objects(verb, idx, ctx)
        for child in verb.children:
            if child.dep_ == "nsubj":
                found += self._subject(child, verb, idx, ctx)
            elif child.dep_ == "agent":
                found += [m for p in _children(child, ("pobj",)) for m in idx.actors(p)]
        if (
            verb.dep_ == "pcomp"
            and verb.head.lower_ == "in"
            and verb.head.head.lemma_.lower() in self.join
        ):
            joined = verb.head.head  # "X was joined by Y in attacking Z"
            found += self.sources(joined, idx, ctx) + self.passive_objects(
                joined, idx, ctx
            )
        return found

    def _controller(self, verb: Token, idx: MentionIndex) -> list[Token]:
        """The direct object of a verb whose to-infinitive it controls: "trained
        rebel groups to fight", "sent troops to attack" (people, not "held talks
        to improve ties", whose subject improves them)."""
        return [
            c
            for c in _children(verb, ("dobj",))
            if c.lemma_.lower() in self.groups
            or c.ent_type_ in ("NORP", "PERSON")
            or idx.at(c) is not None
        ]

    def _subject(
        self, subj: Token, verb: Token, idx: MentionIndex, ctx: Context
    ) -> list[Mention]:
        if (
            idx.at(subj) is None
            and subj.lower_ in RELATIVE_PRONOUNS
            and verb.dep_ == "relcl"
        ):
            return idx.actors(verb.head)
        if idx.at(subj) is None and subj.lower_ in PERSONAL_PRONOUNS:
            speaker = ctx.speaker(verb)
            return [speaker] if speaker is not None else []
        return idx.actors(subj)

    def passive_objects(
        self, verb: Token, idx: MentionIndex, ctx: Context
    ) -> list[Mention]:
        """The subject of a passive verb, which is its object ("was joined by")."""
        return [
            m
            for c in _children(verb, ("nsubjpass",))
            for m in self._subject(c, verb, idx, ctx)
        ]

    def direct_objects(
        self, verb: Token, idx: MentionIndex, ctx: Context
    ) -> list[Mention]:
        """The direct objects of a verb, or the subject of a passive one."""
        found = [m for c in _children(verb, ("dobj",)) for m in idx.actors(c)]
        return found + _datives(verb, idx) + self.passive_objects(verb, idx, ctx)

    # -------------------------------------------------------------------- verbs

    def verb_relations(
        self, verb: Token, idx: MentionIndex, ctx: Context
    ) -> list[Found]:
        """Relations whose trigger is a verb: subjects to objects."""
        out: list[Found] = []
        subjects = self.sources(verb, idx, ctx)
        for trig in self.table.by_verb[verb.lemma_.lower()]:
            rule = "passive" if _is_passive(verb) else "verb"
            if trig.as_nouns:
                objects, rule = self._as_targets(verb, trig, idx), "as-noun"
            elif trig.objects:
                nouns = [
                    c
                    for c in _children(verb, ("dobj",))
                    if c.lemma_.lower() in trig.objects
                ]
                if not nouns:
                    continue
                objects = _prep_objects(verb, trig.preps, idx) + _prep_objects(
                    nouns[0], trig.preps, idx
                )
            else:
                objects = _prep_objects(verb, trig.preps, idx)
                if trig.direct and trig.named:
                    objects += [
                        m
                        for m in self.direct_objects(verb, idx, ctx)
                        if _names(m, verb)
                    ]
                elif trig.direct:
                    objects += self.direct_objects(verb, idx, ctx) or [
                        m  # "threatened further action against Russia"
                        for c in _children(verb, ("dobj",))
                        for m in _prep_objects(c, trig.preps, idx)
                    ]
                if trig.complement and not objects:
                    objects, rule = self.complement_targets(verb, idx), "complement"
            out += _joint_or_pairs(trig, subjects, objects, verb, rule)
        return out

    def complement_targets(self, verb: Token, idx: MentionIndex) -> list[Mention]:
        """The target a verb names through its complement: the objects of its
        to-infinitive ("threatened to break off relations with Russia") or the
        subject of its that-clause ("demanded that the US cancel …")."""
        found: list[Mention] = []
        for comp in _children(verb, ("xcomp", "ccomp")):
            for c in _conjuncts(comp):
                if c.pos_ not in ("VERB", "AUX"):
                    continue
                if comp.dep_ == "ccomp":
                    subjects = _children(c, ("nsubj",))
                    found += [m for s in subjects for m in idx.actors(s)]
                    continue
                for obj in _children(c, ("dobj",)):
                    found += idx.actors(obj) or self._nested_targets(obj, idx)
                found += _datives(c, idx) + _prep_objects(c, self.any_prep, idx)
        return found

    def _as_targets(
        self, verb: Token, trig: Trigger, idx: MentionIndex
    ) -> list[Mention]:
        """ "referred to X as an act of aggression": the actors behind X."""
        as_phrase = [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"]
        heads = [
            t for p in as_phrase for t in p.subtree if t.lemma_.lower() in trig.as_nouns
        ]
        if not heads:
            return []
        targets: list[Mention] = []
        for child in verb.children:
            phrases = (
                [child]
                if child.dep_ == "dobj"
                else (
                    [t for t in child.children if t.dep_ == "pobj"]
                    if child.dep_ == "prep" and child.lower_ != "as"
                    else []
                )
            )
            for phrase in phrases:
                for head in _conjuncts(phrase):
                    targets += idx.modifiers(head) or idx.actors(head)
        return targets

    # -------------------------------------------------------------------- nouns

    def carrier(self, noun: Token) -> Token | None:
        """The light verb of an event noun ("held talks", "provided … with aid")."""
        head = noun.head
        if noun.dep_ in ("dobj", "nsubjpass") and head.lemma_.lower() in self.light:
            return head
        if (
            noun.dep_ == "pobj"
            and head.dep_ == "prep"
            and head.lower_ == "with"
            and head.head.lemma_.lower() in self.light
        ):
            return head.head
        return None

    def noun_relations(
        self, noun: Token, idx: MentionIndex, ctx: Context
    ) -> list[Found]:
        """Relations whose trigger is an event noun."""
        lemma = noun.lemma_.lower()
        if (
            noun.head.pos_ == "VERB"
            and noun.dep_ in ("dobj", "nsubjpass")
            and lemma in self.consumed
            and noun.head.lemma_.lower() in self.consumed[lemma]
        ):
            return []  # "suspended cooperation" is reduced ties, not cooperation
        carrier = self.carrier(noun)
        if carrier is not None and any(
            c.dep_ == "dobj" and c.i != noun.i and idx.at(c) for c in carrier.children
        ):
            return []  # "signed the JCPOA, an agreement …": the name says it
        agents = self._noun_agents(noun, idx)
        sources = idx.modifiers(noun) + agents
        if not sources and carrier is not None:
            sources = self.sources(carrier, idx, ctx)
        relcl = self._light_clause(noun)
        if not sources and relcl is not None:  # "the sanctions Washington imposed"
            sources = self.sources(relcl, idx, ctx)
        holders = self._holders(noun, idx)
        between = _prep_objects(noun, frozenset({"between"}), idx)
        out: list[Found] = []
        for trig in self.table.by_noun[lemma]:
            if trig.mods and not any(c.lower_ in trig.mods for c in noun.children):
                continue
            objects = self._noun_targets(noun, carrier, trig, idx, ctx)
            if relcl is not None:
                objects += _prep_objects(relcl, trig.preps, idx)
            if noun.dep_ == "attr":  # "which remain parties to the JCPOA"
                objects += _prep_objects(noun.head, trig.preps, idx)
            rule = "light-verb" if carrier is not None else "event-noun"
            subj = sources or holders
            rel = RELATIONS[trig.relation]
            ends = [m for m in sources if m.entity.type not in rel.domain]
            if holders and ends and all(m.entity.type in rel.range for m in ends):
                # "JCPOA signatories", "its NATO partners": the modifier is the
                # body or accord, whom the noun describes is the member
                subj, objects = holders, objects + ends
            if sources and not objects and RELATIONS[trig.relation].symmetric:
                objects = holders  # "Israel, a U.S. ally": the ally and its partner
            if trig.joint and not subj and len(between) > 1:
                subj, objects = between, []  # "the talks between A and B"
            if subj and not objects and _with_help(noun):
                # "With support from Britain, the agency delivered food"
                objects = [m for m in _clause_subjects(noun, idx, {}) if m not in subj]
            joint = trig.joint and len(subj) > 1 and not objects
            if joint and all(m in agents for m in subj):
                continue  # "our partners from A, B and C": A, B, C are not partners
            if trig.implicit and bool(subj) != bool(objects) and not joint:
                implicit = [
                    m
                    for m in _clause_subjects(noun, idx, self.table.by_verb)
                    if m not in subj + objects
                ]
                subj, objects = (subj, implicit) if subj else (implicit, objects)
                rule = "implicit-participant"
            out += _joint_or_pairs(trig, subj, objects, noun, rule)
        return out

    def _light_clause(self, noun: Token) -> Token | None:
        """A relative clause of a light verb on an event noun: "the sanctions
        Washington has imposed on Moscow" -> "imposed"."""
        return next(
            (c for c in _children(noun, ("relcl",)) if c.lemma_.lower() in self.light),
            None,
        )

    def _holders(self, noun: Token, idx: MentionIndex) -> list[Mention]:
        """Whom a predicate noun describes: the subject of "A and B are allies",
        the name of "Chile, a close ally of Peru"."""
        if noun.dep_ == "attr":
            return [m for c in _children(noun.head, ("nsubj",)) for m in idx.actors(c)]
        if noun.dep_ == "appos":  # the name itself, not what its phrase owns
            return idx.actors(noun.head, owners=False)
        return []

    def _noun_agents(self, noun: Token, idx: MentionIndex) -> list[Mention]:
        """ "strikes by Israel", "support from Russia", "attacks carried out by …"."""
        found = _prep_objects(noun, self.agent, idx)
        for acl in _children(noun, ("acl",)):
            if acl.lemma_.lower() in self.light:
                found += [
                    m
                    for a in _children(acl, ("agent",))
                    for p in _children(a, ("pobj",))
                    for m in idx.actors(p)
                ]
        return found

    def _noun_targets(
        self,
        noun: Token,
        carrier: Token | None,
        trig: Trigger,
        idx: MentionIndex,
        ctx: Context,
    ) -> list[Mention]:
        objects = _prep_objects(noun, trig.preps, idx)
        if carrier is not None:
            objects += _prep_objects(carrier, trig.preps, idx)
            if noun.dep_ == "pobj":  # "provided Iran with aid"
                objects += self.direct_objects(carrier, idx, ctx)
            else:  # "gave Tanzania a grant"
                objects += _datives(carrier, idx)
        if noun.dep_ == "nsubj" and noun.head.lemma_.lower() in self.giving:
            objects += self.direct_objects(noun.head, idx, ctx)
        for relcl in _children(noun, ("relcl",)):
            objects += [m for c in _children(relcl, ("dobj",)) for m in idx.actors(c)]
        return objects

    # ---------------------------------------------------------- other patterns

    def modal_relations(
        self, aux: Token, idx: MentionIndex, ctx: Context
    ) -> list[Found]:
        """ "Araghchi: 'The E3 must heed …'": the speaker urges the clause's subject."""
        speaker = ctx.speaker(aux.head)
        if speaker is None:
            return []
        quote = ctx.quote_at(aux.idx)
        targets = [
            m
            for c in _children(aux.head, ("nsubj",))
            for t in _conjuncts(c)
            if (m := idx.at(t)) and ctx.quote_at(t.idx) == quote
        ]
        return [
            f
            for trig in self.table.by_modal[aux.lower_]
            for f in _pairs(trig, [speaker], targets, aux.head, "modal-urge")
        ]

    def _nested_targets(self, noun: Token, idx: MentionIndex) -> list[Mention]:
        """Actors of the prepositional phrases inside a noun phrase, clauses aside:
        "70 million dollars of aid for Romania" -> Romania."""
        found: list[Mention] = []
        for tok in noun.subtree:
            if tok.dep_ != "pobj" or tok.head.lower_ not in self.any_prep:
                continue
            up = tok.head
            while up.i != noun.i and up.pos_ not in ("VERB", "AUX"):
                up = up.head
            if up.i == noun.i:
                found += [m for m in idx.actors(tok) if m not in found]
        return found

    def lifted(
        self, found: list[Found], idx: MentionIndex, ctx: Context
    ) -> list[Found]:
        """ "Iran threatened to launch an offensive in its war with Iraq": a verb whose
        complement holds a relation says its own relation between the same ends."""
        out: list[Found] = []
        for f in found:
            verb = idx.doc[f.trigger]
            for _ in range(8):  # up to the verb of the trigger's clause
                if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
                    break
                verb = verb.head
            head = verb.head
            if verb.dep_ not in ("xcomp", "ccomp") or head.pos_ not in ("VERB", "AUX"):
                continue
            for trig in self.table.by_verb.get(head.lemma_.lower(), ()):
                if not trig.complement:
                    continue
                sources = {m.entity.id for m in self.sources(head, idx, ctx)}
                ends = (f.subject, f.object)
                symmetric = RELATIONS[f.relation].symmetric
                if f.subject.entity.id not in sources and symmetric:
                    ends = (f.object, f.subject)
                if ends[0].entity.id in sources:
                    out += _pairs(trig, [ends[0]], [ends[1]], head, "complement")
        return out

    def group_lists(self, doc: Doc, idx: MentionIndex) -> list[Found]:
        """ "France, Britain, and Germany (E3)": each listed actor is a member."""
        trig = Trigger("member-of", id="grammar:group-list")
        out: list[Found] = []
        for group in idx.mentions:
            if (
                group.entity.type not in RELATIONS["member-of"].range
                or group.start < 2
                or group.end >= len(doc)
                or doc[group.start - 1].text != "("
                or doc[group.end].text != ")"
            ):
                continue
            last = idx.at(doc[group.start - 2])
            if last is None or last.entity.id == group.entity.id:
                continue  # "the International Criminal Court (ICC)": its acronym
            first = doc[last.end - 1]
            while first.dep_ == "conj" and first.head.i < first.i:
                first = first.head
            members = [m for t in _conjuncts(first) if (m := idx.at(t)) and m != group]
            if len(members) > 1:
                out += _pairs(trig, members, [group], doc[group.start], "group-list")
        return out

    def places(self, idx: MentionIndex) -> list[Found]:
        """One place lies in another: "Bandar Abbas, Iran", "Haifa in Israel",
        "Peru's Puno province", "the U.S. state of Alaska", "Chile's capital,
        Santiago", and a body in its city ("Lima's Catholic University", "X, a
        think tank in Quito")."""
        trig = Trigger("located-in", id="grammar:place-in")
        out: list[Found] = []
        for m in idx.mentions:
            if m.entity.type not in ("Location", "Organization"):
                continue
            for inner, o in self._containers(m, idx):
                if o is not m and o.entity.type in ("Location", "Country"):
                    out += _pairs(trig, [m], [o], inner, "place-in")
        return out

    def _containers(
        self, m: Mention, idx: MentionIndex
    ) -> Iterator[tuple[Token, Mention]]:
        """(token, mention) of each place the text puts a place or body in."""
        span = m.span(idx.doc)
        place = m.entity.type == "Location"
        for tok in span:
            for c in tok.children:
                if c.i in range(span.start, span.end):
                    continue
                if place and c.dep_ == "appos" or (
                    c.dep_ == "poss" and (place or _city(idx.at(c)))
                ):
                    inner = [c]
                elif c.dep_ == "prep" and c.lower_ == "in" and place:
                    inner = _children(c, ("pobj",))
                elif c.dep_ == "appos" and c.lemma_.lower() in self.places_nouns:
                    inner = [  # "X, a think tank in Quito"
                        p
                        for prep in _children(c, ("prep",))
                        if prep.lower_ == "in"
                        for p in _children(prep, ("pobj",))
                    ]
                else:
                    inner = []
                for t in inner:
                    if (o := idx.at(t)) is not None:
                        yield t, o
        root = span.root
        in_noun = root.dep_ == "compound" and root.head.lemma_.lower() in PLACE_NOUNS
        if place and in_noun:
            for c in root.head.children:  # "Chile's Arica region"
                if c.dep_ in ("poss", "amod") and (o := idx.at(c)) is not None:
                    yield c, o
        noun = root.head.head if root.dep_ == "pobj" else None
        if place and noun is not None and root.head.lower_ == "of":
            # "the U.S. state of Alaska", "the northern Iraqi city of Irbil"
            if noun.lemma_.lower() in PLACE_NOUNS:
                for c in noun.children:
                    if c.dep_ in MODIFIER_DEPS and (o := idx.at(c)) is not None:
                        yield c, o
        if place and root.dep_ == "appos" and root.head.lemma_.lower() == "capital":
            for c in _children(root.head, ("poss",)):  # "Chile's capital, Santiago"
                if (o := idx.at(c)) is not None:
                    yield c, o

    def annotate(self, f: Found, doc: Doc, ctx: Context) -> Found:
        """The relation with its modality, negation, attribution, date and place."""
        clause: Clause = ctx.clause(doc[f.trigger], exclude=(f.subject, f.object))
        modality, negated = clause.modality, clause.negated
        if f.rule in ("modal-urge", "group-list"):
            # the urging is the speech act itself; a listed group is how things are
            modality, negated = "asserted", False
        standing = RELATIONS[f.relation].family == "standing"
        return replace(
            f,
            negated=negated,
            modality=modality,
            date=clause.date,
            location=None if standing else clause.location,
            attributed_to=None if f.rule == "modal-urge" else clause.attributed_to,
            confidence=_confidence(f.rule, f.trigger_id),
        )

    def intent(self, found: list[Found]) -> list[Found]:
        """An actor saying it would use force is threatening: "Trump said he would hit
        Iran" is Trump threatened Iran (CAMEO 13), not an attack."""
        out = []
        for f in found:
            target = self.table.intent.get(f.relation)
            said = (
                f.attributed_to is not None
                and f.attributed_to.entity.id == f.subject.entity.id
            )
            if (
                target
                and said
                and not f.negated
                and f.modality in ("planned", "hypothetical")
            ):
                f = replace(
                    f,
                    relation=target,
                    rule="intent-threat",
                    modality="asserted",
                    attributed_to=None,
                    confidence=_confidence("intent-threat", f.trigger_id),
                )
            out.append(f)
        return out


#: Nouns of a place within a larger one: "the U.S. state of Alaska".
PLACE_NOUNS = frozenset(
    {"state", "province", "region", "city", "town", "village", "district", "county",
     "port", "island", "governorate", "prefecture", "capital", "area"}
)
#: Nouns of a body that an apposition may put in a city: "X, a think tank in Quito".
BODY_NOUNS = frozenset(
    {"tank", "group", "institute", "organization", "organisation", "university",
     "center", "centre", "company", "firm", "agency", "foundation", "charity", "ngo"}
)


def _city(m: Mention | None) -> bool:
    return m is not None and m.entity.type == "Location"


def _confidence(rule: str, trigger_id: str) -> float:
    """How much a relation found by `rule` is trusted, less for a derived row."""
    weight = DERIVED_CONFIDENCE if trigger_id.startswith(DERIVED_PREFIXES) else 1.0
    return round(CONFIDENCE.get(rule, 0.8) * weight, 3)


def _prep_objects(
    tok: Token, preps: frozenset[str], idx: MentionIndex
) -> list[Mention]:
    found: list[Mention] = []
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ in preps:
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    found += idx.actors(pobj)
    return found


def _with_help(noun: Token) -> bool:
    """An event noun in a clause's "with ..." adjunct: "With support from X, Y
    did Z" says X helped Y."""
    prep = noun.head
    return (
        noun.dep_ == "pobj"
        and prep.lower_ == "with"
        and prep.dep_ == "prep"
        and prep.head.pos_ in ("VERB", "AUX")
        and prep.i < prep.head.i
    )


def _names(m: Mention, verb: Token) -> bool:
    """Whether a mention is itself a direct object (or passive subject) of the
    verb, not the owner of one ("hosted Putin", not "hosted Russian warships")."""
    doc = verb.doc
    root = doc[m.start : m.end].root
    while root.dep_ in ("conj", "appos") and root.head.i != root.i:
        root = root.head
    return root.head.i == verb.i and root.dep_ in ("dobj", "nsubjpass", "dative")


def _datives(verb: Token, idx: MentionIndex) -> list[Mention]:
    """The indirect objects of a verb: "gave Tanzania a grant", "sold arms to X"."""
    found: list[Mention] = []
    for c in _children(verb, ("dative",)):
        if c.pos_ == "ADP":
            found += [m for p in _children(c, ("pobj",)) for m in idx.actors(p)]
        else:
            found += idx.actors(c)
    return found


def _clause_subjects(
    noun: Token, idx: MentionIndex, relation_verbs: dict[str, tuple[Trigger, ...]]
) -> list[Mention]:
    """The named subject of the nearest clause above a noun that has one, unless
    that clause's verb makes its subject a party to a relation of its own ("the
    UN condemned the attack": the UN is the condemner, not the attacker)."""
    tok = noun
    while tok.head.i != tok.i:
        if tok.dep_ in SUBJECT_DEPS:
            return []  # the noun is itself (inside) a subject
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX"):
            named = [m for c in _children(tok, ("nsubj",)) if (m := idx.at(c))]
            if named:
                if tok.lemma_.lower() in relation_verbs:
                    return []
                return [m for m in named if m.entity.type in ACTOR_TYPES]
    return []


def _joint_or_pairs(
    trig: Trigger,
    subjects: list[Mention],
    objects: list[Mention],
    trigger: Token,
    rule: str,
) -> list[Found]:
    """Subjects to objects; with no object, coordinated subjects of a joint trigger
    pair up ("Iran and Russia held drills")."""
    if trig.joint and len(subjects) > 1 and not objects:
        joint = (
            "joint-activity" if trigger.pos_ in ("NOUN", "PROPN") else "joint-action"
        )
        return [
            f
            for a, b in combinations(subjects, 2)
            if not _one_phrase(a, b, trigger.doc)
            for f in _pairs(trig, [a], [b], trigger, joint)
        ]
    return _pairs(trig, subjects, objects, trigger, rule)


def _one_phrase(a: Mention, b: Mention, doc: Doc) -> bool:
    """Whether two mentions name one party: a name in apposition to a phrase the
    other owns or is ("Its president, Ana Torres" is one speaker, not two)."""
    ra, rb = doc[a.start : a.end].root, doc[b.start : b.end].root
    for x, y in ((ra, rb), (rb, ra)):
        if x.dep_ == "appos" and (x.head.i == y.i or y.head.i == x.head.i):
            return True
    return False


def _pairs(
    trig: Trigger,
    subjects: list[Mention],
    objects: list[Mention],
    trigger: Token,
    rule: str,
) -> list[Found]:
    rel = RELATIONS[trig.relation]
    if trig.inverse:
        subjects, objects = objects, subjects
    return [
        Found(trig.relation, s, o, trigger.i, rule, trigger_id=trig.id)
        for s in subjects
        for o in objects
        if s.entity.id != o.entity.id
        and s.entity.type in rel.domain
        and o.entity.type in rel.range
    ]


def _owner(entity_attributes: tuple[tuple[str, str], ...]) -> str | None:
    attributes = dict(entity_attributes)
    return attributes.get("parent") or attributes.get("country")


def _within_one_state(f: Found) -> bool:
    """An event between an actor and itself, or a state and its own sector actor
    ("Kenyan troops moved into Kenya"): no event between two actors."""
    if not RELATIONS[f.relation].is_event:
        return False
    s, o = f.subject.entity, f.object.entity
    return s.id == o.id or _owner(s.attributes) == o.id or _owner(o.attributes) == s.id


def _unique(found: list[Found], doc: Doc) -> list[Found]:
    """One relation per (sentence, subject, relation, object): the id key."""
    best: dict[tuple, Found] = {}
    for f in found:
        ends = (f.subject.entity.id, f.object.entity.id)
        if RELATIONS[f.relation].symmetric:
            ends = tuple(sorted(ends))
        key = (doc[f.trigger].sent.start, f.relation, *ends)
        if key not in best or f.confidence > best[key].confidence:
            best[key] = f
    return sorted(
        best.values(),
        key=lambda f: (f.trigger, f.subject.start, f.object.start, f.relation),
    )
