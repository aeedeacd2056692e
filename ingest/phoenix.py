"""Converter of the Phoenix (PETRARCH2) coding dictionaries into geokg's derived tables.

    python -m geokg.ingest.phoenix [--source DIR] [--out DIR]

reads the dictionaries in ``DIR`` (default ``../shared/dictionaries/petrarch2``
beside the repository) and writes, into ``ingest/data`` unless ``--out`` says
otherwise::

    Phoenix.agents.txt                 -> phoenix_agents.json
    Phoenix.International.actors.txt   -> phoenix_international.json
    Phoenix.MilNonState.actors.txt     -> phoenix_nonstate.json
      (with the records of Phoenix.Countries.actors.txt that carry a
      non-state armed code, such as the Islamic State's)

Phoenix.Countries.actors.txt also teaches the first names of people, and the
agents and CAMEO.2.0.txt verb dictionaries the ordinary English words, that
``ingest.phoenix_names`` keeps out of actors' names.

The dictionaries are © 2014 Open Event Data Alliance under the MIT licence
(``LICENCE``/``ATTRIBUTION`` below); every table written here repeats both.

The dictionaries' syntax is read by ``ingest.tabari``; the rules that turn their
actor records into names are in ``ingest.phoenix_names``.
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from geokg.graph.errors import GeokgError, InputError
from geokg.ingest.gazetteer import normalise, slugify
from geokg.ingest.phoenix_names import (
    TITLES,
    NameContext,
    acronyms_of,
    display_name,
    given_names_of,
    is_person,
    is_role,
    label_of,
    raw_names,
    record_names,
    with_lower_article,
)
from geokg.ingest.tabari import (
    ActorRecord,
    AgentLine,
    english_plural,
    read_actors,
    read_agents,
    read_lines,
)

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = ROOT.parent / "shared" / "dictionaries" / "petrarch2"
DATA_DIR = Path(__file__).resolve().parent / "data"

SOURCE = (
    "openeventdata/petrarch2, commit 676801cd9cb2924bbbad09f86d15c9323e7097bf "
    "(2019-03-18), folder petrarch2/data/dictionaries/"
)
ATTRIBUTION = (
    "Derived from the Phoenix/PETRARCH2 coding dictionaries of the Open Event Data "
    "Alliance (https://github.com/openeventdata/petrarch2), Copyright (c) 2014 Open "
    "Event Data Alliance, released under the MIT License; CAMEO and the dictionaries' "
    "earlier versions by the Computational Event Data System Project "
    "(http://eventdata.parusanalytics.com), funded by the National Science "
    "Foundation and the University of Kansas."
)
LICENCE = """\
The MIT License (MIT)

Copyright (c) 2014 Open Event Data

Permission is hereby granted, free of charge, to any person obtaining a copy of \
this software and associated documentation files (the "Software"), to deal in \
the Software without restriction, including without limitation the rights to \
use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of \
the Software, and to permit persons to whom the Software is furnished to do so, \
subject to the following conditions:

