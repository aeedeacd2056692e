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

from importlib.metadata import PackageNotFoundError, version

# The API is the package's namespace: geokg.build is geokg.api.build.
from geokg.api import *  # noqa: F403
from geokg.api import __all__ as __all__

try:
    __version__ = version("geokg")
except PackageNotFoundError:  # run from a checkout that was never installed
    __version__ = "0+unknown"
