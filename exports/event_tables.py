"""The claims as event-data tables: ``events.csv`` and ``relations.csv``.

``events.csv`` has one row per event claim (a relation whose family is not
``standing``): its claim id, the id of the event it reports (graph/events.py:
claims of one real-world happening share it) and that event's number of
mentions (claims), then the columns users of GDELT, ICEWS and POLECAT look for:
source and target actors with their ISO alpha-3 code, sector and state, the
CAMEO code, PLOVER type and GDELT quad class of the relation, and the evidence
(modality, negation, confidence, article, sentence). ``relations.csv`` has one
row per standing claim (member-of, party-to, official-of with its role,
located-in). Every claim is a row, negated and hypothetical ones included: the
``fact`` column is true only for asserted, non-negated claims.

``date`` is the claim's own date where its sentence gives one (``date_from`` is
``claim``; ISO 8601, perhaps only a year or a month), else its article's
publication date (``article``). An actor's ``iso3`` is its own code or that of
the state it belongs to, named in ``parent``: its ``parent`` (or ``country``)
attribute, else the one state or body its official-of facts name.

The files are UTF-8 (no byte-order mark) and RFC 4180: comma-separated, fields
quoted with ``"`` only when needed (doubled inside), records ended by CRLF.
Newlines inside a sentence are kept, inside its quotes. Rows are sorted by
date (undated ones last), then by article and place in the text, so the same
graph always gives the same bytes, whatever order its edges were added in.

A spreadsheet runs a cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or
a carriage return as a formula. Such text cells get a leading ``'`` (OWASP's
advice for CSV injection); number and boolean columns are never changed.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

import networkx as nx
from geokg.graph.build import iter_assertions
from geokg.graph.events import event_table
from geokg.graph.model import Assertion, assertion_id
from geokg.graph.rollup import iso3_of, parents
from geokg.graph.vocabulary import RELATIONS, plover_type

#: GDELT's QuadClass numbers of the event families.
QUAD_CLASSES: dict[str, int] = {
    "verbal-cooperation": 1,
    "material-cooperation": 2,
    "verbal-conflict": 3,
    "material-conflict": 4,
}

_ACTOR = ("id", "label", "type", "iso3", "sector", "parent")
_EVIDENCE = (
    "modality",
    "negated",
    "fact",
    "confidence",
    "trigger",
    "location_id",
    "location_label",
    "attributed_to_id",
    "attributed_to_label",
    "doc_id",
    "published",
    "publisher",
    "url",
    "title",
    "sentence",
    "rule",
)

EVENT_COLUMNS: tuple[str, ...] = (
    "claim_id",
    "event_id",
    "mentions",
    "date",
    "date_from",
    *(f"source_{c}" for c in _ACTOR),
    "relation",
    *(f"target_{c}" for c in _ACTOR),
    "family",
    "quad_class",
    "cameo",
    "plover",
    "symmetric",
    *_EVIDENCE,
)

RELATION_COLUMNS: tuple[str, ...] = (
    "relation_id",
    "date",
    "date_from",
    *(f"source_{c}" for c in _ACTOR),
    "relation",
    *(f"target_{c}" for c in _ACTOR),
    "role",
    *_EVIDENCE,
)

_SURROGATE = re.compile("[\ud800-\udfff]")

# What a spreadsheet reads as the start of a formula (OWASP, CSV injection).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    """`text` with a leading ``'`` if a spreadsheet would run it as a formula."""
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def utf8_text(value: object) -> str:
    """Text that UTF-8 can encode (each lone surrogate becomes one U+FFFD)."""
    return _SURROGATE.sub("\ufffd", str(value))


def cell(value: object, *, text: Callable[[str], str] = neutralise) -> str:
    """One CSV cell: empty for None, true/false, numbers as Python writes them."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    return text(utf8_text(value))


def csv_text(
    columns: Iterable[str],
    rows: Iterable[dict[str, Any]],
    *,
    text: Callable[[str], str] = neutralise,
) -> str:
    """A header and one record a row (RFC 4180, CRLF); a missing column raises."""
    columns = tuple(columns)
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows([cell(row[c], text=text) for c in columns] for row in rows)
    return out.getvalue()


def iso_date(value: object) -> str | None:
    """`value` if it is a valid YYYY-MM-DD date, else None."""
    try:
        return date.fromisoformat(value).isoformat() if isinstance(value, str) else None
    except ValueError:
        return None


def actor_columns(g: nx.MultiDiGraph) -> dict[str, dict[str, Any]]:
    """Each node -> its actor columns (id, label, type, iso3, sector, parent)."""
    owners = parents(g)
    return {
        node: {
            "id": node,
            "label": data["label"],
            "type": data["type"],
            "iso3": iso3_of(g, node, owners),
            "sector": data.get("sector"),
            "parent": owners.get(node),
        }
        for node, data in g.nodes(data=True)
    }


def claim_id(a: Assertion) -> str:
    """The claim's stable id: its edge key, else the hash of its identifying fields."""
    return a.id if isinstance(a.id, str) and a.id else assertion_id(a)


