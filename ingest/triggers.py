"""The trigger table: every word the relation grammar looks for, loaded once and
checked on load.

``ingest/triggers.toml`` holds one ``[[trigger]]`` row per way the news says a
relation, the word lists of the grammar (``[light]``, ``[grammar]``,
``[modality]``, ``[place]``, ``[dates]``), the intent rule (``[intent]``) and how
much each grammar rule is trusted (``[confidence]``); derived tables (CAMEO) add
rows beside the hand-written ones (``[derived] tables``). A row or list the
grammar would silently ignore is an error when the table loads, one line naming
the row: an unknown key or word-list name, a flag that the row's kind ignores
(``mods`` on a row with no nouns, ``direct`` on a row with no verbs ...), a
relation not in the vocabulary, two rows with one ``id``, and a grammar rule
without a confidence (or a confidence for no rule).
"""

from __future__ import annotations

import tomllib
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources

from geokg.graph.errors import GeokgError
from geokg.graph.vocabulary import ENTITY_TYPES, RELATIONS
from geokg.ingest.actors import Mention

#: Every rule the grammar (ingest.relations, ingest.nominal, ingest.places and
#: ingest.roles) names its findings with; each needs a ``[confidence]``.
RULES = (
    "verb",
    "passive",
    "joint-action",
    "as-noun",
    "event-noun",
    "light-verb",
    "joint-activity",
    "implicit-participant",
    "group-list",
    "modal-urge",
    "intent-threat",
    "complement",
    "place-in",
    "culpability",
    "title",
    "apposition",
    "known-office",
    "context-state",
    "affiliation",
    "member",
    "founder",
    "compact",
    "party",
    "response",
    "unit",
    "assigned",
)
#: The word lists each section may hold (the names the grammar reads).
WORD_LISTS = {
    "light": frozenset({"verbs", "giving"}),
    "grammar": frozenset(
        {
            "join",
            "led",
            "including",
            "agent",
            "of",
            "based",
            "complement",
            "groups",
            "relational",
            "doing",
            "culpable",
            "harms",
            "people",
            "relative_pronouns",
            "personal_pronouns",
            "place_nouns",
            "body_nouns",
            "between",
            "with",
            "measures",
            "member_nouns",
            "peer_nouns",
            "founding",
            "joint",
            "claiming",
            "credit",
            "accusation_nouns",
            "request_nouns",
            "proposal_nouns",
            "unit_nouns",
            "assigning",
            "vowing",
            "content_nouns",
            "facility_nouns",
            "some_words",
        }
    ),
    "modality": frozenset(
        {
            "negation",
            "negation_adverbs",
            "negating_verbs",
            "emphasis",
            "planned_aux",
            "planned_verbs",
            "planned_mods",
            "hypothetical_aux",
            "hypothetical_marks",
            "hypothetical_nouns",
            "hypothetical_mods",
            "hypothetical_verbs",
            "reporting_verbs",
            "source_preps",
            "source_verbs",
            "performatives",
            "hedges",
            "conditional_acts",
            "continuing",
        }
    ),
    "place": frozenset({"preps"}),
    "dates": frozenset({"past", "future", "current"}),
}
#: Sections that are not word lists.
OTHER_SECTIONS = frozenset({"trigger", "derived", "intent", "confidence"})
_LISTS = (
    "verbs",
    "nouns",
    "preps",
    "objects",
    "as_nouns",
    "mods",
    "unless_mods",
    "modals",
    "not_sources",
)
_FLAGS = (
    "direct",
    "joint",
    "inverse",
    "implicit",
    "complement",
    "named",
    "conditional",
    "mutual",
)
#: Keys that only a row with these words reads ("mods" qualifies nouns).
NEEDS = {
    "direct": "verbs",
    "objects": "verbs",
    "as_nouns": "verbs",
    "complement": "verbs",
    "named": "verbs",
    "conditional": "verbs",
    "mods": "nouns",
    "unless_mods": "nouns",
    "implicit": "nouns",
}
#: Ids of the rows of derived tables start with one of these.
DERIVED_PREFIXES = ("cameo:",)
#: A derived row is trusted less than a hand-written one saying the same.
DERIVED_CONFIDENCE = 0.85
TABLE = "ingest/triggers.toml"


class TriggerTableError(GeokgError):
    """The trigger table (or a derived table) says something the grammar cannot use."""


@dataclass(frozen=True)
class Trigger:
    """One way of saying a relation (one ``[[trigger]]`` of triggers.toml)."""

    relation: str
    verbs: frozenset[str] = frozenset()
    nouns: frozenset[str] = frozenset()
    preps: frozenset[str] = frozenset()
    direct: bool = False
    joint: bool = False
    inverse: bool = False
    implicit: bool = False
    objects: frozenset[str] = frozenset()
    as_nouns: frozenset[str] = frozenset()
    mods: frozenset[str] = frozenset()
    unless_mods: frozenset[str] = frozenset()
    modals: frozenset[str] = frozenset()
    #: Entity types (lower case) that are never this row's source: a person who
    #: "left Peru" travelled, a state that did withdrew.
    not_sources: frozenset[str] = frozenset()
    complement: bool = False
    named: bool = False
    conditional: bool = False
    mutual: bool = False
    #: The row's stable name (its ``id``): the trigger_id of what it finds.
    id: str = ""

    @property
    def derived(self) -> bool:
        """Whether the row comes from a derived table, not a hand-written one."""
        return self.id.startswith(DERIVED_PREFIXES)


