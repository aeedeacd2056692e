"""People and their offices: titles and appositions become ``official-of`` relations.

Handled shapes (the owner is a country, body or organisation mention):

- title before the name: "Iran's Foreign Minister Abbas Araghchi", "Chinese
  President Xi Jinping", "Foreign Ministry spokesman Esmail Baqaei" (the body);
- apposition: "the Supreme Leader of Iran, Ayatollah Ali Khamenei" and
  "Abbas Araghchi, Iran's foreign minister,";
- a list under a group: "top Iranian officials, including Defense Minister
  Aziz Nasirzadeh" and "Russia's leadership and President Vladimir Putin";
- a bare title ("President Donald Trump") when the gazetteer holds that person
  in that office: the owner is the person's country in the table.

Former office holders ("former President X") keep their relation; the role says
"former". A state's office with no owner in its words ("Treasury Secretary X",
"Minister of Justice Y") belongs to the one country named earlier in its
sentence; a person the gazetteer knows keeps the gazetteer's country.
"""

from __future__ import annotations

from dataclasses import replace

from geokg.ingest.actors import HONORIFICS, Mention, entity_of
from geokg.ingest.gazetteer import Gazetteer, load_gazetteer
from geokg.ingest.office_context import (
    JUDGES,
    acting,
    context_state,
    country_mention,
    led_bodies,
    one_court,
)
from geokg.ingest.titles import (
    _MAX_TITLE,
    GROUP_NOUNS,
    LIST_WORDS,
    LOCAL_OFFICES,
    NOT_CURRENT,
    OFFICE_NOUNS,
    OWNER_PREPOSITIONS,
    OWNER_TYPES,
    PARTY_TITLES,
    STATE_OFFICES,
    TITLE_COMPLEMENTS,
    TITLE_WORDS,
    US_LEGISLATORS,
    US_PARTIES,
)
from geokg.ingest.triggers import Found, load_triggers
from geokg.ingest.written import names_the_us
from spacy.tokens import Doc, Token


def find_offices(doc: Doc, mentions: list[Mention]) -> list[Found]:
    """Every ``official-of`` relation that titles and appositions state."""
    return OfficeFinder(load_gazetteer())(doc, mentions)


