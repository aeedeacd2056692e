"""The HTML view: escaped data, no network, aggregated edges, settings by size.

The two views, their communities and layouts: tests/exports/test_html_views.py.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import zlib

import pytest
from geokg.exports.html import (
    QUICK_MOVES_ABOVE,
    safe_url,
    script_json,
    settings_for,
    to_html,
    view_data,
)
from geokg.exports.nodelink import from_node_link_json, to_node_link_json
from geokg.graph.errors import UsageError
from geokg.graph.vocabulary import ENTITY_TYPES, FAMILIES, RELATIONS

from tests.conftest import HOSTILE, synthetic_graph


def page_data(page: str) -> dict:
    """The data block of a rendered page: JSON, deflated, in base64."""
    match = re.search(r'<script type="text/plain" id="geokg-data" data-encoding='
                      r'"deflate base64">([A-Za-z0-9+/=]*)</script>', page)
    assert match, "no data block"
    return json.loads(zlib.decompress(base64.b64decode(match.group(1))))


def edge(data: dict, relation: str) -> dict:
    """The one drawn edge of a relation."""
    (found,) = [e for e in data["edges"] if e["relation"] == relation]
    return found


@pytest.mark.parametrize("payload", [HOSTILE["script"], HOSTILE["img"]])
def test_hostile_strings_never_appear_as_markup(hostile, payload):
    page = to_html(hostile, title="Build " + HOSTILE["script"])
    assert payload not in page
    assert "javascript:" not in page.split('id="geokg-data"')[0]
    assert page.count("</script") == 3  # the data block and the two scripts
    assert "<img" not in page.replace("<\\/script", "")


def test_hostile_strings_survive_as_data(hostile):
    data = page_data(to_html(hostile))
    labels = {n["label"] for n in data["nodes"]}
    assert "Evil " + HOSTILE["img"] in labels
    assert any(n["id"] == "evil" + HOSTILE["script"] for n in data["nodes"])
    assert data["docs"][0]["title"].endswith(HOSTILE["script"] + HOSTILE["img"])
    sentences = {ev["sentence"] for e in data["edges"] for ev in e["evidence"]}
    assert any(HOSTILE["img"] in s for s in sentences)


def test_unsafe_article_url_is_dropped_and_safe_one_kept(hostile):
    docs = page_data(to_html(hostile))["docs"]
    assert [d["url"] for d in docs] == [None, "https://news.example/a?b=<i>&c=1"]


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://news.example/a", "https://news.example/a"),
        ("http://news.example", "http://news.example"),
        ("  https://news.example/x  ", "https://news.example/x"),
        ("javascript:alert(1)", None),
        ("JavaScript:alert(1)", None),
        (" javascript:alert(1)", None),
        ("java\tscript:alert(1)", None),
        ("https://ex ample.com/\nx", None),
        ("data:text/html,<script>alert(1)</script>", None),
        ("vbscript:msgbox", None),
        ("//evil.example/x", None),
        ("http:evil", None),
        ("/relative/path", None),
        (None, None),
        (42, None),
    ],
)
def test_safe_url(url, expected):
    assert safe_url(url) == expected


@pytest.mark.parametrize(
    ("text", "forbidden"),
    [("</script>", "<"), ("a & b", "&"), ("x > y", ">"), ("a\u2028b\u2029", "\u2028")],
)
def test_script_json_escapes_what_html_or_js_would_read(text, forbidden):
    out = script_json({"s": text})
    assert forbidden not in out
    assert json.loads(out) == {"s": text}


def test_page_is_offline_with_a_strict_policy(hostile):
    page = to_html(hostile)
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page)[1]
    csp = csp.replace("&#x27;", "'")
    assert "default-src 'none'" in csp
    script_src = re.search(r"script-src ([^;]*)", csp)[1]
    assert "unsafe" not in script_src
    scripts = re.findall(r"<script>(.*?)</script>", page, re.S)
    digests = (hashlib.sha256(s.encode()).digest() for s in scripts)
    hashes = {f"'sha256-{base64.b64encode(d).decode()}'" for d in digests}
    assert len(scripts) == 2 and set(script_src.split()) == hashes
    markup = re.sub(r'(id="geokg-data"[^>]*>)[^<]*', r"\1", page).lower()  # no data
    # one link, to the page's own end: nothing is painted before it is read
    assert re.findall(r"<link[^>]*>", markup) == [
        '<link rel="expect" href="#geokg-end" blocking="render">']
    for pattern in ("<script src", 'src="http', "href=\"http", "cdn", "bootstrap",
                    "@import"):
        assert pattern not in markup


def test_symmetric_claims_in_both_directions_make_one_edge(hostile):
    data = view_data(hostile)
    drilled = edge(data, "drilled-with")
    assert (drilled["from"], drilled["to"]) == ("iran", "russia")
    assert sorted(row[:2] for row in drilled["support"]) == [["2024-05-01", "fact"],
                                                             ["2024-06-01", "fact"]]
    assert drilled["docs"] == 2


@pytest.mark.parametrize(
    ("relation", "status"),
    [("threatened", "negated"), ("met-with", "maybe"), ("condemned", "fact")],
)
def test_negated_and_planned_claims_are_marked(hostile, relation, status):
    assert [row[1] for row in edge(view_data(hostile), relation)["support"]] == [status]


def test_parallel_relations_get_distinct_curves(hostile):
    data = view_data(hostile)
    curves = [edge(data, r)["curves"]["people"] for r in ("drilled-with", "condemned")]
    assert len(set(curves)) == 2 and 0 not in curves
    assert edge(data, "met-with")["curves"]["people"] == 0


def test_arrows_only_on_directed_relations(hostile):
    for e in view_data(hostile)["edges"]:
        assert e["arrows"] == ("to" if RELATIONS[e["relation"]].directed else "")


def test_legend_is_derived_from_the_vocabulary(hostile):
    vocab = view_data(hostile)["vocab"]
    assert [t["name"] for t in vocab["types"]] == list(ENTITY_TYPES)
    assert [f["name"] for f in vocab["families"]] == list(FAMILIES)
    assert [r["name"] for r in vocab["relations"]] == list(RELATIONS)


def test_evidence_is_capped_but_support_is_counted():
    g = synthetic_graph(3, 40, docs=5)
    data = view_data(g, evidence=2)
    assert max(len(e["evidence"]) for e in data["edges"]) == 2
    assert sum(len(e["support"]) for e in data["edges"]) == 40


@pytest.mark.parametrize(
    ("nodes", "quick"),
    [(10, False), (QUICK_MOVES_ABOVE, False), (QUICK_MOVES_ABOVE + 1, True),
     (5000, True)],
)
def test_settings_follow_the_size(nodes, quick):
    options = settings_for(nodes)
    interaction = options["interaction"]
    assert (interaction["hideEdgesOnDrag"], interaction["hideEdgesOnZoom"]) == (
        quick, quick)
    # Every view comes laid out: physics waits for the page's checkbox.
    assert options["physics"]["enabled"] is False
    assert options["layout"]["improvedLayout"] is False
    assert options["edges"]["smooth"] is False


def test_cap_keeps_the_most_involved_entities_and_says_so():
    g = synthetic_graph(300, 700)
    data = view_data(g, max_nodes=40)
    involvement = dict(g.degree())
    kept = {n["id"] for n in data["nodes"] if "people" in n["views"]}
    assert len(kept) == 40
    assert min(involvement[n] for n in kept) >= max(
        involvement[n] for n in g if n not in kept)
    stated = {"capped": True, "shownEntities": 40, "entities": 300}
    assert data["stats"]["views"]["people"].items() >= stated.items()
    assert data["stats"]["cap"] == 40
    people = [e for e in data["edges"] if "people" in e["curves"]]
    assert all(e["from"] in kept and e["to"] in kept for e in people)


@pytest.mark.parametrize("size", [3, 400])
def test_every_view_comes_laid_out(size):
    nodes = view_data(synthetic_graph(size, size * 2))["nodes"]
    for view in ("people", "states"):
        places = [n["views"][view][:2] for n in nodes if view in n["views"]]
        assert places
        assert all(isinstance(v, int) for xy in places for v in xy)
        assert len({tuple(xy) for xy in places}) == len(places)  # no two on one spot


def test_same_graph_gives_same_bytes():
    g = synthetic_graph(300, 600)
    again = from_node_link_json(to_node_link_json(g))
    assert to_html(g) == to_html(again)


def test_title_is_escaped_and_markers_in_it_are_not_expanded(hostile):
    page = to_html(hostile, title="<b>War & peace</b> @@DATA@@")
    assert "<title>&lt;b&gt;War &amp; peace&lt;/b&gt; @@DATA@@</title>" in page
    assert page_data(page)["title"] == "<b>War & peace</b> @@DATA@@"


def test_a_cap_below_one_is_a_usage_error(hostile):
    with pytest.raises(UsageError, match="max_nodes must be at least 1, got 0"):
        to_html(hostile, max_nodes=0)


def test_an_unknown_view_is_a_usage_error(hostile):
    with pytest.raises(UsageError, match="unknown view 'countries'; choose one of "
                                         "auto, people, states"):
        to_html(hostile, view="countries")
