"""One event per real-world happening: the claims that report it, grouped.

Five stories that report one meeting are five ``met-with`` claims (edges); they
are one event. Grouping is deterministic and each step is recorded. Claims join
one event when they have

1. the same key: their status (``occurred``: asserted or reported and not
   negated; ``planned``; ``hypothetical``; ``denied``: negated), relation
   family, timing (meetings and attacks happen on one day; other events within
   a window) and participants once officials and sector actors are rolled up to
   their states (graph/rollup.py): in order for a directed relation, as a pair
   for a symmetric one;
2. compatible dates. A claim's date is its sentence's own, else its article's
   publication date, which stands for that day or the day before (so does a
   claim dated with its article's day: the extractor gives it). A same-day
   claim joins an event while they share a possible day (the event's days
   narrow as claims join); a window claim joins within :data:`WINDOW_DAYS` of
   the event's first report. A claim dated only by week, month or year joins
   the event of its period with the same period, else the only event of its key
   inside the period, else opens one. An undated claim joins only claims of its
   key in the same article;
3. places that do not contradict: equal, one inside the other (located-in
   facts), or either unknown.

Claims are never lost: each keeps its edge and evidence and gains ``event`` (the
event's id) and ``event_rule`` (why it joined: :data:`JOIN_RULES`). The event
table is ``graph["events"]``, one dict per event (:func:`group_events`), sorted
by date (undated last) and id. Standing relations (member-of …) are not events.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import networkx as nx
from geokg.graph.rollup import parents, top
from geokg.graph.vocabulary import RELATIONS

#: Relations whose events happen on one day: meetings, talks and attacks.
SAME_DAY = frozenset({"met-with", "negotiated-with", "consulted-with", "attacked",
                      "fought"})
#: Other events (statements, sanctions, drills …): claims within this many days
#: of the event's first report are one event.
WINDOW_DAYS = 3
#: A sentence with no date of its own tells of its article's day or the day before.
REPORT_LAG_DAYS = 1
#: Why a claim is in its event (the ``event_rule`` of its edge).
JOIN_RULES = {
    "first-report": "the first claim of the event (by date, then place in the text)",
    "same-day": "shares a possible day with the event's claims",
    f"within-{WINDOW_DAYS}-days": f"within {WINDOW_DAYS} days of the first report",
    "same-period": "dated by the same week, month or year as the event",
    "in-period": "dated by a week, month or year that holds only this event",
    "same-article": "undated, in the same article as the event's first claim",
}
STATUSES = ("occurred", "planned", "hypothetical", "denied")

_MONTH = re.compile(r"(\d{4})-(\d\d)")
_WEEK = re.compile(r"(\d{4})-W(\d\d)")
_YEAR = re.compile(r"\d{4}")


@dataclass(frozen=True)
class When:
    """The days on which a claim's event may have happened, and where that comes
    from: the sentence's own date (``claim``) or the article's (``article``)."""

    lo: date
    hi: date
    text: str
    source: str

    @property
    def fine(self) -> bool:
        """Whether the date names a day (or an article's day and the day before)."""
        return (self.hi - self.lo).days <= REPORT_LAG_DAYS


def period_span(text: str) -> tuple[date, date] | None:
    """The first and last day of a date, week, month or year; None if it is none."""
    try:
        if len(text) == 10:
            day = date.fromisoformat(text)
            return day, day
        if m := _WEEK.fullmatch(text):
            first = date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return first, first + timedelta(days=6)
        if m := _MONTH.fullmatch(text):
            first = date(int(m[1]), int(m[2]), 1)
            after = date(first.year + first.month // 12, first.month % 12 + 1, 1)
            return first, after - timedelta(days=1)
        if _YEAR.fullmatch(text):
            return date(int(text), 1, 1), date(int(text), 12, 31)
    except ValueError:
        return None
    return None


def claim_when(own: str | None, published: str | None) -> When | None:
    """When a claim's event happened: its own date, else its article's; or None.

    A claim dated with its article's day is read as dated by its article: the
    extractor writes the article's date where the sentence gives none
    (ingest/pipeline.py), so that day and the one before stay possible.
    """
    span = period_span(own) if own and own != published else None
    if span:
        return When(*span, own, "claim")
    day = period_span(published) if published and len(published) == 10 else None
    if day:
        return When(day[0] - timedelta(days=REPORT_LAG_DAYS), day[1], published,
                    "article")
    return None


def status(data: dict[str, Any]) -> str:
    """A claim's status: occurred, planned, hypothetical or denied."""
    if data["negated"]:
        return "denied"
    if data["modality"] in ("asserted", "reported"):
        return "occurred"
    return data["modality"]


@dataclass(frozen=True)
class _Claim:
    id: str
    order: tuple[Any, ...]
    key: tuple[str, ...]
    relation: str
    doc_id: str
    when: When | None
    place: str | None


@dataclass
class _Group:
    """An event being built: its claims, possible days and place."""

    key: tuple[str, ...]
    kind: str  # "day" (fine dates), "period" (week/month/year) or "undated"
    lo: date | None
    hi: date | None
    place: str | None
    doc_id: str
    claims: list[tuple[_Claim, str]] = field(default_factory=list)

    def add(self, claim: _Claim, rule: str, places: _Places) -> None:
        self.claims.append((claim, rule))
        self.place = places.narrower(self.place, claim.place)


class _Places:
    """Which places lie inside which (located-in facts, transitively)."""

    def __init__(self, g: nx.MultiDiGraph) -> None:
        up: dict[str, set[str]] = {}
        for u, v, d in g.edges(data=True):
            if d["relation"] == "located-in" and status(d) == "occurred":
                up.setdefault(u, set()).add(v)
        self.inside: dict[str, set[str]] = {}
        for node in up:
            seen, todo = set(), list(up[node])
            while todo:
                here = todo.pop()
                if here not in seen:
                    seen.add(here)
                    todo += up.get(here, ())
            self.inside[node] = seen

    def agree(self, a: str | None, b: str | None) -> bool:
        """Whether two places do not contradict (equal, nested or unknown)."""
        return (a is None or b is None or a == b or b in self.inside.get(a, ())
                or a in self.inside.get(b, ()))

    def narrower(self, a: str | None, b: str | None) -> str | None:
        """The more precise of two agreeing places."""
        if a is None or (b is not None and a in self.inside.get(b, ())):
            return b
        return a


def _claims(g: nx.MultiDiGraph) -> Iterator[_Claim]:
    """Every event claim of the graph, with its key, date and place."""
    owners = parents(g, groups=False)
    published = {d["id"]: d.get("published") for d in g.graph.get("documents", [])}
    for u, v, key, d in g.edges(keys=True, data=True):
        rel = RELATIONS[d["relation"]]
        if not rel.is_event:
            continue
        source, target = top(g, u, owners), top(g, v, owners)
        if rel.symmetric:
            source, target = sorted((source, target))
        timing = "same-day" if rel.name in SAME_DAY else f"within-{WINDOW_DAYS}-days"
        yield _Claim(
            id=key,
            # the build's edge order, so grouping does not depend on insertion
            order=(d["doc_id"], d["sentence_start"], d["subject_start"],
                   d["object_start"], rel.name, str(key)),
            key=(status(d), rel.family, timing, str(rel.symmetric), source, target),
            relation=rel.name,
            doc_id=d["doc_id"],
            when=claim_when(d.get("date"), published.get(d["doc_id"])),
            place=d.get("location"),
        )


def _join_day(claim: _Claim, groups: list[_Group], places: _Places) -> None:
    """Put a claim with a day's date into its event, or open one."""
    when, timing = claim.when, claim.key[2]
    slack = timedelta(days=0 if timing == "same-day" else WINDOW_DAYS)
    for group in reversed(groups):
        if group.kind != "day" or not places.agree(group.place, claim.place):
            continue
        if when.lo <= group.hi + slack and when.hi >= group.lo - slack:
            if timing == "same-day":  # the event's possible days narrow
                group.lo, group.hi = max(group.lo, when.lo), min(group.hi, when.hi)
            group.add(claim, timing, places)
            return
    _open(groups, claim, "day", when.lo, when.hi, places)


def _join_period(claim: _Claim, groups: list[_Group], places: _Places) -> None:
    """Put a claim dated by a week, month or year into its event, or open one."""
    lo, hi = claim.when.lo, claim.when.hi
    inside = [
        g for g in groups
        if g.kind != "undated" and lo <= g.lo and g.hi <= hi
        and places.agree(g.place, claim.place)
    ]
    same = [g for g in inside if g.kind == "period" and (g.lo, g.hi) == (lo, hi)]
    if same:
        same[0].add(claim, "same-period", places)
    elif len(inside) == 1:
        inside[0].add(claim, "in-period", places)
    else:
        _open(groups, claim, "period", lo, hi, places)


def _join_undated(claim: _Claim, groups: list[_Group], places: _Places) -> None:
    """Put an undated claim into the undated event of its article, or open one."""
    for group in groups:
        if (group.kind == "undated" and group.doc_id == claim.doc_id
                and places.agree(group.place, claim.place)):
            group.add(claim, "same-article", places)
            return
    _open(groups, claim, "undated", None, None, places)


def _open(groups: list[_Group], claim: _Claim, kind: str, lo: date | None,
          hi: date | None, places: _Places) -> None:
    group = _Group(claim.key, kind, lo, hi, None, claim.doc_id)
    group.add(claim, "first-report", places)
    groups.append(group)


def _groups(claims: list[_Claim], places: _Places) -> list[_Group]:
    """The events of claims that share one key."""
    day = [c for c in claims if c.when and c.when.fine]
    period = [c for c in claims if c.when and not c.when.fine]
    groups: list[_Group] = []
    for c in sorted(day, key=lambda c: (c.when.lo, c.when.hi, c.order)):
        _join_day(c, groups, places)
    for c in sorted(period, key=lambda c: (c.when.hi - c.when.lo, c.when.lo, c.order)):
        _join_period(c, groups, places)
    for c in sorted((c for c in claims if c.when is None), key=lambda c: c.order):
        _join_undated(c, groups, places)
    return groups


def _best_date(group: _Group) -> tuple[str | None, str | None]:
    """The event's date and where it comes from (``claim`` or ``article``)."""
    if group.kind == "undated":
        return None, None
    if group.kind == "period":
        return group.claims[0][0].when.text, "claim"
    own = Counter(
        c.when.text for c, _ in group.claims
        if c.when.source == "claim" and c.when.lo == c.when.hi
    )
    if own:
        return min(own, key=lambda text: (-own[text], text)), "claim"
    first = group.claims[0][0].when
    day = group.hi if group.key[2] == "same-day" else first.hi
    return day.isoformat(), "article"


def _relation(group: _Group) -> str:
    """The relation most of the event's claims name; between as many, the one the
    first report names first."""
    counts = Counter(c.relation for c, _ in group.claims)  # in the order they joined
    return max(counts, key=counts.__getitem__)


def _record(group: _Group) -> dict[str, Any]:
    """The event-table row of a group (its id is set by :func:`group_events`)."""
    status_, family, timing, symmetric, source, target = group.key
    when, date_from = _best_date(group)
    relation = _relation(group)
    rule = {"period": "same-period", "undated": "same-article"}.get(group.kind, timing)
    claims = sorted(group.claims, key=lambda item: item[0].order)
    return {
        "relation": relation,
        "family": family,
        "status": status_,
        "symmetric": symmetric == "True",
        "source": source,
        "target": target,
        "date": when,
        "date_from": date_from,
        "location": group.place,
        "rule": rule,
        "goldstein": RELATIONS[relation].goldstein,
        "mentions": len(claims),
        "claims": [c.id for c, _ in claims],
        "articles": sorted({c.doc_id for c, _ in claims}),
    }


def event_id(record: dict[str, Any], undated_doc: str | None = None) -> str:
    """A stable id: a hash of the event's key, date and place (and article, when
    undated)."""
    parts = (record["status"], record["family"], record["rule"],
             str(record["symmetric"]), record["source"], record["target"],
             record["date"] or "", record["location"] or "", undated_doc or "")
    return "ev-" + hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def group_events(
    g: nx.MultiDiGraph,
) -> tuple[list[dict[str, Any]], dict[str, tuple[str, str]]]:
    """The event table of a graph, and each event claim's ``(event id, rule)``."""
    places = _Places(g)
    by_key: dict[tuple[str, ...], list[_Claim]] = {}
    for claim in _claims(g):
        by_key.setdefault(claim.key, []).append(claim)
    table: list[dict[str, Any]] = []
    joined: dict[str, tuple[str, str]] = {}
    taken: Counter[str] = Counter()
    for key in sorted(by_key):
        for group in _groups(by_key[key], places):
            record = _record(group)
            undated = group.doc_id if group.kind == "undated" else None
            ident = event_id(record, undated)
            taken[ident] += 1
            if taken[ident] > 1:  # two events of one key, day and place
                ident = f"{ident}-{taken[ident]}"
            table.append({"id": ident, **record})
            joined |= {c.id: (ident, rule) for c, rule in group.claims}
    table.sort(key=lambda e: (e["date"] is None, e["date"] or "", e["id"]))
    return table, joined


def add_events(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Group the graph's claims into events, in place: ``event`` and
    ``event_rule`` on each event claim's edge, the table in ``graph["events"]``."""
    table, joined = group_events(g)
    for _, _, key, data in g.edges(keys=True, data=True):
        if key in joined:
            data["event"], data["event_rule"] = joined[key]
    g.graph["events"] = table
    return g


def event_table(g: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """The graph's event table: the one it holds when it covers the graph's claims,
    else grouped now (a graph.json written before events, a graph changed since)."""
    found = g.graph.get("events")
    return found if found is not None and _covers(g, found) else group_events(g)[0]


def _covers(g: nx.MultiDiGraph, table: list[dict[str, Any]]) -> bool:
    """Whether a table's events hold exactly the graph's event claims, as their
    edges say."""
    claims = {c: e["id"] for e in table for c in e["claims"]}
    edges = {
        key: data.get("event")
        for _, _, key, data in g.edges(keys=True, data=True)
        if RELATIONS[data["relation"]].is_event
    }
    return claims == edges
