"""Relations whose trigger is an event noun: "X's invasion of Y", "sanctions on Y
by X", "the A-B talks", "Chile, a close ally of Peru", "the sanctions Washington
imposed on Moscow", "With support from X, Y did Z"; a light verb carries the
noun ("held talks with", "imposed sanctions on")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from geokg.graph.vocabulary import ACTOR_TYPES, RELATIONS
from geokg.ingest.actors import Mention
from geokg.ingest.pairing import joint_or_pairs, pairs
from geokg.ingest.phrases import SUBJECT_DEPS, MentionIndex, children_of
from geokg.ingest.triggers import Found, Trigger
from spacy.tokens import Token

#: The hyphens of a compact pair ("the Chile-Bolivia talks").
HYPHENS = frozenset({"-", "–"})

if TYPE_CHECKING:
    from geokg.ingest.modality import Context
    from geokg.ingest.relations import Grammar


class NounRelations:
    """The event-noun grammar of one document's reading (ingest.relations.Reading)."""

    g: Grammar
    idx: MentionIndex
    ctx: Context

    def carrier(self, noun: Token) -> Token | None:
        """The light verb of an event noun ("held talks", "provided … with aid")."""
        head = noun.head
        if noun.dep_ in ("dobj", "nsubjpass") and head.lemma_.lower() in self.g.light:
            return head
        if (
            noun.dep_ == "pobj"
            and head.dep_ == "prep"
            and head.lower_ in self.g.with_
            and head.head.lemma_.lower() in self.g.light
            and head.i > head.head.i  # not "With aid from X, Y delivered …"
        ):
            return head.head
        if (
            noun.dep_ == "pobj"
            and head.lower_ == "of"
            and head.head.lemma_.lower() in self.g.measures
        ):
            return self.carrier(head.head)  # "led eight hours of talks"
        if (
            noun.dep_ == "pobj"
            and head.lower_ == "for"
            and head.head.lemma_.lower() in self.g.credit
            and head.head.dep_ == "dobj"
            and head.head.head.lemma_.lower() in self.g.claiming
        ):
            return head.head.head  # "claimed responsibility for the attack on X"
        if noun.dep_ == "dobj" and head.lemma_.lower() in self.g.claiming:
            return head  # "claimed several attacks on X"
        return None

    def noun_relations(self, noun: Token) -> list[Found]:
        """Relations whose trigger is an event noun (a row's plural word is
        matched as written: "hostilities" are fighting, "hostility" is not)."""
        lemma = noun.lemma_.lower()
        if lemma not in self.table.by_noun:
            lemma = noun.lower_
        named = self.idx.at(noun)
        if named is not None and named.names_entity and named.end - named.start > 1:
            return []  # "the Pacific Alliance", "Peace Talks Group": a name's word
        if (
            noun.head.pos_ == "VERB"
            and noun.dep_ in ("dobj", "nsubjpass")
            and lemma in self.g.consumed
            and noun.head.lemma_.lower() in self.g.consumed[lemma]
        ):
            return []  # "suspended cooperation" is reduced ties, not cooperation
        carrier = self.carrier(noun)
        if (
            carrier is not None
            and noun.dep_ != "pobj"  # "provided Iran with aid": Iran is the target
            and any(
                c.dep_ == "dobj" and c.i != noun.i and self.idx.at(c)
                for c in carrier.children
            )
        ):
            return []  # "signed the JCPOA, an agreement …": the name says it
        targets = self.table.target_preps(lemma)
        agents = self._noun_agents(noun, targets)
        sources = self.idx.modifiers(noun) + agents
        helped = False
        if noun.dep_ == "pobj" and noun.head.lower_ in self.g.with_:
            # "With support from X, Y did Z", "Y led it with the support of X",
            # "with X's support": X helped Y
            giver = sources or self.idx.prep_objects(noun, self.g.of)
            if (giver and noun.head.dep_ == "prep") or _with_help(noun, self.g.with_):
                helped, carrier, sources = True, None, giver
        if not sources and carrier is not None:
            sources = self.sources(carrier)
        if not sources and not targets & self.g.of:
            # "the withdrawal of Chilean troops from Peru": whose the event is
            sources = self.idx.prep_objects(noun, self.g.of)
        relcl = self._light_clause(noun)
        if not sources and relcl is not None:  # "the sanctions Washington imposed"
            sources = self.sources(relcl)
        holders = self._holders(noun)
        between = self.idx.prep_objects(noun, self.g.between)
        out: list[Found] = []
        for trig in self.table.by_noun[lemma]:
            if trig.mods and not any(c.lower_ in trig.mods for c in noun.children):
                continue
            if any(c.lower_ in trig.unless_mods for c in noun.children):
                continue  # "strained ties"
            objects = self._noun_targets(noun, carrier, trig)
            if helped:
                objects = [m for m in objects if m not in sources]
            if relcl is not None:
                objects += self.idx.prep_objects(relcl, trig.preps)
            if noun.dep_ == "attr":  # "which remain parties to the JCPOA"
                objects += self.idx.prep_objects(noun.head, trig.preps)
            rule = "light-verb" if carrier is not None else "event-noun"
            subj = sources or holders
            rel = RELATIONS[trig.relation]
            ends = [m for m in sources if m.entity.type not in rel.domain]
            if holders and ends and all(m.entity.type in rel.range for m in ends):
                # "JCPOA signatories", "its NATO partners": the modifier is the
                # body or accord, whom the noun describes is the member
                subj, objects = holders, objects + ends
            if sources and not objects and rel.symmetric:
                objects = holders  # "Israel, a U.S. ally": the ally and its partner
            if trig.joint and not subj and len(between) > 1:
                subj, objects = between, []  # "the talks between A and B"
            if subj and not objects and helped:
                # "With support from Britain, the agency delivered food"
                objects = [
                    m for m in _clause_subjects(noun, self.idx, {}) if m not in subj
                ]
            joint = trig.joint and len(subj) > 1 and not objects
            owners = [m for m in subj if m not in agents]
            if joint and owners and len(agents) > 1 and rel.symmetric:
                # "our partners from A, B and C", our being known: the owner's
                # partners, not each other's
                subj, objects, joint = owners, agents, False
            if joint and (
                all(m in agents for m in subj)
                or (noun.dep_ != "attr" and all(m in holders for m in subj))
            ):
                # "our partners from A, B and C", "our partners, namely A, B and
                # C": the listed are partners of the owner, not of each other
                continue
            between_said = any(
                c.dep_ == "prep" and c.lower_ in self.g.between for c in noun.children
            )  # "cooperation between the UN and regional bodies": its parties
            describes = noun.dep_ == "appos" and self.idx.at(noun.head) is not None
            if (
                trig.implicit
                and bool(subj) != bool(objects)
                and not joint
                and not between_said
                and not describes  # "Gavi, the vaccine alliance": what Gavi is
                # "Russia's war in Ukraine": fought where it says, and whom it
                # does not; the clause's subject is no party to it
                and not self._in_a_state(noun)
            ):
                implicit = [
                    m
                    for m in _clause_subjects(noun, self.idx, self.table.by_verb)
                    if m not in subj + objects
                ]
                subj, objects = (subj, implicit) if subj else (implicit, objects)
                rule = "implicit-participant"
            out += joint_or_pairs(trig, subj, objects, noun, rule)
        return out

    def compact(self) -> list[Found]:
        """Events a hyphen packs into a noun phrase: "the U.S.-backed SDF" (the
        participle's verb row: the U.S. supported the SDF) and "a joint
        Kenya-U.S. base" (the two cooperated)."""
        doc = self.idx.doc
        at = self.idx.at
        joint = Trigger("cooperated-with", id="grammar:joint-pair")
        out: list[Found] = []
        for tok in doc:
            if tok.i < 2 or doc[tok.i - 1].text not in HYPHENS:
                continue
            source, target = at(doc[tok.i - 2]), at(tok)
            if tok.dep_ == "amod" and tok.tag_ == "VBN" and source is not None:
                # "the U.S.-backed SDF", "the Peru-backed rebels of the FARC"
                targets = [
                    m
                    for m in self.idx.actors(tok.head)
                    if m.entity.id != source.entity.id
                ]
                for trig in self.table.by_verb.get(tok.lemma_.lower(), ()):
                    if trig.direct and not trig.inverse and targets:
                        out += pairs(trig, [source], targets, tok, "compact")
                        break
            elif (
                source is not None
                and target is not None
                and source != target
                and any(
                    c.lower_ in self.g.joint_words
                    for t in (doc[tok.i - 2], tok)
                    for c in t.head.children
                )
            ):
                out += pairs(joint, [source], [target], tok, "compact")
        return out

    def _in_a_state(self, noun: Token) -> bool:
        """Whether an event noun says the state it happens in ("war in Ukraine")."""
        return any(m.entity.type == "Country" for m in self.idx.prep_objects(noun, _IN))

    def _light_clause(self, noun: Token) -> Token | None:
        """A relative clause of a light verb on an event noun: "the sanctions
        Washington has imposed on Moscow" -> "imposed"."""
        return next(
            (
                c
                for c in children_of(noun, ("relcl",))
                if c.lemma_.lower() in self.g.light
                # the noun is the clause's object, not its subject ("partners,
                # which have made our initiative possible")
                and not any(
                    s.dep_ == "nsubj" and s.lower_ in self.g.relative
                    for s in c.children
                )
            ),
            None,
        )

    def _holders(self, noun: Token) -> list[Mention]:
        """Whom a predicate noun describes: the subject of "A and B are allies",
        the name of "Chile, a close ally of Peru"."""
        if noun.dep_ == "attr":
            return [
                m
                for c in children_of(noun.head, ("nsubj",))
                for m in self.idx.actors(c)
            ]
        if noun.dep_ == "appos":  # the name itself, not what its phrase owns
            return self.idx.actors(noun.head, owners=False)
        if noun.dep_ == "pobj" and noun.head.lower_ == "as":
            # "identified X as a member of Y"; "X, as a member of Y, visited …"
            verb = noun.head.head  # after the object it is the object's role
            objects = [
                m
                for c in children_of(verb, ("dobj",))
                if c.i < noun.i
                for m in self.idx.actors(c)
            ]
            if objects or verb.pos_ not in ("VERB", "AUX"):
                return objects
            return self.sources(verb)
        # "another key Egyptian ally, France", "Council members Greece and Peru"
        return [
            m
            for c in children_of(noun, ("appos",))
            if self.idx.at(c) is not None
            for m in self.idx.actors(c, owners=False)
        ]

    def _noun_agents(self, noun: Token, targets: frozenset[str]) -> list[Mention]:
        """ "strikes by Israel", "support from Russia", "attacks carried out by …";
        not a preposition that marks the noun's target ("withdrawal from Peru")."""
        found = self.idx.prep_objects(noun, self.g.agent - targets)
        for acl in children_of(noun, ("acl",)):
            if acl.lemma_.lower() in self.g.light:
                found += [
                    m
                    for a in children_of(acl, ("agent",))
                    for p in children_of(a, ("pobj",))
                    for m in self.idx.actors(p)
                ]
        return found

    def _noun_targets(
        self,
        noun: Token,
        carrier: Token | None,
        trig: Trigger,
    ) -> list[Mention]:
        objects = self.idx.prep_objects(noun, trig.preps)
        if carrier is not None:
            objects += self.idx.prep_objects(carrier, trig.preps)
            if noun.dep_ == "pobj":  # "provided Iran with aid"
                objects += self.direct_objects(carrier)
            else:  # "gave Tanzania a grant"
                objects += self.idx.datives(carrier)
        if noun.dep_ == "nsubj" and noun.head.lemma_.lower() in self.g.giving:
            objects += self.direct_objects(noun.head)
        for acl in children_of(noun, ("acl",)):
            same = self.table.by_verb.get(acl.lemma_.lower(), ())
            if acl.tag_ == "VBG" and trig.relation in {t.relation for t in same}:
                # "attacks targeting Peruvian forces": the participle's object
                objects += [
                    m for c in children_of(acl, ("dobj",)) for m in self.idx.actors(c)
                ]
        for relcl in children_of(noun, ("relcl",)):
            if any(c.dep_ == "aux" and c.lower_ == "to" for c in relcl.children):
                continue  # "a partner in the campaign to defeat X": X is no partner
            objects += [
                m for c in children_of(relcl, ("dobj",)) for m in self.idx.actors(c)
            ]
        return objects

    def _nested_targets(self, noun: Token) -> list[Mention]:
        """Actors of the prepositional phrases inside a noun phrase, clauses aside:
        "70 million dollars of aid for Romania" -> Romania."""
        found: list[Mention] = []
        for tok in noun.subtree:
            if tok.dep_ != "pobj" or tok.head.lower_ not in self.g.any_prep:
                continue
            up = tok.head
            while up.i != noun.i and up.pos_ not in ("VERB", "AUX"):
                up = up.head
            if up.i == noun.i:
                found += [m for m in self.idx.actors(tok) if m not in found]
        return found


