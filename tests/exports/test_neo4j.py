"""neo4j/nodes.csv, neo4j/relationships.csv and load.cypher: the import's format."""

from __future__ import annotations

import csv
import io
import re
from datetime import date

import networkx as nx
import pytest
from geokg.exports.files import write_atomic
from geokg.exports.formats import FORMATS, render
from geokg.exports.neo4j_csv import NEO4J_TYPES, node_labels, relationship_type
from geokg.exports.nodelink import read_build
from geokg.graph.build import build_graph, iter_assertions
from geokg.graph.model import Assertion, DocResult, Document, Entity, TextSpan
from geokg.graph.vocabulary import ACTOR_TYPES, ENTITY_TYPES, RELATIONS

from tests.exports.test_roundtrip_hostile import hostile_graph as text_hostile_graph

NODE_SPECIAL = {"id:ID", ":LABEL"}
RELATIONSHIP_SPECIAL = {":START_ID", ":END_ID", ":TYPE"}
PROPERTY = re.compile(r"(?P<name>[A-Za-z_]\w*):(?P<type>[a-z]+)(?P<array>\[\])?", re.A)
UPPER_SNAKE = re.compile(r"[A-Z]+(_[A-Z]+)*")


def neo4j_files(g: nx.MultiDiGraph) -> dict[str, str]:
    """The neo4j format's files as text, rendered through the format table."""
    out = render(g, ["neo4j"])
    return {name: data.decode("utf-8") for name, data in out.items()}


def read(text: str) -> tuple[list[str], list[dict[str, str]]]:
    """The header and the records of a CSV text."""
    csv.field_size_limit(1 << 24)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    rows = list(reader)
    return list(reader.fieldnames or []), rows


def property_types(headers: list[str], special: set[str]) -> dict[str, str]:
    """name -> Neo4j type of every property header; fails on a malformed one."""
    found = {}
    for header in headers:
        if header in special:
            continue
        match = PROPERTY.fullmatch(header)
        assert match, f"header {header!r} is not name:type"
        assert match["type"] in NEO4J_TYPES, header
        found[match["name"]] = match["type"] + (match["array"] or "")
    return found


def check_value(kind: str, cell: str) -> None:
    """`cell` parses as Neo4j's import reads the type `kind` (empty: no property)."""
    if not cell:
        return
    if kind == "boolean":
        assert cell in ("true", "false")
    elif kind in ("int", "long"):
        int(cell)
    elif kind in ("double", "float"):
        float(cell)
    elif kind == "date":
        date.fromisoformat(cell)


def test_neo4j_is_an_extra_format_of_three_files():
    fmt = FORMATS["neo4j"]
    assert not fmt.default
    assert fmt.filenames == (
        "neo4j/nodes.csv",
        "neo4j/relationships.csv",
        "neo4j/load.cypher",
    )
    assert sorted(render(build_graph([]), ["neo4j"])) == sorted(fmt.filenames)


@pytest.mark.parametrize(
    ("relation", "kind"),
    [("met-with", "MET_WITH"), ("reduced-ties-with", "REDUCED_TIES_WITH")],
)
def test_relationship_types_are_upper_snake_case(relation, kind):
    assert relationship_type(relation) == kind
    assert all(UPPER_SNAKE.fullmatch(relationship_type(r)) for r in RELATIONS)


def test_node_headers_and_values_follow_the_import_format(rdf_tiny):
    headers, rows = read(neo4j_files(rdf_tiny)["neo4j/nodes.csv"])
    assert headers[:2] == ["id:ID", ":LABEL"]
    types = property_types(headers, NODE_SPECIAL)
    assert types["aliases"] == "string[]" and types["geonames"] == "long"
    assert [r["id:ID"] for r in rows] == list(rdf_tiny.nodes)
    for row in rows:
        for name, kind in types.items():
            check_value(kind, row[f"{name}:{kind}"])
        data = rdf_tiny.nodes[row["id:ID"]]
        labels = row[":LABEL"].split(";")
        assert labels == node_labels(data["type"])
        assert ("Actor" in labels) == (data["type"] in ACTOR_TYPES)
        assert row["name:string"] == data["label"]
    iran = next(r for r in rows if r["id:ID"] == "iran")
    assert iran[":LABEL"] == "Entity;Actor;Country"
    assert iran["aliases:string[]"] == "Islamic Republic of Iran"
    assert (iran["iso3:string"], iran["geonames:long"]) == ("IRN", "130758")


