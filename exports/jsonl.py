"""The graph's assertions as JSON Lines, one claim a line (``assertions.jsonl``)."""

from __future__ import annotations

import json

import networkx as nx

from graph.build import iter_assertions


def to_assertions_jsonl(g: nx.MultiDiGraph) -> str:
    """Every assertion of the graph as one JSON object a line, keys sorted."""
    return "".join(
        json.dumps(a.to_json(), ensure_ascii=False, sort_keys=True) + "\n"
        for a in iter_assertions(g)
    )
