"""`geokg push`: a build into a SPARQL store with the Graph Store HTTP Protocol.

Every graph of the build (one per article, the entities, the ontology and the
entailed triples) is PUT under its name, so pushing again replaces the same
graphs with the same data. A secured store gets the credentials of
``exports/auth.py`` (basic, digest or bearer; sent to the store's origin only).
With `prune`, the graphs of articles no longer in the build are deleted
afterwards: the store's graph names are read over SPARQL, and only names under
the build's article namespace (``<base>document/``) are touched.
"""

from __future__ import annotations

from collections.abc import Generator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import httpx
from geokg.exports.auth import Credentials, refusal
from geokg.exports.ontology import DEFAULT_BASE
from geokg.exports.rdf import document_iri, graph_name
from geokg.exports.sparql import ENTAILED_FILE
from geokg.graph.errors import QueryError, UsageError

#: The end of a store's Graph Store URL -> the end of its SPARQL query URL.
QUERY_URLS = (
    ("/sparql-graph-crud-auth", "/sparql"),  # Virtuoso
    ("/sparql-graph-crud", "/sparql"),  # Virtuoso
    ("/rdf-graphs/service", ""),  # GraphDB, RDF4J: the repository's URL
    ("/store", "/query"),  # Oxigraph
    ("/data", "/query"),  # Fuseki
)
_PROTOCOLS = {"graph store": "Graph Store Protocol", "SPARQL endpoint": "SPARQL query"}
PAGE = 1000  # graph names per listing query; fewer than any store's row cap
_GRAPHS = """SELECT DISTINCT ?name WHERE {{
  GRAPH ?g {{ ?s ?p ?o }}
  BIND (STR(?g) AS ?name)
  FILTER (STRSTARTS(?name, {prefix}) && ?name > {after})
}} ORDER BY ?name LIMIT {page}"""


@dataclass(frozen=True)
class PushReport:
    """What a push did: graphs and triples sent, article graphs pruned."""

    graphs: int
    triples: int
    pruned: tuple[str, ...] = ()


def _build_graph(directory: Path) -> Any:
    from geokg.exports.nodelink import read_build

    return read_build(directory)


def query_url(endpoint: str) -> str:
    """The SPARQL query URL of a store, told from its Graph Store URL."""
    parts = urlsplit(endpoint)
    path = parts.path.rstrip("/")
    for end, query_end in QUERY_URLS:
        if path.endswith(end):
            path = path.removesuffix(end) + query_end
            return urlunsplit(parts._replace(path=path, query="", fragment=""))
    raise UsageError(
        f"cannot tell the SPARQL query URL of the store {endpoint!r} (needed to "
        "find the graphs --prune deletes); pass it with --query-endpoint URL"
    )


def push(
    directory: str | Path, endpoint: str, *, base: str = DEFAULT_BASE,
    timeout: float = 60.0, credentials: Credentials | None = None,
    prune: bool = False, query_endpoint: str | None = None,
) -> PushReport:
    """PUT every graph of a build to a Graph Store Protocol endpoint (replacing it).

    The entailed graph goes too when the build has one (entailed.ttl); when it has
    none, an entailed graph an earlier push left is deleted. With `prune`, the
    store's article graphs (``<base>document/…``) that are not in the build are
    deleted after the push; `query_endpoint` is where they are listed (default:
    the store's query URL, see `query_url`).
    """
    from geokg.exports.rdf import to_named_graphs

    listing = (query_endpoint or query_url(endpoint)) if prune else None
    g = _build_graph(Path(directory))
    entailment = (Path(directory) / ENTAILED_FILE).is_file()
    graphs = to_named_graphs(g, base=base, entailment=entailment)
    entailed = str(graph_name("entailed", base=base))
    with _Store(endpoint, credentials, timeout) as store:
        for name, body in graphs.items():
            store.put(name, body)
        if entailed not in graphs:
            store.delete(entailed)
        pruned = () if listing is None else store.prune(listing, base, graphs)
    triples = sum(body.count("\n") for body in graphs.values())
    return PushReport(len(graphs), triples, pruned)


