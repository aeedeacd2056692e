"""The graph's assertions as JSON Lines, one claim a line (``assertions.jsonl``)."""

from __future__ import annotations

import json

import networkx as nx
from geokg.graph.build import iter_assertions
from geokg.graph.model import Assertion

# Line separators that JSON allows raw but that line-splitting readers
# (Python's str.splitlines, JavaScript) treat as line ends.
_LINE_BREAKS = str.maketrans(
    {"\u2028": "\\u2028", "\u2029": "\\u2029", "\u0085": "\\u0085"}
)


def assertion_line(a: Assertion) -> str:
    """One assertion as one JSON line (keys sorted, no raw line separators)."""
    text = json.dumps(a.to_json(), ensure_ascii=False, sort_keys=True)
    return text.translate(_LINE_BREAKS) + "\n"


def to_assertions_jsonl(g: nx.MultiDiGraph) -> str:
    """Every assertion of the graph as one JSON object a line."""
    return "".join(assertion_line(a) for a in iter_assertions(g))
