"""The graph as one self-contained, offline, safe HTML page drawn by vis-network.

pyvis supplies the network model (``pyvis.network.Network`` holds the nodes,
edges and options) and the vis-network 9.1.2 script it ships; the page template
is our own (``exports/templates/``), because pyvis's template has no autoescape
and links CDNs. Every untrusted string (labels, ids, titles, urls, evidence)
reaches the browser as escaped JSON inside a non-executing ``<script
type="application/json">`` block and is written with ``textContent``; the
Content-Security-Policy only lets the page's own two scripts run (by hash).

Settings follow the size of the view: small graphs settle with vis physics,
large ones get a layout computed here and physics off. One view shows at most
``max_nodes`` entities, the most involved, and says so on the page.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from importlib import resources
from typing import Any
from urllib.parse import urlsplit

import networkx as nx
import numpy as np
from geokg.graph.errors import UsageError
from geokg.graph.vocabulary import ENTITY_TYPES, FAMILIES, RELATIONS
from pyvis.network import Network

DEFAULT_TITLE = "geokg knowledge graph"
DEFAULT_MAX_NODES = 1500
DEFAULT_EVIDENCE = 5
#: Views with more entities than this get a precomputed layout and no physics.
PHYSICS_MAX_NODES = 250
#: Views with more relations than this draw no edge labels (they cost frames).
EDGE_LABELS_MAX_EDGES = 400
LAYOUT_SEED = 7
#: Above this many entities, repulsion is estimated from a fixed sample of them.
LAYOUT_PIVOTS = 1000

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
_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


@dataclass(frozen=True)
class Settings:
    """How one view is drawn, chosen by its size."""

    mode: str
    physics: bool
    edge_labels: bool
    options: dict[str, Any]


def settings_for(nodes: int, edges: int) -> Settings:
    """The drawing settings of a view with this many nodes and edges."""
    physics = nodes <= PHYSICS_MAX_NODES
    edge_labels = edges <= EDGE_LABELS_MAX_EDGES
    options: dict[str, Any] = {
        "autoResize": True,
        "layout": {"improvedLayout": nodes <= 100, "randomSeed": LAYOUT_SEED},
        "interaction": {
            "hover": True,
            "tooltipDelay": 3_600_000,
            "hideEdgesOnDrag": not physics,
            "hideEdgesOnZoom": not physics,
            "navigationButtons": False,
            "keyboard": {"enabled": True, "bindToWindow": False},
        },
        "nodes": {"font": {"size": 14, "strokeWidth": 3, "strokeColor": "#ffffff"}},
        "edges": {
            "smooth": False,
            "selectionWidth": 2,
            "font": {"size": 12, "align": "top", "strokeWidth": 3,
                     "strokeColor": "#ffffff", "color": "#333333"},
        },
        "physics": _physics(nodes) if physics else {"enabled": False},
    }
    return Settings("physics" if physics else "static", physics, edge_labels, options)


def _physics(nodes: int) -> dict[str, Any]:
    return {
        "enabled": True,
        "solver": "forceAtlas2Based",
        "forceAtlas2Based": {"gravitationalConstant": -300, "springLength": 220,
                             "springConstant": 0.03, "centralGravity": 0.03,
                             "avoidOverlap": 1},
        "stabilization": {"enabled": True, "iterations": 400 if nodes <= 100 else 200,
                          "updateInterval": 50, "fit": True},
        "minVelocity": 1.0,
    }


def to_html(
    g: nx.MultiDiGraph,
    *,
    title: str = DEFAULT_TITLE,
    max_nodes: int = DEFAULT_MAX_NODES,
    evidence: int = DEFAULT_EVIDENCE,
) -> str:
    """A self-contained page that draws the graph with no network access."""
    if max_nodes < 1:
        raise UsageError(f"max_nodes must be at least 1, got {max_nodes!r}")
    data = view_data(g, title=title, max_nodes=max_nodes, evidence=evidence)
    return render_page(data, title=title)


def view_data(
    g: nx.MultiDiGraph,
    *,
    title: str = DEFAULT_TITLE,
    max_nodes: int = DEFAULT_MAX_NODES,
    evidence: int = DEFAULT_EVIDENCE,
) -> dict[str, Any]:
    """Everything the page draws, as JSON-ready data (nodes, edges, docs, options)."""
    involvement = _involvement(g)
    keep = top_nodes(g, involvement, max_nodes)
    docs, doc_index = _documents(g)
    edges = _edges(g, keep, doc_index, evidence)
    settings = settings_for(len(keep), len(edges))
    net = _network(g, keep, involvement, edges, settings)
    return {
        "title": title,
        "settings": {"mode": settings.mode, "physics": settings.physics,
                     "edgeLabels": settings.edge_labels},
        "options": settings.options,
        "nodes": net.nodes,
        "edges": net.edges,
        "docs": docs,
        "vocab": _vocab(),
        "stats": _stats(g, keep, edges, max_nodes),
    }


def _involvement(g: nx.MultiDiGraph) -> Counter[str]:
    """How many assertions each entity takes part in."""
    counts: Counter[str] = Counter({node: 0 for node in g})
    for u, v in g.edges():
        counts[u] += 1
        if v != u:
            counts[v] += 1
    return counts


def top_nodes(g: nx.MultiDiGraph, involvement: Counter[str], cap: int) -> list[str]:
    """The `cap` most involved entities (ties by id), in graph order."""
    ranked = sorted(g, key=lambda n: (-involvement[n], n))[:cap]
    chosen = set(ranked)
    return [n for n in g if n in chosen]


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


def status_of(data: dict[str, Any]) -> str:
    """An assertion's drawing status: fact, maybe (planned/hypothetical) or negated."""
    if data.get("negated"):
        return "negated"
    return "maybe" if data.get("modality") in ("planned", "hypothetical") else "fact"


