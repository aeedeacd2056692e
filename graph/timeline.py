"""How a relationship moves: a dyad's events per period, and an actor's partners.

Events (graph/events.py) that happened (status ``occurred``) are counted, not
claims: five stories of one meeting count once, with five mentions beside it.
Per period, the events of each family (verbal/material cooperation/conflict),
their net Goldstein score (the sum of each event's weight, from its relation's
CAMEO code: graph/vocabulary.py GOLDSTEIN), mentions and articles. Actors are
rolled up to their states, as events are, unless ``exact``: then an event counts
when one of its claims names the two actors themselves.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

import networkx as nx
from geokg.graph.errors import UsageError
from geokg.graph.events import event_table, period_span
from geokg.graph.rollup import parents, top
from geokg.graph.vocabulary import FAMILIES

PERIODS = ("year", "quarter", "month")
EVENT_FAMILIES: tuple[str, ...] = tuple(f for f in FAMILIES if f != "standing")
UNDATED = "undated"


@dataclass(frozen=True)
class Tally:
    """Events counted by family, with their net score, mentions and articles."""

    counts: tuple[int, ...]  # events per family, in EVENT_FAMILIES order
    net: float
    mentions: int
    articles: int

    @property
    def events(self) -> int:
        """Every event counted."""
        return sum(self.counts)

    def row(self) -> dict[str, Any]:
        """The tally as named columns (family names with underscores)."""
        by_family = {
            f.replace("-", "_"): n for f, n in zip(EVENT_FAMILIES, self.counts,
                                                   strict=True)
        }
        return {**by_family, "events": self.events, "net": self.net,
                "mentions": self.mentions, "articles": self.articles}


@dataclass(frozen=True)
class Timeline:
    """A dyad's events per period, from the first to the last period of its events
    and of the graph's articles (periods without events included, as zeros)."""

    a: str
    b: str
    labels: tuple[str, str]
    by: str
    exact: bool
    periods: tuple[tuple[str, Tally], ...]
    total: Tally  # the events of every period (each counted once)
    coarse: int  # events dated too coarsely for the period (a year, by month)


@dataclass(frozen=True)
class Partners:
    """An actor's partners, ranked by events, with each one's net score rank."""

    actor: str
    label: str
    exact: bool
    rows: tuple[tuple[str, str, Tally, int], ...]  # id, label, tally, net rank


def tally(events: Iterable[dict[str, Any]]) -> Tally:
    """The family counts, net score, mentions and articles of some events."""
    events = list(events)
    counts = tuple(sum(e["family"] == f for e in events) for f in EVENT_FAMILIES)
    net = round(sum(e["goldstein"] for e in events), 1) + 0.0  # no -0.0
    articles = {a for e in events for a in e["articles"]}
    return Tally(counts, net, sum(e["mentions"] for e in events), len(articles))


def period_of(when: str | None, by: str) -> str | None:
    """The period of an event date: ``2015``, ``2015-Q3``, ``2015-09``, ``undated``;
    None when the date is too coarse for it (a year, by month)."""
    if by not in PERIODS:
        raise UsageError(f"unknown period {by!r}; choose from {', '.join(PERIODS)}")
    if not when:
        return UNDATED
    span = period_span(when)
    if span is None:
        return None
    lo, hi = span
    if (hi - lo).days <= 6:  # a day, or an ISO week: where its Thursday is
        lo = hi = lo + (hi - lo) / 2
    names = {_period_name(lo, by), _period_name(hi, by)}
    return names.pop() if len(names) == 1 else None


def _period_name(day: date, by: str) -> str:
    if by == "year":
        return str(day.year)
    if by == "quarter":
        return f"{day.year}-Q{(day.month - 1) // 3 + 1}"
    return f"{day.year}-{day.month:02d}"


def periods_between(first: str, last: str, by: str) -> list[str]:
    """Every period from `first` to `last`, so that empty ones show as zeros."""
    def index(p: str) -> int:
        year = int(p[:4])
        if by == "year":
            return year
        step = int(p[6:]) if by == "quarter" else int(p[5:])
        return year * (4 if by == "quarter" else 12) + step - 1

    def name(i: int) -> str:
        if by == "year":
            return str(i)
        per = 4 if by == "quarter" else 12
        year, step = divmod(i, per)
        return f"{year}-Q{step + 1}" if by == "quarter" else f"{year}-{step + 1:02d}"

    return [name(i) for i in range(index(first), index(last) + 1)]


class _Actors:
    """The actors of a graph: their roll-up, labels, and a clear unknown-id error."""

    def __init__(self, g: nx.MultiDiGraph) -> None:
        self.g = g
        self.owners = parents(g, groups=False)

    def check(self, actor: str) -> str:
        if actor not in self.g:
            near = difflib.get_close_matches(actor, [str(n) for n in self.g], n=3)
            hint = f"; did you mean {', '.join(near)}?" if near else ""
            raise UsageError(
                f"no entity {actor!r} in the graph{hint} (`geokg stats` lists the "
                "most involved actors; ids are lower-case slugs such as iran, "
                "united-states)"
            )
        return actor

    def state(self, actor: str, exact: bool) -> str:
        return actor if exact else top(self.g, actor, self.owners)

    def label(self, actor: str) -> str:
        return str(self.g.nodes[actor].get("label", actor))


def _exact_pairs(g: nx.MultiDiGraph) -> dict[str, set[tuple[str, str]]]:
    """Each event claim -> the actors its sentence names, both orders."""
    return {key: {(u, v), (v, u)} for u, v, key in g.edges(keys=True)}