class OfficeFinder:
    """Finds the offices of the people a document mentions."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gaz = gazetteer
        self.table = load_triggers()

    def __call__(self, doc: Doc, mentions: list[Mention]) -> list[Found]:
        """One relation per person mention whose office and owner the text gives."""
        at = {i: m for m in mentions for i in range(m.start, m.end)}
        found = []
        for m in mentions:
            party = _party_before(doc, m, at) if m.entity.type == "Person" else None
            if party is not None:  # "Republican Senator X": X is of the party
                trust = self.table.confidence("party", "")
                found.append(Found("member-of", m, party, party.start, "party",
                                   confidence=trust))
                if names_the_us(mentions):
                    found += self._us_legislator(doc, m, party)
            if m.entity.type == "Person" and m.names_entity:
                found += led_bodies(doc, m, at)
                office = self.office(doc, m, at)
                if office is None:
                    continue
                for f in [office, *_appositive_offices(doc, m, at)]:
                    if f is office or f.object.entity.id != office.object.entity.id:
                        trust = self.table.confidence(f.rule, "")
                        found.append(replace(f, confidence=trust))
        return _stated_over_known(found)

    def _us_legislator(self, doc: Doc, person: Mention, party: Mention) -> list[Found]:
        """ "Republican Representative X", "Democratic Sen. Y": a member of the
        U.S. Congress (the two parties' words before a congressional title)."""
        congress = self.gaz.get("us-congress")
        titles = [
            t for t in doc[party.end : person.start] if t.lower_ in US_LEGISLATORS
        ]
        if congress is None or party.entity.label not in US_PARTIES or not titles:
            return []
        title = titles[-1]
        owner = Mention(title.i, title.i + 1, entity_of(congress), "implied")
        trust = self.table.confidence("title", "")
        role = title.text.rstrip(".")
        role = {"Rep": "Representative", "Sen": "Senator"}.get(role, role)
        return [Found("official-of", person, owner, title.i, "title", role=role,
                      confidence=trust)]

    def office(self, doc: Doc, person: Mention, at: dict[int, Mention]) -> Found | None:
        """The office a person mention's title or apposition gives, if any: the
        first of the shapes below that names an owner."""
        end = _skip_honorifics_left(doc, person.start)
        titles = [(_title_ending(doc, end, at), "title")]
        if end > 0 and doc[end - 1].text == ",":
            titles.append((_title_before_comma(doc, end - 1, at), "apposition"))
        for title, rule in titles:
            if title is not None:
                found = self._titled(doc, person, title, rule, at)
                if found is not None:
                    return found
        appositive = _appositive_offices(doc, person, at)
        if appositive:
            return appositive[0]
        if person.end < len(doc) and doc[person.end].text == ",":
            title = _title_after(doc, person.end + 1, at)
            if title is not None:
                found = self._titled(doc, person, title, "apposition", at)
                if found is not None:
                    return found
        return _affiliation(doc, person, at)

    def _titled(
        self,
        doc: Doc,
        person: Mention,
        title: tuple[int, int],
        rule: str,
        at: dict[int, Mention],
    ) -> Found | None:
        """The office of a title the tokens before or after the name make."""
        start, stop = title
        words = [t for t in doc[start:stop]]
        owner = (
            _owner_inside(doc, start, stop, at)
            or _owner_before(doc, start, at)
            or _owner_of(doc, stop, at)
            or (_owner_of(doc, person.end, at, ("of",)) if rule == "title" else None)
            or (_listed_owner(doc, person.end, stop, at) if stop > person.end else None)
            or _group_owner(doc[person.end - 1], at)
            or self._principal(doc, start, title, at)
        )
        role_words = [t for t in words if not _in_owner(t, at)]
        if owner is not None and any(t.lower_ in ENVOYS for t in words):
            state = _envoy_state(doc, owner, at)
            if state is not None:  # "Deputy U.N. Ambassador" of the state
                owner, role_words = state, list(doc[state.end : stop])
        role = "".join(t.text_with_ws for t in role_words).strip() or None
        former = _former_before(doc, start, at)
        if role is not None and former is not None:
            role = f"{former} {role}"
        if owner is None:
            state_office = _state_office(words)
            owner = self._known_owner(doc, person, role, title, at, state_office)
            rule = "known-office" if owner is not None else rule
        known = self.gaz.get(person.entity.id)
        if (
            owner is None
            and rule == "title"  # "X, a former defense minister" names no state
            and (known is None or known.type != "Person")
            and _state_office(words)
            and acting(doc[person.start : person.end].root)
        ):
            owner, rule = context_state(doc, title, at), "context-state"
        if owner is None and any(t.lower_ in JUDGES for t in words):
            owner, rule = one_court(at), "context-state"  # "Judge X": the court
        if owner is None or role is None:
            return None
        if owner.how == "capital" and any(t.lower_ in LOCAL_OFFICES for t in words):
            return None  # "Lima Mayor X" serves the city, not Peru
        if owner.how == "party" and all(
            t.lower_ in PARTY_TITLES - {"leader"} for t in words if t.i >= owner.end
        ):
            return None  # "Republican Senator X" is of the party, not its officer
        owner = self._state_of_government(owner)
        head = max(t.i for t in words if t.lower_ in OFFICE_NOUNS)
        return Found("official-of", person, owner, head, rule, role=role)

    def _principal(
        self, doc: Doc, start: int, title: tuple[int, int], at: dict[int, Mention]
    ) -> Mention | None:
        """The body or state of the known person whose aide a title names:
        "Guterres' spokesman X" serves the UN, "Putin's adviser Y" Russia."""
        i = start - 1
        if i < 1 or not (_possessive(doc[i]) or doc[i].text in ("'", "’")):
            return None
        boss = at.get(i - 1)
        entry = self.gaz.get(boss.entity.id) if boss is not None else None
        if entry is None or entry.type != "Person":
            return None
        body = self.gaz.get(entry.parent or entry.country or "")
        return country_mention(body, at, start, title) if body else None

    def _state_of_government(self, owner: Mention) -> Mention:
        """An official of "Iranian officials" serves Iran: a government sector
        actor gives way to its state (armed forces, police … stay)."""
        attributes = dict(owner.entity.attributes)
        state = self.gaz.get(attributes.get("parent", ""))
        if attributes.get("sector") != "government" or state is None:
            return owner
        return Mention(owner.start, owner.end, entity_of(state), owner.how)

    def _known_owner(
        self,
        doc: Doc,
        person: Mention,
        role: str | None,
        title: tuple[int, int],
        at: dict[int, Mention],
        state_office: bool,
    ) -> Mention | None:
        """The country the gazetteer gives a person: for the office the title
        names when the table holds that role, or for any state's office."""
        entry = self.gaz.get(person.entity.id)
        if role is None:
            return None
        if entry is None:  # a person of the derived people table: any state office
            country = self.gaz.person_state(person.entity.label)
            if country is None or not state_office:
                return None
            name = person.span(doc).root
            if name.dep_ not in ("nsubj", "nsubjpass") and not acting(name):
                # "our appreciation to the outgoing President, Mr. X": whom a
                # courtesy addresses is often an Assembly's president, not a
                # state's (the people table knows only his state)
                return None
            # A common name ("John Smith") is many people: in a text that names
            # states, but not the table's one for him, it is someone else.
            named = {m.entity.id for m in at.values() if m.entity.type == "Country"}
            if (
                named
                and country.id not in named
                and self.gaz.common_surname(person.entity.label)
            ):
                return None
            return country_mention(country, at, person.start, title)
        country = self.gaz.get(entry.country) if entry.country else None
        if country is None:
            return None
        if role.casefold() in {r.casefold() for r in entry.roles} or (
            state_office and country.type == "Country"
        ):
            return country_mention(country, at, person.start, title)
        return None


def _stated_over_known(found: list[Found]) -> list[Found]:
    """A document that gives a person an office with its owner ("X, President
    of the General Assembly") overrules the table's state for the same title
    elsewhere in it ("President X"): the table knows one office of a person,
    the text says which one it means."""
    stated: dict[str, list[Found]] = {}
    for f in found:
        if f.relation == "official-of" and f.rule != "known-office":
            stated.setdefault(f.subject.entity.id, []).append(f)

    def overruled(f: Found) -> bool:
        words = set((f.role or "").casefold().split()) & OFFICE_NOUNS
        return any(
            s.object.entity.id != f.object.entity.id
            and words & set((s.role or "").casefold().split())
            for s in stated.get(f.subject.entity.id, ())
        )

    return [f for f in found if f.rule != "known-office" or not overruled(f)]


#: Prepositions that tie an office noun to its body, the strongest first:
#: "a fellow at X", "a partner with X", "a professor from X", "adviser to X".
APPOSITION_PREPOSITIONS = ("at", "with", "from", "of", "to", "for")
#: Owners an office noun's prepositional phrase may name (a country needs "of").
BODY_TYPES = frozenset({"Organization", "GovernmentBody", "Group"})
_APPOSITION_DEPTH = 4


#: Offices held for a state at a body: "British U.N. Ambassador X" serves Britain.
ENVOYS = frozenset({"ambassador", "envoy", "representative", "delegate"})


def _envoy_state(doc: Doc, body: Mention, at: dict[int, Mention]) -> Mention | None:
    """The state named just before the body of an envoy's title ("British Deputy
    U.N. Ambassador"): an envoy to a body serves a state."""
    if body.entity.type not in ("Organization", "GovernmentBody"):
        return None
    i = body.start - 1
    while i >= 0 and i not in at and doc[i].lower_ in TITLE_WORDS:
        i -= 1
    m = at.get(i) if i >= 0 else None
    return m if m is not None and m.entity.type == "Country" else None


def _appositive_offices(
    doc: Doc, person: Mention, at: dict[int, Mention]
) -> list[Found]:
    """An apposition whose head is an office noun, read on the parse: "X, an
    emeritus professor from the University of Y", "X, a lecturer in policy at
    Z University", "X, senior adviser to the Museum", "X, a Turkish adviser".
    Nouns joined to the apposition's head count too: "X, former chief of A and
    now a fellow at B" (A and B)."""
    name = doc[person.start : person.end].root
    nouns = [c for c in name.children if c.dep_ == "appos"]
    if name.dep_ == "appos":
        nouns.append(name.head)
    # "X is the executive director of Y", "X is now an analyst at Y"
    if name.dep_ == "nsubj" and name.head.lemma_ == "be":
        nouns += [c for c in name.head.children if c.dep_ == "attr"]
    # "X, as president of Y"
    nouns += [
        p
        for c in name.children
        if c.dep_ == "prep" and c.lower_ == "as"
        for p in c.children
        if p.dep_ == "pobj"
    ]
    nouns += [c for n in nouns for c in n.conjuncts if c.i > n.i and c.pos_ == "NOUN"]
    found = []
    for noun in nouns:
        if noun.lemma_.lower() not in OFFICE_NOUNS or noun.i in at:
            continue
        owner = _prep_owner(noun, at) or _modifier_owner(noun, at)
        if owner is None:
            continue
        words = [
            t
            for t in noun.lefts
            if t.dep_ in ("amod", "compound", "nmod") and t.i not in at
        ]
        role = " ".join(t.text for t in [*words, noun])
        found.append(
            Found("official-of", person, owner, noun.i, "apposition", role=role)
        )
    return found


def _prep_owner(noun: Token, at: dict[int, Mention]) -> Mention | None:
    """The body a prepositional phrase under an office noun names, searched a few
    steps down ("a lecturer in policy at X"), the strongest preposition first."""
    found: dict[str, Mention] = {}
    stack = [(noun, 0)]
    while stack:
        tok, depth = stack.pop()
        for c in tok.children:
            if c.dep_ in ("relcl", "appos", "conj") or depth >= _APPOSITION_DEPTH:
                continue
            if c.dep_ == "prep" and c.lower_ in APPOSITION_PREPOSITIONS:
                for p in c.children:
                    if p.dep_ != "pobj":
                        continue
                    # "at the Montaigne Institute research group": the name
                    # "at the Lima-based group Andean Agenda": its apposition
                    named = [
                        p,
                        *(g for g in p.children if g.dep_ in ("compound", "appos")),
                    ]
                    m = next((at[t.i] for t in named if t.i in at), None)
                    if (
                        m is not None
                        and m.entity.type == "Country"
                        and not m.start <= p.i < m.end
                    ):
                        m = None  # "director of the Japan program": no state's
                    if m is not None and _owns(m, c.lower_):
                        found.setdefault(c.lower_, m)
            stack.append((c, depth + 1))
    return next((found[p] for p in APPOSITION_PREPOSITIONS if p in found), None)


def _owns(m: Mention, prep: str) -> bool:
    return m.entity.type in BODY_TYPES or (prep == "of" and m.entity.type == "Country")


#: Prepositions that tie a name to the body right after it: "X of the Jamestown
#: Foundation", "X from the Research Council".
AFFILIATION_PREPOSITIONS = frozenset({"of", "from"})


def _affiliation(doc: Doc, person: Mention, at: dict[int, Mention]) -> Found | None:
    """A body right before or after a name: "the Refugee Project's X",
    "X of the Jamestown Foundation", "X from Lima's Andean University". The office
    is not said: no role."""
    i = person.start - 1
    if i >= 1 and _possessive(doc[i]):
        owner = at.get(i - 1)
        if owner is not None and owner.entity.type in BODY_TYPES:
            return Found("official-of", person, owner, person.start, "affiliation")
    j = person.end
    if j + 1 < len(doc) and doc[j].lower_ in AFFILIATION_PREPOSITIONS:
        k = j + 2 if doc[j + 1].lower_ == "the" else j + 1
        owner = _past_place(doc, at.get(k), at) if k < len(doc) else None
        if owner is not None and owner.entity.type in BODY_TYPES:
            return Found("official-of", person, owner, j, "affiliation")
    return None


def _state_office(words: list[Token]) -> bool:
    """Whether a title names a state's office: not "Secretary-General" (the UN's
    and other bodies'), nor a "Director General"."""
    lower = [t.lower_ for t in words]
    if "general" in lower[1:] or "secretary-general" in lower:
        return False
    return any(w in STATE_OFFICES for w in lower)


def _party_before(doc: Doc, person: Mention, at: dict[int, Mention]) -> Mention | None:
    """The party named before a person's title: "Republican Senator X",
    "Democratic U.S. Congressman Y" (the mention ingest.actors made of it)."""
    i = _skip_honorifics_left(doc, person.start) - 1
    while i >= 0 and person.start - i <= _MAX_TITLE:
        m = at.get(i)
        if m is not None and m.how == "party":
            return m
        if m is not None and m.entity.type == "Country":
            i = m.start - 1
        elif doc[i].lower_ in PARTY_TITLES | OFFICE_NOUNS | TITLE_WORDS:
            i -= 1
        else:
            return None
    return None


def _former_before(doc: Doc, start: int, at: dict[int, Mention]) -> str | None:
    """ "former" before the owner that precedes a title: "former Chilean President"."""
    i = start - 1
    if i >= 0 and _possessive(doc[i]):
        i -= 1
    if i >= 0 and i in at:
        i = at[i].start - 1
    while i >= 0 and doc[i].text == "-":
        i -= 1
    return doc[i].text if i >= 0 and doc[i].lower_ in NOT_CURRENT else None


def _possessive(tok: Token) -> bool:
    return tok.tag_ == "POS" or tok.lower_ in ("'s", "’s")


def _skip_honorifics_left(doc: Doc, i: int) -> int:
    """The start of a name with its honorifics ("Dr.") and stray spaces before it."""
    while i > 0 and (
        doc[i - 1].lower_.rstrip(".") in HONORIFICS or doc[i - 1].is_space
    ):
        i -= 1
    return i


def _title_token(tok: Token, at: dict[int, Mention]) -> bool:
    """Whether a token can be part of a title (owners stop it, bodies join it)."""
    m = at.get(tok.i)
    if m is not None and m.entity.type != "GovernmentBody":
        return False
    if tok.lower_ in TITLE_WORDS or tok.lower_ in OFFICE_NOUNS or tok.text == "-":
        return True  # "Secretary-General" is three tokens
    if tok.tag_ == "NNS" and tok.dep_ not in ("compound", "amod"):
        return False  # "Peru thanks Secretary-General X" ("public affairs chief" is)
    return (tok.is_alpha or tok.text == "-") and tok.pos_ in ("ADJ", "NOUN", "PROPN")


def _title_ending(doc: Doc, end: int, at: dict[int, Mention]) -> tuple[int, int] | None:
    """The title whose office noun is the token before ``end``: "Foreign Minister",
    or before "of" and a capitalised portfolio: "Secretary of State"."""
    noun = end - 1
    complement = at.get(noun)
    if (  # "Resident Coordinator for Peru", "Special Envoy to Syria"
        complement is not None
        and complement.entity.type in ("Country", "Location")
        and complement.start >= 2
        and doc[complement.start - 1].lower_ in TITLE_COMPLEMENTS
        and doc[complement.start - 2].lower_ in OFFICE_NOUNS
    ):
        noun = complement.start - 2
        end = noun + 1
    elif (
        noun >= 2
        and doc[noun - 1].lower_ == "of"
        and doc[noun - 2].lower_ in OFFICE_NOUNS
        and (doc[noun].is_title or doc[noun - 2].is_lower)  # "chief of staff"
        and doc[noun].pos_ in ("NOUN", "PROPN")
        and noun not in at
    ):
        noun -= 2
    if noun < 0 or doc[noun].lower_ not in OFFICE_NOUNS or noun in at:
        return None
    start = noun
    while start > 0 and end - start < _MAX_TITLE and _title_token(doc[start - 1], at):
        start -= 1
    return start, end


def _title_before_comma(doc: Doc, comma: int, at: dict[int, Mention]) -> tuple | None:
    """ "Iran's Supreme Leader, X" or "the Supreme Leader of Iran, X"."""
    owner = at.get(comma - 1)
    if owner is not None and owner.entity.type in OWNER_TYPES:
        of = owner.start - 1
        if of > 0 and doc[of].lower_ == "the":
            of -= 1
        return _title_ending(doc, of, at) if doc[of].lower_ == "of" else None
    return _title_ending(doc, comma, at)


def _title_after(doc: Doc, i: int, at: dict[int, Mention]) -> tuple[int, int] | None:
    """The title of an apposition after a name: ", Iran's foreign minister,"."""
    while i < len(doc) and doc[i].lower_ in ("the", "a", "an"):
        i += 1
    if i < len(doc) and (m := at.get(i)) and m.entity.type in OWNER_TYPES:
        i = m.end
        if i < len(doc) and doc[i].tag_ == "POS":
            i += 1
    start, stop = i, None
    while i < len(doc) and i - start < _MAX_TITLE and _title_token(doc[i], at):
        if doc[i].lower_ in OFFICE_NOUNS:
            stop = i + 1
        i += 1
    return (start, stop) if stop else None


def _in_owner(tok: Token, at: dict[int, Mention]) -> bool:
    m = at.get(tok.i)
    return (
        m is not None
        and m.entity.type in OWNER_TYPES
        and m.entity.type != "GovernmentBody"
    )


def _owner_inside(
    doc: Doc, start: int, stop: int, at: dict[int, Mention]
) -> Mention | None:
    """A body named in the title: "Foreign Ministry spokesman" -> the ministry."""
    return next(
        (
            at[i]
            for i in range(start, stop)
            if i in at and at[i].entity.type == "GovernmentBody"
        ),
        None,
    )


def _owner_before(doc: Doc, start: int, at: dict[int, Mention]) -> Mention | None:
    """ "Iran's" or "Chinese" right before the title; a place too ("Lamu County
    Commissioner X", "Punjab Chief Minister Y")."""
    i = start - 1
    if i >= 0 and _possessive(doc[i]):
        i -= 1
    m = at.get(i) if i >= 0 else None
    return m if m is not None and m.entity.type in OWNER_TYPES | {"Location"} else None


def _owner_of(
    doc: Doc,
    stop: int,
    at: dict[int, Mention],
    preps: tuple[str, ...] | frozenset[str] = OWNER_PREPOSITIONS,
) -> Mention | None:
    """ "Supreme Leader of Iran": the owner after "of" (an article may come between);
    after a name only "of" ("President X at the summit" is where, not whose)."""
    i = stop
    if i < len(doc) and doc[i].lower_ in preps:
        i += 1
        if i < len(doc) and doc[i].lower_ == "the":
            i += 1
        m = _past_place(doc, at.get(i), at)
        if m is not None and m.entity.type == "Country" and _modifies(doc, m):
            return None  # "director of the Peru program": no state's office
        if m is not None and m.entity.type in OWNER_TYPES:
            return m
    return None


def _modifies(doc: Doc, m: Mention) -> bool:
    """Whether a mention only modifies the noun after it ("the Peru program")."""
    root = doc[m.start : m.end].root
    modifier = root.dep_ in ("compound", "amod", "nmod", "npadvmod")
    return modifier and root.head.i >= m.end  # "the Lima-based X": no owner


def _past_place(doc: Doc, m: Mention | None, at: dict[int, Mention]) -> Mention | None:
    """The body a place's possessive leads to ("Lima's Andean University"), else
    the mention itself."""
    if m is None or m.entity.type not in ("Location", "Country"):
        return m
    if m.end + 1 >= len(doc):
        return m
    body = at.get(m.end + 1) if _possessive(doc[m.end]) else None
    return body if body is not None and body.entity.type in BODY_TYPES else m


def _listed_owner(
    doc: Doc, name_end: int, stop: int, at: dict[int, Mention]
) -> Mention | None:
    """The body after a comma that ends an apposition's bare title, as military
    and agency releases write it: "X, commander, Combined Joint Task Force";
    not "X, the director, Y and Z" (a list)."""
    if stop + 1 >= len(doc) or doc[stop].text != "," or doc[name_end + 1].is_stop:
        return None
    m = at.get(stop + 1)
    if m is None or m.entity.type not in BODY_TYPES:
        return None
    after = doc[m.end] if m.end < len(doc) else None
    return None if after is not None and after.lower_ in ("and", "or") else m


def _group_owner(tok: Token, at: dict[int, Mention]) -> Mention | None:
    """The state of the group a person is listed in ("Iranian officials, including")."""
    while tok.dep_ in ("conj", "appos") and tok.head.i != tok.i:
        tok = tok.head
        if tok.i not in at and tok.lemma_.lower() in GROUP_NOUNS:
            return _modifier_owner(tok, at)
    if tok.dep_ == "pobj" and tok.head.lower_ in LIST_WORDS:
        group = tok.head.head
        if group.lemma_.lower() == "such":
            group = group.head
        if group.lemma_.lower() in GROUP_NOUNS:
            return _modifier_owner(group, at)
    return None


def _modifier_owner(noun: Token, at: dict[int, Mention]) -> Mention | None:
    for child in noun.children:
        m = at.get(child.i)
        if (
            child.dep_ in ("amod", "poss", "compound", "nmod")
            and m is not None
            and m.entity.type in OWNER_TYPES
        ):
            return m
    return None
