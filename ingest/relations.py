"""Find relations between actor mentions by walking spaCy's dependency parse.

The words come from ``triggers.toml`` (ingest.triggers); the grammar is split by
kind of construction: verbs and their subjects and objects here, event nouns in
:mod:`ingest.nominal`, places, group lists and memberships in
:mod:`ingest.places`, answers to speech acts and culpability in
:mod:`ingest.discourse`, the
grammar of noun phrases in :mod:`ingest.phrases`, and the pairing of ends in
:mod:`ingest.pairing`. Triggers are indexed by lemma, so the work per token is
one dictionary look-up; the parse is walked only around a trigger. Modality,
negation, attribution, dates and places come from :mod:`ingest.modality`.

A :class:`RelationFinder` is built once (from the table); each document is read
by a :class:`Reading`, which holds the document's mention index and clause
context, so the grammar's methods take only the tokens they work on.
"""

from __future__ import annotations

from dataclasses import replace

from geokg.graph.vocabulary import RELATIONS
from geokg.ingest.actors import Mention
from geokg.ingest.discourse import DiscourseRelations
from geokg.ingest.modality import Clause, Context, marked
from geokg.ingest.nominal import NounRelations
from geokg.ingest.pairing import joint_or_pairs, pairs
from geokg.ingest.phrases import MentionIndex, children_of, conjuncts, is_passive
from geokg.ingest.places import PlaceRelations
from geokg.ingest.sectors import private_nouns
from geokg.ingest.triggers import (
    Found,
    Trigger,
    TriggerTable,
    load_triggers,
    parse_triggers,
)
from spacy.tokens import Doc, Token

__all__ = [
    "Found",
    "Grammar",
    "Reading",
    "RelationFinder",
    "load_triggers",
    "parse_triggers",
]


def _as_opposed_to(verb: Token) -> bool:
    """ "as opposed to X" contrasts; it opposes no one."""
    return verb.lower_ == "opposed" and marked(verb, _AS)


_AS, _THAT = frozenset({"as"}), frozenset({"that"})
#: Relations a verb may bear on the subject of its news noun's that-clause.
_NEWS_RELATIONS = frozenset({"supported", "condemned"})


class Grammar:
    """What the grammar reads from the trigger table, once."""

    def __init__(self, table: TriggerTable) -> None:
        self.table = table
        self.light = table.light_verbs
        self.giving = table.word("light.giving")
        self.join = table.word("grammar.join")
        self.agent = table.word("grammar.agent")
        self.of = table.word("grammar.of")
        self.doing = table.word("grammar.doing")
        self.culpable = table.word("grammar.culpable")
        self.harms = table.word("grammar.harms")
        self.consumed: dict[str, frozenset[str]] = {}
        for trig in table.triggers:
            for noun in trig.objects:  # "suspended cooperation": the verbs that consume
                self.consumed[noun] = self.consumed.get(noun, frozenset()) | trig.verbs
        self.any_prep = table.word("grammar.complement")
        self.groups = table.word("grammar.groups") | table.word("grammar.people")
        self.personal = table.word("grammar.personal_pronouns")
        self.relative = table.word("grammar.relative_pronouns")
        self.body_nouns = table.word("grammar.body_nouns")
        self.place_nouns = table.word("grammar.place_nouns")
        self.between = table.word("grammar.between")
        self.with_ = table.word("grammar.with")
        self.measures = table.word("grammar.measures")
        self.member_nouns = table.word("grammar.member_nouns")
        self.peer_nouns = table.word("grammar.peer_nouns")
        self.founding = table.word("grammar.founding")
        self.unit_nouns = table.word("grammar.unit_nouns")
        self.assigning = table.word("grammar.assigning")
        self.vowing = table.word("grammar.vowing")
        self.content_nouns = table.word("grammar.content_nouns")
        self.facilities = table.word("grammar.facility_nouns")
        self.questions = table.word("modality.hypothetical_marks")
        self.joint_words = table.word("grammar.joint")
        self.claiming = table.word("grammar.claiming")
        #: Speech-act nouns and the relations that report each act.
        self.acts = {
            **dict.fromkeys(
                table.word("grammar.accusation_nouns"), ("accused", "condemned")
            ),
            **dict.fromkeys(table.word("grammar.request_nouns"), ("urged", "demanded")),
            **dict.fromkeys(table.word("grammar.proposal_nouns"), ("proposed",)),
        }
        self.credit = table.word("grammar.credit")


