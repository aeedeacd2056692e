"""Find the actors a document names and map every mention to one canonical entity.

The gazetteer's entity ruler runs before spaCy's statistical NER; this module
then reads ``doc.ents`` and turns each into a :class:`Mention` of a canonical
:class:`graph.model.Entity`. The canonicalisation cases, in the order tried:

- gazetteer names (the ruler's ids), descriptions ("the UN nuclear watchdog");
- acronyms the text defines, "Joint Comprehensive Plan of Action (JCPOA)",
  also for names in no table (typed by their head noun);
- short forms of names in the document ("Araghchi", "Trump", "the Agency");
- demonyms ("Chinese" -> China), capitals acting as their state ("Tehran
  said") while "in Tehran" stays the city;
- government bodies named without their country ("Foreign Ministry"), owned
  by the country the document is about so far;
- names in no table: people always; organisations, places and agreements only
  when capitalised and their head noun says what they are ("... Agency").
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from geokg.graph.model import Entity
from geokg.ingest.arrays import tokens_among
from geokg.ingest.gazetteer import Gazetteer, GazetteerEntry, normalise, place_names
from geokg.ingest.sectors import SectorFinder, load_agents, sector_entity
from geokg.ingest.titles import OFFICE_NOUNS
from spacy.tokens import Doc, Span, Token

#: spaCy labels that never name an actor.
SKIPPED_LABELS = frozenset(
    {
        "DATE",
        "TIME",
        "PERCENT",
        "MONEY",
        "QUANTITY",
        "ORDINAL",
        "CARDINAL",
        "EVENT",
        "WORK_OF_ART",
        "LANGUAGE",
        "PRODUCT",
    }
)
#: Prepositions after which a capital is a place, not the state acting.
PLACE_PREPOSITIONS = frozenset(
    {
        "in",
        "at",
        "near",
        "inside",
        "outside",
        "within",
        "around",
        "across",
        "throughout",
    }
)
#: "to"/"from" make a place only after a word of movement ("flew to Moscow").
MOTION_PREPOSITIONS = frozenset({"to", "from", "into", "toward", "towards"})
MOTION_WORDS = frozenset(
    {
        "travel",
        "fly",
        "go",
        "come",
        "arrive",
        "return",
        "head",
        "move",
        "trip",
        "visit",
        "journey",
        "flight",
        "deploy",
        "send",
        "flee",
        "evacuate",
        "land",
        "drive",
        "sail",
    }
)
#: Honorifics: never part of a name ("Ayatollah Ali Khamenei", "Mr Lavrov").
HONORIFICS = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "dr",
        "ayatollah",
        "sheikh",
        "sir",
        "dame",
        "hojatoleslam",
        "rabbi",
        "cardinal",
    }
)
#: Words before a name that are not part of it: honorifics and offices.
#: Words of address to a dignitary ("His Excellency", "Her Royal Highness"):
#: before a name they are no part of it, and alone they name no one.
ADDRESS_WORDS = frozenset(
    {"excellency", "highness", "majesty", "holiness", "eminence", "royal", "grace"}
)
PERSON_TITLES = HONORIFICS | ADDRESS_WORDS | frozenset(
    {
        "president",
        "minister",
        "king",
        "queen",
        "prince",
        "general",
        "gen",
        "sen",
        "senator",
        "rep",
        "secretary",
        "supreme",
        "leader",
        "lawmaker",
    }
)
#: Mentions that point at an entity without naming it (no alias is taken from them).
NAMELESS = frozenset({"coref", "implied"})
#: Words that make a name a news outlet wherever they stand in it.
MEDIA_WORDS = frozenset({"news", "television", "tv", "radio", "broadcasting", "press"})
#: Head nouns that type a name in no table.
HEAD_TYPES = {
    **dict.fromkeys(
        (
            "organization",
            "organisation",
            "university",
            "college",
            "institution",
            "foundation",
            "society",
            "center",
            "centre",
            "initiative",
            "agency",
            "council",
            "union",
            "alliance",
            "bank",
            "fund",
            "court",
            "commission",
            "committee",
            "association",
            "community",
            "forum",
            "institute",
            "programme",
            "tribunal",
            "bloc",
            "coalition",
        ),
        "Organization",
    ),
    **dict.fromkeys(
        (
            "ministry",
            "department",
            "parliament",
            "army",
            "navy",
            "forces",
            "corps",
            "guard",
            "guards",
            "police",
            "assembly",
            "senate",
            "congress",
            "cabinet",
            "directorate",
            "command",
            "office",
            "service",
        ),
        "GovernmentBody",
    ),
    **dict.fromkeys(
        ("party", "movement", "front", "brigade", "brigades", "militia", "group"),
        "Group",
    ),
    **dict.fromkeys(
        (
            "treaty",
            "agreement",
            "accord",
            "accords",
            "pact",
            "convention",
            "protocol",
            "plan",
            "charter",
            "resolution",
            "declaration",
            "memorandum",
            "deal",
        ),
        "Agreement",
    ),
    **dict.fromkeys(
        ("times", "post", "journal", "herald", "tribune", "gazette", "telegraph"),
        "Media",
    ),
    **dict.fromkeys(
        (
            "sea",
            "ocean",
            "gulf",
            "strait",
            "straits",
            "river",
            "mountains",
            "peninsula",
            "desert",
            "valley",
            "bay",
            "lake",
            "island",
            "islands",
            "canal",
            "basin",
            "coast",
            "region",
            "province",
            "plateau",
            "corridor",
            "airport",
            "port",
            "base",
        ),
        "Location",
    ),
}
#: spaCy labels and the types a name in no table may take under them.
LABEL_TYPES = {
    "ORG": frozenset({"Organization", "GovernmentBody", "Group", "Agreement", "Media"}),
    "NORP": frozenset({"Group"}),
    "LAW": frozenset({"Agreement"}),
    "GPE": frozenset({"Location"}),
    "LOC": frozenset({"Location"}),
    "FAC": frozenset({"Location"}),
}
#: The type of a name in no table whose head noun says nothing, by spaCy label.
CONTEXT_TYPES = {
    "ORG": "Organization",
    "NORP": "Group",
    "GPE": "Location",
    "LOC": "Location",
    "FAC": "Location",
}
#: Points of the compass: "the West" is a bloc of opinion, not a place to map.
COMPASS = frozenset({"west", "east", "north", "south"})
#: Lower-case nouns that make the name before them a place ("Borno state").
PLACE_NOUNS = frozenset(
    {
        "province",
        "state",
        "region",
        "district",
        "county",
        "city",
        "town",
        "village",
        "port",
        "island",
        "valley",
        "governorate",
        "prefecture",
        "oblast",
        "desert",
        "neighborhood",
        "neighbourhood",
        "municipality",
    }
)
#: Words that make a region of a place ("West Africa", "southern Africa").
REGION_WORDS = COMPASS | frozenset(
    {
        "western",
        "eastern",
        "northern",
        "southern",
        "central",
        "northeast",
        "northwest",
        "southeast",
        "southwest",
        "northeastern",
        "northwestern",
        "southeastern",
        "southwestern",
    }
)
#: Lower-case particles of people's names ("Ursula von der Leyen", "al-Assad").
NAME_PARTICLES = frozenset(
    {
        "al",
        "el",
        "bin",
        "ibn",
        "von",
        "van",
        "der",
        "den",
        "de",
        "da",
        "di",
        "du",
        "la",
        "le",
        "dos",
        "das",
        "del",
        "ben",
        "abu",
        "ul",
        "ud",
    }
)
#: First words of named storms and events the tagger takes for people.
NAME_EVENTS = frozenset({"Cyclone", "Cyclones", "Hurricane", "Typhoon", "Storm"})
#: Sentences that credit a reporter, not an actor: no one in them is a node.
CREDIT_PHRASES = (
    "contributed to this report",
    "contributed reporting",
    "contributed to this story",
    "has more from",
    "reports from",
    "reported from",
    "reporting by",
    "edited by",
    "written by",
)
#: Titles of reporters before their names ("correspondent Anita Powell").
CREDIT_TITLES = frozenset(
    {"correspondent", "reporter", "journalist", "photographer", "editor", "anchor"}
)
#: Kinds of government body whose seat stands for the government ("the Kremlin").
METONYM_KINDS = frozenset({"head-of-state-office", "head-of-government-office"})
#: Types of names whose initials may stand for them later ("MSF", "DHS").
NAMED_TYPES = frozenset({"Organization", "GovernmentBody", "Group", "Agreement"})
#: spaCy labels under which a GeoNames place name is still a place.
PLACE_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"})
#: Gazetteer types a name the tagger took for a person may have instead.
PLACE_TYPES = frozenset({"Country", "Location"})
#: Words that end the head of a name: "Ministry of Foreign Affairs" -> "Ministry".
_HEAD_STOPS = frozenset({"of", "on", "for"})
_FUNCTION_WORDS = frozenset({"of", "on", "for", "and", "the", "to", "in", "&"})
_ACRONYM = re.compile(r"^(?=(?:.*[A-Z]){2}|[A-Z].*\d)[A-Z][A-Za-z0-9+&]{1,9}$")
_BOILERPLATE_TAIL = ("appeared", "first", "on")


@dataclass(frozen=True)
class Mention:
    """One place in the text (token span) that names an entity, and how it was found."""

    start: int
    end: int
    entity: Entity
    how: str

    def span(self, doc: Doc) -> Span:
        """The mention's tokens."""
        return doc[self.start : self.end]

    @property
    def names_entity(self) -> bool:
        """Whether the text is a name of the entity (not a pronoun or description)."""
        return self.how not in NAMELESS


