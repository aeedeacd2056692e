"""`geokg push` to secured stores and --prune: credentials from the environment
and netrc, basic and bearer auth against a small store on loopback, pruning on a
real Oxigraph. Digest against a real Virtuoso is tests/exports/test_virtuoso.py."""

from __future__ import annotations

import base64
import json
import shutil
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from geokg.exports import push as push_module
from geokg.exports.auth import credentials
from geokg.exports.push import push, query_url
from geokg.exports.rdf import to_named_graphs
from geokg.graph.errors import QueryError, UsageError

from tests.conftest import run_cli
from tests.exports.test_serve_push import oxigraph_server  # noqa: F401 (a fixture)
from tests.test_cli_errors import assert_one_line_error

pytestmark = pytest.mark.server

DOC = "https://geokg.example.org/document/"
JSON = "application/sparql-results+json"
BASIC = "Basic " + base64.b64encode(b"alice:s3cret").decode()
BEARER = "Bearer tok-123"


def without_d2(build: Path, folder: Path) -> Path:
    """A copy of a build of the tiny graph without its article d2."""
    from geokg.exports.files import write_atomic
    from geokg.exports.formats import render
    from geokg.exports.nodelink import read_build

    shutil.copytree(build, folder)
    g = read_build(folder)
    g.remove_edges_from([(u, v, k) for u, v, k, d in g.edges(keys=True, data=True)
                         if d["doc_id"] == "d2"])
    g.graph["documents"] = [d for d in g.graph["documents"] if d["id"] != "d2"]
    write_atomic(folder, render(g, ["json"]))
    return folder


