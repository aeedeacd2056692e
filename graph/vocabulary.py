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
            "member-of", False, "standing", None, None, "Is a member of a bloc or body.",
            domain=_STATES, range=("Organization", "GovernmentBody", "Group"),
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
