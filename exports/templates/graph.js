// geokg's interactive view. Every string from the data is written with
// textContent or as a DOM attribute value; nothing is parsed as HTML.
(function () {
  "use strict";

  const geokg = (window.geokg = { ready: false, cspViolations: [] });
  document.addEventListener("securitypolicyviolation", (ev) => {
    geokg.cspViolations.push(ev.violatedDirective + " " + ev.blockedURI);
  });

  const DATA = JSON.parse(document.getElementById("geokg-data").textContent);
  const STATS = DATA.stats;
  const VOCAB = DATA.vocab;
  const $ = (id) => document.getElementById(id);
  const fmt = (n) => Number(n).toLocaleString("en-US");

  const familyOf = {}, familyLabel = {}, familyColour = {}, directedOf = {};
  VOCAB.families.forEach((f) => { familyLabel[f.name] = f.label; familyColour[f.name] = f.colour; });
  VOCAB.relations.forEach((r) => { familyOf[r.name] = r.family; directedOf[r.name] = r.directed; });
  const statusLabel = {};
  VOCAB.statuses.forEach((s) => { statusLabel[s.name] = s.label; });
  const DASHES = {};
  VOCAB.statuses.forEach((s) => { DASHES[s.name] = s.dashes; });

  const nodeById = new Map(DATA.nodes.map((n) => [n.id, n]));
  const edgeById = new Map(DATA.edges.map((e) => [e.id, e]));
  const viewDegree = new Map(DATA.nodes.map((n) => [n.id, 0]));
  DATA.edges.forEach((e) => {
    viewDegree.set(e.from, viewDegree.get(e.from) + 1);
    viewDegree.set(e.to, viewDegree.get(e.to) + 1);
  });

  // ---- small DOM helpers -------------------------------------------------
  function el(tag, props, text) {
    const node = document.createElement(tag);
    if (props) Object.keys(props).forEach((k) => {
      if (k === "className") node.className = props[k]; else node.setAttribute(k, props[k]);
    });
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function safeHref(url) {
    if (typeof url !== "string") return null;
    try {
      const parsed = new URL(url);
      return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
    } catch (err) {
      return null;
    }
  }
  function link(text, url) {
    const href = safeHref(url);
    if (!href) return el("span", null, text);
    const a = el("a", { href: href, target: "_blank", rel: "noopener noreferrer nofollow" }, text);
    return a;
  }
  const SVG = "http://www.w3.org/2000/svg";
  function svg(tag, attrs) {
    const node = document.createElementNS(SVG, tag);
    Object.keys(attrs).forEach((k) => node.setAttribute(k, String(attrs[k])));
    return node;
  }
  function polygon(points) {
    return points.map((p) => p[0].toFixed(1) + "," + p[1].toFixed(1)).join(" ");
  }
  function symbol(shape, colour) {
    const box = svg("svg", { width: 16, height: 16, viewBox: "0 0 16 16" });
    const style = { fill: colour, stroke: "#333", "stroke-width": 1 };
    const c = 8, r = 6.5;
    let shapeEl;
    if (shape === "dot") shapeEl = svg("circle", Object.assign({ cx: c, cy: c, r: r }, style));
    else if (shape === "square") shapeEl = svg("rect", Object.assign({ x: 2, y: 2, width: 12, height: 12 }, style));
    else {
      let pts;
      if (shape === "triangle") pts = [[c, 1.5], [14.5, 14], [1.5, 14]];
      else if (shape === "triangleDown") pts = [[1.5, 2], [14.5, 2], [c, 14.5]];
      else if (shape === "diamond") pts = [[c, 1], [15, c], [c, 15], [1, c]];
      else if (shape === "hexagon") pts = [0, 1, 2, 3, 4, 5].map((i) => [c + r * Math.cos(i * Math.PI / 3), c + r * Math.sin(i * Math.PI / 3)]);
      else pts = Array.from({ length: 10 }, (_, i) => {  // star
        const rad = i % 2 ? 3 : 7.5, a = i * Math.PI / 5;
        return [c + rad * Math.sin(a), c + 0.5 - rad * Math.cos(a)];
      });
      shapeEl = svg("polygon", Object.assign({ points: polygon(pts) }, style));
    }
    box.appendChild(shapeEl);
    return box;
  }
  function lineSymbol(colour, dashes, width) {
    const box = svg("svg", { width: 26, height: 12, viewBox: "0 0 26 12" });
    const line = svg("line", { x1: 1, y1: 6, x2: 25, y2: 6, stroke: colour, "stroke-width": width || 3 });
    if (dashes) line.setAttribute("stroke-dasharray", dashes.join(" "));
    box.appendChild(line);
    return box;
  }

  // ---- the legend, which is also the filter panel --------------------------
  const typeCounts = {}, relationCounts = {}, familyCounts = {};
  const isolatedCount = DATA.nodes.filter((n) => viewDegree.get(n.id) === 0).length;
  DATA.nodes.forEach((n) => { typeCounts[n.type] = (typeCounts[n.type] || 0) + 1; });
  DATA.edges.forEach((e) => {
    relationCounts[e.relation] = (relationCounts[e.relation] || 0) + 1;
    familyCounts[e.family] = (familyCounts[e.family] || 0) + 1;
  });
  function checkbox(attr, value) {
    const box = el("input", { type: "checkbox" });
    box.checked = true;
    box.dataset[attr] = value;
    box.addEventListener("change", scheduleFilters);
    return box;
  }
  function legendRow(box, sym, text, count) {
    const label = el("label");
    label.append(box, sym, el("span", null, text));
    if (count !== undefined) label.appendChild(el("span", { className: "count" }, fmt(count)));
    return label;
  }
  function buildLegend() {
    const types = $("legend-types");
    VOCAB.types.forEach((t) => {
      if (!typeCounts[t.name]) return;
      types.appendChild(legendRow(checkbox("type", t.name), symbol(t.shape, t.colour), t.name, typeCounts[t.name]));
    });
    if (isolatedCount) {
      // Entities that take part in no drawn relation only crowd the picture; they
      // are one click away and the summary says how many there are.
      const box = el("input", { type: "checkbox", id: "isolated" });
      box.checked = DATA.edges.length === 0;
      box.addEventListener("change", scheduleFilters);
      const row = legendRow(box, el("span"), "also show entities with no relation", isolatedCount);
      row.classList.add("isolated");
      types.appendChild(row);
    }
    const families = $("legend-families");
    VOCAB.families.forEach((f) => {
      if (!familyCounts[f.name]) return;
      const head = legendRow(checkbox("family", f.name), lineSymbol(f.colour, false, 4), f.label, familyCounts[f.name]);
      head.classList.add("family");
      const list = el("div", { className: "relations" });
      VOCAB.relations.forEach((r) => {
        if (r.family !== f.name || !relationCounts[r.name]) return;
        const name = r.name + (r.directed ? " →" : " —");
        const row = legendRow(checkbox("relation", r.name), el("span"), name, relationCounts[r.name]);
        row.title = r.comment;
        list.appendChild(row);
      });
      families.append(head, list);
    });
    const statuses = $("legend-statuses");
    VOCAB.statuses.forEach((s) => {
      statuses.appendChild(legendRow(checkbox("status", s.name), lineSymbol("#555", s.dashes, 2), s.label));
    });
  }

  // ---- filters ---------------------------------------------------------------
  function readFilters() {
    const on = (attr) => {
      const set = new Set();
      document.querySelectorAll("input[data-" + attr + "]").forEach((b) => { if (b.checked) set.add(b.dataset[attr]); });
      return set;
    };
    return {
      types: on("type"), families: on("family"), relations: on("relation"), statuses: on("status"),
      minSupport: Number($("min-support").value) || 1,
      from: $("date-from").value || null, to: $("date-to").value || null,
      undated: $("undated").checked,
      isolated: $("isolated") ? $("isolated").checked : true,
    };
  }
  function edgeState(e, f) {
    if (!f.families.has(e.family) || !f.relations.has(e.relation)) return null;
    if (!f.types.has(nodeById.get(e.from).type) || !f.types.has(nodeById.get(e.to).type)) return null;
    const by = { fact: 0, maybe: 0, negated: 0 };
    let n = 0;
    for (const [date, status] of e.support) {
      if (!f.statuses.has(status)) continue;
      if (date) {
        if (f.from && date < f.from.slice(0, date.length)) continue;
        if (f.to && date > f.to.slice(0, date.length)) continue;
      } else if (!f.undated) continue;
      by[status] += 1;
      n += 1;
    }
    if (n === 0 || n < f.minSupport) return null;
    return { n: n, style: by.fact ? "fact" : by.maybe ? "maybe" : "negated" };
  }
  function edgeLabel(e, st) {
    if (!DATA.settings.edgeLabels) return undefined;
    const name = st.style === "negated" ? "not " + e.relation : st.style === "maybe" ? e.relation + "?" : e.relation;
    return st.n > 1 ? name + " ×" + st.n : name;
  }
  const shown = new Map();  // id -> last drawn state key
  function applyFilters() {
    const f = readFilters();
    const edgeUpdates = [], nodeUpdates = [], degree = new Map();
    DATA.edges.forEach((e) => {
      const st = edgeState(e, f);
      if (st) {
        degree.set(e.from, (degree.get(e.from) || 0) + 1);
        degree.set(e.to, (degree.get(e.to) || 0) + 1);
      }
      const key = st ? st.n + st.style : "hidden";
      if (shown.get(e.id) === key) return;
      shown.set(e.id, key);
      edgeUpdates.push(st ? {
        id: e.id, hidden: false, width: Math.min(1.5 + 2.2 * Math.log2(st.n), 12),
        dashes: DASHES[st.style], label: edgeLabel(e, st),
      } : { id: e.id, hidden: true });
    });
    DATA.nodes.forEach((n) => {
      const visible = f.types.has(n.type) &&
        ((degree.get(n.id) || 0) > 0 || (viewDegree.get(n.id) === 0 && f.isolated && f.minSupport <= 1));
      const key = visible ? "shown" : "hidden";
      if (shown.get("n:" + n.id) === key) return;
      shown.set("n:" + n.id, key);
      nodeUpdates.push({ id: n.id, hidden: !visible });
    });
    if (nodeUpdates.length) geokg.nodes.update(nodeUpdates);
    if (edgeUpdates.length) geokg.edges.update(edgeUpdates);
    const c = counts();
    $("visible").textContent = "Visible: " + fmt(c.nodes) + " of " + fmt(DATA.nodes.length) +
      " entities, " + fmt(c.edges) + " of " + fmt(DATA.edges.length) + " relations.";
  }
  let pending = null;
  function scheduleFilters() {
    if (pending) return;
    pending = requestAnimationFrame(() => { pending = null; applyFilters(); });
  }
  function counts() {
    return {
      nodes: geokg.nodes.get({ filter: (n) => !n.hidden }).length,
      edges: geokg.edges.get({ filter: (e) => !e.hidden && !nodeHidden(e.from) && !nodeHidden(e.to) }).length,
    };
  }
  function nodeHidden(id) {
    const n = geokg.nodes.get(id);
    return !n || n.hidden;
  }

  // ---- cards: tooltips and the details panel --------------------------------
  function docOf(index) { return index === null || index === undefined ? null : DATA.docs[index]; }
  function evidenceItem(ev, full) {
    const li = el("li");
    const sentence = full || ev.sentence.length <= 280 ? ev.sentence : ev.sentence.slice(0, 277) + "…";
    li.appendChild(el("blockquote", null, sentence));
    const source = el("p", { className: "source" });
    if (ev.negated) source.appendChild(el("span", { className: "tag negated" }, "negated"));
    if (ev.modality !== "asserted") {
      source.appendChild(el("span", { className: "tag" + (ev.modality === "planned" || ev.modality === "hypothetical" ? " maybe" : "") }, ev.modality));
    }
    if (ev.role) source.appendChild(el("span", { className: "tag" }, ev.role));
    const doc = docOf(ev.doc);
    if (doc) {
      source.appendChild(full ? link(doc.title, doc.url) : el("span", null, doc.title));
      const bits = [ev.date || doc.published, doc.publisher].filter(Boolean);
      if (bits.length) source.appendChild(el("span", null, " · " + bits.join(" · ")));
    } else if (ev.date) {
      source.appendChild(el("span", null, ev.date));
    }
    li.appendChild(source);
    return li;
  }
  function edgeCard(e, full) {
    const card = el("div", { className: "card" });
    const arrow = e.directed ? " → " : " — ";
    card.appendChild(el("h3", null, nodeById.get(e.from).label + arrow + e.relation + arrow + nodeById.get(e.to).label));
    const by = { fact: 0, maybe: 0, negated: 0 };
    const dates = [];
    e.support.forEach(([date, status]) => { by[status] += 1; if (date) dates.push(date); });
    dates.sort();
    const parts = Object.keys(by).filter((k) => by[k]).map((k) => by[k] + " " + statusLabel[k]);
    card.appendChild(el("p", { className: "meta" },
      familyLabel[e.family] + " · " + e.support.length + " supporting sentence" + (e.support.length === 1 ? "" : "s") +
      " in " + e.docs + " article" + (e.docs === 1 ? "" : "s") + " (" + parts.join(", ") + ")" +
      (dates.length ? " · " + (dates[0] === dates[dates.length - 1] ? dates[0] : dates[0] + " – " + dates[dates.length - 1]) : "")));
    const list = el("ul");
    const shownEvidence = full ? e.evidence : e.evidence.slice(0, 3);
    shownEvidence.forEach((ev) => list.appendChild(evidenceItem(ev, full)));
    card.appendChild(list);
    const more = e.support.length - shownEvidence.length;
    if (more > 0) card.appendChild(el("p", { className: "more" }, "+ " + more + " more" + (full ? " in assertions.jsonl" : "; click the edge for details")));
    return card;
  }
  function nodeCard(n, full) {
    const card = el("div", { className: "card" });
    card.appendChild(el("h3", null, n.label));
    card.appendChild(el("p", { className: "meta" }, n.type + " · in " + fmt(n.involvement) + " assertion" +
      (n.involvement === 1 ? "" : "s") + " · mentioned in " + fmt(n.mentions) + " article" + (n.mentions === 1 ? "" : "s")));
    if (n.aliases && n.aliases.length) card.appendChild(el("p", { className: "meta" }, "also: " + n.aliases.join("; ")));
    if (full && n.wikidata && /^Q[0-9]+$/.test(n.wikidata)) {
      const p = el("p", { className: "meta" });
      p.appendChild(link("Wikidata " + n.wikidata, "https://www.wikidata.org/wiki/" + n.wikidata));
      card.appendChild(p);
    }
    const related = geokg.network.getConnectedEdges(n.id).map((id) => edgeById.get(id))
      .filter((e) => e && !geokg.edges.get(e.id).hidden)
      .sort((a, b) => b.support.length - a.support.length || (a.id < b.id ? -1 : 1));
    const list = el("ul");
    related.slice(0, full ? 40 : 8).forEach((e) => {
      const other = e.from === n.id ? e.to : e.from;
      const dir = !e.directed ? "" : e.from === n.id ? "" : " (by)";
      const times = e.support.length > 1 ? " ×" + e.support.length : "";
      list.appendChild(el("li", null, e.relation + dir + " " + nodeById.get(other).label + times));
    });
    if (related.length) card.appendChild(list);
    if (related.length > (full ? 40 : 8)) card.appendChild(el("p", { className: "more" }, "+ " + (related.length - (full ? 40 : 8)) + " more"));
    return card;
  }
  function cardFor(kind, id, full) {
    if (kind === "node") return nodeById.has(id) ? nodeCard(nodeById.get(id), full) : null;
    return edgeById.has(id) ? edgeCard(edgeById.get(id), full) : null;
  }
  const tip = $("tip");
  function showTip(kind, params) {
    const id = kind === "node" ? params.node : params.edge;
    const card = cardFor(kind, id, false);
    if (!card) return;
    tip.replaceChildren(card);
    tip.hidden = false;
    const stage = $("stage").getBoundingClientRect();
    const p = params.pointer.DOM;
    const w = tip.offsetWidth, h = tip.offsetHeight;
    tip.style.left = Math.max(4, Math.min(p.x + 14, stage.width - w - 4)) + "px";
    tip.style.top = Math.max(4, Math.min(p.y + 14, stage.height - h - 4)) + "px";
  }
  function hideTip() { tip.hidden = true; }
  function showDetails(kind, id) {
    const card = cardFor(kind, id, true);
    if (!card) { $("details").hidden = true; return; }
    $("details-body").replaceChildren(card);
    $("details").hidden = false;
  }

  // ---- search ---------------------------------------------------------------
  function findNode(query) {
    const q = query.trim().toLowerCase();
    if (!q) return null;
    const tests = [
      (n) => n.label.toLowerCase() === q,
      (n) => (n.aliases || []).some((a) => a.toLowerCase() === q),
      (n) => n.label.toLowerCase().startsWith(q),
      (n) => n.label.toLowerCase().includes(q) || (n.aliases || []).some((a) => a.toLowerCase().includes(q)),
    ];
    for (const test of tests) {
      const hits = DATA.nodes.filter(test).sort((a, b) => b.involvement - a.involvement);
      if (hits.length) return hits[0];
    }
    return null;
  }
  function search() {
    const status = $("search-status");
    const query = $("search").value;
    const n = findNode(query);
    if (!n) { status.textContent = query.trim() ? "No entity matches \u201c" + query.trim() + "\u201d." : ""; return; }
    if (nodeHidden(n.id)) { status.textContent = n.label + " is hidden by the filters."; return; }
    status.textContent = "Found " + n.label + " (" + n.type + ").";
    geokg.network.selectNodes([n.id]);
    geokg.network.focus(n.id, { scale: Math.max(geokg.network.getScale(), 1.2), animation: { duration: 400 } });
    showDetails("node", n.id);
    geokg.focused = n.id;
  }

  // ---- the page ---------------------------------------------------------------
  function summarise() {
    $("summary").textContent = fmt(STATS.entities) + " entities, " + fmt(STATS.assertions) +
      " assertions from " + fmt(STATS.documents) + " article" + (STATS.documents === 1 ? "" : "s") +
      "; drawn as " + fmt(STATS.shownEdges) + " relations" +
      (isolatedCount ? "; " + fmt(isolatedCount) + " entities take part in none." : ".");
    if (STATS.capped) {
      const cap = $("cap");
      cap.textContent = "Showing the " + fmt(STATS.shownEntities) + " most involved of " + fmt(STATS.entities) +
        " entities (cap: " + fmt(STATS.cap) + "), with the " + fmt(STATS.shownAssertions) + " of " +
        fmt(STATS.assertions) + " assertions among them.";
      cap.hidden = false;
    }
    const labels = $("labels");
    DATA.nodes.slice().sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0))
      .forEach((n) => labels.appendChild(el("option", { value: n.label })));
    const slider = $("min-support");
    slider.max = String(Math.max(1, STATS.maxSupport));
    slider.addEventListener("input", () => { $("min-support-value").textContent = slider.value; scheduleFilters(); });
    ["date-from", "date-to"].forEach((id) => {
      if (STATS.dateMin && STATS.dateMin.length === 10) $(id).min = STATS.dateMin;
      if (STATS.dateMax && STATS.dateMax.length === 10) $(id).max = STATS.dateMax;
      $(id).addEventListener("change", scheduleFilters);
    });
    $("undated").addEventListener("change", scheduleFilters);
  }
  function visNode(n) {
    const node = {
      id: n.id, label: n.label, shape: n.shape, size: n.size,
      color: { background: n.color, border: "#333333", highlight: { background: n.color, border: "#000000" },
        hover: { background: n.color, border: "#000000" } },
      borderWidth: 1, font: { size: Math.round(14 + Math.min(10, 1.5 * Math.sqrt(n.involvement))) },
    };
    if (n.x !== undefined) { node.x = n.x; node.y = n.y; }
    return node;
  }
  function visEdge(e) {
    const colour = familyColour[e.family];
    return {
      id: e.id, from: e.from, to: e.to,
      arrows: { to: { enabled: e.directed, scaleFactor: 0.7 } },
      // Standing relations (offices, memberships) recede behind the events.
      color: { color: colour, highlight: colour, hover: colour, opacity: e.family === "standing" ? 0.55 : 0.9 },
      smooth: e.curve ? { enabled: true, type: e.curve > 0 ? "curvedCW" : "curvedCCW", roundness: Math.abs(e.curve) } : false,
    };
  }
  function markReady() {
    geokg.network.once("afterDrawing", () => {
      $("loading").hidden = true;
      geokg.ready = true;
      geokg.readyAt = performance.now();
    });
    geokg.network.redraw();
  }
  function start() {
    buildLegend();
    summarise();
    geokg.data = DATA;
    geokg.nodes = new vis.DataSet(DATA.nodes.map(visNode));
    geokg.edges = new vis.DataSet(DATA.edges.map(visEdge));
    geokg.counts = counts;
    geokg.applyFilters = applyFilters;
    geokg.search = search;
    applyFilters();
    const network = new vis.Network($("graph"), { nodes: geokg.nodes, edges: geokg.edges }, DATA.options);
    geokg.network = network;
    $("physics").checked = DATA.settings.physics;
    $("physics").addEventListener("change", (ev) => network.setOptions({ physics: { enabled: ev.target.checked } }));
    network.on("hoverNode", (p) => showTip("node", p));
    network.on("hoverEdge", (p) => showTip("edge", p));
    ["blurNode", "blurEdge", "dragStart", "zoom"].forEach((name) => network.on(name, hideTip));
    network.on("click", (p) => {
      if (p.nodes.length) showDetails("node", p.nodes[0]);
      else if (p.edges.length) showDetails("edge", p.edges[0]);
      else $("details").hidden = true;
    });
    $("close-details").addEventListener("click", () => { $("details").hidden = true; });
    $("search").addEventListener("change", search);
    $("search").addEventListener("keydown", (ev) => { if (ev.key === "Enter") search(); });
    $("fit").addEventListener("click", () => network.fit({ animation: { duration: 300 } }));
    if (DATA.settings.physics && DATA.nodes.length) {
      network.once("stabilizationIterationsDone", () => {
        // Freeze the settled picture; the physics box turns it back on.
        network.setOptions({ physics: { enabled: false } });
        $("physics").checked = false;
        network.fit();
        markReady();
      });
    } else {
      markReady();
    }
  }
  start();
})();
