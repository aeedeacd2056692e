"""The relation vocabulary and entity types: the one table everything derives from.

The relation names are a contract (DESIGN.md). RDF properties, HTML colours, CLI
choices, the extractor's trigger table and the docs are all derived from
:data:`RELATIONS`; nothing else spells the vocabulary out.
"""

from __future__ import annotations

from dataclasses import dataclass

ENTITY_TYPES: tuple[str, ...] = (
    "Country",
    "Organization",
    "GovernmentBody",
    "Person",
    "Agreement",
    "Location",
    "Media",
    "Group",
)

#: Actors that can take part in geopolitical relations (Media and Location cannot).
ACTOR_TYPES: tuple[str, ...] = (
    "Country",
    "Organization",
    "GovernmentBody",
    "Person",
    "Group",
)

MODALITIES: tuple[str, ...] = ("asserted", "planned", "hypothetical", "reported")


@dataclass(frozen=True)
class Family:
    """A relation family: the super-property of its relations."""

    name: str
    label: str
    comment: str

    @property
    def camel(self) -> str:
        """The family's lowerCamelCase name (its RDF property's local name)."""
        return camel(self.name)


FAMILIES: dict[str, Family] = {
    f.name: f
    for f in (
        Family(
            "verbal-cooperation",
            "verbal cooperation",
            "Statements and meetings that bring actors closer (CAMEO 01-05).",
        ),
        Family(
            "material-cooperation",
            "material cooperation",
            "Deeds that bring actors closer: joint action, aid (CAMEO 06-08).",
        ),
        Family(
            "verbal-conflict",
            "verbal conflict",
            "Statements that oppose: demands, accusations, threats (CAMEO 09-14).",
        ),
        Family(
            "material-conflict",
            "material conflict",
            "Deeds that oppose: sanctions, withdrawal, force (CAMEO 15-20).",
        ),
        Family(
            "standing",
            "standing relation",
            "How the world is arranged: membership, parties, offices, places.",
        ),
    )
}


@dataclass(frozen=True)
class Relation:
    """One relation of the vocabulary, with its family and event codes."""

    name: str
    symmetric: bool
    family: str
    cameo: str | None
    plover: str | None
    comment: str
    domain: tuple[str, ...] = ACTOR_TYPES
    range: tuple[str, ...] = ACTOR_TYPES
    #: The CAMEO code prefixes the relation claims, where ``cameo`` alone cannot
    #: say it (a range such as 18-20, or part of a shared code); else ``(cameo,)``.
    cameo_codes: tuple[str, ...] = ()

    @property
    def camel(self) -> str:
        """The relation's lowerCamelCase name (its RDF property's local name)."""
        return camel(self.name)

    @property
    def cameo_prefixes(self) -> tuple[str, ...]:
        """The CAMEO code prefixes this relation claims (see :func:`cameo_relation`)."""
        return self.cameo_codes or ((self.cameo,) if self.cameo else ())

    @property
    def goldstein(self) -> float | None:
        """The Goldstein weight of the relation's CAMEO code (None when standing)."""
        return goldstein(self.cameo) if self.cameo else None

    @property
    def is_event(self) -> bool:
        """Whether the relation is an event rather than a standing relation."""
        return self.family != "standing"

    @property
    def directed(self) -> bool:
        """Whether the relation has a direction (arrows in views)."""
        return not self.symmetric


def camel(name: str) -> str:
    """Turn a hyphenated vocabulary name into lowerCamelCase: met-with -> metWith."""
    head, *rest = name.split("-")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


_VC, _MC = "verbal-cooperation", "material-cooperation"
_VX, _MX = "verbal-conflict", "material-conflict"
_STATES = ("Country", "Organization", "GovernmentBody", "Group")

RELATIONS: dict[str, Relation] = {
    r.name: r
    for r in (
        Relation("met-with", True, _VC, "04", "CONSULT", "Met or visited (CAMEO 042-044).", cameo_codes=("042", "043", "044")),
        Relation("negotiated-with", True, _VC, "046", "CONSULT", "Negotiated with."),
        Relation("consulted-with", True, _VC, "040", "CONSULT", "Consulted (CAMEO 040-041).", cameo_codes=("040", "041")),
        Relation("urged", False, _VC, "02", "REQUEST", "Appealed to or urged."),
        Relation("demanded", False, _VX, "10", "REQUEST", "Demanded of."),
        Relation("proposed", False, _VC, "03", "AGREE", "Proposed to; intent (CAMEO 03)."),
        Relation("supported", False, _VC, "05", "SUPPORT", "Expressed support for."),
        Relation("agreed-with", True, _VC, "057", "AGREE", "Agreed with or signed with."),
        Relation("cooperated-with", True, _MC, "06", "COOPERATE", "Cooperated with."),
        Relation("drilled-with", True, _MC, "062", "COOPERATE", "Held military drills with."),
        Relation("aided", False, _MC, "07", "AID", "Gave aid to."),
        Relation("condemned", False, _VX, "111", "ACCUSE", "Condemned or denounced."),
        Relation("accused", False, _VX, "112", "ACCUSE", "Accused of wrongdoing."),
        Relation("rejected", False, _VX, "12", "REJECT", "Rejected or refused."),
        Relation("threatened", False, _VX, "13", "THREATEN", "Threatened."),
        Relation("sanctioned", False, _MX, "163", "SANCTION", "Imposed sanctions on."),
        Relation(
            "withdrew-from",
            False,
            _MX,
            "16",
            "RETREAT",
            "Withdrew from an agreement, body or place.",
            range=(*ACTOR_TYPES, "Agreement", "Location"),
        ),
        Relation("reduced-ties-with", False, _MX, "16", "SANCTION", "Reduced relations.", cameo_codes=("160", "161", "162", "164", "165")),
        Relation("attacked", False, _MX, "18", "ASSAULT", "Attacked (CAMEO 18-20).", cameo_codes=("18", "19", "20")),
        Relation("fought", True, _MX, "19", "ASSAULT", "Fought (CAMEO 19)."),
        Relation(
            "member-of", False, "standing", None, None,
            "Is a member of a bloc, body, party or group (a state, body or person).",
            domain=(*_STATES, "Person"), range=("Organization", "GovernmentBody", "Group"),
        ),
        Relation(
            "party-to", False, "standing", None, None, "Is a party to an agreement.",
            domain=_STATES, range=("Agreement",),
        ),
        Relation(
            "official-of", False, "standing", None, None,
            "Holds an office in a state or body; the role is on the assertion.",
            domain=("Person", "GovernmentBody"), range=_STATES,
        ),
        Relation(
            "located-in", False, "standing", None, None, "Lies within a place or state.",
            domain=("Location", "Organization"), range=("Country", "Location"),
        ),
    )
}


