"""Relations a clause finds only with what the text said around it: answers to
a speech act reported before ("Peru accused Chile of spying. Chile rejected the
accusations."), and a speaker who puts a deed on an actor ("Peru said Chile was
behind the attack"). A mixin of :class:`ingest.relations.Reading`."""

from __future__ import annotations

from bisect import bisect_left
from typing import TYPE_CHECKING

from geokg.ingest.actors import Mention
from geokg.ingest.pairing import pairs
from geokg.ingest.phrases import MentionIndex, children_of
from geokg.ingest.triggers import Found, Trigger, TriggerTable
from spacy.tokens import Doc, Span, Token

if TYPE_CHECKING:
    from geokg.ingest.modality import Context
    from geokg.ingest.relations import Grammar


class DiscourseRelations:
    """Answers and culpability of one document's reading."""

    g: Grammar
    idx: MentionIndex
    ctx: Context
    doc: Doc
    table: TriggerTable

    def responses(self, found: list[Found]) -> list[Found]:
        """A verb that answers a speech act the text reported just before, named
        by a bare noun: "Peru accused Chile of spying. Chile rejected the
        accusations." (Chile rejected Peru); "A called for a vote. B backed the
        call." (B supported A). The act is the latest one of its kind whose
        author is not the answerer, in the verb's sentence or the two before."""
        doc = self.doc
        out: list[Found] = []
        for verb in doc:
            if verb.pos_ != "VERB":
                continue
            rows = self.table.by_verb.get(verb.lemma_.lower(), ())
            trig = next((t for t in rows if t.direct), None)
            if trig is None:
                continue
            for noun in children_of(verb, ("dobj",)):
                kinds = self.g.acts.get(noun.lemma_.lower())
                if kinds is None or self.idx.actors(noun) or self._said_whose(noun):
                    continue
                sources = self.sources(verb)
                author = self._latest_act(found, kinds, verb, sources)
                if author is not None:
                    out += pairs(trig, sources, [author], verb, "response")
        return out

    def _said_whose(self, noun: Token) -> bool:
        """Whether a speech-act noun says whose or what it is ("his claims", "the
        call for talks", "claims that …"): then it is no bare reference."""
        return any(
            c.dep_ in ("poss", "prep", "acl", "relcl", "ccomp") for c in noun.children
        )

    def _latest_act(
        self, found: list[Found], kinds: tuple[str, ...], verb: Token, sources
    ) -> Mention | None:
        """The author of the latest act of one of ``kinds`` before ``verb``: a
        relation found ("Peru accused Chile"), or a verb of the act whose
        object is no actor ("Peru called for a vote")."""
        first = max(0, _sentence_index(verb.sent) - 2)
        own = {m.entity.id for m in sources}
        acts = [
            (f.trigger, f.subject)
            for f in found
            if f.relation in kinds and not f.negated
        ]
        start = _sentence_starts(self.doc)[first]
        for tok in self.doc[start : verb.i]:
            rows = self.table.by_verb.get(tok.lemma_.lower(), ())
            if tok.pos_ == "VERB" and any(t.relation in kinds for t in rows):
                acts += [(tok.i, m) for m in self.sources(tok)[:1]]
        acts = [
            (i, m)
            for i, m in acts
            if i < verb.i
            and _sentence_index(self.doc[i].sent) >= first
            and m.entity.id not in own
            and not self.ctx.clause(self.doc[i]).negated
        ]
        return max(acts, key=lambda a: a[0])[1] if acts and own else None

    def culpability(self) -> list[Found]:
        """A speaker who says an actor was behind a deed accuses it: "Peru said
        Chile was behind the attack", '"Chile is responsible for it," Peru said'."""
        trig = Trigger("accused", id="grammar:culpability")
        out: list[Found] = []
        for tok in self.doc:
            word = tok.lower_
            if word not in self.g.culpable:
                continue
            if tok.dep_ == "prep" and tok.head.lemma_ == "be":
                pred, deeds = tok.head, children_of(tok, ("pobj",))  # "was behind X"
            elif tok.dep_ == "acomp" and tok.head.lemma_ == "be":
                pred = tok.head  # "is responsible for X", "was complicit in X"
                deeds = [
                    p
                    for prep in children_of(tok, ("prep",))
                    for p in children_of(prep, ("pobj",))
                ]
            else:
                continue
            if not any(d.lemma_.lower() in self.g.harms for d in deeds):
                continue  # "behind the talks", "responsible for security"
            accused = [
                m
                for c in children_of(pred, ("nsubj",))
                if self.idx.at(c) is not None or c.lower_ not in self.g.personal
                for m in self.idx.actors(c)
            ]
            speaker = self.ctx.speaker(pred)
            if speaker is not None and accused:
                out += pairs(trig, [speaker], accused, tok, "culpability")
        return out


def _sentence_starts(doc: Doc) -> list[int]:
    """The first token of each sentence of a document (computed once)."""
    starts = doc.user_data.get("geokg_sentence_starts")
    if starts is None:
        starts = doc.user_data["geokg_sentence_starts"] = [s.start for s in doc.sents]
    return starts


def _sentence_index(sent: Span) -> int:
    """The position of a sentence in its document."""
    return bisect_left(_sentence_starts(sent.doc), sent.start)
