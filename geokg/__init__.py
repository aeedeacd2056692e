"""geokg: geopolitical knowledge graphs from news articles.

    import geokg
    g = geokg.build(["seeds/"])       # actors and what they did, as networkx
    geokg.write(g, "out")             # graph.json, graph.ttl, graph.html, ...
    geokg.query(g, "who-met-whom")    # SPARQL rows
    geokg.show(g)                     # the interactive view, inline in Jupyter
    geokg.timeline(g, "iran", "russia")  # their events per year, with net scores

The folders graph/, ingest/ and exports/ are geokg.graph, geokg.ingest and
geokg.exports; geokg.cli is the command line (also `python -m geokg`).
"""

from geokg.api import (
    Document,
    GeokgError,
    InputWarning,
    Shown,
    build,
    extract,
    query,
    read,
    show,
    timeline,
    to_html,
    write,
)

__version__ = "0.1.0"

__all__ = [
    "Document",
    "GeokgError",
    "InputWarning",
    "Shown",
    "build",
    "extract",
    "query",
    "read",
    "show",
    "timeline",
    "to_html",
    "write",
]
