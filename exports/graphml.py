"""The graph as GraphML (``graph.graphml``) for Gephi, yEd, Neo4j and friends.

GraphML holds only scalars, so lists (aliases) become JSON strings, the event
table (graph/events.py) is the graph's ``events`` attribute as one JSON string,
and the document table of ``graph["documents"]`` is left to the other formats.

GraphML is XML 1.0, which cannot hold the control characters U+0000–U+0008,
U+000B, U+000C, U+000E–U+001F, the noncharacters U+FFFE and U+FFFF, or lone
surrogates, not even escaped: each is replaced by U+FFFD (the replacement
character) here and only here; ``graph.json`` and the RDF keep them. Carriage
returns are written as ``&#13;`` so that parsers do not turn them into newlines.
"""

from __future__ import annotations

import json
import re

import networkx as nx
from geokg.graph.events import event_table
from networkx.readwrite.graphml import GraphMLWriter

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """`text` with every character XML 1.0 cannot hold replaced by U+FFFD."""
    return _NOT_XML.sub("\ufffd", text)


def _scalar(value: object) -> object:
    if isinstance(value, (list, dict)):
        value = json.dumps(value, ensure_ascii=False)
    return xml_safe(value) if isinstance(value, str) else value


def _scalars(attrs: dict) -> dict:
    return {k: _scalar(v) for k, v in attrs.items()}


def graphml_graph(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of the graph with only GraphML-friendly scalar attributes."""
    out = nx.MultiDiGraph(name="geokg", events=_scalar(event_table(g)))
    out.add_nodes_from((xml_safe(n), _scalars(d)) for n, d in g.nodes(data=True))
    out.add_edges_from(
        (xml_safe(u), xml_safe(v), xml_safe(k), _scalars(d))
        for u, v, k, d in g.edges(keys=True, data=True)
    )
    return out


def to_graphml(g: nx.MultiDiGraph) -> str:
    """The graph as a GraphML document."""
    # Not nx.generate_graphml: its str.splitlines() turns \r, U+2028 and U+0085
    # inside values into line breaks.
    writer = GraphMLWriter(encoding="utf-8", prettyprint=True)
    writer.add_graph_element(graphml_graph(g))
    return str(writer).replace("\r", "&#13;") + "\n"
