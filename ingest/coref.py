"""Light coreference: "it"/"its", "he"/"she", "the accord", "these two countries".

Only antecedents the text makes clear are taken; anything else is left alone:

- "it"/"its" take the one singular actor (country, organisation, body, group,
  agreement) named in their sentence or the one before; when several are, the
  one in the pronoun's own clause, else the sentence's subject. A subject is
  never the antecedent of its own verb's object ("the U.S. accused it"), nor
  of the object of a verb that takes its subject ("X attacked Y, accusing it").
  Coordinated names ("Iran and Russia") are plural and never antecedents.
- "he"/"his"/"she" take the one person named in their sentence or the one
  before; when several are, the latest one that is a subject.
- "we"/"our"/"us" inside a quotation take the body the speaker speaks for: the
  speaker itself when a body or a state, else the one body or state the text
  makes the speaking person an official of ("“We will go on,” said X, commander
  of the Coalition"). Outside quotations, in a text that says "we" at most
  four times (a press release, not a speech), "we" takes the body, state or
  group that is the subject of its sentence before it or of the sentence
  before ("The Coalition struck … We will continue").
- "the accord", "the treaty", "the bloc", "the ministry", "the country" take
  the one entity of the matching type named in the last three sentences.
- "the coalition", "coalition airstrikes" in a document that names no coalition
  but the Islamic State take the Global Coalition against Daesh.
- "these two countries", "both countries" take the latest coordination of
  exactly that many countries ("Russia and China"): one mention per country.

Every mention made here has ``how="coref"``: it points at an entity without
naming it, so it adds no alias.
"""

from __future__ import annotations

from bisect import bisect_left
from functools import lru_cache

from geokg.graph.vocabulary import ACTOR_TYPES
from geokg.ingest.actors import Mention, doc_text, entity_of, words_in_text
from geokg.ingest.arrays import tokens_among
from geokg.ingest.gazetteer import load_gazetteer
from geokg.ingest.modality import (
    WE_PRONOUNS,
    Context,
    is_report,
    quotation_spans,
    we_outside_quotations,
)
from geokg.ingest.roles import find_offices
from geokg.ingest.titles import STATE_OFFICES
from geokg.ingest.triggers import load_triggers
from spacy.tokens import Doc, Span, Token

