"""The graph as one self-contained, offline, safe HTML page drawn by vis-network.

pyvis supplies the network model (``pyvis.network.Network`` holds the nodes,
edges and options) and the vis-network 9.1.2 script it ships; the page template
is our own (``exports/templates/``), because pyvis's template has no autoescape
and links CDNs. Every untrusted string (labels, ids, titles, urls, evidence)
reaches the browser as escaped JSON, deflated and in base64, inside a
non-executing ``<script type="text/plain">`` block, and is written with
``textContent``; the Content-Security-Policy only lets the page's own two
scripts run (by hash).

The page holds two views (``html_views``): people, and states with their
officials and sector actors folded in; it opens on the states view when the
people view is too big to read, and says so. Each view comes laid out with its
communities apart (``html_layout``) and shows at most ``max_nodes`` entities,
the most involved. Lines count events, and the details of a line or a pair
draw the pair's timeline (``html_timeline``). The same graph gives the same
bytes.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
import zlib
from importlib import resources
from typing import Any
from urllib.parse import urlsplit

import networkx as nx
from geokg.exports.html_layout import LAYOUT_SEED
from geokg.exports.html_timeline import Times, claim_times, line_count, pair_timelines
from geokg.exports.html_views import (
    TOP_ACTORS,
    VIEWS,
    View,
    build_view,
    rollup,
    states_graph,
)
from geokg.exports.timeline import COLOURS as TIMELINE_COLOURS
from geokg.exports.timeline import NET_COLOUR
from geokg.graph.errors import UsageError
from geokg.graph.timeline import EVENT_FAMILIES
from geokg.graph.vocabulary import ENTITY_TYPES, FAMILIES, RELATIONS
from pyvis.network import Network

DEFAULT_TITLE = "geokg knowledge graph"
DEFAULT_MAX_NODES = 1500
DEFAULT_EVIDENCE = 5
#: The page opens on the states view when the people view has more entities
#: with a relation than this (and the states view folds some of them in).
STATES_VIEW_ABOVE = 150
#: Views with more entities than this hide their lines while being dragged or zoomed.
QUICK_MOVES_ABOVE = 250
#: vis-network's font for labels it never draws (graph.js draws them).
VIS_FONT = "12px sans-serif #1a1a1a"
#: Communities named in the legend (and given a colour): the most involved ones
#: with at least COMMUNITY_MIN_SIZE members.
COMMUNITY_MIN_SIZE = 3
#: Soft, distinct colours for the communities' hulls and rings (ColorBrewer Set2
#: and Pastel1), one per named community.
COMMUNITY_COLOURS = (
    "#66c2a5", "#fc8d62", "#8da0cb", "#e78ac3", "#a6d854", "#ffd92f",
    "#e5c494", "#b3b3b3", "#1b9e77", "#d95f02", "#7570b3", "#e7298a",
)
#: How the page may open: on its own choice by size, or on one view.
OPENINGS = ("auto", *VIEWS)

#: Shape and colour of each entity type (vis-network shapes with the label below).
NODE_STYLES: dict[str, tuple[str, str]] = {
    "Country": ("dot", "#4e79a7"),
    "Organization": ("hexagon", "#b07aa1"),
    "GovernmentBody": ("square", "#9c755f"),
    "Person": ("triangle", "#edc948"),
    "Agreement": ("star", "#ff9da7"),
    "Location": ("triangleDown", "#bab0ac"),
    "Media": ("diamond", "#76b7b2"),
    "Group": ("diamond", "#e15759"),
}

#: Edge colour of each family: blue is cooperation, orange-red conflict,
#: light verbal, dark material (Okabe-Ito, readable with colour blindness).
FAMILY_COLOURS: dict[str, str] = {
    "verbal-cooperation": "#56b4e9",
    "material-cooperation": "#0072b2",
    "verbal-conflict": "#e69f00",
    "material-conflict": "#d55e00",
    "standing": "#8c8c8c",
}

#: How an assertion's status is drawn: solid fact, dashed maybe, dotted denial.
STATUSES: dict[str, str] = {
    "fact": "asserted or reported",
    "maybe": "planned or hypothetical",
    "negated": "negated (denied, did not happen)",
}
DASHES: dict[str, list[int] | bool] = {
    "fact": False, "maybe": [8, 6], "negated": [2, 5],
}


def settings_for(nodes: int) -> dict[str, Any]:
    """The vis-network options of a page whose larger view has `nodes` entities.

    Every view comes laid out, so physics starts off; the page's physics box
    turns it on with these settings.
    """
    quick = nodes > QUICK_MOVES_ABOVE
    return {
        "autoResize": True,
        "layout": {"improvedLayout": False, "randomSeed": LAYOUT_SEED},
        "interaction": {
            "hover": True,
            "tooltipDelay": 3_600_000,
            "hideEdgesOnDrag": quick,
            "hideEdgesOnZoom": quick,
            "navigationButtons": False,
            "keyboard": {"enabled": True, "bindToWindow": False},
        },
        # The page draws every label itself; a font given as one string spares
        # vis-network working out each node's and line's font from its defaults.
        "nodes": {"borderWidth": 1, "font": VIS_FONT},
        "edges": {"smooth": False, "selectionWidth": 2, "font": VIS_FONT,
                  "arrows": {"to": {"scaleFactor": 0.7}}},
        "physics": {
            "enabled": False,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -300, "springLength": 220,
                                 "springConstant": 0.03, "centralGravity": 0.03,
                                 "avoidOverlap": 1},
            "stabilization": {"enabled": False},
            "minVelocity": 1.0,
        },
    }


def to_html(
    g: nx.MultiDiGraph,
    *,
    title: str = DEFAULT_TITLE,
    max_nodes: int = DEFAULT_MAX_NODES,
    evidence: int = DEFAULT_EVIDENCE,
    view: str = "auto",
    by: str = "year",
) -> str:
    """A self-contained page that draws the graph with no network access.

    `view` is the view it opens on ("auto": the states view when the people view
    is too big to read); `by` the periods of its timelines and time filter
    (year, quarter or month).
    """
    data = view_data(g, title=title, max_nodes=max_nodes, evidence=evidence,
                     view=view, by=by)
    return render_page(data, title=title)


def view_data(
    g: nx.MultiDiGraph,
    *,
    title: str = DEFAULT_TITLE,
    max_nodes: int = DEFAULT_MAX_NODES,
    evidence: int = DEFAULT_EVIDENCE,
    view: str = "auto",
    by: str = "year",
) -> dict[str, Any]:
    """Everything the page draws, as JSON-ready data (nodes, edges, views, docs)."""
    if max_nodes < 1:
        raise UsageError(f"max_nodes must be at least 1, got {max_nodes!r}")
    if view not in OPENINGS:
        raise UsageError(f"unknown view {view!r}; choose one of {', '.join(OPENINGS)}")
    docs, doc_index = _documents(g)
    roots = rollup(g)
    times = claim_times(g, by=by)
    options = {"max_nodes": max_nodes, "evidence": evidence, "doc_index": doc_index,
               "when": times.claims}
    views = {
        "people": build_view("people", g, **options),
        "states": build_view("states", states_graph(g, roots), **options),
    }
    net = _network(g, views, roots)
    opening = view if view != "auto" else opening_view(views, roots)
    return {
        "title": title,
        "opening": opening,
        "openedForSize": view == "auto" and opening == "states",
        "options": settings_for(max(len(v.keep) for v in views.values())),
        "nodes": net.nodes,
        "edges": net.edges,
        "communities": {name: _legend(v, g) for name, v in views.items()},
        "communityColours": list(COMMUNITY_COLOURS),
        "topActors": TOP_ACTORS,
        "docs": docs,
        "vocab": _vocab(),
        "stats": _stats(g, views, roots, max_nodes, times),
        "timelines": _timelines(g, views, times),
    }


def opening_view(views: dict[str, View], roots: dict[str, str]) -> str:
    """The states view when the people view is too big to read and it helps."""
    linked = _linked(views["people"])
    folded = any(n in roots for n in linked)
    return "states" if len(linked) > STATES_VIEW_ABOVE and folded else "people"


def _linked(view: View) -> set[str]:
    """The entities of a view that take part in one of its lines."""
    return {e[end] for e in view.edges for end in ("from", "to")}


def _documents(g: nx.MultiDiGraph) -> tuple[list[dict[str, Any]], dict[str, int]]:
    docs, index = [], {}
    for meta in g.graph.get("documents", []):
        index[meta["id"]] = len(docs)
        docs.append({
            "id": meta["id"],
            "title": meta.get("title") or meta["id"],
            "url": safe_url(meta.get("url")),
            "published": meta.get("published"),
            "publisher": meta.get("publisher"),
        })
    return docs, index


def safe_url(url: Any) -> str | None:
    """The url if it is an absolute http(s) link, else None (never javascript:)."""
    if not isinstance(url, str):
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    if any(ord(c) < 0x20 or c.isspace() for c in url):
        return None
    return url


def _network(g: nx.MultiDiGraph, views: dict[str, View], roots: dict[str, str]):
    """The pyvis network of both views: every entity and line either one draws.

    Each node and edge says which views draw it (``views``, ``curves``) and, for
    a node, where and how involved it is in each: [x, y, involvement, community
    (-1 for none named), size]. A line the states view draws as the people view does
    (same claims) is one edge in both.
    """
    net = Network(directed=True)
    places = {name: _places(v) for name, v in views.items()}
    folded = _folded(g, roots, views["people"].involvement)
    order = [n for n in g if any(n in p for p in places.values())]
    for node in order:
        data = g.nodes[node]
        shape, colour = NODE_STYLES[data["type"]]
        extra = {"root": roots[node]} if node in roots else {}
        if node in folded:
            extra["members"] = folded[node]
        net.add_node(
            node, label=str(data["label"]), shape=shape, color=colour,
            type=data["type"], mentions=data.get("documents", 0),
            wikidata=data.get("wikidata"), aliases=list(data.get("aliases", []))[:8],
            views={name: p[node] for name, p in places.items() if node in p}, **extra,
        )
    for e in _shared_edges(views):
        net.add_edge(e["from"], e["to"], arrows="to" if e["directed"] else "")
        net.edges[-1].update(e)  # pyvis's Edge() takes no 'directed' option
    return net


def _places(view: View) -> dict[str, list[int]]:
    """[x, y, involvement, community, size] of each entity the view draws."""
    named = _named(view)
    community = {n: i for i, c in enumerate(named) for n in c}
    return {
        n: [*view.positions[n], view.involvement[n], community.get(n, -1),
            view.sizes[n]]
        for n in view.keep
    }


def _named(view: View) -> list[list[str]]:
    """The communities the legend names: the most involved, big enough ones."""
    linked = _linked(view)
    big = [c for c in view.communities
           if sum(n in linked for n in c) >= COMMUNITY_MIN_SIZE]
    return big[:len(COMMUNITY_COLOURS)]


def _legend(view: View, g: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """One legend entry per named community, named after its most involved members."""
    return [{"name": ", ".join(str(g.nodes[n]["label"]) for n in c[:3]), "size": len(c)}
            for c in _named(view)]


def _folded(
    g: nx.MultiDiGraph, roots: dict[str, str], involvement
) -> dict[str, dict[str, Any]]:
    """Per state, how many entities are folded into it and the most involved."""
    members: dict[str, list[str]] = {}
    for node, root in roots.items():
        members.setdefault(root, []).append(node)
    return {
        root: {"count": len(found), "top": [
            str(g.nodes[n]["label"])
            for n in sorted(found, key=lambda n: (-involvement[n], n))[:8]]}
        for root, found in members.items()
    }


def _shared_edges(views: dict[str, View]) -> list[dict[str, Any]]:
    """Each view's lines, once each; ``curves`` says which views draw a line."""
    merged: dict[str, dict[str, Any]] = {}
    for name, view in views.items():
        for e in view.edges:
            line = dict(e)
            curve = line.pop("curve")
            same = merged.get(line["id"])
            if same is not None and len(same["support"]) != len(line["support"]):
                line["id"] += "s"  # the states view's line carries folded claims
                same = None
            if same is None:
                same = merged[line["id"]] = {**line, "curves": {}}
            same["curves"][name] = curve
    return list(merged.values())