class RelationFinder:
    """Finds relations in a parsed document whose actor mentions are known."""

    def __init__(self, table: TriggerTable) -> None:
        self.table = table
        self.grammar = Grammar(table)

    def __call__(self, doc: Doc, mentions: list[Mention]) -> list[Found]:
        """Every relation in the document, in text order."""
        return Reading(self.grammar, doc, mentions).relations()


class Reading(NounRelations, PlaceRelations, DiscourseRelations):
    """One document read by the grammar: its mentions, clauses and relations."""

    def __init__(self, grammar: Grammar, doc: Doc, mentions: list[Mention]) -> None:
        self.g = grammar
        self.table = grammar.table
        self.doc = doc
        self.idx = MentionIndex(mentions, grammar.table, doc)
        self.ctx = Context(doc, grammar.table.words, self.idx.at)

    def relations(self) -> list[Found]:
        """Every relation in the document, in text order."""
        doc = self.doc
        found: list[Found] = []
        by_verb, by_noun, by_modal = (
            self.table.by_verb,
            self.table.by_noun,
            self.table.by_modal,
        )
        for tok in doc:
            lemma = tok.lemma_.lower()
            if tok.pos_ in ("VERB", "AUX") and lemma in by_verb:
                if not _as_opposed_to(tok):
                    found += self.verb_relations(tok)
            elif tok.pos_ in ("NOUN", "PROPN") and (
                lemma in by_noun or tok.lower_ in by_noun  # "hostilities"
            ):
                found += self.noun_relations(tok)
            elif tok.dep_ == "aux" and tok.lower_ in by_modal:
                found += self.modal_relations(tok)
        found += self.lifted(found)
        found += self.group_lists(doc) + self.places() + self.culpability()
        found += self.memberships() + self.units() + self.compact()
        found += self.responses(found)
        found = self.intent([self.annotate(f, doc) for f in found])
        found = [f for f in found if not _within_one_state(f)]
        return _unique([f for f in found if self._membership_said(f)], doc)

    def _membership_said(self, f: Found) -> bool:
        """A person is a member only where a member noun, a party word or an
        assignment says so ("a member of the party", "Republican Senator X", "X
        was assigned to the 2nd Battalion"): a founder, a joiner or a head of a
        body is one of its officials (official-of), not a member."""
        if f.relation != "member-of" or f.subject.entity.type != "Person":
            return True
        return (
            f.rule in ("party", "assigned")
            or self.doc[f.trigger].lemma_.lower() == "member"
        )

    def sources(self, verb: Token) -> list[Mention]:
        """The sources of a verb: its subjects, the agent of a passive, the joiners."""
        raised, via = False, ""
        if (
            verb.dep_ == "acomp"
            and verb.tag_ in ("VBG", "VBN")
            and verb.head.lemma_ == "be"
        ):
            verb = verb.head  # "X is “flagrantly” defying Y"; "X is opposed to Y"
        while (
            verb.dep_ in ("conj", "xcomp", "advcl")
            and not children_of(verb, ("nsubj",))
            and not is_passive(verb)
            and verb.head.i != verb.i
        ):
            raised, via = verb.dep_ == "xcomp", verb.dep_
            if via == "advcl" and verb.tag_ != "VB":
                via = "participle"  # "X attacked Y, accusing it": X accuses
                absolute = self._absolute_subject(verb)
                if absolute:  # "…, with X at one point accusing Y": X accuses
                    return absolute
            verb = verb.head
            if verb.dep_ == "acomp" and verb.head.pos_ in ("AUX", "VERB"):
                verb = verb.head  # "is due to meet", "is ready to talk"
        found: list[Mention] = []
        if (
            verb.dep_ == "acl"
            and not children_of(verb, ("nsubj", "nsubjpass"))
            and verb.head.dep_ == "dobj"
            and verb.head.head.lemma_.lower() in self.g.light
        ):
            # "the PKK issued a declaration demanding that …": the issuer
            return self.sources(verb.head.head)
        if (raised or via == "advcl") and self._controller(verb):
            # "trained groups to fight": the object is who fights (object control)
            return [m for c in self._controller(verb) for m in self.idx.actors(c)]
        if raised:  # "Iran and Russia are set to discuss": the subject of "set"
            found += self.passive_objects(verb)
        subjectless = not children_of(verb, ("nsubj", "nsubjpass"))
        relative = [
            c for c in children_of(verb, ("nsubj",)) if c.lower_ in self.g.relative
        ]
        for child in verb.children:
            if relative and child.dep_ == "nsubj" and child not in relative:
                continue  # "X, which, in defiance of the Charter …, attacked Y"
            if child.dep_ == "nsubj" or (
                # "Chile cooperates with Peru" parsed with "Chile" a compound
                # of the verb: a name before a verb with no subject is its subject
                subjectless
                and child.dep_ == "compound"
                and child.i < verb.i
                and child.pos_ == "PROPN"
                and verb.pos_ == "VERB"
            ):
                found += self._subject(child, verb)
            elif child.dep_ == "agent":
                found += [
                    m for p in children_of(child, ("pobj",)) for m in self.idx.actors(p)
                ]
        if (
            not found
            and verb.dep_ == "acl"
            and verb.tag_ == "VB"
            and any(c.lower_ == "to" for c in verb.children)
            and verb.head.lemma_.lower() in self.g.doing
        ):
            # "Turkey's efforts to improve ties with Egypt": whose the effort is
            found += [
                m
                for c in verb.head.children
                if c.dep_ == "poss" and (m := self.idx.at(c)) is not None
            ]
        if (
            verb.dep_ == "pcomp"
            and verb.head.lower_ == "in"
            and verb.head.head.lemma_.lower() in self.g.join
        ):
            joined = verb.head.head  # "X was joined by Y in attacking Z"
            found += self.sources(joined) + self.passive_objects(joined)
        return found

    def _absolute_subject(self, participle: Token) -> list[Mention]:
        """The subject of a participle in an absolute "with" phrase that the
        parser hung on the main verb: "A and B traded barbs, with A at one point
        accusing B" -> A (the "with" between the verb and the participle)."""
        head = participle.head
        for prep in head.children:
            if (
                prep.dep_ == "prep"
                and prep.lower_ in self.g.with_
                and head.i < prep.i < participle.i
                and not any(
                    t.pos_ in ("VERB", "AUX")
                    for t in self.doc[prep.i + 1 : participle.i]
                )
            ):
                return [
                    m for p in children_of(prep, ("pobj",)) for m in self.idx.actors(p)
                ]
        return []

    def _controller(self, verb: Token) -> list[Token]:
        """The direct object of a verb whose to-infinitive it controls: "trained
        rebel groups to fight", "sent troops to attack" (people, not "held talks
        to improve ties", whose subject improves them)."""
        clauses = [x.i for x in children_of(verb, ("xcomp", "advcl"))]
        return [
            c
            for c in children_of(verb, ("dobj",))
            if (
                c.lemma_.lower() in self.g.groups
                or c.ent_type_ in ("NORP", "PERSON")
                or self.idx.at(c) is not None
            )
            # the object stands before the infinitive it controls; one after it
            # is a misparse of the infinitive's own ("like to congratulate … X")
            and any(c.i < x for x in clauses)
        ]

    def _subject(self, subj: Token, verb: Token) -> list[Mention]:
        if (
            self.idx.at(subj) is None
            and subj.lower_ in self.g.relative
            and verb.dep_ == "relcl"
        ):
            head = verb.head
            if self.idx.at(head) is None and head.dep_ == "appos":
                head = head.head  # "X, a former official who negotiated with Y"
            return self.idx.actors(head)
        if self.idx.at(subj) is None and subj.lower_ in self.g.personal:
            if subj.lower_ not in ("i", "we") and self.ctx.quote_at(subj.idx):
                return []  # '"They want to kill her," X said': not X
            speaker = self.ctx.speaker(verb)
            return [speaker] if speaker is not None else []
        if self._private(subj):
            return []  # "Chinese tourists visited Vietnam": people, not the state
        return self.idx.actors(subj)

    def _private(self, noun: Token) -> bool:
        """Whether a subject names private people ("Chilean students", "thousands
        of Chilean tourists"), who do not act for their state."""
        while self.idx.at(noun) is None and (
            noun.like_num
            or noun.ent_type_ == "CARDINAL"
            or noun.lemma_.lower() in self.g.measures
        ):
            of = [
                p
                for c in children_of(noun, ("prep",))
                if c.lower_ == "of"
                for p in children_of(c, ("pobj",))
            ]
            if not of:
                return False
            noun = of[0]
        return self.idx.at(noun) is None and noun.lower_ in private_nouns()

    def passive_objects(self, verb: Token) -> list[Mention]:
        """The subject of a passive verb, which is its object ("was joined by");
        of a participle clause, its head's subject ("Backed by Russia, Syria …")."""
        subjects = children_of(verb, ("nsubjpass",))
        owner = verb
        if not subjects and verb.dep_ == "advcl" and verb.tag_ == "VBN":
            owner = verb.head
            subjects = children_of(owner, ("nsubj",))
        return [m for c in subjects for m in self._subject(c, owner)]

    def direct_objects(self, verb: Token) -> list[Mention]:
        """The direct objects of a verb, or the subject of a passive one."""
        found = [m for c in children_of(verb, ("dobj",)) for m in self.idx.actors(c)]
        return found + self.idx.datives(verb) + self.passive_objects(verb)

    def verb_relations(self, verb: Token) -> list[Found]:
        """Relations whose trigger is a verb: subjects to objects."""
        out: list[Found] = []
        subjects = self.sources(verb)
        rows = self.table.by_verb[verb.lemma_.lower()]
        objects_of = {n.lemma_.lower() for n in children_of(verb, ("dobj",))}
        if any(trig.objects & objects_of for trig in rows):
            # "withdrew its ambassador": the row naming the object says what it is
            rows = [trig for trig in rows if trig.objects & objects_of]
        for trig in rows:
            rule = "passive" if is_passive(verb) else "verb"
            if trig.as_nouns:
                objects, rule = self._as_targets(verb, trig), "as-noun"
            elif trig.objects:
                nouns = [
                    n
                    for c in children_of(verb, ("dobj",))
                    for n in (c, *_measured(c, self.g.measures))
                    if n.lemma_.lower() in trig.objects
                ]
                if not nouns:
                    continue
                objects = (
                    self.idx.prep_objects(verb, trig.preps)
                    + self.idx.prep_objects(nouns[0], trig.preps)
                    + self.idx.datives(verb)  # "gave Ghana a loan"
                )
            else:
                objects = self.idx.prep_objects(verb, trig.preps)
                if trig.direct and trig.named:
                    objects += [
                        m
                        for m in self.direct_objects(verb)
                        if _names(m, verb, self.g.facilities)
                    ]
                elif trig.direct:
                    objects += self.direct_objects(verb) or [
                        m  # "threatened further action against Russia"
                        for c in children_of(verb, ("dobj",))
                        for m in self.idx.prep_objects(c, trig.preps)
                    ]
                if trig.direct and not objects and trig.relation in _NEWS_RELATIONS:
                    objects = self._news_subjects(verb)
                if trig.complement and not objects:
                    objects = self.complement_targets(
                        verb, clauses=not RELATIONS[trig.relation].symmetric
                    )
                    rule = "complement"
                if trig.conditional and not objects:
                    objects, rule = self.condition_subjects(verb), "complement"
            out += joint_or_pairs(trig, subjects, objects, verb, rule)
        return out

    def _news_subjects(self, verb: Token) -> list[Mention]:
        """ "welcomed the announcement that Chile would release …": the subject of
        the that-clause of a news noun the verb takes as its object."""
        return [
            m
            for noun in children_of(verb, ("dobj",))
            if noun.lemma_.lower() in self.g.content_nouns
            for clause in children_of(noun, ("acl", "ccomp"))
            if marked(clause, _THAT)
            for s in children_of(clause, ("nsubj",))
            for m in self.idx.actors(s)
        ]

    def complement_targets(self, verb: Token, clauses: bool = True) -> list[Mention]:
        """The target a verb names through its complement: the objects of its
        to-infinitive ("threatened to break off relations with Russia") or the
        subject of its that-clause ("demanded that the US cancel …"). Without
        ``clauses`` no that-clause: what two agree that a clause says names no
        party to the agreement."""
        found: list[Mention] = []
        for comp in children_of(verb, ("xcomp", "ccomp") if clauses else ("xcomp",)):
            for c in conjuncts(comp):
                if c.pos_ not in ("VERB", "AUX"):
                    continue
                if comp.dep_ == "ccomp":
                    subjects = children_of(c, ("nsubj",))
                    found += [m for s in subjects for m in self.idx.actors(s)]
                    continue
                for obj in children_of(c, ("dobj",)):
                    found += self.idx.actors(obj) or self._nested_targets(obj)
                found += self.idx.datives(c) + self.idx.prep_objects(c, self.g.any_prep)
        return found

    def condition_subjects(self, verb: Token) -> list[Mention]:
        """The subjects of an if/unless clause under a verb or its complement:
        "threatened to stop the talks if the United States goes ahead"."""
        marks = self.ctx.w["hypothetical_marks"]
        heads = [verb, *children_of(verb, ("xcomp", "ccomp"))]
        return [
            m
            for h in heads
            for clause in children_of(h, ("advcl",))
            if any(c.dep_ == "mark" and c.lower_ in marks for c in clause.children)
            for s in children_of(clause, ("nsubj", "nsubjpass"))
            for m in self.idx.actors(s)
        ]

    def _as_targets(self, verb: Token, trig: Trigger) -> list[Mention]:
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
                for head in conjuncts(phrase):
                    targets += self.idx.modifiers(head) or self.idx.actors(head)
        return targets

    def modal_relations(self, aux: Token) -> list[Found]:
        """ "Araghchi: 'The E3 must heed …'": the speaker urges the clause's subject."""
        speaker = self.ctx.speaker(aux.head)
        if speaker is None or marked(aux.head, self.g.questions):
            return []  # "topics such as whether X should seek a third term"
        quote = self.ctx.quote_at(aux.idx)
        targets = [
            m
            for c in children_of(aux.head, ("nsubj",))
            for t in conjuncts(c)
            if (m := self.idx.at(t)) and self.ctx.quote_at(t.idx) == quote
        ]
        return [
            f
            for trig in self.table.by_modal[aux.lower_]
            for f in pairs(trig, [speaker], targets, aux.head, "modal-urge")
        ]

    def lifted(self, found: list[Found]) -> list[Found]:
        """ "Iran threatened to launch an offensive in its war with Iraq": a verb whose
        complement holds a relation says its own relation between the same ends."""
        out: list[Found] = []
        for f in found:
            verb = self.idx.doc[f.trigger]
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
                sources = {m.entity.id for m in self.sources(head)}
                ends = (f.subject, f.object)
                symmetric = RELATIONS[f.relation].symmetric
                if f.subject.entity.id not in sources and symmetric:
                    ends = (f.object, f.subject)
                if ends[0].entity.id in sources:
                    out += pairs(trig, [ends[0]], [ends[1]], head, "complement")
        return out

    def annotate(self, f: Found, doc: Doc) -> Found:
        """The relation with its modality, negation, attribution, date and place."""
        clause: Clause = self.ctx.clause(doc[f.trigger], exclude=(f.subject, f.object))
        modality, negated = clause.modality, clause.negated
        if f.rule in ("modal-urge", "group-list", "member"):
            # the urging is the speech act itself; a listed group (and "NATO
            # member Turkey") is how things are
            modality, negated = "asserted", False
        standing = RELATIONS[f.relation].family == "standing"
        return replace(
            f,
            negated=negated,
            modality=modality,
            date=clause.date,
            location=None if standing else clause.location,
            attributed_to=None if f.rule == "modal-urge" else clause.attributed_to,
            confidence=self.table.confidence(f.rule, f.trigger_id),
        )

    def _vowed(self, f: Found) -> bool:
        """Whether the claim's own subject vows it: its verb is the infinitive of a
        vowing verb of that subject ("Peru vowed to crush X", "pledged to hit X")."""
        verb = self.doc[f.trigger]
        while verb.dep_ == "xcomp" and verb.head.i != verb.i:
            verb = verb.head
            if verb.lemma_.lower() in self.g.vowing:
                return f.subject.entity.id in {m.entity.id for m in self.sources(verb)}
        return False

    def intent(self, found: list[Found]) -> list[Found]:
        """An actor saying or vowing it would use force is threatening: "Trump said
        he would hit Iran", "Peru vowed to crush the Shining Path" are threats
        (CAMEO 13), not attacks."""
        out = []
        for f in found:
            target = self.table.intent.get(f.relation)
            said = (
                f.attributed_to is not None
                and f.attributed_to.entity.id == f.subject.entity.id
            ) or self._vowed(f)
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
                    confidence=self.table.confidence("intent-threat", f.trigger_id),
                )
            out.append(f)
        return out