def claim_fields(a: Assertion, doc: dict[str, Any]) -> dict[str, Any]:
    """What a claim says, with its coding and evidence (no actor columns)."""
    rel = RELATIONS[a.relation]
    ref = {
        f"{name}_{part}": getattr(getattr(a, name), part, None)
        for name in ("location", "attributed_to")
        for part in ("id", "label")
    }
    return {
        "id": claim_id(a),
        "date": a.date or doc.get("published"),
        "date_from": "claim" if a.date else "article" if doc.get("published") else None,
        "relation": a.relation,
        "family": rel.family,
        "quad_class": QUAD_CLASSES.get(rel.family),
        "cameo": rel.cameo,
        "plover": plover_type(a.relation, a.modality),
        "symmetric": rel.symmetric,
        "role": a.role,
        "modality": a.modality,
        "negated": a.negated,
        "fact": a.is_fact,
        "confidence": a.confidence,
        "trigger": a.trigger.text if a.trigger else None,
        **ref,
        "doc_id": a.doc_id,
        "published": doc.get("published"),
        "publisher": doc.get("publisher"),
        "url": doc.get("url"),
        "title": doc.get("title"),
        "sentence": a.sentence.text,
        "rule": a.rule or None,
    }


def _row_order(item: tuple[Assertion, dict[str, Any]]) -> tuple:
    a, row = item
    date = row["date"]
    return (
        date is None,
        str(date or ""),
        a.doc_id,
        a.sentence.start,
        a.subject_span[0],
        a.object_span[0],
        a.relation,
        row["id"],
    )


def claim_rows(g: nx.MultiDiGraph) -> list[tuple[Assertion, dict[str, Any]]]:
    """Every claim with its fields and both actors' columns, sorted by date (undated
    last), then by article and place in the text."""
    docs = {d["id"]: d for d in g.graph.get("documents", [])}
    actors = actor_columns(g)
    rows = []
    for a in iter_assertions(g):
        row = claim_fields(a, docs.get(a.doc_id, {}))
        for side, node in (("source", a.subject.id), ("target", a.object.id)):
            row |= {f"{side}_{k}": v for k, v in actors[node].items()}
        rows.append((a, row))
    return sorted(rows, key=_row_order)


def _events_by_claim(g: nx.MultiDiGraph) -> dict[str, dict[str, Any]]:
    """Each event claim's id (as the tables write it) -> the event it reports."""
    by_key = {key: e for e in event_table(g) for key in e["claims"]}
    edges = zip(g.edges(keys=True), iter_assertions(g), strict=True)
    return {claim_id(a): by_key[key] for (_, _, key), a in edges if key in by_key}


def to_events_csv(g: nx.MultiDiGraph) -> str:
    """``events.csv``: one row per event claim, with the event it reports and how
    many claims report that event."""
    events = _events_by_claim(g)
    rows = (
        {
            "claim_id": row["id"],
            "event_id": events[row["id"]]["id"],
            "mentions": events[row["id"]]["mentions"],
            **row,
        }
        for a, row in claim_rows(g)
        if RELATIONS[a.relation].is_event
    )
    return csv_text(EVENT_COLUMNS, rows)


def to_relations_csv(g: nx.MultiDiGraph) -> str:
    """``relations.csv``: one row per standing claim (member-of, official-of …)."""
    rows = (
        {"relation_id": row["id"], **row}
        for a, row in claim_rows(g)
        if not RELATIONS[a.relation].is_event
    )
    return csv_text(RELATION_COLUMNS, rows)


def to_event_tables(g: nx.MultiDiGraph) -> dict[str, str]:
    """Both tables, as ``{"events.csv": …, "relations.csv": …}``."""
    return {"events.csv": to_events_csv(g), "relations.csv": to_relations_csv(g)}