def _date_of(data: dict[str, Any], docs: dict[str, dict[str, Any]]) -> str | None:
    """The claim's own date, else its article's, as an ISO prefix (or None)."""
    for value in (data.get("date"), docs.get(data["doc_id"], {}).get("published")):
        if isinstance(value, str) and (m := _DATE.match(value)):
            return m.group(0)
    return None


def _edges(
    g: nx.MultiDiGraph, keep: list[str], doc_index: dict[str, int], evidence: int
) -> list[dict[str, Any]]:
    """One edge per (subject, relation, object) among the kept entities."""
    kept = set(keep)
    metas = {m["id"]: m for m in g.graph.get("documents", [])}
    groups: dict[tuple[str, str, str], list] = defaultdict(list)
    for u, v, key, data in g.edges(keys=True, data=True):
        if u in kept and v in kept:
            rel = RELATIONS[data["relation"]]
            ends = (u, v) if rel.directed or u <= v else (v, u)
            groups[(ends[0], data["relation"], ends[1])].append((key, data))
    edges = [
        _edge(s, r, o, claims, metas, doc_index, evidence)
        for (s, r, o), claims in sorted(groups.items())
    ]
    _curve_parallels(edges)
    return edges


def _edge(s, r, o, claims, metas, doc_index, evidence) -> dict[str, Any]:
    support = [[_date_of(d, metas), status_of(d)] for _, d in claims]
    ranked = sorted(claims, key=lambda c: _evidence_rank(c, metas))
    return {
        "id": f"e{hashlib.sha1(f'{s}|{r}|{o}'.encode()).hexdigest()[:12]}",
        "from": s,
        "to": o,
        "relation": r,
        "family": RELATIONS[r].family,
        "directed": RELATIONS[r].directed,
        "support": support,
        "docs": len({d["doc_id"] for _, d in claims}),
        "evidence": [_evidence(d, metas, doc_index) for _, d in ranked[:evidence]],
    }


def _evidence_rank(claim: tuple[str, dict[str, Any]], metas) -> tuple:
    key, d = claim
    facts_first = ("fact", "maybe", "negated").index(status_of(d))
    return (facts_first, -float(d.get("confidence", 0)), _date_of(d, metas) or "", key)


def _evidence(d: dict[str, Any], metas, doc_index: dict[str, int]) -> dict[str, Any]:
    return {
        "sentence": d.get("sentence", ""),
        "doc": doc_index.get(d["doc_id"]),
        "date": _date_of(d, metas),
        "modality": d.get("modality", "asserted"),
        "negated": bool(d.get("negated")),
        "role": d.get("role"),
        "trigger": d.get("trigger"),
    }


def _curve_parallels(edges: list[dict[str, Any]]) -> None:
    """Give relations between the same pair distinct curves (0 = straight)."""
    pairs: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for e in edges:
        pairs[tuple(sorted((e["from"], e["to"])))].append(e)
    for (a, _), group in pairs.items():
        offset = 0 if len(group) % 2 else 1
        for i, e in enumerate(group):
            step = (i + offset + 1) // 2
            sign = 1 if (i + offset) % 2 else -1
            if e["from"] != a:
                sign = -sign  # a reversed edge curves the other way round
            e["curve"] = round(sign * min(0.2 * step, 0.9), 2)


def _network(g, keep, involvement, edges, settings: Settings) -> Network:
    """The pyvis network of the view: the node and edge model vis-network draws."""
    net = Network(directed=True)
    positions = layout(g, keep, edges) if not settings.physics else {}
    for node in keep:
        data = g.nodes[node]
        shape, colour = NODE_STYLES[data["type"]]
        inv = involvement[node]
        extra = {"x": positions[node][0], "y": positions[node][1]} if positions else {}
        net.add_node(
            node, label=str(data["label"]), shape=shape, color=colour,
            size=round(8 + 5 * math.sqrt(inv), 1), type=data["type"], involvement=inv,
            mentions=data.get("documents", 0), wikidata=data.get("wikidata"),
            aliases=list(data.get("aliases", []))[:8], **extra,
        )
    for e in edges:
        net.add_edge(e["from"], e["to"], arrows="to" if e["directed"] else "")
        net.edges[-1].update(e)  # pyvis's Edge() takes no 'directed' option
    return net


