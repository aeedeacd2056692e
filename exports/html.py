"""The graph as one self-contained, offline HTML page built on pyvis's vis-network.

pyvis supplies the network model (``pyvis.network.Network``) and the vis-network
script it ships; the page template is our own, so every byte of untrusted text
reaches the browser as escaped JSON data, never as markup.
"""

from __future__ import annotations

import html
import json
from importlib import resources

import networkx as nx
from pyvis.network import Network

from graph.build import iter_assertions


def _vis_script() -> str:
    lib = resources.files("pyvis") / "lib" / "vis-9.1.2" / "vis-network.min.js"
    return lib.read_text(encoding="utf-8")


def _script_json(data: object) -> str:
    """JSON that is safe inside a <script> element."""
    text = json.dumps(data, ensure_ascii=True, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def network(g: nx.MultiDiGraph) -> Network:
    """The pyvis network of the graph: one node per entity, one edge per assertion."""
    net = Network(directed=True)
    for node, data in g.nodes(data=True):
        net.add_node(node, label=data["label"], title=f"{data['label']} ({data['type']})",
                     group=data["type"])
    for a in iter_assertions(g):
        net.add_edge(a.subject.id, a.object.id, label=a.relation,
                     title=f"{a.relation}: {a.sentence.text}")
    return net


def to_html(g: nx.MultiDiGraph, *, title: str = "geokg knowledge graph") -> str:
    """A self-contained page that draws the graph with no network access."""
    net = network(g)
    data = {"nodes": net.nodes, "edges": net.edges}
    return _TEMPLATE.format(
        title=html.escape(title),
        vis=_vis_script().replace("</script", "<\\/script"),
        data=_script_json(data),
    )


_TEMPLATE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">
<title>{title}</title>
<style>html,body{{margin:0;height:100%;font-family:sans-serif}}#graph{{height:100vh}}</style>
</head><body><div id="graph"></div>
<script>{vis}</script>
<script>
var DATA = {data};
function textTitle(s) {{ var d = document.createElement("div"); d.innerText = s; return d; }}
DATA.nodes.forEach(function (n) {{ n.title = textTitle(n.title); }});
DATA.edges.forEach(function (e) {{ e.title = textTitle(e.title); }});
var network = new vis.Network(document.getElementById("graph"),
  {{nodes: new vis.DataSet(DATA.nodes), edges: new vis.DataSet(DATA.edges)}},
  {{layout: {{improvedLayout: false}}, physics: {{stabilization: {{iterations: 200}}}}}});
</script></body></html>
"""
