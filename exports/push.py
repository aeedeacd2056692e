"""`geokg push`: a build into a SPARQL store with the Graph Store HTTP Protocol.

Every graph of the build (one per article, the entities, the ontology and the
entailed triples) is PUT under its name, so pushing again replaces the same
graphs with the same data.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from geokg.exports.ontology import DEFAULT_BASE
from geokg.exports.rdf import graph_name
from geokg.exports.sparql import ENTAILED_FILE, require_http
from geokg.graph.errors import QueryError


@dataclass(frozen=True)
class PushReport:
    """What a push sent: how many graphs and triples."""

    graphs: int
    triples: int


def _build_graph(directory: Path) -> Any:
    from geokg.exports.nodelink import read_build

    return read_build(directory)


def push(
    directory: str | Path, endpoint: str, *, base: str = DEFAULT_BASE,
    timeout: float = 60.0,
) -> PushReport:
    """PUT every graph of a build to a Graph Store Protocol endpoint (replacing it).

    The entailed graph goes too when the build has one (entailed.ttl); when it has
    none, an entailed graph an earlier push left is deleted.
    """
    require_http()
    import httpx
    from geokg.exports.rdf import to_named_graphs

    g = _build_graph(Path(directory))
    entailment = (Path(directory) / ENTAILED_FILE).is_file()
    graphs = to_named_graphs(g, base=base, entailment=entailment)
    entailed = str(graph_name("entailed", base=base))
    headers = {"Content-Type": "application/n-triples"}
    with httpx.Client(timeout=timeout) as client:
        for name, body in graphs.items():
            _send(client, "PUT", endpoint, name, content=body.encode(),
                  headers=headers)
        if entailed not in graphs:
            _send(client, "DELETE", endpoint, entailed)
    triples = sum(body.count("\n") for body in graphs.values())
    return PushReport(len(graphs), triples)


def _send(client: Any, method: str, endpoint: str, name: str, **request: Any) -> None:
    """One Graph Store Protocol request on graph `name` (a DELETE may find none)."""
    import httpx

    try:
        reply = client.request(method, endpoint, params={"graph": name}, **request)
    except httpx.HTTPError as exc:
        raise QueryError(
            f"cannot reach the graph store {endpoint!r}: {exc}; "
            "is it running, and is this its Graph Store Protocol URL?"
        ) from None
    if not (reply.is_success or (method == "DELETE" and reply.status_code == 404)):
        raise QueryError(
            f"the graph store {endpoint!r} refused {method} of graph {name!r}: "
            f"HTTP {reply.status_code} {reply.text[:200]!r}"
        )
