"""A query that fails after its first rows must not look like success: the
front of `geokg serve` reads results whole before it answers."""

from __future__ import annotations

import http.server
import json
import threading

import httpx
import pytest
from geokg.exports.endpoint import Endpoint, complete, front_app
from rdflib import Graph
from rdflib.plugins.stores.sparqlstore import SPARQLStore

pytestmark = pytest.mark.server

CANCELLED = b"The SPARQL operation has been cancelled"  # what Oxigraph appends
ROWS = {"head": {"vars": ["x"]},
        "results": {"bindings": [{"x": {"type": "uri", "value": "http://r/x"}}]}}
XML = (b'<?xml version="1.0"?><sparql xmlns="http://www.w3.org/2005/sparql-results#">'
       b'<head><variable name="x"/></head><results><result><binding name="x">'
       b"<uri>http://r/x</uri></binding></result></results></sparql>")
BODIES = {
    "application/sparql-results+json": json.dumps(ROWS).encode(),
    "application/sparql-results+xml": XML,
    "text/csv": b"x\r\nhttp://r/x\r\n",
    "text/tab-separated-values": b"?x\n<http://r/x>\n",
}


@pytest.mark.parametrize("ctype", BODIES)
def test_a_whole_result_is_complete_and_a_cut_one_is_not(ctype):
    body = BODIES[ctype]
    assert complete(ctype, body)
    assert not complete(ctype, body[: len(body) // 2] + CANCELLED)
    assert not complete(ctype, body + CANCELLED)


class Upstream(http.server.ThreadingHTTPServer):
    """A store that answers every query with a set body (cut or whole)."""

    def __init__(self) -> None:
        self.body, self.ctype = b"", "text/plain"
        upstream = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def _answer(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                self.rfile.read(length)
                self.send_response(200)
                self.send_header("Content-Type", upstream.ctype)
                self.send_header("Content-Length", str(len(upstream.body)))
                self.end_headers()
                self.wfile.write(upstream.body)

            do_GET = do_POST = _answer

            def log_message(self, *args: object) -> None:
                pass

        super().__init__(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.serve_forever, daemon=True).start()


@pytest.fixture
def fronted():
    """The real front (uvicorn on loopback) of a store whose answers a test sets."""
    upstream = Upstream()
    front = Endpoint("unused", port=0)
    front._start_front(front_app(f"http://127.0.0.1:{upstream.server_address[1]}",
                                 None, timeout_s=10, max_bytes=10_000_000))
    yield front, upstream
    front.stop()
    upstream.shutdown()
    upstream.server_close()


@pytest.mark.parametrize("ctype", BODIES)
def test_a_result_cut_by_a_failure_is_a_502_not_a_200(fronted, ctype):
    front, upstream = fronted
    upstream.ctype = ctype
    upstream.body = BODIES[ctype]
    with httpx.Client(timeout=20) as client:
        whole = client.get(front.url, params={"query": "SELECT ?x {?x ?p ?o}"})
        assert whole.status_code == 200 and whole.content == BODIES[ctype]
        upstream.body = BODIES[ctype][:40] + CANCELLED
        cut = client.get(front.url, params={"query": "SELECT ?x {?x ?p ?o}"})
    assert cut.status_code == 502
    assert cut.text.startswith("the query failed while its results were being read")
    assert "cancelled" in cut.text


def test_a_real_client_sees_the_failure(fronted):
    front, upstream = fronted
    upstream.ctype = "application/sparql-results+json"
    upstream.body = BODIES[upstream.ctype]
    store = SPARQLStore(front.url, returnFormat="json")
    assert len(list(Graph(store=store).query("SELECT ?x WHERE { ?x ?p ?o }"))) == 1
    upstream.body = upstream.body[:40] + CANCELLED
    with pytest.raises(Exception, match="500|502|Bad Gateway|wrong"):
        list(Graph(store=store).query("SELECT ?x WHERE { ?x ?p ?o }"))


def test_a_query_still_running_at_the_timeout_is_an_error(rdf_tiny_build):
    cross = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    with Endpoint(rdf_tiny_build, port=0, timeout_s=1,
                  max_result_bytes=100_000_000) as endpoint:
        with httpx.Client(timeout=60) as client:
            reply = client.get(endpoint.url, params={"query": cross},
                               headers={"Accept": "text/csv"})
    assert reply.status_code in (413, 504)  # never a cut 200
    assert reply.text.endswith("\n") and "\n" not in reply.text[:-1]
