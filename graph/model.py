"""The data model: typed, frozen dataclasses that cross the stage boundaries.

Documents come in, entities and assertions come out of extraction, and the graph
is built from them. Each class converts to and from the JSON shapes of DESIGN.md.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from geokg.graph.vocabulary import ENTITY_TYPES, MODALITIES, RELATIONS


@dataclass(frozen=True)
class Document:
    """One article: its text and what is known about it."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    published: date | None = None
    publisher: str | None = None
    source_path: str | None = None
    author: str | None = None

    @property
    def content_hash(self) -> str:
        """A hash of the text, the key of the build cache."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    def meta(self) -> dict[str, Any]:
        """The document's metadata (everything but the text), JSON-ready."""
        return {
            "id": self.id,
            "title": self.title,
            "url": self.url,
            "published": self.published.isoformat() if self.published else None,
            "publisher": self.publisher,
            "source_path": self.source_path,
            "author": self.author,
        }


@dataclass(frozen=True)
class TextSpan:
    """A piece of a document's text with its character offsets (end exclusive)."""

    text: str
    start: int
    end: int

    def to_json(self) -> dict[str, Any]:
        """The span as ``{text, start, end}``."""
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class EntityRef:
    """How an assertion names an entity: ``{id, label, type}``."""

    id: str
    label: str
    type: str

    def to_json(self) -> dict[str, str]:
        """The reference as ``{id, label, type}``."""
        return {"id": self.id, "label": self.label, "type": self.type}


@dataclass(frozen=True)
class Entity:
    """A real-world actor or place: one node of the graph."""

    id: str
    label: str
    type: str
    aliases: tuple[str, ...] = ()
    wikidata: str | None = None
    iso3: str | None = None
    geonames: int | None = None
    attributes: tuple[tuple[str, str], ...] = ()

    def __post_init__(self) -> None:
        if self.type not in ENTITY_TYPES:
            raise ValueError(
                f"entity {self.id!r} has type {self.type!r}; "
                f"valid types: {', '.join(ENTITY_TYPES)}"
            )

    def ref(self) -> EntityRef:
        """The short reference assertions carry inline."""
        return EntityRef(self.id, self.label, self.type)

    def merged(self, other: Entity) -> Entity:
        """This entity with the aliases and identifiers of another view of it."""
        aliases = set(self.aliases) | set(other.aliases) | {other.label}
        aliases.discard(self.label)
        attributes = dict(other.attributes) | dict(self.attributes)
        return Entity(
            id=self.id,
            label=self.label,
            type=self.type,
            aliases=tuple(sorted(aliases)),
            wikidata=self.wikidata or other.wikidata,
            iso3=self.iso3 or other.iso3,
            geonames=self.geonames or other.geonames,
            attributes=tuple(sorted(attributes.items())),
        )


@dataclass(frozen=True)
class Assertion:
    """One extracted claim: one edge of the graph, with its evidence."""

    doc_id: str
    relation: str
    subject: EntityRef
    object: EntityRef
    sentence: TextSpan
    subject_span: tuple[int, int]
    object_span: tuple[int, int]
    trigger: TextSpan | None
    modality: str = "asserted"
    negated: bool = False
    date: str | None = None
    location: EntityRef | None = None
    attributed_to: EntityRef | None = None
    role: str | None = None
    confidence: float = 0.5
    rule: str = ""
    #: The trigger-table row that fired (ingest/triggers.toml or a derived table).
    trigger_id: str | None = None
    id: str = field(default="")

    def __post_init__(self) -> None:
        if self.relation not in RELATIONS:
            raise ValueError(f"unknown relation {self.relation!r}")
        if self.modality not in MODALITIES:
            raise ValueError(f"unknown modality {self.modality!r}")
        if not self.id:
            object.__setattr__(self, "id", assertion_id(self))

    @property
    def is_fact(self) -> bool:
        """Whether the claim may be read as a plain fact (asserted, not negated)."""
        return self.modality == "asserted" and not self.negated

    def to_json(self) -> dict[str, Any]:
        """The assertion as one line of ``assertions.jsonl`` (DESIGN.md)."""
        return {
            "id": self.id,
            "doc_id": self.doc_id,
            "relation": self.relation,
            "subject": self.subject.to_json(),
            "object": self.object.to_json(),
            "subject_span": list(self.subject_span),
            "object_span": list(self.object_span),
            "trigger": self.trigger.to_json() if self.trigger else None,
            "sentence": self.sentence.to_json(),
            "modality": self.modality,
            "negated": self.negated,
            "date": self.date,
            "location": self.location.to_json() if self.location else None,
            "attributed_to": self.attributed_to.to_json()
            if self.attributed_to
            else None,
            "role": self.role,
            "confidence": self.confidence,
            "rule": self.rule,
            "trigger_id": self.trigger_id,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Assertion:
        """Read back one line of ``assertions.jsonl``."""

        def ref(value: dict[str, str] | None) -> EntityRef | None:
            return (
                EntityRef(value["id"], value["label"], value["type"]) if value else None
            )

        def span(value: dict[str, Any] | None) -> TextSpan | None:
            return (
                TextSpan(value["text"], value["start"], value["end"]) if value else None
            )

        return cls(
            id=data["id"],
            doc_id=data["doc_id"],
            relation=data["relation"],
            subject=ref(data["subject"]),
            object=ref(data["object"]),
            sentence=span(data["sentence"]),
            subject_span=tuple(data["subject_span"]),
            object_span=tuple(data["object_span"]),
            trigger=span(data.get("trigger")),
            modality=data.get("modality", "asserted"),
            negated=bool(data.get("negated", False)),
            date=data.get("date"),
            location=ref(data.get("location")),
            attributed_to=ref(data.get("attributed_to")),
            role=data.get("role"),
            confidence=data.get("confidence", 0.5),
            rule=data.get("rule", ""),
            trigger_id=data.get("trigger_id"),
        )


def assertion_id(a: Assertion) -> str:
    """A stable id: a hash of document, sentence, subject, relation and object."""
    key = "\x1f".join(
        (a.doc_id, str(a.sentence.start), a.subject.id, a.relation, a.object.id)
    )
    return "a-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class MentionSpan:
    """A place where a document names (or points at) a resolved entity.

    Character offsets into the document's text, end exclusive. Evaluation reads
    these (re3d's actor mentions); the graph and its exports do not.
    """

    entity_id: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class DocResult:
    """What extraction yields for one document."""

    document: Document
    entities: tuple[Entity, ...]
    assertions: tuple[Assertion, ...]
    mentions: tuple[MentionSpan, ...] = ()
