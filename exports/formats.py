"""The output formats, registered by name in one table.

The build writes every default format; the CLI's choices come from this table.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import networkx as nx
from geokg.exports.event_tables import to_event_tables
from geokg.exports.graphml import to_graphml
from geokg.exports.html import to_html
from geokg.exports.jsonl import to_assertions_jsonl
from geokg.exports.neo4j_csv import to_neo4j
from geokg.exports.nodelink import to_node_link_json
from geokg.exports.rdf import (
    ontology_turtle,
    to_entailed_turtle,
    to_jsonld,
    to_ntriples,
    to_trig,
    to_turtle,
)


@dataclass(frozen=True)
class Format:
    """One output: its file name and the pure function that renders it.

    A format of several files (``also``) has a renderer that returns
    ``{filename: text}`` for `filename` and each of `also`; a one-file format's
    renderer returns the text of `filename`.
    """

    name: str
    filename: str
    render: Callable[..., str | dict[str, str]]
    default: bool = True
    options: tuple[str, ...] = ()  # keyword options the renderer takes (e.g. base)
    also: tuple[str, ...] = ()  # the other files a several-file format writes

    @property
    def filenames(self) -> tuple[str, ...]:
        """Every file the format writes (paths relative to the output folder)."""
        return (self.filename, *self.also)


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("assertions", "assertions.jsonl", to_assertions_jsonl),
        Format("json", "graph.json", to_node_link_json),
        Format("turtle", "graph.ttl", to_turtle, options=("base",)),
        Format("entailed", "entailed.ttl", to_entailed_turtle, options=("base",)),
        Format("ontology", "ontology.ttl", ontology_turtle, options=("base",)),
        Format("html", "graph.html", to_html, options=("title", "max_nodes", "view")),
        Format("graphml", "graph.graphml", to_graphml),
        Format("nt", "graph.nt", to_ntriples, default=False, options=("base",)),
        Format("jsonld", "graph.jsonld", to_jsonld, default=False, options=("base",)),
        Format(
            "trig", "graph.trig", to_trig, default=False, options=("base", "entailment")
        ),
        Format(
            "events",
            "events.csv",
            to_event_tables,
            default=False,
            also=("relations.csv",),
        ),
        Format(
            "neo4j",
            "neo4j/nodes.csv",
            to_neo4j,
            default=False,
            also=("neo4j/relationships.csv", "neo4j/load.cypher"),
        ),
    )
}


#: Formats written only on request (``geokg build --formats nt,events,neo4j``).
EXTRA_FORMATS: tuple[str, ...] = tuple(n for n, f in FORMATS.items() if not f.default)


def render(
    g: nx.MultiDiGraph, names: list[str] | None = None, **options: object
) -> dict[str, bytes]:
    """Render the named formats (default: every default one) as ``filename -> bytes``.

    Options (such as ``base``) go to the renderers that declare them; None is left out.
    """
    chosen = names or [f.name for f in FORMATS.values() if f.default]
    out = {}
    for name in chosen:
        fmt = FORMATS[name]
        kwargs = {k: v for k, v in options.items() if k in fmt.options}
        kwargs = {k: v for k, v in kwargs.items() if v is not None}
        text = fmt.render(g, **kwargs)
        files = text if isinstance(text, dict) else {fmt.filename: text}
        out |= {name: body.encode("utf-8") for name, body in files.items()}
    return out
