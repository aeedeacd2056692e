"""Score extraction against a gold file in the format of ``seeds/seeds.gold.json``.

A gold document is a ``file`` beside the gold (or in ``--docs``), or a record of
the JSON Lines corpus the gold's top-level ``corpus`` names (relative to the gold
file), keyed by its ``id``. Matching follows the gold file's header:

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
  which may also pin a modality and an evidence sentence. Negated assertions
  are not claims of the relation: they are neither right nor wrong.
- A gold entity with ``parent`` is a sector actor (a state's armed forces,
  government, ministry, officials): in required and allowed relations it and
  its parent stand for each other, so either may be predicted. Forbidden
  relations match as written.
- An ``optional`` gold entity is not missed when absent nor wrong when found.

Each document is scored on its own entities and relations (every entity the
extraction of that document yields is counted); the counts are then summed
(micro-average).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from geokg.graph.errors import InputError
from geokg.graph.model import Assertion, DocResult, Document, Entity
from geokg.graph.vocabulary import RELATIONS

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
    parent: str | None = None
    optional: bool = False


@dataclass(frozen=True)
class GoldRelation:
    """One required, allowed or forbidden relation of a gold document."""

    subject: str
    relations: frozenset[str] | None
    objects: frozenset[str]
    modality: str | None = None
    evidence: str | None = None
    #: The ids that may stand for the subject (objects): itself, and its parent
    #: or sector actors. Empty means the subject (objects) alone.
    subject_kin: frozenset[str] = frozenset()
    object_kin: frozenset[str] = frozenset()

    def matches(self, s: str, relation: str, o: str) -> bool:
        """Whether an extracted triple over gold ids is this relation."""
        if self.relations is not None and relation not in self.relations:
            return False
        subjects = self.subject_kin or {self.subject}
        objects = self.object_kin or self.objects
        if s in subjects and o in objects:
            return True
        return RELATIONS[relation].symmetric and o in subjects and s in objects

    def describe(self) -> str:
        """``subject relation object`` for reports."""
        rel = "|".join(sorted(self.relations)) if self.relations else "*"
        return f"{self.subject} {rel} {'|'.join(sorted(self.objects))}"


@dataclass(frozen=True)
class GoldDocument:
    """The gold annotation of one document: a ``file``, or a corpus record ``id``."""

    file: str | None
    entities: tuple[GoldEntity, ...]
    required: tuple[GoldRelation, ...]
    allowed: tuple[GoldRelation, ...]
    forbidden: tuple[GoldRelation, ...]
    id: str | None = None

    @property
    def doc_id(self) -> str:
        """The document id the build gives it: the record id, else the file stem."""
        return self.id if self.id is not None else Path(self.file or "").stem

    @property
    def name(self) -> str:
        """How reports name the document: its file, else its id."""
        return self.file or self.doc_id


@dataclass(frozen=True)
class GoldFile:
    """A parsed gold file: its documents and, for corpus gold, the corpus path."""

    path: Path
    documents: tuple[GoldDocument, ...]
    corpus: Path | None = None


def _as_set(value: Any) -> frozenset[str]:
    return frozenset(value if isinstance(value, list) else [value])


def _kin(entities: tuple[GoldEntity, ...]) -> dict[str, frozenset[str]]:
    """Each gold id -> the ids that stand for it: itself, its parent, its sectors."""
    kin = {e.id: {e.id} for e in entities}
    for e in entities:
        if e.parent is not None:
            kin[e.id].add(e.parent)
            kin.setdefault(e.parent, {e.parent}).add(e.id)
    return {k: frozenset(v) for k, v in kin.items()}


def _relation(row: dict, kin: dict[str, frozenset[str]] | None = None) -> GoldRelation:
    rel = row.get("relation")
    subject, objects = row["subject"], _as_set(row["object"])
    if kin is None:
        subject_kin, object_kin = frozenset(), frozenset()
    else:
        subject_kin = kin.get(subject, frozenset({subject}))
        object_kin = frozenset().union(*(kin.get(o, {o}) for o in objects))
    return GoldRelation(
        subject=subject,
        relations=_as_set(rel) if rel is not None else None,
        objects=objects,
        modality=row.get("modality"),
        evidence=row.get("evidence"),
        subject_kin=subject_kin,
        object_kin=object_kin,
    )


def _entity(row: dict) -> GoldEntity:
    names = [row["label"], *row.get("aliases", [])]
    return GoldEntity(
        row["id"],
        row["label"],
        row["type"],
        frozenset(norm(n) for n in names),
        parent=row.get("parent"),
        optional=bool(row.get("optional", False)),
    )


def _document(d: dict, corpus: bool) -> GoldDocument:
    if "file" not in d and not (corpus and "id" in d):
        raise KeyError("file" if not corpus else "id")
    entities = tuple(_entity(e) for e in d["entities"])
    kin = _kin(entities)
    return GoldDocument(
        file=d.get("file"),
        id=None if "file" in d else str(d["id"]),
        entities=entities,
        required=tuple(_relation(r, kin) for r in d.get("required", [])),
        allowed=tuple(_relation(r, kin) for r in d.get("allowed", [])),
        forbidden=tuple(_relation(r) for r in d.get("forbidden", [])),
    )


def parse_gold(data: dict) -> tuple[GoldDocument, ...]:
    """The gold documents of a parsed gold file."""
    corpus = data.get("corpus") is not None
    return tuple(_document(d, corpus) for d in data["documents"])


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


def load_gold(path: str | Path) -> GoldFile:
    """Read and parse a gold file (its corpus, if any, resolved beside it)."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        documents = parse_gold(data)
        corpus = data.get("corpus")
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise InputError(
            f"not a gold file of the seeds' format ({exc!r}); "
            "see seeds/seeds.gold.json",
            path=str(path),
        ) from None
    return GoldFile(path, documents, path.parent / corpus if corpus else None)


