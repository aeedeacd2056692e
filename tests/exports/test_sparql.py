"""SPARQL over a build: loading, the named query pack, parameters, formats, the CLI."""

from __future__ import annotations

import csv
import io
import json

import pytest
from geokg.exports.rdf import entity_iri
from geokg.exports.sparql import (
    ENGINES,
    load,
    named_queries,
    param_term,
    parse_named,
    query,
    run_query,
)
from geokg.graph.errors import QueryError
from rdflib import Literal, URIRef

from tests.conftest import run_cli

PACK = named_queries()
# the tiny graph's parameters and the rows each named query must return
TINY = {
    "who-met-whom": ({}, [("abbas-araghchi", "xi-jinping", 1)]),
    "conflicts-of": ({"actor": "iran"}, [("to", "threatened", "israel"),
                                        ("from", "attacked", "israel")]),
    "members-of": ({"bloc": "sco"}, [("china",), ("russia",)]),
    "claims-about": ({"actor": "iran"}, [("official of",), ("member of",),
                                        ("drilled with",), ("attacked",),
                                        ("threatened",)]),
    "relations-between": ({"a": "iran", "b": "israel"}, [("attacked",),
                                                         ("threatened",)]),
    "actors-by-involvement": ({}, [("iran", 3), ("israel", 3), ("abbas-araghchi", 2),
                                   ("russia", 1), ("xi-jinping", 1)]),
    "states-by-involvement": ({}, [("iran", 5), ("israel", 3), ("china", 1),
                                   ("russia", 1)]),
    "dyad-timeline": ({"a": "iran", "b": "russia"}, [("2025", 0, 1, 0, 0, 1, 1, 1)]),
}


def rows(results, *columns):
    """The chosen columns of each row, entity IRIs shortened to their ids."""
    prefix = "https://geokg.example.org/entity/"
    out = []
    for row in results.rows:
        values = dict(zip(results.columns, row, strict=True))
        out.append(tuple(
            v.toPython() if isinstance(v, Literal) else str(v).removeprefix(prefix)
            for v in (values[c] for c in columns)
        ))
    return out


@pytest.fixture(scope="module", params=ENGINES)
def tiny_store(request, rdf_tiny_build):
    """The tiny build loaded on each engine."""
    return load(rdf_tiny_build, engine=request.param)


def test_every_query_file_starts_with_a_description():
    assert set(PACK) == set(TINY)
    for q in PACK.values():
        assert q.text.startswith("# ") and len(q.description) > 20, q.name


def test_query_declares_its_params():
    q = parse_named("x", "# Says hi.\n# param actor: who\n# param b: other\nSELECT")
    assert q.description == "Says hi."
    assert q.params == (("actor", "who"), ("b", "other"))


COLUMNS = {
    "who-met-whom": ("a", "b", "claims"),
    "conflicts-of": ("direction", "relation", "other"),
    "members-of": ("member",),
    "claims-about": ("relation",),
    "relations-between": ("relation",),
    "actors-by-involvement": ("actor", "claims"),
    "states-by-involvement": ("state", "claims"),
    "dyad-timeline": ("year", "verbalCooperation", "materialCooperation",
                      "verbalConflict", "materialConflict", "events", "mentions",
                      "articles"),
}


@pytest.mark.parametrize("name", list(TINY))
def test_named_query_on_the_tiny_build(tiny_store, name):
    params, expected = TINY[name]
    got = rows(run_query(tiny_store, PACK[name].text, params=params), *COLUMNS[name])
    if name in ("actors-by-involvement", "states-by-involvement", "who-met-whom"):
        assert got == expected  # ranked: order matters
    else:
        assert sorted(got) == sorted(expected)


@pytest.mark.parametrize("name", list(TINY))
def test_both_engines_agree(rdf_tiny_build, name):
    params = TINY[name][0]
    answers = [
        run_query(load(rdf_tiny_build, engine=e), PACK[name].text, params=params)
        for e in ENGINES
    ]
    assert answers[0].columns == answers[1].columns
    assert sorted(map(str, answers[0].rows)) == sorted(map(str, answers[1].rows))


@pytest.mark.parametrize("filename", ["graph.ttl", "graph.nt", "graph.jsonld",
                                      "graph.trig"])
def test_every_rdf_file_answers_the_same(rdf_tiny_build, filename):
    text = PACK["claims-about"].text
    expected = run_query(load(rdf_tiny_build), text, params={"actor": "iran"})
    got = run_query(load(rdf_tiny_build / filename), text, params={"actor": "iran"})
    assert sorted(map(str, got.rows)) == sorted(map(str, expected.rows))


@pytest.mark.parametrize("value, term", [
    ("iran", entity_iri("iran")),
    ("a b/c", entity_iri("a b/c")),
    ("<https://x.example/y>", URIRef("https://x.example/y")),
    ('"Iran"', Literal("Iran")),
    ('"} ; DROP ALL"', Literal("} ; DROP ALL")),
])
def test_param_values_become_terms_never_query_text(value, term):
    assert param_term("actor", value) == term


@pytest.mark.parametrize("value", ["<not an iri>", "<a b:c>", ""])
def test_bad_param_values_are_refused(value):
    with pytest.raises(QueryError, match="--param actor"):
        param_term("actor", value)