class _Store:
    """A Graph Store Protocol endpoint: one HTTP client, the credentials it gets."""

    def __init__(
        self, endpoint: str, credentials: Credentials | None, timeout: float
    ) -> None:
        self.endpoint, self.credentials = endpoint, credentials
        self.client = httpx.Client(timeout=timeout)
        self.auth = self._auth_for(endpoint)

    def __enter__(self) -> _Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.client.close()

    def _auth_for(self, url: str) -> Any:
        """The credentials' auth for a URL of the store's origin; none elsewhere."""
        same = urlsplit(url)[:2] == urlsplit(self.endpoint)[:2]
        return http_auth(self.credentials) if self.credentials and same else None

    def put(self, name: str, body: str) -> None:
        """Replace graph `name` with the N-Triples `body`."""
        headers = {"Content-Type": "application/n-triples"}
        self._send("PUT", name, content=body.encode(), headers=headers)

    def delete(self, name: str) -> None:
        """Delete graph `name` (a store without it is fine)."""
        self._send("DELETE", name)

    def _send(self, method: str, name: str, **request: Any) -> None:
        """One Graph Store Protocol request on graph `name` (a DELETE may find none)."""
        reply = self._request("graph store", self.endpoint, method,
                              params={"graph": name}, auth=self.auth, **request)
        if reply.is_success or (method == "DELETE" and reply.status_code == 404):
            return
        service = f"the graph store {self.endpoint!r}"
        action = f"{method} of graph {name!r}"
        raise QueryError(
            refusal(service, action, reply, self.credentials)
            or f"{service} refused {action}: HTTP {reply.status_code} "
            f"{reply.text[:200]!r}"
        )

    def _request(self, what: str, url: str, method: str, **request: Any) -> Any:
        """One HTTP request to the `what` (a key of _PROTOCOLS) at `url`."""
        try:
            return self.client.request(method, url, **request)
        except httpx.HTTPError as exc:
            raise QueryError(
                f"cannot reach the {what} {url!r}: {exc}; "
                f"is it running, and is this its {_PROTOCOLS[what]} URL?"
            ) from None

    def prune(self, url: str, base: str, keep: dict[str, str]) -> tuple[str, ...]:
        """Delete the store's article graphs that are not in `keep`; their names."""
        prefix = str(document_iri("", base=base))
        gone = [n for n in self.graph_names(url, prefix) if n not in keep]
        for name in gone:
            self.delete(name)
        return tuple(gone)

    def graph_names(self, url: str, prefix: str) -> list[str]:
        """The names of the store's graphs starting with `prefix`, page by page."""
        from rdflib import Literal

        names: list[str] = []
        auth = self._auth_for(url)
        while True:
            after = names[-1] if names else ""
            text = _GRAPHS.format(prefix=Literal(prefix).n3(),
                                  after=Literal(after).n3(), page=PAGE)
            page = self._names(url, text, auth)
            if not page or page[-1] <= after:  # done (or the store ignored the bound)
                return names
            # only geokg's article graphs, whatever the store answered
            names += [n for n in page if n.startswith(prefix) and n > after]

    def _names(self, url: str, text: str, auth: Any) -> list[str]:
        """The ``?name`` values of one listing query."""
        headers = {"Accept": "application/sparql-results+json"}
        reply = self._request("SPARQL endpoint", url, "POST", data={"query": text},
                              headers=headers, auth=auth)
        service = f"the SPARQL endpoint {url!r}"
        said = refusal(service, "the query listing the graphs", reply,
                       self.credentials if auth is not None else None)
        if said:
            raise QueryError(said)
        try:
            rows = reply.json()["results"]["bindings"]
            return [row["name"]["value"] for row in rows]
        except (ValueError, KeyError, TypeError):
            raise QueryError(
                f"{service} did not list the graphs (HTTP {reply.status_code}, "
                f"{reply.text[:120]!r}); pass the store's SPARQL query URL with "
                "--query-endpoint URL"
            ) from None


def http_auth(given: Credentials) -> httpx.Auth:
    """An httpx auth sending `given` (one per push: digest counts its requests)."""
    if given.token:
        return _Bearer(given.token)
    if given.scheme == "basic":
        return httpx.BasicAuth(given.user or "", given.password)
    if given.scheme == "digest":
        return httpx.DigestAuth(given.user or "", given.password)
    return _Challenged(given.user or "", given.password)


class _Bearer(httpx.Auth):
    """``Authorization: Bearer TOKEN`` on every request."""

    def __init__(self, token: str) -> None:
        self._token = token

    def auth_flow(self, request: Any) -> Generator[Any, Any, None]:
        request.headers["Authorization"] = f"Bearer {self._token}"
        yield request


class _Challenged(httpx.Auth):
    """Basic or digest, whichever the store's first 401 asks for; kept afterwards."""

    requires_request_body = True  # the first request is sent again, body and all

    def __init__(self, user: str, password: str) -> None:
        self._user, self._password = user, password
        self._chosen: Any = None

    def auth_flow(self, request: Any) -> Generator[Any, Any, None]:
        if self._chosen is not None:
            yield from self._chosen.auth_flow(request)
            return
        response = yield request
        offered = _offered(response)
        if "digest" in offered:
            self._chosen = httpx.DigestAuth(self._user, self._password)
            # hand the digest flow the 401 we already have, not a second request
            flow = self._chosen.auth_flow(request)
            next(flow)
            try:
                signed = flow.send(response)
            except StopIteration:
                return
            reply = yield signed
            try:
                flow.send(reply)
            except StopIteration:
                pass
        elif "basic" in offered:
            self._chosen = httpx.BasicAuth(self._user, self._password)
            yield from self._chosen.auth_flow(request)


def _offered(response: httpx.Response) -> set[str]:
    """The schemes a 401 offers, lower case (one ``WWW-Authenticate`` line each)."""
    if response.status_code != 401:
        return set()
    lines = response.headers.get_list("www-authenticate")
    return {line.split(None, 1)[0].lower() for line in lines if line.strip()}