def slug(text: str) -> str:
    """A stable id from a name: ASCII, lower case, words joined by hyphens."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    ascii_text = re.sub(r"['\u2019.]", "", ascii_text.lower())
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-") or "x"


def entity_of(entry: GazetteerEntry) -> Entity:
    """The graph entity of a gazetteer entry (a body's ``parent`` is its owner)."""
    owner = entry.country or entry.parent
    return Entity(
        id=entry.id,
        label=entry.label,
        type=entry.type,
        aliases=tuple(sorted(set(entry.aliases))),
        wikidata=entry.wikidata,
        iso3=entry.iso3,
        geonames=entry.geonames,
        attributes=(("parent", owner),)
        if entry.type == "GovernmentBody" and owner
        else (),
    )


def person_entity(name: str) -> Entity:
    """A person in no table: a Person node keyed by the slug of the name."""
    return Entity(id=slug(name), label=name, type="Person")


def head_type(words: list[str]) -> str | None:
    """The type a name's head noun gives it ("Mehr News Agency" -> Media), if any."""
    lowered = [w.lower() for w in words]
    if MEDIA_WORDS.intersection(lowered):
        return "Media"
    stop = next(
        (i for i, w in enumerate(lowered) if w in _HEAD_STOPS and i), len(words)
    )
    return HEAD_TYPES.get(lowered[stop - 1]) if stop else None


def _is_name(words: list[str]) -> bool:
    """Capitalised content words ("Atomic Energy Agency", not "itrs program")."""
    content = [
        w
        for i, w in enumerate(words)
        if w.lower() not in _FUNCTION_WORDS
        and w.isalpha()
        and not (i and words[i - 1] == "-")  # "Portuguese-speaking"
    ]
    return bool(content) and all(w[0].isupper() for w in content)


def _strip_span(span: Span) -> Span:
    """The span without a leading article, trailing possessive or punctuation."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (
        doc[start].lower_ in ("the", "a", "an")
        or doc[start].is_punct
        # "Near Palmyra, …": a sentence's capitalised preposition is no name's
        or (
            doc[start].lower_ in PLACE_PREPOSITIONS
            and (doc[start].pos_ == "ADP" or doc[start].is_sent_start)
        )
    ):
        start += 1
    while end > start and (
        doc[end - 1].tag_ == "POS"
        or doc[end - 1].is_punct
        or doc[end - 1].is_space
        or doc[end - 1].lower_ in ("'s", "’s")
    ):
        end -= 1
    return doc[start:end]


def _after_place_preposition(ent: Span) -> bool:
    """Whether the tagger took a sentence's place preposition into a name
    ("Near Palmyra, one strike …"): what follows it is a place."""
    return _strip_span(ent).start > ent.start and ent[0].lower_ in PLACE_PREPOSITIONS


def _person_name(span: Span) -> Span:
    """A name without leading titles ("Ayatollah Ali Khamenei" -> "Ali Khamenei")."""
    start = span.start
    while start < span.end - 1 and span.doc[start].lower_.rstrip(".") in PERSON_TITLES:
        start += 1
    return span.doc[start : span.end]


def _initials(label: str) -> str:
    """The acronym a name's capitalised words make ("Doctors Without Borders": DWB)."""
    words = label.replace("-", " ").split()
    return "".join(
        w[0] for w in words if w[:1].isupper() and w.lower() not in _FUNCTION_WORDS
    )


def _common_word(span: Span) -> bool:
    """Whether a one-word name is an ordinary word the same document writes in lower
    case ("State", "Schools" at a sentence start; "the state" elsewhere)."""
    if len(span) != 1 or not span[0].is_title:
        return False
    return span[0].lower_ in _lower_words(span.doc)


def _lower_words(doc: Doc) -> frozenset[str]:
    """The words a document writes in lower case (computed once per document)."""
    words = doc.user_data.get("geokg_lower_words")
    if words is None:
        words = doc.user_data["geokg_lower_words"] = frozenset(
            _LOWER_WORD.findall(doc_text(doc))
        )
    return words


def doc_text(doc: Doc) -> str:
    """The document's text, made once: spaCy joins its tokens on every ``doc.text``."""
    text = doc.user_data.get("geokg_text")
    if text is None:
        text = doc.user_data["geokg_text"] = doc.text
    return text


def words_in_text(
    doc: Doc, words: frozenset[str], *, ignore_case: bool = True
) -> list[Token]:
    """The one-token occurrences of ``words`` (as whole words), found in the
    text by :func:`spans_matching`."""
    pattern = _words_pattern(words, ignore_case)
    return [span[0] for span in spans_matching(doc, pattern) if len(span) == 1]


@lru_cache(maxsize=32)
def _words_pattern(words: frozenset[str], ignore_case: bool) -> re.Pattern[str]:
    alternatives = "|".join(map(re.escape, sorted(words)))
    return re.compile(rf"\b(?:{alternatives})\b", re.IGNORECASE if ignore_case else 0)


def spans_matching(doc: Doc, pattern: str | re.Pattern[str]) -> Iterator[Span]:
    """The token-aligned spans of the document's text that a pattern matches:
    words found in the text, not by looking at every token (spaCy makes a Token
    object for each one looked at)."""
    for match in re.finditer(pattern, doc_text(doc)):
        span = doc.char_span(match.start(), match.end())
        if span is not None:
            yield span


def _with_region(m: Mention, doc: Doc) -> Mention:
    """ "West Africa", "southern Africa", "Central Europe": a part of a place is a
    place of its own, not the whole one the gazetteer matched."""
    if m.entity.type != "Location" or m.start == 0:
        return m
    before = doc[m.start - 1]
    if before.lower_ not in REGION_WORDS or before.ent_type_ not in ("", "LOC"):
        return m
    if before.is_lower and (len(m.span(doc)) > 1 or dict(m.entity.attributes)):
        return m  # "southern Africa" is a region's name, "northern Hebei Province" not
    after = doc[m.end] if m.end < len(doc) else None
    if before.is_lower and after is not None and after.lower_ in PLACE_NOUNS:
        return m  # "southern Ayacucho province": the province's south, not a name
    span = doc[m.start - 1 : m.end]
    return Mention(
        span.start, span.end, Entity(slug(span.text), span.text, "Location"), "region"
    )


def _with_place_noun(span: Span) -> Span | None:
    """ "Punjab province", "Borno state": a proper name that modifies a lower-case
    place noun is a place, whatever the tagger called it (here, a people)."""
    doc = span.doc
    last = span[-1]
    if (
        len(span) > 1
        and last.is_lower
        and last.lower_ in PLACE_NOUNS
        and all(t.tag_ in ("NNP", "NNPS") for t in span[:-1])
        and all(t.head.i == last.i for t in span[:-1])
    ):
        return span  # the tagger took the noun in: "Nampula province"
    if span.end >= len(doc) or any(t.tag_ not in ("NNP", "NNPS") for t in span):
        return None  # "African state": an adjective, not a name
    noun = doc[span.end]
    if noun.is_lower and noun.lower_ in PLACE_NOUNS and span.root.head.i == noun.i:
        return doc[span.start : span.end + 1]
    return None


def _untagged_places(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Places the tagger missed: a proper noun after "in", "near", "to", "from" …
    that GeoNames knows as a city or US state ("on its way to Peshawar")."""
    taken = {i for m in mentions for i in range(m.start, m.end)}
    taken |= {i for e in doc.ents for i in range(e.start, e.end)}
    found = []
    for tok in doc:
        if tok.i in taken or tok.dep_ != "pobj" or not tok.is_title:
            continue
        if tok.tag_ != "NNP" or tok.head.lower_ not in PLACE_PREPOSITIONS | {
            "to",
            "from",
            "into",
        }:
            continue
        start = tok.i - 1 if tok.i and doc[tok.i - 1].dep_ == "compound" else tok.i
        if start == tok.i and _generic_noun(tok):
            continue  # "to the Summit": a gathering, not the town
        if start < tok.i and start in taken:
            continue  # "the G20 Summit": the head of a name, not a town
        for span in (doc[start : tok.i + 1], doc[tok.i : tok.i + 1]):
            if len(span) == 1 and _generic_noun(tok):
                continue  # "the Stabilization Mission in Haiti": not Mission, Texas
            if normalise(span.text) in place_names() and not taken & set(
                range(span.start, span.end)
            ):
                found.append(_place_mention(span))
                break
    return found


def _place_mention(span: Span) -> Mention:
    """A place; "Nampula province" is the place Nampula (one node with "Nampula"
    elsewhere in the text)."""
    name = span
    if len(span) > 1 and span[-1].is_lower and span[-1].lower_ in PLACE_NOUNS:
        name = span[:-1]
    return Mention(
        span.start, span.end, Entity(slug(name.text), name.text, "Location"), "geonames"
    )


def _geonames_place(span: Span, state: _State, label: str = "") -> bool:
    """A name in no table that GeoNames knows as a city or US state, and that is
    not a person the document named ("Quetta", tagged an organisation)."""
    key = normalise(span.text)
    before = span.doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.lower_.rstrip(".") in _person_words():
        return False  # "President Bush", "Mr. Obama": a person's title
    if len(span) > 1 and label == "PERSON":
        return False  # "Morgan Kehr": a full name GeoNames also has is a person
    if len(span) == 1 and _generic_noun(span[0]):
        return False  # "the historic Summit in Havana": not the town of Summit
    if any(
        c.dep_ == "compound" and c.i < span.start and c.text[:1].isupper()
        for c in span[-1].children
    ):
        return False  # "the G20 Summit": the head of a longer name, not a town
    return (
        key in place_names()
        and key not in state.short
        and _is_name([t.text for t in span])
        and head_type([t.text for t in span]) in (None, "Location")
    )


@lru_cache(maxsize=1)
def _person_words() -> frozenset[str]:
    """Words before a name that make it a person's: titles, honorifics, offices."""
    return PERSON_TITLES | OFFICE_NOUNS


def _particle_joined(doc: Doc) -> list[Span]:
    """The tagger's entities, with a person's name it cut at a lower-case particle
    made whole: "Ursula Von" + "der" + "Leyen" is "Ursula Von der Leyen"."""
    ents = list(doc.ents)
    out: list[Span] = []
    i = 0
    while i < len(ents):
        ent = ents[i]
        j = ent.end
        while j < len(doc) and doc[j].lower_ in NAME_PARTICLES and doc[j].is_lower:
            j += 1
        nxt = ents[i + 1] if i + 1 < len(ents) else None
        if (
            ent.label_ == "PERSON"
            and j > ent.end
            and nxt is not None
            and nxt.start == j
            and nxt.label_ in ("PERSON", "ORG", "GPE", "NORP", "LOC")
            and len(nxt) <= 2
            and all(t.is_title for t in nxt)
        ):
            out.append(Span(doc, ent.start, nxt.end, label="PERSON"))
            i += 2
            continue
        out.append(ent)
        i += 1
    return out


def _looks_like_person(name: Span) -> bool:
    """A person's name is capitalised words without digits ("Cyclone Jude" and
    "COVID-19" are not; "al-Assad" and "de Mistura" are, by their particles)."""
    words = [t for t in name if not t.is_punct]
    if not words or name[0].text in NAME_EVENTS:
        return False
    if words[0].text[:1].islower() and not _article_prefix(words[0]):
        return False  # "al-Zarqawi" is a name
    if all(t.lower_ in ADDRESS_WORDS for t in words):
        return False  # "Royal Highness": an address, no name
    if _common_word(name) or _storm_name(name):
        return False
    if len(words) > 1 and words[-1].lower_ in NOT_PERSON_HEADS:
        return False  # "Sustainable Development Summit": an event's name
    if len(words) == 1 and len(words[0].text) > 1 and words[0].text.isupper():
        return False  # "COVID", "NATO": an acronym, not a name
    if any(any(c.isdigit() for c in t.text) for t in words):
        return False
    return all(
        t.text[:1].isupper()
        or t.lower_ in NAME_PARTICLES
        or (t.i > 0 and t.nbor(-1).text == "-")  # "Lai Ching-te"
        for t in words
    )


#: Nouns of gatherings and missions: alone ("the Summit in Havana", "the Mission
#: in Haiti") they name an event or a body's office, no actor.
EVENT_NOUNS = frozenset(
    {"summit", "conference", "meeting", "session", "mission", "forum", "assembly"}
)


#: Head nouns of names that are goals, positions and prizes, no actor: "the
#: Sustainable Development Goals", "the Common African Position", "the Ezulwini
#: Consensus", "the Nobel Prize".
NOT_ACTOR_HEADS = frozenset(
    {
        "goal",
        "goals",
        "target",
        "targets",
        "position",
        "consensus",
        "strategy",
        "vision",
        "framework",
        "principles",
        "award",
        "prize",
        "summit",  # "the third South Summit": a gathering
        "cup",  # sports and cultural events: "the Rugby World Cup", "the Games"
        "games",
        "olympics",
        "championship",
        "championships",
        "tournament",
        "festival",
        "power",  # "the Administering Power", "the major Powers": a UN term
        "powers",
    }
)
#: Faiths are no actors (their followers, "Muslims", "Catholics", may be).
FAITHS = frozenset(
    {
        "islam",
        "christianity",
        "judaism",
        "hinduism",
        "buddhism",
        "sikhism",
        "catholicism",
        "protestantism",
        "shintoism",
        "taoism",
        "confucianism",
    }
)
#: Last words of a capitalised name that make it no person's name: gatherings,
#: goals and the head nouns of bodies ("Sustainable Development Summit").
NOT_PERSON_HEADS = (
    EVENT_NOUNS
    | NOT_ACTOR_HEADS
    | {
        "organization",
        "organisation",
        "university",
        "council",
        "commission",
        "committee",
        "ministry",
        "department",
        "agency",
        "institute",
        "association",
        "foundation",
        "parliament",
        "tribunal",
        "treaty",
        "agreement",
        "convention",
        "declaration",
    }
)


def _generic_noun(tok: Token) -> bool:
    """A capitalised common noun (UN style) that names no one by itself: a head
    noun ("Council"), a place noun ("States"), an agent noun ("Government",
    "Ministers"); singular or plural."""
    return not _forms(tok).isdisjoint(_generic_nouns())


def _forms(tok: Token) -> set[str]:
    """A noun's lower-case forms: as written, its lemma, without a plural "s"."""
    word = tok.lower_
    return {word, tok.lemma_.lower(), word[:-1] if word.endswith("s") else word}


@lru_cache(maxsize=1)
def _generic_nouns() -> frozenset[str]:
    return frozenset(HEAD_TYPES) | PLACE_NOUNS | EVENT_NOUNS | load_agents().heads | (
        _group_words()
    )


@lru_cache(maxsize=1)
def _group_words() -> frozenset[str]:
    """The grammar's nouns of a group of people ("power", "head", "government")."""
    from geokg.ingest.triggers import load_triggers  # triggers imports this module

    return load_triggers().word("grammar.groups")


def _group_word(tok: Token) -> bool:
    return not _forms(tok).isdisjoint(_group_words())


def _hyphen_prefix(span: Span) -> bool:
    """Whether a listed name is glued by a hyphen to a capitalised word no entity
    holds ("Guinea-Lanta"), so begins another name ("Kenya-U.S." and
    "Chile-Bolivia" are pairs of names)."""
    doc, j = span.doc, span.end
    return (
        j + 1 < len(doc)
        and doc[j].text == "-"
        and not span[-1].whitespace_
        and not doc[j].whitespace_
        and doc[j + 1].is_title
        and not doc[j + 1].ent_type_
    )


def _joined_name(span: Span) -> Span | None:
    """The longer name a listed body's name ends ("Peace and Security Council",
    "Trade and Development Board"): capitalised words joined to it by "and"."""
    doc, i = span.doc, span.start
    if i < 2 or doc[i - 1].lower_ not in ("and", "&"):
        return None
    start = i - 1
    while start > 0 and doc[start - 1].is_title and not doc[start - 1].ent_type_:
        start -= 1
    if start == i - 1 or doc[start].is_sent_start and start == i - 2:
        return None
    if any(t.pos_ not in ("PROPN", "NOUN", "ADJ") for t in doc[start : i - 1]):
        return None
    return doc[start : span.end]


def _owned_organ(span: Span, entry: GazetteerEntry) -> Span | None:
    """The longer name an organ's bare name ends when a proper noun owns it
    ("the Virginia General Assembly", "the OAS General Assembly"): the table's
    "General Assembly" is the UN's only when no other owner is named."""
    i = span.start
    if not entry.parent or i == 0 or span[0].lower_ == "the":
        return None
    before = span.doc[i - 1]
    if before.pos_ != "PROPN" or not before.text[:1].isupper() or before.is_sent_start:
        return None
    return span.doc[i - 1 : span.end]


def _continued_name(span: Span) -> Span | None:
    """The longer name a listed body's name begins: "Asia Society Texas Center",
    "European Council on Foreign Relations" (capitalised words after it that end
    in a head noun, or an "on"/"for" phrase of capitalised words)."""
    doc, j = span.doc, span.end

    def word(tok: Token) -> bool:
        return tok.is_title and tok.ent_type_ not in ("DATE", "TIME", "CARDINAL")

    if j < len(doc) and doc[j].lower_ in ("on", "for") and j + 1 < len(doc):
        k = j + 1
        while k < len(doc) and (word(doc[k]) or doc[k].lower_ in ("and", "&")):
            k += 1
        while k > j + 1 and not word(doc[k - 1]):
            k -= 1
        return doc[span.start : k] if k > j + 1 else None
    while j < len(doc) and word(doc[j]) and doc[j].pos_ == "PROPN":
        j += 1
    head = doc[j - 1].lower_
    if j > span.end and HEAD_TYPES.get(head) in ("Organization", "GovernmentBody"):
        return doc[span.start : j]
    return None


def _storm_name(name: Span) -> bool:
    """Whether a one-word name is a storm's the document named ("Cyclone Jude" …
    "Jude moved south")."""
    if len(name) != 1:
        return False
    storms = name.doc.user_data.get("geokg_storms")
    if storms is None:
        storms = name.doc.user_data["geokg_storms"] = frozenset(
            t.nbor(1).text
            for t in name.doc
            if t.text in NAME_EVENTS and t.i + 1 < len(name.doc)
        )
    return name[0].text in storms


def _titled_names(doc: Doc) -> list[Span]:
    """Names the tagger left untagged after a capitalised office: "Foreign
    Minister Ana Torres", "Judge Tomas Ruiz" (two to four capitalised proper
    nouns, none of them tagged, an office noun or a name's head noun)."""
    names = []
    for i in tokens_among(doc, OFFICE_NOUNS):
        tok = doc[i]
        if not (tok.is_title and tok.lower_ in OFFICE_NOUNS) or tok.ent_type_:
            continue
        start = tok.i + 1
        if (
            start + 1 < len(doc)
            and doc[start].lower_ == "of"
            and doc[start + 1].is_title
        ):
            start += 2  # "Minister of Justice Pablo Vera"
        end = start
        while (
            end < len(doc)
            and end - start < 4
            and _untagged_name_word(doc[end], OFFICE_NOUNS)
        ):
            end += 1
        if 2 <= end - start and not (
            end < len(doc) and _untagged_name_word(doc[end], OFFICE_NOUNS)
        ):
            names.append(doc[start:end])
    return names + _named_by_apposition(doc, OFFICE_NOUNS)


#: Words that open a title before its office noun ("Somali Foreign Minister").
TITLE_STARTS = frozenset(
    {"foreign", "defense", "defence", "interior", "deputy", "prime", "vice", "acting"}
)


def _named_by_apposition(doc: Doc, offices: frozenset[str]) -> list[Span]:
    """Untagged names whose apposition is an office ("Ana Torres, a professor at
    X, said", "said Ana Torres, director of X"): two to four capitalised proper
    nouns before a comma and, within the apposition's first words, an office."""
    names = []
    i = 0
    while i < len(doc):
        if not _untagged_name_word(doc[i], offices) or (
            i > 0 and _untagged_name_word(doc[i - 1], offices)
        ):
            i += 1
            continue
        end = i
        while end < len(doc) and end - i < 5 and _untagged_name_word(doc[end], offices):
            end += 1
        if 2 <= end - i <= 4 and end < len(doc) and doc[end].text == ",":
            after = doc[end + 1 : end + 8]
            for tok in after:
                if tok.pos_ in ("VERB", "AUX") or tok.text in (",", ".", ";"):
                    break
                if tok.lower_ in offices:
                    names.append(doc[i:end])
                    break
        i = end
    return names


def _untagged_acronyms(doc: Doc, mentions: list[Mention], state: _State
                       ) -> list[Mention]:
    """An acronym the document defined ("… Command (NAVCENT)") where the tagger
    did not tag it again ("NAVCENT is responsible for …")."""
    words = [a for a in state.acronyms if len(a) > 2 and a.isupper()]
    if not words:
        return []
    covered = {i for m in mentions for i in range(m.start, m.end)}
    pattern = r"\b(?:" + "|".join(map(re.escape, sorted(words))) + r")\b"
    return [
        Mention(span.start, span.end, state.acronyms[span.text], "acronym")
        for span in spans_matching(doc, pattern)
        if len(span) == 1 and span.start not in covered and span[0].tag_ == "NNP"
    ]


def _untagged_surnames(
    doc: Doc, mentions: list[Mention], state: _State
) -> list[Mention]:
    """A known person's surname the tagger left untagged ("Torres said" after
    "Ana Torres"): one capitalised proper noun, alone between other words."""
    covered = {i for m in mentions for i in range(m.start, m.end)}
    found = []
    for tok in doc:
        if tok.i in covered or tok.ent_type_ or tok.pos_ != "PROPN" or not tok.is_title:
            continue
        entity = state.short.get(normalise(tok.text))
        if entity is None or entity.type != "Person":
            continue
        around = [doc[j] for j in (tok.i - 1, tok.i + 1) if 0 <= j < len(doc)]
        if not any(t.is_title and t.pos_ == "PROPN" for t in around):
            found.append(Mention(tok.i, tok.i + 1, entity, "short-form"))
    return found


def _untagged_name_word(tok: Token, offices: frozenset[str]) -> bool:
    return (
        tok.is_title
        and tok.pos_ == "PROPN"
        and not tok.ent_type_
        and tok.lower_ not in offices
        and tok.lower_ not in HEAD_TYPES
    )


def _credit_line(span: Span) -> bool:
    """Whether a name stands in a reporter's credit: "X contributed to this report",
    "X has more from Paris", "VOA correspondent X"."""
    sent = span.sent
    words = " ".join(t.lower_ for t in sent)
    if any(phrase in words for phrase in CREDIT_PHRASES):
        return True
    before = span.doc[span.start - 1] if span.start > 0 else None
    return before is not None and before.lower_ in CREDIT_TITLES


def _acts(span: Span) -> bool:
    """Whether a place name is used as an actor (not "in Tehran", "flew to Moscow")."""
    root = span.root
    while root.dep_ == "appos" and root.head.i != root.i:
        root = root.head  # "in Chile's capital, Santiago": the place of "in"
    if root.dep_ == "poss" and root.head.ent_type_ in ("ORG", "FAC", "GPE", "LOC"):
        return False  # "Lima's Catholic University": the city's
    if root.dep_ != "pobj":
        return True
    prep = root.head
    if prep.lower_ in PLACE_PREPOSITIONS:
        return False
    return not (prep.lower_ in MOTION_PREPOSITIONS and prep.head.lemma_ in MOTION_WORDS)


#: Nouns that introduce a company's name: "the German company X", "the firm X".
COMPANY_NOUNS = frozenset(
    {"company", "firm", "conglomerate", "contractor", "manufacturer", "maker",
     "corporation", "carrier", "airline", "broadcaster", "operator", "subsidiary",
     "startup", "multinational"}
)


def _after_company_noun(span: Span) -> bool:
    """Whether a name the tagger took for a person's follows a company noun that
    it names: "the German company Zelbrin", "the construction firm Hovanlei"."""
    i = span.start - 1
    if i < 0 or span.doc[i].lower_ not in COMPANY_NOUNS:
        return False
    noun, after = span.doc[i], span.doc[span.end : span.end + 1]
    if after and after[0].pos_ in ("VERB", "AUX"):
        return False  # "the company John Smith founded": a clause's subject
    return span.root.head.i == noun.i or noun.head.i == span.root.i


def _after_boilerplate(span: Span) -> bool:
    """Whether the span follows "appeared first on" (a syndication footer)."""
    doc, i = span.doc, span.start
    return i >= 3 and tuple(t.lower_ for t in doc[i - 3 : i]) == _BOILERPLATE_TAIL


@dataclass
class _State:
    """What the finder has learnt about one document so far."""

    short: dict[str, Entity | None] = field(default_factory=dict)
    acronyms: dict[str, Entity] = field(default_factory=dict)
    countries: Counter[str] = field(default_factory=Counter)
    last_country: str | None = None

    def learn(self, key: str, entity: Entity) -> None:
        """Remember a short form; one that fits two entities is ambiguous."""
        known = self.short.get(key, entity)
        self.short[key] = (
            entity if known is not None and known.id == entity.id else None
        )

    def focus(self) -> str | None:
        """The country the document has named most so far (latest wins ties)."""
        if not self.countries:
            return None
        top = max(self.countries.values())
        if self.countries.get(self.last_country or "") == top:
            return self.last_country
        return min(c for c, n in self.countries.items() if n == top)


class ActorFinder:
    """Turns a parsed document's entities into mentions of canonical entities."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gaz = gazetteer
        self.sectors = SectorFinder(gazetteer)

    @cached_property
    def body_kinds(self) -> dict[str, str]:
        """Body names without their owner ("foreign ministry") -> the body kind."""
        kinds: dict[str, str] = {}
        for (owner, kind), body_id in self.gaz.body_kinds().items():
            entry, country = self.gaz.get(body_id), self.gaz.get(owner)
            if entry is None or country is None:
                continue
            for name in entry.names():
                bare = _without_owner(normalise(name), country)
                if bare and bare != normalise(name):
                    kinds.setdefault(bare, kind)
        return kinds

    @cached_property
    def metonyms(self) -> dict[str, str]:
        """Seats of power that stand for their state's government ("the Kremlin")."""
        return {
            body_id: owner
            for (owner, kind), body_id in self.gaz.body_kinds().items()
            if kind in METONYM_KINDS
            and self.gaz.get(owner) is not None
            and self.gaz.get(owner).type == "Country"
        }

    def __call__(self, doc: Doc) -> list[Mention]:
        """Every mention of an actor, place or outlet in the document, in text order."""
        state = _State()
        titled = _titled_names(doc)
        self._learn_people(doc, state, titled)
        mentions = self._acronym_mentions(doc, state)
        covered = {i for m in mentions for i in range(m.start, m.end)}
        spans = [(ent, ent.label_) for ent in _particle_joined(doc)]
        spans += [(name, "PERSON") for name in titled]
        for ent, label in sorted(spans, key=lambda s: s[0].start):
            if label in SKIPPED_LABELS or covered.intersection(
                range(ent.start, ent.end)
            ):
                continue
            span = _strip_span(ent)
            if _after_place_preposition(ent):
                label = "GPE"  # "Near Palmyra, …": what follows the preposition
            for mention in self.resolve(span, label, state):
                self._note(mention, state)
                mentions.append(mention)
        mentions += _untagged_surnames(doc, mentions, state)
        mentions += _untagged_acronyms(doc, mentions, state)
        mentions += self._untagged_demonyms(doc, mentions)
        mentions = _outermost(mentions + _untagged_places(doc, mentions))
        mentions = [_with_region(m, doc) for m in mentions]
        from geokg.ingest.written import dashed_names, written_mentions

        mentions += written_mentions(doc, mentions)  # (they need Mention)
        resolutions = self._resolutions(doc, mentions)
        resolutions += self._sector_mentions(doc, mentions)
        taken = {i for m in resolutions for i in range(m.start, m.end)}
        mentions = [m for m in mentions if m.start not in taken] + resolutions
        mentions.sort(key=lambda m: (m.start, -m.end))
        mentions = _outermost(dashed_names(doc, mentions))
        return _join_names([m for m in mentions if not _shouted_word(doc, m)])

    def _untagged_demonyms(self, doc: Doc, mentions: list[Mention]) -> list[Mention]:
        """A demonym the tagger missed before an office: "Somali President X"."""
        covered = {i for m in mentions for i in range(m.start, m.end)}
        titles = OFFICE_NOUNS | TITLE_STARTS
        found = []
        for tok in doc:
            if tok.i in covered or tok.ent_type_ or not tok.is_title:
                continue
            nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
            if nxt is None or nxt.lower_ not in titles:
                continue
            entry = self.gaz.by_demonym(tok.text)
            if entry is not None and entry.type == "Country":
                found.append(Mention(tok.i, tok.i + 1, entity_of(entry), "demonym"))
        return found

    def _sector_mentions(self, doc: Doc, mentions: list[Mention]) -> list[Mention]:
        """Agent nouns of a state or country ("Iraqi troops"): ingest.sectors."""
        at = {i: m.entity for m in mentions for i in range(m.start, m.end)}
        found = []
        for s in self.sectors.find(doc, at):
            country = self.gaz.get(s.owner) if s.owner else None
            if country is not None:
                entity = sector_entity(self.gaz, country, s.sector)
                found.append(Mention(s.start, s.end, entity, "sector"))
        return found

    def _note(self, mention: Mention, state: _State) -> None:
        entity = mention.entity
        if entity.type == "Country":
            state.countries[entity.id] += 1
            state.last_country = entity.id
        elif entity.type in ("Organization", "GovernmentBody"):
            last = entity.label.split()[-1]
            if last.lower() in HEAD_TYPES:
                state.learn(normalise(last), entity)
        if entity.type in NAMED_TYPES and len(entity.label.split()) > 1:
            state.acronyms.setdefault(_initials(entity.label), entity)

    def _learn_people(self, doc: Doc, state: _State, titled: list[Span]) -> None:
        """Every person's full name and surname, before the mentions are resolved."""
        people = titled + [
            ent
            for ent in doc.ents
            if (
                ent.label_ == "PERSON"
                and self._place(ent) is None
                and not _after_place_preposition(ent)
                and _looks_like_person(_person_name(_strip_span(ent)))
            )
            or self._entry_type(ent) == "Person"
        ]
        known = {
            normalise(_person_name(_strip_span(e)).text) for e in people if len(e) > 1
        }
        people = [
            e
            for e in people
            if len(e) > 1
            or normalise(e.text) in known
            or normalise(e.text) not in place_names()
        ]
        spelt: dict[str, Entity] = {}  # "nouri maliki" for "Nouri al-Maliki"
        for ent in sorted(people, key=lambda e: (-len(e), e.start)):
            name = _person_name(_strip_span(ent))
            if len(name):
                key = normalise(name.text)
                entity = state.short.get(key) if len(name) == 1 else None
                if len(name) > 1:
                    bare = _without_articles(key)
                    entity = spelt.get(bare) or (  # "al-Zarqawi" after "Abu Musab
                        state.short.get(bare) if " " not in bare else None  # al-…"
                    )
                entity = entity or self._person_entity(name.text)
                state.learn(key, entity)
                if len(name) > 1:
                    spelt.setdefault(_without_articles(key), entity)
                    surname = key.split()[-1]  # "al-rufay'i", however tokenised
                    if " " in key and _without_articles(surname) != surname:
                        state.learn(_without_articles(surname), entity)
                    # the family name comes last in "Anne Chao", first in "Xu
                    # Qiliang"; a given name alone is used in features too
                    for part in (name[-1], name[0]):
                        if part.is_alpha and part.lower_ not in NAME_PARTICLES:
                            state.learn(normalise(part.text), entity)
                        bare = _without_articles(normalise(part.text))
                        if bare != normalise(part.text) and bare.isalpha():
                            state.learn(bare, entity)  # "al-Maliki": "Maliki"

    def _entry_type(self, ent: Span) -> str | None:
        entry = self.gaz.get(ent.ent_id_) if ent.ent_id_ else None
        return entry.type if entry else None

    def _person_entity(self, name: str) -> Entity:
        entries = [e for e in self.gaz.lookup(name) if e.type == "Person"]
        return entity_of(entries[0]) if entries else person_entity(name)

    def resolve(self, span: Span, label: str, state: _State) -> list[Mention]:
        """The mentions one entity span stands for (none if it names no actor)."""
        if not len(span):
            return []
        if span.ent_id_ and (entry := self.gaz.get(span.ent_id_)):
            if _hyphen_prefix(span):
                return []  # "Guinea-Lanta, an NGO": the start of another name
            longer = (
                _joined_name(span) or _continued_name(span) or _owned_organ(span, entry)
                if entry.type in NAMED_TYPES
                else None
            )
            if longer is not None:  # "Peace and Security Council" is not the UNSC
                found = self._unlisted(longer, "ORG")
                return [found] if found else []
            return self._entry_mentions(span, entry)
        text = span.text
        acronym = state.acronyms.get(text) or (
            state.acronyms.get(text.replace(".", "")) if text.isupper() else None
        )
        if acronym is not None:
            return [Mention(span.start, span.end, acronym, "acronym")]
        if label == "PERSON" and (place := self._place(span)):
            return self._entry_mentions(span, place)
        if label == "PERSON" and _geonames_place(span, state, label):
            return [_place_mention(span)]
        if label == "PERSON" and _after_company_noun(span):
            return [Mention(span.start, span.end,
                            Entity(slug(span.text), span.text, "Organization"), "head")]
        if label == "PERSON":
            name = _person_name(span)
            if not _looks_like_person(name) or _credit_line(span):
                return []
            key = normalise(name.text)
            if len(name) == 1 and key in state.short and state.short[key] is None:
                return []  # "David" after "David Gee" and "David Lin": which one?
            entity = state.short.get(normalise(name.text)) or self._person_entity(
                name.text
            )
            return [Mention(name.start, name.end, entity, "person")]
        if label == "NORP" and (entry := self.gaz.by_demonym(text)):
            # before short forms: "Somali" after "Somali Public Agenda" is Somalia
            return [Mention(span.start, span.end, entity_of(entry), "demonym")]
        known = state.short.get(normalise(text))
        if known is not None:
            return [Mention(span.start, span.end, known, "short-form")]
        entries = self.gaz.lookup(text)
        if entries:
            return self._entry_mentions(span, entries[0])
        if label in PLACE_LABELS and _geonames_place(span, state, label):
            return [_place_mention(span)]
        found = self._body(span, state) or self._unlisted(span, label)
        return [found] if found else []

    def _place(self, span: Span) -> GazetteerEntry | None:
        """A place the tagger took for a person ("Ankara said"), not a person too."""
        entries = self.gaz.lookup(_strip_span(span).text)
        if not entries or any(e.type == "Person" for e in entries):
            return None
        return entries[0] if entries[0].type in PLACE_TYPES else None

    def _entry_mentions(self, span: Span, entry: GazetteerEntry) -> list[Mention]:
        """A gazetteer entry's mentions: capitals act, descriptions checked."""
        how = "gazetteer"
        if entry.type == "Person":
            span = self._full_name(_person_name(span), entry)
        elif span[-1].is_lower and entry.type != "Media" and not self._owned(span):
            if not _description_fits(span):
                return []
            how = "description"
        if how == "description" or entry.type == "Agreement":
            split = self._split_parent(span, entry, how) if entry.parent else []
            if split:
                return split
        if entry.id in self.metonyms:
            country = self.gaz.get(self.metonyms[entry.id])
            entity = sector_entity(self.gaz, country, "government")
            return [Mention(span.start, span.end, entity, "metonym")]
        if entry.type == "Location" and entry.country and _acts(span):
            country = self.gaz.get(entry.country)
            if country is not None and country.capital == entry.id:
                return [Mention(span.start, span.end, entity_of(country), "capital")]
        return [Mention(span.start, span.end, entity_of(entry), how)]

    def _owned(self, span: Span) -> bool:
        """Whether a lower-case name starts with its owner ("Pakistani military")."""
        first = span[0]
        return first.text[:1].isupper() and bool(
            self.gaz.by_demonym(first.text)
            or any(e.type == "Country" for e in self.gaz.lookup(first.text))
        )

    def _split_parent(
        self, span: Span, entry: GazetteerEntry, how: str
    ) -> list[Mention]:
        """The parent named inside: "UN Security Council Resolution 487", "UN nuclear
        watchdog" are the council (the UN), then the resolution (the IAEA)."""
        parent = self.gaz.get(entry.parent or "")
        if parent is None:
            return []
        for size in range(len(span) - 1, 0, -1):
            for start in range(span.start, span.end - size):
                part = span.doc[start : start + size]
                if any(e.id == parent.id for e in self.gaz.lookup(part.text)):
                    return [
                        Mention(part.start, part.end, entity_of(parent), "gazetteer"),
                        Mention(part.end, span.end, entity_of(entry), how),
                    ]
        return []

    def _full_name(self, name: Span, entry: GazetteerEntry) -> Span:
        """A short name the ruler matched, widened to the full name that follows it."""
        names = {normalise(n) for n in entry.names()}
        doc, end = name.doc, name.end
        while (
            end < len(doc)
            and doc[end].is_alpha
            and normalise(doc[name.start : end + 1].text) in names
        ):
            end += 1
        return doc[name.start : end]

    def _body(self, span: Span, state: _State) -> Mention | None:
        """A government body named with or without its owner ("Foreign Ministry")."""
        key = normalise(span.text)
        owner = None
        for i in range(1, len(span)):
            prefix = self.gaz.lookup(span[:i].text) or (
                [e] if (e := self.gaz.by_demonym(span[:i].text)) else []
            )
            if prefix and prefix[0].type == "Country":
                owner, key = prefix[0].id, normalise(span[i:].text)
                break
        kind = self.body_kinds.get(key)
        owner = owner or state.focus()
        entry = self.gaz.government_body(owner, kind) if kind and owner else None
        return (
            Mention(span.start, span.end, entity_of(entry), "body") if entry else None
        )

    def _resolutions(self, doc: Doc, mentions: list[Mention]) -> list[Mention]:
        """ "Resolution 1234" right after the body that adopted it."""
        found = []
        for m in mentions:
            i = m.end
            if (
                m.entity.type in ("Organization", "GovernmentBody")
                and i + 1 < len(doc)
                and doc[i].lower_ == "resolution"
                and doc[i + 1].like_num
            ):
                number = doc[i + 1].text
                label = f"{m.entity.label} Resolution {number}"
                known = [e for e in self.gaz.lookup(label) if e.type == "Agreement"]
                entity = (
                    entity_of(known[0])
                    if known
                    else Entity(
                        id=f"{m.entity.id}r-{number}", label=label, type="Agreement"
                    )
                )
                found.append(Mention(i, i + 2, entity, "resolution"))
        return found

    def _unlisted(self, span: Span, label: str) -> Mention | None:
        """A name in no table, kept when its head noun (or place) says what it is."""
        if all(t.lower_ in ADDRESS_WORDS or t.is_punct for t in span):
            return None  # "His Royal Highness": an address, no name
        place = _with_place_noun(span)
        if place is not None:
            return _place_mention(place)
        if label == "ORG":
            wide = _widen(span)
            left = wide.start < span.start
            span = wide
            if left and head_type([t.text for t in span]) is None:
                return None  # "Secretary of State": a title, not a body
        while len(span) > 1 and span[-1].lower_ in _FUNCTION_WORDS:
            span = span[:-1]  # "Alliance of": the tagger stopped inside the name
        if _two_names(span):
            return None
        if self._outlet_before(span):
            return Mention(
                span.start,
                span.end,
                Entity(slug(span.text), span.text, "Media"),
                "head",
            )
        words = [t.text for t in span]
        if len(words) == 1 and _generic_noun(span[0]):
            return None  # "each State", "the Government": a common noun alone
        if words[-1].lower() in NOT_ACTOR_HEADS:
            # "the Common African Position": a policy, no actor; "the Hanoi
            # Summit" names its town
            town = span[:-1]
            if len(town) and normalise(town.text) in place_names():
                return _place_mention(town)
            return None
        if len(words) == 1 and words[0].lower() in FAITHS:
            return None  # "Islam asks Muslims …": a faith; its people may act
        content = [t for t in span if t.lower_ not in _FUNCTION_WORDS]
        if all(_group_word(t) for t in content):
            return None  # "Heads of State and Government": group nouns alone
        # a head noun alone ("the Organization", "the Council") names no one new
        kind = head_type(words) if len(words) > 1 and _is_name(words) else None
        if _after_boilerplate(span) and label in ("ORG", "PERSON", "GPE"):
            kind = "Media"
        if kind is None and label == "ORG" and _is_name(words) and _employer(span):
            kind = "Organization"  # "Andesco spokesman Pablo Ruiz"
        if kind is None and _is_name(words) and _whole_name(span):
            kind = CONTEXT_TYPES.get(label)
            if label == "NORP" and not _a_party(span):
                kind = None  # "Asian markets", "Muslim" as a word about faith
        if kind is None or kind not in LABEL_TYPES.get(label, ()) and kind != "Media":
            return None
        return Mention(
            span.start, span.end, Entity(slug(span.text), span.text, kind), "head"
        )

    def _outlet_before(self, span: Span) -> bool:
        """Whether an outlet owns the name: "VOA's Urdu Service", "BBC Persian"."""
        doc, i = span.doc, span.start - 1
        if i >= 0 and doc[i].tag_ == "POS":
            i -= 1
        return i >= 0 and any(e.type == "Media" for e in self.gaz.lookup(doc[i].text))

    def _acronym_mentions(self, doc: Doc, state: _State) -> list[Mention]:
        """Mentions of "Long Name (ACR)" pairs; the acronym then names the entity."""
        mentions: list[Mention] = []
        for tok in doc[2:-1]:
            acr = tok.text
            if not (
                doc[tok.i - 1].text == "("
                and doc[tok.i + 1].text == ")"
                and _ACRONYM.match(acr)
            ):
                continue
            start = _long_form_start(doc, tok.i - 1, acr)
            if start is None:
                continue
            end = tok.i - 2 if doc[tok.i - 2].tag_ == "POS" else tok.i - 1
            entity = self._long_form_entity(doc[start:end], acr)  # less its "'s"
            if entity is None:
                continue
            state.acronyms[acr] = entity
            mentions.append(Mention(start, end, entity, "acronym"))
            mentions.append(Mention(tok.i, tok.i + 1, entity, "acronym"))
        return mentions

    def _long_form_entity(self, long: Span, acr: str) -> Entity | None:
        for name in (long.text, acr):
            entries = self.gaz.lookup(name)
            if entries:
                return entity_of(entries[0])
        kind = head_type([t.text for t in long])
        if kind is None or kind == "Location":
            return None
        return Entity(slug(long.text), long.text, kind, aliases=(acr,))


def _article_prefix(tok: Token) -> bool:
    """The Arabic article of a name, "al-" or "el-" ("al-Qaeda in Iraq (AQI)")."""
    after = tok.doc[tok.i + 1 : tok.i + 2]
    return tok.lower_ in ("al", "el") and after.text == "-"


def _long_form_start(doc: Doc, paren: int, acr: str) -> int | None:
    """Where the words whose initials spell the acronym start, ending at ``paren``."""
    letters = [c.upper() for c in acr if c.isalpha()]
    words = [t for t in doc[max(0, paren - 12) : paren] if t.is_alpha]

    def match(wi: int, li: int) -> int | None:
        if li < 0:
            return wi + 1
        if wi < 0:
            return None
        word = words[wi]
        if word.text[0].isupper() and word.text[0] == letters[li]:
            found = match(wi - 1, li - 1)
            if found is not None:
                return found
        if word.lower_ in _FUNCTION_WORDS or _article_prefix(word):
            if word.text[0].upper() == letters[li] and (found := match(wi - 1, li - 1)):
                return found
            return match(wi - 1, li)
        return None

    first = match(len(words) - 1, len(letters) - 1)
    if first is None:
        first = _letters_start(words, acr)
    if first is None or first >= len(words) or len(words) - first < 2:
        return None
    if any(t.is_sent_start for t in doc[words[first].i + 1 : paren]):
        return None
    return words[first].i


def _letters_start(words: list[Token], acr: str) -> int | None:
    """Where the shortest run of capitalised words ending before the parenthesis
    starts whose letters hold the acronym's in order, the first letter its first
    word's ("Naval Forces Central Command (NAVCENT)", "Central Command
    (CENTCOM)": an acronym of syllables, not initials; after Schwartz and
    Hearst's rule for abbreviations in text)."""
    short = acr.lower()
    for first in range(len(words) - 2, max(-1, len(words) - 9), -1):
        run = words[first:]
        if not all(w.text[0].isupper() or w.lower_ in _FUNCTION_WORDS for w in run):
            return None
        if run[0].lower_[0] != short[0]:
            continue
        letters = iter("".join(w.lower_ for w in run))
        if all(c in letters for c in short):
            return first
    return None


_LOWER_WORD = re.compile(r"(?<![\w'’-])[a-z]+(?![\w'’-])")
_JOINERS = frozenset({"of", "for", "and", "&", "on", "the"})


def _capital_run(doc: Doc, i: int, step: int) -> int:
    """The last index of the run of capitalised words from ``i`` in direction step."""
    while 0 <= i + step < len(doc) and _capitalised(doc[i + step]):
        i += step
    return i


def _capitalised(tok: Token, *, inside: bool = False) -> bool:
    """A capitalised word that may belong to an organisation's name (``inside`` a
    name a country may too: "Council of the United States")."""
    kinds = ("", "ORG", "GPE", "LOC", "Country") if inside else ("", "ORG")
    return tok.is_alpha and tok.text[:1].isupper() and tok.ent_type_ in kinds


#: Staff titles a company's name stands before: "Andesco engineer Pablo Ruiz".
STAFF_TITLES = OFFICE_NOUNS | {"engineer", "economist", "scientist", "executive", "ceo",
                               "founder", "lawyer", "manager", "official"}


def _employer(span: Span) -> bool:
    """Whether a name in no table stands before a staff title and a person's name:
    "Andesco spokesman Pablo Ruiz" (the tagger's organisation, no head noun)."""
    doc, j = span.doc, span.end
    return (
        j + 1 < len(doc)
        and doc[j].lower_ in STAFF_TITLES
        and doc[j + 1].ent_type_ == "PERSON"
        and not any(t.ent_type_ == "PERSON" for t in span)
    )


def _past_hyphen(doc: Doc, end: int) -> int:
    """The end of a name the tokenizer split at a hyphen ("Office of Counter" +
    "-Terrorism", "Community of Portuguese" + "-speaking Countries"): the glued
    word, then the capitalised words that follow it."""
    if (
        end + 1 < len(doc)
        and doc[end].text == "-"
        and not doc[end - 1].whitespace_
        and not doc[end].whitespace_
        and doc[end + 1].is_alpha
    ):
        end += 2
    elif not (end >= 2 and doc[end - 2].text == "-" and doc[end - 1].is_lower):
        return end  # (a name that ends "Portuguese-speaking" goes on too)
    while end < len(doc) and doc[end].is_title and doc[end].ent_type_ in ("", "ORG"):
        end += 1
    return end


def _widen(span: Span) -> Span:
    """An organisation's name the tagger cut, made whole again: "Bureau of European"
    + "and Eurasian Affairs"; "Homeland Security" after "Department of"."""
    doc, start, end = span.doc, span.start, span.end
    while end - start > 1 and doc[end - 1].lower_ in _JOINERS:
        end -= 1  # "the University of" + "Somalia"
    while True:
        end = _past_hyphen(doc, end)
        k = end
        while k < len(doc) and doc[k].lower_ in _JOINERS:
            k += 1
        # a country may end a name after "of" ("Council of the United States"),
        # not after "and" ("Acme Corp and Iran" are two actors)
        of = any(t.lower_ in ("of", "for", "on") for t in doc[end - 1 : k])
        if k == end or k >= len(doc) or not _capitalised(doc[k], inside=of):
            break
        stop = k + 1
        while stop < len(doc) and _capitalised(doc[stop], inside=of):
            stop += 1
        if doc[stop - 1].lower_ in PERSON_TITLES:
            break  # "the Department of X and Secretary Y": a person comes next
        end = stop
    k = start - 1
    while k >= 0 and doc[k].lower_ in _JOINERS:
        k -= 1
    if k < start - 1 and k >= 0 and _capitalised(doc[k]) and not doc[k].is_sent_start:
        start = _capital_run(doc, k, -1)
    return doc[start:end]


#: Dependencies of a noun phrase that acts or is acted on.
PARTY_DEPS = frozenset(
    {"nsubj", "nsubjpass", "dobj", "iobj", "dative", "appos", "conj"}
)
#: Prepositions whose object takes part in an event ("attacks on", "talks with").
PARTY_PREPOSITIONS = frozenset({"by", "with", "against", "on", "between", "from", "to"})


def _a_party(span: Span) -> bool:
    """Whether a group's name acts or is acted on as a noun: "Kurds fought", "the
    attack on Hazaras"; not an adjective ("Asian markets")."""
    root = span.root
    if root.tag_ not in ("NNPS", "NNS", "NNP") or root.dep_ in ("amod", "compound"):
        return False
    if root.dep_ in PARTY_DEPS:
        return True
    return root.dep_ == "pobj" and root.head.lower_ in PARTY_PREPOSITIONS


def _two_names(span: Span) -> bool:
    """ "Islam and Judaism", "the Iraqi Government and the Kurdish Regional
    Government": two names joined by "and" (not "Department of Water and Sanitation",
    whose "and" joins the words after "of")."""
    ands = [t.i for t in span if t.lower_ in ("and", "&")]
    if not ands:
        return False
    before = span.doc[span.start : ands[0]]
    return not any(t.lower_ in ("of", "for", "on") for t in before)


def _whole_name(span: Span) -> bool:
    """Whether a tagged span is one whole name: not cut ("Bureau of European"), not
    a list ("Twitter, Instagram and Facebook"), not a doctrine ("Islamism") and not
    an adjective ("African countries", "Western allies")."""
    first, last = span[0], span[-1]
    if first.lower_ in _FUNCTION_WORDS or last.lower_ in _FUNCTION_WORDS:
        return False
    if any(t.text == "," for t in span) or _two_names(span) or _common_word(span):
        return False
    if len(span) == 1 and (
        first.lower_.endswith("ism")
        or first.tag_ in ("JJ", "JJR", "JJS", "NN", "NNS")  # "Gunmen attacked"
        or first.lower_ in HEAD_TYPES  # "the Council": a head noun alone
        or first.lower_ in COMPASS
        or first.dep_ == "compound"  # "Defense Minister": part of a title
        and (first.head.lower_ in OFFICE_NOUNS or not first.is_upper
             or first.head.tag_ in ("NNP", "NNPS"))  # "WB Yeats": initials
    ):
        return False
    return not (len(span) == 1 and first.ent_type_ == "NORP" and first.dep_ == "amod")


def _description_fits(span: Span) -> bool:
    """A description ("the nuclear watchdog") names the entity only after "the"."""
    doc = span.doc
    window = doc[max(0, span.start - 3) : span.start]
    if not any(t.lower_ == "the" for t in window):
        return False
    return not any(
        t.tag_ == "POS" or t.ent_type_ in ("NORP", "Country") for t in window
    )


def _without_owner(name: str, country: GazetteerEntry) -> str | None:
    """A body's name less its owner ("iran foreign ministry": "foreign ministry")."""
    owners = {normalise(n) for n in country.names()} | {
        normalise(d) for d in country.demonyms
    }
    for owner in sorted(owners, key=len, reverse=True):
        if name.startswith(owner + " "):
            return name[len(owner) + 1 :]
        if name.endswith(" of " + owner):
            return name[: -len(owner) - 4]
    return name


def _outermost(mentions: list[Mention]) -> list[Mention]:
    """The mentions that lie inside no longer one (a name made whole again holds
    the names the tagger cut it into)."""
    ranked = sorted(mentions, key=lambda m: (m.start - m.end, m.start))
    taken: set[int] = set()
    kept = []
    for m in ranked:
        if not taken.intersection(range(m.start, m.end)):
            kept.append(m)
            taken.update(range(m.start, m.end))
    return sorted(kept, key=lambda m: (m.start, -m.end))


def _join_names(mentions: list[Mention]) -> list[Mention]:
    """A given name before a known person's surname is one name: "Esmail" + "Baqaei"."""
    out: list[Mention] = []
    for m in mentions:
        last = out[-1] if out else None
        if (
            last is not None
            and last.end == m.start
            and last.entity.type == "Person"
            and m.entity.type == "Person"
            and "person" in (last.how, m.how)
        ):
            known = m if last.how == "person" else last
            out[-1] = Mention(last.start, m.end, known.entity, known.how)
        else:
            out.append(m)
    return out


def _shouted_word(doc: Doc, m: Mention) -> bool:
    """A one-word mention in capitals inside a sentence written in capitals ("LET
    US HOPE", "THE CAR BOMB"): there an acronym cannot be told from a word."""
    tok = doc[m.start]
    if m.end - m.start != 1 or not tok.text.isupper():
        return False
    words = [t for t in tok.sent if t.is_alpha and len(t) > 1]
    shouted = sum(t.text.isupper() for t in words)
    return len(words) >= 4 and shouted >= 0.8 * len(words)


_ARTICLES = re.compile(r"\b(?:al|el|ad|an|ar|as|ash|at|az|ud|ul)-")


def _without_articles(key: str) -> str:
    """A normalised name without Arabic articles: "nouri al-maliki" -> "nouri
    maliki", so that a person written with and without them is one."""
    return _ARTICLES.sub("", key)

