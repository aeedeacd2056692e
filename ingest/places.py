"""Standing relations the grammar reads without a trigger word: places in places
("Bandar Abbas, Iran", "Peru's Puno province", "the U.S. state of Alaska",
"Cusco, Peru's tourist hub"), a
body in its city ("Lima's Catholic University"), and the members a group's
acronym follows ("France, Britain and Germany (E3)")."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from geokg.graph.vocabulary import RELATIONS
from geokg.ingest.actors import Mention, spans_matching
from geokg.ingest.pairing import pairs
from geokg.ingest.phrases import (
    MODIFIER_DEPS,
    MentionIndex,
    children_of,
    conjuncts,
    first_conjunct,
    is_passive,
)
from geokg.ingest.triggers import Found, Trigger
from spacy.tokens import Doc, Token

if TYPE_CHECKING:
    from geokg.ingest.relations import Grammar


class PlaceRelations:
    """Places and group lists of one document's reading (ingest.relations.Reading)."""

    g: Grammar
    idx: MentionIndex

    def group_lists(self, doc: Doc) -> list[Found]:
        """ "France, Britain, and Germany (E3)": each listed actor is a member."""
        trig = Trigger("member-of", id="grammar:group-list")
        out: list[Found] = []
        for group in self.idx.mentions:
            if (
                group.entity.type not in RELATIONS["member-of"].range
                or group.start < 2
                or group.end >= len(doc)
                or doc[group.start - 1].text != "("
                or doc[group.end].text != ")"
            ):
                continue
            last = self.idx.at(doc[group.start - 2])
            if last is None or last.entity.id == group.entity.id:
                continue  # "the International Criminal Court (ICC)": its acronym
            first = first_conjunct(doc[last.end - 1])
            members = [
                m for t in conjuncts(first) if (m := self.idx.at(t)) and m != group
            ]
            if len(members) > 1:
                out += pairs(trig, members, [group], doc[group.start], "group-list")
        return out

    def memberships(self) -> list[Found]:
        """Members a noun phrase or a founding names: "NATO member Turkey",
        "Poland, a NATO ally", "its NATO allies", "France and other EU
        countries", "A, B and C founded the X" (each founder is a member)."""
        out: list[Found] = []
        for tok in self.idx.doc:
            lemma = tok.lemma_.lower()
            if tok.pos_ == "NOUN" and lemma in self.g.member_nouns | self.g.peer_nouns:
                trig = Trigger("member-of", id="grammar:member-noun")
                # a noun phrase presupposes the membership; "X is a NATO member"
                # states it, under the clause's negation
                rule = "event-noun" if tok.dep_ == "attr" else "member"
                out += pairs(trig, self._members(tok), self._bloc(tok), tok, rule)
            elif tok.pos_ == "VERB" and lemma in self.g.founding:
                trig = Trigger("member-of", id="grammar:founders")
                founders, bloc = self._founders(tok), self._founded(tok)
                if len({m.entity.id for m in founders}) > 1:
                    # several found a bloc and are its members; one founding a
                    # body ("a decree establishing a committee") creates it
                    out += pairs(trig, founders, bloc, tok, "founder")
        return out

    def units(self) -> list[Found]:
        """Military units in the larger units a comma puts them in ("3rd
        Battalion, 21st Field Artillery Regiment"), and people or units a verb
        assigns ("X was assigned to the 2nd Battalion")."""
        doc = self.idx.doc
        out: list[Found] = []
        chain = Trigger("member-of", id="grammar:unit-chain")
        for m in self.idx.mentions:
            if m.end + 1 >= len(doc) or doc[m.end].text != ",":
                continue
            n = self.idx.at(doc[m.end + 1])
            heads = {_unit_head(x, self.g.unit_nouns) for x in (m, n) if x}
            if n is not None and n.start == m.end + 1 and None not in heads:
                if len(heads) == 2:  # a battalion of a regiment, not of a battalion
                    out += pairs(chain, [m], [n], doc[m.end], "unit")
        assign = Trigger("member-of", id="grammar:assigned")
        for verb in doc:
            if verb.lemma_.lower() not in self.g.assigning or verb.tag_ != "VBN":
                continue
            units = [
                u
                for prep in children_of(verb, ("prep",))
                if prep.lower_ == "to"
                for p in children_of(prep, ("pobj",))
                if (u := self.idx.at(p)) is not None
            ][:1]
            held = children_of(verb, ("nsubjpass",))
            if verb.dep_ == "acl":
                held.append(verb.head)  # "X, assigned to the 2nd Battalion"
            members = [m for t in held if (m := self.idx.at(t)) is not None]
            out += pairs(assign, members, units, verb, "assigned")
        return out

    def _bloc(self, noun: Token) -> list[Mention]:
        """The one bloc that modifies a member noun ("NATO" of "NATO member")."""
        if self.idx.at(noun) is not None:
            return []  # "the Group of Seven member states": inside a name
        blocs = [
            m
            for c in noun.children
            if c.dep_ in ("compound", "nmod", "amod")
            and (m := self.idx.at(c)) is not None
            and m.entity.type in RELATIONS["member-of"].range
        ]
        return blocs if len(blocs) == 1 else []

    def _members(self, noun: Token) -> list[Mention]:
        """Whom a member noun says is a member."""
        at = self.idx.at
        lemma = noun.lemma_.lower()
        head = noun.head
        listed: list[Token] = []
        if lemma in self.g.member_nouns:
            named = at(head)
            plural = noun.tag_ == "NNS"
            if (
                noun.dep_ in ("compound", "appos")
                and named is not None
                and lemma not in named.entity.label.lower()  # "member States"
                and plural
                == (len([t for t in conjuncts(head) if t != noun and at(t)]) > 1)
            ):
                # "NATO member Turkey", "Council members A, B and C", "Poland, a
                # NATO member" (not "X — the SDF members each …": one is no many)
                listed = list(conjuncts(head)) if noun.dep_ == "compound" else [head]
            elif noun.dep_ == "attr":  # "Poland is a NATO member"
                listed = [
                    t for s in children_of(head, ("nsubj",)) for t in conjuncts(s)
                ]
            else:  # "its NATO allies"
                listed = children_of(noun, ("poss",))
        if (
            not listed
            and noun.dep_ == "conj"
            and lemma in self.g.peer_nouns
            and any(c.lower_ == "other" for c in noun.children)
        ):
            first = first_conjunct(head)  # "France, Spain and other EU countries"
            listed = [t for t in conjuncts(first) if t.i != noun.i]
        return [m for t in listed if (m := at(t)) is not None]

    def _founders(self, verb: Token) -> list[Mention]:
        if is_passive(verb):
            return [  # "the bloc was founded by A and B"
                m
                for agent in children_of(verb, ("agent",))
                for p in children_of(agent, ("pobj",))
                for t in conjuncts(p)
                if (m := self.idx.at(t)) is not None
            ]
        return self.sources(verb)

    def _founded(self, verb: Token) -> list[Mention]:
        """The bloc a founding verb makes: its object, or the name its object is
        "known as" or "called" ("created a confederation known as X")."""
        at = self.idx.at
        deps = ("nsubjpass",) if is_passive(verb) else ("dobj",)
        out: list[Mention] = []
        for obj in children_of(verb, deps):
            if (m := at(obj)) is not None:
                out.append(m)
                continue
            for c in obj.children:
                if c.dep_ == "appos" and (m := at(c)) is not None:
                    out.append(m)  # "a new bloc, the X"
                elif c.dep_ == "acl" and c.lemma_.lower() in ("know", "call", "name"):
                    out += [m for t in c.subtree if (m := at(t)) is not None]
        return out[:1]

    def places(self) -> list[Found]:
        """One place lies in another: "Bandar Abbas, Iran", "Haifa in Israel",
        "Peru's Puno province", "the U.S. state of Alaska", "Chile's capital,
        Santiago", and a body in its city ("Lima's Catholic University", "X, a
        think tank in Quito")."""
        trig = Trigger("located-in", id="grammar:place-in")
        out: list[Found] = []
        for m in self.idx.mentions:
            if m.entity.type not in ("Location", "Organization"):
                continue
            for inner, o in self._containers(m):
                if o is not m and o.entity.type in ("Location", "Country"):
                    out += pairs(trig, [m], [o], inner, "place-in")
        for tok, inner, o in self._homes():
            out += pairs(trig, [inner], [o], tok, "place-in")
        return out

    def _homes(self) -> Iterator[tuple[Token, Mention, Mention]]:
        """(token, place or body, place) of "X is home to Y", "X, which is home
        to Y": Y lies in X."""
        for span in spans_matching(self.idx.doc, _HOME):  # not every token's
            tok = span[0]
            if len(span) != 1 or tok.dep_ != "attr":
                continue
            verb = tok.head
            subject = next(iter(children_of(verb, ("nsubj",))), None)
            if subject is not None and subject.tag_ == "WDT" and verb.dep_ == "relcl":
                subject = verb.head  # "Balochistan, which is home to …"
            o = self.idx.at(subject) if subject is not None else None
            if o is None or o.entity.type not in ("Location", "Country"):
                continue
            for prep in children_of(tok, ("prep",)):
                if prep.lower_ != "to":
                    continue
                for t in children_of(prep, ("pobj",)):
                    inner = self.idx.at(t)
                    if inner is not None and inner.entity.type in (
                        "Location", "Organization"
                    ) and inner is not o:
                        yield t, inner, o

    def _containers(self, m: Mention) -> Iterator[tuple[Token, Mention]]:
        """(token, mention) of each place the text puts a place or body in."""
        span = m.span(self.idx.doc)
        place = m.entity.type == "Location"
        if m.how == "dateline":  # "CUSCO, PERU — …"
            country = self.idx.at(self.idx.doc[m.end + 1])
            if country is not None:
                yield self.idx.doc[m.end + 1], country
            return
        if place and _listed(span.root):
            yield from self._list_container(span.root)
        if _listed(span.root) or self._named_after(span.root):
            return  # "Europe, East Asia, North Africa …"; "the Summit of the Americas"
        for tok in span:
            for c in tok.children:
                if c.i in range(span.start, span.end):
                    continue
                if (
                    place
                    and c.dep_ == "appos"
                    and self.idx.at(c) is None
                    and c.lemma_.lower() in self.g.place_nouns
                ):
                    # "Cusco, Peru's tourist hub": the hub's owner
                    inner = [
                        o for o in c.children if o.dep_ in ("poss", "amod", "compound")
                    ]
                elif (
                    place
                    and c.dep_ == "appos"
                    and not _listed(c)
                    or (c.dep_ == "poss" and (place or _city(self.idx.at(c))))
                ):
                    inner = [c]
                elif c.dep_ == "prep" and c.lower_ == "in" and place:
                    inner = children_of(c, ("pobj",))
                elif c.dep_ == "appos" and c.lemma_.lower() in self.g.body_nouns:
                    inner = [  # "X, a think tank in Quito"
                        p
                        for prep in children_of(c, ("prep",))
                        if prep.lower_ == "in"
                        for p in children_of(prep, ("pobj",))
                    ]
                else:
                    inner = []
                for t in inner:
                    if (o := self.idx.at(t)) is not None:
                        yield t, o
        root = span.root
        in_noun = (
            root.dep_ == "compound" and root.head.lemma_.lower() in self.g.place_nouns
        )
        if place and in_noun:
            for c in root.head.children:  # "Chile's Arica region"
                if c.dep_ in ("poss", "amod") and (o := self.idx.at(c)) is not None:
                    yield c, o
        noun = root.head.head if root.dep_ == "pobj" else None
        if place and noun is not None and root.head.lower_ == "of":
            # "the U.S. state of Alaska", "the northern Iraqi city of Irbil"
            if noun.lemma_.lower() in self.g.place_nouns:
                for c in noun.children:
                    if c.dep_ in MODIFIER_DEPS and (o := self.idx.at(c)) is not None:
                        yield c, o
        if place and root.dep_ == "appos" and root.head.lemma_.lower() == "capital":
            for c in children_of(root.head, ("poss",)):  # "Chile's capital, Santiago"
                if (o := self.idx.at(c)) is not None:
                    yield c, o


    def _list_container(self, tok: Token) -> Iterator[tuple[Token, Mention]]:
        """ "the towns of Pisco and Ica in southern Peru": a place that the list's
        last member is in holds every member, when all of them are places."""
        members = [t for t in conjuncts(first_conjunct(tok)) if t.dep_ != "appos"]
        if any(_kind(self.idx.at(t)) != "Location" for t in members):
            return
        for prep in children_of(members[-1], ("prep",)):
            if prep.lower_ == "in":
                for t in children_of(prep, ("pobj",)):
                    if (o := self.idx.at(t)) is not None:
                        yield t, o

    def _named_after(self, tok: Token) -> bool:
        """Whether a place names what a capitalised head is of ("the Summit of the
        Americas in Panama": the summit is in Panama, not the Americas); a person
        is no such head ("Maria Lopez of Lima's Catholic University")."""
        head = tok.head
        owner = self.idx.at(head.head)
        return (
            tok.dep_ == "pobj"
            and head.lower_ == "of"
            and head.head.is_title
            and head.head.pos_ == "PROPN"
            and _kind(owner) != "Person"
        )


_HOME = re.compile(r"\bhome\b", re.IGNORECASE)


def _unit_head(m: Mention, nouns: frozenset[str]) -> str | None:
    """The unit noun a unit's name ends in ("Regiment"), if it names a unit."""
    if m.entity.type not in ("Organization", "GovernmentBody", "Group"):
        return None
    last = m.entity.label.split()[-1].lower() if m.entity.label.split() else ""
    return last if last in nouns else None


def _kind(m: Mention | None) -> str | None:
    return m.entity.type if m is not None else None


def _city(m: Mention | None) -> bool:
    return m is not None and m.entity.type == "Location"


def _listed(tok: Token) -> bool:
    """Whether a place is one of a list ("Europe, East Asia, North Africa and the
    Middle East"): its comma neighbours are its peers, not its containers."""
    return tok.dep_ == "conj" or any(c.dep_ == "conj" for c in tok.children)
