"""`geokg push` into a real secured store: a private Virtuoso 7 (Debian's
virtuoso-opensource, installed by `make virtuoso`), digest auth as its dba."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from geokg.exports.endpoint import free_port

from tests.conftest import ROOT, run_cli
from tests.exports.test_push import DOC, JSON, expected, without_d2
from tests.test_cli_errors import assert_one_line_error

pytestmark = [pytest.mark.server, pytest.mark.slow]

INI = """\
[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx

[Parameters]
ServerPort = 127.0.0.1:{sql}
DisableUnixSocket = 1
DirsAllowed = ., {dir}
NumberOfBuffers = 2000
MaxDirtyBuffers = 1500

[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = {dir}
ServerThreads = 4

[SPARQL]
ResultSetMaxRows = 10000
"""
PER_GRAPH = """SELECT ?g (COUNT(*) AS ?n) WHERE {
  GRAPH ?g { ?s ?p ?o } FILTER (STRSTARTS(STR(?g), "https://geokg.example.org/"))
} GROUP BY ?g"""
MEMBERS = """PREFIX geo: <https://geokg.example.org/ontology#>
SELECT DISTINCT ?m WHERE { ?m geo:memberOf ?bloc } ORDER BY ?m"""


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory: pytest.TempPathFactory):
    """A private Virtuoso on free loopback ports, its database in a temp folder;
    yields its HTTP root (stopped afterwards: terminate, then kill)."""
    binary = shutil.which("virtuoso-t")
    if binary is None:
        pytest.skip("virtuoso-t is not installed; `make virtuoso` installs Debian's "
                    "virtuoso-opensource")
    folder = tmp_path_factory.mktemp("virtuoso")
    http = free_port()
    (folder / "virtuoso.ini").write_text(INI.format(dir=folder, sql=free_port(),
                                                    http=http))
    with open(folder / "stdout.log", "wb") as log:
        proc = subprocess.Popen(
            [binary, "+foreground", "+configfile", str(folder / "virtuoso.ini")],
            cwd=folder, stdin=subprocess.DEVNULL, stdout=log, stderr=log,
        )
    root = f"http://127.0.0.1:{http}"
    try:
        _wait_for(root, proc, folder)
        yield root
    finally:
        proc.terminate()
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(10)


def _wait_for(root: str, proc: subprocess.Popen, folder: Path) -> None:
    """Until Virtuoso's HTTP port answers a query (a new database takes seconds)."""
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"virtuoso-t stopped: {(folder / 'stdout.log').read_text()}")
        try:
            if httpx.get(f"{root}/sparql", params={"query": "ASK {}"},
                         timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    pytest.fail("virtuoso-t did not answer within 90 seconds")


def select(root: str, query: str) -> list[dict[str, str]]:
    """Rows of a SELECT on Virtuoso's public /sparql, as plain values."""
    reply = httpx.post(f"{root}/sparql", data={"query": query},
                       headers={"Accept": JSON}, timeout=30)
    assert reply.status_code == 200, reply.text
    rows = reply.json()["results"]["bindings"]
    return [{k: v["value"] for k, v in row.items()} for row in rows]


def per_graph(root: str) -> dict[str, int]:
    """Triples per geokg graph in the store."""
    return {r["g"]: int(r["n"]) for r in select(root, PER_GRAPH)}


def geokg_push(build: Path, root: str, *args: str, password: str = "dba"):
    """`geokg push` of a build to Virtuoso's digest-secured Graph Store, as dba
    (the password in $VIRTUOSO_PW)."""
    env = {**os.environ, "VIRTUOSO_PW": password}
    return subprocess.run(
        [sys.executable, "-m", "geokg", "push", str(build), "--endpoint",
         f"{root}/sparql-graph-crud-auth", "--user", "dba",
         "--password-env", "VIRTUOSO_PW", *args],
        cwd=ROOT, env=env, text=True, capture_output=True, timeout=300,
    )


def test_push_with_digest_reads_back_and_is_idempotent(rdf_tiny_build, virtuoso):
    proc = geokg_push(rdf_tiny_build, virtuoso)
    assert proc.returncode == 0, proc.stderr
    assert "pushed 6 graphs" in proc.stdout  # 2 articles, entities, ontology,
    # entailed, events
    sent = {name: body.count("\n") for name, body in expected(rdf_tiny_build).items()}
    first = per_graph(virtuoso)
    assert first == sent
    members = [r["m"] for r in select(virtuoso, MEMBERS)]
    assert members == ["https://geokg.example.org/entity/china",
                       "https://geokg.example.org/entity/russia"]
    again = geokg_push(rdf_tiny_build, virtuoso)
    assert again.returncode == 0, again.stderr
    assert per_graph(virtuoso) == first


def test_a_wrong_password_is_one_line(rdf_tiny_build, virtuoso):
    proc = geokg_push(rdf_tiny_build, virtuoso, password="not-dba")
    endpoint = f"{virtuoso}/sparql-graph-crud-auth"
    assert_one_line_error(proc, 1, f"the graph store {endpoint!r} refused PUT")
    assert "Digest" in proc.stderr and "$VIRTUOSO_PW" in proc.stderr
    assert "not-dba" not in proc.stderr


def test_the_public_graph_store_refuses_writes_with_a_hint(rdf_tiny_build, virtuoso):
    proc = run_cli("push", str(rdf_tiny_build), "--endpoint",
                   f"{virtuoso}/sparql-graph-crud")
    assert_one_line_error(proc, 1, "HTTP 403")
    assert "/sparql-graph-crud-auth" in proc.stderr


def test_prune_deletes_exactly_the_removed_article(rdf_tiny_build, virtuoso, tmp_path):
    outsider = "http://elsewhere.example/graph"
    reply = httpx.put(f"{virtuoso}/sparql-graph-crud-auth", params={"graph": outsider},
                      content=b"<http://x/a> <http://x/b> <http://x/c> .\n",
                      headers={"Content-Type": "application/n-triples"},
                      auth=httpx.DigestAuth("dba", "dba"))
    assert reply.is_success, reply.text
    assert geokg_push(rdf_tiny_build, virtuoso).returncode == 0
    before = per_graph(virtuoso)
    assert DOC + "d2" in before
    smaller = without_d2(rdf_tiny_build, tmp_path / "smaller")
    proc = geokg_push(smaller, virtuoso, "--prune")
    assert proc.returncode == 0, proc.stderr
    assert "pruned 1 graph of articles" in proc.stdout and DOC + "d2" in proc.stdout
    after = per_graph(virtuoso)
    assert set(before) - set(after) == {DOC + "d2"}
    # every graph left is the smaller build's own: PUT replaced, nothing was added
    assert after == {n: body.count("\n") for n, body in expected(smaller).items()}
    assert after != {n: before[n] for n in after}  # the entailed graph lost d2's
    left = select(virtuoso, f"SELECT (COUNT(*) AS ?n) {{ GRAPH <{outsider}> "
                            "{ ?s ?p ?o } }")
    assert left == [{"n": "1"}]
