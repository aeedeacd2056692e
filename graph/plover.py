"""Score event extraction against the PLOVER gold-standard records, read by path.

The gold file (``PLOVER_GSR_CAMEO.json`` of openeventdata/PLOVER, CC BY-SA 4.0;
see the ATTRIBUTION beside it) holds one wire sentence per record with one
PLOVER event type and the source and target actors coded as ISO 3166-1
alpha-3 country codes or ``IGO``. It is read where it lies, never copied.

How a record is scored, honestly:

- The predicted event is the extracted event assertion (standing relations
  and negated claims aside) with the highest confidence, the first in text
  order on ties; its type is ``RELATIONS[relation].plover`` (DESIGN.md's
  mapping), except that a planned cooperative claim is a promise, PLOVER's
  AGREE (``vocabulary.plover_type``). A record with no such assertion is
  predicted ``none``.
- The gold file is PLOVER 0.5b1, whose names differ from the vocabulary's
  (later PLOVER): DEMAND is REQUEST, DISAPPROVE is ACCUSE, and FIGHT joins
  ASSAULT. Types the vocabulary has no relation for (PROTEST, MOBILIZE,
  COERCE, INVESTIGATE, CONCEDE) stay in the score: they can only be missed.
- Actors are coded as PLOVER codes them: a country by its ``iso3``, an
  intergovernmental body as ``IGO``, a sector actor ("Iraqi troops") or a
  country's group ("Syrian rebels") by its state, a person or government body
  by the state the same sentence makes it an official or member of. The source (target)
  is right when its code is one of the gold source (target) codes; a
  symmetric relation may match the other way round.

Every record counts: precision and recall per type, a confusion table, and
the source, target and whole-event figures over all records.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from geokg.graph.errors import InputError
from geokg.graph.evaluate import Row
from geokg.graph.model import Assertion, DocResult, Entity
from geokg.graph.vocabulary import RELATIONS, plover_type

#: PLOVER 0.5b1 names (the gold's) -> the names the vocabulary uses.
VERSION_NAMES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "FIGHT": "ASSAULT"}
NONE = "none"
IGO_TYPES = frozenset({"Organization"})
STATE_LINKS = frozenset({"official-of", "member-of"})


def supported_types() -> tuple[str, ...]:
    """The PLOVER types some relation of the vocabulary maps to."""
    return tuple(sorted({r.plover for r in RELATIONS.values() if r.plover}))


@dataclass(frozen=True)
class PloverRecord:
    """One gold record: its sentence, event type and actor codes."""

    id: str
    text: str
    event: str
    gold_event: str
    sources: frozenset[str]
    targets: frozenset[str]


def _codes(actors: Any) -> frozenset[str]:
    if not isinstance(actors, list):
        return frozenset()
    return frozenset(a["code"] for a in actors if isinstance(a, dict) and a.get("code"))


def parse_plover(data: Any) -> tuple[PloverRecord, ...]:
    """The event records of a parsed PLOVER gold file (the DOCUMENT record skipped)."""
    records = []
    for row in data:
        if row.get("event") in (None, "DOCUMENT") or not row.get("text"):
            continue
        records.append(PloverRecord(
            id=row["id"],
            text=row["text"],
            event=VERSION_NAMES.get(row["event"], row["event"]),
            gold_event=row["event"],
            sources=_codes(row.get("source")),
            targets=_codes(row.get("target")),
        ))
    return tuple(records)


def load_plover(path: str | Path) -> tuple[PloverRecord, ...]:
    """Read and parse the PLOVER gold file at `path`."""
    p = Path(path)
    if not p.is_file():
        raise InputError("no such PLOVER gold file; pass the path of "
                         "PLOVER_GSR_CAMEO.json", path=str(p))
    try:
        return parse_plover(json.loads(p.read_text(encoding="utf-8")))
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise InputError(f"not a PLOVER gold file ({exc!r}); expected a JSON list of "
                         "records with id, text, event, source, target",
                         path=str(p)) from None


@dataclass(frozen=True)
class Prediction:
    """What extraction says about one record."""

    event: str
    source: str | None = None
    target: str | None = None
    symmetric: bool = False


def actor_code(entity_id: str, entities: dict[str, Entity],
               assertions: Iterable[Assertion], _seen: frozenset[str] = frozenset()
               ) -> str | None:
    """The PLOVER code of an entity: ISO alpha-3, IGO, or its state's code."""
    e = entities.get(entity_id)
    if e is None:
        return None
    if e.type == "Country":
        return e.iso3
    if e.type in IGO_TYPES:
        return "IGO"
    owner = dict(e.attributes).get("parent") or dict(e.attributes).get("country")
    if owner and owner not in _seen:  # a sector actor: its state ("Iraqi troops")
        code = actor_code(owner, entities, assertions, _seen | {entity_id})
        if code:
            return code
    assertions = list(assertions)
    for a in assertions:
        if a.relation in STATE_LINKS and a.subject.id == entity_id \
                and a.object.id not in _seen:
            code = actor_code(a.object.id, entities, assertions, _seen | {entity_id})
            if code:
                return code
    return None


