"""The graph as GraphML (``graph.graphml``) for Gephi, yEd, Neo4j and friends.

GraphML holds only scalars, so lists (aliases) become JSON strings and the
document table of ``graph["documents"]`` is left to the other formats.
"""

from __future__ import annotations

import json

import networkx as nx


def _scalars(attrs: dict) -> dict:
    return {
        k: json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v
        for k, v in attrs.items()
    }


def graphml_graph(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of the graph with only GraphML-friendly scalar attributes."""
    out = nx.MultiDiGraph(name="geokg")
    out.add_nodes_from((n, _scalars(d)) for n, d in g.nodes(data=True))
    out.add_edges_from((u, v, k, _scalars(d)) for u, v, k, d in g.edges(keys=True, data=True))
    return out


def to_graphml(g: nx.MultiDiGraph) -> str:
    """The graph as a GraphML document."""
    return "\n".join(nx.generate_graphml(graphml_graph(g), prettyprint=True)) + "\n"
