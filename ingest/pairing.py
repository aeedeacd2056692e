"""Pairs of a relation's ends: one edge per source and target, coordinated sources
of a joint trigger paired with each other, and never an actor with itself or a
name with the phrase it is in apposition to."""

from __future__ import annotations

from itertools import combinations

from geokg.graph.vocabulary import RELATIONS
from geokg.ingest.actors import Mention
from geokg.ingest.triggers import Found, Trigger
from spacy.tokens import Doc, Token


def joint_or_pairs(
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
            if not one_phrase(a, b, trigger.doc)
            for f in pairs(trig, [a], [b], trigger, joint)
        ]
    return pairs(trig, subjects, objects, trigger, rule)


def one_phrase(a: Mention, b: Mention, doc: Doc) -> bool:
    """Whether two mentions name one party: a name in apposition to a phrase the
    other owns or is ("Its president, Ana Torres" is one speaker, not two)."""
    ra, rb = doc[a.start : a.end].root, doc[b.start : b.end].root
    for x, y in ((ra, rb), (rb, ra)):
        if x.dep_ == "appos" and (x.head.i == y.i or y.head.i == x.head.i):
            return True
    return False


def pairs(
    trig: Trigger,
    subjects: list[Mention],
    objects: list[Mention],
    trigger: Token,
    rule: str,
) -> list[Found]:
    rel = RELATIONS[trig.relation]
    if trig.inverse:
        subjects, objects = objects, subjects
    ends = [(s, o) for s in subjects for o in objects]
    if trig.mutual and not rel.symmetric:  # "traded accusations": each accuses
        ends += [(o, s) for s, o in ends]
    return [
        Found(trig.relation, s, o, trigger.i, rule, trigger_id=trig.id)
        for s, o in ends
        if s.entity.id != o.entity.id
        and s.entity.type in rel.domain
        and s.entity.type.lower() not in trig.not_sources
        and o.entity.type in rel.range
    ]