def _measured(noun: Token, measures: frozenset[str]) -> list[Token]:
    """What a quantity noun measures: "700 kg of medicine", "5 million dollars of
    aid" -> medicine, aid."""
    if noun.lemma_.lower() not in measures and not any(
        c.dep_ == "nummod" for c in noun.children
    ):
        return []
    return [
        p
        for prep in children_of(noun, ("prep",))
        if prep.lower_ == "of"
        for p in children_of(prep, ("pobj",))
    ]


def _names(m: Mention, verb: Token, facilities: frozenset[str]) -> bool:
    """Whether a mention is itself a direct object (or passive subject) of the
    verb, not the owner of one ("hosted Putin", not "hosted Russian warships")."""
    doc = verb.doc
    root = doc[m.start : m.end].root
    if root.lower_ in facilities:
        return False  # "hosts the UN Regional Service Centre": the body is there
    while root.dep_ in ("conj", "appos") and root.head.i != root.i:
        root = root.head
    return root.head.i == verb.i and root.dep_ in ("dobj", "nsubjpass", "dative")


def _owner(entity_attributes: tuple[tuple[str, str], ...]) -> str | None:
    attributes = dict(entity_attributes)
    return attributes.get("parent") or attributes.get("country")


def _within_one_state(f: Found) -> bool:
    """An event between an actor and itself, or a state and its own sector actor
    ("Kenyan troops moved into Kenya"): no event between two actors; nor is a
    state a member of its own government."""
    s, o = f.subject.entity, f.object.entity
    if f.relation == "member-of":  # "Tonga joins other leaders": its own
        return s.id == o.id or _owner(o.attributes) == s.id
    if not RELATIONS[f.relation].is_event:
        return False
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
