"""Offices the words around a title give: the state a bare title serves in a
report ("Treasury Secretary X" in a story about one state), the court a judge
sits on, and the bodies verbs say a person leads or works at ("X, who heads
the Y", "the Y led by X", "X teaches at the Y"). Used by :mod:`ingest.roles`."""

from __future__ import annotations

from geokg.ingest.actors import Mention, entity_of
from geokg.ingest.gazetteer import GazetteerEntry, load_gazetteer
from geokg.ingest.modality import is_report
from geokg.ingest.phrases import is_passive
from geokg.ingest.titles import LEADING_VERBS, OWNER_TYPES, WORKING_VERBS
from geokg.ingest.triggers import Found
from spacy.tokens import Doc, Token


def led_bodies(doc: Doc, person: Mention, at: dict[int, Mention]) -> list[Found]:
    """The bodies a verb says a person leads or works at: "X heads the Y", "X,
    who leads the Y", "the Y (is) led by X", "X teaches at the Y"."""
    name = doc[person.end - 1]
    verbs: list[tuple[Token, str]] = []  # (verb, "subject" or "agent")
    if name.dep_ in ("nsubj",):
        verbs.append((name.head, "subject"))
    for c in name.children:  # "X, who leads the Y"
        if c.dep_ == "relcl" and any(
            s.dep_ == "nsubj" and s.lower_ in ("who", "that") for s in c.children
        ):
            verbs.append((c, "subject"))
    if name.dep_ == "pobj" and name.head.dep_ == "agent":
        verbs.append((name.head.head, "agent"))  # "the Y led by X"
    out = []
    for verb, role in verbs:
        lemma = verb.lemma_.lower()
        bodies: list[Mention] = []
        if lemma in LEADING_VERBS and role == "subject" and not is_passive(verb):
            bodies = [at[c.i] for c in verb.children if c.dep_ == "dobj" and c.i in at]
        elif lemma in LEADING_VERBS and role == "agent":
            held = [c for c in verb.children if c.dep_ == "nsubjpass"]
            if verb.dep_ == "acl":
                held.append(verb.head)  # "the Y led by X"
            bodies = [at[t.i] for t in held if t.i in at]
        elif lemma in WORKING_VERBS and role == "subject":
            bodies = [  # "X teaches at the Y", "X works for the Y"
                at[p.i]
                for prep in verb.children
                if prep.dep_ == "prep" and prep.lower_ in ("at", "for")
                for p in prep.children
                if p.dep_ == "pobj" and p.i in at
            ]
        for body in bodies:
            if (
                body.entity.type in OWNER_TYPES
                and body.names_entity  # "the group is led by X": which group?
                and body.entity.id != person.entity.id
            ):
                out.append(
                    Found("official-of", person, body, verb.i, "affiliation",
                          role=LEADING_VERBS.get(lemma))
                )
    return out


#: Words of courtesy to a dignitary ("I congratulate President X on his election",
#: "our gratitude to Secretary-General Y"): whom they address is often another
#: state's or a body's officer, so the bare title takes no state from context.
COURTESY = frozenset(
    {
        "thank",
        "thanks",
        "congratulate",
        "congratulation",
        "commend",
        "salute",
        "welcome",
        "greet",
        "applaud",
        "acknowledge",
        "tribute",
        "gratitude",
        "appreciation",
        "homage",
        "condolence",
        "support",
        "solidarity",
    }
)


def acting(name: Token) -> bool:
    """Whether a name is not addressed by a courtesy ("I thank Ambassador X",
    "congratulations to President Y", "a tribute to Z")."""
    while name.dep_ in ("appos", "conj") and name.head.i != name.i:
        name = name.head
    head = name.head
    if name.dep_ == "pobj" and head.head.i != head.i:
        head = head.head  # "gratitude to X", "congratulations to X"
    words = [head, *(c for c in head.children if c.dep_ in ("nsubj", "dobj"))]
    return not any(w.lemma_.lower() in COURTESY or w.lower_ in COURTESY for w in words)


def context_state(
    doc: Doc, title: tuple[int, int], at: dict[int, Mention]
) -> Mention | None:
    """The state whose office a bare title names ("Treasury Secretary X"): the one
    country named earlier in its sentence. A country named after the title is
    more often the other party ("President X threatened Russia"), and one named
    in other sentences (or the country a document is about) too often another
    state's officer's (a UN speech's "President X" of the Assembly), so neither
    is taken (two audits of 100 claims each found most such guesses wrong)."""
    sent = doc[title[0]].sent
    own = {
        m.entity.id: m.start
        for m in at.values()
        if m.entity.type == "Country"
        and m.names_entity  # not "we": a pronoun's state is no office's owner
        and sent.start <= m.start < sent.end
    }
    before = {c for c, start in own.items() if start < title[0]}
    if len(own) > 1:
        return None  # "Bahrain backs … President Hadi … of Yemen": whose is unclear
    if not is_report(doc):
        return None  # a speech's "President X" is as often another state's
    home = home_state(at)
    if before:
        state = next(iter(before))
    elif home is not None and set(own) <= {home}:
        state = home
    else:
        return None
    entry = load_gazetteer().get(state)
    return country_mention(entry, at, title[0], title) if entry else None


#: A document's home state is named this many times, and this many times as
#: often as any other state.
HOME_MENTIONS, HOME_LEAD = 3, 2


def home_state(at: dict[int, Mention]) -> str | None:
    """The state a document is about, when one stands out: named at least
    HOME_MENTIONS times and HOME_LEAD times as often as the next."""
    counts: dict[str, int] = {}
    for m in set(at.values()):
        if m.entity.type == "Country" and m.names_entity:
            counts[m.entity.id] = counts.get(m.entity.id, 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    if not ranked or ranked[0][1] < HOME_MENTIONS:
        return None
    if len(ranked) > 1 and ranked[0][1] < HOME_LEAD * ranked[1][1]:
        return None
    return ranked[0][0]


def country_mention(
    country: GazetteerEntry, at: dict[int, Mention], near: int, title: tuple[int, int]
) -> Mention:
    """The mention naming a country nearest ``near``; the title itself stands for
    the country when no mention names it (only a pronoun, or the gazetteer)."""
    named = [m for m in at.values() if m.entity.id == country.id and m.names_entity]
    if named:
        return min(named, key=lambda m: (abs(m.start - near), m.start))
    return Mention(title[0], title[1], entity_of(country), "implied")


#: Titles of a court's members: "Judge X", "Justice Y" serve the court the
#: document names, when it names one.
JUDGES = frozenset({"judge", "justice", "magistrate"})


def one_court(at: dict[int, Mention]) -> Mention | None:
    """The one court a document names (its first naming mention), if one."""
    courts = [
        m
        for m in sorted(set(at.values()), key=lambda m: m.start)
        if m.entity.type in ("GovernmentBody", "Organization")
        and "court" in m.entity.label.lower().split()
    ]
    return courts[0] if len({m.entity.id for m in courts}) == 1 else None
