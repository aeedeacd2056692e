"""The Python API: the README's example, inputs, errors, queries and the inline view."""

from __future__ import annotations

import html
import re

import networkx as nx
import pytest
from geokg.graph.errors import GeokgError, InputError, QueryError, UsageError

import geokg
from tests.conftest import ROOT, hostile_graph


def readme_example() -> str:
    """The first Python block of the README's "From Python" section."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("\n## From Python\n", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```python\n(.*?)```", section, re.DOTALL)
    assert block, "the README's From Python section has no python block"
    return block.group(1)


@pytest.mark.model
def test_the_readme_example_runs(tmp_path, monkeypatch, capsys):
    (tmp_path / "seeds").symlink_to(ROOT / "seeds")
    monkeypatch.chdir(tmp_path)
    exec(compile(readme_example(), "README.md", "exec"), {})
    out = capsys.readouterr().out
    assert re.match(r"\d+ entities, \d+ assertions", out)
    assert "iran " in out
    for name in ("graph.json", "graph.ttl", "graph.html", "view.html"):
        assert (tmp_path / "out-python" / name).is_file()


@pytest.fixture(scope="module")
def documents_graph():
    """A graph built from Document objects, no files."""
    docs = [
        geokg.Document(id="a", text="Peru condemned Chile on Monday."),
        geokg.Document(id="b", text="Bolivia and Chile signed a trade agreement."),
    ]
    return geokg.build(docs, workers=1)


@pytest.mark.model
def test_build_from_documents(documents_graph):
    g = documents_graph
    assert isinstance(g, nx.MultiDiGraph)
    relations = {(s, d["relation"], o) for s, o, d in g.edges(data=True)}
    assert ("peru", "condemned", "chile") in relations
    assert [d["id"] for d in g.graph["documents"]] == ["a", "b"]


@pytest.mark.model
def test_query_a_graph_and_its_build_folder_alike(documents_graph, tmp_path):
    written = geokg.write(documents_graph, tmp_path / "out")
    assert {p.name for p in written} >= {"graph.json", "graph.ttl", "ontology.ttl"}
    from_graph = geokg.query(documents_graph, "conflicts-of", params={"actor": "peru"})
    from_dir = geokg.query(tmp_path / "out", "conflicts-of", params={"actor": "peru"})
    assert from_graph == from_dir
    assert from_graph and all(isinstance(row, dict) for row in from_graph)
    ask = "ASK { ?s ?p ?o }"
    assert geokg.query(documents_graph, ask) is True
    construct = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 3"
    assert len(geokg.query(documents_graph, construct)) == 3


@pytest.mark.model
def test_a_bad_record_is_a_warning_and_the_rest_is_read(tmp_path):
    (tmp_path / "good.txt").write_text("Peru condemned Chile.", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("   ", encoding="utf-8")
    with pytest.warns(geokg.InputWarning, match="empty.txt"):
        g = geokg.build(tmp_path, workers=1)
    assert [d["id"] for d in g.graph["documents"]] == ["good"]
    with pytest.raises(InputError, match="empty.txt.*strict=True"):
        geokg.build([tmp_path], workers=1, strict=True)


@pytest.mark.parametrize(
    "call, error, words",
    [
        (lambda: geokg.build(42), UsageError, "cannot build from int"),
        (lambda: geokg.build([]), UsageError, "at least one"),
        (lambda: geokg.build(["/no/such/folder"]), InputError, "/no/such/folder"),
        (lambda: geokg.build("x.txt", engine="spark"), UsageError, "unknown engine"),
        (lambda: geokg.write({"a": 1}, "out"), UsageError, "expected a graph"),
        (lambda: geokg.write(hostile_graph(), "out", formats=["pdf"]), UsageError,
         "unknown format 'pdf'"),
        (lambda: geokg.query(hostile_graph(), "SELEKT"), QueryError, "bad SPARQL"),
        (lambda: geokg.query(hostile_graph(), "who-met-whom", params={"x": "1"}),
         QueryError, "unknown parameter 'x'"),
        (lambda: geokg.query(3, "ASK {}"), QueryError, "cannot query a int"),
        (lambda: geokg.query("/no/such/dir", "ASK {}"), QueryError, "no such build"),
        (lambda: geokg.show(hostile_graph(), height=5), UsageError, "height"),
        (lambda: geokg.read("/no/such/dir"), InputError, "not a geokg build"),
        (lambda: geokg.to_html(_broken("node")), UsageError, "has no 'type'"),
        (lambda: geokg.to_html(hostile_graph(), view="world"), UsageError,
         "unknown view 'world'; choose one of auto, people, states"),
        (lambda: geokg.write(_broken("edge"), "out"), UsageError, "has no 'doc_id'"),
        (lambda: geokg.query(_broken("relation"), "ASK {}"), UsageError,
         "relation 'hugged'"),
    ],
)
def test_library_errors_are_one_line_geokg_errors(call, error, words):
    with pytest.raises(error) as info:
        call()
    assert isinstance(info.value, GeokgError)
    message = str(info.value)
    assert words in message and "\n" not in message


def _broken(part: str) -> nx.MultiDiGraph:
    """The hostile graph with one node or edge attribute removed or wrong."""
    g = hostile_graph()
    u, v, key = next(iter(g.edges(keys=True)))
    if part == "node":
        del g.nodes[u]["type"]
    elif part == "edge":
        del g.edges[u, v, key]["doc_id"]
    else:
        g.edges[u, v, key]["relation"] = "hugged"
    return g


def test_show_is_an_iframe_whose_srcdoc_is_the_whole_page():
    g = hostile_graph()
    shown = geokg.show(g, title="T")
    markup = shown._repr_html_()
    assert markup.startswith("<iframe srcdoc=\"") and markup.endswith("</iframe>")
    srcdoc = re.search(r'srcdoc="([^"]*)"', markup).group(1)
    assert html.unescape(srcdoc) == geokg.to_html(g, title="T")
    assert "<script" not in srcdoc  # every tag of the page is escaped in the attribute
    assert 'sandbox="allow-scripts ' in markup


@pytest.mark.parametrize("view", ["people", "states"])
def test_the_page_opens_on_the_view_asked_for(tmp_path, view):
    from tests.exports.test_html import page_data
    from tests.exports.test_html_views import officials_graph

    g = officials_graph()  # small: on its own, the page opens on the people view
    assert page_data(geokg.to_html(g))["opening"] == "people"
    assert page_data(geokg.to_html(g, view=view))["opening"] == view
    assert page_data(geokg.show(g, view=view).page)["opening"] == view
    geokg.write(g, tmp_path, formats=["html"], view=view)
    page = (tmp_path / "graph.html").read_text(encoding="utf-8")
    assert page_data(page)["opening"] == view


def test_the_api_is_the_package_namespace():
    assert geokg.build is geokg.api.build and geokg.Document.__module__.startswith(
        "geokg.graph"
    )
    assert sorted(geokg.__all__) == sorted(geokg.api.__all__)