@dataclass(frozen=True)
class TriggerTable:
    """The trigger table, indexed by verb, noun and modal lemma, and its word lists."""

    triggers: tuple[Trigger, ...]
    light_verbs: frozenset[str]
    words: dict[str, frozenset[str]] = field(default_factory=dict)
    intent: dict[str, str] = field(default_factory=dict)
    by_verb: dict[str, tuple[Trigger, ...]] = field(default_factory=dict)
    by_noun: dict[str, tuple[Trigger, ...]] = field(default_factory=dict)
    by_modal: dict[str, tuple[Trigger, ...]] = field(default_factory=dict)
    rule_confidence: dict[str, float] = field(default_factory=dict)

    def word(self, key: str) -> frozenset[str]:
        """One word list of the table by ``section.key`` ("grammar.join")."""
        return self.words.get(key, frozenset())

    def target_preps(self, noun: str) -> frozenset[str]:
        """The prepositions that mark an event noun's target in any of its rows
        ("withdrawal" -> "from"): never its agent's."""
        return frozenset(p for t in self.by_noun.get(noun, ()) for p in t.preps)

    def confidence(self, rule: str, trigger_id: str) -> float:
        """How much a relation found by ``rule`` is trusted, less for a derived row."""
        derived = trigger_id.startswith(DERIVED_PREFIXES)
        weight = DERIVED_CONFIDENCE if derived else 1.0
        return round(self.rule_confidence[rule] * weight, 3)


def _index(triggers: tuple[Trigger, ...], attr: str) -> dict[str, tuple[Trigger, ...]]:
    index: dict[str, list[Trigger]] = {}
    for trig in triggers:
        for word in sorted(getattr(trig, attr)):
            index.setdefault(word, []).append(trig)
    return {k: tuple(v) for k, v in index.items()}


def _row_error(name: str, message: str) -> TriggerTableError:
    return TriggerTableError(f"{TABLE}: trigger {name!r}: {message}")


def _trigger(row: dict, default_id: str) -> Trigger:
    name = str(row.get("id", default_id))
    if "relation" not in row:
        raise _row_error(name, "has no `relation`; add one of graph/vocabulary.py")
    if row["relation"] not in RELATIONS:
        raise _row_error(
            name,
            f"relation {row['relation']!r} is not in the vocabulary; valid: "
            + ", ".join(sorted(RELATIONS)),
        )
    unknown = set(row) - {"id", "relation", *_LISTS, *_FLAGS}
    if unknown:
        raise _row_error(
            name,
            f"unknown keys {sorted(unknown)}; valid keys: id, relation, "
            + ", ".join(_LISTS + _FLAGS),
        )
    for key in _LISTS:
        value = row.get(key, [])
        if not isinstance(value, list) or not all(isinstance(w, str) for w in value):
            raise _row_error(name, f"`{key}` must be a list of words")
    types = {t.lower() for t in ENTITY_TYPES}
    wrong = [t for t in row.get("not_sources", []) if t.lower() not in types]
    if wrong:
        raise _row_error(
            name,
            f"`not_sources` names no entity type: {wrong}; valid: "
            + ", ".join(ENTITY_TYPES),
        )
    for key in _FLAGS:
        if not isinstance(row.get(key, False), bool):
            raise _row_error(name, f"`{key}` must be true or false")
    if not any(row.get(k) for k in ("verbs", "nouns", "modals")):
        raise _row_error(name, "has no verbs, nouns or modals to trigger on")
    for key, needs in NEEDS.items():
        if row.get(key) and not row.get(needs):
            raise _row_error(
                name, f"`{key}` is read only on a row with {needs}; this row has none"
            )
    if row.get("named") and not row.get("direct"):
        raise _row_error(name, "`named` qualifies `direct`, which this row lacks")
    return Trigger(
        relation=row["relation"],
        **{k: frozenset(w.lower() for w in row.get(k, ())) for k in _LISTS},
        **{k: bool(row.get(k, False)) for k in _FLAGS},
        id=name,
    )


def _triggers(rows: list[dict], name: str) -> tuple[Trigger, ...]:
    """The rows of one table; a row without ``id`` is named by its place in it."""
    return tuple(_trigger(row, f"{name}#{i}") for i, row in enumerate(rows, 1))