def _occurred(g: nx.MultiDiGraph) -> list[dict[str, Any]]:
    return [e for e in event_table(g) if e["status"] == "occurred"]


def dyad_events(g: nx.MultiDiGraph, a: str, b: str, *, exact: bool = False
                ) -> list[dict[str, Any]]:
    """The events that happened between `a` and `b`, either way round."""
    actors = _Actors(g)
    a, b = (actors.state(actors.check(x), exact) for x in (a, b))
    if not exact:
        return [e for e in _occurred(g) if {e["source"], e["target"]} == {a, b}
                and (a != b or e["source"] == e["target"])]
    pairs = _exact_pairs(g)
    return [e for e in _occurred(g)
            if any((a, b) in pairs[c] for c in e["claims"])]


def timeline(g: nx.MultiDiGraph, a: str, b: str, *, by: str = "year",
             exact: bool = False) -> Timeline:
    """The events between `a` and `b` per period, by family, with net scores."""
    actors = _Actors(g)
    events = dyad_events(g, a, b, exact=exact)
    buckets: dict[str, list[dict[str, Any]]] = {}
    coarse = 0
    for e in events:
        period = period_of(e["date"], by)
        if period is None:
            coarse += 1
        else:
            buckets.setdefault(period, []).append(e)
    # from the first to the last period of the events and of the articles, so
    # that a year the articles cover with no event of the dyad shows as zeros
    published = (d.get("published") for d in g.graph.get("documents", []))
    covered = {period_of(day, by) for day in published if day} - {None, UNDATED}
    dated = sorted(covered | (buckets.keys() - {UNDATED}))
    names = periods_between(dated[0], dated[-1], by) if dated else []
    names += [UNDATED] if UNDATED in buckets else []
    shown = (actors.state(a, exact), actors.state(b, exact))
    return Timeline(
        a=shown[0],
        b=shown[1],
        labels=(actors.label(shown[0]), actors.label(shown[1])),
        by=by,
        exact=exact,
        periods=tuple((p, tally(buckets.get(p, ()))) for p in names),
        total=tally(e for found in buckets.values() for e in found),
        coarse=coarse,
    )


def partners(g: nx.MultiDiGraph, actor: str, *, exact: bool = False) -> Partners:
    """An actor's partners ranked by events (then net score), with net-score ranks."""
    actors = _Actors(g)
    me = actors.state(actors.check(actor), exact)
    found: dict[str, list[dict[str, Any]]] = {}
    if exact:
        ends = {key: (u, v) for u, v, key in g.edges(keys=True)}
        for e in _occurred(g):
            others = {y if x == me else x for x, y in map(ends.get, e["claims"])
                      if me in (x, y)}
            for other in others - {me}:
                found.setdefault(other, []).append(e)
    else:
        for e in _occurred(g):
            if me in (e["source"], e["target"]) and e["source"] != e["target"]:
                other = e["target"] if e["source"] == me else e["source"]
                found.setdefault(other, []).append(e)
    tallies = {other: tally(events) for other, events in found.items()}
    by_net = sorted(tallies, key=lambda o: (-tallies[o].net, o))
    net_rank = {o: i + 1 for i, o in enumerate(by_net)}
    ranked = sorted(tallies, key=lambda o: (-tallies[o].events, -tallies[o].net, o))
    rows = tuple((o, actors.label(o), tallies[o], net_rank[o]) for o in ranked)
    return Partners(me, actors.label(me), exact, rows)


FAMILY_HEADS = ("verbal coop", "material coop", "verbal confl", "material confl")


def _table(head: list[str], rows: list[list[str]], *, text: int = 1) -> str:
    """A plain-text table: the first `text` columns left-aligned, numbers right."""
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]

    def line(cells: list[str]) -> str:
        out = [c.ljust(w) for c, w in zip(cells[:text], widths, strict=False)]
        out += [c.rjust(w) for c, w in zip(cells[text:], widths[text:], strict=True)]
        return "  ".join(out).rstrip()

    return "\n".join(line(r) for r in [head, *rows]) + "\n"


def _cells(t: Tally) -> list[str]:
    return [*map(str, t.counts), str(t.events), f"{t.net:+.1f}", str(t.mentions),
            str(t.articles)]


def format_timeline(t: Timeline) -> str:
    """The timeline as the table ``geokg timeline A B`` prints."""
    how = "exact actors" if t.exact else "officials and sector actors rolled up"
    title = (f"{t.labels[0]} ({t.a}) – {t.labels[1]} ({t.b}): events per {t.by} "
             f"({how}; events that happened, each counted once)\n")
    head = [t.by, *FAMILY_HEADS, "events", "net", "mentions", "articles"]
    rows = [[p, *_cells(tl)] for p, tl in t.periods]
    body = _table(head, [*rows, ["total", *_cells(t.total)]]) if rows else "no events\n"
    note = ""
    if t.coarse:
        note = (f"({t.coarse} events dated only more coarsely than a {t.by} are "
                "left out; --by year counts them)\n")
    return title + body + note


def format_partners(p: Partners) -> str:
    """The partner ranking as ``geokg timeline A`` prints it."""
    how = "exact actors" if p.exact else "officials and sector actors rolled up"
    title = f"Partners of {p.label} ({p.actor}) by events ({how})\n"
    head = ["partner", "label", *FAMILY_HEADS, "events", "net", "mentions",
            "articles", "net rank"]
    rows = [[o, label, *_cells(t), str(rank)] for o, label, t, rank in p.rows]
    return title + (_table(head, rows, text=2) if rows else "no events\n")
