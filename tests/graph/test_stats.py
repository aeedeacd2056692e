"""geokg stats: the figures count what the graph holds."""

from __future__ import annotations

import json

import networkx as nx
from geokg.graph.build import build_graph
from geokg.graph.model import DocResult, Document, Entity
from geokg.graph.stats import format_stats, graph_stats

from tests.conftest import claim, run_cli

IRAN = Entity("iran", "Iran", "Country")
RUSSIA = Entity("russia", "Russia", "Country")
PUTIN = Entity("vladimir-putin", "Vladimir Putin", "Person")


def _a(s, rel, o, start, modality="asserted", negated=False):
    return claim(
        s, rel, o, sentence="x" * 10, start=start, modality=modality, negated=negated
    )


def _graph():
    assertions = (
        _a(IRAN, "drilled-with", RUSSIA, 0),
        _a(PUTIN, "official-of", RUSSIA, 20),
        _a(RUSSIA, "attacked", IRAN, 40, modality="hypothetical"),
        _a(IRAN, "agreed-with", RUSSIA, 60, negated=True),
    )
    return build_graph(
        [DocResult(Document("d", "x"), (IRAN, RUSSIA, PUTIN), assertions)]
    )


def test_counts_by_type_relation_family_and_modality():
    s = graph_stats(_graph())
    assert (s["documents"], s["entities"], s["assertions"], s["facts"]) == (1, 3, 4, 2)
    assert s["entity_types"] == {"Country": 2, "Person": 1}
    assert s["families"]["material-cooperation"] == 1
    assert s["modalities"] == {"asserted": 3, "hypothetical": 1}
    assert s["negated"] == 1
    assert [a["id"] for a in s["top_actors"]] == ["russia", "iran", "vladimir-putin"]
    assert "Vladimir Putin" in format_stats(s)


def test_cli_reads_a_build_and_prints_json(tmp_path):
    (tmp_path / "graph.json").write_text(
        json.dumps(nx.node_link_data(_graph(), edges="edges")),
        encoding="utf-8",
    )
    proc = run_cli("stats", str(tmp_path), "--json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["assertions"] == 4


def test_cli_names_a_folder_that_is_no_build(tmp_path):
    proc = run_cli("stats", str(tmp_path))
    assert proc.returncode == 1
    assert "not a geokg build" in proc.stderr and "Traceback" not in proc.stderr
