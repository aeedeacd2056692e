"""Mentions that news writing makes without a name the tagger sees: the town
of a dateline ("CUSCO, PERU — …"), the party of a politician's title
("Republican Senator X") and the names of military units ("the 158th Fighter
Wing", "Task Force 50"). Called by :class:`ingest.actors.ActorFinder` on its
mentions (which imports this module when it runs: this one needs its types)."""

from __future__ import annotations

import re

from geokg.graph.model import Entity
from geokg.ingest.actors import Mention, entity_of, slug, spans_matching, words_in_text
from geokg.ingest.gazetteer import load_gazetteer
from geokg.ingest.titles import PARTY_TITLES, PARTY_WORDS, US_LAWMAKERS, US_PARTIES
from spacy.tokens import Doc, Token


def party_mentions(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """The party a word before a politician's title names: "Republican Senator
    X", "Democratic U.S. Congressman Y" (ingest.titles.PARTY_WORDS)."""
    taken = {i: m for m in mentions for i in range(m.start, m.end)}
    found = []
    for tok in words_in_text(doc, _PARTY_WORDS, ignore_case=False):
        party = PARTY_WORDS.get(tok.text)
        if party is None or tok.i in taken or tok.i + 1 >= len(doc):
            continue
        after = doc[tok.i + 1]
        if after.i in taken and taken[after.i].entity.type == "Country":
            end = taken[after.i].end  # "Democratic U.S. Congressman"
            after = doc[end] if end < len(doc) else after
        if after.lower_ in PARTY_TITLES:
            entity = Entity(slug(party), party, "Group")
            found.append(Mention(tok.i, tok.i + 1, entity, "party"))
        elif (
            after.lower_ in US_LAWMAKERS
            and party in US_PARTIES
            and names_the_us(mentions)
        ):
            # "Republican lawmakers praised …": members of the U.S. Congress
            congress = load_gazetteer().get("us-congress")
            if congress is not None:
                found.append(
                    Mention(tok.i, after.i + 1, entity_of(congress), "sector")
                )
    return found


def names_the_us(mentions: list[Mention]) -> bool:
    """Whether a document names the United States or one of its bodies: its two
    parties' words are others' parties' too ("Democratic lawmakers" in Seoul)."""
    gaz = load_gazetteer()
    return any(
        m.entity.id in ("united-states", "washington")
        or m.entity.id.startswith("us-")
        or getattr(gaz.get(m.entity.id), "country", None) == "united-states"
        for m in mentions
    )


_PARTY_WORDS = frozenset(PARTY_WORDS)



#: Dashes that end a news dateline ("MARANCHON, SPAIN — The air …").
DATELINE_DASHES = frozenset({"—", "–", "-", "--"})


def dateline_place(doc: Doc, mentions: list[Mention]) -> Mention | None:
    """The town of a news dateline, "CUSCO, PERU — …": capitals, a comma, the
    country (or region) a mention names, a dash. The town is a place; the
    country after it holds it (ingest.places)."""
    i = 0
    while i < len(doc) and doc[i].is_space:
        i += 1
    stop = i
    while stop < min(len(doc), i + 4) and doc[stop].is_upper and doc[stop].is_alpha:
        stop += 1
    if stop == i or stop + 1 >= len(doc) or doc[stop].text != ",":
        return None
    after = next((m for m in mentions if m.start == stop + 1), None)
    if after is None or after.entity.type not in ("Country", "Location"):
        return None
    if after.end >= len(doc) or doc[after.end].text not in DATELINE_DASHES:
        return None
    if any(m.start < stop and m.end > i for m in mentions):
        return None  # the town is a known name already
    label = " ".join(t.text.title() for t in doc[i:stop])
    return Mention(i, stop, Entity(slug(label), label, "Location"), "dateline")


#: Nouns that end the name of a military unit or command ("Fighter Wing",
#: "Naval Forces Central Command", "Task Force 50").
UNIT_NOUNS = frozenset(
    {"Wing", "Squadron", "Group", "Battalion", "Regiment", "Brigade", "Division",
     "Fleet", "Command", "Corps", "Force", "Forces", "Battery", "Detachment",
     "Flotilla"}
)
#: Tagger labels that do not make the words a name ActorFinder reads ("Task
#: Force 50" is often tagged a product).
NOT_NAMES = frozenset({"", "ORDINAL", "CARDINAL", "PRODUCT"})
#: Words that name a kind of force, not one unit: "Armed Forces", "Air Force",
#: "Special Forces" are a state's (ingest.sectors), no unit of their own.
GENERIC_UNIT_WORDS = frozenset(
    {"Armed", "Naval", "Air", "Special", "Ground", "Security", "Defense", "Defence",
     "Military", "Land", "Marine", "Joint", "Coalition", "Allied", "Government",
     "Police", "Regular", "Reserve", "Border", "Task"}
)
_ORDINAL = re.compile(r"^\d+(?:st|nd|rd|th)$")
_UNIT_ACRONYM = re.compile(r"^[A-Z]{2,5}$")


def unit_mentions(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Names of military units the tagger did not see: an ordinal and capitalised
    words ("the 158th Fighter Wing", "the 407th AEG"), or two or more capitalised
    words ending in a unit noun ("Naval Forces Central Command", "Task Force 50",
    a number after it; "CTF 50" after "Task Force (CTF) 50"). A state's body
    (GovernmentBody); words a mention already covers ("U.S.") stay that
    mention's."""
    taken = {i for m in mentions for i in range(m.start, m.end)}
    found: list[Mention] = []
    short: dict[tuple[str, str], Entity] = {}  # ("CTF", "50") -> Task Force 50
    after = 0
    for i in _unit_starts(doc, taken):
        end = _unit_end(doc, i, taken) if i >= after else None
        if end is None:
            continue
        inner = [t for t in doc[i:end] if doc[t.i - 1].text == "(" and t.i + 1 < end]
        label = " ".join(  # less an acronym between name and number
            t.text for t in doc[i:end] if t.text not in "()" and t not in inner
        )
        entity = Entity(slug(label), label, "GovernmentBody")
        found.append(Mention(i, end, entity, "unit"))
        if inner:
            short[(inner[0].text, doc[end - 1].text)] = entity
        after = end
    for (acr, number), entity in short.items():  # "CTF 50" later on (the longer
        for span in spans_matching(doc, rf"\b{re.escape(acr)} {number}\b"):
            inside = any(f.start <= span.start < f.end for f in found)
            if not inside and span.end - 1 not in taken:  # mention wins over "CTF")
                found.append(Mention(span.start, span.end, entity, "unit"))
    return found


#: Where a unit's name may end or start, in the text: a unit noun, an ordinal.
_UNIT_WORDS = re.compile(
    r"\b(?:" + "|".join(sorted(UNIT_NOUNS)) + r")\b|\b\d+(?:st|nd|rd|th)\b"
)


def _unit_starts(doc: Doc, taken: set[int]) -> list[int]:
    """The tokens a unit's name may start at, in order: an ordinal, or the first
    of the capitalised words before a unit noun (found in the text, so that the
    tokens of a document without one are never looked at)."""
    starts = set()
    for span in spans_matching(doc, _UNIT_WORDS):
        i = span.start
        if not span.text[0].isdigit():
            while i > 0 and i - 1 not in taken and (
                _capital(doc[i - 1]) or _ORDINAL.match(doc[i - 1].text)
            ):
                i -= 1
        starts.add(i)
    return sorted(starts)


def _unit_end(doc: Doc, i: int, taken: set[int]) -> int | None:
    """Where a unit's name starting at token ``i`` ends, if one starts there."""
    ordinal = _ORDINAL.match(doc[i].text) is not None
    if i in taken or not (ordinal or _capital(doc[i])):
        return None
    if i > 0 and (_capital(doc[i - 1]) or _ORDINAL.match(doc[i - 1].text)) and (
        i - 1 not in taken
    ):
        return None  # not the first word of the name
    j = i + 1 if ordinal else i
    while j < len(doc) and j not in taken and _capital(doc[j]):
        j += 1
    words = doc[i + ordinal : j]
    if not words or not ordinal and any(t.ent_type_ not in NOT_NAMES for t in words):
        return None  # the tagger named these words and ActorFinder let them be
    last = words[-1].text
    if ordinal and (last in UNIT_NOUNS or _UNIT_ACRONYM.match(last)):
        return j
    if last not in UNIT_NOUNS or len(words) < 2 or words[0].is_sent_start:
        return None
    number = _number_after(doc, j)
    if number is None and all(t.text in GENERIC_UNIT_WORDS | UNIT_NOUNS for t in words):
        return None  # "Armed Forces", "Special Forces": which state's is the sector's
    return number or j


def _number_after(doc: Doc, j: int) -> int | None:
    """The end of a unit's number after its name: "Task Force 50", "Task Force
    (CTF) 50" (its acronym between)."""
    if j < len(doc) and doc[j].text == "(" and j + 3 < len(doc) and (
        doc[j + 2].text == ")"
    ):
        j += 3
    return j + 1 if j < len(doc) and doc[j].text.isdigit() else None


def _capital(tok: Token) -> bool:
    return tok.is_alpha and tok.text[0].isupper() and tok.tag_ in ("NNP", "NNPS")


#: Dashes that join the parts of one body's name ("Combined Joint Task Force –
#: Inherent Resolve", "Jordan Armed Forces – Arab Army").
NAME_DASHES = frozenset({"–", "—"})
BODY_TYPES = frozenset({"Organization", "GovernmentBody", "Group"})


def dashed_names(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Mentions of a body whose name goes on after a dash, widened over the rest
    of the name (capitalised words no mention of a person or place covers); the
    entity stays the one the first part names."""
    owner = {i: m for m in mentions for i in range(m.start, m.end)}
    out = []
    for m in mentions:
        end = m.end
        if (
            m.entity.type in BODY_TYPES
            and m.names_entity
            and end + 1 < len(doc)
            and doc[end].text in NAME_DASHES
        ):
            j = end + 1
            while j < len(doc) and _capital(doc[j]) and (
                j not in owner or owner[j].entity.type in BODY_TYPES
            ):
                j += 1
            if j > end + 1:
                m = Mention(m.start, j, m.entity, m.how)
        out.append(m)
    return out


def written_mentions(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """The dateline's town, the party words of titles and the names of military
    units, beside ``mentions``."""
    town = dateline_place(doc, mentions)
    return (
        ([town] if town is not None else [])
        + party_mentions(doc, mentions)
        + unit_mentions(doc, mentions)
    )
