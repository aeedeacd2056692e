"""The two views of the HTML page: people, and states with their members folded in.

The people view is the graph as extracted. The states view rolls every official,
ministry, armed force and other sector actor up to the state or organisation it
belongs to, as the event tables and timelines do (``graph/rollup.py``: its
``parent`` attribute, else the one state or body its asserted official-of facts
name; non-state groups stay themselves), followed to the end (a minister of a
ministry of a state belongs to the state). Claims between members become
claims between their states, with every claim and its evidence kept; claims
inside one state and the members' offices are folded away.

Each view draws one line per (subject, relation, object), and is split into
communities by networkx's Louvain method, seeded, so the same graph gives the
same communities in any process.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

import networkx as nx
from geokg.exports.html_layout import LAYOUT_SEED, layout
from geokg.graph.rollup import parents
from geokg.graph.vocabulary import RELATIONS

_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
#: The people and the states view, in the order of the page's switch.
VIEWS = ("people", "states")
#: How many of a view's most involved actors are drawn large and labelled first.
TOP_ACTORS = 10


@dataclass(frozen=True)
class View:
    """One view of the page: what it draws and where."""

    name: str
    keep: list[str]
    involvement: Counter[str]
    edges: list[dict[str, Any]]
    communities: list[list[str]]
    sizes: dict[str, float]
    positions: dict[str, tuple[int, int]]


def status_of(data: dict[str, Any]) -> str:
    """An assertion's drawing status: fact, maybe (planned/hypothetical) or negated."""
    if data.get("negated"):
        return "negated"
    return "maybe" if data.get("modality") in ("planned", "hypothetical") else "fact"


def rollup(g: nx.MultiDiGraph) -> dict[str, str]:
    """Each entity that belongs to a state or organisation, mapped to it."""
    # A state is never folded into another, whatever a mistaken claim says.
    up = {n: owner for n, owner in parents(g, groups=False).items()
          if n in g and owner in g and owner != n and g.nodes[n]["type"] != "Country"}
    roots: dict[str, str] = {}
    for node in sorted(up):
        _root(node, up, roots)
    return {n: r for n, r in sorted(roots.items()) if r != n}


def _root(node: str, up: dict[str, str], roots: dict[str, str]) -> str:
    """Follow `up` from `node` to its end (the least id of a cycle ends one)."""
    path, seen, cur = [], set(), node
    while cur in up and cur not in roots and cur not in seen:
        path.append(cur)
        seen.add(cur)
        cur = up[cur]
    if cur in roots:
        root = roots[cur]
    elif cur in seen:
        root = min(path[path.index(cur):])
    else:
        root = cur
    roots.update((p, root) for p in path)
    return root


def states_graph(g: nx.MultiDiGraph, roots: dict[str, str]) -> nx.MultiDiGraph:
    """The graph with every member folded into its root.

    A claim between two members of one state is dropped, and so is every office
    of a member (``official-of``): they say who belongs where, which the states
    view has already drawn by folding.
    """
    h = nx.MultiDiGraph(**g.graph)
    h.add_nodes_from((n, d) for n, d in g.nodes(data=True) if n not in roots)
    h.add_edges_from(
        (a, b, key, d)
        for u, v, key, d in g.edges(keys=True, data=True)
        if ((a := roots.get(u, u)) != (b := roots.get(v, v)) or u == v)
        and not (d["relation"] == "official-of" and u in roots)
    )
    return h


def build_view(
    name: str, g: nx.MultiDiGraph, *, max_nodes: int, evidence: int,
    doc_index: dict[str, int], when: dict[Any, tuple[int, int]],
) -> View:
    """One view of `g`: its most involved entities, lines, communities, layout.

    `when` gives each claim's event and period (exports/html_timeline.py).
    """
    involvement = involvement_of(g)
    keep = top_nodes(g, involvement, max_nodes)
    edges = aggregate_edges(g, keep, doc_index, evidence, when)
    groups = communities(keep, edges, involvement)
    sizes = sizes_of(keep, involvement)
    return View(name, keep, involvement, edges, groups, sizes,
                layout(keep, edges, groups, sizes))


def sizes_of(keep: list[str], involvement: Counter[str]) -> dict[str, float]:
    """Each entity's radius in pixels: the top actors large, the rest small, both
    growing with the square root of their share of the most involved's claims."""
    most = max((involvement[n] for n in keep), default=0) or 1
    top = set(sorted(keep, key=lambda n: (-involvement[n], n))[:TOP_ACTORS])
    sizes = {}
    for n in keep:
        share = math.sqrt(involvement[n] / most)
        big = n in top and involvement[n] > 0
        sizes[n] = round(16 + 22 * share if big else 4 + 16 * share, 1)
    return sizes


def involvement_of(g: nx.MultiDiGraph) -> Counter[str]:
    """How many assertions each entity takes part in."""
    counts: Counter[str] = Counter({node: 0 for node in g})
    for u, v in g.edges():
        counts[u] += 1
        if v != u:
            counts[v] += 1
    return counts


