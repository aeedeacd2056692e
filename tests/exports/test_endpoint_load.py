"""`geokg serve` under load: 200 concurrent queries on loopback, none lost or mixed up.

Bounded in count (200 queries) and in time (each request and the whole run have
a timeout), so a hang fails the test instead of stalling the suite.
"""

from __future__ import annotations

import asyncio
import subprocess
import sys

import httpx
import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.server

QUERIES = 200
JSON = "application/sparql-results+json"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def echo(i: int) -> str:
    """A query whose only answer is its own number, so answers cannot be swapped."""
    return f"SELECT ?n WHERE {{ ?s ?p ?o . BIND({i} AS ?n) }} LIMIT 1"


async def ask(client: httpx.AsyncClient, url: str, query: str) -> dict:
    """One SPARQL query over HTTP GET; its JSON result."""
    reply = await client.get(url, params={"query": query}, headers={"Accept": JSON})
    reply.raise_for_status()
    return reply.json()


async def storm(url: str) -> tuple[list[dict], list[dict]]:
    """200 numbered queries and 20 counts, all in flight at once."""
    limits = httpx.Limits(max_connections=QUERIES + 20)
    async with httpx.AsyncClient(timeout=60, limits=limits) as client:
        numbered = [ask(client, url, echo(i)) for i in range(QUERIES)]
        counts = [ask(client, url, COUNT) for _ in range(20)]
        replies = await asyncio.wait_for(asyncio.gather(*numbered, *counts), 180)
    return replies[:QUERIES], replies[QUERIES:]


@pytest.fixture
def served(rdf_tiny_build):
    """`geokg serve` of a small build, started as a user would, on a free port."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "geokg", "serve", str(rdf_tiny_build), "--port", "0"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = proc.stdout.readline()
        assert "http://127.0.0.1:" in line, proc.stderr.read() if proc.poll() else line
        yield line.split()[3]
    finally:
        proc.terminate()
        proc.wait(20)


def test_two_hundred_concurrent_queries_all_answered_on_loopback(served):
    assert served.startswith("http://127.0.0.1:")  # loopback unless told otherwise
    numbered, counts = asyncio.run(storm(served))
    answers = [int(r["results"]["bindings"][0]["n"]["value"]) for r in numbered]
    assert answers == list(range(QUERIES))
    totals = {r["results"]["bindings"][0]["n"]["value"] for r in counts}
    assert len(totals) == 1 and int(totals.pop()) > 0
