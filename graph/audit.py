"""A precision audit: a random, reproducible sample of a build's claims to judge.

``geokg audit BUILD --sample 100 --seed 7 --out sheet.csv`` draws claims
uniformly from a build's graph (every claim equally likely, whatever its
document) and writes one row each: the sentence, the triple, modality and
negation, the rule and the trigger row that fired, and two empty columns,
``verdict`` (``right`` or ``wrong``) and ``why``, for a person to fill in by
reading the sentence. ``geokg audit --tally sheet.csv`` counts the verdicts:
the audited precision is right / (right + wrong).

A claim is right when the sentence states that relation between those two
actors, with that modality and polarity (a reported claim attributed to its
speaker is right if the speaker says it); the vocabulary's definitions in
graph/vocabulary.py are the yardstick.

Every cell is article text or derived from it, so a cell a spreadsheet would
read as a formula (starting with ``=``, ``+``, ``-``, ``@``, tab or carriage
return) is prefixed with an apostrophe.
"""

from __future__ import annotations

import csv
import io
import random
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
from geokg.graph.build import iter_assertions
from geokg.graph.errors import InputError
from geokg.graph.model import Assertion

#: Columns of the review sheet, in order.
COLUMNS = (
    "n",
    "id",
    "doc_id",
    "subject",
    "relation",
    "object",
    "modality",
    "negated",
    "role",
    "rule",
    "trigger_id",
    "trigger",
    "sentence",
    "verdict",
    "why",
)
VERDICTS = ("right", "wrong")
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def draw(graph: nx.MultiDiGraph, size: int, seed: int) -> list[Assertion]:
    """``size`` claims drawn without replacement, the same for the same graph and
    seed (claims are ordered by id before drawing), in id order."""
    claims = sorted(iter_assertions(graph), key=lambda a: a.id)
    if size >= len(claims):
        return claims
    return sorted(random.Random(seed).sample(claims, size), key=lambda a: a.id)


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    text = " ".join(text.split())
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def sheet(claims: Iterable[Assertion]) -> str:
    """The review sheet of the claims (CSV, one header row)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for n, a in enumerate(claims, 1):
        row = (
            n,
            a.id,
            a.doc_id,
            f"{a.subject.label} ({a.subject.id})",
            a.relation,
            f"{a.object.label} ({a.object.id})",
            a.modality,
            "negated" if a.negated else "",
            a.role,
            a.rule,
            a.trigger_id,
            a.trigger.text if a.trigger else "",
            a.sentence.text,
            "",
            "",
        )
        writer.writerow([_cell(v) for v in row])
    return out.getvalue()


@dataclass(frozen=True)
class Tally:
    """The verdicts of a filled sheet."""

    right: int
    wrong: int
    open: int
    by_rule: dict[str, tuple[int, int]]

    @property
    def precision(self) -> float | None:
        judged = self.right + self.wrong
        return self.right / judged if judged else None

    def text(self) -> str:
        """The totals, then right/judged per rule, as lines."""
        p = self.precision
        lines = [
            f"judged {self.right + self.wrong}  right {self.right}  wrong "
            f"{self.wrong}  not judged {self.open}  audited precision "
            + (f"{p:.3f}" if p is not None else "n/a")
        ]
        for rule, (right, judged) in sorted(self.by_rule.items()):
            lines.append(f"  {rule:<24} {right}/{judged}")
        return "\n".join(lines) + "\n"


def tally(path: str | Path) -> Tally:
    """Count a filled review sheet's verdicts (``right``/``wrong``; blank = open)."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the sheet ({exc.__class__.__name__})",
                         path=str(path)) from None
    rows = list(csv.DictReader(io.StringIO(text)))
    if rows and not {"verdict", "rule"} <= set(rows[0]):
        raise InputError("not a review sheet (no verdict/rule columns); write one "
                         "with `geokg audit BUILD --out FILE`", path=str(path))
    counts: Counter[str] = Counter()
    rules: dict[str, list[int]] = {}
    for line, row in enumerate(rows, 2):
        verdict = (row.get("verdict") or "").strip().lower()
        if verdict and verdict not in VERDICTS:
            raise InputError(f"verdict {verdict!r} is neither 'right' nor 'wrong'",
                             path=str(path), line=line)
        counts[verdict or "open"] += 1
        if verdict:
            got = rules.setdefault(row.get("rule") or "?", [0, 0])
            got[0] += verdict == "right"
            got[1] += 1
    return Tally(counts["right"], counts["wrong"], counts["open"],
                 {k: (v[0], v[1]) for k, v in rules.items()})