def top_nodes(g: nx.MultiDiGraph, involvement: Counter[str], cap: int) -> list[str]:
    """The `cap` most involved entities (ties by id), in graph order."""
    ranked = sorted(g, key=lambda n: (-involvement[n], n))[:cap]
    chosen = set(ranked)
    return [n for n in g if n in chosen]


def communities(
    keep: list[str], edges: list[dict[str, Any]], involvement: Counter[str]
) -> list[list[str]]:
    """Louvain communities of the drawn lines (seeded), most involved first.

    Each community's members come most involved first; entities with no line
    are communities of one. The graph given to Louvain has integer nodes in
    sorted order, so no set of strings (whose order changes with the process's
    hash seed) decides anything.
    """
    linked = {e[end] for e in edges for end in ("from", "to")}
    names = sorted(n for n in keep if n in linked)
    index = {n: i for i, n in enumerate(names)}
    weights: Counter[tuple[int, int]] = Counter()
    for e in edges:
        i, j = index[e["from"]], index[e["to"]]
        if i != j:
            weights[(min(i, j), max(i, j))] += len(e["support"])
    simple = nx.Graph()
    simple.add_nodes_from(range(len(names)))
    simple.add_weighted_edges_from((i, j, w) for (i, j), w in sorted(weights.items()))
    found = nx.community.louvain_communities(simple, weight="weight", seed=LAYOUT_SEED)
    groups = [sorted((names[i] for i in c), key=lambda n: (-involvement[n], n))
              for c in found]
    groups += [[n] for n in keep if n not in linked]
    return sorted(groups, key=lambda c: (-sum(involvement[n] for n in c), c[0]))


def date_of(data: dict[str, Any], docs: dict[str, dict[str, Any]]) -> str | None:
    """The claim's own date, else its article's, as an ISO prefix (or None)."""
    for value in (data.get("date"), docs.get(data["doc_id"], {}).get("published")):
        if isinstance(value, str) and (m := _DATE.match(value)):
            return m.group(0)
    return None


def aggregate_edges(
    g: nx.MultiDiGraph, keep: list[str], doc_index: dict[str, int], evidence: int,
    when: dict[Any, tuple[int, int]],
) -> list[dict[str, Any]]:
    """One line per (subject, relation, object) among the kept entities; its
    ``support`` has a row [date, status, event, period] per claim."""
    kept = set(keep)
    metas = {m["id"]: m for m in g.graph.get("documents", [])}
    groups: dict[tuple[str, str, str], list] = defaultdict(list)
    for u, v, key, data in g.edges(keys=True, data=True):
        if u in kept and v in kept:
            rel = RELATIONS[data["relation"]]
            ends = (u, v) if rel.directed or u <= v else (v, u)
            groups[(ends[0], data["relation"], ends[1])].append((key, data))
    edges = [
        _edge(s, r, o, claims, metas, doc_index, evidence, when)
        for (s, r, o), claims in sorted(groups.items())
    ]
    _curve_parallels(edges)
    return edges


def _edge(s, r, o, claims, metas, doc_index, evidence, when) -> dict[str, Any]:
    support = [[date_of(d, metas), status_of(d), *when[key]] for key, d in claims]
    ranked = sorted(claims, key=lambda c: _evidence_rank(c, metas))
    return {
        "id": f"e{hashlib.sha1(f'{s}|{r}|{o}'.encode()).hexdigest()[:12]}",
        "from": s,
        "to": o,
        "relation": r,
        "family": RELATIONS[r].family,
        "directed": RELATIONS[r].directed,
        "support": support,
        "docs": len({d["doc_id"] for _, d in claims}),
        "evidence": [_evidence(d, metas, doc_index) for _, d in ranked[:evidence]],
    }


def _evidence_rank(claim: tuple[str, dict[str, Any]], metas) -> tuple:
    key, d = claim
    facts_first = ("fact", "maybe", "negated").index(status_of(d))
    return (facts_first, -float(d.get("confidence", 0)), date_of(d, metas) or "", key)


def _evidence(d: dict[str, Any], metas, doc_index: dict[str, int]) -> dict[str, Any]:
    return {
        "sentence": d.get("sentence", ""),
        "doc": doc_index.get(d["doc_id"]),
        "date": date_of(d, metas),
        "modality": d.get("modality", "asserted"),
        "negated": bool(d.get("negated")),
        "role": d.get("role"),
        "trigger": d.get("trigger"),
    }


def _curve_parallels(edges: list[dict[str, Any]]) -> None:
    """Give relations between the same pair distinct curves (0 = straight)."""
    pairs: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for e in edges:
        pairs[tuple(sorted((e["from"], e["to"])))].append(e)
    for (a, _), group in pairs.items():
        offset = 0 if len(group) % 2 else 1
        for i, e in enumerate(group):
            step = (i + offset + 1) // 2
            sign = 1 if (i + offset) % 2 else -1
            if e["from"] != a:
                sign = -sign  # a reversed edge curves the other way round
            e["curve"] = round(sign * min(0.2 * step, 0.9), 2) or 0  # never -0.0
