"""The output formats, registered by name in one table.

The build writes every default format; the CLI's choices come from this table.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import networkx as nx

from exports.graphml import to_graphml
from exports.html import to_html
from exports.jsonl import to_assertions_jsonl
from exports.nodelink import to_node_link_json
from exports.rdf import ontology_turtle, to_turtle


@dataclass(frozen=True)
class Format:
    """One output: its file name and the pure function that renders it."""

    name: str
    filename: str
    render: Callable[[nx.MultiDiGraph], str]
    default: bool = True


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("assertions", "assertions.jsonl", to_assertions_jsonl),
        Format("json", "graph.json", to_node_link_json),
        Format("turtle", "graph.ttl", to_turtle),
        Format("ontology", "ontology.ttl", ontology_turtle),
        Format("html", "graph.html", to_html),
        Format("graphml", "graph.graphml", to_graphml),
    )
}


def render(g: nx.MultiDiGraph, names: list[str] | None = None) -> dict[str, bytes]:
    """Render the named formats (default: every default one) as ``filename -> bytes``."""
    chosen = names or [f.name for f in FORMATS.values() if f.default]
    return {FORMATS[n].filename: FORMATS[n].render(g).encode("utf-8") for n in chosen}
