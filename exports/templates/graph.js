// geokg's interactive view. Every string from the data is written with
// textContent, as a DOM attribute value or onto the canvas; nothing is parsed
// as HTML.
(async function () {
  "use strict";

  const geokg = (window.geokg = { ready: false, cspViolations: [] });
  document.addEventListener("securitypolicyviolation", (ev) => {
    geokg.cspViolations.push(ev.violatedDirective + " " + ev.blockedURI);
  });

  // The data block is the page's JSON, deflated and in base64 (exports/html.py).
  async function unpack(block) {
    let bytes;
    if (Uint8Array.fromBase64) bytes = Uint8Array.fromBase64(block.textContent);
    else {
      const text = atob(block.textContent);
      bytes = new Uint8Array(text.length);
      for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
    }
    // A Response's body streams from memory; a Blob's is read back through the
    // browser's blob store (tasks on the main thread, and waits between them).
    const stream = new Response(bytes).body.pipeThrough(new DecompressionStream("deflate"));
    return JSON.parse(await new Response(stream).text());
  }
  // Where the time to the first frame goes (bench/bench_html.py --phases reads
  // these): the script starts, the data is unpacked, the page set up, the
  // filters applied, vis's network made, then the first frame drawn.
  const mark = (name) => performance.mark("geokg:" + name);
  mark("start");
  if (typeof DecompressionStream === "undefined") {
    document.getElementById("loading").textContent = "This view needs a newer browser (Chrome 80, Firefox 113, Safari 16.4 or later).";
    return;
  }
  const DATA = await unpack(document.getElementById("geokg-data"));
  mark("data");
  const STATS = DATA.stats;
  const VOCAB = DATA.vocab;
  const $ = (id) => document.getElementById(id);
  const fmt = (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");  // 12,345 (toLocaleString is slow at first)
  const plural = (n, word, words) => fmt(n) + " " + (n === 1 ? word : words || word + "s");

  const familyLabel = {}, familyColour = {}, statusLabel = {}, DASHES = {};
  VOCAB.families.forEach((f) => { familyLabel[f.name] = f.label; familyColour[f.name] = f.colour; });
  VOCAB.statuses.forEach((s) => { statusLabel[s.name] = s.label; DASHES[s.name] = s.dashes; });

  const nodeById = new Map(DATA.nodes.map((n) => [n.id, n]));
  const byText = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
  const byLabel = (a, b) => byText(nodeById.get(a).label, nodeById.get(b).label) || byText(a, b);
  const edgeById = new Map(DATA.edges.map((e) => [e.id, e]));

  // What the page shows: a view ("people" or "states"), perhaps narrowed to one
  // actor's neighbourhood ({id, steps}).
  const state = { view: DATA.opening, hood: null };
  const inView = (n, view) => n.views[view || state.view] !== undefined;
  const place = (n) => n.views[state.view];  // [x, y, involvement, community, size]

  // Per view: how many of its lines each entity takes part in (entities with
  // none wait for the "no relation" box), and its entities most involved first
  // (the order labels are drawn in); made when the view is first shown.
  const perViews = {};
  function perView(view) {
    if (perViews[view]) return perViews[view];
    const degree = new Map();
    DATA.edges.forEach((e) => {
      if (e.curves[view] === undefined) return;
      degree.set(e.from, (degree.get(e.from) || 0) + 1);
      degree.set(e.to, (degree.get(e.to) || 0) + 1);
    });
    const members = DATA.nodes.filter((n) => inView(n, view));
    const ranked = members.sort((a, b) => b.views[view][2] - a.views[view][2] || byText(a.id, b.id));
    return (perViews[view] = {
      degree: degree,
      rank: new Map(ranked.map((n, i) => [n.id, i])),
      ranked: ranked.map((n) => n.id),
    });
  }
  const TOP = DATA.topActors;  // the most involved actors: drawn large, labelled first, listed

  // ---- small DOM helpers -------------------------------------------------
  function el(tag, props, text) {
    const node = document.createElement(tag);
    if (props) Object.keys(props).forEach((k) => {
      if (k === "className") node.className = props[k]; else node.setAttribute(k, props[k]);
    });
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function button(text, onClick, className) {
    const b = el("button", { type: "button", className: className || "link" }, text);
    b.addEventListener("click", onClick);
    return b;
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
    return el("a", { href: href, target: "_blank", rel: "noopener noreferrer nofollow" }, text);
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
  function swatch(colour) {
    const box = svg("svg", { width: 16, height: 16, viewBox: "0 0 16 16" });
    box.appendChild(svg("circle", { cx: 8, cy: 8, r: 6, fill: colour, "fill-opacity": 0.45, stroke: colour, "stroke-width": 2.5 }));
    return box;
  }

  // ---- the legend, which is also the filter panel --------------------------
  const countSpans = { type: {}, family: {}, relation: {} };
  function checkbox(attr, value) {
    const box = el("input", { type: "checkbox" });
    box.checked = true;
    box.dataset[attr] = value;
    box.addEventListener("change", scheduleFilters);
    return box;
  }
  function legendRow(box, sym, text, counts, key) {
    const label = el("label");
    label.append(box, sym, el("span", null, text));
    if (counts) {
      const span = el("span", { className: "count" });
      counts[key] = span;
      label.appendChild(span);
    }
    return label;
  }
  function buildLegend() {
    const types = $("legend-types");
    VOCAB.types.forEach((t) => {
      const row = legendRow(checkbox("type", t.name), symbol(t.shape, t.colour), t.name, countSpans.type, t.name);
      row.dataset.row = "type";
      types.appendChild(row);
    });
    // Entities that take part in no drawn relation only crowd the picture; they
    // are one click away and the summary says how many there are.
    const box = el("input", { type: "checkbox", id: "isolated" });
    box.checked = DATA.edges.length === 0;
    box.addEventListener("change", scheduleFilters);
    const row = legendRow(box, el("span"), "also show entities with no relation", countSpans, "isolated");
    row.classList.add("isolated");
    types.appendChild(row);
    const families = $("legend-families");
    VOCAB.families.forEach((f) => {
      const head = legendRow(checkbox("family", f.name), lineSymbol(f.colour, false, 4), f.label, countSpans.family, f.name);
      head.classList.add("family");
      head.dataset.row = "family";
      const list = el("div", { className: "relations" });
      VOCAB.relations.forEach((r) => {
        if (r.family !== f.name) return;
        const name = r.name + (r.directed ? " →" : " —");
        const row = legendRow(checkbox("relation", r.name), el("span"), name, countSpans.relation, r.name);
        row.title = r.comment;
        row.dataset.row = "relation";
        list.appendChild(row);
      });
      families.append(head, list);
    });
    const statuses = $("legend-statuses");
    VOCAB.statuses.forEach((s) => {
      statuses.appendChild(legendRow(checkbox("status", s.name), lineSymbol("#555", s.dashes, 2), s.label));
    });
  }
  // The legend's counts are those of the current view; rows with none are hidden.
  function updateLegend() {
    const count = { type: {}, family: {}, relation: {} };
    const bump = (kind, key) => { count[kind][key] = (count[kind][key] || 0) + 1; };
    DATA.nodes.forEach((n) => { if (inView(n)) bump("type", n.type); });
    DATA.edges.forEach((e) => {
      if (e.curves[state.view] === undefined) return;
      bump("family", e.family);
      bump("relation", e.relation);
    });
    ["type", "family", "relation"].forEach((kind) => {
      Object.keys(countSpans[kind]).forEach((key) => {
        const n = count[kind][key] || 0;
        countSpans[kind][key].textContent = fmt(n);
        countSpans[kind][key].parentElement.hidden = n === 0;
      });
    });
    document.querySelectorAll(".legend .relations").forEach((list) => {
      list.hidden = !list.querySelector("label:not([hidden])");
    });
    const isolated = DATA.nodes.filter((n) => inView(n) && !perView(state.view).degree.get(n.id)).length;
    countSpans.isolated.textContent = fmt(isolated);
    countSpans.isolated.parentElement.hidden = isolated === 0;
    buildCommunityLegend();
  }
  function communityColour(index) {
    return DATA.communityColours[index % DATA.communityColours.length];
  }
  function buildCommunityLegend() {
    const box = $("legend-communities");
    box.replaceChildren();
    DATA.communities[state.view].forEach((c, i) => {
      const row = el("div", { className: "community" });
      const go = button(c.name, () => focusCommunity(i));
      go.title = "Show this community";
      row.append(swatch(communityColour(i)), go, el("span", { className: "count" }, fmt(c.size)));
      box.appendChild(row);
    });
    if (!DATA.communities[state.view].length) box.appendChild(el("p", { className: "note" }, "None with three members or more."));
  }

  // ---- filters, the neighbourhood and who matters -----------------------------
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
      isolated: $("isolated").checked,
      period: Number($("period").value) - 1,  // -1: every period
    };
  }
  function edgeState(e, f) {
    if (!f.families.has(e.family) || !f.relations.has(e.relation)) return null;
    if (!f.types.has(nodeById.get(e.from).type) || !f.types.has(nodeById.get(e.to).type)) return null;
    const by = { fact: 0, maybe: 0, negated: 0 };
    // A line counts its events (the claims of one event count once) and the
    // claims that report none (standing relations); its mentions are its claims.
    let mentions = 0, other = 0, one = -1, events = null;
    for (const [date, status, event, period] of e.support) {
      if (!f.statuses.has(status)) continue;
      if (f.period >= 0 && period !== f.period) continue;
      if (date) {
        if (f.from && date < f.from.slice(0, date.length)) continue;
        if (f.to && date > f.to.slice(0, date.length)) continue;
      } else if (!f.undated) continue;
      by[status] += 1;
      mentions += 1;
      if (event < 0) other += 1;
      else if (events) events.add(event);
      else if (one < 0) one = event;
      else if (one !== event) events = new Set([one, event]);
    }
    const n = other + (events ? events.size : one < 0 ? 0 : 1);
    if (mentions === 0 || n < f.minSupport) return null;
    return { n: n, mentions: mentions, style: by.fact ? "fact" : by.maybe ? "maybe" : "negated" };
  }
  // Entities within `steps` lines of `id` over the lines that pass the filters:
  // a map from each to its distance.
  function neighbourhood(id, steps, lines) {
    const next = new Map();
    lines.forEach(([e]) => {
      if (!next.has(e.from)) next.set(e.from, []);
      if (!next.has(e.to)) next.set(e.to, []);
      next.get(e.from).push(e.to);
      next.get(e.to).push(e.from);
    });
    const dist = new Map([[id, 0]]);
    let frontier = [id];
    for (let step = 1; step <= steps; step++) {
      const found = [];
      frontier.forEach((a) => (next.get(a) || []).forEach((b) => {
        if (!dist.has(b)) { dist.set(b, step); found.push(b); }
      }));
      frontier = found;
    }
    return dist;
  }
  // The neighbourhood drawn as rings around its actor: first steps in the
  // direction they lie in the whole graph, second steps beside the first step
  // that leads to them.
  function rings(id, dist, lines) {
    const centre = nodeById.get(id), [cx, cy] = place(centre);
    const at = new Map([[id, [cx, cy]]]);
    const angle = new Map();
    const first = [...dist.keys()].filter((k) => dist.get(k) === 1);
    const second = [...dist.keys()].filter((k) => dist.get(k) === 2);
    const ring = (ids, radius, angleOf) => {
      ids.sort((a, b) => angleOf(a) - angleOf(b) || (a < b ? -1 : 1));
      ids.forEach((k, i) => {
        const a = angleOf(ids[0]) + 2 * Math.PI * i / ids.length;
        angle.set(k, a);
        at.set(k, [Math.round(cx + radius * Math.cos(a)), Math.round(cy + radius * Math.sin(a))]);
      });
    };
    const r1 = Math.max(180, first.length * 40 / (2 * Math.PI));
    ring(first, r1, (k) => { const [x, y] = place(nodeById.get(k)); return Math.atan2(y - cy, x - cx); });
    const via = new Map();
    lines.forEach(([e]) => {
      [[e.from, e.to], [e.to, e.from]].forEach(([a, b]) => {
        if (dist.get(a) === 2 && dist.get(b) === 1 && !via.has(a)) via.set(a, angle.get(b));
      });
    });
    ring(second, Math.max(r1 + 180, second.length * 30 / (2 * Math.PI)), (k) => via.get(k) || 0);
    return at;
  }
  function nodeLook(n, x, y) {
    const c = place(n)[3];
    const ring = c >= 0 && !state.hood ? communityColour(c) : "#333333";
    return {
      x: x, y: y, size: place(n)[4], borderWidth: c >= 0 && !state.hood ? 3 : 1,
      color: { background: n.color, border: ring, highlight: { background: n.color, border: "#000000" },
        hover: { background: n.color, border: "#000000" } },
    };
  }
  const drawn = new Map();  // id -> last drawn state key
  function applyFilters() {
    const f = readFilters();
    const view = state.view;
    let lines = [];
    DATA.edges.forEach((e) => {
      if (e.curves[view] === undefined) return;
      const st = edgeState(e, f);
      if (st) lines.push([e, st]);
    });
    let dist = null, at = null;
    if (state.hood) {
      dist = neighbourhood(state.hood.id, state.hood.steps, lines);
      lines = lines.filter(([e]) => dist.has(e.from) && dist.has(e.to));
      at = rings(state.hood.id, dist, lines);
    }
    const degree = new Map(), kept = new Map();
    lines.forEach(([e, st]) => {
      kept.set(e.id, st);
      degree.set(e.from, (degree.get(e.from) || 0) + 1);
      degree.set(e.to, (degree.get(e.to) || 0) + 1);
    });
    const edgeUpdates = [], nodeUpdates = [];
    DATA.edges.forEach((e) => {
      const st = kept.get(e.id);
      const curve = e.curves[view];
      const key = st ? st.n + st.style + curve : "hidden";
      // A line never drawn yet is not handed to vis until it shows (vis's own
      // bookkeeping of each item is most of the time before the first frame).
      if (drawn.get(e.id) === key || (!st && !drawn.has(e.id))) return;
      // The first update of a line adds it whole; later ones change what changed.
      const first = !drawn.has(e.id);
      drawn.set(e.id, key);
      edgeUpdates.push(first ? visEdge(e, st, curve) : st ? {
        id: e.id, hidden: false, width: lineWidth(st), dashes: DASHES[st.style], smooth: smooth(curve),
      } : { id: e.id, hidden: true });
    });
    const lonely = (n) => !perView(view).degree.get(n.id) && f.isolated && f.minSupport <= 1;
    const visible = new Set();
    DATA.nodes.forEach((n) => {
      const show = inView(n) && (dist ? dist.has(n.id) && (f.types.has(n.type) || n.id === state.hood.id)
        : f.types.has(n.type) && ((degree.get(n.id) || 0) > 0 || lonely(n)));
      if (show) visible.add(n.id);
      const [x, y] = show ? (at ? at.get(n.id) : place(n)) : [0, 0];
      const key = show ? view + x + "," + y + (state.hood ? "h" : "") : "hidden";
      if (drawn.get("n:" + n.id) === key || (!show && !drawn.has("n:" + n.id))) return;
      const base = { id: n.id, hidden: !show };
      if (!drawn.has("n:" + n.id)) base.shape = n.shape;
      drawn.set("n:" + n.id, key);
      nodeUpdates.push(show ? Object.assign(base, nodeLook(n, x, y)) : base);
    });
    // What the drawing handlers read, set before the updates (which may draw).
    geokg.kept = kept;
    geokg.visible = visible;
    labelEdges = lines.slice().sort((a, b) => b[1].n - a[1].n).slice(0, 400);
    if (nodeUpdates.length) geokg.nodes.update(nodeUpdates);
    if (edgeUpdates.length) geokg.edges.update(edgeUpdates);
    whoMatters(lines, visible);
    const c = { nodes: visible.size, edges: kept.size };  // what counts() would find, sooner
    $("visible").textContent = "Visible: " + fmt(c.nodes) + " of " + fmt(perView(view).ranked.length) +
      " entities, " + fmt(c.edges) + " relations.";
    if (state.hood) {
      const hood = nodeById.get(state.hood.id);
      $("hood-text").textContent = "Neighbourhood of " + hood.label + ", " + plural(state.hood.steps, "step") +
        " out: " + plural(c.nodes, "entity", "entities") + ".";
    }
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
  // The TOP items of most weight, ties by name (sorting only those that can be).
  function firstFew(items, weight, name) {
    if (items.length > TOP) {
      const least = items.map(weight).sort((a, b) => b - a)[TOP - 1];
      items = items.filter((i) => weight(i) >= least);
    }
    const names = new Map(items.map((i) => [i, name(i)]));
    return items.sort((a, b) => weight(b) - weight(a) || byText(names.get(a), names.get(b))).slice(0, TOP);
  }
  // The side panel's lists: the most involved actors and the strongest ties
  // among what is visible, each a button that shows it.
  // Actors count the claims they take part in (their involvement, as they are
  // sized), ties their events, then their mentions.
  function whoMatters(lines, visible) {
    const actors = new Map(), dyads = new Map();
    lines.forEach(([e, st]) => {
      actors.set(e.from, (actors.get(e.from) || 0) + st.mentions);
      if (e.to !== e.from) actors.set(e.to, (actors.get(e.to) || 0) + st.mentions);
      if (e.to === e.from) return;
      const [a, b] = e.from < e.to ? [e.from, e.to] : [e.to, e.from];
      const key = a + "\u0000" + b;
      if (!dyads.has(key)) dyads.set(key, { a: a, b: b, n: 0, mentions: 0, edges: [] });
      const d = dyads.get(key);
      d.n += st.n;
      d.mentions += st.mentions;
      d.edges.push(e.id);
    });
    const top = firstFew([...actors.entries()].filter(([id]) => visible.has(id)), (a) => a[1], (a) => nodeById.get(a[0]).label + "\u0000" + a[0]);
    $("top-actors").replaceChildren(...top.map(([id, n], i) => {
      const li = el("li");
      li.append(el("span", { className: "rank" }, i + 1 + "."), button(nodeById.get(id).label, () => focusNode(id)), el("span", { className: "count" }, fmt(n)));
      return li;
    }));
    const dyadName = (d) => nodeById.get(d.a).label + " — " + nodeById.get(d.b).label;
    const most = Math.max(0, ...[...dyads.values()].map((d) => d.mentions)) + 1;
    const ties = firstFew([...dyads.values()], (d) => d.n + d.mentions / most, (d) => dyadName(d) + "\u0000" + d.a + "\u0000" + d.b);
    $("top-dyads").replaceChildren(...ties.map((d, i) => {
      const li = el("li");
      const name = dyadName(d);
      li.append(el("span", { className: "rank" }, i + 1 + "."), button(name, () => focusDyad(d)), el("span", { className: "count" }, fmt(d.n)));
      return li;
    }));
    geokg.top = { actors: top.map(([id]) => id), dyads: ties.map((d) => [d.a, d.b]) };
  }

  // ---- labels: only those that fit, the most involved first -------------------
  // vis draws no labels; this draws them after each frame, in screen pixels, at
  // a fixed size whatever the zoom: the selected or hovered actor first, then by
  // involvement, each below, above, right or left of its node where it overlaps
  // no label already drawn, else not at all. Line labels come last.
  const widths = new Map();
  let labelEdges = [];
  const LABEL_FONT = { top: "bold 15px system-ui, sans-serif", rest: "12px system-ui, sans-serif", edge: "11px system-ui, sans-serif" };
  const fonts = new Map();
  function measure(ctx, font, text) {
    const key = font + "\u0000" + text;
    if (!widths.has(key)) { ctx.font = font; widths.set(key, Math.ceil(ctx.measureText(text).width) + 2); }
    return widths.get(key);
  }
  // The height of a font's line box and where its baseline lies in it.
  function fontBox(ctx, font) {
    if (!fonts.has(font)) {
      ctx.font = font;
      const m = ctx.measureText("Hg");
      const ascent = Math.ceil(m.fontBoundingBoxAscent);
      fonts.set(font, { ascent: ascent + 1, height: ascent + Math.ceil(m.fontBoundingBoxDescent) + 2 });
    }
    return fonts.get(font);
  }
  function boxesOverlap(a, b) {
    return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
  }
  // Boxes by the 64-pixel cells they touch (a number each: no strings to make
  // and collect for thousands of boxes a frame).
  function Grid() {
    const cells = new Map(), size = 64;
    const first = (v) => Math.floor(v / size) + 4096;
    return {
      free: (b, own) => {
        const i1 = first(b.x + b.w), j1 = first(b.y + b.h);
        for (let i = first(b.x); i <= i1; i++) {
          for (let j = first(b.y); j <= j1; j++) {
            const list = cells.get(i * 8192 + j);
            if (!list) continue;
            for (const o of list) if ((own === undefined || o.id !== own) && boxesOverlap(o, b)) return false;
          }
        }
        return true;
      },
      add: (b) => {
        const i1 = first(b.x + b.w), j1 = first(b.y + b.h);
        for (let i = first(b.x); i <= i1; i++) {
          for (let j = first(b.y); j <= j1; j++) {
            const list = cells.get(i * 8192 + j);
            if (list) list.push(b); else cells.set(i * 8192 + j, [b]);
          }
        }
      },
    };
  }
  function placeLabels(ctx) {
    const net = geokg.network, view = net.body.view;  // scale and translation of the canvas
    const w = net.canvas.frame.canvas.clientWidth, h = net.canvas.frame.canvas.clientHeight;
    const toScreen = (x, y) => [x * view.scale + view.translation.x, y * view.scale + view.translation.y];
    const grid = Grid(), placed = [];
    const inside = (b) => b.x >= 0 && b.y >= 0 && b.x + b.w <= w && b.y + b.h <= h;
    // Labels also keep off the entities' shapes: the top actors' labels off the
    // other top actors', the rest off all.
    const discs = { top: Grid(), rest: Grid() };
    geokg.visible.forEach((id) => {
      const body = net.body.nodes[id];
      if (!body) return;
      const [sx, sy] = toScreen(body.x, body.y), r = 0.8 * body.options.size * view.scale;
      if (sx + r < 0 || sy + r < 0 || sx - r > w || sy - r > h) return;
      const box = { x: sx - r, y: sy - r, w: 2 * r, h: 2 * r, id: id };
      discs.rest.add(box);
      if (perView(state.view).rank.get(id) < TOP) discs.top.add(box);
    });
    const order = [];
    [geokg.focused, hovered].forEach((id) => { if (id && geokg.visible.has(id)) order.push(id); });
    if (state.hood) order.push(state.hood.id);
    perView(state.view).ranked.forEach((id) => { if (geokg.visible.has(id)) order.push(id); });
    const done = new Set();
    order.forEach((id) => {
      if (done.has(id)) return;
      done.add(id);
      const body = net.body.nodes[id];
      if (!body) return;
      const [sx, sy] = toScreen(body.x, body.y);
      const r = body.options.size * view.scale;
      if (sx < -100 || sy < -100 || sx > w + 100 || sy > h + 100) return;
      const kind = perView(state.view).rank.get(id) < TOP || id === geokg.focused ? "top" : "rest";
      const text = nodeById.get(id).label;
      const bh = fontBox(ctx, LABEL_FONT[kind]).height;
      const spots = kind === "top" ? 8 : 4, d = r * 0.7;
      const fit = (bw) => {  // the first free spot: below, above, right, left, then the diagonals
        for (let i = 0; i < spots; i++) {
          const b = {
            x: i === 0 || i === 1 ? sx - bw / 2 : i === 2 ? sx + r + 2 : i === 3 ? sx - r - 2 - bw : i < 6 ? sx + d : sx - d - bw,
            y: i === 0 ? sy + r + 1 : i === 1 ? sy - r - 1 - bh : i < 4 ? sy - bh / 2 : i % 2 ? sy - d - bh : sy + d,
            w: bw, h: bh,
          };
          if (inside(b) && grid.free(b) && discs[kind].free(b, id)) return b;
        }
        return undefined;
      };
      // Each spot of a box as narrow as the text could be lies inside the same
      // spot of the real box: where none of those fits, measuring is no use.
      if (!fit(2 * text.length)) return;
      const b = fit(measure(ctx, LABEL_FONT[kind], text));
      if (!b) return;
      grid.add(b);
      placed.push({ text: text, kind: kind, x: b.x, y: b.y, w: b.w, h: b.h, id: id });
    });
    if (!net.renderer.dragging && !net.renderer.zooming) {
      labelEdges.forEach(([e, st]) => {
        const a = net.body.nodes[e.from], b = net.body.nodes[e.to], line = net.body.edges[e.id];
        if (!a || !b || !line || e.from === e.to) return;
        const [ax, ay] = toScreen(a.x, a.y), [bx, by] = toScreen(b.x, b.y);
        const text = (st.style === "negated" ? "not " : "") + e.relation + (st.style === "maybe" ? "?" : "") + (st.n > 1 ? " ×" + st.n : "");
        const bw = measure(ctx, LABEL_FONT.edge, text), bh = fontBox(ctx, LABEL_FONT.edge).height;
        const room = Math.hypot(bx - ax, by - ay) - (a.options.size + b.options.size) * view.scale;
        if (room < bw + 12) return;
        const mid = line.edgeType.getPoint(0.5);
        const [mx, my] = toScreen(mid.x, mid.y);
        const box = { x: mx - bw / 2, y: my - bh / 2, w: bw, h: bh };
        if (inside(box) && grid.free(box) && discs.rest.free(box)) {
          grid.add(box);
          placed.push({ text: text, kind: "edge", x: box.x, y: box.y, w: bw, h: bh, id: e.id });
        }
      });
    }
    return placed;
  }
  function drawLabels(ctx) {
    const placed = placeLabels(ctx);
    const ratio = geokg.network.canvas.pixelRatio || 1;
    ctx.save();
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.textBaseline = "alphabetic";
    ctx.textAlign = "left";
    ctx.lineJoin = "round";
    ctx.strokeStyle = "rgba(255,255,255,0.9)";
    ctx.lineWidth = 3;
    placed.forEach((p) => {
      ctx.font = LABEL_FONT[p.kind];
      ctx.fillStyle = p.kind === "edge" ? "#555555" : "#1a1a1a";
      const baseline = p.y + fontBox(ctx, LABEL_FONT[p.kind]).ascent;
      ctx.strokeText(p.text, p.x + 1, baseline);
      ctx.fillText(p.text, p.x + 1, baseline);
    });
    // The hovered actor's label shows even where it did not fit, on a plate.
    if (hovered && geokg.visible.has(hovered) && !placed.some((p) => p.id === hovered)) {
      const body = geokg.network.body.nodes[hovered], view = geokg.network.body.view;
      const text = nodeById.get(hovered).label, bw = measure(ctx, LABEL_FONT.top, text);
      const box = fontBox(ctx, LABEL_FONT.top);
      const x = body.x * view.scale + view.translation.x - bw / 2;
      const y = body.y * view.scale + view.translation.y + body.options.size * view.scale + 2;
      ctx.fillStyle = "rgba(255,255,255,0.95)";
      ctx.fillRect(x - 2, y - 1, bw + 4, box.height + 2);
      ctx.font = LABEL_FONT.top;
      ctx.fillStyle = "#000000";
      ctx.fillText(text, x + 1, y + box.ascent);
    }
    ctx.restore();
    geokg.labels = placed;
  }
  // Soft hulls: each named community's members inside one rounded, translucent
  // shape (their convex hull, padded by a thick round-joined stroke).
  function hull(points) {
    const pts = points.slice().sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    if (pts.length < 3) return pts;
    const cross = (o, a, b) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
    const half = (list) => {
      const out = [];
      list.forEach((p) => {
        while (out.length >= 2 && cross(out[out.length - 2], out[out.length - 1], p) <= 0) out.pop();
        out.push(p);
      });
      out.pop();
      return out;
    };
    return half(pts).concat(half(pts.slice().reverse()));
  }
  // Drawn opaque on a canvas of their own, then laid on the graph's at one
  // opacity, so that where a hull's fill and its rounded edge meet, or two
  // hulls meet, the tint stays even.
  let hullCanvas = null;
  function drawHulls(ctx) {
    if (state.hood) return;
    const net = geokg.network, groups = new Map();
    geokg.visible.forEach((id) => {
      const c = place(nodeById.get(id))[3], b = net.body.nodes[id];
      if (c < 0 || !b) return;
      if (!groups.has(c)) groups.set(c, []);
      groups.get(c).push([b.x, b.y]);
    });
    if (!groups.size) return;
    hullCanvas = hullCanvas || document.createElement("canvas");
    if (hullCanvas.width !== ctx.canvas.width || hullCanvas.height !== ctx.canvas.height) {
      hullCanvas.width = ctx.canvas.width;
      hullCanvas.height = ctx.canvas.height;
    }
    const off = hullCanvas.getContext("2d");
    off.setTransform(1, 0, 0, 1, 0, 0);
    off.clearRect(0, 0, hullCanvas.width, hullCanvas.height);
    off.setTransform(ctx.getTransform());
    off.lineJoin = "round";
    off.lineCap = "round";
    off.lineWidth = 70;
    groups.forEach((points, c) => {
      off.fillStyle = off.strokeStyle = communityColour(c);
      off.beginPath();
      hull(points).forEach(([x, y], i) => (i ? off.lineTo(x, y) : off.moveTo(x, y)));
      off.closePath();
      off.stroke();
      off.fill();
    });
    ctx.save();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.globalAlpha = 0.18;
    ctx.drawImage(hullCanvas, 0, 0);
    ctx.restore();
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
    const dates = [], events = new Set();
    e.support.forEach(([date, status, event]) => {
      by[status] += 1;
      if (date) dates.push(date);
      if (event >= 0) events.add(event);
    });
    dates.sort();
    const parts = Object.keys(by).filter((k) => by[k]).map((k) => by[k] + " " + statusLabel[k]);
    card.appendChild(el("p", { className: "meta" },
      familyLabel[e.family] + " · " + (events.size ? plural(events.size, "event") + " · " : "") +
      plural(e.support.length, "mention") + " in " + plural(e.docs, "article") + " (" + parts.join(", ") + ")" +
      (dates.length ? " · " + (dates[0] === dates[dates.length - 1] ? dates[0] : dates[0] + " – " + dates[dates.length - 1]) : "")));
    const list = el("ul");
    const shownEvidence = full ? e.evidence : e.evidence.slice(0, 3);
    shownEvidence.forEach((ev) => list.appendChild(evidenceItem(ev, full)));
    card.appendChild(list);
    const more = e.support.length - shownEvidence.length;
    if (more > 0) card.appendChild(el("p", { className: "more" }, "+ " + more + " more" + (full ? " in assertions.jsonl" : "; click the edge for details")));
    return card;
  }
  // The actor's visible lines grouped by partner, strongest partner first.
  function partners(id) {
    const groups = new Map();
    DATA.edges.forEach((e) => {
      const st = geokg.kept.get(e.id);
      if (!st || (e.from !== id && e.to !== id)) return;
      const other = e.from === id ? e.to : e.from;
      if (!groups.has(other)) groups.set(other, { id: other, n: 0, relations: [] });
      const g = groups.get(other);
      g.n += st.n;
      const dir = e.directed && e.from !== id ? " (by)" : "";
      g.relations.push([e.relation + dir, st.n]);
    });
    groups.forEach((g) => g.relations.sort((a, b) => b[1] - a[1] || byText(a[0], b[0])));
    return [...groups.values()].sort((a, b) => b.n - a.n || byLabel(a.id, b.id));
  }
  function nodeCard(n, full) {
    const card = el("div", { className: "card" });
    card.appendChild(el("h3", null, n.label));
    card.appendChild(el("p", { className: "meta" }, n.type + " · in " + plural(place(n) ? place(n)[2] : 0, "assertion") +
      " · mentioned in " + plural(n.mentions, "article")));
    if (n.aliases && n.aliases.length) card.appendChild(el("p", { className: "meta" }, "also: " + n.aliases.join("; ")));
    if (state.view === "states" && n.members) {
      card.appendChild(el("p", { className: "meta" }, "Folds in " + fmt(n.members.count) + ": " + n.members.top.join("; ") +
        (n.members.count > n.members.top.length ? " …" : "")));
    } else if (state.view === "people" && n.root && nodeById.has(n.root)) {
      card.appendChild(el("p", { className: "meta" }, "Part of " + nodeById.get(n.root).label + " in the states view."));
    }
    if (full && n.wikidata && /^Q[0-9]+$/.test(n.wikidata)) {
      const p = el("p", { className: "meta" });
      p.appendChild(link("Wikidata " + n.wikidata, "https://www.wikidata.org/wiki/" + n.wikidata));
      card.appendChild(p);
    }
    if (full) {
      const actions = el("p", { className: "actions" }, "Neighbourhood: ");
      [1, 2].forEach((steps) => actions.appendChild(button(plural(steps, "step"), () => showHood(n.id, steps), "small")));
      card.appendChild(actions);
    }
    const groups = partners(n.id), limit = full ? 40 : 6;
    const list = el("ul", { className: "partners" });
    groups.slice(0, limit).forEach((g) => {
      const li = el("li");
      const name = full ? button(nodeById.get(g.id).label, () => focusNode(g.id)) : el("b", null, nodeById.get(g.id).label);
      li.append(name, el("span", { className: "count" }, " ×" + g.n));
      li.appendChild(el("div", { className: "rels" }, g.relations.map(([r, k]) => (k > 1 ? r + " ×" + k : r)).join(" · ")));
      list.appendChild(li);
    });
    if (groups.length) {
      card.appendChild(el("p", { className: "meta" }, "Relations with " + plural(groups.length, "partner") + ":"));
      card.appendChild(list);
    }
    if (groups.length > limit) card.appendChild(el("p", { className: "more" }, "+ " + (groups.length - limit) + " more"));
    return card;
  }
  function dyadCard(d) {
    const card = el("div", { className: "card" });
    card.appendChild(el("h3", null, nodeById.get(d.a).label + " — " + nodeById.get(d.b).label));
    const lines = d.edges.map((id) => edgeById.get(id));
    const events = new Set(), mentions = lines.reduce((n, e) => n + e.support.length, 0);
    lines.forEach((e) => e.support.forEach((row) => { if (row[2] >= 0) events.add(row[2]); }));
    card.appendChild(el("p", { className: "meta" }, (events.size ? plural(events.size, "event") + " · " : "") +
      plural(mentions, "mention") + " in " + plural(lines.length, "relation") + "."));
    card.appendChild(timelineChart(d.a, d.b));
    lines.sort((a, b) => geokg.kept.get(b.id).n - geokg.kept.get(a.id).n)
      .forEach((e) => card.appendChild(edgeCard(e, true)));
    return card;
  }
  function cardFor(kind, id, full) {
    if (kind === "node") return nodeById.has(id) ? nodeCard(nodeById.get(id), full) : null;
    if (!edgeById.has(id)) return null;
    const e = edgeById.get(id), card = edgeCard(e, full);
    if (full) card.appendChild(timelineChart(e.from, e.to));
    return card;
  }

  // ---- timelines: how a pair's relationship moves ----------------------------
  const TL = DATA.timelines;
  const timelines = {};  // per view: "a\u0000b" -> [a, b, first, last, coarse, rows]
  function timelineOf(a, b) {
    if (!timelines[state.view]) {
      timelines[state.view] = new Map((TL[state.view] || []).map((t) => [t[0] + "\u0000" + t[1], t]));
    }
    const found = timelines[state.view];
    return found.get(a + "\u0000" + b) || found.get(b + "\u0000" + a) || null;
  }
  // The pair's timeline as `geokg timeline A B` draws it (computed in Python):
  // per period the events that happened, cooperation stacked above the axis and
  // conflict below (verbal light, material dark), and the net Goldstein score as
  // a line on its own scale. A period's column shows its numbers on hover and
  // sets the time filter to it when clicked.
  function timelineChart(a, b) {
    const box = el("div", { className: "timeline" });
    const t = timelineOf(a, b);
    const who = state.view === "states" ? "officials and sector actors rolled up" : "these actors themselves";
    if (!t) {
      box.appendChild(el("p", { className: "meta" }, "No events that happened between them (" + who + ")."));
      return box;
    }
    const [, , first, last, coarse, rows] = t;
    const byIndex = new Map(rows.map((r) => [r[0], r]));
    const columns = [];
    for (let i = first; i <= last; i++) columns.push({ index: i, name: TL.periods[i], row: byIndex.get(i) });
    if (byIndex.has(-1)) columns.push({ index: -1, name: "undated", row: byIndex.get(-1) });
    const sum = (k) => rows.reduce((n, r) => n + r[k], 0);
    const events = rows.reduce((n, r) => n + r[1] + r[2] + r[3] + r[4], 0);
    box.appendChild(el("p", { className: "meta" }, "Events that happened per " + TL.by + " (" + who + "): " +
      plural(events, "event") + ", " + plural(sum(6), "mention") + (coarse ? "; " + plural(coarse, "event") + " dated too coarsely left out" : "") + "."));
    box.appendChild(chartSvg(columns, a, b));
    box.appendChild(el("p", { className: "note" }, "Cooperation above the axis, conflict below (verbal light, material dark); the line is the net Goldstein score. Click a " + TL.by + " to show only it."));
    return box;
  }
  const CHART = { w: 380, h: 160, left: 26, right: 34, top: 10, bottom: 26 };
  function chartSvg(columns, a, b) {
    const C = CHART, plotW = C.w - C.left - C.right, half = (C.h - C.top - C.bottom) / 2;
    const mid = C.top + half, step = plotW / columns.length, bar = Math.min(0.7 * step, 40);
    const up = (r) => (r ? r[1] + r[2] : 0), down = (r) => (r ? r[3] + r[4] : 0);
    const most = Math.max(1, ...columns.map((c) => Math.max(up(c.row), down(c.row))));
    const reach = Math.max(1, ...columns.map((c) => (c.row ? Math.abs(c.row[5]) : 0)));
    const y = (v) => mid - v * half / (most * 1.15), netY = (v) => mid - v * half / (reach * 1.15);
    const chart = svg("svg", { class: "timeline", viewBox: "0 0 " + C.w + " " + C.h, width: "100%", role: "img" });
    chart.setAttribute("aria-label", "Events per " + TL.by + " between " + nodeById.get(a).label + " and " + nodeById.get(b).label);
    const chosen = Number($("period").value) - 1;
    const every = Math.ceil(columns.length / 8);  // at most eight period names under the axis
    const points = [];
    columns.forEach((c, k) => {
      const x = C.left + step * (k + 0.5);
      const g = svg("g", { class: "period" + (c.index >= 0 && c.index === chosen ? " current" : "") });
      g.dataset.period = c.name;
      g.dataset.index = String(c.index);
      g.appendChild(svg("rect", { class: "column", x: x - step / 2, y: C.top, width: step, height: 2 * half }));
      let top = 0, bottom = 0;
      TL.families.forEach((family, i) => {
        const n = c.row ? c.row[1 + i] : 0;
        if (!n) return;
        const conflict = i >= 2, from = conflict ? bottom : top, to = from + (conflict ? -n : n);
        g.appendChild(svg("rect", { class: "bar", x: x - bar / 2, y: Math.min(y(from), y(to)), width: bar,
          height: Math.abs(y(from) - y(to)), fill: TL.colours[i] }));
        if (conflict) bottom = to; else top = to;
      });
      const tip = svg("title", {});
      const families = (row) => TL.families.filter((f, i) => row[1 + i])
        .map((f) => row[1 + TL.families.indexOf(f)] + " " + f.replace("-", " ")).join(", ");
      tip.textContent = c.name + ": " + (c.row ? plural(up(c.row) + down(c.row), "event") + " (" + families(c.row) +
        "), net " + (c.row[5] > 0 ? "+" : "") + c.row[5].toFixed(1) + ", " + plural(c.row[6], "mention") + " in " +
        plural(c.row[7], "article") : "no events");
      g.appendChild(tip);
      if (k % every === 0 || k === columns.length - 1) {
        const label = svg("text", { x: x, y: C.h - C.bottom + 14, "text-anchor": "middle", class: "tick" });
        label.textContent = c.name;
        g.appendChild(label);
      }
      if (c.index >= 0) g.addEventListener("click", () => setPeriod(c.index + 1));
      chart.appendChild(g);
      if (c.index >= 0) points.push([x, netY(c.row ? c.row[5] : 0)]);
      else if (c.row) chart.appendChild(svg("rect", { class: "net", x: x - 3.5, y: netY(c.row[5]) - 3.5, width: 7, height: 7,
        transform: "rotate(45 " + x + " " + netY(c.row[5]) + ")", fill: TL.net }));
    });
    chart.appendChild(svg("line", { x1: C.left, x2: C.w - C.right, y1: mid, y2: mid, stroke: "#333", "stroke-width": 0.8 }));
    if (points.length) {
      chart.appendChild(svg("polyline", { class: "net", points: polygon(points), fill: "none", stroke: TL.net, "stroke-width": 1.8 }));
      points.forEach(([px, py]) => chart.appendChild(svg("circle", { class: "net", cx: px, cy: py, r: 2.6, fill: TL.net })));
    }
    [[most, C.top + 8, "start", C.left - 22, "#555"], [most, C.h - C.bottom - 2, "start", C.left - 22, "#555"],
      ["+" + reach.toFixed(1), C.top + 8, "end", C.w - 2, TL.net], ["\u2212" + reach.toFixed(1), C.h - C.bottom - 2, "end", C.w - 2, TL.net]]
      .forEach(([text, ty, anchor, tx, colour]) => {
        const label = svg("text", { x: tx, y: ty, "text-anchor": anchor, class: "scale", fill: colour });
        label.textContent = String(text);
        chart.appendChild(label);
      });
    return chart;
  }

  // ---- the time filter: every period, or one; Play steps through them ---------
  const PLAY_MS = 1000;
  let playing = null;
  function showPeriod() {
    const i = Number($("period").value);
    $("period-value").textContent = i ? TL.periods[i - 1] : "every " + TL.by;
    document.querySelectorAll("#details g.period").forEach((g) => {
      g.classList.toggle("current", Number(g.dataset.index) === i - 1);
    });
  }
  function setPeriod(i) {
    $("period").value = String(i);
    showPeriod();
    scheduleFilters();
  }
  function stopPlaying() {
    clearInterval(playing);
    playing = null;
    $("play").textContent = "\u25b6 Play";
    $("play").setAttribute("aria-pressed", "false");
  }
  function play() {
    if (playing) { stopPlaying(); return; }
    if (Number($("period").value) >= TL.periods.length) $("period").value = "0";
    const step = () => {
      const next = Number($("period").value) + 1;
      if (next > TL.periods.length) stopPlaying(); else setPeriod(next);
    };
    $("play").textContent = "\u275a\u275a Pause";
    $("play").setAttribute("aria-pressed", "true");
    step();
    playing = setInterval(step, PLAY_MS);
  }
  function setUpTime() {
    const slider = $("period");
    slider.max = String(TL.periods.length);
    $("time").hidden = TL.periods.length < 2;
    slider.addEventListener("input", () => { stopPlaying(); showPeriod(); scheduleFilters(); });
    $("play").addEventListener("click", play);
    showPeriod();
  }
  const tip = $("tip");
  let hovered = null;
  function showTip(kind, params) {
    const id = kind === "node" ? params.node : params.edge;
    if (kind === "node") hovered = id;
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
  function showCard(card) {
    if (!card) { $("details").hidden = true; return; }
    $("details-body").replaceChildren(card);
    $("details").hidden = false;
  }
  function showDetails(kind, id) { showCard(cardFor(kind, id, true)); }

  // ---- moving around: focus, views, neighbourhoods ---------------------------
  function focusNode(id) {
    geokg.focused = id;
    geokg.network.selectNodes([id]);
    geokg.network.focus(id, { scale: Math.max(geokg.network.getScale(), 1.2), animation: { duration: 400 } });
    showDetails("node", id);
  }
  function focusDyad(d) {
    geokg.focused = null;
    geokg.network.setSelection({ nodes: [d.a, d.b], edges: d.edges });
    geokg.network.fit({ nodes: [d.a, d.b], animation: { duration: 400 } });
    showCard(dyadCard(d));
  }
  function focusCommunity(index) {
    const ids = [...geokg.visible].filter((id) => place(nodeById.get(id))[3] === index);
    if (ids.length) geokg.network.fit({ nodes: ids, animation: { duration: 400 } });
  }
  function setView(view) {
    if (DATA.communities[view] === undefined) return;
    state.view = view;
    state.hood = null;
    $("hood-bar").hidden = true;
    $("states-view").checked = view === "states";
    if (geokg.focused && !inView(nodeById.get(geokg.focused))) geokg.focused = null;
    $("details").hidden = true;
    updateLegend();
    describeView();
    applyFilters();
    geokg.network.unselectAll();
    geokg.network.fit();
  }
  function showHood(id, steps) {
    state.hood = { id: id, steps: steps };
    geokg.focused = id;
    $("hood-bar").hidden = false;
    applyFilters();
    geokg.network.selectNodes([id]);
    geokg.network.fit({ nodes: [...geokg.visible] });
  }
  function leaveHood() {
    state.hood = null;
    $("hood-bar").hidden = true;
    applyFilters();
    geokg.network.fit();
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
    const weight = (n) => Math.max(...Object.values(n.views).map((v) => v[2]));
    for (const test of tests) {
      const hits = DATA.nodes.filter(test).sort((a, b) => weight(b) - weight(a) || (a.id < b.id ? -1 : 1));
      if (hits.length) return hits[0];
    }
    return null;
  }
  function search() {
    const status = $("search-status");
    const query = $("search").value;
    const found = findNode(query);
    if (!found) { status.textContent = query.trim() ? "No entity matches \u201c" + query.trim() + "\u201d." : ""; return; }
    let n = found, note = "";
    if (!inView(n) && n.root && nodeById.has(n.root) && inView(nodeById.get(n.root))) {
      n = nodeById.get(n.root);
      note = " " + found.label + " is folded into it in the states view.";
    }
    if (!inView(n)) { status.textContent = found.label + " is not drawn in the " + state.view + " view."; return; }
    if (state.hood && !geokg.visible.has(n.id)) leaveHood();
    if (nodeHidden(n.id)) { status.textContent = n.label + " is hidden by the filters."; return; }
    status.textContent = "Found " + n.label + " (" + n.type + ")." + note;
    focusNode(n.id);
  }

  // ---- the page ---------------------------------------------------------------
  function describeView() {
    const v = STATS.views[state.view];
    $("summary").textContent = fmt(STATS.entities) + " entities, " + fmt(STATS.assertions) +
      " assertions (" + plural(STATS.events, "event") + ") from " + plural(STATS.documents, "article") + "; the " + state.view + " view draws " +
      fmt(v.shownEdges) + " relations among " + fmt(v.linkedEntities) + " entities.";
    const note = $("view-note");
    note.replaceChildren();
    if (state.view === "states") {
      if (DATA.openedForSize && !geokg.switched) {
        note.appendChild(el("span", null, "Opened in the states view: the people view has " +
          fmt(STATS.views.people.linkedEntities) + " entities with relations, too many to read at once. "));
      }
      note.appendChild(el("span", null, fmt(STATS.folded) + " officials, ministries, forces and other members are folded into the " +
        "states and organisations they belong to, with their claims. "));
      note.appendChild(button("Show people", () => { geokg.switched = true; setView("people"); }));
    }
    note.hidden = state.view !== "states";
    const cap = $("cap");
    cap.hidden = !v.capped;
    if (v.capped) {
      cap.textContent = "Showing the " + fmt(v.shownEntities) + " most involved of " + fmt(v.entities) +
        " entities of this view (cap: " + fmt(STATS.cap) + "), with the " + fmt(v.shownAssertions) + " assertions among them.";
    }
  }
  function setUp() {
    // The search box's suggestions, made when it is first used (thousands of
    // options would slow the first frame).
    $("search").addEventListener("focus", () => {
      const labels = $("labels");
      if (labels.childElementCount) return;
      DATA.nodes.map((n) => n.label).sort(byText).forEach((label) => labels.appendChild(el("option", { value: label })));
    });
    const slider = $("min-support");
    slider.max = String(Math.max(1, STATS.maxSupport));
    slider.addEventListener("input", () => { $("min-support-value").textContent = slider.value; scheduleFilters(); });
    ["date-from", "date-to"].forEach((id) => {
      // Bounds set when first used: a date box remakes its parts for each.
      $(id).addEventListener("focus", () => {
        if (STATS.dateMin && STATS.dateMin.length === 10) $(id).min = STATS.dateMin;
        if (STATS.dateMax && STATS.dateMax.length === 10) $(id).max = STATS.dateMax;
      }, { once: true });
      $(id).addEventListener("change", scheduleFilters);
    });
    $("undated").addEventListener("change", scheduleFilters);
    $("states-view").addEventListener("change", (ev) => { geokg.switched = true; setView(ev.target.checked ? "states" : "people"); });
    $("hood-1").addEventListener("click", () => showHood(state.hood.id, 1));
    $("hood-2").addEventListener("click", () => showHood(state.hood.id, 2));
    $("hood-exit").addEventListener("click", leaveHood);
    setUpTime();
  }
  // A line's colour with its opacity built in (vis would work it out from the
  // hex colour on every frame): standing relations (offices, memberships)
  // recede behind the events.
  const lineColour = {};
  VOCAB.families.forEach((f) => {
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(f.colour.slice(i, i + 2), 16));
    lineColour[f.name] = "rgba(" + r + "," + g + "," + b + "," + (f.name === "standing" ? 0.55 : 0.9) + ")";
  });
  // A line as vis first takes it: what it has of its own (the options give
  // straight, solid, shown lines with arrows of their size, when enabled).
  function visEdge(e, st, curve) {
    const colour = lineColour[e.family];
    const line = {
      id: e.id, from: e.from, to: e.to, width: lineWidth(st),
      color: { color: colour, highlight: colour, hover: colour },
    };
    if (e.directed) line.arrows = "to";
    if (DASHES[st.style]) line.dashes = DASHES[st.style];
    if (curve) line.smooth = smooth(curve);
    return line;
  }
  const lineWidth = (st) => Math.min(1.5 + 2.2 * Math.log2(st.n), 12);
  const smooth = (curve) => (curve ? { enabled: true, type: curve > 0 ? "curvedCW" : "curvedCCW", roundness: Math.abs(curve) } : false);
  // vis-network works out every node's and line's label options (fonts, size
  // constraints, hover choices) from the same options, item by item: a third of
  // the time it takes to make them, for labels it never draws here (the page
  // draws its own). Items whose options name none of these of their own take a
  // copy of what vis worked out for the first of their kind (a test checks the
  // copy is what vis would work out).
  function sharedLabels(net) {
    const probe = net.body.functions.createNode({ id: "geokg-probe" });
    const Label = probe.labelModule && probe.labelModule.constructor;
    const update = Label && Label.prototype.update;
    if (typeof update !== "function" || Label.prototype.geokgOwnUpdate) return;
    const MODS = ["bold", "ital", "boldital", "mono"], OWN = ["font", "widthConstraint", "heightConstraint", "chosen"];
    const done = new Map(), ids = new Map();
    const own = (o) => OWN.some((name) => Object.prototype.hasOwnProperty.call(o, name));
    // What Label.update reads: the item's options (`options`, bridged from the
    // options all items of its kind share) and those it was given (pile[0]),
    // then the shared ones (its group's, the network's, vis's defaults). Items
    // that give themselves none of OWN read only the shared ones.
    const key = (label, options, pile) => {
      if (pile[1] !== options || (pile[0] && own(pile[0])) || own(options)) return null;
      let k = label.isEdgeLabel ? "edge" : "node";
      for (let i = 2; i < pile.length; i++) {
        const o = pile[i];
        if (o && !ids.has(o)) ids.set(o, ids.size);
        k += "," + (o ? ids.get(o) : "-");
      }
      return k;
    };
    // The shared options change only through setOptions.
    const setOptions = net.setOptions;
    net.setOptions = function (options) {
      done.clear();
      return setOptions.call(this, options);
    };
    const copy = (f) => {
      const out = Object.assign({}, f);
      MODS.forEach((m) => { out[m] = Object.assign({}, f[m]); });
      return out;
    };
    Label.prototype.update = function (options, pile) {
      const k = key(this, options, pile), made = k !== null && done.get(k);
      if (!made) {
        update.call(this, options, pile);
        if (k !== null) done.set(k, { fonts: copy(this.fontOptions), baseSize: this.baseSize });
        return;
      }
      // The rest of what Label.setOptions does (it also parses the font, whose
      // size is the base size).
      this.elementOptions = options;
      if (typeof options.label === "string" && options.label !== "") this.labelDirty = true;
      else options.label = undefined;
      this.baseSize = made.baseSize;
      this.fontOptions = copy(made.fonts);
      this.geokgShared = true;
    };
    Label.prototype.geokgOwnUpdate = update;  // vis's own, for the tests
  }
  // vis gives dash patterns in drawing units, which zooming out shrinks below
  // a pixel (a path segment each, and no dashes to see); these keep them the
  // same size on screen at any zoom.
  function screenDashes(net) {
    const ctx = net.canvas.getContext(), set = ctx.setLineDash.bind(ctx);
    ctx.setLineDash = (pattern) => set(pattern.map((v) => v / net.body.view.scale));
  }
  function start() {
    buildLegend();
    setUp();
    geokg.data = DATA;
    geokg.nodes = new vis.DataSet();  // filled by the first applyFilters()
    geokg.edges = new vis.DataSet();
    Object.assign(geokg, {
      counts: counts, applyFilters: applyFilters, search: search, setView: setView, focusNode: focusNode,
      showHood: showHood, leaveHood: leaveHood, state: state, setPeriod: setPeriod,
    });
    $("states-view").checked = state.view === "states";
    updateLegend();
    describeView();
    mark("setup");
    applyFilters();
    mark("filters");
    const network = new vis.Network($("graph"), {}, DATA.options);
    sharedLabels(network);
    network.setData({ nodes: geokg.nodes, edges: geokg.edges });
    mark("network");
    geokg.network = network;
    screenDashes(network);
    network.once("beforeDrawing", () => mark("frame"));
    network.on("beforeDrawing", drawHulls);
    network.once("beforeDrawing", () => mark("hulls"));
    network.once("afterDrawing", () => mark("drawn"));
    network.on("afterDrawing", drawLabels);
    $("physics").addEventListener("change", (ev) => network.setOptions({ physics: { enabled: ev.target.checked } }));
    network.on("hoverNode", (p) => showTip("node", p));
    network.on("hoverEdge", (p) => showTip("edge", p));
    network.on("blurNode", () => { hovered = null; hideTip(); });
    ["blurEdge", "dragStart", "zoom"].forEach((name) => network.on(name, hideTip));
    network.on("click", (p) => {
      if (p.nodes.length) { geokg.focused = p.nodes[0]; showDetails("node", p.nodes[0]); }
      else if (p.edges.length) showDetails("edge", p.edges[0]);
      else { geokg.focused = state.hood ? state.hood.id : null; $("details").hidden = true; }
    });
    $("close-details").addEventListener("click", () => { $("details").hidden = true; });
    $("search").addEventListener("change", search);
    $("search").addEventListener("keydown", (ev) => { if (ev.key === "Enter") search(); });
    $("fit").addEventListener("click", () => network.fit({ animation: { duration: 300 } }));
    // vis has fitted the view to the graph (it does with physics off) and draws
    // the first frame on its own (one animation frame after the data
    // arrived); drawing it here as well would draw the whole graph twice.
    network.once("afterDrawing", () => {
      $("loading").hidden = true;
      geokg.ready = true;
      geokg.readyAt = performance.now();
      mark("ready");
    });
  }
  start();
})();