def select_documents(
    gold: tuple[GoldDocument, ...], documents: Iterable[Document], where: str
) -> list[Document]:
    """The corpus documents the gold names, in gold order; a missing id raises."""
    wanted = {d.doc_id for d in gold}
    found = {doc.id: doc for doc in documents if doc.id in wanted}
    for d in gold:
        if d.doc_id not in found:
            raise InputError(
                f"the gold names document {d.doc_id!r}, which is not in the "
                "corpus; check the gold's `corpus` and the document's `id`",
                path=where,
            )
    return [found[d.doc_id] for d in gold]


def match_entities(
    extracted: Iterable[Entity], gold: tuple[GoldEntity, ...]
) -> dict[str, GoldEntity]:
    """Extracted entity id -> the gold entity it matches (one extracted per gold).

    The best pairs are taken first: same type, then the same label, so a
    duplicate node named by an alias ("Chao" beside "Anne Chao") is the one
    left over, whatever the order of the nodes.
    """
    order = sorted(extracted, key=lambda e: (e.id != e.label.lower(), e.id))
    pairs = []
    for rank, e in enumerate(order):
        names = {norm(n) for n in (e.label, *e.aliases)}
        label = norm(e.label)
        pairs += [
            ((g.type != e.type, norm(g.label) != label, rank), e.id, g)
            for g in gold
            if g.names & names
        ]
    taken: set[str] = set()
    matched: dict[str, GoldEntity] = {}
    for _, eid, g in sorted(pairs, key=lambda p: p[0]):
        if eid not in matched and g.id not in taken:
            matched[eid] = g
            taken.add(g.id)
    return matched


def f1(precision: float | None, recall: float | None) -> float | None:
    """The harmonic mean of precision and recall (None if either is unknown)."""
    if precision is None or recall is None:
        return None
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


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

    def add(self, other: Score, name: str) -> None:
        """Add the counts of one document's score, its items prefixed by `name`."""
        self.true_pos += other.true_pos
        self.false_pos += other.false_pos
        self.false_neg += other.false_neg
        self.wrong += [f"{name}: {item}" for item in other.wrong]
        self.missed += [f"{name}: {item}" for item in other.missed]