class _Handler(BaseHTTPRequestHandler):
    """A Graph Store that wants one Authorization header; /query lists nothing."""

    def do_PUT(self) -> None:
        self._graph(201)

    def do_DELETE(self) -> None:
        self._graph(204)

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.server.seen.append(("POST", self.path, self.headers["Authorization"]))
        empty = {"head": {"vars": ["name"]}, "results": {"bindings": []}}
        self._reply(200, json.dumps(empty).encode(), JSON)

    def _graph(self, status: int) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        graph = parse_qs(urlsplit(self.path).query)["graph"][0]
        auth = self.headers["Authorization"]
        self.server.seen.append((self.command, graph, auth))
        if auth != self.server.accept:
            self.send_response(401)
            self.send_header("WWW-Authenticate", self.server.challenge)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if self.command == "PUT":
            self.server.graphs[graph] = body.decode()
        self._reply(status, b"", "text/plain")

    def _reply(self, status: int, body: bytes, ctype: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def guarded():
    """Start small Graph Stores on loopback: ``guarded(accept, challenge)`` gives
    one's server (``.url``, ``.graphs``, ``.seen``); all stop afterwards."""
    servers = []

    def start(accept: str | None = BASIC, challenge: str = 'Basic realm="t"'):
        server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        server.accept, server.challenge = accept, challenge
        server.graphs, server.seen = {}, []
        server.url = f"http://127.0.0.1:{server.server_address[1]}"
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def expected(build: Path) -> dict[str, str]:
    """The graphs a push of `build` sends, by name."""
    from geokg.exports.nodelink import read_build

    return to_named_graphs(read_build(build))


@pytest.mark.parametrize("endpoint, query", [
    ("http://h:8890/sparql-graph-crud-auth", "http://h:8890/sparql"),
    ("http://h:8890/sparql-graph-crud", "http://h:8890/sparql"),
    ("http://h:7878/store", "http://h:7878/query"),
    ("http://h:3030/ds/data", "http://h:3030/ds/query"),
    ("http://h:7200/repositories/geokg/rdf-graphs/service",
     "http://h:7200/repositories/geokg"),
])
def test_the_query_url_is_told_from_the_store_url(endpoint, query):
    assert query_url(endpoint) == query


def test_an_unknown_store_url_asks_for_query_endpoint(rdf_tiny_build):
    with pytest.raises(UsageError, match="--query-endpoint"):
        push(rdf_tiny_build, "http://127.0.0.1:9/graphs", prune=True)


# ---- basic and bearer against a small store -------------------------------------


@pytest.mark.parametrize("scheme, first_unsigned", [("basic", 0), (None, 1)])
def test_basic_auth(rdf_tiny_build, guarded, scheme, first_unsigned):
    store = guarded()
    given = credentials(store.url, user="alice", scheme=scheme,
                        environ={"GEOKG_PASSWORD": "s3cret"})
    report = push(rdf_tiny_build, f"{store.url}/store", credentials=given)
    assert store.graphs == expected(rdf_tiny_build)
    assert report.graphs == len(store.graphs)
    # --auth basic signs every request; without it, the first 401 says how
    unsigned = [s for s in store.seen if s[2] is None]
    assert len(unsigned) == first_unsigned


def test_netrc_login_is_used_for_the_host(rdf_tiny_build, guarded, tmp_path,
                                          monkeypatch):
    store = guarded()
    netrc = tmp_path / "netrc"
    netrc.write_text("machine 127.0.0.1 login alice password s3cret\n")
    monkeypatch.setenv("NETRC", str(netrc))
    monkeypatch.delenv("GEOKG_PASSWORD", raising=False)
    proc = run_cli("push", str(rdf_tiny_build), "--endpoint", f"{store.url}/store")
    assert proc.returncode == 0, proc.stderr
    assert store.graphs == expected(rdf_tiny_build)


def test_bearer_token_from_env(rdf_tiny_build, guarded, monkeypatch):
    store = guarded(BEARER, 'Bearer realm="t"')
    monkeypatch.setenv("STORE_TOKEN", "tok-123")
    proc = run_cli("push", str(rdf_tiny_build), "--endpoint", f"{store.url}/store",
                   "--token-env", "STORE_TOKEN")
    assert proc.returncode == 0, proc.stderr
    assert "pushed 6 graphs" in proc.stdout  # 2 articles, entities, ontology,
    # entailed, events
    assert {s[2] for s in store.seen} == {BEARER}


@pytest.mark.parametrize("args, env, check", [
    (["--user", "alice"], {"GEOKG_PASSWORD": "wrong-pw"},
     "check user 'alice' and the password in $GEOKG_PASSWORD"),
    (["--user", "alice", "--auth", "digest"], {"GEOKG_PASSWORD": "wrong-pw"},
     "digest credentials were sent; without --auth"),
    (["--token-env", "STORE_TOKEN"], {"STORE_TOKEN": "wrong-pw"},
     "check the token in $STORE_TOKEN"),
    ([], {}, "it needs credentials; pass --user NAME"),
])
def test_a_refusal_is_one_line_naming_the_store(
    rdf_tiny_build, guarded, monkeypatch, tmp_path, args, env, check
):
    store = guarded()
    monkeypatch.setenv("NETRC", str(tmp_path / "none"))
    (tmp_path / "none").write_text("")
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    endpoint = f"{store.url}/store"
    proc = run_cli("push", str(rdf_tiny_build), "--endpoint", endpoint, *args)
    assert_one_line_error(proc, 1, f"the graph store {endpoint!r} refused PUT")
    assert check in proc.stderr and "wrong-pw" not in proc.stderr
    assert store.graphs == {}


def test_a_missing_env_var_is_a_usage_error(rdf_tiny_build, monkeypatch):
    monkeypatch.delenv("NO_SUCH_TOKEN", raising=False)
    proc = run_cli("push", str(rdf_tiny_build), "--endpoint", "http://127.0.0.1:9/store",
                   "--token-env", "NO_SUCH_TOKEN")
    assert_one_line_error(proc, 2, "'NO_SUCH_TOKEN' is not set")


def test_credentials_stay_on_the_store_origin(rdf_tiny_build, guarded):
    store, elsewhere = guarded(), guarded()
    given = credentials(store.url, user="alice", scheme="basic",
                        environ={"GEOKG_PASSWORD": "s3cret"})
    push(rdf_tiny_build, f"{store.url}/store", credentials=given, prune=True,
         query_endpoint=f"{elsewhere.url}/query")
    push(rdf_tiny_build, f"{store.url}/store", credentials=given, prune=True)
    assert [s[2] for s in elsewhere.seen] == [None]  # listed, unsigned
    assert [s[2] for s in store.seen if s[0] == "POST"] == [BASIC]


# ---- --prune on a real store ------------------------------------------------------


def graph_names(url: str) -> list[str]:
    """Every named graph of an Oxigraph store."""
    reply = httpx.post(f"{url}/query", headers={"Accept": JSON},
                       data={"query": "SELECT DISTINCT ?g { GRAPH ?g { ?s ?p ?o } }"})
    return sorted(b["g"]["value"] for b in reply.json()["results"]["bindings"])


def test_prune_deletes_only_the_articles_gone_from_the_build(
    rdf_tiny_build, oxigraph_server, tmp_path, monkeypatch  # noqa: F811
):
    store = f"{oxigraph_server}/store"
    outsiders = ["http://elsewhere.example/g", "https://other.example.org/document/x",
                 "https://geokg.example.org/graph/mine"]
    for name in outsiders:
        httpx.put(store, params={"graph": name}, content=b"<x:a> <x:b> <x:c> .\n",
                  headers={"Content-Type": "application/n-triples"}).raise_for_status()
    push(rdf_tiny_build, store)
    before = graph_names(oxigraph_server)
    monkeypatch.setattr(push_module, "PAGE", 1)  # one name per listing query
    smaller = without_d2(rdf_tiny_build, tmp_path / "smaller")
    report = push(smaller, store, prune=True)
    assert report.pruned == (DOC + "d2",)
    assert graph_names(oxigraph_server) == [g for g in before if g != DOC + "d2"]
    assert set(outsiders) <= set(graph_names(oxigraph_server))
    again = push(smaller, store, prune=True)
    assert again.pruned == () and graph_names(oxigraph_server) == sorted(
        set(before) - {DOC + "d2"})


def test_a_store_that_cannot_list_is_a_clear_error(rdf_tiny_build, oxigraph_server):  # noqa: F811
    with pytest.raises(QueryError, match="did not list the graphs"):
        push(rdf_tiny_build, f"{oxigraph_server}/store", prune=True,
             query_endpoint=f"{oxigraph_server}/store")