_IN = frozenset({"in"})


def _with_help(noun: Token, with_: frozenset[str]) -> bool:
    """An event noun in a clause's "with ..." adjunct: "With support from X, Y
    did Z" says X helped Y."""
    prep = noun.head
    return (
        noun.dep_ == "pobj"
        and prep.lower_ in with_
        and prep.dep_ == "prep"
        and prep.head.pos_ in ("VERB", "AUX")
        and prep.i < prep.head.i
    )


def _clause_subjects(
    noun: Token, idx: MentionIndex, relation_verbs: dict[str, tuple[Trigger, ...]]
) -> list[Mention]:
    """The named subject (or passive agent) of the nearest clause above a noun
    that has one, within the noun's own clause and those it is part of, unless
    that clause's verb makes its subject a party to a relation of its own ("the
    UN condemned the attack": the UN is the condemner, not the attacker)."""
    tok = noun
    while tok.head.i != tok.i:
        if tok.dep_ in SUBJECT_DEPS:
            return []  # the noun is itself (inside) a subject
        if tok.dep_ in ("ccomp", "parataxis"):
            return []  # what a speaker said: the speaker is no party to it
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX"):
            named = [m for c in children_of(tok, ("nsubj",)) if (m := idx.at(c))]
            named += [  # "the strike was carried out by Peru in coordination with"
                m
                for a in children_of(tok, ("agent",))
                for p in children_of(a, ("pobj",))
                if (m := idx.at(p))
            ]
            if named and tok.lemma_.lower() in relation_verbs:
                return []
            # "X was killed in clashes with Y": with no named doer, the one the
            # clause is about took part (what the verb did to it makes it no party)
            named = named or [
                m for c in children_of(tok, ("nsubjpass",)) if (m := idx.at(c))
            ]
            if named:
                return [
                    m
                    for m in named
                    if m.entity.type in ACTOR_TYPES and m.names_entity  # no "he"
                ]
    return []