@dataclass
class Report:
    """The result of one evaluation: summed counts, and each document's report."""

    entities: Score = field(default_factory=Score)
    typed_right: int = 0
    mistyped: list[str] = field(default_factory=list)
    relations: Score = field(default_factory=Score)
    required_found: int = 0
    required_total: int = 0
    forbidden: list[str] = field(default_factory=list)
    modality_mismatches: list[str] = field(default_factory=list)
    documents: dict[str, Report] = field(default_factory=dict)

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

    def add(self, name: str, doc: Report) -> None:
        """Add one document's report to the totals (micro-average)."""
        self.entities.add(doc.entities, name)
        self.relations.add(doc.relations, name)
        self.typed_right += doc.typed_right
        self.required_found += doc.required_found
        self.required_total += doc.required_total
        for mine, theirs in (
            (self.mistyped, doc.mistyped),
            (self.forbidden, doc.forbidden),
            (self.modality_mismatches, doc.modality_mismatches),
        ):
            mine += [f"{name}: {item}" for item in theirs]
        self.documents[name] = doc

    def to_json(self) -> dict[str, Any]:
        """The figures and the lists, JSON-ready."""
        return {
            "entities": {
                "precision": self.entities.precision,
                "recall": self.entities.recall,
                "type_accuracy": self.type_accuracy,
                "wrong": self.entities.wrong,
                "mistyped": self.mistyped,
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

    def summary(self) -> list[str]:
        """The two lines of figures."""
        e, r = self.entities, self.relations
        return [
            f"entities   precision {e.precision:.3f}  recall {e.recall:.3f}  "
            f"type accuracy {self.type_accuracy:.3f}  "
            f"({e.true_pos} matched, {e.false_pos} wrong, {e.false_neg} missed)",
            f"relations  recall over required {self.relation_recall:.3f} "
            f"({self.required_found}/{self.required_total})  "
            f"precision {r.precision:.3f}  ({r.true_pos} right, {r.false_pos} wrong)  "
            f"forbidden {len(self.forbidden)}",
        ]

    def errors(self) -> list[str]:
        """Per document, its figures and the items behind its errors."""
        lines = []
        for name, doc in self.documents.items():
            e, r = doc.entities, doc.relations
            lines.append(
                f"{name}: entities {e.true_pos} matched, {e.false_pos} unexpected, "
                f"{e.false_neg} missed; relations {doc.required_found}/"
                f"{doc.required_total} required found, {r.false_pos} wrong"
            )
            for title, items in (
                ("missed relation", r.missed),
                ("wrong relation", r.wrong),
                ("FORBIDDEN", doc.forbidden),
                ("modality differs", doc.modality_mismatches),
                ("unexpected entity", e.wrong),
                ("mistyped entity", doc.mistyped),
                ("missed entity", e.missed),
            ):
                lines += [f"  {title}: {item}" for item in items]
        return lines

    def text(self, *, verbose: bool = False) -> str:
        """A human-readable report; `verbose` adds the errors of each document."""
        lines = self.summary()
        if verbose:
            lines += self.errors()
        return "\n".join(lines) + "\n"

    def rows(self, name: str) -> list[Row]:
        """The suite table's rows of this report."""
        e, r = self.entities, self.relations
        return [
            Row(name, "entities", e.precision, e.recall, self.type_accuracy,
                (e.true_pos, e.true_pos + e.false_pos),
                (e.true_pos, e.true_pos + e.false_neg)),
            Row(name, "relations", r.precision, self.relation_recall, None,
                (r.true_pos, r.true_pos + r.false_pos),
                (self.required_found, self.required_total)),
        ]


def _score_entities(
    report: Report, doc: GoldDocument, result: DocResult, matched: dict[str, GoldEntity]
) -> None:
    for e in result.entities:
        g = matched.get(e.id)
        if g is None:
            report.entities.false_pos += 1
            report.entities.wrong.append(f"{e.label!r} ({e.type}, id {e.id})")
        elif not g.optional:
            report.entities.true_pos += 1
            if g.type == e.type:
                report.typed_right += 1
            else:
                report.mistyped.append(f"{e.label!r} typed {e.type}, gold {g.type}")
    found = {g.id for g in matched.values()}
    for g in doc.entities:
        if g.id not in found and not g.optional:
            report.entities.false_neg += 1
            report.entities.missed.append(f"{g.label!r} ({g.type}, id {g.id})")


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
        if s is not None and o is not None and not a.negated:
            triples.setdefault((s.id, a.relation, o.id), []).append(a)
    for rel in doc.required:
        report.required_total += 1
        hits = [(k, v) for k, v in triples.items() if rel.matches(*k)]
        if hits:
            report.required_found += 1
            modalities = {a.modality for _, v in hits for a in v}
            if rel.modality and rel.modality not in modalities:
                report.modality_mismatches.append(
                    f"{rel.describe()} wants {rel.modality}, got "
                    f"{', '.join(sorted(modalities))}"
                )
        else:
            report.relations.missed.append(rel.describe())
    for key, assertions in sorted(triples.items()):
        if any(rel.matches(*key) for rel in doc.required + doc.allowed):
            report.relations.true_pos += 1
        else:
            report.relations.false_pos += 1
            report.relations.wrong.append(
                f"{' '.join(key)}  <- {assertions[0].sentence.text[:90]!r}"
            )
        for rel in doc.forbidden:
            for a in assertions:
                if (
                    rel.matches(*key)
                    and (rel.modality is None or rel.modality == a.modality)
                    and _evidence_hit(rel, a)
                ):
                    report.forbidden.append(f"{' '.join(key)} ({a.modality})")


def score_document(doc: GoldDocument, result: DocResult) -> Report:
    """The report of one gold document against its extraction result."""
    report = Report()
    matched = match_entities(result.entities, doc.entities)
    _score_entities(report, doc, result, matched)
    _score_relations(report, doc, result, matched)
    return report


def evaluate(gold: tuple[GoldDocument, ...], results: Iterable[DocResult]) -> Report:
    """Score each gold document on its own result (by document id), then sum."""
    by_id = {r.document.id: r for r in results}
    report = Report()
    for doc in gold:
        result = by_id.get(doc.doc_id)
        if result is None:
            raise InputError(
                f"the build has no document {doc.doc_id!r} named by the gold; "
                "pass the folder that holds it with --docs",
                path=doc.name,
            )
        report.add(doc.name, score_document(doc, result))
    return report


# -- the suite table ------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    """One line of the evaluation table: a measure of one set."""

    set: str
    measure: str
    precision: float | None
    recall: float | None
    type_accuracy: float | None = None
    right: tuple[int, int] | None = None  # right / predicted
    found: tuple[int, int] | None = None  # found / gold
    seconds: float | None = None

    @property
    def f1(self) -> float | None:
        """F1 of the row's precision and recall."""
        return f1(self.precision, self.recall)


_COLUMNS = (
    ("set", 9), ("measure", 15), ("precision", 9), ("recall", 6), ("F1", 5),
    ("type-acc", 8), ("right/pred", 10), ("found/gold", 10), ("seconds", 7),
)


def _cells(row: Row) -> list[str]:
    def num(x: float | None) -> str:
        return "" if x is None else f"{x:.3f}"

    def ratio(x: tuple[int, int] | None) -> str:
        return "" if x is None else f"{x[0]}/{x[1]}"

    seconds = "" if row.seconds is None else f"{row.seconds:.1f}"
    return [row.set, row.measure, num(row.precision), num(row.recall), num(row.f1),
            num(row.type_accuracy), ratio(row.right), ratio(row.found), seconds]


def format_table(rows: Iterable[Row]) -> str:
    """The rows as one aligned text table (names left, figures right)."""
    lines = []
    for cells in [[name for name, _ in _COLUMNS], *map(_cells, rows)]:
        lines.append("  ".join(
            f"{c:<{w}}" if i < 2 else f"{c:>{w}}"
            for i, (c, (_, w)) in enumerate(zip(cells, _COLUMNS, strict=True))
        ).rstrip())
    return "\n".join(lines) + "\n"
