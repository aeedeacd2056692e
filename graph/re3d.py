"""Score extraction against dstl's re3d annotations as its dev README fixes.

re3d (UK Defence Science and Technology Laboratory, 2017) annotates real
documents with entity and relation spans. A folder of it holds
``documents.json``, ``entities.json`` and ``relations.json``, one JSON object a
line; it is read where it lies, never copied. How it is scored:

- Gold relations: confidence >= 0.5, of the seven types of :data:`SCORED_TYPES`,
  whose source and target spans are both annotated as Organisation, Person or
  Nationality entities (actor-actor; the others relate weapons, strikes and
  places, which an actor graph does not model).
- Each non-negated assertion whose relation :data:`RE3D_TYPES` maps is right
  when a gold relation of one of its types in the same document has a source
  span overlapping ``subject_span`` and a target span overlapping
  ``object_span`` (either way round for symmetric relations and for CommWith,
  AlliesOf, FightingAgainst); every other mapped assertion is wrong. Recall is
  the share of gold relations some right assertion matched.
- Actor mentions: the share of gold Organisation, Person and Nationality
  entities (confidence >= 0.5) whose ``[begin, end)`` overlaps a mention the
  extraction resolved to an actor (``DocResult.mentions`` of an entity whose
  type is one of the vocabulary's ``ACTOR_TYPES``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from geokg.graph.errors import InputError
from geokg.graph.evaluate import Row, f1
from geokg.graph.model import Assertion, DocResult, Document
from geokg.graph.vocabulary import ACTOR_TYPES, RELATIONS

SCORED_TYPES = frozenset(
    {"CommWith", "FightingAgainst", "AlliesOf", "Likes", "Dislikes", "BelongsTo",
     "InChargeOf"}
)
#: re3d types whose relations hold either way round.
SYMMETRIC_TYPES = frozenset({"CommWith", "AlliesOf", "FightingAgainst"})
#: re3d entity types that are actors.
GOLD_ACTOR_TYPES = frozenset({"Organisation", "Person", "Nationality"})
MIN_CONFIDENCE = 0.5
FILES = ("documents.json", "entities.json", "relations.json")

#: Each relation of the vocabulary -> the re3d types it may be (the README's table).
RE3D_TYPES: dict[str, frozenset[str]] = {
    **dict.fromkeys(
        ("met-with", "negotiated-with", "consulted-with", "urged", "proposed"),
        frozenset({"CommWith"}),
    ),
    "demanded": frozenset({"CommWith", "Dislikes"}),
    "supported": frozenset({"Likes", "AlliesOf"}),
    "aided": frozenset({"Likes", "AlliesOf"}),
    "agreed-with": frozenset({"AlliesOf", "Likes", "CommWith"}),
    "cooperated-with": frozenset({"AlliesOf", "Likes"}),
    "drilled-with": frozenset({"AlliesOf"}),
    **dict.fromkeys(
        ("condemned", "accused", "rejected", "sanctioned", "reduced-ties-with"),
        frozenset({"Dislikes"}),
    ),
    "threatened": frozenset({"Dislikes", "FightingAgainst"}),
    "attacked": frozenset({"FightingAgainst"}),
    "fought": frozenset({"FightingAgainst"}),
    "member-of": frozenset({"BelongsTo"}),
    "official-of": frozenset({"BelongsTo", "InChargeOf"}),
}
#: Relations of the vocabulary re3d has no type for: not scored.
UNSCORED = frozenset({"party-to", "located-in", "withdrew-from"})


@dataclass(frozen=True)
class GoldSpan:
    """An annotated piece of a document: offsets (end exclusive), text and type."""

    begin: int
    end: int
    text: str
    type: str = ""

    def overlaps(self, span: tuple[int, int]) -> bool:
        """Whether this span and ``(start, end)`` share a character."""
        return self.begin < span[1] and span[0] < self.end


@dataclass(frozen=True)
class GoldRelation:
    """One scored gold relation: its re3d type and its two actor spans."""

    type: str
    source: GoldSpan
    target: GoldSpan

    def fits(self, a: Assertion) -> bool:
        """Whether an assertion states this relation (types and spans, README 3)."""
        if self.type not in RE3D_TYPES.get(a.relation, ()):
            return False
        s, o = a.subject_span, a.object_span
        if self.source.overlaps(s) and self.target.overlaps(o):
            return True
        either_way = RELATIONS[a.relation].symmetric or self.type in SYMMETRIC_TYPES
        return either_way and self.source.overlaps(o) and self.target.overlaps(s)

    def describe(self) -> str:
        """``'source' Type 'target'`` for reports."""
        return f"{self.source.text!r} {self.type} {self.target.text!r}"


@dataclass(frozen=True)
class Re3dDocument:
    """One re3d document with its scored relations and its gold actor mentions."""

    document: Document
    relations: tuple[GoldRelation, ...]
    actors: tuple[GoldSpan, ...]


def _span(begin: int, end: int, text: str, kind: str = "") -> GoldSpan:
    return GoldSpan(int(begin), int(end), str(text), kind)


def parse_re3d(
    documents: Iterable[dict], entities: Iterable[dict], relations: Iterable[dict]
) -> tuple[Re3dDocument, ...]:
    """The scored documents of parsed re3d records (README's rule 1)."""
    entities = list(entities)
    actor_spans = {
        (e["documentId"], e["begin"], e["end"])
        for e in entities
        if e["type"] in GOLD_ACTOR_TYPES
    }
    rels: dict[str, list[GoldRelation]] = {}
    for r in relations:
        doc = r["documentId"]
        if (
            r["type"] in SCORED_TYPES
            and r["confidence"] >= MIN_CONFIDENCE
            and (doc, r["sourceBegin"], r["sourceEnd"]) in actor_spans
            and (doc, r["targetBegin"], r["targetEnd"]) in actor_spans
        ):
            rels.setdefault(doc, []).append(GoldRelation(
                r["type"],
                _span(r["sourceBegin"], r["sourceEnd"], r["source"]),
                _span(r["targetBegin"], r["targetEnd"], r["target"]),
            ))
    actors: dict[str, list[GoldSpan]] = {}
    for e in entities:
        if e["type"] in GOLD_ACTOR_TYPES and e["confidence"] >= MIN_CONFIDENCE:
            actors.setdefault(e["documentId"], []).append(
                _span(e["begin"], e["end"], e["value"], e["type"])
            )
    return tuple(
        Re3dDocument(
            Document(id=d["_id"], text=d["text"], title=d.get("title"),
                     url=d.get("sourceUrl")),
            tuple(rels.get(d["_id"], ())),
            tuple(sorted(actors.get(d["_id"], ()), key=lambda s: (s.begin, s.end))),
        )
        for d in documents
    )


def _read_lines(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _folders(root: Path) -> list[Path]:
    """The re3d source folders at `root`: itself, or its subfolders with the files."""
    if (root / FILES[0]).is_file():
        return [root]
    return sorted(p for p in root.iterdir() if (p / FILES[0]).is_file())


def load_re3d(root: str | Path) -> tuple[Re3dDocument, ...]:
    """Read a re3d folder (or a folder of them, e.g. ``re3d-dev/``) where it lies."""
    root = Path(root)
    if not root.is_dir():
        raise InputError("no such re3d folder; pass the folder that holds "
                         "documents.json (or folders of them)", path=str(root))
    folders = _folders(root)
    if not folders:
        raise InputError("no re3d documents.json here or in its subfolders",
                         path=str(root))
    docs: list[Re3dDocument] = []
    for folder in folders:
        try:
            docs += parse_re3d(*(_read_lines(folder / name) for name in FILES))
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise InputError(
                f"not a re3d folder ({exc!r}); expected {', '.join(FILES)} with one "
                "JSON object a line", path=str(folder)) from None
    return tuple(docs)


@dataclass
class Re3dReport:
    """Summed counts of a re3d evaluation, and each document's report."""

    predicted: int = 0
    right: int = 0
    gold: int = 0
    matched: int = 0
    mentions_gold: int = 0
    mentions_found: int = 0
    missed: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)
    missed_mentions: list[str] = field(default_factory=list)
    documents: dict[str, Re3dReport] = field(default_factory=dict)

    @property
    def precision(self) -> float:
        """Share of mapped assertions that are right."""
        return self.right / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        """Share of gold relations matched."""
        return self.matched / self.gold if self.gold else 0.0

    @property
    def mention_recall(self) -> float:
        """Share of gold actor mentions overlapping a resolved actor mention."""
        return self.mentions_found / self.mentions_gold if self.mentions_gold else 0.0

    def add(self, name: str, doc: Re3dReport) -> None:
        """Add one document's counts to the totals."""
        for key in ("predicted", "right", "gold", "matched", "mentions_gold",
                    "mentions_found"):
            setattr(self, key, getattr(self, key) + getattr(doc, key))
        self.documents[name] = doc

    def to_json(self) -> dict[str, Any]:
        """The figures and the per-document lists, JSON-ready."""
        return {
            "relations": {"precision": self.precision, "recall": self.recall,
                          "f1": f1(self.precision, self.recall),
                          "right": self.right, "predicted": self.predicted,
                          "matched": self.matched, "gold": self.gold},
            "actor_mentions": {"recall": self.mention_recall,
                               "found": self.mentions_found,
                               "gold": self.mentions_gold},
            "documents": {
                name: {"missed": d.missed, "wrong": d.wrong,
                       "missed_mentions": d.missed_mentions}
                for name, d in self.documents.items()
            },
        }

    def summary(self) -> list[str]:
        """The lines of figures."""
        return [
            f"re3d documents {len(self.documents)}",
            f"relations       precision {self.precision:.3f}  recall "
            f"{self.recall:.3f}  F1 {f1(self.precision, self.recall):.3f}  "
            f"({self.right} right of {self.predicted} mapped assertions; "
            f"{self.matched}/{self.gold} gold found)",
            f"actor mentions  recall {self.mention_recall:.3f}  "
            f"({self.mentions_found}/{self.mentions_gold} gold Organisation, Person, "
            "Nationality mentions overlap a resolved actor mention)",
        ]

    def errors(self) -> list[str]:
        """Per document: figures, missed relations, wrong assertions and mentions."""
        lines = []
        for name, d in self.documents.items():
            lines.append(f"{name}: relations {d.right}/{d.predicted} right, "
                         f"{d.matched}/{d.gold} gold found; mentions "
                         f"{d.mentions_found}/{d.mentions_gold}")
            for title, items in (("missed relation", d.missed),
                                 ("wrong assertion", d.wrong),
                                 ("missed mention", d.missed_mentions)):
                lines += [f"  {title}: {item}" for item in items]
        return lines

    def text(self, *, verbose: bool = False) -> str:
        """A human-readable report; `verbose` adds each document's errors."""
        return "\n".join(self.summary() + (self.errors() if verbose else [])) + "\n"

    def rows(self, name: str) -> list[Row]:
        """The suite table's rows: relations and actor mentions."""
        return [
            Row(name, "relations", self.precision, self.recall,
                right=(self.right, self.predicted), found=(self.matched, self.gold)),
            Row(name, "actor mentions", None, self.mention_recall,
                found=(self.mentions_found, self.mentions_gold)),
        ]


def _actor_spans(result: DocResult) -> list[tuple[int, int]]:
    types = {e.id: e.type for e in result.entities}
    return [(m.start, m.end) for m in result.mentions
            if types.get(m.entity_id) in ACTOR_TYPES]


def score_document(doc: Re3dDocument, result: DocResult) -> Re3dReport:
    """The report of one re3d document against its extraction result."""
    report = Re3dReport(gold=len(doc.relations), mentions_gold=len(doc.actors))
    matched: set[int] = set()
    for a in result.assertions:
        if a.negated or a.relation not in RE3D_TYPES:
            continue
        report.predicted += 1
        hits = {i for i, g in enumerate(doc.relations) if g.fits(a)}
        if hits:
            report.right += 1
            matched |= hits
        else:
            report.wrong.append(f"{a.subject.id} {a.relation} {a.object.id}  "
                                f"<- {a.sentence.text[:90]!r}")
    report.matched = len(matched)
    report.missed = [g.describe() for i, g in enumerate(doc.relations)
                     if i not in matched]
    spans = _actor_spans(result)
    for g in doc.actors:
        if any(g.overlaps(s) for s in spans):
            report.mentions_found += 1
        else:
            report.missed_mentions.append(f"{g.text!r} ({g.type}, {g.begin}-{g.end})")
    return report


def score_re3d(docs: Iterable[Re3dDocument], results: Iterable[DocResult]
               ) -> Re3dReport:
    """Score each re3d document on its extraction result (by document id), then sum."""
    by_id = {r.document.id: r for r in results}
    report = Re3dReport()
    for doc in docs:
        result = by_id.get(doc.document.id)
        if result is None:
            raise InputError(f"no extraction result for re3d document "
                             f"{doc.document.id!r}; extract every document first")
        report.add(doc.document.id, score_document(doc, result))
    return report