#: The Goldstein conflict-cooperation weight of every CAMEO code the vocabulary
#: names, from -10 (most conflictual) to +10 (most cooperative). Source: the GDELT
#: Project's lookup table CAMEO.goldsteinscale.txt
#: (https://www.gdeltproject.org/data/lookups/CAMEO.goldsteinscale.txt), which maps
#: CAMEO codes to the scale of J. S. Goldstein, "A Conflict-Cooperation Scale for
#: WEIS Events Data", Journal of Conflict Resolution 36(2), 1992, 369-385. GDELT
#: releases its data for unlimited and unrestricted use, asking that uses cite the
#: GDELT Project (https://www.gdeltproject.org/). Values as published, for the
#: codes of RELATIONS only (tests/graph/test_vocabulary.py checks each is here).
GOLDSTEIN: dict[str, float] = {
    "02": 3.0,  # make an appeal or request
    "03": 4.0,  # express intent to cooperate
    "04": 1.0,  # consult
    "040": 1.0,  # consult, not specified below
    "041": 1.0,  # discuss by telephone
    "042": 1.9,  # make a visit
    "043": 2.8,  # host a visit
    "044": 2.5,  # meet at a third location
    "046": 7.0,  # engage in negotiation
    "05": 3.5,  # engage in diplomatic cooperation
    "057": 8.0,  # sign formal agreement
    "06": 6.0,  # engage in material cooperation
    "062": 7.4,  # cooperate militarily
    "07": 7.0,  # provide aid
    "10": -5.0,  # demand
    "111": -2.0,  # criticize or denounce
    "112": -2.0,  # accuse
    "12": -4.0,  # reject
    "13": -6.0,  # threaten
    "16": -4.0,  # reduce relations
    "160": -4.0,  # reduce relations, not specified below
    "161": -4.0,  # reduce or break diplomatic relations
    "162": -5.6,  # reduce or stop material aid
    "163": -8.0,  # impose embargo, boycott or sanctions
    "164": -7.0,  # halt negotiations
    "165": -6.5,  # halt mediation
    "18": -9.0,  # assault
    "19": -10.0,  # fight
    "20": -10.0,  # use unconventional mass violence
}


def goldstein(code: str) -> float:
    """The Goldstein weight of a CAMEO code of the vocabulary, or a clear error."""
    try:
        return GOLDSTEIN[code]
    except KeyError:
        raise KeyError(
            f"no Goldstein weight for CAMEO code {code!r}; the table "
            f"(graph/vocabulary.py GOLDSTEIN) holds {', '.join(GOLDSTEIN)}"
        ) from None


def cameo_relation(code: str, *, mutual: bool = False) -> str | None:
    """The relation a CAMEO event code falls under, or None when none does.

    The relation with the longest of its :attr:`Relation.cameo_prefixes` that
    starts the code wins (046 negotiated-with, not 04 met-with). Between equal
    prefixes a mutual event ("[190:190]": each side does it to the other) takes
    the symmetric relation and a one-way event the directed one (19 is
    ``fought`` when mutual, else ``attacked``).
    """
    best: tuple[int, int] = (0, 0)
    found: list[str] = []
    for rel in RELATIONS.values():
        for prefix in rel.cameo_prefixes:
            if code.startswith(prefix):
                rank = (len(prefix), int(rel.symmetric == mutual))
                if rank > best:
                    best, found = rank, [rel.name]
                elif rank == best and rel.name not in found:
                    found.append(rel.name)
    if len(found) > 1:
        raise ValueError(f"CAMEO code {code!r} maps to {found}; give one a cameo_codes")
    return found[0] if found else None


def relation(name: str) -> Relation:
    """The relation called `name`, or a clear error listing the valid names."""
    try:
        return RELATIONS[name]
    except KeyError:
        valid = ", ".join(RELATIONS)
        raise KeyError(f"unknown relation {name!r}; valid relations: {valid}") from None


#: PLOVER's AGREE covers promises: "agree to, offer, promise, or otherwise
#: indicate willingness or commitment to cooperate" (PLOVER codebook). A planned
#: cooperative claim ("Finland will give Tanzania a grant", "Portugal will
#: support Turkey") is such a promise, whatever its relation's own type.
PROMISE_FAMILIES = frozenset({_VC, _MC})


def plover_type(name: str, modality: str) -> str | None:
    """The PLOVER event type of a claim of relation ``name`` with ``modality``:
    the relation's type, or AGREE for a planned cooperative act (a promise)."""
    rel = RELATIONS[name]
    if rel.plover is not None and modality == "planned" and rel.family in PROMISE_FAMILIES:
        return "AGREE"
    return rel.plover