def _vocab() -> dict[str, Any]:
    """The legend's tables, derived from the vocabulary."""
    return {
        "types": [{"name": t, "shape": NODE_STYLES[t][0], "colour": NODE_STYLES[t][1]}
                  for t in ENTITY_TYPES],
        "families": [
            {"name": f.name, "label": f.label, "colour": FAMILY_COLOURS[f.name]}
            for f in FAMILIES.values()
        ],
        "relations": [{"name": r.name, "family": r.family, "directed": r.directed,
                       "comment": r.comment} for r in RELATIONS.values()],
        "statuses": [{"name": s, "label": label, "dashes": DASHES[s]}
                     for s, label in STATUSES.items()],
    }


def _stats(
    g: nx.MultiDiGraph, views: dict[str, View], roots: dict[str, str], cap: int,
    times: Times,
) -> dict[str, Any]:
    edges = [e for v in views.values() for e in v.edges]
    dates = sorted(row[0] for e in edges for row in e["support"] if row[0])
    return {
        "entities": g.number_of_nodes(),
        "assertions": g.number_of_edges(),
        "events": len(times.events),
        "documents": len(g.graph.get("documents", [])),
        "folded": len(roots),
        "cap": cap,
        "dateMin": dates[0] if dates else None,
        "dateMax": dates[-1] if dates else None,
        "maxSupport": max((line_count(e["support"]) for e in edges), default=1),
        "views": {name: _view_stats(v) for name, v in views.items()},
    }


