"""Summary figures of a knowledge graph: what it holds, by type, relation and source."""

from __future__ import annotations

from collections import Counter
from typing import Any

import networkx as nx
from geokg.graph.vocabulary import RELATIONS


def _counts(values) -> dict[str, int]:
    """Counts, most frequent first, ties by name."""
    return dict(sorted(Counter(values).items(), key=lambda kv: (-kv[1], kv[0])))


def graph_stats(g: nx.MultiDiGraph, *, top: int = 10) -> dict[str, Any]:
    """Counts of documents, entities by type, assertions by relation, family and
    modality, and the `top` most involved actors (assertions they take part in)."""
    edges = [d for _, _, d in g.edges(data=True)]
    involvement: Counter[str] = Counter()
    for u, v in g.edges():
        involvement[u] += 1
        involvement[v] += 1
    ranked = sorted(involvement.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
    return {
        "documents": len(g.graph.get("documents", [])),
        "entities": g.number_of_nodes(),
        "assertions": len(edges),
        "facts": sum(d["modality"] == "asserted" and not d["negated"] for d in edges),
        "entity_types": _counts(d["type"] for _, d in g.nodes(data=True)),
        "relations": _counts(d["relation"] for d in edges),
        "families": _counts(RELATIONS[d["relation"]].family for d in edges),
        "modalities": _counts(d["modality"] for d in edges),
        "negated": sum(bool(d["negated"]) for d in edges),
        "top_actors": [
            {"id": n, "label": g.nodes[n]["label"], "assertions": k} for n, k in ranked
        ],
    }


def format_stats(stats: dict[str, Any]) -> str:
    """The figures as an aligned plain-text report."""
    lines = [
        f"documents   {stats['documents']}",
        f"entities    {stats['entities']}",
        f"assertions  {stats['assertions']} ({stats['facts']} asserted facts, "
        f"{stats['negated']} negated)",
    ]
    for key in ("entity_types", "families", "relations", "modalities"):
        lines.append(f"{key.replace('_', ' ')}:")
        lines += [f"  {name:<20} {count:>7}" for name, count in stats[key].items()]
    lines.append("most involved actors:")
    lines += [
        f"  {a['label']:<30} {a['assertions']:>7}  ({a['id']})"
        for a in stats["top_actors"]
    ]
    return "\n".join(lines) + "\n"