def layout(
    g: nx.MultiDiGraph, keep: list[str], edges: list[dict[str, Any]],
    *, iterations: int = 60,
) -> dict[str, tuple[int, int]]:
    """Integer pixel positions from a seeded, vectorised Fruchterman-Reingold."""
    index = {node: i for i, node in enumerate(keep)}
    pairs = np.array([(index[e["from"]], index[e["to"]]) for e in edges
                      if e["from"] != e["to"]], dtype=np.int64).reshape(-1, 2)
    pos = _fruchterman_reingold(len(keep), pairs, iterations)
    side = 70.0 * math.sqrt(len(keep))
    span = np.ptp(pos, axis=0).max() or 1.0
    pos = (pos - pos.mean(axis=0)) / span * side
    pixels = np.rint(pos).astype(int).tolist()
    return {node: (x, y) for node, (x, y) in zip(keep, pixels, strict=True)}


def _fruchterman_reingold(n: int, pairs: np.ndarray, iterations: int) -> np.ndarray:
    rng = np.random.default_rng(LAYOUT_SEED)
    pos = rng.random((n, 2)) - 0.5
    k = 1.0 / math.sqrt(max(n, 1))
    temperature = 0.1
    pivots = np.arange(n)
    if n > LAYOUT_PIVOTS:
        pivots = np.sort(rng.choice(n, LAYOUT_PIVOTS, replace=False))
    for step in range(iterations):
        disp = _repulsion(pos, pivots, k) * (n / max(len(pivots), 1))
        if len(pairs):
            delta = pos[pairs[:, 0]] - pos[pairs[:, 1]]
            pull = delta * np.linalg.norm(delta, axis=1)[:, None] / k
            np.subtract.at(disp, pairs[:, 0], pull)
            np.add.at(disp, pairs[:, 1], pull)
        disp -= pos * (3.0 * n * k)  # gravity keeps components on screen
        length = np.maximum(np.linalg.norm(disp, axis=1), 1e-9)
        pos += disp * (np.minimum(length, temperature) / length)[:, None]
        temperature = 0.1 * (1 - (step + 1) / (iterations + 1))
    return pos


def _repulsion(
    pos: np.ndarray, pivots: np.ndarray, k: float, block: int = 1024
) -> np.ndarray:
    """k²/d repulsion of every entity from the pivots, in row blocks."""
    x, y = pos[:, 0].astype(np.float32), pos[:, 1].astype(np.float32)
    px, py = x[pivots], y[pivots]
    disp = np.zeros_like(pos)
    for start in range(0, len(pos), block):
        dx = x[start:start + block, None] - px[None, :]
        dy = y[start:start + block, None] - py[None, :]
        w = dx * dx
        w += dy * dy
        np.maximum(w, 1e-6, out=w)
        np.divide(np.float32(k * k), w, out=w)
        disp[start:start + block, 0] = np.einsum("ij,ij->i", dx, w)
        disp[start:start + block, 1] = np.einsum("ij,ij->i", dy, w)
    return disp


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


def _stats(g, keep, edges, cap: int) -> dict[str, Any]:
    dates = sorted(d for e in edges for d, _ in e["support"] if d)
    return {
        "entities": g.number_of_nodes(),
        "assertions": g.number_of_edges(),
        "documents": len(g.graph.get("documents", [])),
        "shownEntities": len(keep),
        "shownEdges": len(edges),
        "shownAssertions": sum(len(e["support"]) for e in edges),
        "cap": cap,
        "capped": len(keep) < g.number_of_nodes(),
        "dateMin": dates[0] if dates else None,
        "dateMax": dates[-1] if dates else None,
        "maxSupport": max((len(e["support"]) for e in edges), default=1),
    }


def script_json(data: object) -> str:
    """JSON that is inert inside a <script> element and valid JavaScript."""
    text = json.dumps(data, ensure_ascii=True, sort_keys=True, separators=(",", ":"))
    for char, escape in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e")):
        text = text.replace(char, escape)
    # ensure_ascii already writes U+2028/U+2029 as \u2028/\u2029.
    return text


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
        "DATA": script_json(data),
        "VIS": scripts[0],
        "JS": scripts[1],
    }
    # One pass, so a marker inside a value (a title, say) is never expanded.
    page = _template("graph.html")
    return re.sub(r"@@([A-Z]+)@@", lambda m: values[m.group(1)], page)