def _beside(hand: tuple[Trigger, ...], derived: tuple[Trigger, ...]) -> list[Trigger]:
    """The derived rows that add to the hand-written ones.

    A lemma the hand-written rows trigger on keeps only their meaning (they win
    for every relation, not just their own), an object noun they treat as an
    event noun is theirs, a lemma an earlier derived row already has with the
    same relation and shape is merged away, and a row left with no word (or with
    no object, if it had objects) is dropped.
    """
    taken = {
        "verbs": {w for t in hand for w in t.verbs},
        "nouns": {w for t in hand for w in t.nouns},
    }
    seen: set[tuple[str, str, Trigger]] = set()
    out: list[Trigger] = []
    for trig in derived:
        objects = trig.objects - taken["nouns"]
        if trig.objects and not objects:
            continue
        shape = replace(trig, verbs=frozenset(), nouns=frozenset(), objects=objects)
        shape = replace(shape, id="")
        words = {
            key: frozenset(
                w
                for w in getattr(trig, key) - taken[key]
                if (key, w, shape) not in seen
            )
            for key in ("verbs", "nouns")
        }
        seen.update((key, w, shape) for key, ws in words.items() for w in ws)
        if words["verbs"] or words["nouns"]:
            out.append(replace(trig, objects=objects, **words))
    return out


def _word_lists(data: dict) -> dict[str, frozenset[str]]:
    unknown = set(data) - set(WORD_LISTS) - OTHER_SECTIONS
    if unknown:
        raise TriggerTableError(
            f"{TABLE}: unknown sections {sorted(unknown)}; valid: "
            + ", ".join(sorted(set(WORD_LISTS) | OTHER_SECTIONS))
        )
    words = {}
    for section, names in WORD_LISTS.items():
        for key, values in data.get(section, {}).items():
            if key not in names:
                raise TriggerTableError(
                    f"{TABLE}: [{section}] has no word list {key!r}; valid: "
                    + ", ".join(sorted(names))
                )
            words[f"{section}.{key}"] = frozenset(str(v).lower() for v in values)
    return words


def _confidences(data: dict) -> dict[str, float]:
    table = data.get("confidence", {})
    missing = [r for r in RULES if r not in table]
    if missing:
        raise TriggerTableError(
            f"{TABLE}: [confidence] has no value for the rules {missing}; add one "
            "between 0 and 1 for each"
        )
    unknown = sorted(set(table) - set(RULES))
    if unknown:
        raise TriggerTableError(
            f"{TABLE}: [confidence] names rules the grammar has not: {unknown}; "
            "valid: " + ", ".join(RULES)
        )
    bad = [
        r for r, v in table.items() if not isinstance(v, float | int) or not 0 <= v <= 1
    ]
    if bad:
        raise TriggerTableError(f"{TABLE}: [confidence] of {bad} must be from 0 to 1")
    return {r: float(v) for r, v in table.items()}


def parse_triggers(data: dict, *derived: dict) -> TriggerTable:
    """The trigger table of a parsed triggers.toml and of the parsed derived tables
    beside it (hand-written rows first), checked (TriggerTableError)."""
    hand = _triggers(data.get("trigger", []), "triggers")
    extra = _triggers([row for d in derived for row in d.get("trigger", [])], "derived")
    triggers = hand + tuple(_beside(hand, extra))
    ids = Counter(t.id for t in triggers)
    if twice := sorted(i for i, n in ids.items() if n > 1):
        raise TriggerTableError(
            f"{TABLE}: trigger ids {twice} name more than one row; make them unique"
        )
    intent = {}
    for target, sources in data.get("intent", {}).items():
        for name in (target, *sources):
            if name not in RELATIONS:
                raise TriggerTableError(
                    f"{TABLE}: [intent] names {name!r}, not a relation of the "
                    "vocabulary"
                )
        intent.update({s: target for s in sources})
    return TriggerTable(
        triggers=triggers,
        light_verbs=frozenset(data.get("light", {}).get("verbs", ())),
        words=_word_lists(data),
        intent=intent,
        by_verb=_index(triggers, "verbs"),
        by_noun=_index(triggers, "nouns"),
        by_modal=_index(triggers, "modals"),
        rule_confidence=_confidences(data),
    )


def _toml(path: str) -> dict:
    """A TOML file of the ``ingest`` package, by its path inside it."""
    text = (resources.files(__package__) / path).read_text(encoding="utf-8")
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise TriggerTableError(f"ingest/{path}: not valid TOML ({exc})") from None


@lru_cache(maxsize=2)
def load_triggers(*, derived: bool = True) -> TriggerTable:
    """The packaged trigger table: triggers.toml, and with ``derived`` the derived
    tables its ``[derived] tables`` names (ingest/data/cameo_triggers.toml)."""
    data = _toml("triggers.toml")
    tables = data.get("derived", {}).get("tables", []) if derived else []
    return parse_triggers(data, *(_toml(path) for path in tables))


@dataclass(frozen=True)
class Found:
    """A relation found in a parsed document, before it becomes an Assertion.

    ``date`` is the date expression of the claim's clause as written ("Tuesday",
    "last month", "2015"); the pipeline resolves it against the article's date.
    """

    relation: str
    subject: Mention
    object: Mention
    trigger: int
    rule: str
    negated: bool = False
    modality: str = "asserted"
    role: str | None = None
    date: str | None = None
    location: Mention | None = None
    attributed_to: Mention | None = None
    confidence: float = 0.8
    trigger_id: str = ""  # the id of the trigger row that fired