def _timelines(
    g: nx.MultiDiGraph, views: dict[str, View], times: Times
) -> dict[str, Any]:
    """The periods of the time filter, and each view's pairs' timelines (the people
    view's of the actors themselves, the states view's rolled up)."""
    def pairs(view: View) -> set[tuple[str, str]]:
        return {(min(e["from"], e["to"]), max(e["from"], e["to"])) for e in view.edges}

    return {
        "by": times.by,
        "periods": times.periods,
        "families": list(EVENT_FAMILIES),
        "colours": [TIMELINE_COLOURS[f] for f in EVENT_FAMILIES],
        "net": NET_COLOUR,
        **{name: pair_timelines(g, pairs(view), times, exact=name == "people")
           for name, view in views.items()},
    }


def _view_stats(view: View) -> dict[str, Any]:
    return {
        "entities": len(view.involvement),
        "shownEntities": len(view.keep),
        "linkedEntities": len(_linked(view)),
        "shownEdges": len(view.edges),
        "shownAssertions": sum(len(e["support"]) for e in view.edges),
        "capped": len(view.keep) < len(view.involvement),
    }


def script_json(data: object) -> str:
    """JSON that is inert inside a <script> element and valid JavaScript."""
    text = json.dumps(data, ensure_ascii=True, sort_keys=True, separators=(",", ":"))
    for char, escape in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e")):
        text = text.replace(char, escape)
    # ensure_ascii already writes U+2028/U+2029 as \u2028/\u2029.
    return text


