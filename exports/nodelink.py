"""The whole graph as NetworkX node-link JSON (``graph.json``); it round-trips."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
from geokg.graph.errors import InputError


def to_node_link_json(g: nx.MultiDiGraph) -> str:
    """The graph as node-link JSON, keys sorted; ``from_node_link_json`` reads it."""
    data = nx.node_link_data(g, edges="edges")
    return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1) + "\n"


def from_node_link_json(text: str) -> nx.MultiDiGraph:
    """Read back a graph written by ``to_node_link_json``."""
    return nx.node_link_graph(json.loads(text), edges="edges")


def read_build(target: str | Path) -> nx.MultiDiGraph:
    """The graph of a build folder (its graph.json) or of a graph.json file."""
    path = Path(target)
    if path.is_dir():
        path = path / "graph.json"
    if not path.is_file():
        raise InputError(
            "not a geokg build (no graph.json); run `geokg build --out DIR` first",
            path=str(target),
        )
    try:
        return from_node_link_json(path.read_text(encoding="utf-8"))
    except (ValueError, KeyError, TypeError) as exc:
        raise InputError(
            f"not a geokg graph.json ({exc!r}); rebuild it with `geokg build`",
            path=str(path),
        ) from None
