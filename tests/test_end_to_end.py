"""End to end: the CLI on seeds/ writes every output with the user's five relations."""

from __future__ import annotations

import json

import networkx as nx
import pytest
from rdflib import Graph

from tests.conftest import SEEDS, run_cli
from tests.exports.test_html import page_data

pytestmark = pytest.mark.model

OUTPUTS = (
    "assertions.jsonl",
    "graph.json",
    "graph.ttl",
    "ontology.ttl",
    "entailed.ttl",
    "graph.html",
    "graph.graphml",
)

FIVE = [
    (
        "abbas-araghchi",
        "met-with",
        "xi-jinping",
        "Araghchi met with Chinese President Xi Jinping and Russian Foreign Minister "
        "Sergey Lavrov on the sidelines of the event.",
    ),
    (
        "abbas-araghchi",
        "met-with",
        "sergey-lavrov",
        "Araghchi met with Chinese President Xi Jinping and Russian Foreign Minister "
        "Sergey Lavrov on the sidelines of the event.",
    ),
    (
        "abbas-araghchi",
        "condemned",
        "israel",
        "In the meeting, Araghchi referred to recent Israeli and American strikes "
        "on Iran as an “act of aggression.”",
    ),
    (
        "abbas-araghchi",
        "condemned",
        "united-states",
        "In the meeting, Araghchi referred to recent Israeli and American strikes "
        "on Iran as an “act of aggression.”",
    ),
    (
        "iran",
        "drilled-with",
        "russia",
        "Iran and Russia have launched joint naval drills this week in the Caspian "
        "Sea, while top Iranian officials, including Defense Minister Aziz "
        "Nasirzadeh and senior adviser Ali Larijani, met with Russia’s leadership "
        "and President Vladimir Putin in Moscow this week.",
    ),
]


def _assertions(out):
    lines = (out / "assertions.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def test_build_writes_every_output(seeds_build):
    for name in OUTPUTS:
        assert (seeds_build / name).stat().st_size > 0, name


@pytest.mark.parametrize(("subject", "relation", "obj", "sentence"), FIVE)
def test_the_five_relations_with_their_evidence(
    seeds_build, subject, relation, obj, sentence
):
    rows = _assertions(seeds_build)
    hits = [
        r
        for r in rows
        if r["relation"] == relation
        and {r["subject"]["id"], r["object"]["id"]} == {subject, obj}
        and (r["subject"]["id"] == subject or relation in ("met-with", "drilled-with"))
    ]
    assert hits, f"{subject} {relation} {obj} not found"
    assert any(r["sentence"]["text"] == sentence for r in hits)


def test_evidence_spans_point_into_the_documents(seeds_build):
    texts = {p.stem: p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt")}
    for row in _assertions(seeds_build):
        text = texts[row["doc_id"]]
        s = row["sentence"]
        assert text[s["start"] : s["end"]] == s["text"]
        assert text[slice(*row["subject_span"])]
        t = row["trigger"]
        assert text[t["start"] : t["end"]] == t["text"]


def test_nodes_carry_label_and_type(seeds_build):
    data = json.loads((seeds_build / "graph.json").read_text(encoding="utf-8"))
    g = nx.node_link_graph(data, edges="edges")
    assert g.nodes["iran"]["type"] == "Country"
    assert g.nodes["abbas-araghchi"] == g.nodes["abbas-araghchi"] | {"type": "Person"}
    assert g.nodes["xi-jinping"]["label"] == "Xi Jinping"


def test_turtle_parses(seeds_build):
    assert len(Graph().parse(seeds_build / "graph.ttl")) > 0


def test_two_builds_are_byte_identical(seeds_build, tmp_path):
    proc = run_cli("build", str(SEEDS), "--out", str(tmp_path), "--quiet")
    assert proc.returncode == 0, proc.stderr
    for name in OUTPUTS:
        assert (tmp_path / name).read_bytes() == (seeds_build / name).read_bytes(), name


def test_extract_streams_json_lines(seeds_build):
    proc = run_cli("extract", str(SEEDS / "004_d1cf6a3fbe790af4.txt"))
    assert proc.returncode == 0, proc.stderr
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    assert any(r["relation"] == "drilled-with" for r in rows)
    assert all(r["doc_id"] == "004_d1cf6a3fbe790af4" for r in rows)


def test_default_input_is_seeds(tmp_path):
    proc = run_cli("build", "--out", str(tmp_path / "out"), "--quiet")
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "out" / "graph.json").exists()


def test_build_passes_title_cap_and_view_to_the_html_view(tmp_path):
    proc = run_cli(
        "build",
        str(SEEDS),
        "--out",
        str(tmp_path),
        "--quiet",
        "--title",
        "Iran <b>talks</b>",
        "--max-nodes",
        "10",
        "--html-view",
        "states",
    )
    assert proc.returncode == 0, proc.stderr
    page = (tmp_path / "graph.html").read_text(encoding="utf-8")
    assert "<title>Iran &lt;b&gt;talks&lt;/b&gt;</title>" in page
    assert "<b>talks" not in page
    data = page_data(page)
    assert data["stats"]["views"]["people"]["capped"] is True
    assert (data["opening"], data["openedForSize"]) == ("states", False)