The above copyright notice and this permission notice shall be included in all \
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR \
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS \
FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR \
COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER \
IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN \
CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
"""

AGENTS_FILE = "Phoenix.agents.txt"
INTERNATIONAL_FILE = "Phoenix.International.actors.txt"
NONSTATE_FILE = "Phoenix.MilNonState.actors.txt"
COUNTRIES_FILE = "Phoenix.Countries.actors.txt"
VERBS_FILE = "CAMEO.2.0.txt"


# ---------------------------------------------------------------- agents table

#: Phoenix's three-letter sector codes -> (our sector, its kind). Closed: a code
#: missing here is an error, so a new dictionary cannot slip in unread sectors.
SECTORS: dict[str, tuple[str, str]] = {
    "GOV": ("government", "state"),
    "MIL": ("military", "state"),
    "COP": ("police", "state"),
    "SPY": ("intelligence", "state"),
    "LEG": ("legislature", "state"),
    "JUD": ("judiciary", "state"),
    "REB": ("rebels", "non-state"),
    "INS": ("insurgents", "non-state"),
    "OPP": ("opposition", "non-state"),
    "UAF": ("armed group", "non-state"),
    "IMG": ("militant group", "non-state"),
    "AGR": ("agriculture", "other"),
    "BUD": ("buddhist", "other"),
    "BUS": ("business", "other"),
    "CHR": ("christian", "other"),
    "CRM": ("criminal", "other"),
    "CVL": ("civilian", "other"),
    "EDU": ("education", "other"),
    "ELI": ("elite", "other"),
    "ENV": ("environment", "other"),
    "HIN": ("hindu", "other"),
    "HLH": ("health", "other"),
    "HRI": ("human rights", "other"),
    "IGO": ("intergovernmental", "other"),
    "JEW": ("jewish", "other"),
    "LAB": ("labour", "other"),
    "MED": ("media", "other"),
    "MUS": ("muslim", "other"),
    "NGO": ("non-governmental", "other"),
    "PPL": ("people", "other"),
    "PTY": ("party", "other"),
    "RAD": ("radical", "other"),
    "REF": ("refugees", "other"),
    "REL": ("religious", "other"),
}

_USABLE_WORDS = re.compile(r"^[a-z0-9][a-z0-9 '.,&/()-]*$")


def sector_of(code: str, *, path: Path | None = None, line: int | None = None) -> str:
    """Our sector of an agent code: its first three letters (``~GOVAGR`` -> GOV)."""
    key = code.strip("~")[:3]
    if key not in SECTORS:
        raise InputError(
            f"unknown sector code {code!r}; add {key!r} to SECTORS in "
            f"ingest/phoenix.py (known: {', '.join(sorted(SECTORS))})",
            path=str(path) if path else None,
            line=line,
        )
    return SECTORS[key][0]


def agents_table(d: Dictionaries) -> dict:
    """``phoenix_agents.json``: the agent nouns and their sectors."""
    path = Path(AGENTS_FILE)
    rows: dict[tuple[str, str], dict] = {}
    dropped = 0
    for agent in d.agents:
        words = agent.words.lower()
        if not _USABLE_WORDS.match(words):
            dropped += 1
            continue
        sector = sector_of(agent.code, path=path, line=agent.line)
        plural = english_plural(words) if agent.plural is None else agent.plural.lower()
        row = {"words": words, "plural": plural, "code": agent.code, "sector": sector}
        rows.setdefault((words, agent.code), {k: v for k, v in row.items() if v})
    return {
        "about": (
            "Agent nouns of the Phoenix/PETRARCH2 agents dictionary and their sectors, "
            "generated by ingest/phoenix.py (do not edit; hand-written rows belong in "
            "another table). 'words' is the phrase as the file gives it (lower case, "
            "words joined by spaces); 'plural' is the file's irregular plural or, "
            "where the file leaves it to PETRARCH, the regular English plural "
            "(absent when the file says there is none or the phrase is already "
            "plural); 'code' is the Phoenix agent code (~GOV follows the actor's "
            "code, IGO~ precedes it; a phrase the file codes twice has a row per "
            "code); 'sector' is ours for the code's first three letters, and "
            f"'sectors' maps those to sector and kind. {dropped} unusable phrases "
            "(unexpanded markers, garbled characters) are left out."
        ),
        "sources": [f"{AGENTS_FILE} of {SOURCE}"],
        "licence": LICENCE,
        "attribution": ATTRIBUTION,
        "regenerate": "python -m geokg.ingest.phoenix",
        "sectors": {
            key: {"sector": sector, "kind": kind}
            for key, (sector, kind) in sorted(SECTORS.items())
        },
        "agents": [rows[key] for key in sorted(rows)],
    }


# ---------------------------------------------------------------- actor tables

#: Non-state armed sectors: a Countries record with one is a group for us.
_ARMED = re.compile(r"^(?:IMG|[A-Z]{3}(?:REB|INS|UAF|SEP|IMG))")
#: International kinds by code prefix, in the order a record's codes are tried.
_KINDS = (("IGO", "igo"), ("NGO", "ngo"), ("MNC", "company"))
_TYPE_OF_KIND = {
    "person": "Person",
    "igo": "Organization",
    "ngo": "Organization",
    "company": "Organization",
    "media": "Media",
    "group": "Group",
    "body": "GovernmentBody",
}


@dataclass(frozen=True)
class Dictionaries:
    """The source dictionaries, read once."""

    agents: list[AgentLine]
    international: list[ActorRecord]
    nonstate: list[ActorRecord]
    countries: list[ActorRecord]
    names: NameContext


def load(source: Path) -> Dictionaries:
    """Read every dictionary of ``source`` (an error names any that is missing)."""
    files = (AGENTS_FILE, INTERNATIONAL_FILE, NONSTATE_FILE, COUNTRIES_FILE, VERBS_FILE)
    missing = [name for name in files if not (source / name).is_file()]
    if missing:
        raise InputError(
            f"missing dictionaries {missing}; pass --source with the folder holding "
            "the PETRARCH2 dictionaries",
            path=str(source),
        )
    international = read_actors(source / INTERNATIONAL_FILE)
    nonstate = read_actors(source / NONSTATE_FILE)
    countries = read_actors(source / COUNTRIES_FILE)
    english = _vocabulary(source / AGENTS_FILE, source / VERBS_FILE)
    context = NameContext(
        acronyms=acronyms_of([*international, *nonstate, *countries]),
        given=given_names_of(countries, english),
        english=english,
    )
    return Dictionaries(
        read_agents(source / AGENTS_FILE), international, nonstate, countries, context
    )


def _vocabulary(*paths: Path) -> frozenset[str]:
    """The words of the agents and verbs dictionaries: ordinary English."""
    words: set[str] = set()
    for path in paths:
        for line in read_lines(path):
            words.update(re.findall(r"[A-Z]{2,}", line.text.upper()))
    return frozenset(words)


@dataclass
class _Entity:
    """An actor being built from one record (or several of one code)."""

    names: list[str]  # display forms, file order
    codes: list[str]
    kind: str
    order: int  # of its first record among those read


def _entities(
    records: Iterable[tuple[ActorRecord, str]], ctx: NameContext
) -> list[_Entity]:
    """One entity per usable record; records of one code sharing a name join."""
    entities: list[_Entity] = []
    by_key: dict[tuple[str, str], _Entity] = {}
    for order, (record, kind) in enumerate(records):
        names = record_names(record, ctx)
        if not names:
            continue
        codes = list(dict.fromkeys(c.code for c in record.codes))
        keys = [(codes[0] if codes else "", _loose(n)) for n in names]
        entity = next((by_key[k] for k in keys if k in by_key), None)
        if entity is None:
            entity = _Entity([], [], kind, order)
            entities.append(entity)
        entity.names += [n for n in names if n not in entity.names]
        entity.codes += [c for c in codes if c not in entity.codes]
        for key in keys:
            by_key.setdefault(key, entity)
    return entities


def _loose(name: str) -> str:
    """A name compared loosely: normalised, then letters and digits only."""
    return re.sub(r"[^0-9a-z]", "", normalise(name))


def _drop_shared_names(entities: list[_Entity]) -> None:
    """A name two entities hold stays with the first whose label it is, else none."""
    holders: dict[str, list[_Entity]] = {}
    for entity in entities:
        for name in entity.names:
            holders.setdefault(normalise(name), []).append(entity)
    for key, held in holders.items():
        if len({id(e) for e in held}) < 2:
            continue
        owner = next((e for e in held if normalise(label_of(e.names)) == key), None)
        for entity in held:
            if entity is not owner:
                entity.names = [n for n in entity.names if normalise(n) != key]


def entity_rows(entities: list[_Entity]) -> list[dict]:
    """Table rows of the entities: id (slug of the label), label, type, aliases."""
    _drop_shared_names(entities)
    rows, taken = [], set()
    for entity in sorted(entities, key=lambda e: e.order):
        if not entity.names:
            continue
        label = label_of(entity.names)
        slug = slugify(label)
        if slug in taken:
            slug = f"{slug}-{slugify(entity.codes[0])}" if entity.codes else slug
        base, n = slug, 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        taken.add(slug)
        aliases = [n for n in with_lower_article(entity.names) if n != label]
        rows.append(
            {
                "id": slug,
                "label": label,
                "type": _TYPE_OF_KIND[entity.kind],
                "kind": entity.kind,
                "aliases": aliases,
                "codes": entity.codes,
            }
        )
    return sorted(rows, key=lambda r: r["id"])


def _international_kind(record: ActorRecord) -> str | None:
    for prefix, kind in _KINDS:
        if any(c.code.startswith(prefix) for c in record.codes):
            return kind
    if any(c.code == "MED" or c.code[3:] == "MED" for c in record.codes):
        return "media"
    return None


def international_table(d: Dictionaries) -> dict:
    """``phoenix_international.json``: IGOs, NGOs, companies and media outlets."""
    records = [(r, k) for r in d.international if (k := _international_kind(r))]
    rows = entity_rows(_entities(records, d.names))
    return _actor_table(
        rows,
        "Intergovernmental bodies, NGOs, companies and media outlets of the Phoenix "
        "international actors dictionary",
        [INTERNATIONAL_FILE, COUNTRIES_FILE],
        "'kind' is igo, ngo, company (Phoenix codes IGO…, NGO…, MNC…) or media",
    )


def nonstate_table(d: Dictionaries) -> dict:
    """``phoenix_nonstate.json``: armed and other non-state groups."""
    armed = [r for r in d.countries if any(_ARMED.match(c.code) for c in r.codes)]
    records = [(r, "group") for r in [*d.nonstate, *armed]]
    rows = entity_rows(_entities(records, d.names))
    return _actor_table(
        rows,
        "Armed and other non-state groups of the Phoenix MilNonState actors "
        "dictionary, and the records of the Countries actors dictionary with a "
        "non-state armed code (IMG…, …REB, …INS, …UAF, …SEP)",
        [NONSTATE_FILE, COUNTRIES_FILE],
        "'kind' is group",
    )


#: Sectors of a state whose holders are its people in office or in politics.
_STATE_PEOPLE = frozenset({"GOV", "ELI", "LEG", "JUD", "MIL", "COP", "SPY", "PTY",
                           "OPP", "DIP"})
#: Country-code prefixes that are no state.
_NOT_STATES = frozenset({"IGO", "NGO", "MNC", "IMG", "UAF", "MED", "CVL", "REB"})


def _letters(word: str) -> bool:
    """A name word: letters, with dots and hyphens ("A.", "AL-ASSAD")."""
    return word.replace(".", "").replace("-", "").isalpha()


#: Particles that begin a surname ("AL ASSAD"), not a full name.
_LOWER_NAME_WORDS = frozenset(
    {"AL", "EL", "BIN", "BEN", "ABU", "UMM", "DE", "VAN", "VON"}
)
#: Words of a person record's phrases that make a phrase no name of the person:
#: "SENATOR OBAMA", "OBAMA ADMINISTRATION".
_NOT_NAME_WORDS = frozenset(
    "ADMINISTRATION CABINET CAMP FAMILY FORCES GOVERNMENT LOYALISTS REGIME SENATOR "
    "SUPPORTERS PRESIDENT-ELECT CONGRESSMAN CONGRESSWOMAN SPOKESMAN SPOKESWOMAN "
    "DEPUTY VICE SECRETARY PREMIER CHANCELLOR".split()
)


def _state_code(record: ActorRecord) -> str | None:
    """The code of the state a person served last: the latest-starting dated
    code of a state sector (an undated one if none is dated)."""
    codes = [
        c
        for c in record.codes
        if len(c.code) >= 6
        and c.code[:3].isalpha()
        and c.code[:3] not in _NOT_STATES
        and c.code[3:6] in _STATE_PEOPLE
    ]
    if not codes:
        return None
    latest = max(codes, key=lambda c: (c.start or c.end or "", -codes.index(c)))
    return latest.code[:6]


def _person_names(record: ActorRecord, ctx: NameContext) -> list[str]:
    """A person record's full names as news writes them: two words or more, no
    title or post before them ("PRESIDENT_BARACK_OBAMA" is left out), with an
    "al-" form of each "al" name ("Bashar al Assad": "Bashar al-Assad")."""
    names = []
    for phrase in record.phrases:
        for words in raw_names(phrase):
            if len(words) < 2 or is_role(words) or not is_person(words, ctx):
                continue
            if words[0] in TITLES or any(
                w in _NOT_NAME_WORDS or not _letters(w) for w in words
            ):
                continue
            if words[0] in _LOWER_NAME_WORDS:
                continue  # "AL ASSAD": a surname
            name = display_name(words, ctx)
            forms = [name]
            # "William Samoei Ruto" is "William Ruto" in news, "Omar Tarek al
            # Rashid" "Omar al Rashid"
            last = words[-2:] if words[-2] in _LOWER_NAME_WORDS else words[-1:]
            if len(words) > len(last) + 1:
                forms.append(display_name([words[0], *last], ctx))
            names += [
                f for form in forms for f in (_hyphened(form), form)
            ]
    return list(dict.fromkeys(names))


def _hyphened(name: str) -> str:
    """ "Bashar al Assad" as news writes it: "Bashar al-Assad"."""
    return re.sub(r"\b(al|el) (?=\w)", r"\1-", name)


def people_table(d: Dictionaries) -> dict:
    """``phoenix_people.json``: people of the Countries dictionary, with the state
    they served last. Looked up by name only (no patterns): spaCy's NER finds
    people; the table says whose official a titled one is."""
    entities: list[_Entity] = []
    by_key: dict[tuple[str, str], _Entity] = {}
    for order, record in enumerate(d.countries):
        code = _state_code(record)
        names = _person_names(record, d.names) if code else []
        if not code or not names:
            continue
        keys = [(code[:3], _loose(n)) for n in names]
        entity = next((by_key[k] for k in keys if k in by_key), None)
        if entity is None:  # a person's records of one state join by a name
            entity = _Entity([], [code], "person", order)
            entities.append(entity)
        entity.names += [n for n in names if n not in entity.names]
        for key in keys:
            by_key.setdefault(key, entity)
    rows = entity_rows(_drop_ambiguous(entities))
    return _actor_table(
        rows,
        "People of the Phoenix Countries actors dictionary (heads of state and "
        "government, ministers, legislators, commanders, party leaders) with the "
        "state they served last",
        [COUNTRIES_FILE],
        "'kind' is person; 'codes' holds one code, the state (ISO alpha-3) and "
        "sector of the latest-starting dated code of a state sector (GOV, ELI, LEG, "
        "JUD, MIL, COP, SPY, PTY, OPP, DIP)",
    )


def _drop_ambiguous(entities: list[_Entity]) -> list[_Entity]:
    """A name two people of different states share names neither."""
    states: dict[str, set[str]] = {}
    for entity in entities:
        for name in entity.names:
            states.setdefault(normalise(name), set()).add(entity.codes[0][:3])
    for entity in entities:
        entity.names = [n for n in entity.names if len(states[normalise(n)]) == 1]
    return [e for e in entities if e.names]


#: Sectors of a state whose records name one of its bodies ("PESHMERGA [IRQMIL]").
_BODY_SECTORS = frozenset({"GOV", "MIL", "COP", "SPY", "LEG", "JUD"})
#: Of those, the sectors whose records are all bodies (their people are coded
#: GOV, ELI …): a government record must also say it is a body by its name.
_ARMED_SECTORS = frozenset({"MIL", "COP", "SPY"})


def _body_state(record: ActorRecord) -> str | None:
    """The state-sector code of a record all of whose codes are one state's
    bodies (``IRQMIL``), else None."""
    codes = {c.code[:6] for c in record.codes}
    if len(codes) != 1:
        return None
    code = next(iter(codes))
    if len(code) < 6 or not code[:3].isalpha() or code[:3] in _NOT_STATES:
        return None
    return code if code[3:6] in _BODY_SECTORS else None


def _same_body(label: str, alias: str) -> bool:
    """Whether an alias of a body's record is another way of writing its label
    ("Pesh Merga", "Kurdish Peshmerga", "Israel Defense Force", "IDF"), not
    another body the dictionary codes alike ("FEMA" beside Homeland Security)."""
    a, b = _loose(label), _loose(alias)
    if a == b or a in b or b in a:
        return True
    initials = "".join(w[0] for w in label.split() if w[:1].isupper())
    if alias.isupper() and alias.replace(".", "") == initials:
        return True
    return difflib.SequenceMatcher(None, a, b).ratio() >= 0.85


def bodies_table(d: Dictionaries) -> dict:
    """``phoenix_bodies.json``: the bodies of states in the Countries dictionary
    (armed forces, intelligence services, police, legislatures, governments)."""
    from geokg.ingest.actors import head_type  # the actor layer's head nouns

    records = []
    for record in d.countries:
        code = _body_state(record)
        names = record_names(record, d.names) if code else None
        if not code or not names:
            continue
        said = code[3:6] in _ARMED_SECTORS or any(
            head_type(n.split()) in ("GovernmentBody", "Organization") for n in names
        )
        if said:
            records.append((record, "body"))
    rows = entity_rows(_entities(records, d.names))
    for row in rows:  # a record lumps the bodies coded alike: keep its spellings
        row["aliases"] = [a for a in row["aliases"] if _same_body(row["label"], a)]
    return _actor_table(
        rows,
        "Bodies of states in the Phoenix Countries actors dictionary: the records "
        "whose codes are all of one state's government, military, police, "
        "intelligence, legislature or judiciary (IRQMIL, PAKSPY …); a government "
        "record only where one of its names ends in a body's head noun (Council, "
        "Assembly, Bureau …), since the dictionary codes people GOV too",
        [COUNTRIES_FILE],
        "'kind' is body; the first code's first three letters are the state (ISO "
        "alpha-3), whose body the entry is",
    )


# ------------------------------------------------------------------------ output


def dump_table(table: dict, list_key: str) -> str:
    """A table as JSON: header fields indented, one row a line (small diffs)."""
    head = {k: v for k, v in table.items() if k != list_key}
    text = json.dumps(head, indent=2, ensure_ascii=False)[:-2]
    rows = ",\n".join(
        "    " + json.dumps(row, ensure_ascii=False) for row in table[list_key]
    )
    return f'{text},\n  "{list_key}": [\n{rows}\n  ]\n}}\n'


def _actor_table(rows: list[dict], what: str, files: list[str], kinds: str) -> dict:
    """An actor table in the gazetteer's shape, with the sources' notices."""
    about = (
        f"{what}, generated by ingest/phoenix.py (do not edit; hand-written entries "
        "belong in the curated tables, which win over these when the gazetteer "
        "merges them). The label is the record's first name that is not an "
        "acronym, written as news writes it (the dictionaries are in capitals); "
        "aliases are its other names. Left out: people's records and names, posts "
        "('UN envoy'), dates and numbers, one-word names that are ordinary English "
        "words, and a name two records of different codes share. 'codes' are the "
        f"record's Phoenix codes (dates of a code's validity dropped); {kinds}."
    )
    return {
        "about": about,
        "sources": [f"{name} of {SOURCE}" for name in files],
        "licence": LICENCE,
        "attribution": ATTRIBUTION,
        "regenerate": "python -m geokg.ingest.phoenix",
        "entries": rows,
    }


#: Each table written: file name, builder, the key of its rows.
TABLES = (
    ("phoenix_agents.json", agents_table, "agents"),
    ("phoenix_international.json", international_table, "entries"),
    ("phoenix_nonstate.json", nonstate_table, "entries"),
    ("phoenix_people.json", people_table, "entries"),
    ("phoenix_bodies.json", bodies_table, "entries"),
)


def build_tables(source: Path) -> dict[str, str]:
    """Every derived table's file name and text, from the dictionaries in ``source``."""
    dictionaries = load(source)
    return {name: dump_table(build(dictionaries), key) for name, build, key in TABLES}


def main(argv: Iterable[str] | None = None) -> int:
    """Regenerate the derived tables (``python -m geokg.ingest.phoenix``)."""
    parser = argparse.ArgumentParser(
        prog="python -m geokg.ingest.phoenix", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--out", type=Path, default=DATA_DIR)
    args = parser.parse_args(list(argv) if argv is not None else None)
    try:
        tables = build_tables(args.source)
    except GeokgError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    for name, text in tables.items():
        (args.out / name).write_text(text, encoding="utf-8")
        print(f"wrote {args.out / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
