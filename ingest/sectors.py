"""Sector actors: a state's government, armed forces, police … named by an agent noun.

"Syrian government forces", "Iraqi troops", "Somalia's security forces", "the
forces of Syria", "Nigerian officials", "the Assad regime" each name one actor:
the sector of a state, with its own node (``kenya-government``,
``syria-armed-forces``) whose ``parent`` attribute is the state. Rebels,
insurgents, militants and the opposition of a country are a Group of that
country ("Syrian rebels"), never the state.

The agent nouns and their sectors come from the Phoenix agents dictionary
(``ingest/data/phoenix_agents.json``, made by ``ingest/phoenix.py``). The
owner of an agent noun is, in order: a country (or demonym, or capital) that
modifies it or owns it ("Somalia's"), a person it is named after ("the Assad
regime", the person's country in the gazetteer), a group whose country the
gazetteer knows ("the Taliban government"), an "of" phrase ("the government
of Kenya"). A bare agent noun ("security forces said") takes the one country
its sentence names, or, if the sentence names none, the one its neighbours
name; otherwise it names no one.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable
from dataclasses import dataclass

from geokg.graph.model import Entity
from geokg.ingest.arrays import tokens_among
from geokg.ingest.gazetteer import DATA_DIR, Gazetteer, GazetteerEntry
from geokg.ingest.titles import OFFICE_NOUNS
from spacy.tokens import Doc, Span, Token

#: Sectors of a state: (id suffix, label noun, gazetteer body kind that is it).
STATE_SECTORS = {
    "government": ("government", "government", None),
    "military": ("armed-forces", "armed forces", "armed-forces"),
    "police": ("police", "police", None),
    "intelligence": ("intelligence", "intelligence services", "intelligence-agency"),
    "legislature": ("legislature", "legislature", "legislature"),
    "judiciary": ("judiciary", "judiciary", None),
}
#: Non-state sectors of a country: (id suffix, label noun).
GROUP_SECTORS = {
    "rebels": ("rebels", "rebels"),
    "insurgents": ("insurgents", "insurgents"),
    "opposition": ("opposition", "opposition"),
    "armed group": ("militants", "militants"),
}
#: Sectors a bare agent noun may name when its context names one state:
#: "the court", "parliament", "militants" are more often a body or group named
#: nearby, not the state's whole judiciary or a country's militants.
BARE_SECTORS = frozenset({"government", "military", "police"})
#: Words that open a list of a group's members.
LIST_WORDS = frozenset({"including", "like", "among", "such"})
#: Nouns of one person beside the office nouns of ingest.roles: in the singular
#: none names a sector ("Peru's foreign minister", "the Kenyan judge").
ONE_PERSON = frozenset({"dictator", "diplomat", "judge", "official", "prosecutor"})
#: Which sector wins when the dictionary gives a phrase several.
_PRIORITY = (*STATE_SECTORS, *GROUP_SECTORS)
#: Dependency labels of a modifier that may name the owner.
_OWNER_DEPS = frozenset({"amod", "compound", "poss", "nmod", "npadvmod"})
_MAX_WORDS = 4


@dataclass(frozen=True)
class AgentTable:
    """Agent phrases (lower case, singular) -> our sector name."""

    phrases: dict[str, str]

    @functools.cached_property
    def heads(self) -> frozenset[str]:
        """The last words of the phrases: a noun that is none ends no phrase."""
        return frozenset(p.rsplit(" ", 1)[-1] for p in self.phrases)

    def sector(self, words: Iterable[str]) -> str | None:
        """The sector of a phrase, if the dictionary has it."""
        return self.phrases.get(" ".join(words))


def parse_agents(data: dict) -> AgentTable:
    """The agent table of a parsed ``phoenix_agents.json``: only sectors we model."""
    found: dict[str, set[str]] = {}
    for row in data["agents"]:
        sector = row.get("sector")
        if sector not in STATE_SECTORS and sector not in GROUP_SECTORS:
            continue
        for phrase in {row["words"], row.get("plural") or row["words"]}:
            found.setdefault(" ".join(phrase.lower().split()), set()).add(sector)
    ranked = {
        phrase: min(sectors, key=_PRIORITY.index) for phrase, sectors in found.items()
    }
    return AgentTable(dict(sorted(ranked.items())))


#: Sectors of private people: a demonym before one of their nouns names people
#: of that country, never its state ("Chinese tourists visited Vietnam").
PRIVATE_SECTORS = frozenset(
    {"civilian", "education", "business", "media", "refugees", "labour",
     "agriculture", "health", "criminal"}
)


@functools.lru_cache(maxsize=1)
def private_nouns() -> frozenset[str]:
    """One-word agent nouns (singular and plural) the agent tables give only
    sectors of private people: "tourist", "students", "businessmen"; not an
    office ("spokesperson", "ambassador")."""
    sectors: dict[str, set[str]] = {}
    for name in AGENT_TABLES:
        with (DATA_DIR / name).open(encoding="utf-8") as handle:
            for row in json.load(handle)["agents"]:
                for word in {row["words"], row.get("plural") or row["words"]}:
                    if " " not in word.strip():
                        key = word.strip().lower()
                        sectors.setdefault(key, set()).add(row.get("sector"))
    return frozenset(
        w
        for w, found in sectors.items()
        if found <= PRIVATE_SECTORS and w.rstrip("s") not in OFFICE_NOUNS
        and w not in OFFICE_NOUNS
    )


#: The agent tables: derived from Phoenix, then the hand-written rows beside it.
AGENT_TABLES = ("phoenix_agents.json", "agents.json")


@functools.lru_cache(maxsize=1)
def load_agents() -> AgentTable:
    """The packaged agent tables, as one."""
    rows: list[dict] = []
    for name in AGENT_TABLES:
        with (DATA_DIR / name).open(encoding="utf-8") as handle:
            rows += json.load(handle)["agents"]
    return parse_agents({"agents": rows})


def sector_entity(gaz: Gazetteer, country: GazetteerEntry, sector: str) -> Entity:
    """The node of one sector of one state (a gazetteer body where there is one)."""
    if sector in GROUP_SECTORS:
        suffix, noun = GROUP_SECTORS[sector]
        return Entity(
            id=f"{country.id}-{suffix}",
            label=f"{_adjective(country)} {noun}",
            type="Group",
            attributes=(("country", country.id),),
        )
    suffix, noun, kind = STATE_SECTORS[sector]
    body = gaz.government_body(country.id, kind) if kind else None
    if body is not None:
        return Entity(
            id=body.id,
            label=body.label,
            type=body.type,
            aliases=tuple(sorted(set(body.aliases))),
            wikidata=body.wikidata,
            attributes=(("parent", country.id), ("sector", sector)),
        )
    return Entity(
        id=f"{country.id}-{suffix}",
        label=f"{_adjective(country)} {noun}",
        type="GovernmentBody",
        attributes=(("parent", country.id), ("sector", sector)),
    )


def _adjective(country: GazetteerEntry) -> str:
    return country.demonyms[0] if country.demonyms else country.label


@dataclass(frozen=True)
class SectorSpan:
    """An agent phrase found in the text, with its owner if one was named."""

    start: int
    end: int
    sector: str
    owner: str | None  # a country id
    head: int


class SectorFinder:
    """Finds sector actors among a document's tokens, given the actor mentions."""

    def __init__(self, gaz: Gazetteer, agents: AgentTable | None = None) -> None:
        self.gaz = gaz
        self.agents = agents or load_agents()

    def find(self, doc: Doc, at: dict[int, Entity]) -> list[SectorSpan]:
        """Every agent phrase with an owner; ``at`` maps token index -> entity."""
        countries = _sentence_countries(doc, at)
        heads = self.agents.heads  # found in the arrays, not by every token
        found = (self._span(doc[i], at, countries) for i in tokens_among(doc, heads))
        return [s for s in found if s is not None]

    def _span(
        self, tok: Token, at: dict[int, Entity], countries: list[_Countries]
    ) -> SectorSpan | None:
        """The sector actor whose agent phrase ends at the token, if it names one."""
        if tok.i in at or tok.pos_ not in ("NOUN", "PROPN") or tok.dep_ == "compound":
            return None
        match = self._phrase(tok, at)
        if match is None or not self._acting_group(tok, at, match):
            return None
        start, sector = match
        owner = self._owner(tok.doc[start : tok.i + 1], tok, at, sector)
        if owner is not None:
            lo, hi, country = owner
            return SectorSpan(
                min(lo, start), max(hi, tok.i + 1), sector, country, tok.i
            )
        if sector not in BARE_SECTORS or not _definite(tok):
            return None  # bare "militants", "the court" are often a named one's
        country = _only_country(countries, tok)
        return SectorSpan(start, tok.i + 1, sector, country, tok.i) if country else None

    def _acting_group(
        self, tok: Token, at: dict[int, Entity], match: tuple[int, str]
    ) -> bool:
        """Whether the agent phrase names a sector acting as one: not a person's title,
        not one office holder, not an event, not a group whose members are listed,
        not the forces of a body or group."""
        start, sector = match
        phrase = tok.doc[start : tok.i + 1]
        if self._names_person(tok, at) or self._other_owner(tok, at, sector):
            return False
        if any(t.lemma_.lower() in _one_person() and t.tag_ != "NNS" for t in phrase):
            return False  # "Peru's foreign minister" is one person, not a sector
        if sector in GROUP_SECTORS and not _people(tok):
            return False  # "a revolt", "the insurgency": an event, not its fighters
        # "officials, including A and B": the members act
        return not any(
            c.dep_ == "prep" and c.lower_ in LIST_WORDS for c in tok.children
        )

    def _phrase(self, head: Token, at: dict[int, Entity]) -> tuple[int, str] | None:
        """(start, sector) of the longest agent phrase that ends at the head."""
        lemma = head.lemma_.lower()
        if lemma not in self.agents.heads and head.lower_ not in self.agents.heads:
            return None  # most nouns end no agent phrase: a set lookup tells
        for size in range(_MAX_WORDS, 0, -1):
            start = head.i - size + 1
            if start < 0:
                continue
            mods = head.doc[start : head.i]
            if size > 1 and any(t.is_sent_start for t in (*mods[1:], head)):
                continue  # the phrase would cross a sentence start
            if any(t.i in at or t.head.i > head.i or not t.is_alpha for t in mods):
                continue
            words = [t.lower_ for t in mods]
            sector = self.agents.sector([*words, lemma]) or self.agents.sector(
                [*words, head.lower_]
            )
            if sector is not None:
                return start, sector
        return None

    def _owner(
        self, phrase: Span, head: Token, at: dict[int, Entity], sector: str
    ) -> tuple[int, int, str] | None:
        """(start, end, country id) of the owner the phrase names, if exactly one."""
        owners: dict[str, tuple[int, int]] = {}
        for tok in (head, *phrase):
            for child in tok.children:
                if child.dep_ in _OWNER_DEPS and child.i < head.i:
                    self._add_owner(owners, child, at, sector, before=True)
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ in ("of", "in"):
                for obj in prep.children:
                    if obj.dep_ == "pobj":
                        self._add_owner(owners, obj, at, sector, before=False)
        if len(owners) != 1:
            return None
        ((country, (lo, hi)),) = owners.items()
        return lo, hi, country

    def _add_owner(
        self,
        owners: dict[str, tuple[int, int]],
        tok: Token,
        at: dict[int, Entity],
        sector: str,
        *,
        before: bool,
    ) -> None:
        for conj in tok.conjuncts:  # "Malaysian and Thai officials": two owners
            if conj.i in at:
                owners.setdefault(f"conj:{conj.i}", (conj.i, conj.i + 1))
        entity = at.get(tok.i)
        country = self._country_of(entity, sector) if entity is not None else None
        if entity is None and tok.text[:1].isupper():  # a demonym the tagger missed
            entry = self.gaz.by_demonym(tok.text)
            country = (
                entry.id if entry is not None and entry.type == "Country" else None
            )
        if country is None:
            return
        lo, hi = tok.i, tok.i + 1
        while entity is not None and lo > 0 and at.get(lo - 1) is entity:
            lo -= 1
        while entity is not None and hi < len(tok.doc) and at.get(hi) is entity:
            hi += 1
        if before and hi < len(tok.doc) and tok.doc[hi].tag_ == "POS":
            hi += 1
        if not before:
            lo = tok.head.i  # "government of Kenya": the span runs to the owner
        owners.setdefault(country, (lo, hi))

    def _other_owner(self, tok: Token, at: dict[int, Entity], sector: str) -> bool:
        """Whether a modifier names an actor that is no state: "Coalition forces",
        "ISIL terrorists" are that body's or group's, not a state's sector."""
        return any(
            c.dep_ in _OWNER_DEPS
            and c.i in at
            and c.i < tok.i
            and self._country_of(at[c.i], sector) is None
            for c in tok.children
        )

    def _country_of(self, entity: Entity, sector: str) -> str | None:
        """The state an owner stands for: itself, a person's country ("the Assad
        regime"), a group's country only for the government it forms ("the
        Taliban government"; "Hamas fighters" are the group's own)."""
        if entity.type == "Country":
            return entity.id
        if entity.type == "Person" or (
            entity.type == "Group" and sector == "government"
        ):
            entry = self.gaz.get(entity.id)
            return entry.country if entry is not None else None
        return None

    def _names_person(self, tok: Token, at: dict[int, Entity]) -> bool:
        """Whether the noun is the title of a named person ("President Xi", "X, Iran's
        deputy minister", "the envoy, X")."""

        def person(t: Token) -> bool:
            return t.i in at and at[t.i].type == "Person"

        if person(tok.head) and (tok.dep_ == "appos" or tok.head.i > tok.i):
            return True
        return any(
            person(c) and (c.dep_ == "appos" or (c.dep_ == "compound" and c.i > tok.i))
            for c in tok.children
        )