PRONOUNS = frozenset({"it", "its", "itself"})
#: Plural pronouns: the one group, plural body ("Iraqi forces") or coordination
#: of actors ("Iran and Russia") named in their sentence or the one before.
PLURAL_PRONOUNS = frozenset({"they", "them", "their", "theirs", "themselves"})
#: Pronouns of a person: they take the one person their context names.
PERSON_PRONOUNS = frozenset({"he", "him", "his", "himself", "she", "her", "herself"})
SINGULAR_TYPES = frozenset(
    {"Country", "Organization", "GovernmentBody", "Group", "Agreement"}
)
#: Head nouns of definite descriptions and the types they can refer to.
DESCRIPTIONS = {
    **dict.fromkeys(
        ("accord", "agreement", "deal", "treaty", "pact", "convention"),
        frozenset({"Agreement"}),
    ),
    **dict.fromkeys(
        ("bloc", "alliance", "organization", "organisation"),
        frozenset({"Organization"}),
    ),
    "ministry": frozenset({"GovernmentBody"}),
    **dict.fromkeys(
        ("agency", "body", "institution"), frozenset({"Organization", "GovernmentBody"})
    ),
    **dict.fromkeys(("union", "coalition"), frozenset({"Organization", "Group"})),
    "group": frozenset({"Group", "Organization"}),
    **dict.fromkeys(("militia", "movement", "faction", "outfit"), frozenset({"Group"})),
    **dict.fromkeys(
        ("court", "council", "parliament", "legislature", "assembly"),
        frozenset({"GovernmentBody", "Organization"}),
    ),
    **dict.fromkeys(("country", "nation"), frozenset({"Country"})),
    # "the enemy": the one armed group named just before
    "enemy": frozenset({"Group"}),
}
#: Head nouns of a body's or unit's name that "the <noun>" takes up: "the
#: command" (U.S. Central Command), "the squadron", "the navy" - the one entity
#: named earlier in the document whose name ends in the noun.
NAME_HEADS = frozenset(
    {"command", "squadron", "wing", "battalion", "regiment", "division", "fleet",
     "navy", "army", "corps", "directorate", "agency", "commission", "committee",
     "institute", "foundation", "university", "tribunal", "task force", "group"}
)
#: Description nouns whose antecedent's name says the same noun ("the court":
#: the International Court of Justice, not the government named before it).
NAMED_BY_NOUN = frozenset(
    {"court", "council", "parliament", "legislature", "assembly", "union", "coalition"}
)
#: Offices one person holds: "the secretary", "the prime minister" take the one
#: person named earlier with that title ("Defense Secretary X", "X, the prime
#: minister").
TITLES = STATE_OFFICES | frozenset(
    {"commander", "general", "governor", "mayor", "spokesman", "spokeswoman",
     "spokesperson", "chairman", "chairwoman", "envoy", "secretary-general"}
)
_TITLE_REACH = 6
#: Nouns of armed action a description can modify: "coalition forces", "a coalition
#: airstrike" (not "a coalition government").
ARMED_HEADS = frozenset(
    {"force", "troop", "airstrike", "strike", "aircraft", "jet", "warplane", "raid",
     "operation", "soldier", "partner", "member", "unit", "bombing", "attack"}
)
#: Sentences back that a name-bearing description ("the coalition") looks: the
#: whole document, the one entity so named being clear at any distance.
_DOCUMENT = 10_000
#: Plural nouns of an armed group's members ("the rebels"): they take the one group
#: named in the last three sentences.
MEMBERS = frozenset(
    {
        "rebels",
        "militants",
        "insurgents",
        "fighters",
        "jihadists",
        "extremists",
        "separatists",
        "terrorists",
        "gunmen",
        "guerrillas",
    }
)
#: Adjectives that make a description an armed group's: "the terrorist group",
#: "the jihadist organization" take the one armed group the document names.
ARMED_ADJECTIVES = frozenset(
    {"terrorist", "jihadist", "militant", "extremist", "armed", "rebel", "insurgent",
     "separatist", "islamist"}
)
#: The type only an armed group's description fits.
ARMED = frozenset({"Group"})
#: Nouns such an adjective makes an armed group's.
ARMED_GROUP_NOUNS = frozenset(
    {"group", "organization", "organisation", "movement", "network", "outfit"}
)
#: Plural descriptions: the noun and the type of each member.
GROUPS = {"countries": "Country", "nations": "Country", "states": "Country"}
NUMBERS = {"two": 2, "three": 3, "four": 4}
DETERMINERS = frozenset({"the", "these", "those", "both"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_WINDOW = 3


def resolve(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """The coreferent mentions of a document (new ones only), in text order."""
    known = sorted(mentions, key=lambda m: (m.start, -m.end))
    taken = {i for m in known for i in range(m.start, m.end)}
    starts = [m.start for m in known]
    found: list[Mention] = []
    sexes = _honorific_sexes(doc, known)
    for i in tokens_among(doc, _coref_words()):  # the words below, not every token
        tok = doc[i]
        if tok.i in taken:
            continue
        new: list[Mention] = []
        low = tok.lower_
        if low in PRONOUNS and _referring(tok):
            new = _pronoun(tok, _before(known, starts, tok, 1))
        elif low in PERSON_PRONOUNS and not _honorific(tok):
            sex = _SEX[low]

            def fits(ms: list[Mention], sex: str = sex) -> list[Mention]:
                return [m for m in ms if sexes.get(m.entity.id, sex) == sex]

            new = (
                _person(tok, fits(_before(known, starts, tok, 1)))
                or _said(tok, fits(_before(known, starts, tok, _SAID_WINDOW)))
                or _topic(tok, fits(_before(known, starts, tok, _SAID_WINDOW)))
            )
            for m in new:  # "he" then "she" for one person is two people
                sexes.setdefault(m.entity.id, sex)
        elif low in PLURAL_PRONOUNS:
            new = _plural_pronoun(tok, _before(known, starts, tok, 1))
        elif low in DESCRIPTIONS and tok.tag_ == "NN":
            back = _DOCUMENT if low in NAMED_BY_NOUN else _WINDOW - 1
            if _armed_description(tok):
                new = (
                    _description(tok, _before(known, starts, tok, _WINDOW - 1), ARMED)
                    or _description(tok, _before(known, starts, tok, _DOCUMENT), ARMED)
                    or _description(tok, known, ARMED)  # the document's one group
                )
            else:
                new = _description(tok, _before(known, starts, tok, back))
            armed = tok.dep_ == "compound" and tok.head.lemma_ in ARMED_HEADS
            if not new and armed:
                new = _named_modifier(tok, _before(known, starts, tok, _DOCUMENT))
            if not new and low == "coalition" and (armed or _definite(tok)):
                new = _coalition_against(tok, known)
        elif _name_head(tok) and _definite(tok):
            new = _named_head(tok, _before(known, starts, tok, _DOCUMENT))
        elif low in TITLES and tok.tag_ == "NN":
            new = _office_holder(tok, _before(known, starts, tok, _DOCUMENT))
        elif low in MEMBERS and tok.tag_ == "NNS":
            near = _before(known, starts, tok, _WINDOW - 1) + [
                m for m in known if tok.i < m.start < tok.sent.end
            ]
            new = _members_of(tok, known) or _description(tok, near, ARMED)
            if not new and any(c.lower_ == "enemy" for c in tok.children):
                new = _description(tok, known, ARMED)  # "enemy fighters"
        elif low in GROUPS:
            new = _group(tok, known[: bisect_left(starts, tok.i)])
        for m in new:
            i = bisect_left(starts, m.start)
            starts.insert(i, m.start)
            known.insert(i, m)
            taken.update(range(m.start, m.end))
        found += new
    return found


#: The sex an honorific before a name gives its person.
_TITLE_SEX = {"mr": "m", "ms": "f", "mrs": "f", "miss": "f"}
#: The sex a person pronoun or an honorific gives its person.
_SEX = {
    **dict.fromkeys(("he", "him", "his", "himself"), "m"),
    **dict.fromkeys(("she", "her", "herself"), "f"),
    **_TITLE_SEX,
}


#: Nouns of address after "His"/"Her": "His Excellency", "Her Majesty".
_ADDRESS = frozenset({"excellency", "majesty", "highness", "holiness", "eminence",
                      "grace", "beatitude", "royal"})


@lru_cache(maxsize=1)
def _coref_words() -> frozenset[str]:
    """Every word :func:`resolve` reads a mention from (in lower case)."""
    return frozenset(
        PRONOUNS | PERSON_PRONOUNS | PLURAL_PRONOUNS | set(DESCRIPTIONS) | TITLES
        | MEMBERS | set(GROUPS) | _NAME_HEAD_ENDS
    )


def _honorific(tok: Token) -> bool:
    """Whether "His"/"Her" opens a form of address, not a pronoun."""
    return tok.i + 1 < len(tok.doc) and tok.nbor(1).lower_ in _ADDRESS


def _honorific_sexes(doc: Doc, mentions: list[Mention]) -> dict[str, str]:
    """People whose name follows "Mr." or "Ms." in the document, by id."""
    sexes: dict[str, str] = {}
    for m in mentions:
        if m.entity.type == "Person" and m.start > 0:
            word = doc[m.start - 1].lower_.rstrip(".")
            if word in _TITLE_SEX:
                sexes.setdefault(m.entity.id, _TITLE_SEX[word])
    return sexes


def _before(
    known: list[Mention], starts: list[int], tok: Token, back: int
) -> list[Mention]:
    """Mentions before the token, from ``back`` sentences earlier on."""
    sent = tok.sent
    first = sent.start
    for _ in range(back):
        if first == 0:
            break
        first = tok.doc[first - 1].sent.start
    return known[bisect_left(starts, first) : bisect_left(starts, tok.i)]


def _plural(m: Mention, doc: Doc) -> bool:
    root = doc[m.start : m.end].root
    return root.dep_ == "conj" or any(c.dep_ == "conj" for c in root.children)


def _clause(tok: Token) -> Token:
    head = tok
    while head.head.i != head.i and head.pos_ not in ("VERB", "AUX"):
        head = head.head
    return head


def _one(cands: list[Mention]) -> Mention | None:
    ids = {m.entity.id for m in cands}
    return cands[-1] if len(ids) == 1 else None


def _pronoun(tok: Token, before: list[Mention]) -> list[Mention]:
    doc = tok.doc
    if _own_subject(tok, before):
        return []  # "Humankind must lend its support": its = humankind's
    verb = tok.head if tok.dep_ in ("dobj", "dative") else None
    binders = _binders(verb) if verb is not None else []
    cands = [
        m
        for m in before
        if m.entity.type in SINGULAR_TYPES
        and not _plural(m, doc)
        and not any(_left_of(doc[m.start], v) for v in binders)
    ]
    if not cands:
        return []
    pick = _one(cands)
    if pick is None:
        clause = _clause(tok)
        pick = _one([m for m in cands if clause.is_ancestor(doc[m.start])])
    if pick is None:
        in_sent = [m for m in cands if m.start >= tok.sent.start]
        for group in (in_sent, cands):
            subjects = [m for m in group if _is_subject(doc[m.start : m.end].root)]
            pick = _one(subjects)
            if pick is not None:
                break
    return [Mention(tok.i, tok.i + 1, pick.entity, "coref")] if pick else []


def _plural_pronoun(tok: Token, before: list[Mention]) -> list[Mention]:
    """ "they", "their": the one plural antecedent of the sentence or the one
    before: a group ("the Taliban"), a plural sector actor ("Iraqi forces"), or
    a coordination of actors (each of them). A subject is never the antecedent
    of its own verb's object."""
    doc = tok.doc
    if _own_subject(tok, before, ("NNS", "NNPS")):
        return []  # "The parties continued their exchange": the parties'
    subjects = [c for c in tok.sent.root.children if c.dep_ in SUBJECT_DEPS]
    if any(s.i > tok.i and any(c.dep_ == "conj" for c in s.children) for s in subjects):
        return []  # "At their meeting, Tokyo and Washington said": cataphora
    verb = tok.head if tok.dep_ in ("dobj", "dative") else None
    at = {i: m for m in before for i in range(m.start, m.end)}
    options: dict[tuple[str, ...], list[Mention]] = {}
    for m in before:
        root = doc[m.start : m.end].root
        if verb is not None and _left_of(root, verb):
            continue
        if root.dep_ == "conj":
            continue  # counted with the coordination's first member
        if any(c.dep_ == "conj" for c in root.children):
            members = [x for x in _conjoined(root, at) if x.entity.type in ACTOR_TYPES]
            if len(members) > 1:
                options[tuple(sorted({x.entity.id for x in members}))] = members
            continue
        if m.entity.type == "Group" or (
            m.entity.type == "GovernmentBody" and root.tag_ in ("NNS", "NNPS")
        ):
            options[(m.entity.id,)] = [m]
    if len(options) != 1:
        return []
    (members,) = options.values()
    return [Mention(tok.i, tok.i + 1, m.entity, "coref") for m in members]


def _own_subject(
    tok: Token, before: list[Mention], tags: tuple[str, ...] = ("NN", "NNP")
) -> bool:
    """Whether an "its" belongs to its own clause's subject, a singular common
    noun that names no actor ("Humankind must lend its support")."""
    if tok.dep_ != "poss":
        return False
    named = {i for m in before for i in range(m.start, m.end)}
    clause = _clause(tok)
    return any(
        c.dep_ == "nsubj"
        and c.i < tok.i
        and c.i not in named
        and c.tag_ in tags
        and not any(g.i in named for g in c.subtree)
        for c in clause.children
    )


def _person(tok: Token, before: list[Mention]) -> list[Mention]:
    """ "he", "his", "she": the one person named (or already referred to by a
    pronoun) in the sentence or the one before, else the person "his" noun is
    coordinated with ("X and his aides"), else the one person who is a subject
    there (the latest)."""
    doc = tok.doc
    people = [m for m in before if m.entity.type == "Person"]
    pick = (
        _one(people)
        # "Lawmakers praised Trump and his Cabinet": the person the possessor's
        # noun is coordinated with
        or _one([m for m in people if _coordinated_owner(tok, doc[m.start : m.end])])
        or _one([m for m in people if _is_subject(doc[m.start : m.end].root)][-1:])
    )
    return [Mention(tok.i, tok.i + 1, pick.entity, "coref")] if pick else []


def _coordinated_owner(pronoun: Token, name: Span) -> bool:
    """Whether a possessive pronoun's noun is a conjunct of a name: "Trump and his
    Cabinet" (his = Trump's)."""
    return (
        pronoun.dep_ == "poss"
        and pronoun.head.dep_ == "conj"
        and pronoun.head.head.i == name.root.i
    )


def _topic(tok: Token, before: list[Mention]) -> list[Mention]:
    """A sentence's first-word "He"/"She" with no person in reach: the one person
    who was a subject in the last few sentences (a biography's running subject,
    "Smith was born in Leeds. The town ... . He studied law"). With two such
    people it is left alone."""
    if tok.i != tok.sent.start or tok.dep_ not in SUBJECT_DEPS:
        return []
    doc = tok.doc
    subjects = [
        m
        for m in before
        if m.entity.type == "Person" and _is_subject(doc[m.start : m.end].root)
    ]
    pick = _one(subjects)
    return [Mention(tok.i, tok.i + 1, pick.entity, "coref")] if pick else []


#: Sentences back that "he said" looks for its speaker in.
_SAID_WINDOW = 5


def _said(tok: Token, before: list[Mention]) -> list[Mention]:
    """ "he said", "he added": the latest person who was the subject of a
    reporting verb in the last few sentences (journalists' attribution)."""
    if tok.dep_ != "nsubj" or tok.head.lemma_.lower() not in _reporting():
        return []
    doc = tok.doc
    speakers = [
        m
        for m in before
        if m.entity.type == "Person"
        and m.names_entity
        and _speaks(doc[m.start : m.end].root)
    ]
    return [Mention(tok.i, tok.i + 1, speakers[-1].entity, "coref")] if speakers else []


def _speaks(root: Token) -> bool:
    return root.dep_ == "nsubj" and root.head.lemma_.lower() in _reporting()


def _reporting() -> frozenset[str]:
    return load_triggers().word("modality.reporting_verbs")


def _referring(tok: Token) -> bool:
    """Not a headline's "It" ("Why It Matters") nor an "it is ..." of a copula."""
    if tok.text == "It" and not tok.is_sent_start:
        return False
    return not (tok.dep_ == "nsubj" and tok.head.lemma_ == "be")


def _binders(verb: Token) -> list[Token]:
    """The verb whose subject may not be its object's antecedent, and the verbs
    it takes its subject from when it has none ("X attacked Y, accusing it" and
    "X attacked Y and accused it": X accuses, so "it" is not X)."""
    found = [verb]
    while (
        verb.dep_ in ("advcl", "xcomp", "conj")
        and verb.head.i != verb.i
        and not any(c.dep_ in SUBJECT_DEPS for c in verb.children)
    ):
        verb = verb.head
        found.append(verb)
    return found


def _left_of(tok: Token, verb: Token) -> bool:
    """Whether the token is in the verb's subject side (a subject binds its object)."""
    return tok.i < verb.i and verb.is_ancestor(tok)


def _is_subject(tok: Token) -> bool:
    return tok.dep_ in SUBJECT_DEPS or (
        tok.dep_ == "poss" and tok.head.dep_ in SUBJECT_DEPS
    )


def _description(
    tok: Token, before: list[Mention], types: frozenset[str] | None = None
) -> list[Mention]:
    """ "the bloc", "the rebel group", "the regional body", "the militants": the one
    entity of the noun's types named before, in the window. Lower-case adjectives
    and nouns may stand between the article and the noun; a name, a possessive,
    or a phrase that says which one ("the group of experts") may not."""
    det = [c for c in tok.children if c.dep_ == "det"]
    if not det and tok.lower_ in MEMBERS and tok.dep_ in MEMBER_DEPS:
        if any(_says_which(c) for c in tok.children):
            return []  # "Kurdish militants", "PKK fighters": which ones is said
        pick = _one([m for m in before if m.entity.type == "Group"])
        return [Mention(tok.i, tok.i + 1, pick.entity, "coref")] if pick else []
    if len(det) != 1 or det[0].lower_ not in ("the", "this", "that", "these"):
        return []
    between = tok.doc[det[0].i + 1 : tok.i]
    if any(
        not t.is_lower
        or t.dep_ not in ("amod", "compound", "advmod")
        or t.ent_type_ and t.lower_ not in ARMED_ADJECTIVES  # "jihadist": NORP
        for t in between
    ):
        return []
    if any(
        c.dep_ in ("relcl", "acl", "poss") or (c.dep_ == "prep" and not _gerund(c))
        for c in tok.children
    ):
        return []
    types = types or DESCRIPTIONS[tok.lower_]
    cands = [m for m in before if m.entity.type in types]
    if tok.lower_ in NAMED_BY_NOUN:  # "the court" is a court, not any body
        cands = [m for m in cands if tok.lower_ in m.entity.label.lower()]
    pick = _one(cands)
    if pick is None and tok.lower_ == "group":  # a group, before any other body
        pick = _one([m for m in cands if m.entity.type == "Group"])
    return [Mention(det[0].i, tok.i + 1, pick.entity, "coref")] if pick else []


def _armed_description(tok: Token) -> bool:
    """ "the terrorist group", "the jihadist organization", "the enemy": a
    description only an armed group fits: the one named in the last sentences,
    or else before it in the document, or else the one the document names at all
    (none when it names two)."""
    if tok.lower_ == "enemy":
        return True
    return tok.lower_ in ARMED_GROUP_NOUNS and any(
        c.dep_ in ("amod", "compound") and c.lower_ in ARMED_ADJECTIVES
        for c in tok.children
    )


#: Where bare members ("militants") stand: subject, object, a list's member.
MEMBER_DEPS = frozenset({"nsubj", "dobj", "pobj", "conj"})


def _says_which(mod: Token) -> bool:
    """Whether a modifier of members says whose they are: a name, a demonym or a
    possessive ("Kurdish militants", "PKK fighters", "its fighters"); not "foreign
    insurgents", "enemy fighters"."""
    if mod.dep_ == "poss":
        return True
    return mod.dep_ in ("amod", "compound") and (
        not mod.is_lower or bool(mod.ent_type_)
    )


def _members_of(tok: Token, known: list[Mention]) -> list[Mention]:
    """ "militants from ISIL", "fighters of al-Shabaab": the group the phrase names
    (the rest of the words, "20 militants", say no group: :func:`_description`);
    also where the parser hung the phrase on the verb ("cut off militants from
    ISIL")."""
    at = {i: m for m in known for i in range(m.start, m.end)}
    after = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    preps = list(tok.children)
    if after is not None and after.dep_ == "prep" and after.head.i == tok.head.i:
        preps.append(after)
    for prep in preps:
        if prep.dep_ == "prep" and prep.lower_ in ("from", "of"):
            for obj in prep.children:
                m = at.get(obj.i)
                if obj.dep_ == "pobj" and m is not None and m.entity.type == "Group":
                    return [Mention(tok.i, tok.i + 1, m.entity, "coref")]
    return []


def _named_modifier(tok: Token, before: list[Mention]) -> list[Mention]:
    """ "coalition forces", "a coalition airstrike": the one entity named before
    whose name holds the modifier's noun."""
    cands = [
        m
        for m in before
        if m.entity.type in DESCRIPTIONS[tok.lower_]
        and tok.lower_ in m.entity.label.lower()
    ]
    pick = _one(cands)
    return [Mention(tok.i, tok.i + 1, pick.entity, "coref")] if pick else []


#: The coalition a document about fighting a group means when it names none:
#: "the coalition", "coalition airstrikes" beside the Islamic State are the
#: Global Coalition against Daesh (the gazetteer's id of each).
COALITION_AGAINST = {"islamic-state": "global-coalition-against-daesh"}


def _coalition_against(tok: Token, known: list[Mention]) -> list[Mention]:
    """ "the U.S.-led coalition" in a document that names no coalition but the
    group a known coalition fights: that coalition."""
    named = {m.entity.id for m in known if m.names_entity}
    if any(m.entity.type in DESCRIPTIONS["coalition"] and "coalition" in
           m.entity.label.lower() for m in known):
        return []  # a coalition is named: _description and _named_modifier decide
    for enemy, coalition in COALITION_AGAINST.items():
        entry = load_gazetteer().get(coalition)
        if enemy in named and entry is not None:
            return [Mention(tok.i, tok.i + 1, entity_of(entry), "coref")]
    return []


_NAME_HEAD_ENDS = frozenset(h.split()[-1] for h in NAME_HEADS)


def _name_head(tok: Token) -> bool:
    """Whether a noun (with its compound: "task force") is a NAME_HEADS noun."""
    if tok.lower_ not in _NAME_HEAD_ENDS:
        return False  # (most words: no need to look at their children)
    words = [c.lower_ for c in tok.children if c.dep_ == "compound"] + [tok.lower_]
    return " ".join(words) in NAME_HEADS and all(
        c.is_lower for c in tok.children if c.dep_ == "compound"
    )


def _named_head(tok: Token, before: list[Mention]) -> list[Mention]:
    """ "the command", "the task force": the one body named before whose name
    ends in the noun ("U.S. Central Command", "Combined Task Force 50" - a
    number may follow the head)."""
    det = next(c for c in tok.children if c.dep_ == "det")
    if any(c.dep_ in ("amod", "poss", "relcl", "acl") for c in tok.children):
        return []  # "the Iraqi army", "the army of Peru": which one is said
    if any(c.dep_ == "prep" and not _gerund(c) for c in tok.children):
        return []
    words = tok.doc[det.i + 1 : tok.i + 1].text.lower()

    def ends(label: str) -> bool:
        label = label.lower()
        while label.split() and label.split()[-1].isdigit():
            label = label.rsplit(" ", 1)[0]
        return label == words or label.endswith(" " + words)

    cands = [
        m
        for m in before
        if m.entity.type in ("Organization", "GovernmentBody", "Group")
        and m.names_entity
        and ends(m.entity.label)
    ]
    pick = _one(cands)
    return [Mention(det.i, tok.i + 1, pick.entity, "coref")] if pick else []


def _definite(tok: Token) -> bool:
    """ "the coalition", "the U.S.-led coalition", "the global coalition"."""
    return any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children)


def _office_holder(tok: Token, before: list[Mention]) -> list[Mention]:
    """ "the secretary", "the prime minister": the one person named before whose
    title or apposition holds the noun and the description's modifiers."""
    det = [c for c in tok.children if c.dep_ == "det"]
    if len(det) != 1 or det[0].lower_ != "the" or any(
        c.dep_ in ("relcl", "acl", "poss", "appos")
        or (c.dep_ == "prep" and c.lower_ in ("of", "for", "from"))
        for c in tok.children
    ):
        return []  # "the president of Kenya", "a minister": which one is said
    doc = tok.doc
    between = doc[det[0].i + 1 : tok.i]
    if any(not t.is_lower or t.dep_ not in ("amod", "compound") for t in between):
        return []
    wanted = {tok.lower_, *(t.lower_ for t in between)}
    holders = [
        m
        for m in before
        if m.entity.type == "Person"
        and m.names_entity
        and wanted <= _title_words(m, doc)
    ]
    pick = _one(holders)
    return [Mention(det[0].i, tok.i + 1, pick.entity, "coref")] if pick else []


#: Words no title holds: "The secretary and X" gives X no title.
_NOT_TITLE = frozenset({"CCONJ", "PUNCT", "VERB", "AUX", "ADP", "SCONJ"})


def _title_words(m: Mention, doc: Doc) -> set[str]:
    """The lower-case words of a named person's title: the words just before the
    name in its sentence, and its apposition ("X, the prime minister")."""
    root = doc[m.start : m.end].root
    first = m.start  # the words right before it, not across "and", a verb, a comma
    while (
        first > max(root.sent.start, m.start - _TITLE_REACH)
        and doc[first - 1].pos_ not in _NOT_TITLE
    ):
        first -= 1
    words = {t.lower_ for t in doc[first : m.start]}
    for c in root.children:
        if c.dep_ == "appos":
            words |= {t.lower_ for t in c.subtree}
    if root.dep_ == "appos":  # "the Supreme Leader of Iran, Ali Khamenei"
        words |= {t.lower_ for t in root.head.subtree if t.i < root.i}
    return words


def _gerund(prep: Token) -> bool:
    """ "of failing ..." after "accused the bloc": a charge, not which bloc; "in
    the last 24 hours" the parser hung on "the coalition": a time, not which one."""
    return any(
        c.dep_ in ("pcomp", "pobj") and (c.tag_ == "VBG" or c.ent_type_ in _TIMES)
        for c in prep.children
    )


_TIMES = frozenset({"DATE", "TIME"})


def _group(tok: Token, before: list[Mention]) -> list[Mention]:
    """ "these two countries": the latest coordination of exactly two countries."""
    doc = tok.doc
    at = {i: m for m in before for i in range(m.start, m.end)}
    start = tok.i - 1
    while start > 0 and doc[start].dep_ in ("amod", "compound") and start not in at:
        start -= 1  # "the three military-led nations", "the two Andean nations"
        while start > 0 and (doc[start].text == "-" or doc[start].dep_ == "npadvmod"):
            start -= 1
    count = NUMBERS.get(doc[start].lower_) if start >= 0 else None
    if count is not None:
        start -= 1
    elif start >= 0 and doc[start].lower_ == "both":
        count = 2
    if count is None or start < 0 or doc[start].lower_ not in DETERMINERS:
        return []
    for m in reversed(before):
        root = doc[m.start : m.end].root
        if root.dep_ == "conj" or not any(c.dep_ == "conj" for c in root.children):
            continue
        members = _conjoined(root, at)
        if len(members) == count and all(
            x.entity.type == GROUPS[tok.lower_] for x in members
        ):
            return [Mention(start, tok.i + 1, x.entity, "coref") for x in members]
    return []


def _conjoined(root: Token, at: dict[int, Mention]) -> list[Mention]:
    members: list[Mention] = []
    stack = [root]
    while stack:
        t = stack.pop()
        m = at.get(t.i)
        if m is None:
            return []
        if m not in members:
            members.append(m)
        stack += [c for c in t.children if c.dep_ == "conj"]
    return members


#: "I", "my" in a quotation: its speaker.
I_PRONOUNS = frozenset({"i", "me", "my", "mine", "myself"})
FIRST_PERSON = WE_PRONOUNS | I_PRONOUNS
SPEAKING_TYPES = frozenset({"Country", "Organization", "GovernmentBody", "Group"})


def first_person(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """ "We", "our" in a quotation: the body its speaker speaks for, where clear;
    "I", "my": the speaker. "We" outside quotations in a text that seldom says
    it: the body that was the subject just before (:func:`_issuer_we`)."""
    pronouns = words_in_text(doc, FIRST_PERSON)  # not every token
    outside = we_outside_quotations(doc)
    if pronouns:
        quotes = quotation_spans(doc_text(doc))
        pronouns = [t for t in pronouns if any(a <= t.idx < b for _, a, b in quotes)]
    at = {i: m for m in mentions for i in range(m.start, m.end)}
    found = _issuer_we(doc, outside, at) if is_report(doc) else []
    if not pronouns:
        return found  # speeches say "we" everywhere, rarely inside a quotation
    context = Context(doc, load_triggers().words, lambda tok: at.get(tok.i))
    offices: dict[str, set[str]] = {}
    bodies: dict[str, Mention] = {}
    for f in find_offices(doc, mentions):
        offices.setdefault(f.subject.entity.id, set()).add(f.object.entity.id)
        bodies[f.object.entity.id] = f.object
    for tok in pronouns:
        quote = context.quote_at(tok.idx)
        speaker = quote.speaker if quote is not None else None
        if tok.lower_ in I_PRONOUNS:
            if speaker is not None and tok.i not in at:
                found.append(Mention(tok.i, tok.i + 1, speaker.entity, "coref"))
            continue
        body = _speaks_for(speaker, offices, bodies)
        if body is not None and tok.i not in at:
            found.append(Mention(tok.i, tok.i + 1, body.entity, "coref"))
    return found


def _issuer_we(
    doc: Doc, pronouns: list[Token], at: dict[int, Mention]
) -> list[Mention]:
    """ "We" outside quotations in a text that names itself rarely (a press
    release: "The Coalition struck ten targets. We will continue …"): the body,
    state or group that is the subject of its sentence before it, or of the
    sentence before; none when that subject is no such actor."""
    found = []
    for tok in pronouns:
        if tok.i in at:
            continue
        sents = [tok.sent]
        if tok.sent.start > 0:
            sents.append(doc[tok.sent.start - 1].sent)
        for sent in sents:
            subjects = [
                m
                for t in sent
                if t.dep_ in ("nsubj", "nsubjpass") and t.i < tok.i
                and (m := at.get(t.i)) is not None
            ] or _opening(sent, at, tok.i)
            if subjects:
                m = subjects[-1]
                if m.entity.type in SPEAKING_TYPES and m.names_entity:
                    found.append(Mention(tok.i, tok.i + 1, m.entity, "coref"))
                break
    return found


def _opening(sent: Span, at: dict[int, Mention], before: int) -> list[Mention]:
    """The mention a sentence opens with ("The Coalition complies …", when the
    parser found no subject)."""
    i = sent.start + 1 if sent[0].pos_ == "DET" else sent.start
    m = at.get(i) if i < before else None
    return [m] if m is not None else []


def _speaks_for(
    speaker: Mention | None, offices: dict[str, set[str]], bodies: dict[str, Mention]
) -> Mention | None:
    if speaker is None:
        return None
    if speaker.entity.type in SPEAKING_TYPES:
        return speaker
    served = offices.get(speaker.entity.id, set())
    return bodies[next(iter(served))] if len(served) == 1 else None
