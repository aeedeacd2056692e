"""The grammar of noun phrases: which actors a phrase names, through coordination,
apposition, owners ("Iranian nuclear sites"), lists ("powers including France")
and the groups a phrase belongs to ("countries of the SCO")."""

from __future__ import annotations

from collections.abc import Iterator

from geokg.graph.vocabulary import ACTOR_TYPES
from geokg.ingest.actors import Mention
from geokg.ingest.triggers import TriggerTable, load_triggers
from spacy.tokens import Doc, Token

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
MODIFIER_DEPS = frozenset({"amod", "compound", "poss", "nmod"})
#: Where a relative pronoun stands for its clause's head noun.
RELATIVE_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj"})


class MentionIndex:
    """Which actor mention each token belongs to, and the grammar of noun phrases."""

    def __init__(
        self,
        mentions: list[Mention],
        table: TriggerTable | None = None,
        doc: Doc | None = None,
    ) -> None:
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self.doc = doc
        self.by_token: dict[int, Mention] = {}
        #: Mentions that share one span ("these two countries": each of the two).
        self.same_span: dict[tuple[int, int], list[Mention]] = {}
        for m in self.mentions:
            for i in range(m.start, m.end):
                self.by_token[i] = m
            self.same_span.setdefault((m.start, m.end), []).append(m)
        self.table = table or load_triggers()
        self.groups = self.table.word("grammar.groups")
        self.relational = self.table.word("grammar.relational")
        self.including = self.table.word("grammar.including")
        self.led = self.table.word("grammar.led")
        self.agent = self.table.word("grammar.agent")
        self.of = self.table.word("grammar.of")
        self.some = self.table.word("grammar.some_words")
        self.based = self.table.word("grammar.based")
        self.relative = self.table.word("grammar.relative_pronouns")

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
        for head in conjuncts(tok):
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
        if head.lower_ in self.relative and head.dep_ in RELATIVE_DEPS:
            clause = head.head  # "the JCPOA, which Iran left": what "which" stands for
            while clause.dep_ not in ("relcl", "ROOT") and clause.head.i != clause.i:
                clause = clause.head
            return self.actors(clause.head) if clause.dep_ == "relcl" else []
        if not owners:
            return self._led(head)
        members = self._prep_actors(head, self.including)
        if members:
            return members
        if _some_members(head, self.some):
            return []  # "109 UN Member States", "most EU members": not the body
        lemma = head.lemma_.lower()
        if lemma in self.groups or lemma in self.relational:
            named = [
                m
                for c in head.children
                if c.dep_ in ("appos", "dobj", "npadvmod") and (m := self.at(c))
            ]
            if named:  # "ally Israel", sometimes parsed as a verb and its object
                return named
            if lemma in self.relational:
                return []  # "France's allies", "partners of Peru": not France, Peru
            # "the Turkish and Greek sides of Cyprus", "countries of the SCO",
            # "rebels in Zimbabwe"
            return (
                self.modifiers(head, first=True)
                or self._prep_actors(head, self.of)
                # "rebels in Zimbabwe", not "insurgents in Qatar's capital"
                or self._prep_actors(head, self.based, owners=False)
            )
        # "Iranian nuclear sites", "calls by Belarus", "withdrawal of Serbian forces"
        # ("the withdrawal of X from Peru": "from" says whence, not who)
        return (
            self.modifiers(head, first=True)
            or self._prep_actors(head, self.agent - self.table.target_preps(lemma))
            or self._prep_actors(head, self.of)
            or self._acl_agents(head)
        )

    def _acl_agents(self, head: Token) -> list[Mention]:
        """The agent of a participle on a noun: "the resolution passed by the
        Senate", "a plan drafted by Peru" -> the Senate, Peru."""
        return [
            m
            for acl in head.children
            if acl.dep_ == "acl" and acl.tag_ == "VBN"
            for agent in acl.children
            if agent.dep_ == "agent"
            for p in agent.children
            if p.dep_ == "pobj"
            for m in self.actors(p)
        ]

    def _prep_actors(
        self, head: Token, preps: frozenset[str], *, owners: bool = True
    ) -> list[Mention]:
        """The actors of a noun's prepositional phrases headed by one of `preps`."""
        return [
            m
            for c in head.children
            if c.dep_ == "prep" and c.lower_ in preps
            for p in c.children
            if p.dep_ == "pobj"
            for m in self.actors(p, owners=owners)
        ]

    def _led(self, tok: Token) -> list[Mention]:
        """ "Saudi-led", "U.S.-backed": the actor the modifier names."""
        if tok.lemma_.lower() in self.led:
            return [m for c in tok.children for m in self.actors(c, owners=False)]
        prefix, dash, suffix = tok.text.rpartition("-")
        if dash and suffix.lower() in self.led:
            return [m for m in self.mentions if m.span(tok.doc).text == prefix][:1]
        if tok.tag_ == "VBN" and tok.dep_ == "amod":
            # "American-made motorcycles", "Iranian-built drones": whose they are
            return [
                m
                for c in tok.children
                if c.dep_ == "npadvmod"
                and c.i + 2 == tok.i
                and tok.nbor(-1).text in ("-", "–")
                and (m := self.at(c)) is not None
            ]
        return []

    def modifiers(self, tok: Token, *, first: bool = False) -> list[Mention]:
        """Actors that modify a noun: "Israeli and American strikes" -> Israel, US.

        With ``first``, only the first modifier that names any, with its
        conjuncts ("Hungarian and Romanian officials", not "U.S. Iran envoy").
        """
        found: list[Mention] = []
        listed: Token | None = None  # the last modifier of a comma list
        for child in tok.children:
            if listed is not None and not (
                child.dep_ == listed.dep_ and child.nbor(-1).text == ","
            ):
                return found  # "French, Chinese and Russian diplomats": all three
            if child.dep_ in MODIFIER_DEPS or (
                child.dep_ == "npadvmod" and self.at(child)
            ):
                for m in self._hyphen_pair(child) + self.actors(child, owners=False):
                    if m not in found:
                        found.append(m)
                if first and found:
                    listed = child
                    if child.dep_ == "poss":
                        # "Afghanistan's Taliban insurgency": the named group
                        group = self._group_compound(tok)
                        if group:
                            return group
        return found

    def _group_compound(self, tok: Token) -> list[Mention]:
        """A non-state group named in a compound of the noun."""
        return [
            m
            for c in tok.children
            if c.dep_ == "compound"
            and (m := self.at(c)) is not None
            and m.entity.type == "Group"
        ]

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

    def prep_objects(self, tok: Token, preps: frozenset[str]) -> list[Mention]:
        """The actors of a word's prepositional phrases headed by one of ``preps``."""
        found: list[Mention] = []
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ in preps:
                if _absolute_with(child, tok):
                    continue
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        found += self.actors(pobj)
        return found

    def datives(self, verb: Token) -> list[Mention]:
        """The indirect objects of a verb: "gave Tanzania a grant", "sold arms to X"."""
        found: list[Mention] = []
        for c in children_of(verb, ("dative",)):
            if c.pos_ == "ADP":
                found += [m for p in children_of(c, ("pobj",)) for m in self.actors(p)]
            else:
                found += self.actors(c)
        return found


