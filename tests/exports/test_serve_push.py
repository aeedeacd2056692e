"""`geokg serve` and `geokg push` over real HTTP on loopback, with real Oxigraph."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from geokg.exports.endpoint import Endpoint, free_port, oxigraph_binary
from geokg.exports.push import push
from geokg.graph.errors import GeokgError, QueryError

from tests.conftest import ROOT

pytestmark = pytest.mark.server

JSON = "application/sparql-results+json"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
MEMBERS = (
    "PREFIX geo: <https://geokg.example.org/ontology#> "
    "SELECT ?m WHERE { ?m geo:memberOf ?bloc } ORDER BY ?m"
)


def values(reply: httpx.Response, var: str) -> list[str]:
    """One variable's values from a SPARQL JSON result."""
    assert reply.status_code == 200, reply.text
    return [b[var]["value"] for b in reply.json()["results"]["bindings"]]


@pytest.fixture(scope="module")
def endpoint(rdf_tiny_build):
    """`geokg serve` of the tiny build on a free loopback port (stopped afterwards)."""
    with Endpoint(rdf_tiny_build, port=0, timeout_s=5) as running:
        yield running


@pytest.fixture
def client():
    """An HTTP client with a short timeout."""
    with httpx.Client(timeout=20) as c:
        yield c


def test_get_and_post_queries_with_content_negotiation(endpoint, client):
    members = ["https://geokg.example.org/entity/china",
               "https://geokg.example.org/entity/russia"]
    get = client.get(endpoint.url, params={"query": MEMBERS}, headers={"Accept": JSON})
    assert values(get, "m") == members
    form = client.post(endpoint.url, data={"query": MEMBERS}, headers={"Accept": JSON})
    assert values(form, "m") == members
    direct = client.post(endpoint.url, content=MEMBERS.encode(), headers={
        "Content-Type": "application/sparql-query", "Accept": "text/csv"})
    assert direct.status_code == 200
    assert direct.headers["content-type"].startswith("text/csv")
    assert direct.text.splitlines()[0].strip() == "m"
    xml = client.get(endpoint.url, params={"query": "ASK { ?s ?p ?o }"},
                     headers={"Accept": "application/sparql-results+xml"})
    assert "<boolean>true</boolean>" in xml.text


@pytest.mark.parametrize("how", ["form", "body", "get", "path"])
def test_updates_are_refused(endpoint, client, how):
    update = "DELETE WHERE { ?s ?p ?o }"
    root = endpoint.url.removesuffix("/sparql")
    if how == "form":
        reply = client.post(endpoint.url, data={"update": update})
    elif how == "body":
        reply = client.post(endpoint.url, content=update.encode(),
                            headers={"Content-Type": "application/sparql-update"})
    elif how == "get":
        reply = client.get(endpoint.url, params={"update": update})
    else:
        reply = client.post(root + "/update", data={"update": update})
    assert reply.status_code == 403
    assert "read-only" in reply.text
    still = client.get(endpoint.url, params={"query": COUNT}, headers={"Accept": JSON})
    assert int(values(still, "n")[0]) > 0


def test_html_view_is_served(endpoint, client):
    root = endpoint.url.removesuffix("/sparql")
    page = client.get(root + "/graph.html")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert client.get(root + "/", follow_redirects=True).url.path == "/graph.html"


def test_bad_query_is_a_4xx(endpoint, client):
    reply = client.get(endpoint.url, params={"query": "SELEC nothing"})
    assert 400 <= reply.status_code < 500


def test_large_results_are_capped(rdf_tiny_build, client):
    with Endpoint(rdf_tiny_build, port=0, max_result_bytes=2000) as small:
        reply = client.get(small.url, params={"query": "SELECT * WHERE { ?s ?p ?o }"},
                           headers={"Accept": JSON})
        assert reply.status_code == 413 and "LIMIT" in reply.text
        ok = client.get(small.url, params={"query": "ASK { ?s ?p ?o }"},
                        headers={"Accept": JSON})
        assert ok.json()["boolean"] is True


def test_long_queries_time_out(rdf_tiny_build, client):
    cross = ("SELECT (COUNT(*) AS ?n) WHERE "
             "{ ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }")
    with Endpoint(rdf_tiny_build, port=0, timeout_s=1) as quick:
        reply = client.get(quick.url, params={"query": cross}, headers={"Accept": JSON})
    assert reply.status_code in (500, 503, 504)  # Oxigraph's timeout or the front's
    assert "time" in reply.text.lower()


def test_serve_refuses_a_missing_build(tmp_path):
    with pytest.raises(QueryError, match="not a geokg build"):
        Endpoint(tmp_path, port=0).start()


def test_cli_serve_prints_its_url_and_answers(rdf_tiny_build, client):
    proc = subprocess.Popen(
        [sys.executable, "-m", "geokg", "serve", str(rdf_tiny_build), "--port", "0"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        line = proc.stdout.readline()
        assert "http://127.0.0.1:" in line, proc.stderr.read() if proc.poll() else line
        url = line.split()[3]
        assert values(client.get(url, params={"query": MEMBERS},
                                 headers={"Accept": JSON}), "m")
    finally:
        proc.terminate()
        proc.wait(20)


# ---- push ---------------------------------------------------------------------------


@pytest.fixture
def oxigraph_server(tmp_path):
    """A writable `oxigraph serve` on a free loopback port, in a temp dir."""

    port = free_port()
    proc = subprocess.Popen(
        [oxigraph_binary(), "serve", "--location", str(tmp_path / "db"),
         "--bind", f"127.0.0.1:{port}", "--union-default-graph"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                httpx.get(f"{url}/query", params={"query": "ASK {}"}, timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        yield url
    finally:
        proc.terminate()
        proc.wait(20)


def snapshot(url: str) -> tuple[int, list[str], list[str]]:
    """Triple count, graph names, and the members of SCO in the store."""
    query = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    n = values(httpx.get(f"{url}/query", params={"query": query},
                         headers={"Accept": JSON}), "n")
    graphs = values(httpx.get(f"{url}/query", params={
        "query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g"},
        headers={"Accept": JSON}), "g")
    members = values(httpx.get(f"{url}/query", params={"query": MEMBERS},
                               headers={"Accept": JSON}), "m")
    return int(n[0]), graphs, members


def test_push_round_trips_and_is_idempotent(rdf_tiny_build, oxigraph_server):
    report = push(rdf_tiny_build, f"{oxigraph_server}/store")
    first = snapshot(oxigraph_server)
    # two articles, the entities, the ontology, the entailed and the events graphs
    assert report.graphs == 6 and first[0] == report.triples
    assert "https://geokg.example.org/document/d1" in first[1]
    assert "https://geokg.example.org/graph/ontology" in first[1]
    assert "https://geokg.example.org/graph/entailed" in first[1]
    assert "https://geokg.example.org/graph/events" in first[1]
    assert first[2] == ["https://geokg.example.org/entity/china",
                        "https://geokg.example.org/entity/russia"]
    push(rdf_tiny_build, f"{oxigraph_server}/store")
    assert snapshot(oxigraph_server) == first


def test_push_to_nowhere_is_a_clear_error(rdf_tiny_build):

    with pytest.raises(QueryError, match="cannot reach the graph store"):
        push(rdf_tiny_build, f"http://127.0.0.1:{free_port()}/store", timeout=5)


def test_push_needs_a_build(tmp_path):
    with pytest.raises(GeokgError, match="no graph.json"):
        push(Path(tmp_path), "http://127.0.0.1:9/store")
