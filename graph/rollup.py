"""Who belongs to whom: sector actors and officials rolled up to their states.

A sector actor (armed forces, a ministry) names its state in its ``parent``
attribute; an official is tied to the state or body it serves by its
official-of facts (asserted, not negated). A non-state group may name its
``country``: that gives its ISO code, but the group never speaks for the state,
so event roll-ups leave it out (``groups=False``). The event tables (ISO codes,
parent columns) and event grouping (graph/events.py) both read these owners.
"""

from __future__ import annotations

import networkx as nx


def parents(g: nx.MultiDiGraph, *, groups: bool = True) -> dict[str, str]:
    """Each actor -> the state or body it belongs to, where the graph says.

    That is a node's ``parent`` attribute (sector actors, ministries), with
    `groups` its ``country`` (non-state groups), else the one state or body its
    official-of facts (asserted, not negated) name, when they name only one.
    """
    offices: dict[str, set[str]] = {}
    for u, v, data in g.edges(data=True):
        fact = data["modality"] == "asserted" and not data["negated"]
        if data["relation"] == "official-of" and fact:
            offices.setdefault(u, set()).add(v)
    found = {u: min(vs) for u, vs in offices.items() if len(vs) == 1}
    for node, data in g.nodes(data=True):
        owner = data.get("parent") or (data.get("country") if groups else None)
        if owner:
            found[node] = owner
    return found


def chain(g: nx.MultiDiGraph, node: str, owners: dict[str, str]) -> list[str]:
    """`node` and the owners above it, nearest first (a cycle stops the walk)."""
    out: list[str] = []
    while node in g and node not in out:
        out.append(node)
        node = owners.get(node)
    return out or [node]


def top(g: nx.MultiDiGraph, node: str, owners: dict[str, str]) -> str:
    """The state or body at the top of `node`'s owners (itself if it has none)."""
    return chain(g, node, owners)[-1]


def iso3_of(g: nx.MultiDiGraph, node: str, owners: dict[str, str]) -> str | None:
    """An actor's ISO alpha-3 code: its own, else that of the state it belongs to."""
    for link in chain(g, node, owners):
        if link in g and g.nodes[link].get("iso3"):
            return g.nodes[link]["iso3"]
    return None
