"""Mentions that news writing makes without a name the tagger sees: the town
of a dateline ("CUSCO, PERU — …") and the party of a politician's title
("Republican Senator X"). Called by :class:`ingest.actors.ActorFinder` on its
mentions (which imports this module when it runs: this one needs its types)."""

from __future__ import annotations

from geokg.graph.model import Entity
from geokg.ingest.actors import Mention, slug
from geokg.ingest.titles import PARTY_TITLES, PARTY_WORDS
from spacy.tokens import Doc


def party_mentions(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """The party a word before a politician's title names: "Republican Senator
    X", "Democratic U.S. Congressman Y" (ingest.titles.PARTY_WORDS)."""
    taken = {i: m for m in mentions for i in range(m.start, m.end)}
    found = []
    for tok in doc:
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
    return found


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


def written_mentions(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """The dateline's town and the party words of titles, beside ``mentions``."""
    town = dateline_place(doc, mentions)
    return ([town] if town is not None else []) + party_mentions(doc, mentions)