def predict(result: DocResult) -> Prediction:
    """The event one record's extraction predicts."""
    events = [a for a in result.assertions
              if RELATIONS[a.relation].plover and not a.negated]
    if not events:
        return Prediction(NONE)
    best = min(events, key=lambda a: (
        -a.confidence, a.trigger.start if a.trigger else 0, a.subject_span[0]))
    entities = {e.id: e for e in result.entities}
    rel = RELATIONS[best.relation]
    return Prediction(
        event=plover_type(best.relation, best.modality) or NONE,
        source=actor_code(best.subject.id, entities, result.assertions),
        target=actor_code(best.object.id, entities, result.assertions),
        symmetric=rel.symmetric,
    )


@dataclass
class Counts:
    """Right, predicted and gold counts of one measure."""

    right: int = 0
    predicted: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        """Share of predictions that are right."""
        return self.right / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        """Share of gold items found."""
        return self.right / self.gold if self.gold else 0.0

    def line(self, name: str) -> str:
        """One aligned report line."""
        return (f"{name:12} precision {self.precision:.3f}  recall {self.recall:.3f}  "
                f"({self.right} right, {self.predicted} predicted, {self.gold} gold)")


@dataclass
class PloverReport:
    """The scores of one PLOVER evaluation."""

    records: int = 0
    types: dict[str, Counts] = field(default_factory=dict)
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    event: Counts = field(default_factory=Counts)
    source: Counts = field(default_factory=Counts)
    target: Counts = field(default_factory=Counts)
    whole: int = 0

    def to_json(self) -> dict[str, Any]:
        """The figures, JSON-ready."""
        def fig(c: Counts) -> dict[str, Any]:
            return {"precision": c.precision, "recall": c.recall, "right": c.right,
                    "predicted": c.predicted, "gold": c.gold}
        return {
            "records": self.records,
            "event": fig(self.event),
            "source": fig(self.source),
            "target": fig(self.target),
            "whole_event_accuracy": self.whole / self.records if self.records else 0.0,
            "types": {t: fig(c) for t, c in sorted(self.types.items())},
            "confusion": [[g, p, n] for (g, p), n in sorted(self.confusion.items())],
        }

    def rows(self, name: str) -> list[Row]:
        """The suite table's rows: event type, source and target codes."""
        return [
            Row(name, measure, c.precision, c.recall,
                right=(c.right, c.predicted), found=(c.right, c.gold))
            for measure, c in (("event type", self.event), ("source", self.source),
                               ("target", self.target))
        ]

    def text(self, *, verbose: bool = False) -> str:
        """The figures, per type and confusion table (always all: `verbose` is moot)."""
        supported = set(supported_types())
        lines = [
            f"PLOVER records {self.records}; types the vocabulary maps to: "
            f"{', '.join(sorted(supported))}",
            self.event.line("event type"),
            self.source.line("source code"),
            self.target.line("target code"),
            f"{'whole event':12} accuracy {self.whole / max(self.records, 1):.3f}  "
            f"(type, source and target all right: {self.whole}/{self.records})",
            "per type (gold names of PLOVER 0.5b1 mapped: "
            + ", ".join(f"{k}->{v}" for k, v in VERSION_NAMES.items()) + ")",
        ]
        for t, c in sorted(self.types.items()):
            mark = "" if t in supported else "  (no relation maps here: misses only)"
            lines.append("  " + c.line(t) + mark)
        lines += ["confusion (rows gold, columns predicted):", *self._table()]
        return "\n".join(lines) + "\n"

    def _table(self) -> list[str]:
        golds = sorted({g for g, _ in self.confusion})
        preds = sorted({p for _, p in self.confusion} - {NONE}) + [NONE]
        width = max(len(p) for p in preds + golds) + 1
        head = " " * width + "".join(f"{p[:9]:>10}" for p in preds)
        rows = [f"{g:<{width}}"
                + "".join(f"{self.confusion[g, p] or '.':>10}" for p in preds)
                for g in golds]
        return ["  " + r for r in [head, *rows]]


def _hit(code: str | None, gold: frozenset[str]) -> bool:
    return code is not None and code in gold


def score_plover(records: Iterable[PloverRecord], results: Iterable[DocResult]
                 ) -> PloverReport:
    """Score the records' extraction results (document id = record id)."""
    by_id = {r.document.id: r for r in results}
    report = PloverReport()
    for rec in records:
        result = by_id.get(rec.id)
        pred = predict(result) if result is not None else Prediction(NONE)
        report.records += 1
        report.confusion[rec.event, pred.event] += 1
        gold_t = report.types.setdefault(rec.event, Counts())
        gold_t.gold += 1
        report.event.gold += 1
        if pred.event != NONE:
            report.types.setdefault(pred.event, Counts()).predicted += 1
            report.event.predicted += 1
        if pred.event == rec.event:
            gold_t.right += 1
            report.event.right += 1
        src, tgt = pred.source, pred.target
        if pred.symmetric and not _hit(src, rec.sources) and _hit(tgt, rec.sources):
            src, tgt = tgt, src
        for counts, code, gold in ((report.source, src, rec.sources),
                                   (report.target, tgt, rec.targets)):
            counts.gold += bool(gold)
            counts.predicted += code is not None
            counts.right += _hit(code, gold)
        if pred.event == rec.event and _hit(src, rec.sources) and (
                _hit(tgt, rec.targets) or not rec.targets):
            report.whole += 1
    return report
