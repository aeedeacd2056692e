"""Score extraction against a gold file in the format of ``seeds/seeds.gold.json``.

Matching follows the gold file's header:

- An extracted entity matches a gold entity when its label or one of its
  mention texts (lower-cased, quotes and possessives stripped) equals the gold
  label or one of its aliases. Where a name fits several gold entities, the
  one of the same type wins. Each gold entity is matched by at most one
  extracted entity; a second one is a duplicate node and counts as wrong.
- A relation is a (subject, relation, object) triple over gold entity ids;
  ``relation`` (and ``object``) may list several acceptable values; symmetric
  relations match in either direction. Recall is over ``required``; an
  extracted triple between two gold entities that is neither required nor
  allowed is a false positive; ``forbidden`` lists especially telling ones,
  which may also pin a modality and an evidence sentence.

Every extracted entity is counted, so entity precision covers every node the
build puts in ``graph.json``.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph.errors import InputError
from graph.model import Assertion, DocResult, Entity
from graph.vocabulary import RELATIONS

_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "\u00a0": " "})


def norm(name: str) -> str:
    """A name as the gold file compares it: lower case, no quotes or possessives."""
    text = unicodedata.normalize("NFKC", name).translate(_QUOTES).lower().strip()
    text = re.sub(r"('s|s')$", lambda m: "s" if m.group(0) == "s'" else "", text)
    text = text.strip("\"' .,:;")
    text = re.sub(r"^the ", "", text)
    return " ".join(text.split())


def _evidence_key(text: str) -> str:
    return " ".join(
        unicodedata.normalize("NFKC", text).translate(_QUOTES).lower().split()
    )


@dataclass(frozen=True)
class GoldEntity:
    """One hand-annotated entity of a gold document."""

    id: str
    label: str
    type: str
    names: frozenset[str]


@dataclass(frozen=True)
class GoldRelation:
    """One required, allowed or forbidden relation of a gold document."""

    subject: str
    relations: frozenset[str] | None
    objects: frozenset[str]
    modality: str | None = None
    evidence: str | None = None

    def matches(self, s: str, relation: str, o: str) -> bool:
        """Whether an extracted triple over gold ids is this relation."""
        if self.relations is not None and relation not in self.relations:
            return False
        if s == self.subject and o in self.objects:
            return True
        return RELATIONS[relation].symmetric and o == self.subject and s in self.objects

    def describe(self) -> str:
        """``subject relation object`` for reports."""
        rel = "|".join(sorted(self.relations)) if self.relations else "*"
        return f"{self.subject} {rel} {'|'.join(sorted(self.objects))}"


@dataclass(frozen=True)
class GoldDocument:
    """The gold annotation of one document."""

    file: str
    entities: tuple[GoldEntity, ...]
    required: tuple[GoldRelation, ...]
    allowed: tuple[GoldRelation, ...]
    forbidden: tuple[GoldRelation, ...]

    @property
    def doc_id(self) -> str:
        """The document id the build gives the file (its name without extension)."""
        return Path(self.file).stem


def _as_set(value: Any) -> frozenset[str]:
    return frozenset(value if isinstance(value, list) else [value])


def _relation(row: dict) -> GoldRelation:
    rel = row.get("relation")
    return GoldRelation(
        subject=row["subject"],
        relations=_as_set(rel) if rel is not None else None,
        objects=_as_set(row["object"]),
        modality=row.get("modality"),
        evidence=row.get("evidence"),
    )


def parse_gold(data: dict) -> tuple[GoldDocument, ...]:
    """The gold documents of a parsed gold file."""
    docs = []
    for d in data["documents"]:
        entities = tuple(
            GoldEntity(
                e["id"],
                e["label"],
                e["type"],
                frozenset(norm(n) for n in [e["label"], *e.get("aliases", [])]),
            )
            for e in d["entities"]
        )
        docs.append(
            GoldDocument(
                file=d["file"],
                entities=entities,
                required=tuple(_relation(r) for r in d.get("required", [])),
                allowed=tuple(_relation(r) for r in d.get("allowed", [])),
                forbidden=tuple(_relation(r) for r in d.get("forbidden", [])),
            )
        )
    return tuple(docs)


def find_gold(target: str | Path) -> Path:
    """The gold file: TARGET itself, or the one ``*.gold.json`` in the folder TARGET."""
    path = Path(target)
    if path.is_dir():
        found = sorted(path.glob("*.gold.json"))
        if len(found) != 1:
            raise InputError(
                f"expected one *.gold.json file in the folder, found {len(found)}; "
                "name the gold file instead",
                path=str(path),
            )
        return found[0]
    if not path.exists():
        raise InputError("no such gold file; check the path", path=str(path))
    return path


def load_gold(path: str | Path) -> tuple[GoldDocument, ...]:
    """Read and parse a gold file."""
    try:
        return parse_gold(json.loads(Path(path).read_text(encoding="utf-8")))
    except (ValueError, KeyError, TypeError) as exc:
        raise InputError(
            f"not a gold file of the seeds' format ({exc!r}); "
            "see seeds/seeds.gold.json",
            path=str(path),
        ) from None


def match_entities(
    extracted: Iterable[Entity], gold: tuple[GoldEntity, ...]
) -> dict[str, GoldEntity]:
    """Extracted entity id -> the gold entity it matches (one extracted per gold)."""
    taken: set[str] = set()
    matched: dict[str, GoldEntity] = {}
    for e in sorted(extracted, key=lambda e: (e.id != e.label.lower(), e.id)):
        names = {norm(n) for n in (e.label, *e.aliases)}
        candidates = [g for g in gold if g.names & names and g.id not in taken]
        candidates.sort(
            key=lambda g: (g.type != e.type, norm(g.label) != norm(e.label))
        )
        if candidates:
            matched[e.id] = candidates[0]
            taken.add(candidates[0].id)
    return matched


@dataclass
class Score:
    """Counts behind a precision/recall pair, and the items behind the counts."""

    true_pos: int = 0
    false_pos: int = 0
    false_neg: int = 0
    wrong: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        """Share of extracted items that are right."""
        n = self.true_pos + self.false_pos
        return self.true_pos / n if n else 1.0

    @property
    def recall(self) -> float:
        """Share of gold items that were found."""
        n = self.true_pos + self.false_neg
        return self.true_pos / n if n else 1.0


@dataclass
class Report:
    """The result of one evaluation."""

    entities: Score = field(default_factory=Score)
    typed_right: int = 0
    relations: Score = field(default_factory=Score)
    required_found: int = 0
    required_total: int = 0
    forbidden: list[str] = field(default_factory=list)
    modality_mismatches: list[str] = field(default_factory=list)

    @property
    def type_accuracy(self) -> float:
        """Share of matched entities whose type is the gold type."""
        return (
            self.typed_right / self.entities.true_pos if self.entities.true_pos else 1.0
        )

    @property
    def relation_recall(self) -> float:
        """Share of required relations found."""
        return self.required_found / self.required_total if self.required_total else 1.0

    def to_json(self) -> dict[str, Any]:
        """The figures and the lists, JSON-ready."""
        return {
            "entities": {
                "precision": self.entities.precision,
                "recall": self.entities.recall,
                "type_accuracy": self.type_accuracy,
                "wrong": self.entities.wrong,
                "missed": self.entities.missed,
            },
            "relations": {
                "recall_required": self.relation_recall,
                "precision": self.relations.precision,
                "missed": self.relations.missed,
                "wrong": self.relations.wrong,
                "forbidden": self.forbidden,
                "modality_mismatches": self.modality_mismatches,
            },
        }

    def text(self) -> str:
        """A human-readable report."""
        e, r = self.entities, self.relations
        lines = [
            f"entities   precision {e.precision:.3f}  recall {e.recall:.3f}  "
            f"type accuracy {self.type_accuracy:.3f}  "
            f"({e.true_pos} matched, {e.false_pos} wrong, {e.false_neg} missed)",
            f"relations  recall over required {self.relation_recall:.3f} "
            f"({self.required_found}/{self.required_total})  "
            f"precision {r.precision:.3f}  ({r.true_pos} right, {r.false_pos} wrong)  "
            f"forbidden {len(self.forbidden)}",
        ]
        for title, items in (
            ("wrong entity", e.wrong),
            ("missed entity", e.missed),
            ("missed relation", r.missed),
            ("wrong relation", r.wrong),
            ("FORBIDDEN", self.forbidden),
            ("modality differs", self.modality_mismatches),
        ):
            lines += [f"  {title}: {item}" for item in items]
        return "\n".join(lines) + "\n"


def _score_entities(
    report: Report, doc: GoldDocument, result: DocResult, matched: dict[str, GoldEntity]
) -> None:
    for e in result.entities:
        g = matched.get(e.id)
        if g is None:
            report.entities.false_pos += 1
            report.entities.wrong.append(
                f"{doc.file}: {e.label!r} ({e.type}, id {e.id})"
            )
            continue
        report.entities.true_pos += 1
        if g.type == e.type:
            report.typed_right += 1
        else:
            report.entities.wrong.append(
                f"{doc.file}: {e.label!r} typed {e.type}, gold {g.type}"
            )
    found = {g.id for g in matched.values()}
    for g in doc.entities:
        if g.id not in found:
            report.entities.false_neg += 1
            report.entities.missed.append(
                f"{doc.file}: {g.label!r} ({g.type}, id {g.id})"
            )


def _evidence_hit(rel: GoldRelation, a: Assertion) -> bool:
    if not rel.evidence:
        return True
    sentence = _evidence_key(a.sentence.text)
    pieces = [p.strip() for p in _evidence_key(rel.evidence).split("...")]
    return all(p in sentence for p in pieces if p)


def _score_relations(
    report: Report, doc: GoldDocument, result: DocResult, matched: dict[str, GoldEntity]
) -> None:
    triples: dict[tuple[str, str, str], list[Assertion]] = {}
    for a in result.assertions:
        s, o = matched.get(a.subject.id), matched.get(a.object.id)
        if s is not None and o is not None:
            triples.setdefault((s.id, a.relation, o.id), []).append(a)
    for rel in doc.required:
        report.required_total += 1
        hits = [(k, v) for k, v in triples.items() if rel.matches(*k)]
        if hits:
            report.required_found += 1
            modalities = {a.modality for _, v in hits for a in v}
            if rel.modality and rel.modality not in modalities:
                report.modality_mismatches.append(
                    f"{doc.file}: {rel.describe()} wants {rel.modality}, got "
                    f"{', '.join(sorted(modalities))}"
                )
        else:
            report.relations.missed.append(f"{doc.file}: {rel.describe()}")
    for key, assertions in sorted(triples.items()):
        if any(rel.matches(*key) for rel in doc.required + doc.allowed):
            report.relations.true_pos += 1
        else:
            report.relations.false_pos += 1
            report.relations.wrong.append(
                f"{doc.file}: {' '.join(key)}  <- {assertions[0].sentence.text[:90]!r}"
            )
        for rel in doc.forbidden:
            for a in assertions:
                if (
                    rel.matches(*key)
                    and (rel.modality is None or rel.modality == a.modality)
                    and _evidence_hit(rel, a)
                ):
                    report.forbidden.append(
                        f"{doc.file}: {' '.join(key)} ({a.modality})"
                    )


def evaluate(gold: tuple[GoldDocument, ...], results: Iterable[DocResult]) -> Report:
    """Score the results of the gold documents (matched by document id)."""
    by_id = {r.document.id: r for r in results}
    report = Report()
    for doc in gold:
        result = by_id.get(doc.doc_id)
        if result is None:
            raise InputError(
                f"the build has no document {doc.doc_id!r} named by the gold; "
                "pass the folder that holds it with --docs",
                path=doc.file,
            )
        matched = match_entities(result.entities, doc.entities)
        _score_entities(report, doc, result, matched)
        _score_relations(report, doc, result, matched)
    return report
