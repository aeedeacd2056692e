"""Federated SERVICE clauses are refused unless asked for: no query makes geokg
fetch a URL. A listener on loopback counts the requests that leave."""

from __future__ import annotations

import http.server
import json
import subprocess
import sys
import threading

import httpx
import pytest
from geokg.exports.endpoint import Endpoint
from geokg.exports.sparql import uses_service
from geokg.graph.errors import QueryError
from rdflib import Graph
from rdflib.plugins.stores.sparqlstore import SPARQLStore

import geokg
from tests.conftest import rdf_tiny_graph

REMOTE = {"head": {"vars": ["x"]},
          "results": {"bindings": [{"x": {"type": "uri", "value": "http://r/x"}}]}}


class Listener(http.server.ThreadingHTTPServer):
    """A SPARQL endpoint on loopback that counts the requests it gets."""

    def __init__(self) -> None:
        self.calls: list[str] = []
        listener = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def _answer(self) -> None:
                listener.calls.append(self.path)
                body = json.dumps(REMOTE).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/sparql-results+json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = _answer

            def log_message(self, *args: object) -> None:
                pass

        super().__init__(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/sparql"


@pytest.fixture
def listener():
    server = Listener()
    yield server
    server.shutdown()
    server.server_close()


def federated(url: str) -> str:
    return f"SELECT ?x WHERE {{ SERVICE <{url}> {{ ?x ?p ?o }} }}"


@pytest.mark.parametrize("text, expected", [
    ("SELECT * { SERVICE <http://a/> { ?s ?p ?o } }", True),
    ("select * { service silent ?endpoint { ?s ?p ?o } }", True),
    ("SELECT * { ?s ?p ?o }\nSERVICE<http://a/>{}", True),
    ("SELECT ?service { ?service ?p ?o }", False),
    ("SELECT * { ?s ex:SERVICE ?o }", False),
    ("PREFIX service: <http://a/> SELECT * { ?s service:p ?o }", False),
    ('SELECT * { ?s ?p "SERVICE <http://a/>" } # SERVICE <http://a/>', False),
    ("SELECT * { ?s <http://a/SERVICE> ?o }", False),
])
def test_the_service_keyword_is_found_where_it_is_a_keyword(text, expected):
    assert uses_service(text) is expected


def cli_query(target, text: str, *more: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "geokg", "query", str(target), text,
                           *more], capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("store", ["oxigraph", "rdflib"])
def test_geokg_query_refuses_service_and_fetches_nothing(
    rdf_tiny_build, listener, store
):
    done = cli_query(rdf_tiny_build, federated(listener.url), "--store", store)
    assert done.returncode == 1
    assert done.stderr.startswith("geokg: error: federated SERVICE clauses are "
                                  "refused") and done.stderr.count("\n") == 1
    assert "Traceback" not in done.stderr
    assert listener.calls == []


def test_geokg_query_runs_service_when_allowed(rdf_tiny_build, listener):
    done = cli_query(rdf_tiny_build, federated(listener.url), "--allow-service",
                     "--format", "csv")
    assert done.returncode == 0, done.stderr
    assert "http://r/x" in done.stdout
    assert listener.calls  # the check above can fail: the listener is reachable


def test_the_api_refuses_service(listener):
    with pytest.raises(QueryError, match="SERVICE clauses are refused"):
        geokg.query(rdf_tiny_graph(), federated(listener.url))
    assert listener.calls == []


@pytest.mark.server
def test_serve_refuses_service_to_a_real_client(rdf_tiny_build, listener):
    with Endpoint(rdf_tiny_build, port=0, timeout_s=10) as endpoint:
        store = SPARQLStore(endpoint.url, returnFormat="json")
        with pytest.raises(Exception, match="wrong formulating"):  # rdflib's 4xx
            list(Graph(store=store).query(federated(listener.url)))
        for send in (
            lambda c: c.get(endpoint.url, params={"query": federated(listener.url)}),
            lambda c: c.post(endpoint.url, data={"query": federated(listener.url)}),
            lambda c: c.post(endpoint.url, content=federated(listener.url).encode(),
                             headers={"Content-Type": "application/sparql-query"}),
        ):
            with httpx.Client(timeout=20) as client:
                reply = send(client)
            assert reply.status_code == 403
            assert "SERVICE clauses are refused" in reply.text
        ok = list(Graph(store=store).query("SELECT ?s WHERE { ?s ?p ?o } LIMIT 1"))
        assert len(ok) == 1
    assert listener.calls == []


@pytest.mark.server
def test_serve_runs_service_when_allowed(rdf_tiny_build, listener):
    with Endpoint(rdf_tiny_build, port=0, timeout_s=10, allow_service=True) as ep:
        with httpx.Client(timeout=20) as client:
            reply = client.get(ep.url, params={"query": federated(listener.url)},
                               headers={"Accept": "application/sparql-results+json"})
    assert reply.status_code == 200, reply.text
    assert listener.calls