def test_relationships_join_the_nodes_one_per_claim(rdf_tiny):
    files = neo4j_files(rdf_tiny)
    _, nodes = read(files["neo4j/nodes.csv"])
    headers, rows = read(files["neo4j/relationships.csv"])
    assert headers[:3] == [":START_ID", ":END_ID", ":TYPE"]
    types = property_types(headers, RELATIONSHIP_SPECIAL)
    assert (types["confidence"], types["negated"], types["date"]) == (
        "double",
        "boolean",
        "date",
    )
    ids = {n["id:ID"] for n in nodes}
    assert len(rows) == rdf_tiny.number_of_edges()
    for row in rows:
        assert {row[":START_ID"], row[":END_ID"]} <= ids
        assert UPPER_SNAKE.fullmatch(row[":TYPE"])
        assert row[":TYPE"] == relationship_type(row["relation:string"])
        for name, kind in types.items():
            check_value(kind, row[f"{name}:{kind}"])
    keys = {k for _, _, k in rdf_tiny.edges(keys=True)}
    assert {r["id:string"] for r in rows} == keys
    drills = next(r for r in rows if r[":TYPE"] == "DRILLED_WITH")
    assert (drills[":START_ID"], drills[":END_ID"]) == ("iran", "russia")
    assert (drills["date:date"], drills["published:date"]) == (
        "2025-07-18",
        "2025-07-20",
    )
    assert (drills["location:string"], drills["fact:boolean"]) == (
        "caspian-sea",
        "true",
    )
    threat = next(r for r in rows if r[":TYPE"] == "THREATENED")
    assert (threat["negated:boolean"], threat["fact:boolean"]) == ("true", "false")


def test_a_partial_claim_date_goes_to_date_text():
    a, b = Entity("a", "A", "Country"), Entity("b", "B", "Country")
    claim = Assertion(
        doc_id="d",
        relation="sanctioned",
        subject=a.ref(),
        object=b.ref(),
        sentence=TextSpan("A sanctioned B in 2024.", 0, 23),
        subject_span=(0, 1),
        object_span=(12, 13),
        trigger=None,
        date="2024-02",
    )
    doc = Document("d", "t", published=date(2024, 3, 1))
    g = build_graph([DocResult(doc, (a, b), (claim,))])
    _, rows = read(neo4j_files(g)["neo4j/relationships.csv"])
    assert [(r["date:date"], r["date_text:string"]) for r in rows] == [("", "2024-02")]


def test_an_alias_with_the_array_delimiter_stays_one_alias():
    e = Entity("x", "X", "Group", aliases=("Hamas; the movement", "Harakat"))
    g = build_graph([DocResult(Document("d", "t"), (e,), ())])
    _, rows = read(neo4j_files(g)["neo4j/nodes.csv"])
    assert rows[0]["aliases:string[]"].split(";") == ["Hamas, the movement", "Harakat"]


def test_hostile_text_is_kept_as_it_is():
    g = text_hostile_graph()
    files = neo4j_files(g)
    _, nodes = read(files["neo4j/nodes.csv"])
    assert {n["id:ID"]: n["name:string"] for n in nodes} == {
        n: d["label"] for n, d in g.nodes(data=True)
    }
    _, rows = read(files["neo4j/relationships.csv"])
    sentences = {a.id: a.sentence.text for a in iter_assertions(g)}
    assert {r["id:string"]: r["sentence:string"] for r in rows} == sentences
    assert render(g, ["neo4j"]) == render(text_hostile_graph(), ["neo4j"])


def test_load_cypher_reads_only_columns_the_files_have(rdf_tiny):
    files = neo4j_files(rdf_tiny)
    script = files["neo4j/load.cypher"]
    node_headers, _ = read(files["neo4j/nodes.csv"])
    rel_headers, _ = read(files["neo4j/relationships.csv"])
    code = "\n".join(x for x in script.splitlines() if not x.startswith("//"))
    node_part, rel_part = code.split("'file:///relationships.csv'")
    assert "LOAD CSV WITH HEADERS FROM 'file:///nodes.csv' AS row" in node_part
    used_nodes = set(re.findall(r"row\.`([^`]+)`", node_part))
    used_rels = set(re.findall(r"row\.`([^`]+)`", rel_part))
    assert used_nodes == set(node_headers) - {":LABEL"}  # labels: from the type
    assert used_rels == set(rel_headers)
    for entity_type in ENTITY_TYPES:
        assert f"SET n:`{entity_type}`)" in script
    for name in RELATIONS:
        kind = relationship_type(name)
        assert f"row.`:TYPE` = '{kind}'" in script
        assert f"MERGE (s)-[r:{kind} {{id: props.id}}]->(t)" in script
    statements = [s for s in script.split(";\n") if s.strip()]
    assert len(statements) == 3  # the constraint, the nodes, the relationships
    assert script.endswith(";\n")


def test_write_atomic_puts_the_files_in_a_subfolder(tmp_path, rdf_tiny):
    artifacts = render(rdf_tiny, ["neo4j", "json"])
    write_atomic(tmp_path, artifacts)
    for name, data in artifacts.items():
        assert (tmp_path / name).read_bytes() == data
    assert sorted(p.name for p in (tmp_path / "neo4j").iterdir()) == [
        "load.cypher",
        "nodes.csv",
        "relationships.csv",
    ]


@pytest.mark.model
def test_cli_writes_the_neo4j_files_of_the_seeds(seeds_tables):
    g = read_build(seeds_tables)
    folder = seeds_tables / "neo4j"
    _, nodes = read((folder / "nodes.csv").read_bytes().decode("utf-8"))
    _, rows = read((folder / "relationships.csv").read_bytes().decode("utf-8"))
    assert len(nodes) == g.number_of_nodes() and len(rows) == g.number_of_edges()
    ids = {n["id:ID"] for n in nodes}
    assert all({r[":START_ID"], r[":END_ID"]} <= ids for r in rows)
    assert ("iran", "russia", "DRILLED_WITH") in {
        (r[":START_ID"], r[":END_ID"], r[":TYPE"]) for r in rows
    }