def test_a_literal_param_binds_a_literal(tiny_store):
    label = "<http://www.w3.org/2000/01/rdf-schema#label>"
    text = f"SELECT ?label ?e WHERE {{ ?e {label} ?label }}"
    got = run_query(tiny_store, text, params={"label": '"Iran"'})
    assert rows(got, "e") == [("iran",)]


@pytest.mark.parametrize("text", [
    "INSERT DATA { <a:b> <a:c> <a:d> }",
    "# an update with a comment\nWITH <a:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    "PREFIX a: <x:>\n# note\nDELETE WHERE { ?s ?p ?o }",
    "SELEC * WHERE { ?s ?p ?o }",
])
def test_updates_and_bad_queries_are_refused(tiny_store, text):
    with pytest.raises(QueryError):
        run_query(tiny_store, text)


def test_load_errors_name_the_target(tmp_path):
    with pytest.raises(QueryError, match="not a geokg build"):
        load(tmp_path)
    bad = tmp_path / "x.csv"
    bad.write_text("a,b")
    with pytest.raises(QueryError, match="unknown RDF extension"):
        load(bad)
    broken = tmp_path / "broken.ttl"
    broken.write_text("<a> <b> .")
    with pytest.raises(QueryError, match="cannot parse"):
        load(broken)


def test_result_formats(rdf_tiny_build):
    text = PACK["members-of"].text
    params = {"bloc": "sco"}
    table = query(rdf_tiny_build, text, params=params, fmt="table")
    assert "ent:china" in table and "(2 rows)" in table
    parsed = list(csv.reader(io.StringIO(query(rdf_tiny_build, text, params=params,
                                                fmt="csv"))))
    assert parsed[0][:3] == ["bloc", "member", "memberLabel"]
    assert {r[2] for r in parsed[1:]} == {"China", "Russia"}
    data = json.loads(query(rdf_tiny_build, text, params=params, fmt="json"))
    assert data["head"]["vars"][0] == "bloc"
    first = data["results"]["bindings"][0]
    assert first["member"]["type"] == "uri"
    assert first["claims"]["datatype"].endswith("#integer")


def test_ask_and_construct(rdf_tiny_build):
    assert query(rdf_tiny_build, "ASK { ?s ?p ?o }") == "true\n"
    turtle = query(rdf_tiny_build, "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 2")
    assert turtle.strip()


# ---- the CLI -----------------------------------------------------------------------


def test_cli_named_query(rdf_tiny_build):
    proc = run_cli("query", str(rdf_tiny_build), "--name", "conflicts-of",
                   "--param", "actor=iran", "--format", "csv", timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "threatened" in proc.stdout and "attacked" in proc.stdout


@pytest.mark.parametrize("args, message", [
    (["--name", "nope"], "no named query 'nope'"),
    (["--name", "conflicts-of"], "missing parameter 'actor'"),
    (["--name", "who-met-whom", "-p", "x=1"], "unknown parameter 'x'"),
    (["SELECT * WHERE {", "--store", "rdflib"], "bad SPARQL query"),
])
def test_cli_errors_are_one_line(rdf_tiny_build, args, message):
    proc = run_cli("query", str(rdf_tiny_build), *args, timeout=120)
    assert proc.returncode == 1
    assert message in proc.stderr and len(proc.stderr.strip().splitlines()) == 1


# ---- the seeds -------------------------------------------------------------------


@pytest.fixture(scope="module")
def seeds_store(seeds_build):
    """The seeds build loaded on Oxigraph."""
    return load(seeds_build)


@pytest.mark.model
def test_seeds_who_met_whom(seeds_store):
    pairs = rows(run_query(seeds_store, PACK["who-met-whom"].text), "a", "b")
    assert ("abbas-araghchi", "xi-jinping") in pairs


@pytest.mark.model
@pytest.mark.parametrize("name, params, expect", [
    ("claims-about", {"actor": "iran"}, None),
    ("conflicts-of", {"actor": "iran"}, None),
    ("relations-between", {"a": "iran", "b": "united-states"}, None),
    ("members-of", {"bloc": "sco"}, "member"),
    ("actors-by-involvement", {}, "actor"),
    ("states-by-involvement", {}, "state"),
])
def test_seeds_named_queries(seeds_store, name, params, expect):
    got = run_query(seeds_store, PACK[name].text, params=params)
    assert got.rows, name
    if expect == "member":
        assert {"china", "russia"} & {r[0] for r in rows(got, "member")}
    elif expect:
        ranked = [r[0] for r in rows(got, expect)]
        assert "iran" in ranked[:3]
    if expect == "state":
        assert "abbas-araghchi" not in ranked  # rolled up into Iran


@pytest.mark.model
@pytest.mark.parametrize("name", list(TINY))
def test_seeds_same_answers_on_both_engines(seeds_build, name):
    params = {"actor": "iran", "bloc": "sco", "a": "iran", "b": "russia"}
    wanted = {k: v for k, v in params.items() if k in dict(PACK[name].params)}
    answers = [
        run_query(load(seeds_build, engine=e), PACK[name].text, params=wanted)
        for e in ENGINES
    ]
    assert sorted(map(str, answers[0].rows)) == sorted(map(str, answers[1].rows))