def _absolute_with(prep: Token, head: Token) -> bool:
    """ "…, with X suggesting Y": a "with" set off by a comma after its word
    opens an absolute clause, whose noun is no partner of the word's event."""
    return (
        prep.lower_ == "with"
        and prep.i > head.i + 1
        and prep.doc[prep.i - 1].text == ","
    )


def first_conjunct(tok: Token) -> Token:
    """The first member of the coordination a token is in ("Ica" -> "Pisco" in
    "Pisco and Ica")."""
    while tok.dep_ == "conj" and tok.head.i < tok.i:
        tok = tok.head
    return tok


def conjuncts(tok: Token) -> Iterator[Token]:
    yield tok
    for child in tok.children:
        if child.dep_ in ("conj", "appos"):
            yield from conjuncts(child)


def children_of(tok: Token, deps: tuple[str, ...]) -> list[Token]:
    return [c for c in tok.children if c.dep_ in deps]


def is_passive(verb: Token) -> bool:
    """A passive verb, also a participle with its agent ("asked by a reporter")."""
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children) or (
        verb.tag_ == "VBN" and any(c.dep_ == "agent" for c in verb.children)
    )


def _some_members(head: Token, some: frozenset[str]) -> bool:
    """Whether a noun names some members of a body, not all: a number or a
    quantifier before "members" or "member states" ("109 UN Member States")."""
    member = head.lemma_.lower() == "member" or any(
        c.dep_ == "compound" and c.lower_ == "member" for c in head.children
    )
    return member and any(
        c.dep_ == "nummod" or (c.dep_ in ("det", "amod") and c.lower_ in some)
        for c in head.children
    )
