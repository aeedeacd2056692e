"""Time in the HTML view: each claim's event and period, and each pair's timeline.

Lines count events (graph/events.py), not claims: five stories of one meeting
are one event with five mentions. The page's time filter steps through periods
(a year by default, as ``geokg timeline``): an event claim belongs to the period
of its event's date, any other claim (standing relations are no events) to the
period of its own date, else its article's.

The details panel of a line or a pair draws the pair's timeline, the numbers
``geokg timeline A B`` prints (graph/timeline.py: the events that happened, per
period, by family, with net score, mentions and articles), computed here for
every pair of a view in one pass over the events: in the people view for the
actors themselves (``--exact``), in the states view with officials and sector
actors rolled up to their states.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import networkx as nx
from geokg.exports.html_views import date_of
from geokg.graph.errors import UsageError
from geokg.graph.events import event_table
from geokg.graph.rollup import parents, top
from geokg.graph.timeline import (
    PERIODS,
    UNDATED,
    period_of,
    periods_between,
    tally,
)

#: A claim's place in time: its event's index in the page's table (-1: no
#: event) and its period's index on the page's axis (-1: undated or too coarse).
NO_EVENT = -1
NO_PERIOD = -1


@dataclass(frozen=True)
class Times:
    """The page's periods, the graph's events, and where each claim falls."""

    by: str
    periods: list[str]  # the page's axis: every period of an article or a claim
    events: list[dict[str, Any]]  # the graph's event table (graph/events.py)
    claims: dict[Any, tuple[int, int]]  # claim key -> (event index, period index)
    covered: frozenset[str]  # the periods of the articles' publication dates


def claim_times(g: nx.MultiDiGraph, *, by: str = "year") -> Times:
    """Each claim's event and period, on an axis from the first to the last period
    of the articles and the claims."""
    if by not in PERIODS:
        raise UsageError(f"unknown period {by!r}; choose one of {', '.join(PERIODS)}")
    events = event_table(g)
    event_of = {c: i for i, e in enumerate(events) for c in e["claims"]}
    docs = {m["id"]: m for m in g.graph.get("documents", [])}
    found: dict[Any, tuple[int, str | None]] = {}
    for _, _, key, data in g.edges(keys=True, data=True):
        i = event_of.get(key, NO_EVENT)
        when = events[i]["date"] if i != NO_EVENT else date_of(data, docs)
        found[key] = (i, period_of(when, by))
    published = (m.get("published") for m in docs.values())
    covered = frozenset({period_of(day, by) for day in published if day}
                        - {None, UNDATED})
    dated = sorted(covered | {p for _, p in found.values()} - {None, UNDATED})
    periods = periods_between(dated[0], dated[-1], by) if dated else []
    index = {p: i for i, p in enumerate(periods)}
    claims = {key: (i, index.get(p, NO_PERIOD)) for key, (i, p) in found.items()}
    return Times(by, periods, events, claims, covered)


def line_count(support: Iterable[list[Any]]) -> int:
    """What a line counts: its events, and the claims that report none (standing
    relations); `support` rows are [date, status, event, period]."""
    events, other = set(), 0
    for row in support:
        if row[2] == NO_EVENT:
            other += 1
        else:
            events.add(row[2])
    return len(events) + other


def pair_timelines(
    g: nx.MultiDiGraph, pairs: Iterable[tuple[str, str]], times: Times, *, exact: bool
) -> list[list[Any]]:
    """The timeline of each pair with events that happened, as ``geokg timeline``
    (with `exact`, ``--exact``) counts it: [a, b, first, last, coarse, rows].

    `first` and `last` index the page's periods (the timeline's range: its
    events' and the articles' periods); each row is [period index (-1 when
    undated), events per family..., net, mentions, articles], for the periods
    with events only; `coarse` counts events dated too coarsely for a period.
    """
    found = _events_by_pair(g, times, exact=exact)
    owners = None if exact else parents(g, groups=False)
    out = []
    for a, b in sorted(set(pairs)):
        ends = (a, b) if exact else (top(g, a, owners), top(g, b, owners))
        events = found.get(tuple(sorted(ends)))
        if events:
            out.append([a, b, *_rows(events, times)])
    return out


def _events_by_pair(
    g: nx.MultiDiGraph, times: Times, *, exact: bool
) -> dict[tuple[str, str], list[dict[str, Any]]]:
    """The events that happened, by the (sorted) pair of actors they are between:
    their rolled-up source and target, or with `exact` each pair of actors one of
    their claims names."""
    ends = {key: (u, v) for u, v, key in g.edges(keys=True)} if exact else {}
    found: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for event in times.events:
        if event["status"] != "occurred":
            continue
        if exact:
            pairs = {tuple(sorted(ends[c])) for c in event["claims"] if c in ends}
        else:
            pairs = {tuple(sorted((event["source"], event["target"])))}
        for pair in sorted(pairs):
            found.setdefault(pair, []).append(event)
    return found


def _rows(events: list[dict[str, Any]], times: Times) -> list[Any]:
    """[first, last, coarse, rows] of one pair's events (see pair_timelines)."""
    buckets: dict[str, list[dict[str, Any]]] = {}
    coarse = 0
    for e in events:
        period = period_of(e["date"], times.by)
        if period is None:
            coarse += 1
        else:
            buckets.setdefault(period, []).append(e)
    index = {p: i for i, p in enumerate(times.periods)}
    dated = sorted(times.covered | (buckets.keys() - {UNDATED}))
    first, last = (index[dated[0]], index[dated[-1]]) if dated else (0, -1)
    rows = []
    for period, found in sorted(buckets.items(), key=lambda kv: index.get(kv[0], -1)):
        t = tally(found)
        rows.append([index.get(period, NO_PERIOD), *t.counts, t.net, t.mentions,
                     t.articles])
    return [first, last, coarse, rows]