@functools.cache
def _one_person() -> frozenset[str]:
    """Nouns of one office holder: ingest.roles' office nouns and ONE_PERSON."""
    return OFFICE_NOUNS | ONE_PERSON


def _people(tok: Token) -> bool:
    """Whether a group noun names people: plural ("rebels") or "the opposition"."""
    return tok.tag_ in ("NNS", "NNPS") or tok.lemma_.lower() == "opposition"


#: Possessives of the speaker or the one spoken to.
_SPEAKERS = frozenset({"our", "my", "your"})


def _definite(tok: Token) -> bool:
    """Whether a bare agent noun names a definite actor: "the government", "police",
    "officials said"; not "a government", "branches of government"."""
    if tok.tag_ != "NNS" and tok.dep_ not in ("nsubj", "nsubjpass"):
        return False  # "had the authority to": a singular noun acts as a subject
    if any(c.dep_ == "poss" and c.lower_ in _SPEAKERS for c in tok.children):
        return False  # "our troops": the speaker's, not the country named nearby
    det = [c.lower_ for c in tok.children if c.dep_ == "det"]
    if det:
        return det[0] in ("the", "this", "that", "these", "those")
    return tok.tag_ == "NNS" or tok.lemma_.lower() == "police"


#: One sentence's token range and the ids of the countries it names.
_Countries = tuple[int, int, frozenset[str]]


def _sentence_countries(doc: Doc, at: dict[int, Entity]) -> list[_Countries]:
    """Each sentence's (start, end, ids of the countries it names)."""
    out = []
    for sent in doc.sents:
        ids = {
            at[i].id
            for i in range(sent.start, sent.end)
            if i in at and at[i].type == "Country"
        }
        out.append((sent.start, sent.end, frozenset(ids)))
    return out


def _only_country(sentences: list[_Countries], tok: Token) -> str | None:
    """The one country the token's sentence names, else the one its neighbours name."""
    for n, (start, end, ids) in enumerate(sentences):
        if start <= tok.i < end:
            if ids:
                return next(iter(ids)) if len(ids) == 1 else None
            around: set[str] = set()
            for m in (n - 1, n + 1):
                if 0 <= m < len(sentences):
                    around |= sentences[m][2]
            return next(iter(around)) if len(around) == 1 else None
    return None