def packed_json(data: object) -> str:
    """The page's data: its JSON deflated (zlib) and in base64.

    The browser's tokenizer reads a data block character by character, so a
    seventh of the bytes takes a seventh of the time; and base64 holds no
    character that HTML or JavaScript would read, whatever the articles say.
    The same data gives the same bytes (with the same zlib).
    """
    deflated = zlib.compress(script_json(data).encode("utf-8"), 6)
    return base64.b64encode(deflated).decode("ascii")


def _template(name: str) -> str:
    path = resources.files(__package__) / "templates" / name
    return path.read_text(encoding="utf-8")


def _vis_script() -> str:
    lib = resources.files("pyvis") / "lib" / "vis-9.1.2" / "vis-network.min.js"
    return lib.read_text(encoding="utf-8").replace("</script", "<\\/script")


def _csp_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def render_page(data: dict[str, Any], *, title: str) -> str:
    """Fill the page template: escaped title, inert JSON data, hashed scripts."""
    scripts = [_vis_script(), _template("graph.js")]
    csp = (
        "default-src 'none'; script-src " + " ".join(_csp_hash(s) for s in scripts)
        + "; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
        "form-action 'none'"
    )
    values = {
        "CSP": html.escape(csp),
        "TITLE": html.escape(title),
        "CSS": _template("graph.css"),
        "DATA": packed_json(data),
        "VIS": scripts[0],
        "JS": scripts[1],
    }
    # One pass, so a marker inside a value (a title, say) is never expanded.
    page = _template("graph.html")
    return re.sub(r"@@([A-Z]+)@@", lambda m: values[m.group(1)], page)
