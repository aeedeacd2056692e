"""The whole graph as NetworkX node-link JSON (``graph.json``); it round-trips."""

from __future__ import annotations

import json

import networkx as nx


def to_node_link_json(g: nx.MultiDiGraph) -> str:
    """The graph as node-link JSON, keys sorted; ``from_node_link_json`` reads it."""
    data = nx.node_link_data(g, edges="edges")
    return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1) + "\n"


def from_node_link_json(text: str) -> nx.MultiDiGraph:
    """Read back a graph written by ``to_node_link_json``."""
    return nx.node_link_graph(json.loads(text), edges="edges")
